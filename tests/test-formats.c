/* test-formats.c: every feed format the parser reads, and its dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>
#include <time.h>

#include "kh-attachment.h"
#include "kh-date.h"
#include "kh-error.h"
#include "kh-feed-parser.h"
#include "feed-helpers.h"

/* Helpers */

static KhFeed *
parse_fixture_full (const char *name,
                    const char *content_type,
                    const char *base_uri)
{
  g_autoptr(GBytes) bytes = load_fixture (name);
  g_autoptr(GError) error = NULL;
  KhFeed *feed = kh_feed_parser_parse_full (bytes, content_type, base_uri, &error);

  g_assert_no_error (error);
  g_assert_true (KH_IS_FEED (feed));
  return feed;
}

static KhFeed *
parse_string (const char *document,
              const char *base_uri)
{
  g_autoptr(GBytes) bytes = g_bytes_new (document, strlen (document));
  g_autoptr(GError) error = NULL;
  KhFeed *feed = kh_feed_parser_parse_full (bytes, NULL, base_uri, &error);

  g_assert_no_error (error);
  g_assert_true (KH_IS_FEED (feed));
  return feed;
}

/* Parses a document that must fail; returns the error's message. */
static char *
parse_string_error (const char *document,
                    int         code)
{
  g_autoptr(GBytes) bytes = g_bytes_new (document, strlen (document));
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = kh_feed_parser_parse (bytes, &error);

  g_assert_null (feed);
  g_assert_error (error, KH_FEED_ERROR, code);
  return g_strdup (error->message);
}

/* RSS 2.0 */

static void
test_rss_windows_1256 (void)
{
  /* The XML declaration names windows-1256; the bytes are in it. */
  g_autoptr(KhFeed) feed = parse_fixture_full ("rss-windows-1256.xml", NULL,
                                               "https://akhbar.example.net/live/rss");
  const char * const order[] = { "akhbar-1201", "https://akhbar.example.net/live/1200", NULL };

  assert_no_problems (feed);
  g_assert_cmpstr (kh_feed_get_format (feed), ==, "RSS 2.0");
  g_assert_cmpstr (kh_feed_get_title (feed), ==, "أخبار المدينة - مباشر");
  g_assert_cmpstr (kh_feed_get_home_page_url (feed), ==, "https://akhbar.example.net/live");
  g_assert_cmpstr (kh_feed_get_language (feed), ==, "ar");
  /* Relative to the document's address. */
  g_assert_cmpstr (kh_feed_get_next_url (feed), ==, "https://akhbar.example.net/live/rss?page=2");
  g_assert_cmpstr (kh_feed_get_icon (feed), ==, "https://akhbar.example.net/img/logo.png");
  assert_item_ids (feed, order);
}

static void
test_rss_full_item (void)
{
  g_autoptr(KhFeed) feed = parse_fixture_full ("rss-windows-1256.xml", NULL,
                                               "https://akhbar.example.net/live/rss");
  KhItem *item = find_item (feed, "akhbar-1201");
  const char * const paragraphs[] = {
    "افتتح المحافظ صباح اليوم جسر الميناء الجديد بعد عامين من العمل.",
    "وقال إن الجسر يختصر الطريق إلى وسط المدينة إلى النصف.",
    NULL
  };
  const char * const authors[] = { "سلمى يوسف", NULL };
  const char * const tags[] = { "مواصلات", "الميناء", NULL };
  GPtrArray *attachments = kh_item_get_attachments (item);

  g_assert_cmpstr (kh_item_get_title (item), ==, "افتتاح جسر الميناء الجديد أمام السيارات");
  g_assert_cmpstr (kh_item_get_url (item), ==, "https://akhbar.example.net/live/1201");
  /* content:encoded is the body; the description, its summary. */
  g_assert_cmpstrv (kh_item_get_paragraphs (item), paragraphs);
  g_assert_true (g_str_has_prefix (kh_item_get_content_html (item), "<p>افتتح المحافظ"));
  g_assert_cmpstr (kh_item_get_summary (item), ==, "افتتح المحافظ الجسر صباح اليوم.");
  /* RFC 822 with an offset, which is kept. */
  assert_date (kh_item_get_published (item), 1795925641);   /* 2026-11-29T04:14:01Z */
  g_assert_cmpint (g_date_time_get_utc_offset (kh_item_get_published (item)), ==, 3 * G_TIME_SPAN_HOUR);
  g_assert_null (kh_item_get_modified (item));
  g_assert_cmpstrv (kh_item_get_authors (item), authors);
  g_assert_cmpstrv (kh_item_get_tags (item), tags);
  g_assert_cmpstr (kh_item_get_language (item), ==, "ar");
  /* The Media RSS image, its caption ending with its credit. */
  g_assert_cmpstr (kh_item_get_image (item), ==, "https://akhbar.example.net/img/bridge.jpg");
  g_assert_cmpstr (kh_item_get_image_caption (item), ==, "الجسر الجديد لحظة الافتتاح - وكالة الأنباء");
  g_assert_cmpuint (attachments->len, ==, 1);
  g_assert_true (kh_attachment_is_image (g_ptr_array_index (attachments, 0)));
}

static void
test_rss_enclosures (void)
{
  g_autoptr(KhFeed) feed = parse_fixture_full ("rss-windows-1256.xml", NULL,
                                               "https://akhbar.example.net/live/rss");
  KhItem *item = find_item (feed, "https://akhbar.example.net/live/1200");
  const char * const paragraphs[] = {
    "حذرت هيئة الأرصاد من ارتفاع منسوب المياه & دعت السكان إلى الحذر.",
    NULL
  };
  const char * const authors[] = { "مكتب التحرير", NULL };
  GPtrArray *attachments = kh_item_get_attachments (item);
  KhAttachment *audio;

  /* No guid: the link, made absolute, is the id. */
  g_assert_cmpstr (kh_item_get_url (item), ==, "https://akhbar.example.net/live/1200");
  /* Without content:encoded the description is the body. */
  g_assert_cmpstrv (kh_item_get_paragraphs (item), paragraphs);
  g_assert_null (kh_item_get_summary (item));
  /* "GMT", and no seconds. */
  assert_date (kh_item_get_published (item), 1795924920);   /* 2026-11-29T04:02:00Z */
  /* The name in "address (name)". */
  g_assert_cmpstrv (kh_item_get_authors (item), authors);

  g_assert_cmpuint (attachments->len, ==, 2);
  audio = g_ptr_array_index (attachments, 0);
  g_assert_cmpstr (kh_attachment_get_url (audio), ==, "https://akhbar.example.net/audio/1200.mp3");
  g_assert_cmpstr (kh_attachment_get_mime_type (audio), ==, "audio/mpeg");
  g_assert_cmpint (kh_attachment_get_size (audio), ==, 524288);
  g_assert_false (kh_attachment_is_image (audio));
  /* The image enclosure is the lead image. */
  g_assert_cmpstr (kh_item_get_image (item), ==, "https://akhbar.example.net/img/river.jpg");
}

