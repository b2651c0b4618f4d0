/* test-feed-parser.c: JSON Feed documents into a KhFeed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <string.h>
#include <time.h>

#include "kh-date.h"
#include "kh-error.h"
#include "kh-feed-parser.h"
#include "kh-item-codec.h"
#include "feed-helpers.h"

/* Helpers */

static KhFeed *
parse_fixture (const char *name)
{
  g_autoptr(GBytes) bytes = load_fixture (name);
  g_autoptr(GError) error = NULL;
  KhFeed *feed = kh_feed_parser_parse (bytes, &error);

  g_assert_no_error (error);
  g_assert_true (KH_IS_FEED (feed));
  return feed;
}

/* Parses a fixture that must fail; returns the error. */
static GError *
parse_fixture_error (const char *name,
                     int         code)
{
  g_autoptr(GBytes) bytes = load_fixture (name);
  g_autoptr(KhFeed) feed = NULL;
  GError *error = NULL;

  feed = kh_feed_parser_parse (bytes, &error);
  g_assert_null (feed);
  g_assert_error (error, KH_FEED_ERROR, code);
  return error;
}

static GError *
parse_string_error (const char *document,
                    int         code)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (document, strlen (document));
  g_autoptr(KhFeed) feed = NULL;
  GError *error = NULL;

  feed = kh_feed_parser_parse (bytes, &error);
  g_assert_null (feed);
  g_assert_error (error, KH_FEED_ERROR, code);
  return error;
}

static void
assert_clock (KhItem     *item,
              const char *identifier,
              const char *label)
{
  GTimeZone *clock = kh_item_get_clock (item);

  if (identifier == NULL)
    g_assert_null (clock);
  else
    {
      g_assert_nonnull (clock);
      g_assert_cmpstr (g_time_zone_get_identifier (clock), ==, identifier);
    }
  g_assert_cmpstr (kh_item_get_clock_label (item), ==, label);
}

/* JSON Feed 1.1, every field */

static void
test_parse_complete_feed_fields (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("feed-1.1-complete.json");
  const char * const problems[] = { "Unknown time zone “Mars/Olympus_Mons”", NULL };

  g_assert_cmpstr (kh_feed_get_title (feed), ==, "تغطية مباشرة: الانتخابات البلدية");
  g_assert_cmpstr (kh_feed_get_home_page_url (feed), ==,
                   "https://news.example.org/live/municipal-elections");
  g_assert_cmpstr (kh_feed_get_language (feed), ==, "ar");
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 5);
  g_assert_cmpuint (kh_feed_get_items (feed)->len, ==, 5);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 0);
  g_assert_cmpstrv (kh_feed_get_problems (feed), problems);
}

static void
test_parse_complete_order (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("feed-1.1-complete.json");
  /* 14:05Z, 13:11Z, 10:30Z (12:30+02:00), 09:00Z (modified only), undated. */
  const char * const expected[] = { "live-1004", "live-1003", "live-1002", "live-1001", "live-1000", NULL };

  assert_item_ids (feed, expected);
}

static void
test_parse_complete_text_item (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("feed-1.1-complete.json");
  KhItem *item = find_item (feed, "live-1003");
  const char * const paragraphs[] = {
    "أعلنت اللجنة العليا للانتخابات أن نسبة المشاركة بلغت ٤٢ بالمئة\nحتى الساعة الثالثة بعد الظهر.",
    "وقال رئيس اللجنة في مؤتمر صحفي إن الفرز يبدأ فور إغلاق الصناديق.",
    "The committee will publish results district by district.",
    NULL
  };
  /* Authors without a name and entries that are not objects are left out. */
  const char * const authors[] = { "ليلى حداد", "Omar Khalil", NULL };
  /* Tags that are not strings are left out. */
  const char * const tags[] = { "انتخابات", "مشاركة", "turnout", NULL };

  g_assert_cmpstr (kh_item_get_url (item), ==,
                   "https://news.example.org/live/municipal-elections#live-1003");
  g_assert_cmpstr (kh_item_get_title (item), ==, "نسبة المشاركة تبلغ ٤٢ بالمئة");
  g_assert_cmpstr (kh_item_get_summary (item), ==, "اللجنة العليا تعلن نسبة المشاركة حتى الظهر");
  g_assert_cmpstrv (kh_item_get_paragraphs (item), paragraphs);
  /* "image" wins over "banner_image". */
  g_assert_cmpstr (kh_item_get_image (item), ==, "https://news.example.org/img/turnout-board.jpg");
  g_assert_cmpstr (kh_item_get_image_caption (item), ==, "لوحة نسب المشاركة في مقر اللجنة");
  g_assert_cmpstr (kh_item_get_dateline (item), ==, "دمشق");
  g_assert_false (kh_item_get_breaking (item));
  /* No "language" of its own: the feed's. */
  g_assert_cmpstr (kh_item_get_language (item), ==, "ar");
  assert_date (kh_item_get_published (item), 1641993060);   /* 2022-01-12T13:11:00Z */
  assert_date (kh_item_get_modified (item), 1641994800);    /* 2022-01-12T13:40:00Z */
  g_assert_cmpstrv (kh_item_get_authors (item), authors);
  g_assert_cmpstrv (kh_item_get_tags (item), tags);
  /* No zone of its own: the feed's clock and label. */
  assert_clock (item, "Asia/Damascus", "دمشق");
}

static void
test_parse_complete_html_item (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("feed-1.1-complete.json");
  KhItem *item = find_item (feed, "live-1002");
  /* content_html wins over content_text; &nbsp; stays a non-breaking space,
   * <script> and <style> are dropped with their content, an empty <p> goes. */
  const char * const paragraphs[] = {
    "Polling stations in the old city opened at 7\u00a0a.m. & queues formed early.",
    "Turnout",
    "Officials said \"turnout is steady\".\nMore figures are expected at noon.",
    "The Arabic letter خ opens the word for news.",
    NULL
  };
  /* The JSON Feed 1.0 "author" object, when there is no "authors" array. */
  const char * const authors[] = { "Sami Nasser", NULL };
  const char * const no_tags[] = { NULL };
  g_autofree char *meta = NULL;

  g_assert_cmpstr (kh_item_get_title (item), ==, "Queues outside polling stations");
  g_assert_null (kh_item_get_summary (item));
  g_assert_cmpstrv (kh_item_get_paragraphs (item), paragraphs);
  /* Only a banner: it stands in for the image. */
  g_assert_cmpstr (kh_item_get_image (item), ==, "https://news.example.org/img/queue-banner.jpg");
  g_assert_null (kh_item_get_image_caption (item));
  g_assert_cmpstr (kh_item_get_dateline (item), ==, "Old City");
  g_assert_cmpstr (kh_item_get_language (item), ==, "en");
  assert_date (kh_item_get_published (item), 1641983400);   /* 2022-01-12T10:30:00Z */
  /* The offset written in the feed is kept. */
  g_assert_cmpint (g_date_time_get_utc_offset (kh_item_get_published (item)), ==, 2 * G_TIME_SPAN_HOUR);
  g_assert_null (kh_item_get_modified (item));
  g_assert_cmpstrv (kh_item_get_authors (item), authors);
  g_assert_cmpstrv (kh_item_get_tags (item), no_tags);
  g_assert_false (kh_item_get_breaking (item));
  /* Its own zone overrides the feed's. */
  assert_clock (item, "Europe/London", "London");

  meta = kh_date_format_meta (kh_item_get_published (item),
                              kh_item_get_clock (item),
                              kh_item_get_clock_label (item));
  g_assert_cmpstr (meta, ==, "2022.01.12 | 10:30 London");
}

static void
test_parse_complete_extension (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("feed-1.1-complete.json");
  KhItem *item = find_item (feed, "live-1004");
  const char * const paragraphs[] = { "أغلقت مراكز الاقتراع أبوابها في جميع المحافظات.", NULL };

  /* White space in titles is collapsed. */
  g_assert_cmpstr (kh_item_get_title (item), ==, "عاجل: إغلاق مراكز الاقتراع");
  g_assert_cmpstrv (kh_item_get_paragraphs (item), paragraphs);
  g_assert_true (kh_item_get_breaking (item));
  g_assert_cmpstr (kh_item_get_dateline (item), ==, "حلب");
  g_assert_null (kh_item_get_url (item));
  g_assert_null (kh_item_get_image (item));
  assert_date (kh_item_get_published (item), 1641996300);   /* 2022-01-12T14:05:00Z */
  /* Its zone is unknown (a problem of the feed, see feed-fields): the
   * feed's clock and label stand, not the item's label. */
  assert_clock (item, "Asia/Damascus", "دمشق");
}

