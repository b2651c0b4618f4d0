/* test-hostile-documents.c: documents written to hurt the parser
 *
 * Each case builds its document in code (they are far too big for
 * fixtures), parses it in a child process of its own and checks there
 * that the parse ends in bounded time, grows the process by a bounded
 * amount of memory, and either reads what can be read or fails with a
 * message that names the cause.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "kh-error.h"
#include "kh-feed-parser.h"

#define MB (1024 * 1024)

/* Generous, for slow machines: a parse that loops or recurses without end
 * takes far longer, or crashes. */
#define PARSE_SECONDS 15

/* Peak resident size, in bytes. */
static gsize
peak_rss (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return (gsize) usage.ru_maxrss * 1024;
}

typedef struct
{
  KhFeed *feed;
  GError *error;
  double  seconds;
  gsize   growth;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_object (&outcome->feed);
  g_clear_error (&outcome->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

/* AddressSanitizer's red zones and quarantine make every allocation
 * bigger and slower: the bounds are about hanging and blowing up, not
 * speed, so they widen under it. */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZER_FACTOR 3
#else
#define SANITIZER_FACTOR 1
#endif

/*
 * Parses @document (taking it) and measures how long that took and how
 * much the peak memory of the process grew, and asserts both bounds.
 */
static void
parse_measured (GString *document,
                gsize    max_growth,
                Outcome *outcome)
{
  gsize length = document->len;
  g_autoptr(GBytes) bytes = g_string_free_to_bytes (document);
  gsize before = peak_rss ();
  gint64 start = g_get_monotonic_time ();

  outcome->feed = kh_feed_parser_parse_full (bytes, NULL, "https://example.org/feed", &outcome->error);
  outcome->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  outcome->growth = peak_rss () - before;

  g_test_message ("%zu bytes parsed in %.2f s, peak memory grew by %zu MB",
                  length, outcome->seconds, outcome->growth / MB);
  g_assert_cmpfloat (outcome->seconds, <, PARSE_SECONDS * SANITIZER_FACTOR);
  g_assert_cmpuint (outcome->growth, <, max_growth * SANITIZER_FACTOR);
}

/* Runs the calling test again in a child process, which does the work, so
 * that its peak memory is its own and a crash is reported, not fatal. */
static gboolean
in_child (void)
{
  if (g_test_subprocess ())
    return TRUE;
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return FALSE;
}

static GString *
sized_string (gsize size)
{
  return g_string_sized_new (size + 1);
}

static void
append_repeated (GString    *string,
                 const char *text,
                 gsize       times)
{
  for (gsize i = 0; i < times; i++)
    g_string_append (string, text);
}

static void
assert_message_contains (const GError *error,
                         const char   *part)
{
  g_assert_nonnull (error);
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, part);
}

static gboolean
problems_contain (KhFeed     *feed,
                  const char *part)
{
  const char * const *problems = kh_feed_get_problems (feed);

  for (guint i = 0; problems[i] != NULL; i++)
    if (strstr (problems[i], part) != NULL)
      return TRUE;
  return FALSE;
}

static void
assert_all_valid_utf8 (KhItem *item)
{
  const char * const *paragraphs = kh_item_get_paragraphs (item);

  g_assert_true (g_utf8_validate (kh_item_get_id (item), -1, NULL));
  g_assert_true (g_utf8_validate (kh_item_get_title (item), -1, NULL));
  for (guint i = 0; paragraphs[i] != NULL; i++)
    g_assert_true (g_utf8_validate (paragraphs[i], -1, NULL));
}

#define JSON_FEED_START "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"t\", \"items\": ["
#define RSS_START "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>t</title>"

/* JSON */

/* 100 000 nested arrays: json-glib recurses once per level and would run
 * out of stack long before the end. */
static void
test_json_deep_nesting (void)
{
  g_autoptr(GString) document = NULL;
  g_auto(Outcome) outcome = { 0 };

  if (!in_child ())
    return;

  document = sized_string (200000);
  append_repeated (document, "[", 100000);
  append_repeated (document, "]", 100000);
  parse_measured (g_steal_pointer (&document), 16 * MB, &outcome);

  g_assert_null (outcome.feed);
  g_assert_error (outcome.error, KH_FEED_ERROR, KH_FEED_ERROR_TOO_COMPLEX);
  assert_message_contains (outcome.error, "nested more than 256 levels deep");
  /* Where: the first bracket past the limit. */
  assert_message_contains (outcome.error, "Line 1, column 257");
}

/* The same depth inside an item of a feed that is otherwise fine, and
 * without the closing brackets. */
static void
test_json_deep_nesting_in_item (void)
{
  g_autoptr(GString) document = NULL;
  g_auto(Outcome) outcome = { 0 };

  if (!in_child ())
    return;

  document = sized_string (200000);
  g_string_append (document, JSON_FEED_START "{\"id\": \"1\", \"title\": \"t\", \"_khabar\": ");
  append_repeated (document, "{\"a\": ", 100000);
  parse_measured (g_steal_pointer (&document), 16 * MB, &outcome);

  g_assert_null (outcome.feed);
  g_assert_error (outcome.error, KH_FEED_ERROR, KH_FEED_ERROR_TOO_COMPLEX);
}

/* Brackets inside strings are text, however many there are. */
static void
test_json_brackets_in_strings (void)
{
  g_autoptr(GString) document = g_string_new (JSON_FEED_START "{\"id\": \"1\", \"title\": \"");
  g_auto(Outcome) outcome = { 0 };

  append_repeated (document, "[{\\\"", 1000);
  g_string_append (document, "\"}]}");
  parse_measured (g_steal_pointer (&document), 16 * MB, &outcome);

  g_assert_no_error (outcome.error);
  g_assert_cmpuint (kh_feed_get_n_items (outcome.feed), ==, 1);
  g_assert_true (g_str_has_prefix (kh_item_get_title (kh_feed_get_item (outcome.feed, 0)), "[{\"[{\""));
}

/* One million tiny items, 27 MB: json-glib would build a tree of some
 * 700 MB before any limit on items could apply, so such a document is
 * refused from a count of its values. */
static void
test_json_million_items (void)
{
  g_autoptr(GString) document = NULL;
  g_auto(Outcome) outcome = { 0 };

  if (!in_child ())
    return;

  document = sized_string (30 * MB);
  g_string_append (document, JSON_FEED_START);
  for (guint i = 0; i < 1000000; i++)
    g_string_append_printf (document, "%s{\"id\": \"%u\", \"title\": \"t\"}", i ? "," : "", i);
  g_string_append (document, "]}");
  parse_measured (g_steal_pointer (&document), 16 * MB, &outcome);

  g_assert_null (outcome.feed);
  g_assert_error (outcome.error, KH_FEED_ERROR, KH_FEED_ERROR_TOO_COMPLEX);
  assert_message_contains (outcome.error, "more than 500000 values");
}

/* More items than a feed may have, in a document of acceptable size: the
 * first ones are read, the rest are reported. */
static void
test_json_too_many_items (void)
{
  g_autoptr(GString) document = NULL;
  g_auto(Outcome) outcome = { 0 };
  guint n = KH_FEED_MAX_ITEMS + 500;

  if (!in_child ())
    return;

  document = g_string_new (JSON_FEED_START);
  for (guint i = 0; i < n; i++)
    g_string_append_printf (document, "%s{\"id\": \"%u\", \"title\": \"t\"}", i ? "," : "", i);
  g_string_append (document, "]}");
  parse_measured (g_steal_pointer (&document), 200 * MB, &outcome);

  g_assert_no_error (outcome.error);
  g_assert_cmpuint (kh_feed_get_n_items (outcome.feed), ==, KH_FEED_MAX_ITEMS);
  g_assert_cmpuint (kh_feed_get_n_skipped (outcome.feed), ==, 500);
  g_assert_true (problems_contain (outcome.feed, "only the first 10000 were read"));
  /* The first items of the document are the ones kept. */
  g_assert_cmpstr (kh_item_get_id (kh_feed_get_item (outcome.feed, 0)), ==, "0");
  g_assert_cmpstr (kh_item_get_id (kh_feed_get_item (outcome.feed, KH_FEED_MAX_ITEMS - 1)), ==, "9999");
}

/* A title of 50 MB: read, and cut to a headline's length. */
static void
test_json_huge_title (void)
{
  g_autoptr(GString) document = NULL;
  g_auto(Outcome) outcome = { 0 };
  const char *title;

  if (!in_child ())
    return;

  document = sized_string (51 * MB);
  g_string_append (document, JSON_FEED_START "{\"id\": \"1\", \"title\": \"");
  append_repeated (document, "خبر عاجل ", 50 * MB / strlen ("خبر عاجل "));
  g_string_append (document, "\"}]}");
  /* A few copies of the title while it is read and cut, never more. */
  parse_measured (g_steal_pointer (&document), 300 * MB, &outcome);

  g_assert_no_error (outcome.error);
  title = kh_item_get_title (kh_feed_get_item (outcome.feed, 0));
  g_assert_cmpuint (g_utf8_strlen (title, -1), <=, KH_FEED_MAX_TITLE_CHARS + 1);
  g_assert_true (g_str_has_prefix (title, "خبر عاجل خبر عاجل"));
  g_assert_true (g_str_has_suffix (title, "…"));
}

/* Every other text field, the id and the links, each far too long, and
 * far too many authors and tags. */
static void
test_json_huge_fields (void)
{
  g_autoptr(GString) document = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_auto(Outcome) outcome = { 0 };
  KhItem *item;

  if (!in_child ())
    return;

  append_repeated (long_text, "word ", 200000);
  document = g_string_new (JSON_FEED_START);
  g_string_append_printf (document,
                          "{\"id\": \"%s\", \"title\": \"t\", \"summary\": \"%s\","
                          " \"url\": \"https://example.org/%s\", \"image\": \"https://example.org/%s\","
                          " \"_khabar\": {\"dateline\": \"%s\", \"image_caption\": \"%s\","
                          " \"timezone\": \"Asia/Damascus\", \"timezone_label\": \"%s\"},"
                          " \"authors\": [",
                          long_text->str, long_text->str, long_text->str, long_text->str,
                          long_text->str, long_text->str, long_text->str);
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (document, "%s{\"name\": \"author %u\"}", i ? "," : "", i);
  g_string_append (document, "], \"tags\": [");
  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (document, "%s\"tag %u\"", i ? "," : "", i);
  g_string_append_printf (document, "]}, {\"id\": \"2\", \"title\": \"t\", \"authors\": [{\"name\": \"%s\"}],"
                          " \"tags\": [\"%s\"]}]}",
                          long_text->str, long_text->str);
  parse_measured (g_steal_pointer (&document), 200 * MB, &outcome);

  g_assert_no_error (outcome.error);
  g_assert_cmpuint (kh_feed_get_n_items (outcome.feed), ==, 2);

  /* A long id stands for the item by its hash: stable, and short. */
  item = kh_feed_get_item (outcome.feed, 0);
  g_assert_true (g_str_has_prefix (kh_item_get_id (item), "sha256:"));
  g_assert_cmpuint (strlen (kh_item_get_id (item)), <=, KH_FEED_MAX_ID_LENGTH);
  g_assert_cmpuint (g_utf8_strlen (kh_item_get_summary (item), -1), <=, KH_FEED_MAX_SUMMARY_CHARS + 1);
  g_assert_cmpuint (g_utf8_strlen (kh_item_get_dateline (item), -1), <=, KH_FEED_MAX_LINE_CHARS + 1);
  g_assert_cmpuint (g_utf8_strlen (kh_item_get_image_caption (item), -1), <=, KH_FEED_MAX_CAPTION_CHARS + 1);
  g_assert_cmpuint (g_utf8_strlen (kh_item_get_clock_label (item), -1), <=, KH_FEED_MAX_LINE_CHARS + 1);
  g_assert_cmpstr (g_time_zone_get_identifier (kh_item_get_clock (item)), ==, "Asia/Damascus");
  /* A link that long is no link. */
  g_assert_null (kh_item_get_url (item));
  g_assert_null (kh_item_get_image (item));
  g_assert_cmpuint (g_strv_length ((GStrv) kh_item_get_authors (item)), ==, KH_FEED_MAX_NAMES);
  g_assert_cmpuint (g_strv_length ((GStrv) kh_item_get_tags (item)), ==, KH_FEED_MAX_NAMES);

  item = kh_feed_get_item (outcome.feed, 1);
  g_assert_cmpstr (kh_item_get_id (item), ==, "2");
  g_assert_cmpuint (g_utf8_strlen (kh_item_get_authors (item)[0], -1), <=, KH_FEED_MAX_LINE_CHARS + 1);
  g_assert_cmpuint (g_utf8_strlen (kh_item_get_tags (item)[0], -1), <=, KH_FEED_MAX_LINE_CHARS + 1);
}

/* A problem that quotes the document quotes a bounded part of it. */
static void
test_json_problem_quotes_bounded (void)
{
  g_autoptr(GString) document = g_string_new (JSON_FEED_START "{\"id\": \"1\", \"title\": \"t\","
                                              " \"date_published\": \"");
  g_auto(Outcome) outcome = { 0 };
  const char * const *problems;

  append_repeated (document, "not a date ", 100000);
  g_string_append (document, "\"}");
  for (guint i = 0; i < 5000; i++)
    g_string_append (document, ", {\"title\": \"no id\"}");
  g_string_append (document, "]}");
  parse_measured (g_steal_pointer (&document), 64 * MB, &outcome);

  g_assert_no_error (outcome.error);
  problems = kh_feed_get_problems (outcome.feed);
  g_assert_true (g_str_has_prefix (problems[0], "Item 1: “date_published” is not an RFC 3339 date"));
  g_assert_cmpuint (g_utf8_strlen (problems[0], -1), <=, KH_FEED_MAX_PROBLEM_CHARS + 1);
  /* 5000 items without ids are counted, but only so many are spelled out. */
  g_assert_cmpuint (kh_feed_get_n_skipped (outcome.feed), ==, 5000);
  g_assert_cmpuint (g_strv_length ((GStrv) problems), <=, KH_FEED_MAX_PROBLEMS + 1);
}

static void
test_json_nul_byte (void)
{
  static const char document[] = JSON_FEED_START "{\"id\": \"1\", \"title\": \"a\0b\"}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (document, sizeof document - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = kh_feed_parser_parse (bytes, &error);

  /* A raw NUL is not text: the document says where it is. */
  g_assert_null (feed);
  g_assert_error (error, KH_FEED_ERROR, KH_FEED_ERROR_INVALID_UTF8);
  assert_message_contains (error, "not valid UTF-8");
  assert_message_contains (error, "column 96");
}

static void
test_json_escaped_nul_and_surrogates (void)
{
  static const char document[] =
    JSON_FEED_START
    "{\"id\": \"1\", \"title\": \"before\\u0000after\", \"content_text\": \"x\\u0000y\"},"
    "{\"id\": \"2\", \"title\": \"lone \\ud800 surrogate\", \"content_text\": \"\\udfff\"},"
    "{\"id\": \"\\u0000\", \"title\": \"id of a NUL\"}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (document, sizeof document - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = kh_feed_parser_parse (bytes, &error);

  /* Either the document is refused with a reason, or every string that
   * comes out is valid UTF-8 without NULs (a C string ends at one). */
  if (feed == NULL)
    {
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, !=, "");
      return;
    }
  for (guint i = 0; i < kh_feed_get_n_items (feed); i++)
    assert_all_valid_utf8 (kh_feed_get_item (feed, i));
}