static void
test_rss_http_charset (void)
{
  /* No encoding in the XML declaration: only the HTTP charset says
   * ISO-8859-6. */
  g_autoptr(KhFeed) feed = parse_fixture_full ("rss-iso-8859-6.xml",
                                               "application/rss+xml; charset=ISO-8859-6", NULL);
  const char * const paragraphs[] = { "يتوقع أن تهطل أمطار غزيرة مساء اليوم على المدن الساحلية.", NULL };
  KhItem *item;

  assert_no_problems (feed);
  g_assert_cmpstr (kh_feed_get_title (feed), ==, "نشرة الطقس");
  item = find_item (feed, "taqs-7");
  g_assert_cmpstr (kh_item_get_title (item), ==, "أمطار غزيرة على الساحل");
  g_assert_cmpstrv (kh_item_get_paragraphs (item), paragraphs);
  assert_date (kh_item_get_published (item), 1796054400);   /* 2026-11-30T16:00Z */
}

static void
test_rss_missing_charset (void)
{
  /* Without the HTTP charset the bytes are not UTF-8: the feed is still
   * read, as well as it can be, and the problem is reported. */
  g_autoptr(KhFeed) feed = parse_fixture_full ("rss-iso-8859-6.xml", NULL, NULL);
  const char * const *problems = kh_feed_get_problems (feed);

  g_assert_nonnull (problems[0]);
  g_assert_cmpstr (problems[0], ==, "Line 4, column 12: Input is not proper UTF-8, indicate encoding ! "
                                   "Bytes: 0xE6 0xD4 0xD1 0xC9");
  g_assert_cmpstr (kh_feed_get_title (feed), !=, "نشرة الطقس");
  g_assert_true (g_utf8_validate (kh_feed_get_title (feed), -1, NULL));
}

static void
test_rss_unknown_charset (void)
{
  /* An HTTP charset nobody knows is reported and left aside; the XML
   * declaration then decides. */
  g_autoptr(KhFeed) feed = parse_fixture_full ("rss-windows-1256.xml",
                                               "text/xml; charset=x-no-such-charset", NULL);
  const char * const problems[] = { "Unknown character encoding “x-no-such-charset”", NULL };

  g_assert_cmpstrv (kh_feed_get_problems (feed), problems);
  g_assert_cmpstr (kh_feed_get_title (feed), ==, "أخبار المدينة - مباشر");
}

static void
test_rss_bom (void)
{
  /* The byte order mark wins over the HTTP charset. */
  g_autoptr(KhFeed) feed = parse_fixture_full ("rss-bom.xml", "text/xml; charset=ISO-8859-6", NULL);
  const char * const paragraphs[] = { "النص العربي سليم بعد العلامة.", NULL };
  KhItem *item;

  assert_no_problems (feed);
  g_assert_cmpstr (kh_feed_get_title (feed), ==, "بداية بعلامة ترتيب البايتات");
  item = find_item (feed, "bom-rss-1");
  g_assert_cmpstr (kh_item_get_title (item), ==, "قرئت الخلاصة كاملة");
  g_assert_cmpstrv (kh_item_get_paragraphs (item), paragraphs);
}

static void
test_rss_utf16 (void)
{
  static const char document[] =
    "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
    "<rss version=\"2.0\"><channel><title>خبر</title>"
    "<item><guid>u16</guid><title>نص بترميز UTF-16</title></item></channel></rss>";
  const char *encodings[] = { "UTF-16LE", "UTF-16BE", "UTF-32LE" };

  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    for (guint with_mark = 0; with_mark <= 1; with_mark++)
      {
        g_autofree char *marked = g_strconcat (with_mark ? "\xEF\xBB\xBF" : "", document, NULL);
        gsize length = 0;
        g_autofree char *encoded = g_convert (marked, -1, encodings[i], "UTF-8", NULL, &length, NULL);
        g_autoptr(GBytes) bytes = g_bytes_new (encoded, length);
        g_autoptr(GError) error = NULL;
        g_autoptr(KhFeed) feed = kh_feed_parser_parse (bytes, &error);

        g_test_message ("%s, %s byte order mark", encodings[i], with_mark ? "with" : "without");
        g_assert_no_error (error);
        g_assert_cmpstr (kh_feed_get_title (feed), ==, "خبر");
        g_assert_cmpstr (kh_item_get_title (find_item (feed, "u16")), ==, "نص بترميز UTF-16");
      }
}

static void
test_rss_items (void)
{
  g_autoptr(KhFeed) feed = parse_fixture_full ("rss-edge.xml", NULL, NULL);
  const char * const *problems = kh_feed_get_problems (feed);
  KhItem *notice, *ferry = NULL, *crossing;
  GPtrArray *attachments;

  g_assert_cmpstr (kh_feed_get_format (feed), ==, "RSS 0.92");
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 3);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 3);
  g_assert_true (g_strv_contains (problems, "Item 2 repeats the id “notice-1”; skipped"));
  g_assert_true (g_strv_contains (problems, "Item 3: “pubDate” is not a date: “sometime on Tuesday”"));
  g_assert_true (g_strv_contains (problems, "Item 4 (“notice-4”) has neither a title nor any text; skipped"));
  g_assert_true (g_strv_contains (problems, "Item 5 has no id; skipped"));

  /* Escaped markup in a title is read as HTML; EST is five hours behind. */
  notice = find_item (feed, "notice-1");
  g_assert_cmpstr (kh_item_get_title (notice), ==, "Prices & wages frozen");
  assert_date (kh_item_get_published (notice), 1796135400);   /* 2026-12-01T14:30Z */
  g_assert_cmpint (g_date_time_get_utc_offset (kh_item_get_published (notice)), ==, -5 * G_TIME_SPAN_HOUR);
  /* The image of a <media:group>, captioned by the group. */
  g_assert_cmpstr (kh_item_get_image (notice), ==, "https://harbour.example.net/img/1.jpg");
  g_assert_cmpstr (kh_item_get_image_caption (notice), ==, "Dock workers at the gate");
  attachments = kh_item_get_attachments (notice);
  g_assert_cmpuint (attachments->len, ==, 2);
  g_assert_cmpstr (kh_attachment_get_mime_type (g_ptr_array_index (attachments, 0)), ==, "video/mp4");
  g_assert_cmpint (kh_attachment_get_size (g_ptr_array_index (attachments, 0)), ==, 900000);
  g_assert_cmpfloat (kh_attachment_get_duration (g_ptr_array_index (attachments, 0)), ==, 61);

  /* A permanent-link guid is the address; a Spanish day name is skipped. */
  crossing = find_item (feed, "https://harbour.example.net/notices/6");
  g_assert_cmpstr (kh_item_get_url (crossing), ==, "https://harbour.example.net/notices/6");
  assert_date (kh_item_get_published (crossing), 1796159700);   /* 2026-12-01T21:15Z */

  /* Neither guid, link nor title: an id made from the content, a title
   * from the text, and the thumbnail for an image. */
  for (guint i = 0; i < kh_feed_get_n_items (feed); i++)
    if (g_str_has_prefix (kh_item_get_id (kh_feed_get_item (feed, i)), "sha256:"))
      ferry = kh_feed_get_item (feed, i);
  g_assert_nonnull (ferry);
  g_assert_cmpstr (kh_item_get_title (ferry), ==,
                   "The ferry leaves from pier two today. Pier one is closed for repairs.");
  g_assert_null (kh_item_get_published (ferry));
  g_assert_cmpstr (kh_item_get_image (ferry), ==, "https://harbour.example.net/img/ferry-small.jpg");

  /* Newest first, the undated last. */
  g_assert_true (kh_feed_get_item (feed, 0) == crossing);
  g_assert_true (kh_feed_get_item (feed, 1) == notice);
  g_assert_true (kh_feed_get_item (feed, 2) == ferry);
}

