/* fuzz-feed.c: any document through the feed parser
 *
 * The whole entry point: byte order marks, the HTTP charset, JSON and XML,
 * every format's probe and reader.  A first byte from 0x01 to 0x1f (not
 * white space) picks the Content-Type and address the document came with,
 * so the charset and link-resolving paths are fuzzed too.  Whatever comes
 * out must be whole: an error with a message, or a feed whose every string
 * is valid UTF-8, whose ids are present and unique, whose items are in
 * order and whose items survive the store's codec unchanged.  A JSON
 * Feed read an item at a time must come out exactly as json-glib's tree
 * of the whole document gives it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kh-feed-parser.h"
#include "kh-item-codec.h"
#include "fuzz-common.h"

static const struct
{
  const char *content_type;
  const char *base_uri;
} variants[] = {
  { NULL, NULL },
  { "application/feed+json", "https://news.example/live/feed.json" },
  { "application/json; charset=utf-8", "https://news.example/wp-json/wp/v2/posts?_embed" },
  { "application/ld+json", "https://news.example/live/2024/story" },
  { "application/rss+xml", "https://news.example/rss.xml" },
  { "application/rss+xml; charset=windows-1256", "https://news.example/ar/rss" },
  { "text/xml; charset=ISO-8859-6", "http://news.example/feed" },
  { "application/atom+xml; charset=\"us-ascii\"", "https://news.example/atom" },
  { "text/xml; charset=utf-16", NULL },
  { "text/xml; charset=UTF-32LE", NULL },
  { "application/xml; charset=iso-8859-1", "file:///srv/feeds/local.xml" },
  { "text/plain; charset=koi8-r", NULL },
  { "text/html; charset=gb2312", "https://news.example/" },
  { "application/json; charset=windows-1252", NULL },
  { "application/xml; charset=no-such-encoding", NULL },
  { "text/xml; charset=", NULL },
  { "text/xml; charset=\"utf-8", NULL },
  { "application/rss+xml; q=0.5; charset=shift_jis; x=\"y\"", "https://news.example/a/b/c?d=e#f" },
  { ";;;", "resource:///io/github/khabar/Khabar/demo/feed.json" },
  { "application/json; charset=utf-16be", "http://[::1]:8080/feed" },
  { "text/xml; charset=big5", "https://user:pass@news.example:8443/x/../y/./feed.xml" },
  { "application/feed+json; charset=EUC-JP", "not a uri" },
  { "application/rss+xml; charset=TIS-620", "https://news.example" },
  { "text/xml; charset=UTF-7", "mailto:desk@news.example" },
  { "application/atom+xml; charset=ucs-4", "https://news.example/feed?page=2" },
  { "application/octet-stream", "data:text/plain,abc" },
  { "application/json", "" },
};

static void
check_attachments (KhItem *item)
{
  GPtrArray *attachments = kh_item_get_attachments (item);

  for (guint i = 0; i < attachments->len; i++)
    {
      KhAttachment *attachment = g_ptr_array_index (attachments, i);

      kh_fuzz_assert_utf8 (kh_attachment_get_url (attachment));
      kh_fuzz_assert_utf8 (kh_attachment_get_mime_type (attachment));
      kh_fuzz_assert_utf8 (kh_attachment_get_title (attachment));
    }
}

/* What the store keeps of an item reads back as the same item. */
static void
check_codec (KhItem *item)
{
  g_autofree char *json = kh_item_to_json_string (item);
  g_autoptr(KhItem) again = NULL;
  g_autofree char *json_again = NULL;
  g_autoptr(GError) error = NULL;

  kh_fuzz_assert_utf8 (json);
  again = kh_item_new_from_json_string (json, &error);
  if (again == NULL)
    g_error ("An item does not read back: %s\n%s", error->message, json);
  json_again = kh_item_to_json_string (again);
  if (strcmp (json, json_again) != 0)
    g_error ("An item reads back changed:\n%s\n%s", json, json_again);
  g_assert_cmpstr (kh_item_get_content_hash (item), ==, kh_item_get_content_hash (again));
}

static void
check_item (KhItem *item)
{
  g_assert_nonnull (kh_item_get_id (item));
  g_assert_cmpstr (kh_item_get_id (item), !=, "");
  kh_fuzz_assert_utf8 (kh_item_get_id (item));
  g_assert_nonnull (kh_item_get_title (item));
  g_assert_cmpstr (kh_item_get_title (item), !=, "");
  kh_fuzz_assert_utf8 (kh_item_get_title (item));
  kh_fuzz_assert_utf8 (kh_item_get_url (item));
  kh_fuzz_assert_utf8 (kh_item_get_summary (item));
  kh_fuzz_assert_strv_utf8 (kh_item_get_paragraphs (item));
  kh_fuzz_assert_utf8 (kh_item_get_content_html (item));
  kh_fuzz_assert_utf8 (kh_item_get_image (item));
  kh_fuzz_assert_utf8 (kh_item_get_banner_image (item));
  kh_fuzz_assert_utf8 (kh_item_get_image_caption (item));
  kh_fuzz_assert_utf8 (kh_item_get_dateline (item));
  kh_fuzz_assert_utf8 (kh_item_get_language (item));
  kh_fuzz_assert_utf8 (kh_item_get_clock_label (item));
  kh_fuzz_assert_strv_utf8 (kh_item_get_authors (item));
  kh_fuzz_assert_strv_utf8 (kh_item_get_tags (item));
  check_attachments (item);
  check_codec (item);
}

