/* test-formats-news.c: news services' own JSON: BBC News live pages and
 * "most read" lists, NewsAPI answers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>
#include <time.h>

#include "kh-error.h"
#include "kh-feed-parser.h"
#include "feed-helpers.h"

/* Helpers */

static GBytes *
load_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static KhFeed *
parse_fixture (const char *name,
               const char *base_uri)
{
  g_autoptr(GBytes) bytes = load_fixture (name);
  g_autoptr(GError) error = NULL;
  KhFeed *feed = kh_feed_parser_parse_full (bytes, NULL, base_uri, &error);

  g_assert_no_error (error);
  g_assert_true (KH_IS_FEED (feed));
  return feed;
}

static KhFeed *
parse_string (const char *document)
{
  g_autoptr(GBytes) bytes = g_bytes_new (document, strlen (document));
  g_autoptr(GError) error = NULL;
  KhFeed *feed = kh_feed_parser_parse (bytes, &error);

  g_assert_no_error (error);
  g_assert_true (KH_IS_FEED (feed));
  return feed;
}

static GError *
parse_string_error (const char *document)
{
  g_autoptr(GBytes) bytes = g_bytes_new (document, strlen (document));
  g_autoptr(KhFeed) feed = NULL;
  GError *error = NULL;

  feed = kh_feed_parser_parse (bytes, &error);
  g_assert_null (feed);
  g_assert_nonnull (error);
  return error;
}

static void
assert_ids_unique (KhFeed *feed)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < kh_feed_get_n_items (feed); i++)
    {
      const char *id = kh_item_get_id (kh_feed_get_item (feed, i));

      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, (gpointer) id);
    }
}

/* BBC News live page */

static void
test_bbc_live_page (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("bbc-live.json", NULL);
  g_autoptr(GDateTime) before = utc (2026, 11, 28, 5, 0);
  g_autoptr(GDateTime) during = utc (2026, 11, 29, 12, 0);
  g_autoptr(GDateTime) after = utc (2026, 11, 30, 18, 0);
  const char * const problems[] = {
    "Item 4 repeats the id “asset:1f0c6d2e-7a41-4b1b-9c3d-5e6f7a8b9c01”; skipped",
    "Item 5 is null, not an object; skipped",
    "Item 6 (“asset:1f0c6d2e-7a41-4b1b-9c3d-5e6f7a8b9c06”) has neither a title nor any text; skipped",
    "Item 7: “blocks” should be an array, found a string",
    "Item 8: a block is null, not an object; left out",
    "Item 8: “firstPublished” is not a date: “yesterday”",
    NULL
  };

  g_assert_cmpstr (kh_feed_get_format (feed), ==, "BBC News live page");
  g_assert_cmpstr (kh_feed_get_title (feed), ==, "مباشر: فيضانات الوادي الأخضر لحظة بلحظة");
  g_assert_cmpstr (kh_feed_get_language (feed), ==, "ar");
  g_assert_cmpstrv (kh_feed_get_problems (feed), problems);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 3);
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 6);
  assert_ids_unique (feed);

  assert_date (kh_feed_get_coverage_start (feed), 1795845600);   /* 2026-11-28T06:00Z */
  assert_date (kh_feed_get_coverage_end (feed), 1796061600);     /* 2026-11-30T18:00Z */
  g_assert_false (kh_feed_get_expired (feed));
  g_assert_cmpint (kh_feed_get_coverage_state (feed, before), ==, KH_COVERAGE_STATE_UNKNOWN);
  g_assert_cmpint (kh_feed_get_coverage_state (feed, during), ==, KH_COVERAGE_STATE_LIVE);
  g_assert_cmpint (kh_feed_get_coverage_state (feed, after), ==, KH_COVERAGE_STATE_ENDED);
}