static void
test_rss_synthetic_id_stable (void)
{
  g_autoptr(KhFeed) first = parse_fixture_full ("rss-edge.xml", NULL, NULL);
  g_autoptr(KhFeed) second = parse_fixture_full ("rss-edge.xml", NULL, NULL);

  /* The same item gets the same id from one fetch to the next. */
  g_assert_cmpstr (kh_item_get_id (kh_feed_get_item (first, 2)), ==,
                   kh_item_get_id (kh_feed_get_item (second, 2)));
}

/* RSS 1.0 */

static void
test_rdf (void)
{
  g_autoptr(KhFeed) feed = parse_fixture_full ("rdf.xml", NULL, NULL);
  const char * const order[] = {
    "https://observatory.example.org/notes/comet",
    "https://observatory.example.org/notes/eclipse",
    NULL
  };
  const char * const authors[] = { "Farid Aziz", "Mona Halabi", NULL };
  const char * const tags[] = { "comets", NULL };
  const char * const eclipse_paragraphs[] = {
    "The partial phase begins at 10:02.",
    "Never look at the sun directly.",
    NULL
  };
  KhItem *comet, *eclipse;

  assert_no_problems (feed);
  g_assert_cmpstr (kh_feed_get_format (feed), ==, "RSS 1.0");
  g_assert_cmpstr (kh_feed_get_title (feed), ==, "Observatory notes");
  g_assert_cmpstr (kh_feed_get_home_page_url (feed), ==, "https://observatory.example.org/");
  g_assert_cmpstr (kh_feed_get_language (feed), ==, "en");
  g_assert_cmpstr (kh_feed_get_icon (feed), ==, "https://observatory.example.org/logo.png");
  assert_item_ids (feed, order);

  comet = find_item (feed, order[0]);
  g_assert_cmpstr (kh_item_get_title (comet), ==, "Comet visible after sunset");
  g_assert_cmpstr (kh_item_get_url (comet), ==, "https://observatory.example.org/notes/comet");
  /* W3C-DTF without seconds. */
  assert_date (kh_item_get_published (comet), 1795884000);   /* 2026-11-28T16:40Z */
  g_assert_cmpstrv (kh_item_get_authors (comet), authors);
  g_assert_cmpstrv (kh_item_get_tags (comet), tags);
  g_assert_cmpstr (kh_item_get_language (comet), ==, "en");

  /* No <link>: rdf:about is the address.  A bare date is midnight UTC. */
  eclipse = find_item (feed, order[1]);
  g_assert_cmpstr (kh_item_get_url (eclipse), ==, "https://observatory.example.org/notes/eclipse");
  assert_date (kh_item_get_published (eclipse), 1795737600);   /* 2026-11-27T00:00Z */
  g_assert_cmpstrv (kh_item_get_paragraphs (eclipse), eclipse_paragraphs);
  g_assert_cmpstr (kh_item_get_summary (eclipse), ==, "The times for every district.");
}

/* Atom */

static void
test_atom_feed (void)
{
  g_autoptr(KhFeed) feed = parse_fixture_full ("atom.xml", NULL, NULL);
  const char * const order[] = {
    "tag:madina.example.com,2026:live/3",
    "tag:madina.example.com,2026:live/2",
    "https://madina.example.com/live/1",
    NULL
  };

  assert_no_problems (feed);
  g_assert_cmpstr (kh_feed_get_format (feed), ==, "Atom 1.0");
  /* An HTML title, as plain text. */
  g_assert_cmpstr (kh_feed_get_title (feed), ==, "المدينة مباشر");
  g_assert_cmpstr (kh_feed_get_language (feed), ==, "ar");
  /* Links resolve against xml:base. */
  g_assert_cmpstr (kh_feed_get_home_page_url (feed), ==, "https://madina.example.com/live/");
  g_assert_cmpstr (kh_feed_get_next_url (feed), ==, "https://madina.example.com/live/atom.xml?before=3");
  g_assert_cmpstr (kh_feed_get_icon (feed), ==, "https://madina.example.com/favicon.png");
  /* The last entry has no id: its link stands in. */
  assert_item_ids (feed, order);
}

static void
test_atom_xhtml (void)
{
  g_autoptr(KhFeed) feed = parse_fixture_full ("atom.xml", NULL, NULL);
  KhItem *item = find_item (feed, "tag:madina.example.com,2026:live/3");
  const char * const paragraphs[] = {
    "انقطع التيار الكهربائي عن الحي الشرقي منذ الفجر.",
    "وتعمل فرق الصيانة على إصلاح العطل.",
    NULL
  };
  /* No author of its own: the feed's. */
  const char * const authors[] = { "غرفة الأخبار", NULL };
  const char * const tags[] = { "كهرباء", "east", NULL };
  const char *html = kh_item_get_content_html (item);

  g_assert_cmpstr (kh_item_get_title (item), ==, "انقطاع التيار في الحي الشرقي");
  g_assert_cmpstr (kh_item_get_url (item), ==, "https://madina.example.com/live/3");
  g_assert_cmpstrv (kh_item_get_paragraphs (item), paragraphs);
  /* The markup inside the <div>, without the <div>. */
  g_assert_nonnull (strstr (html, "<strong>الحي الشرقي</strong>"));
  g_assert_null (strstr (html, "<div"));
  g_assert_null (kh_item_get_summary (item));
  assert_date (kh_item_get_published (item), 1795930200);   /* 2026-11-29T05:30Z */
  assert_date (kh_item_get_modified (item), 1795931100);    /* 2026-11-29T05:45Z */
  g_assert_cmpstr (kh_item_get_language (item), ==, "ar");
  g_assert_cmpstrv (kh_item_get_authors (item), authors);
  /* A category's label, else its term. */
  g_assert_cmpstrv (kh_item_get_tags (item), tags);
  /* An image enclosure is the lead image. */
  g_assert_cmpstr (kh_item_get_image (item), ==, "https://madina.example.com/img/grid.jpg");
}