/* A byte that is not UTF-8, deep in a document of a few megabytes. */
static void
test_json_invalid_utf8 (void)
{
  g_autoptr(GString) document = g_string_new (JSON_FEED_START);
  g_auto(Outcome) outcome = { 0 };

  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (document, "{\"id\": \"%u\", \"title\": \"عنوان\"},\n", i);
  g_string_append (document, "{\"id\": \"bad\", \"title\": \"\xC0\xAF\xFF\"}]}");
  parse_measured (g_steal_pointer (&document), 64 * MB, &outcome);

  g_assert_null (outcome.feed);
  g_assert_error (outcome.error, KH_FEED_ERROR, KH_FEED_ERROR_INVALID_UTF8);
  assert_message_contains (outcome.error, "Line 50001, column 25: the document is not valid UTF-8");
}

/* XML */

static void
test_xml_deep_nesting (void)
{
  g_autoptr(GString) document = NULL;
  g_auto(Outcome) outcome = { 0 };

  if (!in_child ())
    return;

  document = sized_string (2 * MB);
  g_string_append (document, RSS_START "<item><guid>1</guid><title>first</title></item>"
                   "<item><guid>2</guid><title>deep</title><description>");
  append_repeated (document, "<x>", 100000);
  append_repeated (document, "</x>", 100000);
  g_string_append (document, "</description></item></channel></rss>");
  parse_measured (g_steal_pointer (&document), 64 * MB, &outcome);

  /* libxml2 stops at 256 levels; what it read before may be a feed. */
  if (outcome.feed != NULL)
    {
      g_assert_true (problems_contain (outcome.feed, "depth"));
      g_assert_cmpuint (kh_feed_get_n_items (outcome.feed), >=, 1);
    }
  else
    assert_message_contains (outcome.error, "depth");
}