static void
test_bbc_live_blocks (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("bbc-live.json", NULL);
  KhItem *roads = find_item (feed, "asset:1f0c6d2e-7a41-4b1b-9c3d-5e6f7a8b9c01");
  const char *html = kh_item_get_content_html (roads);
  const char * const paragraphs[] = {
    "أعلنت البلدية إغلاق الطريق عند الكيلومتر 42 حتى إشعار آخر.",
    "قال المتحدث سامي النجار إن الفرق تعمل منذ الفجر.",
    "(تحديث 09:40 بتوقيت مكة)",
    "وسم الحملة: <script>alert(1)</script> & #الوادي_الأخضر",
    "التفاصيل في تقريرنا السابق وفي رابط مريب",
    "المدارس مغلقة",
    "الطريق 7 مغلق في الاتجاهين",
    NULL
  };

  /* The header: headline and subheadline. */
  g_assert_cmpstr (kh_item_get_title (roads), ==, "إغلاق الطريق السريع 7 بعد ارتفاع منسوب المياه");
  g_assert_cmpstr (kh_item_get_summary (roads), ==, "تحديث من غرفة العمليات");
  g_assert_cmpstr (kh_item_get_language (roads), ==, "ar");
  g_assert_true (kh_item_get_breaking (roads));
  g_assert_null (kh_item_get_url (roads));
  assert_date (kh_item_get_published (roads), 1795936500);   /* 2026-11-29T07:15Z */
  assert_date (kh_item_get_modified (roads), 1795938030);    /* 07:40:30Z */
  g_assert_cmpint (g_date_time_get_utc_offset (kh_item_get_published (roads)), ==, 0);

  /* Empty paragraphs are gone; bold and italic fragments are <b> and <i>;
   * text that looks like markup is text. */
  g_assert_cmpstrv (kh_item_get_paragraphs (roads), paragraphs);
  g_assert_true (g_str_has_prefix (html, "<p>أعلنت البلدية"));
  g_assert_null (strstr (html, "<p></p>"));
  g_assert_nonnull (strstr (html, "<p>قال المتحدث <b>سامي النجار</b> إن الفرق"));
  g_assert_nonnull (strstr (html, "<p><i>(تحديث 09:40 بتوقيت مكة)</i></p>"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; #الوادي_الأخضر"));
  g_assert_null (strstr (html, "<script>"));

  /* A relative link is the BBC's; a javascript: one is only its text. */
  g_assert_nonnull (strstr (html, "<a href=\"https://www.bbc.com/arabic/articles/c0ffee12345o\">تقريرنا السابق</a>"));
  g_assert_null (strstr (html, "javascript"));
  g_assert_nonnull (strstr (html, "<ul><li>المدارس مغلقة</li><li><b>الطريق 7</b> مغلق في الاتجاهين</li></ul>"));

  /* The first image leads, its caption ending with the credit; the next
   * stays in the body, without a caption it does not have. */
  g_assert_cmpstr (kh_item_get_image (roads), ==,
                   "https://ichef.bbci.co.uk/ace/ws/800/cpsprodpb/a1b2/live/0f1e2d3c-flood.jpg");
  g_assert_cmpstr (kh_item_get_image_caption (roads), ==, "سيارات عالقة قرب الجسر - وكالة الأنباء المحلية");
  g_assert_null (strstr (html, "0f1e2d3c-flood.jpg"));
  g_assert_true (g_str_has_suffix (html, "<figure><img src=\"https://ichef.bbci.co.uk/ace/ws/800/cpsprodpb/c3d4/live/bridge.jpg\" "
                                         "alt=\"الجسر القديم\"></figure>"));
}

static void
test_bbc_live_nulls (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("bbc-live.json", NULL);
  const char * const no_paragraphs[] = { NULL };
  KhItem *relief, *power, *statement, *aerial, *steps;

  /* No header: the title from "titles"; epoch milliseconds, as a number
   * and as a string; an image template for the width. */
  relief = find_item (feed, "urn:bbc:optimo:asset:c9d8e7f6a5b4");
  g_assert_cmpstr (kh_item_get_title (relief), ==, "فرق الإغاثة تصل إلى قرية الواحة");
  g_assert_null (kh_item_get_summary (relief));
  g_assert_false (kh_item_get_breaking (relief));
  assert_date (kh_item_get_published (relief), 1795958100);   /* 2026-11-29T13:15Z */
  assert_date (kh_item_get_modified (relief), 1795959000);
  g_assert_cmpstr (kh_item_get_image (relief), ==, "https://ichef.bbci.co.uk/ace/ws/800/cpsprodpb/e5f6/live/crescent.jpg");
  g_assert_cmpstr (kh_item_get_image_caption (relief), ==, "فرق الإغاثة - الهلال الأحمر");
  g_assert_nonnull (strstr (kh_item_get_content_html (relief),
                            "<p><i>Teams brought 300 blankets and 2 water pumps.</i></p>"));

  /* A headline whose model is null: the title from the first paragraph;
   * a "$recipe" template; a time with an offset keeps it; an empty
   * "lastPublished" is no date and no problem. */
  power = find_item (feed, "asset:1f0c6d2e-7a41-4b1b-9c3d-5e6f7a8b9c03");
  g_assert_cmpstr (kh_item_get_title (power), ==, "انقطاع الكهرباء عن ثلاثة أحياء في المدينة منذ الثامنة صباحًا");
  g_assert_cmpstr (kh_item_get_image (power), ==, "https://ichef.bbci.co.uk/images/ic/800xn/p0a1b2c3.jpg");
  assert_date (kh_item_get_published (power), 1795932300);    /* 2026-11-29T06:05Z */
  g_assert_cmpint (g_date_time_get_utc_offset (kh_item_get_published (power)), ==, 3 * G_TIME_SPAN_HOUR);
  g_assert_null (kh_item_get_modified (power));

  /* "blocks" that are a string: the title alone. */
  statement = find_item (feed, "asset:1f0c6d2e-7a41-4b1b-9c3d-5e6f7a8b9c07");
  g_assert_cmpstr (kh_item_get_title (statement), ==, "بيان الدفاع المدني");
  g_assert_cmpstrv (kh_item_get_paragraphs (statement), no_paragraphs);
  g_assert_null (kh_item_get_content_html (statement));

  /* A null block and a date that is none; a data: image is no image. */
  aerial = find_item (feed, "asset:1f0c6d2e-7a41-4b1b-9c3d-5e6f7a8b9c08");
  g_assert_cmpstr (kh_item_get_paragraphs (aerial)[0], ==, "صورة التقطتها طائرة مسيّرة فوق السد.");
  g_assert_null (kh_item_get_published (aerial));
  g_assert_null (kh_item_get_image (aerial));

  /* No urn: an id made from the headline and time; an ordered list; an
   * image on a file: address is left out. */
  steps = kh_feed_get_item (feed, 1);
  g_assert_cmpstr (kh_item_get_title (steps), ==, "تحديث بلا معرّف");
  g_assert_true (g_str_has_prefix (kh_item_get_id (steps), "sha256:"));
  g_assert_cmpstr (kh_item_get_content_html (steps), ==,
                   "<ol><li>الخطوة الأولى: الإخلاء</li><li>الخطوة الثانية: الإيواء</li></ol>");
  g_assert_null (kh_item_get_image (steps));
}

static void
test_bbc_live_closed (void)
{
  /* No "data" around the page; no posts yet; "isLive": false closes the
   * coverage whatever its end says. */
  g_autoptr(KhFeed) feed = parse_string ("{\"type\": \"live-coverage\", \"isLive\": false,"
                                         " \"title\": \"Closed early\", \"language\": \"en\","
                                         " \"startDateTime\": \"2026-11-28T06:00:00.000Z\","
                                         " \"endDateTime\": \"2026-12-31T00:00:00.000Z\","
                                         " \"liveTextStream\": null}");
  g_autoptr(GDateTime) during = utc (2026, 11, 29, 12, 0);

  assert_no_problems (feed);
  g_assert_cmpstr (kh_feed_get_format (feed), ==, "BBC News live page");
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 0);
  g_assert_true (kh_feed_get_expired (feed));
  g_assert_cmpint (kh_feed_get_coverage_state (feed, during), ==, KH_COVERAGE_STATE_ENDED);
}

static void
test_bbc_live_deep_blocks (void)
{
  /* Containers forty deep: the text below the limit is kept, the rest
   * reported once. */
  g_autoptr(GString) document = g_string_new ("{\"data\": {\"type\": \"live-coverage\", \"liveTextStream\": {\"content\":"
                                              " {\"data\": {\"results\": [{\"urn\": \"asset:deep\", \"content\":"
                                              " {\"model\": {\"blocks\": [{\"type\": \"paragraph\", \"model\":"
                                              " {\"text\": \"Near the top\"}}");
  g_autoptr(KhFeed) feed = NULL;
  const char * const problems[] = { "Item 1: blocks nested more than 32 levels deep were left out", NULL };
  const char * const paragraphs[] = { "Near the top", NULL };

  for (guint i = 0; i < 40; i++)
    g_string_append (document, ", {\"type\": \"text\", \"model\": {\"blocks\": [{\"type\": \"paragraph\", "
                               "\"model\": {\"text\": \"Far down\"}}");
  for (guint i = 0; i < 40; i++)
    g_string_append (document, "]}}");
  g_string_append (document, "]}}}]}}}}}");

  feed = parse_string (document->str);
  g_assert_cmpstrv (kh_feed_get_problems (feed), problems);
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 1);
  g_assert_cmpstr (kh_item_get_paragraphs (kh_feed_get_item (feed, 0))[0], ==, paragraphs[0]);
  g_assert_cmpuint (g_strv_length ((GStrv) kh_item_get_paragraphs (kh_feed_get_item (feed, 0))), <, 40);
}