static void
test_parse_complete_inherited (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("feed-1.1-complete.json");
  KhItem *modified_only = find_item (feed, "live-1001");
  KhItem *undated = find_item (feed, "live-1000");
  const char * const no_authors[] = { NULL };

  /* Only "date_modified": it is the date the item is shown and sorted by. */
  assert_date (kh_item_get_published (modified_only), 1641978000);   /* 2022-01-12T09:00:00Z */
  assert_date (kh_item_get_modified (modified_only), 1641978000);
  g_assert_cmpstr (kh_item_get_language (modified_only), ==, "ar");
  g_assert_false (kh_item_get_breaking (modified_only));
  g_assert_null (kh_item_get_dateline (modified_only));
  g_assert_cmpstrv (kh_item_get_authors (modified_only), no_authors);
  assert_clock (modified_only, "Asia/Damascus", "دمشق");

  g_assert_null (kh_item_get_published (undated));
  g_assert_null (kh_item_get_modified (undated));
  g_assert_cmpstr (kh_item_get_title (undated), ==, "بدء التغطية");
  g_assert_cmpstr (kh_item_get_language (undated), ==, "ar");
  assert_clock (undated, "Asia/Damascus", "دمشق");
}

static void
test_parse_complete_meta_line (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("feed-1.1-complete.json");
  KhItem *item = find_item (feed, "live-1003");
  g_autofree char *meta = kh_date_format_meta (kh_item_get_published (item),
                                               kh_item_get_clock (item),
                                               kh_item_get_clock_label (item));

  /* 13:11 UTC on the clock of Damascus, UTC+2 in January 2022. */
  g_assert_cmpstr (meta, ==, "2022.01.12 | 15:11 دمشق");
}

/* JSON Feed 1.0 */

static void
test_parse_json_feed_1_0 (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("feed-1.0.json");
  const char * const order[] = { "hw-2", "hw-1", NULL };
  const char * const hw2_paragraphs[] = { "All six gantry cranes are working again after the power cut.", NULL };
  const char * const hw2_authors[] = { "Rana Aziz", NULL };
  const char * const hw2_tags[] = { "port", "power", NULL };
  const char * const hw1_paragraphs[] = { "Two tugboats are guiding the ship past the breakwater.", NULL };
  const char * const no_problems[] = { NULL };
  KhItem *hw1, *hw2;

  g_assert_cmpstr (kh_feed_get_title (feed), ==, "Harbour Watch — live");
  g_assert_cmpstr (kh_feed_get_home_page_url (feed), ==, "https://harbour.example.net/live");
  g_assert_null (kh_feed_get_language (feed));
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 0);
  g_assert_cmpstrv (kh_feed_get_problems (feed), no_problems);
  assert_item_ids (feed, order);

  hw2 = find_item (feed, "hw-2");
  g_assert_cmpstr (kh_item_get_url (hw2), ==, "https://harbour.example.net/live#hw-2");
  g_assert_cmpstr (kh_item_get_title (hw2), ==, "Cranes back in service");
  g_assert_cmpstrv (kh_item_get_paragraphs (hw2), hw2_paragraphs);
  g_assert_cmpstrv (kh_item_get_authors (hw2), hw2_authors);
  g_assert_cmpstrv (kh_item_get_tags (hw2), hw2_tags);
  assert_date (kh_item_get_published (hw2), 1622697300);   /* 2021-06-03T05:15:00Z */
  g_assert_null (kh_item_get_language (hw2));
  assert_clock (hw2, NULL, NULL);

  /* No title: the summary stands in for it. */
  hw1 = find_item (feed, "hw-1");
  g_assert_cmpstr (kh_item_get_title (hw1), ==,
                   "The first container ship in a week is being guided into berth four.");
  g_assert_cmpstr (kh_item_get_summary (hw1), ==,
                   "The first container ship in a week is being guided into berth four.");
  g_assert_cmpstrv (kh_item_get_paragraphs (hw1), hw1_paragraphs);
  g_assert_cmpstr (kh_item_get_image (hw1), ==, "https://harbour.example.net/img/berth-four.jpg");
  assert_date (kh_item_get_published (hw1), 1622692800);   /* 2021-06-03T04:00:00Z */
}

/* Authors */

static void
test_parse_authors_inherited (void)
{
  /* JSON Feed 1.1: "If not specified in an item, then the top-level
   * authors, if present, are the authors of the item"; 1.0 says the same of
   * "author".
   * Regression guard (kh-feed-parser.c, parse_names/parse_feed_fields): the
   * top-level "authors" and "author" are never read, so an item without
   * authors of its own has none. */
  g_autoptr(KhFeed) feed = parse_fixture ("authors.json");
  g_autoptr(KhFeed) feed_1_0 = parse_fixture ("feed-1.0.json");
  const char * const own[] = { "هدى سليمان", NULL };
  const char * const inherited[] = { "مكتب الأخبار", NULL };
  const char * const inherited_1_0[] = { "Harbour Desk", NULL };
  const char * const *inherits = kh_item_get_authors (find_item (feed, "inherits"));
  const char * const *inherits_1_0 = kh_item_get_authors (find_item (feed_1_0, "hw-1"));

  /* "authors" wins over "author"; empty names are left out. */
  g_assert_cmpstrv (kh_item_get_authors (find_item (feed, "own")), own);

  if (!g_strv_equal (inherits, inherited) || !g_strv_equal (inherits_1_0, inherited_1_0))
    {
      g_test_fail_printf ("%s", "the top-level authors of a feed are not given to items without authors");
      return;
    }
  g_assert_cmpstrv (inherits, inherited);
  g_assert_cmpstrv (inherits_1_0, inherited_1_0);
}

/* Ordering */

static void
test_parse_order (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("ordering.json");
  /* f 09:00Z (modified only), c 08:30Z, a and d both 07:00Z in feed order,
   * g 00:59:59Z, then the undated b and e in feed order. */
  const char * const expected[] = { "f", "c", "a", "d", "g", "b", "e", NULL };

  assert_item_ids (feed, expected);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 0);
}

/* Time zones of the "_khabar" extension */

static void
test_parse_timezones (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("timezones.json");
  const char * const problems[] = {
    "Unknown time zone “Atlantis/Poseidonia”",
    "Unknown time zone “Nowhere/Nothing”",
    NULL
  };
  KhItem *beirut = find_item (feed, "beirut");
  g_autofree char *meta = NULL;

  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 4);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 0);
  g_assert_cmpstrv (kh_feed_get_problems (feed), problems);

  assert_clock (beirut, "Asia/Beirut", "بيروت");
  /* The feed's zone is unknown, so there is no clock to fall back to: local time. */
  assert_clock (find_item (feed, "unknown"), NULL, NULL);
  assert_clock (find_item (feed, "no-label"), "Africa/Cairo", NULL);
  assert_clock (find_item (feed, "plain"), NULL, NULL);

  /* Beirut kept summer time (UTC+3) in July 2022. */
  meta = kh_date_format_meta (kh_item_get_published (beirut),
                              kh_item_get_clock (beirut),
                              kh_item_get_clock_label (beirut));
  g_assert_cmpstr (meta, ==, "2022.07.01 | 12:00 بيروت");
}

/* Identifiers */

static void
test_parse_ids_coerced (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("ids.json");
  const char * const expected[] = { "42", "-7", "3.5", "padded", NULL };

  assert_item_ids (feed, expected);
  g_assert_cmpstr (kh_item_get_title (find_item (feed, "42")), ==, "Integer id");
  g_assert_cmpstr (kh_item_get_title (find_item (feed, "padded")), ==, "Id with spaces around it");
}

static void
test_parse_ids_missing (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("ids.json");
  /* Absent, null, empty, blank, boolean and object ids. */
  const char * const problems[] = {
    "Item 5 has no id; skipped",
    "Item 6 has no id; skipped",
    "Item 7 has no id; skipped",
    "Item 8 has no id; skipped",
    "Item 9 has no id; skipped",
    "Item 10 has no id; skipped",
    NULL
  };

  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 4);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 6);
  g_assert_cmpstrv (kh_feed_get_problems (feed), problems);
}

static void
test_parse_ids_duplicate (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("duplicate-ids.json");
  const char * const expected[] = { "x", "42", "y", NULL };
  const char * const problems[] = {
    "Item 3 repeats the id “x”; skipped",
    /* The number 42 and the string "42" are the same id. */
    "Item 4 repeats the id “42”; skipped",
    NULL
  };
  KhItem *first;

  assert_item_ids (feed, expected);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 2);
  g_assert_cmpstrv (kh_feed_get_problems (feed), problems);

  /* The first one is kept, with its own fields. */
  first = find_item (feed, "x");
  g_assert_cmpstr (kh_item_get_title (first), ==, "الأول");
  assert_date (kh_item_get_published (first), 1682935200);   /* 2023-05-01T10:00:00Z */
  g_assert_cmpstr (kh_item_get_title (find_item (feed, "42")), ==, "Number forty-two");
}