/* The same in an HTML body: libxml2's HTML parser has no depth limit, so
 * the walk over its tree must not recurse without one. */
static void
test_html_deep_nesting (void)
{
  g_autoptr(GString) document = NULL;
  g_auto(Outcome) outcome = { 0 };
  KhItem *item;

  if (!in_child ())
    return;

  document = sized_string (2 * MB);
  g_string_append (document, JSON_FEED_START "{\"id\": \"1\", \"title\": \"t\", \"content_html\": \"<p>start</p>");
  append_repeated (document, "<div><b>", 50000);
  g_string_append (document, "deep text");
  append_repeated (document, "</b></div>", 50000);
  g_string_append (document, "<p>end</p>\"}]}");
  parse_measured (g_steal_pointer (&document), 256 * MB, &outcome);

  g_assert_no_error (outcome.error);
  item = kh_feed_get_item (outcome.feed, 0);
  g_assert_cmpstr (kh_item_get_paragraphs (item)[0], ==, "start");
  assert_all_valid_utf8 (item);
}

/* A body of four million tiny paragraphs: parsed whole, it took 23 s and
 * 1.8 GB.  It is cut first, and its paragraphs counted. */
static void
test_html_huge_body (void)
{
  g_autoptr(GString) document = NULL;
  g_auto(Outcome) outcome = { 0 };
  KhItem *item;

  if (!in_child ())
    return;

  document = sized_string (33 * MB);
  g_string_append (document, JSON_FEED_START "{\"id\": \"1\", \"title\": \"t\", \"content_html\": \"");
  append_repeated (document, "<p>x</p>", 4000000);
  g_string_append (document, "\"}]}");
  parse_measured (g_steal_pointer (&document), 128 * MB, &outcome);

  g_assert_no_error (outcome.error);
  item = kh_feed_get_item (outcome.feed, 0);
  g_assert_cmpuint (g_strv_length ((GStrv) kh_item_get_paragraphs (item)), ==, KH_FEED_MAX_PARAGRAPHS);
  g_assert_cmpuint (strlen (kh_item_get_content_html (item)), <=, KH_FEED_MAX_BODY_LENGTH);
  g_assert_true (problems_contain (outcome.feed, "Item 1 is longer than Khabar shows; its text was cut short"));
}