static void
test_atom_html_and_lang (void)
{
  g_autoptr(KhFeed) feed = parse_fixture_full ("atom.xml", NULL, NULL);
  KhItem *item = find_item (feed, "tag:madina.example.com,2026:live/2");
  KhItem *summary_only = find_item (feed, "https://madina.example.com/live/1");
  const char * const paragraphs[] = { "Supply is back.", "Tests found the water safe.", NULL };
  const char * const summary_paragraphs[] = { "نتابع معكم أحداث اليوم لحظة بلحظة.", NULL };
  const char * const authors[] = { "Nadia Karam", NULL };

  /* The entry's own xml:lang wins over the feed's. */
  g_assert_cmpstr (kh_item_get_language (item), ==, "en");
  g_assert_cmpstr (kh_item_get_title (item), ==, "Water restored & tested");
  g_assert_cmpstrv (kh_item_get_paragraphs (item), paragraphs);
  g_assert_cmpstr (kh_item_get_summary (item), ==, "Supply is back in all districts.");
  g_assert_cmpstrv (kh_item_get_authors (item), authors);
  /* Only "updated": it is the date shown. */
  assert_date (kh_item_get_published (item), 1795929000);   /* 2026-11-29T05:10Z */
  g_assert_cmpstr (kh_item_get_image (item), ==, "https://madina.example.com/img/water.jpg");

  /* Without content, the summary is the body. */
  g_assert_cmpstrv (kh_item_get_paragraphs (summary_only), summary_paragraphs);
  g_assert_null (kh_item_get_summary (summary_only));
  g_assert_null (kh_item_get_content_html (summary_only));
  g_assert_cmpstr (kh_item_get_language (summary_only), ==, "ar");
}

static void
test_atom_0_3 (void)
{
  static const char document[] =
    "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>Old</title>"
    "<entry><id>old-1</id><title>Escaped</title>"
    "<issued>2004-01-02T03:04:05Z</issued><modified>2004-01-03T00:00:00Z</modified>"
    "<content type=\"text/html\" mode=\"escaped\">&lt;p&gt;One&lt;/p&gt;&lt;p&gt;Two&lt;/p&gt;</content>"
    "</entry></feed>";
  g_autoptr(KhFeed) feed = parse_string (document, NULL);
  const char * const paragraphs[] = { "One", "Two", NULL };
  KhItem *item = find_item (feed, "old-1");

  g_assert_cmpstr (kh_feed_get_format (feed), ==, "Atom 0.3");
  g_assert_cmpstrv (kh_item_get_paragraphs (item), paragraphs);
  assert_date (kh_item_get_published (item), 1073012645);   /* 2004-01-02T03:04:05Z */
}

/* schema.org LiveBlogPosting */

static void
test_live_blog_object (void)
{
  g_autoptr(KhFeed) feed = parse_fixture_full ("liveblog-object.json", NULL,
                                               "https://valley.example.org/live/floods");
  const char * const problems[] = { "Item 4 is a string, not an object; skipped", NULL };
  const char * const paragraphs[] = { "The main road reopened at 9 p.m.", "Buses run again from tomorrow.", NULL };
  const char * const authors[] = { "Amal Saad", NULL };
  KhItem *roads, *teams, *start;

  g_assert_cmpstr (kh_feed_get_format (feed), ==, "schema.org LiveBlogPosting");
  g_assert_cmpstr (kh_feed_get_title (feed), ==, "Floods in the valley: live");
  g_assert_cmpstr (kh_feed_get_home_page_url (feed), ==, "https://valley.example.org/live/floods");
  g_assert_cmpstr (kh_feed_get_language (feed), ==, "en");
  g_assert_cmpstrv (kh_feed_get_problems (feed), problems);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 1);
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 3);

  /* Plain text; the headline's trailing space is gone. */
  roads = kh_feed_get_item (feed, 0);
  g_assert_cmpstr (kh_item_get_id (roads), ==, "https://valley.example.org/live/floods#u3");
  g_assert_cmpstr (kh_item_get_title (roads), ==, "Roads reopen");
  g_assert_cmpstrv (kh_item_get_paragraphs (roads), paragraphs);
  g_assert_null (kh_item_get_content_html (roads));
  g_assert_cmpstrv (kh_item_get_authors (roads), authors);
  g_assert_cmpstr (kh_item_get_image (roads), ==, "https://valley.example.org/img/road.jpg");
  g_assert_cmpstr (kh_item_get_image_caption (roads), ==, "The road at dusk");
  g_assert_cmpstr (kh_item_get_language (roads), ==, "en");
  assert_date (kh_item_get_published (roads), 1795291200);   /* 2026-11-21T20:00Z */

  /* HTML in articleBody; authors and images given as arrays; the url is
   * the id when there is no "@id". */
  teams = kh_feed_get_item (feed, 1);
  {
    const char * const teams_paragraphs[] = { "Teams from three towns arrived at noon.", "More are expected.", NULL };
    const char * const teams_authors[] = { "Karim Nasr", "Valley Desk", NULL };
    const char * const teams_tags[] = { "rescue", "floods", NULL };

    g_assert_cmpstr (kh_item_get_id (teams), ==, "https://valley.example.org/live/floods#u2");
    g_assert_cmpstrv (kh_item_get_paragraphs (teams), teams_paragraphs);
    g_assert_nonnull (kh_item_get_content_html (teams));
    g_assert_cmpstrv (kh_item_get_authors (teams), teams_authors);
    g_assert_cmpstrv (kh_item_get_tags (teams), teams_tags);
    g_assert_cmpstr (kh_item_get_image (teams), ==, "https://valley.example.org/img/teams.jpg");
    assert_date (kh_item_get_modified (teams), 1795177800);   /* 2026-11-20T12:30Z */
  }

  /* Neither "@id" nor "url": an id made from the content; an author
   * given as a string; a relative image. */
  start = kh_feed_get_item (feed, 2);
  g_assert_true (g_str_has_prefix (kh_item_get_id (start), "sha256:"));
  g_assert_cmpstr (kh_item_get_title (start), ==, "Coverage begins");
  g_assert_cmpstr (kh_item_get_authors (start)[0], ==, "Valley Desk");
  g_assert_cmpstr (kh_item_get_image (start), ==, "https://valley.example.org/img/start.jpg");
}