/* Titles */

static void
test_parse_title_from_summary (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("titles.json");
  KhItem *item = find_item (feed, "from-summary");

  g_assert_cmpstr (kh_item_get_title (item), ==, "وصول قافلة المساعدات إلى المعبر");
  g_assert_cmpstr (kh_item_get_summary (item), ==, "وصول قافلة المساعدات إلى المعبر");
}

static void
test_parse_title_from_text (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("titles.json");
  KhItem *item = find_item (feed, "from-text");
  const char * const paragraphs[] = {
    "The bridge reopened to traffic\nafter a two-hour inspection.",
    "Engineers found no damage.",
    NULL
  };

  /* The first line of the first paragraph. */
  g_assert_cmpstr (kh_item_get_title (item), ==, "The bridge reopened to traffic");
  g_assert_null (kh_item_get_summary (item));
  g_assert_cmpstrv (kh_item_get_paragraphs (item), paragraphs);
}

static void
test_parse_title_from_html (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("titles.json");
  KhItem *item = find_item (feed, "from-html");

  /* A blank title counts as none; the line ends at the <br>. */
  g_assert_cmpstr (kh_item_get_title (item), ==, "أعيد فتح الطريق");
}

static void
test_parse_title_truncated (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("titles.json");
  KhItem *item = find_item (feed, "long");
  const char *title = kh_item_get_title (item);

  g_assert_cmpstr (title, ==,
                   "The regional council voted late on Tuesday evening to extend the "
                   "emergency water rationing scheme for another three…");
  g_assert_cmpint (g_utf8_strlen (title, -1), <=, 121);
}

static void
test_parse_title_nothing (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("titles.json");
  const char * const expected[] = { "from-summary", "from-text", "from-html", "long", "title-only", NULL };
  const char * const problems[] = {
    "Item 5 (“nothing”) has neither a title nor any text; skipped",
    "Item 6 (“only-script”) has neither a title nor any text; skipped",
    NULL
  };

  assert_item_ids (feed, expected);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 2);
  g_assert_cmpstrv (kh_feed_get_problems (feed), problems);
}

static void
test_parse_title_only (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("titles.json");
  KhItem *item = find_item (feed, "title-only");

  g_assert_cmpstr (kh_item_get_title (item), ==, "عنوان بلا نص");
  g_assert_nonnull (kh_item_get_paragraphs (item));
  g_assert_null (kh_item_get_paragraphs (item)[0]);
}

static void
test_parse_title_markup (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("markup-title.json");
  KhItem *item = find_item (feed, "markup");
  const char * const paragraphs[] = { "Markup in content_text is text too: <b>not bold</b> &amp;", NULL };

  /* Titles, summaries and plain text are never read as markup. */
  g_assert_cmpstr (kh_feed_get_title (feed), ==, "<i>Feed</i> & co");
  g_assert_cmpstr (kh_item_get_title (item), ==, "<b>&amp; <span foreground=\"red\">");
  g_assert_cmpstr (kh_item_get_summary (item), ==, "<a href=\"https://example.org\">link</a> &lt;kept&gt;");
  g_assert_cmpstrv (kh_item_get_paragraphs (item), paragraphs);
}

/* Dates */

static void
test_parse_dates_unparsable (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("bad-dates.json");
  const char * const expected[] = { "good", "fallback", "words", "no-offset", NULL };
  const char * const problems[] = {
    "Item 1: “date_published” is not an RFC 3339 date: “yesterday afternoon”",
    "Item 2: “date_published” is not an RFC 3339 date: “2022-01-12T13:11:00”",
    "Item 3: “date_published” is not an RFC 3339 date: “12/01/2022”",
    NULL
  };
  KhItem *fallback;

  /* Items with bad dates are kept, undated, at the end in feed order. */
  assert_item_ids (feed, expected);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 0);
  g_assert_cmpstrv (kh_feed_get_problems (feed), problems);

  g_assert_null (kh_item_get_published (find_item (feed, "words")));
  g_assert_null (kh_item_get_modified (find_item (feed, "words")));
  g_assert_cmpstr (kh_item_get_title (find_item (feed, "words")), ==, "Yesterday");
  g_assert_null (kh_item_get_published (find_item (feed, "no-offset")));

  fallback = find_item (feed, "fallback");
  assert_date (kh_item_get_published (fallback), 1641974400);   /* 2022-01-12T08:00:00Z */
  assert_date (kh_item_get_modified (fallback), 1641974400);
  assert_date (kh_item_get_published (find_item (feed, "good")), 1641978000);
}

/* Wrong types */

static void
test_parse_wrong_types_feed (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("wrong-types.json");
  const char * const *problems = kh_feed_get_problems (feed);

  g_assert_null (kh_feed_get_title (feed));
  g_assert_cmpstr (kh_feed_get_home_page_url (feed), ==, "https://example.org/types");
  g_assert_nonnull (problems[0]);
  g_assert_cmpstr (problems[0], ==, "Feed: “title” should be a string, found a number");
}

static void
test_parse_wrong_types_item (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("wrong-types.json");
  const char * const *problems = kh_feed_get_problems (feed);
  const char * const no_tags[] = { NULL };
  const char * const no_authors[] = { NULL };
  KhItem *w1 = find_item (feed, "w1");
  KhItem *w2 = find_item (feed, "w2");

  /* A field of the wrong type is ignored; the item is kept. */
  g_assert_cmpstr (kh_item_get_title (w1), ==, "النص هو العنوان هنا.");
  g_assert_null (kh_item_get_url (w1));
  g_assert_cmpstrv (kh_item_get_tags (w1), no_tags);
  g_assert_false (kh_item_get_breaking (w1));
  g_assert_null (kh_item_get_dateline (w1));

  g_assert_null (kh_item_get_summary (w2));
  g_assert_null (kh_item_get_published (w2));
  g_assert_cmpstrv (kh_item_get_authors (w2), no_authors);

  g_assert_true (g_strv_contains (problems, "Item 1: “title” should be a string, found a number"));
  g_assert_true (g_strv_contains (problems, "Item 1: “url” should be a string, found a boolean"));
  g_assert_true (g_strv_contains (problems, "Item 1: “tags” should be an array, found a string"));
  g_assert_true (g_strv_contains (problems, "Item 1: “_khabar” should be an object, found a string"));
  g_assert_true (g_strv_contains (problems, "Item 2: “date_published” should be a string, found a number"));
  g_assert_true (g_strv_contains (problems, "Item 2: “summary” should be a string, found an array"));
  g_assert_true (g_strv_contains (problems, "Item 2: “authors” should be an array, found an object"));
}

static void
test_parse_wrong_types_extension (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("wrong-types.json");
  const char * const *problems = kh_feed_get_problems (feed);
  KhItem *w2 = find_item (feed, "w2");

  g_assert_cmpstr (kh_item_get_title (w2), ==, "Mixed-up extension");
  g_assert_false (kh_item_get_breaking (w2));
  g_assert_null (kh_item_get_dateline (w2));
  /* The well-typed member of the same object still counts. */
  g_assert_cmpstr (kh_item_get_image_caption (w2), ==, "Caption survives");

  g_assert_true (g_strv_contains (problems, "Item 2: “dateline” should be a string, found a number"));
  g_assert_true (g_strv_contains (problems, "Item 2: “breaking” should be a boolean, found a string"));
}

static void
test_parse_non_object_items (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("wrong-types.json");
  const char * const *problems = kh_feed_get_problems (feed);
  const char * const expected[] = { "w1", "w2", "w7", NULL };

  assert_item_ids (feed, expected);
  /* Only the four items that are not objects are skipped; the items with
   * badly typed fields are kept. */
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 4);
  g_assert_cmpuint (g_strv_length ((GStrv) problems), ==, 14);

  g_assert_true (g_strv_contains (problems, "Item 3 is a string, not an object; skipped"));
  g_assert_true (g_strv_contains (problems, "Item 4 is a number, not an object; skipped"));
  g_assert_true (g_strv_contains (problems, "Item 5 is null, not an object; skipped"));
  g_assert_true (g_strv_contains (problems, "Item 6 is an array, not an object; skipped"));
  g_assert_cmpstr (kh_item_get_title (find_item (feed, "w7")), ==, "Last good item");
}