/* The same in plain text: a million paragraphs between blank lines. */
static void
test_text_huge_body (void)
{
  g_autoptr(GString) document = NULL;
  g_auto(Outcome) outcome = { 0 };
  KhItem *item;

  if (!in_child ())
    return;

  document = sized_string (6 * MB);
  g_string_append (document, JSON_FEED_START "{\"id\": \"1\", \"title\": \"t\", \"content_text\": \"");
  append_repeated (document, "x\\n\\n", 1000000);
  g_string_append (document, "\"}]}");
  parse_measured (g_steal_pointer (&document), 64 * MB, &outcome);

  g_assert_no_error (outcome.error);
  item = kh_feed_get_item (outcome.feed, 0);
  g_assert_cmpuint (g_strv_length ((GStrv) kh_item_get_paragraphs (item)), ==, KH_FEED_MAX_PARAGRAPHS);
  g_assert_true (problems_contain (outcome.feed, "its text was cut short"));
}

/* Entities that expand to entities, a billion times over. */
static void
test_xml_billion_laughs (void)
{
  g_autoptr(GString) document = NULL;
  g_auto(Outcome) outcome = { 0 };

  if (!in_child ())
    return;

  document = g_string_new ("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY l0 \"ha\">\n");
  for (guint i = 1; i < 10; i++)
    g_string_append_printf (document,
                            "<!ENTITY l%u \"&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;&l%u;\">\n",
                            i, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
  g_string_append (document, "]>\n<rss version=\"2.0\"><channel><title>t</title>"
                   "<item><guid>1</guid><title>&l9;</title><description>&l9;</description></item>"
                   "<item><guid>2</guid><title>plain</title></item></channel></rss>");
  parse_measured (g_steal_pointer (&document), 64 * MB, &outcome);

  /* libxml2 sees the loop of amplification and stops there. */
  if (outcome.feed != NULL)
    {
      g_assert_true (problems_contain (outcome.feed, "entity"));
      for (guint i = 0; i < kh_feed_get_n_items (outcome.feed); i++)
        g_assert_cmpuint (strlen (kh_item_get_title (kh_feed_get_item (outcome.feed, i))), <, 10000);
    }
  else
    g_assert_cmpstr (outcome.error->message, !=, "");
}

static void
test_xml_million_items (void)
{
  g_autoptr(GString) document = NULL;
  g_auto(Outcome) outcome = { 0 };

  if (!in_child ())
    return;

  document = sized_string (32 * MB);
  g_string_append (document, RSS_START);
  for (guint i = 0; i < 1000000; i++)
    g_string_append_printf (document, "<item><guid>%u</guid></item>", i);
  g_string_append (document, "</channel></rss>");
  parse_measured (g_steal_pointer (&document), 16 * MB, &outcome);

  g_assert_null (outcome.feed);
  g_assert_error (outcome.error, KH_FEED_ERROR, KH_FEED_ERROR_TOO_COMPLEX);
  assert_message_contains (outcome.error, "more than 500000 elements");
}

/* Tags in CDATA sections and comments are text, not elements. */
static void
test_xml_tags_in_cdata (void)
{
  g_autoptr(GString) document = g_string_new (RSS_START "<item><guid>1</guid><title>t</title>"
                                              "<description><![CDATA[");
  g_auto(Outcome) outcome = { 0 };

  append_repeated (document, "<p>x</p>", 300000);
  g_string_append (document, "]]></description></item><!--");
  append_repeated (document, "<a>", 300000);
  g_string_append (document, "--></channel></rss>");
  parse_measured (g_steal_pointer (&document), 256 * MB, &outcome);

  g_assert_no_error (outcome.error);
  g_assert_cmpuint (kh_feed_get_n_items (outcome.feed), ==, 1);
}

static void
test_xml_huge_title (void)
{
  g_autoptr(GString) document = NULL;
  g_auto(Outcome) outcome = { 0 };
  const char *title;

  if (!in_child ())
    return;

  document = sized_string (51 * MB);
  g_string_append (document, RSS_START "<item><guid>1</guid><title>");
  append_repeated (document, "Breaking news ", 50 * MB / strlen ("Breaking news "));
  g_string_append (document, "</title></item></channel></rss>");
  parse_measured (g_steal_pointer (&document), 300 * MB, &outcome);

  g_assert_no_error (outcome.error);
  title = kh_item_get_title (kh_feed_get_item (outcome.feed, 0));
  g_assert_cmpuint (g_utf8_strlen (title, -1), <=, KH_FEED_MAX_TITLE_CHARS + 1);
  g_assert_true (g_str_has_prefix (title, "Breaking news Breaking news"));
}

static void
test_xml_invalid_utf8_and_nul (void)
{
  static const char document[] =
    RSS_START
    "<item><guid>1</guid><title>good</title></item>"
    "<item><guid>2</guid><title>bad \xC0\xAF\xFF bytes</title><description>a\0b</description></item>"
    "</channel></rss>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (document, sizeof document - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = kh_feed_parser_parse (bytes, &error);

  /* Recovered or refused, never invalid text. */
  if (feed == NULL)
    {
      assert_message_contains (error, "Line 1");
      return;
    }
  g_assert_true (kh_feed_get_problems (feed)[0] != NULL);
  for (guint i = 0; i < kh_feed_get_n_items (feed); i++)
    assert_all_valid_utf8 (kh_feed_get_item (feed, i));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hostile/json/deep-nesting", test_json_deep_nesting);
  g_test_add_func ("/hostile/json/deep-nesting-in-item", test_json_deep_nesting_in_item);
  g_test_add_func ("/hostile/json/brackets-in-strings", test_json_brackets_in_strings);
  g_test_add_func ("/hostile/json/million-items", test_json_million_items);
  g_test_add_func ("/hostile/json/too-many-items", test_json_too_many_items);
  g_test_add_func ("/hostile/json/huge-title", test_json_huge_title);
  g_test_add_func ("/hostile/json/huge-fields", test_json_huge_fields);
  g_test_add_func ("/hostile/json/problem-quotes-bounded", test_json_problem_quotes_bounded);
  g_test_add_func ("/hostile/json/nul-byte", test_json_nul_byte);
  g_test_add_func ("/hostile/json/escaped-nul-and-surrogates", test_json_escaped_nul_and_surrogates);
  g_test_add_func ("/hostile/json/invalid-utf8", test_json_invalid_utf8);
  g_test_add_func ("/hostile/xml/deep-nesting", test_xml_deep_nesting);
  g_test_add_func ("/hostile/xml/billion-laughs", test_xml_billion_laughs);
  g_test_add_func ("/hostile/xml/million-items", test_xml_million_items);
  g_test_add_func ("/hostile/xml/tags-in-cdata", test_xml_tags_in_cdata);
  g_test_add_func ("/hostile/xml/huge-title", test_xml_huge_title);
  g_test_add_func ("/hostile/xml/invalid-utf8-and-nul", test_xml_invalid_utf8_and_nul);
  g_test_add_func ("/hostile/html/deep-nesting", test_html_deep_nesting);
  g_test_add_func ("/hostile/html/huge-body", test_html_huge_body);
  g_test_add_func ("/hostile/text/huge-body", test_text_huge_body);

  return g_test_run ();
}