static void
test_live_blog_ended (void)
{
  g_autoptr(KhFeed) feed = parse_fixture_full ("liveblog-object.json", NULL, NULL);
  g_autoptr(GDateTime) before = utc (2026, 11, 19, 12, 0);
  g_autoptr(GDateTime) during = utc (2026, 11, 20, 10, 0);
  g_autoptr(GDateTime) after = utc (2026, 11, 29, 9, 0);

  assert_date (kh_feed_get_coverage_start (feed), 1795150800);   /* 2026-11-20T05:00Z */
  assert_date (kh_feed_get_coverage_end (feed), 1795294800);     /* 2026-11-21T21:00Z */
  g_assert_cmpint (kh_feed_get_coverage_state (feed, before), ==, KH_COVERAGE_STATE_UNKNOWN);
  g_assert_cmpint (kh_feed_get_coverage_state (feed, during), ==, KH_COVERAGE_STATE_LIVE);
  g_assert_cmpint (kh_feed_get_coverage_state (feed, after), ==, KH_COVERAGE_STATE_ENDED);
}

static void
test_live_blog_array (void)
{
  /* An array of JSON-LD objects; "@type" is an array; one update given as
   * an object; coverage that has begun and not ended. */
  g_autoptr(KhFeed) feed = parse_fixture_full ("liveblog-array.json", NULL, NULL);
  g_autoptr(GDateTime) early = utc (2026, 11, 29, 5, 0);
  g_autoptr(GDateTime) later = utc (2026, 11, 29, 12, 0);
  const char * const paragraphs[] = { "افتتح المعرض أبوابه صباح اليوم.", "ويستمر عشرة أيام.", NULL };
  const char * const authors[] = { "ريم الخطيب", NULL };
  KhItem *item;

  assert_no_problems (feed);
  g_assert_cmpstr (kh_feed_get_title (feed), ==, "مباشر: معرض الكتاب في يومه الأول");
  g_assert_cmpstr (kh_feed_get_language (feed), ==, "ar");
  g_assert_cmpstr (kh_feed_get_home_page_url (feed), ==, "https://kitab.example.org/live/fair");
  assert_date (kh_feed_get_coverage_start (feed), 1795932000);   /* 2026-11-29T06:00Z */
  g_assert_null (kh_feed_get_coverage_end (feed));
  g_assert_cmpint (kh_feed_get_coverage_state (feed, early), ==, KH_COVERAGE_STATE_UNKNOWN);
  g_assert_cmpint (kh_feed_get_coverage_state (feed, later), ==, KH_COVERAGE_STATE_LIVE);

  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 1);
  item = find_item (feed, "https://kitab.example.org/live/fair#1");
  /* The "@id" is the address. */
  g_assert_cmpstr (kh_item_get_url (item), ==, "https://kitab.example.org/live/fair#1");
  g_assert_cmpstr (kh_item_get_title (item), ==, "افتتاح المعرض بمشاركة 300 دار نشر");
  g_assert_cmpstrv (kh_item_get_paragraphs (item), paragraphs);
  g_assert_cmpstrv (kh_item_get_authors (item), authors);
  /* An ImageObject's contentUrl. */
  g_assert_cmpstr (kh_item_get_image (item), ==, "https://kitab.example.org/img/fair.jpg");
  g_assert_cmpstr (kh_item_get_image_caption (item), ==, "زوار في جناح الأطفال");
  g_assert_cmpstr (kh_item_get_language (item), ==, "ar");
  assert_date (kh_item_get_published (item), 1795936500);   /* 2026-11-29T07:15Z */
}

static void
test_live_blog_graph (void)
{
  g_autoptr(KhFeed) feed = parse_fixture_full ("liveblog-graph.json", NULL,
                                               "https://stadium.example.com/final/live");
  g_autoptr(GDateTime) before = utc (2026, 12, 1, 16, 59);
  g_autoptr(GDateTime) during = utc (2026, 12, 1, 18, 0);
  g_autoptr(GDateTime) at_end = utc (2026, 12, 1, 20, 0);
  const char * const problems[] = {
    "Item 2 repeats the id “#goal-1”; skipped",
    "Item 3: “datePublished” is not a date: “the start”",
    NULL
  };
  KhItem *goal;

  g_assert_cmpstr (kh_feed_get_title (feed), ==, "The cup final, minute by minute");
  g_assert_cmpstr (kh_feed_get_home_page_url (feed), ==, "https://stadium.example.com/final/live");
  g_assert_cmpstrv (kh_feed_get_problems (feed), problems);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 1);
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 2);
  g_assert_cmpint (kh_feed_get_coverage_state (feed, before), ==, KH_COVERAGE_STATE_UNKNOWN);
  g_assert_cmpint (kh_feed_get_coverage_state (feed, during), ==, KH_COVERAGE_STATE_LIVE);
  g_assert_cmpint (kh_feed_get_coverage_state (feed, at_end), ==, KH_COVERAGE_STATE_ENDED);

  goal = find_item (feed, "#goal-1");
  g_assert_cmpstr (kh_item_get_url (goal), ==, "https://stadium.example.com/final/live#goal-1");
  g_assert_cmpstr (kh_item_get_image (goal), ==, "https://stadium.example.com/img/goal.jpg");
  g_assert_cmpstr (kh_item_get_image_caption (goal), ==, "The header & the keeper");
  assert_date (kh_item_get_published (goal), 1796148720);   /* 2026-12-01T18:12Z */
  assert_date (kh_item_get_modified (goal), 1796148840);
  g_assert_null (kh_item_get_published (find_item (feed, "#kick-off")));
}

/* WordPress REST API */