/* BBC News most read */

static void
test_bbc_most_read (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("bbc-most-read.json", NULL);
  const char * const problems[] = {
    "Item 4 repeats the id “3f2a9c4e-1b7d-4e8a-9f60-2c5d8e1a7b34”; skipped",
    "Item 5 (“0c9d8e7f-6a5b-4c3d-2e1f-0a9b8c7d6e5f”) has neither a title nor any text; skipped",
    "Item 7: “timestamp” is not a date: “soon”",
    "Item 8: “timestamp” is not a date: “1e+20”",
    NULL
  };
  const char * const no_paragraphs[] = { NULL };
  KhItem *item;

  g_assert_cmpstr (kh_feed_get_format (feed), ==, "BBC News most read");
  g_assert_cmpstrv (kh_feed_get_problems (feed), problems);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 2);
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 6);
  assert_ids_unique (feed);

  /* Newest first; a relative address is the BBC's; epoch milliseconds;
   * a leading quote mark kept. */
  item = kh_feed_get_item (feed, 0);
  g_assert_cmpstr (kh_item_get_id (item), ==, "3f2a9c4e-1b7d-4e8a-9f60-2c5d8e1a7b34");
  g_assert_cmpstr (kh_item_get_title (item), ==, "\"لم نتوقع هذا\": سكان الوادي يروون ليلة الفيضان");
  g_assert_cmpstr (kh_item_get_url (item), ==, "https://www.bbc.com/arabic/articles/c4n7q2w9e1ro");
  assert_date (kh_item_get_published (item), 1795946400);   /* 2026-11-29T10:00Z */
  g_assert_cmpstrv (kh_item_get_paragraphs (item), no_paragraphs);
  g_assert_null (kh_item_get_content_html (item));
  g_assert_null (kh_item_get_summary (item));

  /* A URN id and an absolute address; milliseconds are dropped. */
  item = find_item (feed, "urn:bbc:optimo:asset:c8m3k5j2h7lo");
  g_assert_cmpstr (kh_item_get_title (item), ==, "ما الذي نعرفه عن سد الوادي الأخضر و 30 عاماً من التحذيرات؟");
  g_assert_cmpstr (kh_item_get_url (item), ==, "https://www.bbc.com/arabic/articles/c8m3k5j2h7lo");
  assert_date (kh_item_get_published (item), 1795939965);   /* 2026-11-29T08:12:45.120Z */

  /* A time written as a string. */
  assert_date (kh_item_get_published (find_item (feed, "b71e0d52-6c3a-4f19-8e2d-9a4b5c6d7e80")), 1795901400);

  /* Without an id, the address is one; without a time, no date. */
  item = find_item (feed, "https://www.bbc.com/arabic/media-70000001");
  g_assert_cmpstr (kh_item_get_title (item), ==, "إذاعة / بث مباشر");
  g_assert_null (kh_item_get_published (item));
  g_assert_cmpstr (kh_item_get_title (find_item (feed, "e4d3c2b1-a09f-4e8d-b7c6-a5f4e3d2c1b0")), ==,
                   "أمّ تنتظر عودة ابنها منذ 12 عاماً");
}