static void
test_parse_version_not_a_string (void)
{
  /* Regression guard (kh-feed-parser.c, find_items): "version" is read with
   * json_object_get_string_member_with_default(), which emits a CRITICAL
   * when the member is an object or an array.  A hostile or broken feed
   * must give a feed or a KhFeedError, never a CRITICAL (fatal in tests). */
  if (g_test_subprocess ())
    {
      static const char with_items[] =
        "{\"version\": {\"major\": 1}, \"items\": [{\"id\": \"1\", \"title\": \"كلمة\"}]}";
      static const char without_items[] = "{\"version\": [1, 1], \"title\": \"x\"}";
      g_autoptr(GBytes) bytes = g_bytes_new_static (with_items, strlen (with_items));
      g_autoptr(GError) error = NULL;
      g_autoptr(KhFeed) feed = kh_feed_parser_parse (bytes, &error);

      g_assert_no_error (error);
      g_assert_nonnull (feed);
      g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 1);
      g_assert_cmpstr (kh_item_get_title (kh_feed_get_item (feed, 0)), ==, "كلمة");

      error = parse_string_error (without_items, KH_FEED_ERROR_NOT_A_FEED);
      g_assert_nonnull (strstr (error->message, "without"));
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  if (!g_test_trap_has_passed ())
    {
      g_test_fail_printf ("%s", "a \"version\" that is an object or an array makes the parser "
                         "emit a CRITICAL");
      return;
    }
  g_test_trap_assert_passed ();
}

/* Encodings */

static void
test_parse_bom (void)
{
  g_autoptr(KhFeed) feed = parse_fixture ("bom.json");
  const char * const paragraphs[] = { "قرئت الوثيقة رغم العلامة.", NULL };
  KhItem *item;

  g_assert_cmpstr (kh_feed_get_title (feed), ==, "بداية بعلامة ترتيب البايتات");
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 1);
  item = kh_feed_get_item (feed, 0);
  g_assert_cmpstr (kh_item_get_id (item), ==, "bom-1");
  g_assert_cmpstr (kh_item_get_title (item), ==, "يعمل");
  g_assert_cmpstrv (kh_item_get_paragraphs (item), paragraphs);
}

static void
test_parse_invalid_utf8 (void)
{
  g_autoptr(GError) error = parse_fixture_error ("invalid-utf8.json", KH_FEED_ERROR_INVALID_UTF8);

  /* Line 4, after 35 characters (some of them Arabic, two bytes each). */
  g_assert_cmpstr (error->message, ==,
                   "Line 4, column 36: the document is not valid UTF-8 (byte 103)");
}

/* Documents that are not feeds */

static void
test_parse_items_not_array (void)
{
  g_autoptr(GError) error = parse_fixture_error ("items-not-array.json", KH_FEED_ERROR_NOT_A_FEED);

  g_assert_nonnull (strstr (error->message, "items"));
  g_assert_cmpstr (error->message, ==, "Not a news feed: “items” is an object, not an array");
}

static void
test_parse_syntax_error (void)
{
  g_autoptr(GError) error = parse_fixture_error ("syntax-error.json", KH_FEED_ERROR_SYNTAX);

  /* json-glib points at the last character of the token before the
   * missing comma: the closing quote of "Live". */
  g_assert_true (g_str_has_prefix (error->message, "Line 3, column 17: "));
  g_assert_nonnull (strstr (error->message, "Line 3, column"));
}

/* json-glib quotes a bad string whole, even half a surrogate pair; the
 * message the reader sees is still UTF-8. */
static void
test_parse_syntax_error_utf8 (void)
{
  const char json[] = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"\\{u0000 \\ud83d\\\",\"items\":[]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = kh_feed_parser_parse (bytes, &error);

  g_assert_null (feed);
  g_assert_error (error, KH_FEED_ERROR, KH_FEED_ERROR_SYNTAX);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

/* An escaped surrogate without its partner becomes U+FFFD; a pair is one
 * character; an escaped backslash before "u" is no escape. */
static void
test_parse_lone_surrogates (void)
{
  const char json[] =
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"a\\ud800b\",\n"
    " \"next_url\":\"next\\udc00\",\"items\":[{\"id\":\"\\ud83d\\ude00\",\n"
    " \"title\":\"\\\\ud800 \\ud83d\\u0041\"}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = kh_feed_parser_parse (bytes, &error);
  KhItem *item;

  g_assert_no_error (error);
  g_assert_cmpstr (kh_feed_get_title (feed), ==, "a\uFFFDb");
  g_assert_cmpstr (kh_feed_get_next_url (feed), ==, "next\uFFFD");
  item = kh_feed_get_item (feed, 0);
  g_assert_cmpstr (kh_item_get_id (item), ==, "\U0001F600");
  g_assert_cmpstr (kh_item_get_title (item), ==, "\\ud800 \uFFFDA");
}

/* A \u escape with fewer than four hex digits is not JSON, nor is an
 * octal one; json-glib would read them into bytes that are not UTF-8. */
static void
test_parse_bad_escapes (void)
{
  const char json[] =
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\n"
    " \"title\":\"\\\\u not one \\ud80. lone\",\"items\":[]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = kh_feed_parser_parse (bytes, &error);

  g_assert_null (feed);
  g_assert_error (error, KH_FEED_ERROR, KH_FEED_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "Line 2, column 23: not a valid JSON escape");

  {
    const char octal[] = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"id\":\"\\377\"}]}";
    g_autoptr(GBytes) octal_bytes = g_bytes_new_static (octal, sizeof octal - 1);
    g_autoptr(GError) octal_error = NULL;
    g_autoptr(KhFeed) octal_feed = kh_feed_parser_parse (octal_bytes, &octal_error);

    g_assert_null (octal_feed);
    g_assert_cmpstr (octal_error->message, ==, "Line 1, column 63: not a valid JSON escape");
  }
}

/* An item's links that resolve to an address GLib cannot write are
 * dropped, without a critical. */
static void
test_parse_hostless_double_slash (void)
{
  const char json[] =
    "{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"id\":\"1\",\"title\":\"t\",\n"
    " \"url\":\"ftp:/a/..//b\",\"image\":\"http:/x/..//y.png\"}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = kh_feed_parser_parse_full (bytes, NULL, "https://news.example/feed.json", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 1);
}

static void
test_parse_syntax_error_column (void)
{
  /* The same mistake after an Arabic title: the closing quote of "عنوان"
   * is character 18 of line 3.
   * Regression guard (kh-feed-parser.c, set_syntax_error): json-glib's column
   * counts bytes, and it is passed on as is, so the message says
   * "column 23" here, while invalid UTF-8 is reported in characters. */
  static const char document[] =
    "{\n"
    "  \"version\": \"https://jsonfeed.org/version/1.1\",\n"
    "  \"title\": \"عنوان\" \"missing comma\",\n"
    "  \"items\": []\n"
    "}\n";
  g_autoptr(GError) error = parse_string_error (document, KH_FEED_ERROR_SYNTAX);

  g_assert_true (g_str_has_prefix (error->message, "Line 3, column "));
  if (!g_str_has_prefix (error->message, "Line 3, column 18: "))
    {
      g_test_fail_printf ("%s", "syntax errors give the column in bytes, not characters");
      return;
    }
  g_assert_true (g_str_has_prefix (error->message, "Line 3, column 18: "));
}

static void
test_parse_empty (void)
{
  g_autoptr(GError) error = parse_fixture_error ("empty.json", KH_FEED_ERROR_NOT_A_FEED);
  g_autoptr(GError) blank_error = parse_string_error (" \n\t\n", KH_FEED_ERROR_NOT_A_FEED);
  g_autoptr(GBytes) nothing = g_bytes_new (NULL, 0);
  g_autoptr(GError) nothing_error = NULL;
  g_autoptr(KhFeed) feed = NULL;

  g_assert_cmpstr (error->message, ==, "The document is empty");
  g_assert_cmpstr (blank_error->message, ==, "The document is empty");

  feed = kh_feed_parser_parse (nothing, &nothing_error);
  g_assert_null (feed);
  g_assert_error (nothing_error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED);
}

/* A UTF-16 byte order mark followed by another, as a zero-width space:
 * json-glib reads the UTF-8 left after conversion as no value at all. */
static void
test_parse_only_byte_order_marks (void)
{
  static const char * const documents[] = {
    "\xfe\xff\xfe\xff", "\xef\xbb\xbf\xef\xbb\xbf", "\xff\xfe\xff\xfe",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (documents[i], strlen (documents[i]));
      g_autoptr(GError) error = NULL;
      g_autoptr(KhFeed) feed = kh_feed_parser_parse (bytes, &error);

      g_assert_null (feed);
      g_assert_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED);
    }
}

static void
test_parse_array_root (void)
{
  g_autoptr(GError) error = parse_fixture_error ("array-root.json", KH_FEED_ERROR_NOT_A_FEED);
  g_autoptr(GError) scalar_error = parse_string_error ("\"just a string\"", KH_FEED_ERROR_NOT_A_FEED);

  /* Arrays may be feeds (WordPress posts, JSON-LD): the message says what
   * this one holds instead. */
  g_assert_cmpstr (error->message, ==, "Not a news feed: a JSON array of objects");
  g_assert_cmpstr (scalar_error->message, ==, "Not a news feed: a JSON string");
}