static void
test_wordpress (void)
{
  g_autoptr(KhFeed) feed = parse_fixture_full ("wordpress.json", NULL,
                                               "https://sawt.example.org/wp-json/wp/v2/posts?_embed");
  const char * const order[] = { "4812", "4811", NULL };
  const char * const problems[] = {
    "Item 3 is a string, not an object; skipped",
    "Item 4 repeats the id “4811”; skipped",
    NULL
  };
  const char * const paragraphs[] = { "Firefighters put out the blaze within an hour.", "The market reopens on Monday.", NULL };
  const char * const authors[] = { "Hana Tamer", NULL };
  const char * const tags[] = { "Local", "Fire & rescue", NULL };
  const char * const no_authors[] = { NULL };
  KhItem *fire, *bread;

  g_assert_cmpstr (kh_feed_get_format (feed), ==, "WordPress REST API");
  g_assert_cmpstrv (kh_feed_get_problems (feed), problems);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 2);
  assert_item_ids (feed, order);

  fire = find_item (feed, "4812");
  /* Titles are HTML: entities decoded. */
  g_assert_cmpstr (kh_item_get_title (fire), ==, "“No injuries” after market fire & evacuation");
  g_assert_cmpstr (kh_item_get_url (fire), ==, "https://sawt.example.org/2026/11/29/market-fire/");
  g_assert_cmpstr (kh_item_get_summary (fire), ==, "Firefighters put out the blaze within an hour.");
  g_assert_cmpstrv (kh_item_get_paragraphs (fire), paragraphs);
  g_assert_true (g_str_has_prefix (kh_item_get_content_html (fire), "<p>Firefighters"));
  /* "date_gmt" has no zone and is UTC, not the site's local "date". */
  assert_date (kh_item_get_published (fire), 1795939500);   /* 2026-11-29T08:05Z */
  assert_date (kh_item_get_modified (fire), 1795940400);    /* 2026-11-29T08:20Z */
  g_assert_cmpstr (kh_item_get_image (fire), ==,
                   "https://sawt.example.org/wp-content/uploads/2026/11/market.jpg");
  g_assert_cmpstr (kh_item_get_image_caption (fire), ==, "The market after the fire – Civil Defence");
  g_assert_cmpstrv (kh_item_get_authors (fire), authors);
  g_assert_cmpstrv (kh_item_get_tags (fire), tags);

  /* Without "_embedded". */
  bread = find_item (feed, "4811");
  g_assert_cmpstr (kh_item_get_title (bread), ==, "سعر الخبز – ثابت حتى نهاية الشهر");
  g_assert_null (kh_item_get_summary (bread));
  g_assert_null (kh_item_get_image (bread));
  g_assert_cmpstrv (kh_item_get_authors (bread), no_authors);
  assert_date (kh_item_get_published (bread), 1795934400);   /* 2026-11-29T06:40Z */
}

static void
test_wordpress_empty (void)
{
  /* No posts: an empty feed when the address is a WordPress API one,
   * nothing recognisable otherwise. */
  g_autoptr(KhFeed) feed = parse_string ("[]", "https://sawt.example.org/wp-json/wp/v2/posts");
  g_autofree char *message = parse_string_error ("[]", KH_FEED_ERROR_NOT_A_FEED);

  g_assert_cmpstr (kh_feed_get_format (feed), ==, "WordPress REST API");
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 0);
  g_assert_cmpstr (message, ==, "Not a news feed: an empty JSON array");
}

/* JSON Feed */

static void
test_json_feed_1_0_extras (void)
{
  g_autoptr(KhFeed) feed = parse_fixture_full ("feed-1.0-attachments.json", NULL, NULL);
  g_autoptr(GDateTime) now = utc (2026, 11, 29, 9, 0);
  const char * const problems[] = { "Item 2: an attachment has no URL", NULL };
  const char * const order[] = { "ep-12", "ep-11", "https://radio.example.net/notes/10", NULL };
  const char * const authors[] = { "Night Desk", NULL };
  KhItem *episode, *studio, *note;
  KhAttachment *mp3;

  g_assert_cmpstr (kh_feed_get_format (feed), ==, "JSON Feed 1.0");
  g_assert_cmpstr (kh_feed_get_next_url (feed), ==, "https://radio.example.net/feed.json?page=2");
  /* No "icon": the favicon. */
  g_assert_cmpstr (kh_feed_get_icon (feed), ==, "https://radio.example.net/favicon.ico");
  g_assert_true (kh_feed_get_expired (feed));
  g_assert_cmpint (kh_feed_get_coverage_state (feed, now), ==, KH_COVERAGE_STATE_ENDED);
  g_assert_cmpstrv (kh_feed_get_problems (feed), problems);
  assert_item_ids (feed, order);

  episode = find_item (feed, "ep-12");
  /* 1.0's "author" object, given to every item. */
  g_assert_cmpstrv (kh_item_get_authors (episode), authors);
  g_assert_cmpstr (kh_item_get_banner_image (episode), ==, "https://radio.example.net/banners/12.jpg");
  g_assert_cmpstr (kh_item_get_image (episode), ==, "https://radio.example.net/banners/12.jpg");
  g_assert_null (kh_item_get_content_html (episode));
  g_assert_cmpuint (kh_item_get_attachments (episode)->len, ==, 2);
  mp3 = g_ptr_array_index (kh_item_get_attachments (episode), 0);
  g_assert_cmpstr (kh_attachment_get_url (mp3), ==, "https://radio.example.net/audio/12.mp3");
  g_assert_cmpstr (kh_attachment_get_mime_type (mp3), ==, "audio/mpeg");
  g_assert_cmpstr (kh_attachment_get_title (mp3), ==, "Episode 12");
  g_assert_cmpint (kh_attachment_get_size (mp3), ==, 31457280);
  g_assert_cmpfloat (kh_attachment_get_duration (mp3), ==, 1830);
  g_assert_null (kh_attachment_get_title (g_ptr_array_index (kh_item_get_attachments (episode), 1)));

  /* No image and no banner: the image attachment. */
  studio = find_item (feed, "ep-11");
  g_assert_cmpstr (kh_item_get_image (studio), ==, "https://radio.example.net/img/studio.jpg");
  g_assert_null (kh_item_get_banner_image (studio));
  g_assert_cmpuint (kh_item_get_attachments (studio)->len, ==, 1);
  g_assert_cmpstr (kh_item_get_content_html (studio), ==, "<p>حلقة عن <b>الصيادين</b>.</p>");
  g_assert_cmpstr (kh_item_get_language (studio), ==, "ar");

  /* No id: the url is one.  An RFC 822 date, as feeds converted from RSS
   * write them. */
  note = find_item (feed, "https://radio.example.net/notes/10");
  assert_date (kh_item_get_published (note), 1795730400);   /* 2026-11-26T22:00Z */
}

static void
test_json_feed_1_1_format (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("feed-1.1-complete.json");
  g_autoptr(KhFeed) feed = kh_feed_parser_parse (bytes, NULL);

  g_assert_cmpstr (kh_feed_get_format (feed), ==, "JSON Feed 1.1");
  g_assert_null (kh_feed_get_next_url (feed));
  g_assert_false (kh_feed_get_expired (feed));
}

/* Documents that are not feeds, or are broken */