static void
test_bbc_most_read_base (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("bbc-most-read.json", "https://www.bbc.co.uk/arabic/mostread.json");

  /* Relative addresses follow the address the list came from. */
  g_assert_cmpstr (kh_item_get_url (find_item (feed, "3f2a9c4e-1b7d-4e8a-9f60-2c5d8e1a7b34")), ==,
                   "https://www.bbc.co.uk/arabic/articles/c4n7q2w9e1ro");
  g_assert_cmpstr (kh_item_get_url (find_item (feed, "urn:bbc:optimo:asset:c8m3k5j2h7lo")), ==,
                   "https://www.bbc.com/arabic/articles/c8m3k5j2h7lo");
}

/* NewsAPI */

static void
test_newsapi (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("newsapi.json", NULL);
  const char * const problems[] = {
    "Item 7 repeats the id “https://sahafa.example/economy/2026/11/29/ارتفاع-أسعار-الخبز/”; skipped",
    "Item 8 is null, not an object; skipped",
    "Item 9: “publishedAt” is not a date: “الأحد صباحًا”",
    NULL
  };
  const char * const bread_paragraphs[] = {
    "قررت الهيئة العامة للسلع رفع سعر رغيف الخبز المدعوم بنسبة 5% اعتبارًا من الأحد المقبل.\n"
    "وقال المتحدث باسم الهيئة إن القرار…",
    NULL
  };
  const char * const bread_authors[] = { "منى الحداد", "Yusuf Karam", NULL };
  const char * const wire_paragraphs[] = {
    "Barriers built after 2019 held overnight & kept the river back, officials said on Sunday…", NULL
  };
  const char * const wire_authors[] = { "Wire.example", NULL };
  const char * const no_paragraphs[] = { NULL };
  const char * const no_authors[] = { NULL };
  KhItem *bread, *dollar, *final, *wire, *bare, *school, *unlinked;

  g_assert_cmpstr (kh_feed_get_format (feed), ==, "NewsAPI");
  g_assert_cmpstrv (kh_feed_get_problems (feed), problems);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 2);
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 8);
  assert_ids_unique (feed);

  /* The url is the id; the suffix that names the source goes (its case
   * aside); the length marker goes, the ellipsis stays; writers' links
   * are names; a backslash in an image address is a slash. */
  bread = find_item (feed, "https://sahafa.example/economy/2026/11/29/ارتفاع-أسعار-الخبز/");
  g_assert_cmpstr (kh_item_get_title (bread), ==, "ارتفاع أسعار الخبز 5% في 3 محافظات");
  g_assert_cmpstr (kh_item_get_summary (bread), ==, "قررت الهيئة رفع سعر رغيف الخبز المدعوم بنسبة 5% اعتبارًا من الأحد.");
  g_assert_cmpstrv (kh_item_get_paragraphs (bread), bread_paragraphs);
  g_assert_null (kh_item_get_content_html (bread));
  g_assert_cmpstrv (kh_item_get_authors (bread), bread_authors);
  g_assert_cmpstr (kh_item_get_image (bread), ==, "https://img.sahafa.example/Normal/2026/11/29/bread.jpg");
  assert_date (kh_item_get_published (bread), 1795941000);   /* 2026-11-29T08:30Z */

  /* Content with its Arabic stripped, digits left: no body.  A suffix
   * that is not the source's name stays; the byline is the source. */
  dollar = find_item (feed, "https://akhbar.example/2026/11/29/%D8%B3%D8%B9%D8%B1-%D8%A7%D9%84%D8%AF%D9%88%D9%84%D8%A7%D8%B1");
  g_assert_cmpstr (kh_item_get_title (dollar), ==, "سعر الدولار اليوم 29-11-2026 في 10 بنوك - أخبار اليوم");
  g_assert_cmpstrv (kh_item_get_paragraphs (dollar), no_paragraphs);
  g_assert_cmpstr (kh_item_get_authors (dollar)[0], ==, "Akhbar.example");
  /* +03:00 is kept, and the instant is right. */
  assert_date (kh_item_get_published (dollar), 1795932617);   /* 2026-11-29T06:10:17Z */
  g_assert_cmpint (g_date_time_get_utc_offset (kh_item_get_published (dollar)), ==, 3 * G_TIME_SPAN_HOUR);

  /* Under an Arabic title, content with only Latin words left is what
   * remains of an Arabic text: no body either. */
  final = find_item (feed, "https://kora.example/live/2026/final");
  g_assert_cmpstrv (kh_item_get_paragraphs (final), no_paragraphs);
  g_assert_cmpstr (kh_item_get_title (final), ==, "نهائي الكأس live HD|الدقيقة 90| - كورة");

  /* English content is read, "&" as text; an author that is an address
   * gives way to the source. */
  wire = find_item (feed, "https://wire.example/world/flood-barriers-hold");
  g_assert_cmpstr (kh_item_get_title (wire), ==, "Flood barriers hold in the valley");
  g_assert_cmpstrv (kh_item_get_paragraphs (wire), wire_paragraphs);
  g_assert_cmpstrv (kh_item_get_authors (wire), wire_authors);

  /* Nulls everywhere. */
  bare = find_item (feed, "https://sahafa.example/x/5");
  g_assert_cmpstr (kh_item_get_title (bare), ==, "عنوان فقط");
  g_assert_null (kh_item_get_summary (bare));
  g_assert_null (kh_item_get_image (bare));
  g_assert_null (kh_item_get_published (bare));
  g_assert_cmpstrv (kh_item_get_authors (bare), no_authors);

  /* Empty strings and a null source; markup without text is no body. */
  school = find_item (feed, "https://madrasa.example/news/77");
  g_assert_null (kh_item_get_summary (school));
  g_assert_null (kh_item_get_image (school));
  g_assert_cmpstrv (kh_item_get_paragraphs (school), no_paragraphs);

  /* No url: an id from the source, title and time; no title: one from
   * the description. */
  unlinked = kh_feed_get_item (feed, 2);
  g_assert_cmpstr (kh_item_get_title (unlinked), ==, "خبر بلا رابط");
  g_assert_true (g_str_has_prefix (kh_item_get_id (unlinked), "sha256:"));
  g_assert_null (kh_item_get_url (unlinked));
  g_assert_cmpstr (kh_item_get_title (find_item (feed, "https://sahafa.example/x/10")), ==,
                   "وصف يصلح عنوانًا حين يغيب العنوان");
}