static void
test_parse_object_without_items (void)
{
  g_autoptr(GError) error = parse_fixture_error ("not-a-feed.json", KH_FEED_ERROR_NOT_A_FEED);

  g_assert_nonnull (strstr (error->message, "without"));
  g_assert_cmpstr (error->message, ==, "Not a news feed: a JSON object without “items”");
}

static void
test_parse_feed_without_items (void)
{
  g_autoptr(GError) error = parse_fixture_error ("feed-without-items.json", KH_FEED_ERROR_NOT_A_FEED);

  /* It says "version" like a JSON Feed: the message says so. */
  g_assert_nonnull (strstr (error->message, "without"));
  g_assert_cmpstr (error->message, ==, "Not a news feed: a JSON Feed without “items”");
}

static void
test_parse_empty_items (void)
{
  static const char document[] = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"هادئ\", \"items\": []}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (document, strlen (document));
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = kh_feed_parser_parse (bytes, &error);
  const char * const no_problems[] = { NULL };

  /* A feed with no news yet is a feed. */
  g_assert_no_error (error);
  g_assert_nonnull (feed);
  g_assert_cmpstr (kh_feed_get_title (feed), ==, "هادئ");
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 0);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 0);
  g_assert_cmpstrv (kh_feed_get_problems (feed), no_problems);
}

/* Long feeds, read an item at a time */

#define JSON_FEED_1_1 "https://jsonfeed.org/version/1.1"
#define LONG_FEED_URI "https://news.example/live/feed.json"

/* Item @i of a long feed: each kind of item a feed sends, in turn, with
 * dates out of document order (and some equal), text that holds brackets,
 * quotes and escapes, and a few items the reader skips or reports. */
static void
append_long_item (GString *document,
                  guint    i)
{
  g_autofree char *date = g_strdup_printf ("2026-11-29T%02u:%02u:00+03:00", (i * 37 % 600) / 60, i * 37 % 60);

  if (i % 11 == 0)
    {
      g_free (date);
      date = g_strdup ("2026-11-29T05:00:00Z");
    }

  switch (i)
    {
    case 30:
      /* The id of item 10 again. */
      g_string_append (document, "{\"id\": \"long-10\", \"title\": \"تكرار\", \"content_text\": \"مكرر.\"}");
      return;
    case 40:
      /* No id: the address serves. */
      g_string_append (document, "{\"url\": \"/live/40\", \"title\": \"بلا معرّف\", \"content_text\": \"نص.\"}");
      return;
    case 41:
      g_string_append (document, "{\"title\": \"بلا معرّف ولا رابط\", \"content_text\": \"نص.\"}");
      return;
    case 60:
      g_string_append (document, "{\"id\": 60060, \"title\": \"Numbered\", \"content_text\": \"An id that is a number.\"}");
      return;
    default:
      break;
    }

  g_string_append_printf (document, "{\"id\": \"long-%u\", ", i);
  switch (i % 8)
    {
    case 0:
      g_string_append_printf (document,
                              "\"title\": \"خبر %u: <b>عنوان</b>\", \"date_published\": \"%s\","
                              " \"content_html\": \"<p>فقرة أولى {مع} [أقواس].</p><script>var x = {a: [1]};</script>"
                              "<p>Second <a href=\\\"/x?a=1&amp;b=2\\\">paragraph</a>.</p>\","
                              " \"tags\": [\"عاجل\", \"weather\", 3, null]", i, date);
      break;
    case 1:
      g_string_append_printf (document,
                              "\"title\": \"تحديث %u\", \"date_published\": \"%s\","
                              " \"content_text\": \"سطر أول\\nسطر ثان\\n\\nفقرة ثانية.\","
                              " \"authors\": [{\"name\": \"سلمى\"}, {\"url\": \"https://x\"}, \"no\", {\"name\": \"Karim\"}]",
                              i, date);
      break;
    case 2:
      g_string_append_printf (document,
                              "\"summary\": \"ملخص الخبر %u\", \"date_modified\": \"%s\","
                              " \"author\": {\"name\": \"مراسلنا\"}, \"image\": \"img/%u.jpg\","
                              " \"banner_image\": \"https://cdn.example/banner.png\", \"content_text\": \"نص.\"",
                              i, date, i);
      break;
    case 3:
      g_string_append_printf (document,
                              "\"title\": \"Audio %u\", \"content_text\": \"Listen.\","
                              " \"attachments\": [{\"url\": \"/a/%u.mp3\", \"mime_type\": \"audio/mpeg\","
                              " \"size_in_bytes\": 123456, \"duration_in_seconds\": 61.5},"
                              " {\"mime_type\": \"image/png\"}, {\"url\": \"p.jpg\", \"mime_type\": \"image/jpeg\"}]",
                              i, i);
      break;
    case 4:
      g_string_append_printf (document,
                              "\"title\": \"External %u\", \"external_url\": \"https://elsewhere.example/%u\","
                              " \"language\": \"en\", \"date_published\": \"%s\", \"content_text\": \"Text.\","
                              " \"_khabar\": {\"breaking\": true, \"dateline\": \"بيروت\","
                              " \"image_caption\": \"صورة\", \"timezone\": \"Asia/Beirut\", \"timezone_label\": \"بيروت\"}",
                              i, i, date);
      break;
    case 5:
      g_string_append_printf (document,
                              "\"title\": \"قال \\\"لا }] هنا\\\" \\\\ ثم \\u0627\\u0644 \\ud800 مضى %u\","
                              " \"date_published\": \"%s\", \"content_text\": \"[{\\\"not\\\": \\\"json\\\"}]\\\\\"",
                              i, date);
      break;
    case 6:
      g_string_append_printf (document,
                              "\"title\": 42, \"summary\": \"عنوان من الملخص %u\", \"date_published\": \"not a date\","
                              " \"_khabar\": {\"breaking\": \"yes\", \"timezone\": \"Mars/Olympus_Mons\"},"
                              " \"tags\": \"not a list\"",
                              i);
      break;
    default:
      g_string_append_printf (document,
                              "\"title\": \"Nested %u\", \"date_published\": \"%s\", \"content_text\": \"x\","
                              " \"extra\": {\"a\": [{\"b\": \"}]\"}, [[], {}]], \"c\": {\"d\": {\"e\": null}}}",
                              i, date);
      break;
    }
  g_string_append_c (document, '}');
}

/*
 * A JSON Feed of @n_items items of every kind, each on a line of its own:
 * item i (from 0) is on line i + 2.  With @version NULL the document names
 * no version, and is read whole.  Item number @broken (from 1; 0 for none)
 * is not JSON.
 */
static char *
build_long_feed (const char *version,
                 guint       n_items,
                 guint       broken)
{
  GString *document = g_string_new ("{");

  if (version != NULL)
    g_string_append_printf (document, "\"version\": \"%s\", ", version);
  g_string_append (document,
                   "\"title\": \"تغطية طويلة\", \"home_page_url\": \"https://news.example/live/\","
                   " \"language\": \"ar\", \"authors\": [{\"name\": \"غرفة الأخبار\"}],"
                   " \"next_url\": \"page-2.json\", \"icon\": \"/icon.png\","
                   " \"_khabar\": {\"timezone\": \"Asia/Amman\", \"timezone_label\": \"عمّان\"},"
                   " \"items\": [\n");
  for (guint i = 0; i < n_items; i++)
    {
      if (i + 1 == broken)
        g_string_append (document, "{\"id\": \"معطوب\", \"title\": tru}");
      else
        append_long_item (document, i);
      g_string_append (document, i + 1 < n_items ? ",\n" : "\n");
    }
  g_string_append (document, "]}\n");
  return g_string_free (document, FALSE);
}

/* A JSON Feed of @n_items plain items, with ids "plain-0" onwards. */
static char *
build_plain_feed (const char *version,
                  guint       n_items)
{
  GString *document = g_string_new ("{");

  if (version != NULL)
    g_string_append_printf (document, "\"version\": \"%s\", ", version);
  g_string_append (document, "\"title\": \"عادي\", \"items\": [");
  for (guint i = 0; i < n_items; i++)
    g_string_append_printf (document,
                            "%s{\"id\": \"plain-%u\", \"title\": \"خبر %u\","
                            " \"date_published\": \"2026-11-29T10:%02u:%02uZ\", \"content_text\": \"نص %u.\"}",
                            i > 0 ? ", " : "", i, i, i / 60, i % 60, i);
  g_string_append (document, "]}");
  return g_string_free (document, FALSE);
}

typedef struct
{
  guint      n_calls;
  GPtrArray *items;
  guint      n_items;  /* of the first call */
} PreviewRecord;