static void
test_not_a_feed (void)
{
  static const struct
  {
    const char *document;
    const char *message;
  } cases[] = {
    { "[1, 2.5, -3]", "Not a news feed: a JSON array of numbers" },
    { "[\"a\", \"b\"]", "Not a news feed: a JSON array of strings" },
    { "[\"a\", 1]", "Not a news feed: a JSON array of mixed values" },
    { "null", "Not a news feed: JSON null" },
    { "42", "Not a news feed: a JSON number" },
    { "{\"status\": \"ok\", \"sources\": []}", "Not a news feed: a JSON object without “items”" },
    { "{\"@context\": \"https://schema.org\", \"@type\": \"NewsArticle\", \"headline\": \"x\"}",
      "Not a news feed: a schema.org NewsArticle, not a LiveBlogPosting" },
    { "[{\"@context\": \"https://schema.org\", \"@type\": [\"ReportageNewsArticle\"]}]",
      "Not a news feed: a schema.org ReportageNewsArticle, not a LiveBlogPosting" },
    { "{\"@context\": \"https://schema.org\", \"@graph\": [{\"@type\": \"WebPage\"}]}",
      "Not a news feed: a schema.org document without a LiveBlogPosting" },
    { "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>Hi</p></body></html>",
      "Not a news feed: a web page without an article or a live blog" },
    { "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><note/></rdf:RDF>",
      "Not a news feed: an XML document whose root element is <rdf:RDF>" },
    { "<!DOCTYPE html>\n<html><head><title>Home</title></head><body><p>News<br></body></html>",
      "Not a news feed: a web page without an article or a live blog" },
    { "<rss version=\"2.0\"></rss>", "Not a news feed: an RSS document without a <channel>" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *message = parse_string_error (cases[i].document, KH_FEED_ERROR_NOT_A_FEED);

      g_assert_cmpstr (message, ==, cases[i].message);
    }
}

static void
test_xml_syntax_error (void)
{
  /* Broken XML that is no feed: the first error, with its place. */
  g_autofree char *message = parse_string_error ("<notes>\n  <note>one</notes>\n",
                                                 KH_FEED_ERROR_SYNTAX);

  g_assert_true (g_str_has_prefix (message, "Line 2, column "));
  g_assert_nonnull (strstr (message, "note"));
}

static void
test_xml_recovered (void)
{
  /* A feed cut off in the middle still shows what arrived. */
  static const char document[] =
    "<rss version=\"2.0\"><channel><title>Cut</title>\n"
    "<item><guid>a</guid><title>First item</title></item>\n"
    "<item><guid>b</guid><title>Sec";
  g_autoptr(KhFeed) feed = parse_string (document, NULL);
  const char * const *problems = kh_feed_get_problems (feed);

  g_assert_cmpstr (kh_feed_get_title (feed), ==, "Cut");
  g_assert_cmpstr (kh_item_get_title (find_item (feed, "a")), ==, "First item");
  g_assert_nonnull (problems[0]);
  g_assert_true (g_str_has_prefix (problems[0], "Line 3, column "));
  g_assert_null (problems[1]);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 0);
}

static void
test_xml_html_entities (void)
{
  /* HTML's entities are known without a declaration; others are not. */
  static const char document[] =
    "<rss version=\"2.0\"><channel><title>Caf&eacute;&nbsp;news</title>\n"
    "<item><guid>a</guid><title>Wait&hellip; &bogus;done</title>"
    "<description>&lt;p&gt;&amp;eacute;t&amp;eacute;&lt;/p&gt;</description></item>\n"
    "</channel></rss>";
  g_autoptr(KhFeed) feed = parse_string (document, NULL);
  const char * const problems[] = { "Line 2, column 41: Entity 'bogus' not defined", NULL };
  const char * const paragraphs[] = { "été", NULL };
  KhItem *item = find_item (feed, "a");

  g_assert_cmpstr (kh_feed_get_title (feed), ==, "Café\u00a0news");
  g_assert_cmpstr (kh_item_get_title (item), ==, "Wait… done");
  g_assert_cmpstrv (kh_item_get_paragraphs (item), paragraphs);
  g_assert_cmpstrv (kh_feed_get_problems (feed), problems);
}