static void
test_newsapi_errors (void)
{
  static const struct
  {
    const char *document;
    int         code;
    const char *message;
  } cases[] = {
    { "{\"status\": \"error\", \"code\": \"apiKeyInvalid\", \"message\": \"The key you sent is not one we know.\"}",
      KH_FEED_ERROR_SERVICE, "NewsAPI answered with an error: The key you sent is not one we know." },
    { "{\"status\": \"error\", \"code\": \"rateLimited\", \"message\": null}",
      KH_FEED_ERROR_SERVICE, "NewsAPI answered with an error: rateLimited" },
    { "{\"status\": \"error\", \"code\": \"apiKeyMissing\", \"message\": \"  <b>Markup</b> &amp;\\n stays text  \"}",
      KH_FEED_ERROR_SERVICE, "NewsAPI answered with an error: <b>Markup</b> &amp; stays text" },
    { "{\"status\": \"error\", \"articles\": []}",
      KH_FEED_ERROR_SERVICE, "NewsAPI answered with an error and gave no reason" },
    { "{\"status\": \"ok\", \"articles\": {\"title\": \"one\"}}",
      KH_FEED_ERROR_NOT_A_FEED, "Not a news feed: “articles” is an object, not an array" },
    /* Another service's error is not NewsAPI's. */
    { "{\"status\": \"error\", \"code\": \"notFound\", \"message\": \"No such city\"}",
      KH_FEED_ERROR_NOT_A_FEED, "Not a news feed: a JSON object without “items”" },
  };
  g_autoptr(GString) long_message = g_string_new ("{\"status\": \"error\", \"code\": \"parameterInvalid\", \"message\": \"");
  g_autoptr(GError) long_error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = parse_string_error (cases[i].document);

      g_test_message ("%s", cases[i].document);
      g_assert_error (error, KH_FEED_ERROR, cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }

  /* A message of 5000 characters is quoted in part. */
  for (guint i = 0; i < 500; i++)
    g_string_append (long_message, "خطأ طويل ");
  g_string_append (long_message, "\"}");
  long_error = parse_string_error (long_message->str);
  g_assert_error (long_error, KH_FEED_ERROR, KH_FEED_ERROR_SERVICE);
  g_assert_cmpuint (g_utf8_strlen (long_error->message, -1), <, 400);
}