static void
preview_record_clear (PreviewRecord *record)
{
  g_clear_pointer (&record->items, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PreviewRecord, preview_record_clear)

static void
record_preview (GPtrArray *first_items,
                gpointer   user_data)
{
  PreviewRecord *record = user_data;

  g_assert_nonnull (first_items);
  if (record->n_calls++ == 0)
    {
      record->items = g_ptr_array_ref (first_items);
      record->n_items = first_items->len;
    }
}

static KhFeed *
parse_recording_preview (const char     *document,
                         PreviewRecord  *record,
                         GError        **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (document, strlen (document));

  return kh_feed_parser_parse_with_preview (bytes, "application/feed+json; charset=utf-8", LONG_FEED_URI,
                                            record_preview, record, error);
}

static KhFeed *
parse_long_feed (const char    *document,
                 PreviewRecord *record)
{
  g_autoptr(GError) error = NULL;
  KhFeed *feed = parse_recording_preview (document, record, &error);

  g_assert_no_error (error);
  g_assert_true (KH_IS_FEED (feed));
  return feed;
}

/* The error @document gives without a preview, as any reader of it would
 * get it. */
static GError *
parse_error_without_preview (const char *document)
{
  g_autoptr(GBytes) bytes = g_bytes_new (document, strlen (document));
  g_autoptr(KhFeed) feed = NULL;
  GError *error = NULL;

  feed = kh_feed_parser_parse_full (bytes, "application/feed+json; charset=utf-8", LONG_FEED_URI, &error);
  g_assert_null (feed);
  g_assert_nonnull (error);
  return error;
}

/* Everything about @feed and its items but its format is @expected's. */
static void
assert_same_feed (KhFeed *feed,
                  KhFeed *expected)
{
  g_assert_cmpstr (kh_feed_get_title (feed), ==, kh_feed_get_title (expected));
  g_assert_cmpstr (kh_feed_get_home_page_url (feed), ==, kh_feed_get_home_page_url (expected));
  g_assert_cmpstr (kh_feed_get_language (feed), ==, kh_feed_get_language (expected));
  g_assert_cmpstr (kh_feed_get_next_url (feed), ==, kh_feed_get_next_url (expected));
  g_assert_cmpstr (kh_feed_get_icon (feed), ==, kh_feed_get_icon (expected));
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, kh_feed_get_n_skipped (expected));
  g_assert_cmpstrv (kh_feed_get_problems (feed), kh_feed_get_problems (expected));
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, kh_feed_get_n_items (expected));

  for (guint i = 0; i < kh_feed_get_n_items (expected); i++)
    {
      g_autofree char *json = kh_item_to_json_string (kh_feed_get_item (feed, i));
      g_autofree char *expected_json = kh_item_to_json_string (kh_feed_get_item (expected, i));

      g_assert_cmpstr (json, ==, expected_json);
    }
}

/* Read an item at a time or whole, a feed is the same feed. */
static void
test_pieces_same_as_whole (void)
{
  g_autofree char *pieces_document = build_long_feed (JSON_FEED_1_1, 120, 0);
  g_autofree char *unversioned_document = build_long_feed (NULL, 120, 0);
  /* A comment makes the splitter decline: json-glib reads it whole. */
  const char *end = strrchr (pieces_document, ']');
  g_autofree char *commented_document = g_strdup_printf ("%.*s] /* read whole */}\n",
                                                         (int) (end - pieces_document), pieces_document);
  g_auto(PreviewRecord) pieces_preview = { 0 };
  g_auto(PreviewRecord) unversioned_preview = { 0 };
  g_auto(PreviewRecord) commented_preview = { 0 };
  g_autoptr(KhFeed) pieces = NULL;
  g_autoptr(KhFeed) unversioned = NULL;
  g_autoptr(KhFeed) commented = NULL;
  const char * const *problems;

  pieces = parse_long_feed (pieces_document, &pieces_preview);
  unversioned = parse_long_feed (unversioned_document, &unversioned_preview);
  commented = parse_long_feed (commented_document, &commented_preview);

  /* Only the feed that names its version was read in pieces. */
  g_assert_cmpuint (pieces_preview.n_calls, ==, 1);
  g_assert_cmpuint (unversioned_preview.n_calls, ==, 0);
  g_assert_cmpuint (commented_preview.n_calls, ==, 0);

  /* 120 items, less a repeated id and an item with neither id nor URL. */
  g_assert_cmpuint (kh_feed_get_n_items (pieces), ==, 118);
  g_assert_cmpuint (kh_feed_get_n_skipped (pieces), ==, 2);
  problems = kh_feed_get_problems (pieces);
  g_assert_true (g_strv_contains (problems, "Item 31 repeats the id “long-10”; skipped"));
  g_assert_true (g_strv_contains (problems, "Item 42 has no id; skipped"));
  g_assert_true (g_strv_contains (problems, "Item 4: an attachment has no URL"));
  g_assert_true (g_strv_contains (problems, "Unknown time zone “Mars/Olympus_Mons”"));
  g_assert_cmpstr (kh_item_get_url (find_item (pieces, "/live/40")), ==,
                   "https://news.example/live/40");
  g_assert_cmpstr (kh_item_get_title (find_item (pieces, "60060")), ==, "Numbered");
  g_assert_cmpstr (kh_item_get_title (find_item (pieces, "long-5")), ==,
                   "قال \"لا }] هنا\" \\ ثم ال \uFFFD مضى 5");
  g_assert_true (kh_item_get_breaking (find_item (pieces, "long-4")));
  g_assert_cmpuint (kh_item_get_attachments (find_item (pieces, "long-3"))->len, ==, 2);

  g_assert_cmpstr (kh_feed_get_format (pieces), ==, "JSON Feed 1.1");
  g_assert_cmpstr (kh_feed_get_format (commented), ==, "JSON Feed 1.1");
  g_assert_cmpstr (kh_feed_get_format (unversioned), ==, "JSON Feed");
  assert_same_feed (pieces, commented);
  assert_same_feed (pieces, unversioned);
}

/* The first 50 items, once, in document order, and only for a JSON Feed
 * longer than that. */
static void
test_pieces_preview_once (void)
{
  const struct
  {
    guint n_items;
    guint n_calls;
  } cases[] = {
    { 120, 1 }, { 51, 1 }, { 50, 0 }, { 49, 0 }, { 1, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *document = build_plain_feed (JSON_FEED_1_1, cases[i].n_items);
      g_auto(PreviewRecord) record = { 0 };
      g_autoptr(KhFeed) feed = parse_long_feed (document, &record);

      g_test_message ("%u items", cases[i].n_items);
      g_assert_cmpuint (kh_feed_get_n_items (feed), ==, cases[i].n_items);
      g_assert_cmpuint (record.n_calls, ==, cases[i].n_calls);
      if (cases[i].n_calls == 0)
        continue;

      g_assert_cmpuint (record.n_items, ==, KH_FEED_PREVIEW_ITEMS);
      g_assert_cmpuint (record.items->len, ==, KH_FEED_PREVIEW_ITEMS);
      for (guint j = 0; j < record.items->len; j++)
        {
          g_autofree char *id = g_strdup_printf ("plain-%u", j);
          KhItem *item = record.items->pdata[j];

          g_assert_cmpstr (kh_item_get_id (item), ==, id);
          /* The very items of the feed, not copies. */
          g_assert_true (item == find_item (feed, id));
        }
    }
}

/* Without a version, in RSS, or without a callback: no preview, the same
 * items. */
static void
test_pieces_no_preview (void)
{
  g_autofree char *unversioned = build_plain_feed (NULL, 120);
  g_autofree char *versioned = build_plain_feed (JSON_FEED_1_1, 120);
  g_autoptr(GString) rss = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                         "<rss version=\"2.0\"><channel><title>قناة</title>\n");
  g_auto(PreviewRecord) unversioned_record = { 0 };
  g_auto(PreviewRecord) rss_record = { 0 };
  g_autoptr(KhFeed) unversioned_feed = NULL;
  g_autoptr(KhFeed) rss_feed = NULL;
  g_autoptr(KhFeed) without_callback = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 120; i++)
    g_string_append_printf (rss, "<item><guid>rss-%u</guid><title>خبر %u</title>"
                            "<description>نص.</description></item>\n", i, i);
  g_string_append (rss, "</channel></rss>\n");

  unversioned_feed = parse_long_feed (unversioned, &unversioned_record);
  rss_feed = parse_long_feed (rss->str, &rss_record);
  g_assert_cmpuint (unversioned_record.n_calls, ==, 0);
  g_assert_cmpuint (rss_record.n_calls, ==, 0);
  g_assert_cmpuint (kh_feed_get_n_items (unversioned_feed), ==, 120);
  g_assert_cmpuint (kh_feed_get_n_items (rss_feed), ==, 120);
  g_assert_cmpstr (kh_feed_get_format (rss_feed), ==, "RSS 2.0");

  bytes = g_bytes_new (versioned, strlen (versioned));
  without_callback = kh_feed_parser_parse_with_preview (bytes, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kh_feed_get_n_items (without_callback), ==, 120);
  assert_same_feed (without_callback, unversioned_feed);
}