static void
check_feed (KhFeed *feed)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  guint n_items = kh_feed_get_n_items (feed);

  g_assert_nonnull (kh_feed_get_format (feed));
  kh_fuzz_assert_utf8 (kh_feed_get_title (feed));
  kh_fuzz_assert_utf8 (kh_feed_get_home_page_url (feed));
  kh_fuzz_assert_utf8 (kh_feed_get_language (feed));
  kh_fuzz_assert_utf8 (kh_feed_get_next_url (feed));
  kh_fuzz_assert_utf8 (kh_feed_get_icon (feed));
  kh_fuzz_assert_strv_utf8 (kh_feed_get_problems (feed));
  kh_feed_get_coverage_state (feed, now);

  for (guint i = 0; i < n_items; i++)
    {
      KhItem *item = kh_feed_get_item (feed, i);

      check_item (item);
      g_assert_true (g_hash_table_add (ids, (gpointer) kh_item_get_id (item)));
      if (i > 0)
        g_assert_cmpint (kh_item_compare_newest_first (kh_feed_get_item (feed, i - 1), item), <=, 0);
    }
}

static void
assert_same_feed (KhFeed *pieces,
                  KhFeed *whole)
{
  g_assert_cmpstr (kh_feed_get_format (pieces), ==, kh_feed_get_format (whole));
  g_assert_cmpstr (kh_feed_get_title (pieces), ==, kh_feed_get_title (whole));
  g_assert_cmpstr (kh_feed_get_home_page_url (pieces), ==, kh_feed_get_home_page_url (whole));
  g_assert_cmpstr (kh_feed_get_language (pieces), ==, kh_feed_get_language (whole));
  g_assert_cmpstr (kh_feed_get_next_url (pieces), ==, kh_feed_get_next_url (whole));
  g_assert_cmpstr (kh_feed_get_icon (pieces), ==, kh_feed_get_icon (whole));
  g_assert_cmpint (kh_feed_get_expired (pieces), ==, kh_feed_get_expired (whole));
  g_assert_cmpstrv (kh_feed_get_problems (pieces), kh_feed_get_problems (whole));
  g_assert_cmpuint (kh_feed_get_n_skipped (pieces), ==, kh_feed_get_n_skipped (whole));
  g_assert_cmpuint (kh_feed_get_n_items (pieces), ==, kh_feed_get_n_items (whole));
  for (guint i = 0; i < kh_feed_get_n_items (pieces); i++)
    {
      g_autofree char *a = kh_item_to_json_string (kh_feed_get_item (pieces, i));
      g_autofree char *b = kh_item_to_json_string (kh_feed_get_item (whole, i));

      g_assert_cmpstr (a, ==, b);
    }
}

/* JSON Feeds are read an item at a time (kh-json-split.c); reading the
 * whole document as one tree is the reference. */
static void
check_against_whole (GBytes       *document,
                     guint         variant,
                     KhFeed       *feed,
                     const GError *error)
{
  g_autoptr(GError) whole_error = NULL;
  g_autoptr(KhFeed) whole = NULL;
  const char *format = feed ? kh_feed_get_format (feed) : NULL;
  gsize size = 0;
  const char *data = g_bytes_get_data (document, &size);

  /* Only a JSON object can be read in pieces. */
  if (feed != NULL ? !g_str_has_prefix (format, "JSON Feed") : size == 0 || memchr (data, '{', size) == NULL)
    return;
  whole = kh_feed_parser_parse_whole (document, variants[variant].content_type,
                                      variants[variant].base_uri, &whole_error);
  if (feed == NULL)
    {
      g_assert_null (whole);
      g_assert_cmpstr (error->message, ==, whole_error->message);
      return;
    }
  g_assert_no_error (whole_error);
  assert_same_feed (feed, whole);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  kh_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  guint variant = kh_fuzz_take_selector (&data, &size) % G_N_ELEMENTS (variants);
  g_autoptr(GBytes) document = g_bytes_new (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = NULL;

  feed = kh_feed_parser_parse_full (document, variants[variant].content_type,
                                    variants[variant].base_uri, &error);
  if (feed == NULL)
    {
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, !=, "");
      kh_fuzz_assert_utf8 (error->message);
      check_against_whole (document, variant, NULL, error);
      return 0;
    }
  g_assert_no_error (error);
  check_feed (feed);
  check_against_whole (document, variant, feed, NULL);
  return 0;
}