static void
test_xml_no_external_entities (void)
{
  /* Entities that point outside the document are never read. */
  g_autofree char *uri = g_filename_to_uri (g_test_get_filename (G_TEST_DIST, "fixtures", "rss-bom.xml", NULL),
                                            NULL, NULL);
  g_autofree char *document = g_strdup_printf (
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE rss [<!ENTITY outside SYSTEM \"%s\"><!ENTITY inside \"kept\">]>\n"
    "<rss version=\"2.0\"><channel><title>Entities</title>"
    "<item><guid>e</guid><title>Before &outside; after, &inside;</title></item></channel></rss>",
    uri);
  g_autoptr(KhFeed) feed = parse_string (document, NULL);
  const char *title = kh_item_get_title (find_item (feed, "e"));

  g_assert_null (strstr (title, "بداية"));
  g_assert_cmpstr (title, ==, "Before after, kept");
}

/* Asynchronous parsing with a Content-Type and an address */

static void
parsed_cb (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **result_out = user_data;

  *result_out = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

static void
test_parse_full_async (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("rss-iso-8859-6.xml");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = NULL;

  kh_feed_parser_parse_full_async (bytes, "application/xml; charset=\"iso-8859-6\"",
                                   "https://taqs.example.org/rss", NULL, parsed_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  feed = kh_feed_parser_parse_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kh_feed_get_title (feed), ==, "نشرة الطقس");
  g_assert_cmpstr (kh_feed_get_format (feed), ==, "RSS 2.0");
}

/* KhAttachment and KhFeed */

static void
test_attachment (void)
{
  g_autoptr(KhAttachment) attachment = kh_attachment_new ("https://example.org/a.png", "IMAGE/PNG",
                                                          NULL, -5, 0);
  g_autoptr(KhAttachment) other = kh_attachment_ref (attachment);

  g_assert_true (other == attachment);
  g_assert_true (kh_attachment_is_image (attachment));
  /* Unknown sizes are 0. */
  g_assert_cmpint (kh_attachment_get_size (attachment), ==, 0);
  g_assert_null (kh_attachment_get_title (attachment));
  g_assert_true (g_type_is_a (KH_TYPE_ATTACHMENT, G_TYPE_BOXED));
}

static void
test_coverage_state (void)
{
  g_autoptr(KhFeed) feed = kh_feed_new ();
  g_autoptr(GDateTime) now = utc (2026, 11, 29, 9, 0);
  g_autoptr(GDateTime) tomorrow = utc (2026, 11, 30, 9, 0);

  g_assert_cmpint (kh_feed_get_coverage_state (feed, now), ==, KH_COVERAGE_STATE_UNKNOWN);
  /* An end still ahead: live. */
  kh_feed_set_coverage_end (feed, tomorrow);
  g_assert_cmpint (kh_feed_get_coverage_state (feed, now), ==, KH_COVERAGE_STATE_LIVE);
  /* An expired feed has ended, whatever its times. */
  kh_feed_set_expired (feed, TRUE);
  g_assert_cmpint (kh_feed_get_coverage_state (feed, now), ==, KH_COVERAGE_STATE_ENDED);
}

/* Dates */

typedef struct
{
  const char *text;
  gint64      unix_time;   /* -1: not a date */
  int         offset_hours;
} DateCase;

static void
check_dates (GDateTime      *(*parse) (const char *),
             const DateCase  *cases,
             gsize            n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autoptr(GDateTime) date = parse (cases[i].text);

      g_test_message ("“%s”", cases[i].text);
      if (cases[i].unix_time < 0)
        {
          g_assert_null (date);
          continue;
        }
      assert_date (date, cases[i].unix_time);
      g_assert_cmpint (g_date_time_get_utc_offset (date), ==, cases[i].offset_hours * G_TIME_SPAN_HOUR);
    }
}

static void
test_date_rfc822 (void)
{
  static const DateCase cases[] = {
    { "Sun, 29 Nov 2026 07:14:01 +0300", 1795925641, 3 },
    { "Sun, 29 Nov 2026 07:14:01 GMT", 1795936441, 0 },
    { "Sun, 29 Nov 2026 07:14:01 -0000", 1795936441, 0 },
    { "29 Nov 2026 07:14 +0300", 1795925640, 3 },
    { "Sunday, 29 November 2026 07:14:01 +03:00", 1795925641, 3 },
    { "Sun, 29 Nov 2026 07:14:01 EST", 1795954441, -5 },
    { "Sun, 29 Nov 26 07:14:01 PDT", 1795961641, -7 },
    { "sun, 29 nov 2026 07:14:01 ut", 1795936441, 0 },
    { "  Sun,29 Nov 2026   07:14:01 +0300  ", 1795925641, 3 },
    /* asctime's order, as some feeds write it. */
    { "Sun Nov 29 07:14:01 2026", 1795936441, 0 },
    /* No zone, or one nobody knows: UTC, as RFC 5322 says. */
    { "Sun, 29 Nov 2026 07:14:01", 1795936441, 0 },
    { "Sun, 29 Nov 2026 07:14:01 XYZ", 1795936441, 0 },
    /* A comment, and a day name in another language. */
    { "Sun, 29 Nov 2026 07:14:01 +0300 (Arabia Standard Time)", 1795925641, 3 },
    { "dim., 29 Nov 2026 07:14:01 +0300", 1795925641, 3 },
    { "mar, 01 Dec 2026 22:15:00 +0100", 1796159700, 1 },
    /* No time: midnight. */
    { "29 Nov 2026", 1795910400, 0 },
    { "", -1, 0 },
    { "yesterday afternoon", -1, 0 },
    { "2026-11-29T07:14:01Z", -1, 0 },
    { "Sun, 32 Nov 2026 07:14:01 GMT", -1, 0 },
    { "Sun, 29 Foo 2026 07:14:01 GMT", -1, 0 },
    { "Nov 2026 07:14", -1, 0 },
    { "Sun, 29 Nov 2026 25:14:01 GMT", -1, 0 },
    { "Sun, 29 Nov 2026 07:14:01 +2500", -1, 0 },
  };

  check_dates (kh_date_parse_rfc822, cases, G_N_ELEMENTS (cases));
  g_assert_null (kh_date_parse_rfc822 (NULL));
}

static void
test_date_w3cdtf (void)
{
  static const DateCase cases[] = {
    { "2026", 1767225600, 0 },
    { "2026-11", 1793491200, 0 },
    { "2026-11-29", 1795910400, 0 },
    { "2026-11-29T07:14+03:00", 1795925640, 3 },
    { "2026-11-29T07:14:01Z", 1795936441, 0 },
    { "2026-11-29T07:14:01.5+03:00", 1795925641, 3 },
    { "2026-11-29T07:14", -1, 0 },
    { "29/11/2026", -1, 0 },
    { "2026-13-01", -1, 0 },
    { "2026-11-29 tomorrow", -1, 0 },
  };

  check_dates (kh_date_parse_w3cdtf, cases, G_N_ELEMENTS (cases));
  g_assert_null (kh_date_parse_w3cdtf (NULL));
}

static void
test_date_any (void)
{
  static const DateCase cases[] = {
    { "2026-11-29T07:14:01+03:00", 1795925641, 3 },
    { "2026-11-29T07:14+03:00", 1795925640, 3 },
    { "Sun, 29 Nov 2026 07:14:01 +0300", 1795925641, 3 },
    { " 2026-11-29\n", 1795910400, 0 },
    { "soon", -1, 0 },
    { "   ", -1, 0 },
  };

  check_dates (kh_date_parse_any, cases, G_N_ELEMENTS (cases));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formats/rss/windows-1256", test_rss_windows_1256);
  g_test_add_func ("/formats/rss/full-item", test_rss_full_item);
  g_test_add_func ("/formats/rss/enclosures", test_rss_enclosures);
  g_test_add_func ("/formats/rss/http-charset", test_rss_http_charset);
  g_test_add_func ("/formats/rss/missing-charset", test_rss_missing_charset);
  g_test_add_func ("/formats/rss/unknown-charset", test_rss_unknown_charset);
  g_test_add_func ("/formats/rss/bom", test_rss_bom);
  g_test_add_func ("/formats/rss/utf-16-and-32", test_rss_utf16);
  g_test_add_func ("/formats/rss/items", test_rss_items);
  g_test_add_func ("/formats/rss/synthetic-id-stable", test_rss_synthetic_id_stable);
  g_test_add_func ("/formats/rdf", test_rdf);
  g_test_add_func ("/formats/atom/feed", test_atom_feed);
  g_test_add_func ("/formats/atom/xhtml", test_atom_xhtml);
  g_test_add_func ("/formats/atom/html-and-lang", test_atom_html_and_lang);
  g_test_add_func ("/formats/atom/0.3", test_atom_0_3);
  g_test_add_func ("/formats/live-blog/object", test_live_blog_object);
  g_test_add_func ("/formats/live-blog/ended", test_live_blog_ended);
  g_test_add_func ("/formats/live-blog/array", test_live_blog_array);
  g_test_add_func ("/formats/live-blog/graph", test_live_blog_graph);
  g_test_add_func ("/formats/wordpress/embed", test_wordpress);
  g_test_add_func ("/formats/wordpress/empty", test_wordpress_empty);
  g_test_add_func ("/formats/json-feed/1.0-extras", test_json_feed_1_0_extras);
  g_test_add_func ("/formats/json-feed/1.1-format", test_json_feed_1_1_format);
  g_test_add_func ("/formats/error/not-a-feed", test_not_a_feed);
  g_test_add_func ("/formats/error/xml-syntax", test_xml_syntax_error);
  g_test_add_func ("/formats/xml/recovered", test_xml_recovered);
  g_test_add_func ("/formats/xml/html-entities", test_xml_html_entities);
  g_test_add_func ("/formats/xml/no-external-entities", test_xml_no_external_entities);
  g_test_add_func ("/formats/parse-full-async", test_parse_full_async);
  g_test_add_func ("/formats/attachment", test_attachment);
  g_test_add_func ("/formats/coverage-state", test_coverage_state);

  g_test_add_func ("/date/rfc822", test_date_rfc822);
  g_test_add_func ("/date/w3cdtf", test_date_w3cdtf);
  g_test_add_func ("/date/any", test_date_any);

  return g_test_run ();
}