/* An item that is not JSON, after the preview: the whole document is read
 * again, and the error says where, in the document's own lines and
 * characters. */
static void
test_pieces_broken_item (void)
{
  g_autofree char *document = build_long_feed (JSON_FEED_1_1, 120, 100);
  g_autofree char *unversioned = build_long_feed (NULL, 120, 100);
  g_auto(PreviewRecord) record = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) without_preview = parse_error_without_preview (document);
  g_autoptr(GError) whole = parse_error_without_preview (unversioned);
  g_autoptr(KhFeed) feed = parse_recording_preview (document, &record, &error);

  g_assert_null (feed);
  g_assert_error (error, KH_FEED_ERROR, KH_FEED_ERROR_SYNTAX);
  /* Item 100 is on line 101; json-glib points at the last letter of
   * "tru", the 28th character of {"id": "معطوب", "title": tru}. */
  g_assert_true (g_str_has_prefix (error->message, "Line 101, column 28: "));
  g_assert_nonnull (strstr (error->message, "tru"));
  g_assert_cmpstr (error->message, ==, without_preview->message);
  g_assert_cmpstr (error->message, ==, whole->message);

  /* The first 50 were shown before the fault was found: 48 of them were
   * items (one repeats an id, one has none). */
  g_assert_cmpuint (record.n_calls, ==, 1);
  g_assert_cmpuint (record.n_items, ==, 48);
}

/* A fault before the 50th item: no preview, the same error. */
static void
test_pieces_broken_early (void)
{
  g_autofree char *document = build_long_feed (JSON_FEED_1_1, 120, 7);
  g_auto(PreviewRecord) record = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) without_preview = parse_error_without_preview (document);
  g_autoptr(KhFeed) feed = parse_recording_preview (document, &record, &error);

  g_assert_null (feed);
  g_assert_error (error, KH_FEED_ERROR, KH_FEED_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "Line 8, column 28: "));
  g_assert_cmpstr (error->message, ==, without_preview->message);
  g_assert_cmpuint (record.n_calls, ==, 0);
}

/* kh_feed_parser_parse_consuming() of @document, @prefix (a byte order
 * mark) first, recording its preview. */
static KhFeed *
parse_consuming (const char     *prefix,
                 const char     *document,
                 PreviewRecord  *record,
                 GError        **error)
{
  g_autofree char *text = g_strconcat (prefix, document, NULL);

  return kh_feed_parser_parse_consuming (g_bytes_new_take (g_steal_pointer (&text),
                                                           strlen (prefix) + strlen (document)),
                                         "application/feed+json; charset=utf-8", LONG_FEED_URI,
                                         record_preview, record, error);
}

/* A document given away is read as one lent: the same feed, the same
 * preview, with or without a byte order mark. */
static void
test_pieces_consuming (void)
{
  const char *prefixes[] = { "", "\xEF\xBB\xBF" };
  g_autofree char *long_document = build_long_feed (JSON_FEED_1_1, 120, 0);
  g_autofree char *plain_document = build_plain_feed (JSON_FEED_1_1, 1000);
  const char *documents[] = { long_document, plain_document };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    for (guint j = 0; j < G_N_ELEMENTS (prefixes); j++)
      {
        g_auto(PreviewRecord) lent_record = { 0 };
        g_auto(PreviewRecord) given_record = { 0 };
        g_autoptr(KhFeed) lent = parse_long_feed (documents[i], &lent_record);
        g_autoptr(KhFeed) given = NULL;
        g_autoptr(GError) error = NULL;

        given = parse_consuming (prefixes[j], documents[i], &given_record, &error);
        g_assert_no_error (error);
        g_assert_true (KH_IS_FEED (given));
        assert_same_feed (given, lent);
        g_assert_cmpstr (kh_feed_get_format (given), ==, kh_feed_get_format (lent));
        g_assert_cmpuint (given_record.n_calls, ==, 1);
        g_assert_cmpuint (given_record.n_items, ==, lent_record.n_items);
      }
}

/* A fault after the preview, in a document given away: what was read is
 * only let go once every item is known to read, so the error still says
 * where, as the whole document's would. */
static void
test_pieces_consuming_broken (void)
{
  g_autofree char *document = build_long_feed (JSON_FEED_1_1, 120, 100);
  g_autoptr(GError) without_preview = parse_error_without_preview (document);
  g_auto(PreviewRecord) record = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = parse_consuming ("", document, &record, &error);

  g_assert_null (feed);
  g_assert_error (error, KH_FEED_ERROR, KH_FEED_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "Line 101, column 28: "));
  g_assert_cmpstr (error->message, ==, without_preview->message);
  g_assert_cmpuint (record.n_calls, ==, 1);
}

/* Comments and text after the document are json-glib's to judge, as
 * before items were read one at a time. */
static void
test_pieces_comments_and_trailing_text (void)
{
  g_autofree char *document = build_long_feed (JSON_FEED_1_1, 120, 0);
  /* The comment hides a bracket: counted, it would end the item early. */
  g_autofree char *commented = NULL;
  g_autofree char *trailing_text = g_strconcat (document, "x\n", NULL);
  g_autofree char *trailing_object = g_strconcat (document, "{\"items\": []}\n", NULL);
  g_auto(PreviewRecord) commented_record = { 0 };
  g_auto(PreviewRecord) trailing_text_record = { 0 };
  g_auto(PreviewRecord) trailing_object_record = { 0 };
  g_autoptr(KhFeed) feed = NULL;
  g_autoptr(KhFeed) commented_feed = NULL;
  g_autoptr(KhFeed) trailing_object_feed = NULL;
  g_autoptr(KhFeed) trailing_text_feed = NULL;
  g_autoptr(GError) error = NULL;
  const char *second_item = strstr (document, "{\"id\": \"long-1\", ");

  g_assert_nonnull (second_item);
  commented = g_strdup_printf ("%.*s{/* } */ %s", (int) (second_item - document), document, second_item + 1);

  {
    g_auto(PreviewRecord) record = { 0 };

    feed = parse_long_feed (document, &record);
  }
  commented_feed = parse_long_feed (commented, &commented_record);
  g_assert_cmpuint (commented_record.n_calls, ==, 0);
  assert_same_feed (commented_feed, feed);

  /* json-glib reads the first of two values and leaves the second. */
  trailing_object_feed = parse_long_feed (trailing_object, &trailing_object_record);
  g_assert_cmpuint (trailing_object_record.n_calls, ==, 0);
  assert_same_feed (trailing_object_feed, feed);

  trailing_text_feed = parse_recording_preview (trailing_text, &trailing_text_record, &error);
  g_assert_null (trailing_text_feed);
  g_assert_error (error, KH_FEED_ERROR, KH_FEED_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "Line 123, column 1: "));
  g_assert_cmpuint (trailing_text_record.n_calls, ==, 0);
}

/* json-glib also reads strings in single quotes, which hide brackets and
 * double quotes from a reader that knows only JSON's strings: such a
 * document is read whole, as before, for what it says. */
static void
test_pieces_single_quotes (void)
{
  /* The only "items" json-glib sees is inside a string. */
  static const char hidden[] =
    "{\"version\": \"" JSON_FEED_1_1 "\", \"note\": '\"items\": [{\"id\": \"ghost\", \"title\": \"شبح\"}]'}";
  /* Two items without a comma between them: not a feed, but the quote
   * in single quotes makes them look like one object with one item. */
  static const char no_comma[] =
    "{\"version\": \"" JSON_FEED_1_1 "\", \"items\": ["
    "{\"id\": \"a\", \"title\": \"أ\", \"q\": '\"'}{\"id\": \"b\", \"title\": \"ب\", \"q\": '\"'}]}";
  /* Valid to json-glib: read whole, both items. */
  static const char valid[] =
    "{\"version\": \"" JSON_FEED_1_1 "\", \"items\": ["
    "{\"id\": \"a\", \"title\": \"أ\", \"q\": '\"}'}, {\"id\": \"b\", \"title\": 'ب'}]}";
  g_auto(PreviewRecord) record = { 0 };
  g_autoptr(GError) hidden_error = parse_string_error (hidden, KH_FEED_ERROR_NOT_A_FEED);
  g_autoptr(GError) no_comma_error = parse_string_error (no_comma, KH_FEED_ERROR_SYNTAX);
  g_autoptr(KhFeed) feed = parse_long_feed (valid, &record);
  const char * const ids[] = { "a", "b", NULL };

  g_assert_cmpstr (hidden_error->message, ==, "Not a news feed: a JSON Feed without “items”");
  g_assert_true (g_str_has_prefix (no_comma_error->message, "Line 1, column "));
  assert_item_ids (feed, ids);
  g_assert_cmpstr (kh_item_get_title (find_item (feed, "b")), ==, "ب");
}