static void
test_newsapi_empty (void)
{
  g_autoptr(KhFeed) feed = parse_string ("{\"status\": \"ok\", \"totalResults\": 0, \"articles\": []}");

  assert_no_problems (feed);
  g_assert_cmpstr (kh_feed_get_format (feed), ==, "NewsAPI");
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 0);
}

/* Which format takes which document */

static void
test_probe_order (void)
{
  static const struct
  {
    const char *document;
    const char *format;
  } cases[] = {
    /* A most-read list without its "data": not a JSON Feed, though it
     * has "items". */
    { "{\"items\": [{\"id\": \"a\", \"rank\": 1, \"title\": \"One\", \"href\": \"/arabic/a\", \"timestamp\": 1795946400000}]}",
      "BBC News most read" },
    /* JSON Feeds stay JSON Feeds, "href" or not. */
    { "{\"items\": [{\"id\": \"a\", \"title\": \"One\", \"url\": \"https://example.org/a\", \"href\": \"x\", \"rank\": 1}]}",
      "JSON Feed" },
    { "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"a\", \"title\": \"One\","
      " \"href\": \"/a\", \"rank\": 1}]}",
      "JSON Feed 1.1" },
    { "{\"items\": []}", "JSON Feed" },
    /* A JSON Feed with an "articles" member of its own. */
    { "{\"status\": \"ok\", \"articles\": [], \"items\": []}", "JSON Feed" },
    { "{\"@context\": \"https://schema.org\", \"@type\": \"LiveBlogPosting\", \"headline\": \"Live\","
      " \"type\": \"live-coverage\", \"liveBlogUpdate\": []}",
      "schema.org LiveBlogPosting" },
    { "[{\"id\": 4, \"title\": {\"rendered\": \"Post\"}, \"type\": \"live-coverage\"}]", "WordPress REST API" },
    { "{\"data\": {\"type\": \"live-coverage\"}}", "BBC News live page" },
    { "{\"data\": {\"liveTextStream\": {}}}", "BBC News live page" },
    { "{\"totalResults\": 0, \"articles\": []}", "NewsAPI" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(KhFeed) feed = NULL;

      g_test_message ("%s", cases[i].document);
      feed = parse_string (cases[i].document);
      g_assert_cmpstr (kh_feed_get_format (feed), ==, cases[i].format);
    }
}

/* The real documents these formats were written for, when the corpus of
 * them is at hand beside the source tree.  Nothing of it is kept here. */

static char *
corpus_path (const char *first,
             ...)
{
  g_autofree char *corpus = g_build_filename (g_test_get_dir (G_TEST_DIST), "..", "..", "shared", "corpus", NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  const char *part;
  va_list args;

  if (!g_file_test (corpus, G_FILE_TEST_IS_DIR))
    return NULL;
  g_ptr_array_add (parts, corpus);
  va_start (args, first);
  for (part = first; part != NULL; part = va_arg (args, const char *))
    g_ptr_array_add (parts, (gpointer) part);
  va_end (args);
  g_ptr_array_add (parts, NULL);
  return g_build_filenamev ((char **) parts->pdata);
}

static KhFeed *
parse_corpus_file (const char *path,
                   const char *format,
                   guint       n_items)
{
  g_autoptr(GBytes) bytes = load_file (path);
  g_autoptr(GError) error = NULL;
  KhFeed *feed = kh_feed_parser_parse (bytes, &error);

  g_test_message ("%s", path);
  g_assert_no_error (error);
  g_assert_cmpstr (kh_feed_get_format (feed), ==, format);
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, n_items);
  assert_no_problems (feed);
  assert_ids_unique (feed);
  for (guint i = 0; i < n_items; i++)
    {
      KhItem *item = kh_feed_get_item (feed, i);

      g_assert_cmpstr (kh_item_get_title (item), !=, "");
      g_assert_nonnull (kh_item_get_published (item));
    }
  return feed;
}

static void
test_corpus_bbc_live (void)
{
  g_autofree char *path = corpus_path ("bbc-arabic-simorgh", "live-cvp5r6m6mgpt.json", NULL);
  g_autoptr(KhFeed) feed = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  KhItem *post;

  if (path == NULL)
    {
      g_test_skip ("No corpus of real documents beside the source tree");
      return;
    }
  feed = parse_corpus_file (path, "BBC News live page", 1);
  g_assert_cmpstr (kh_feed_get_language (feed), ==, "ar");
  g_assert_nonnull (kh_feed_get_title (feed));
  assert_date (kh_feed_get_coverage_start (feed), 1734693900);   /* 2024-12-20T11:25Z */
  assert_date (kh_feed_get_coverage_end (feed), 1736528400);     /* 2025-01-10T17:00Z */
  g_assert_cmpint (kh_feed_get_coverage_state (feed, now), ==, KH_COVERAGE_STATE_ENDED);

  /* Its one post: a plain, a bold and an italic paragraph between empty
   * ones, every "title", "images" and "descriptions" null. */
  post = kh_feed_get_item (feed, 0);
  g_assert_cmpuint (g_strv_length ((GStrv) kh_item_get_paragraphs (post)), ==, 3);
  g_assert_nonnull (strstr (kh_item_get_content_html (post), "<p><b>"));
  g_assert_nonnull (strstr (kh_item_get_content_html (post), "<p><i>"));
  g_assert_nonnull (kh_item_get_summary (post));
  g_assert_null (kh_item_get_image (post));
  g_assert_cmpstr (kh_item_get_language (post), ==, "ar");
}

static void
test_corpus_bbc_most_read (void)
{
  g_autofree char *path = corpus_path ("bbc-arabic-simorgh", "mostRead-index.json", NULL);
  g_autoptr(KhFeed) feed = NULL;

  if (path == NULL)
    {
      g_test_skip ("No corpus of real documents beside the source tree");
      return;
    }
  feed = parse_corpus_file (path, "BBC News most read", 20);
  for (guint i = 0; i < 20; i++)
    g_assert_true (g_str_has_prefix (kh_item_get_url (kh_feed_get_item (feed, i)), "https://www.bbc.com/arabic/"));
}

/* Whether @text has an Arabic letter. */
static gboolean
has_arabic (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_ARABIC &&
        g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
test_corpus_newsapi (void)
{
  static const struct
  {
    const char *name;
    guint       n_items;
  } files[] = {
    { "newsapi-eg-businessNewsData.json", 16 },
    { "newsapi-eg-scienceNewsData.json", 19 },
    { "newsapi-eg-sportsNewsData.json", 20 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = corpus_path ("arabic-newsapi", files[i].name, NULL);
      g_autoptr(KhFeed) feed = NULL;

      if (path == NULL)
        {
          g_test_skip ("No corpus of real documents beside the source tree");
          return;
        }
      feed = parse_corpus_file (path, "NewsAPI", files[i].n_items);

      /* What NewsAPI left of Arabic text is not shown as the body. */
      for (guint j = 0; j < files[i].n_items; j++)
        {
          KhItem *item = kh_feed_get_item (feed, j);
          const char * const *paragraphs = kh_item_get_paragraphs (item);

          g_assert_nonnull (kh_item_get_url (item));
          g_assert_cmpstr (kh_item_get_authors (item)[0], !=, NULL);
          for (guint k = 0; paragraphs[k] != NULL; k++)
            g_assert_true (has_arabic (paragraphs[k]));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formats/bbc-live/page", test_bbc_live_page);
  g_test_add_func ("/formats/bbc-live/blocks", test_bbc_live_blocks);
  g_test_add_func ("/formats/bbc-live/nulls", test_bbc_live_nulls);
  g_test_add_func ("/formats/bbc-live/closed", test_bbc_live_closed);
  g_test_add_func ("/formats/bbc-live/deep-blocks", test_bbc_live_deep_blocks);
  g_test_add_func ("/formats/bbc-most-read/list", test_bbc_most_read);
  g_test_add_func ("/formats/bbc-most-read/base", test_bbc_most_read_base);
  g_test_add_func ("/formats/newsapi/articles", test_newsapi);
  g_test_add_func ("/formats/newsapi/errors", test_newsapi_errors);
  g_test_add_func ("/formats/newsapi/empty", test_newsapi_empty);
  g_test_add_func ("/formats/probe-order", test_probe_order);
  g_test_add_func ("/formats/corpus/bbc-live", test_corpus_bbc_live);
  g_test_add_func ("/formats/corpus/bbc-most-read", test_corpus_bbc_most_read);
  g_test_add_func ("/formats/corpus/newsapi", test_corpus_newsapi);

  return g_test_run ();
}