/* Asynchronous parsing */

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} AsyncData;

static void
parsed_cb (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  AsyncData *data = user_data;

  g_assert_null (source_object);
  data->result = g_object_ref (result);
  g_main_loop_quit (data->loop);
}

static GAsyncResult *
parse_async_and_wait (GBytes       *bytes,
                      GCancellable *cancellable)
{
  AsyncData data = { NULL, NULL };

  data.loop = g_main_loop_new (NULL, FALSE);
  kh_feed_parser_parse_async (bytes, cancellable, parsed_cb, &data);
  g_main_loop_run (data.loop);
  g_main_loop_unref (data.loop);

  g_assert_nonnull (data.result);
  return data.result;
}

static void
test_parse_async (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("feed-1.1-complete.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) expected = kh_feed_parser_parse (bytes, &error);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(KhFeed) feed = NULL;

  g_assert_no_error (error);
  result = parse_async_and_wait (bytes, NULL);
  feed = kh_feed_parser_parse_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (KH_IS_FEED (feed));
  g_assert_true (feed != expected);

  g_assert_cmpstr (kh_feed_get_title (feed), ==, kh_feed_get_title (expected));
  g_assert_cmpstr (kh_feed_get_language (feed), ==, "ar");
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, kh_feed_get_n_items (expected));
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, kh_feed_get_n_skipped (expected));
  g_assert_cmpstrv (kh_feed_get_problems (feed), kh_feed_get_problems (expected));

  for (guint i = 0; i < kh_feed_get_n_items (expected); i++)
    {
      KhItem *a = kh_feed_get_item (feed, i);
      KhItem *b = kh_feed_get_item (expected, i);

      g_assert_cmpstr (kh_item_get_id (a), ==, kh_item_get_id (b));
      g_assert_cmpstr (kh_item_get_title (a), ==, kh_item_get_title (b));
      g_assert_cmpstrv (kh_item_get_paragraphs (a), kh_item_get_paragraphs (b));
      g_assert_cmpstrv (kh_item_get_authors (a), kh_item_get_authors (b));
      g_assert_true ((kh_item_get_published (a) == NULL) == (kh_item_get_published (b) == NULL));
      if (kh_item_get_published (a) != NULL)
        g_assert_true (g_date_time_equal (kh_item_get_published (a), kh_item_get_published (b)));
    }
  g_assert_cmpstr (kh_item_get_id (kh_feed_get_item (feed, 0)), ==, "live-1004");
}

static void
test_parse_async_error (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("syntax-error.json");
  g_autoptr(GAsyncResult) result = parse_async_and_wait (bytes, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = kh_feed_parser_parse_finish (result, &error);

  g_assert_null (feed);
  g_assert_error (error, KH_FEED_ERROR, KH_FEED_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "Line 3, column 17: "));
}

static void
test_parse_async_cancelled (void)
{
  g_autoptr(GBytes) bytes = load_fixture ("feed-1.1-complete.json");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = NULL;

  g_cancellable_cancel (cancellable);
  result = parse_async_and_wait (bytes, cancellable);
  feed = kh_feed_parser_parse_finish (result, &error);

  g_assert_null (feed);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  /* The meta lines checked here use named clocks; keep the rest in UTC. */
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/feed/parse/json-feed-1.1/feed-fields", test_parse_complete_feed_fields);
  g_test_add_func ("/feed/parse/json-feed-1.1/order", test_parse_complete_order);
  g_test_add_func ("/feed/parse/json-feed-1.1/text-item", test_parse_complete_text_item);
  g_test_add_func ("/feed/parse/json-feed-1.1/html-item", test_parse_complete_html_item);
  g_test_add_func ("/feed/parse/json-feed-1.1/extension", test_parse_complete_extension);
  g_test_add_func ("/feed/parse/json-feed-1.1/inherited", test_parse_complete_inherited);
  g_test_add_func ("/feed/parse/json-feed-1.1/meta-line", test_parse_complete_meta_line);
  g_test_add_func ("/feed/parse/json-feed-1.0", test_parse_json_feed_1_0);
  g_test_add_func ("/feed/parse/authors/inherited", test_parse_authors_inherited);
  g_test_add_func ("/feed/parse/order", test_parse_order);
  g_test_add_func ("/feed/parse/timezones", test_parse_timezones);

  g_test_add_func ("/feed/parse/ids/coerced", test_parse_ids_coerced);
  g_test_add_func ("/feed/parse/ids/missing", test_parse_ids_missing);
  g_test_add_func ("/feed/parse/ids/duplicate", test_parse_ids_duplicate);

  g_test_add_func ("/feed/parse/title/from-summary", test_parse_title_from_summary);
  g_test_add_func ("/feed/parse/title/from-text", test_parse_title_from_text);
  g_test_add_func ("/feed/parse/title/from-html", test_parse_title_from_html);
  g_test_add_func ("/feed/parse/title/truncated", test_parse_title_truncated);
  g_test_add_func ("/feed/parse/title/nothing", test_parse_title_nothing);
  g_test_add_func ("/feed/parse/title/only", test_parse_title_only);
  g_test_add_func ("/feed/parse/title/markup", test_parse_title_markup);

  g_test_add_func ("/feed/parse/dates/unparsable", test_parse_dates_unparsable);

  g_test_add_func ("/feed/parse/wrong-types/feed", test_parse_wrong_types_feed);
  g_test_add_func ("/feed/parse/wrong-types/item", test_parse_wrong_types_item);
  g_test_add_func ("/feed/parse/wrong-types/extension", test_parse_wrong_types_extension);
  g_test_add_func ("/feed/parse/wrong-types/non-object-items", test_parse_non_object_items);
  g_test_add_func ("/feed/parse/wrong-types/version", test_parse_version_not_a_string);

  g_test_add_func ("/feed/parse/encoding/bom", test_parse_bom);
  g_test_add_func ("/feed/parse/encoding/invalid-utf8", test_parse_invalid_utf8);

  g_test_add_func ("/feed/parse/error/items-not-array", test_parse_items_not_array);
  g_test_add_func ("/feed/parse/error/syntax", test_parse_syntax_error);
  g_test_add_func ("/feed/parse/error/syntax-column", test_parse_syntax_error_column);
  g_test_add_func ("/feed/parse/error/syntax-utf8", test_parse_syntax_error_utf8);
  g_test_add_func ("/feed/parse/lone-surrogates", test_parse_lone_surrogates);
  g_test_add_func ("/feed/parse/hostless-double-slash", test_parse_hostless_double_slash);
  g_test_add_func ("/feed/parse/error/bad-escapes", test_parse_bad_escapes);
  g_test_add_func ("/feed/parse/error/empty", test_parse_empty);
  g_test_add_func ("/feed/parse/error/only-byte-order-marks", test_parse_only_byte_order_marks);
  g_test_add_func ("/feed/parse/error/array-root", test_parse_array_root);
  g_test_add_func ("/feed/parse/error/object-without-items", test_parse_object_without_items);
  g_test_add_func ("/feed/parse/error/feed-without-items", test_parse_feed_without_items);
  g_test_add_func ("/feed/parse/empty-items", test_parse_empty_items);

  g_test_add_func ("/feed/parse/pieces/same-as-whole", test_pieces_same_as_whole);
  g_test_add_func ("/feed/parse/pieces/preview-once", test_pieces_preview_once);
  g_test_add_func ("/feed/parse/pieces/no-preview", test_pieces_no_preview);
  g_test_add_func ("/feed/parse/pieces/broken-item", test_pieces_broken_item);
  g_test_add_func ("/feed/parse/pieces/broken-early", test_pieces_broken_early);
  g_test_add_func ("/feed/parse/pieces/consuming", test_pieces_consuming);
  g_test_add_func ("/feed/parse/pieces/consuming-broken", test_pieces_consuming_broken);
  g_test_add_func ("/feed/parse/pieces/comments-and-trailing-text", test_pieces_comments_and_trailing_text);

  g_test_add_func ("/feed/parse/pieces/single-quotes", test_pieces_single_quotes);

  g_test_add_func ("/feed/parse-async/success", test_parse_async);
  g_test_add_func ("/feed/parse-async/error", test_parse_async_error);
  g_test_add_func ("/feed/parse-async/cancelled", test_parse_async_cancelled);

  return g_test_run ();
}
