/* test-core-text.c: text direction, paragraphs, HTML and dates
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <time.h>

#include "kh-date.h"
#include "kh-html.h"
#include "kh-text.h"

/* Compares a GStrv with the expected NULL-terminated list; when they differ,
 * fails the case, saying what @bug describes, and returns FALSE. */
static gboolean
strv_equal_or_fail (const char * const *actual,
                          const char * const *expected,
                          const char         *bug)
{
  if (g_strv_equal ((const char * const *) actual, expected))
    return TRUE;

  g_test_fail_printf ("%s", bug);
  return FALSE;
}

/* Text direction */

static void
test_direction_arabic (void)
{
  g_assert_cmpint (kh_text_get_direction ("انقطاع الكهرباء في المدينة"), ==, KH_TEXT_DIRECTION_RTL);
  g_assert_cmpint (kh_text_get_direction ("خبر"), ==, KH_TEXT_DIRECTION_RTL);
}

static void
test_direction_english (void)
{
  g_assert_cmpint (kh_text_get_direction ("Power cut in the city"), ==, KH_TEXT_DIRECTION_LTR);
  g_assert_cmpint (kh_text_get_direction ("x"), ==, KH_TEXT_DIRECTION_LTR);
}

static void
test_direction_digits (void)
{
  /* Digits and punctuation are weak: no strong character, no direction. */
  g_assert_cmpint (kh_text_get_direction ("2019"), ==, KH_TEXT_DIRECTION_NEUTRAL);
  g_assert_cmpint (kh_text_get_direction ("12:30 - 14:45"), ==, KH_TEXT_DIRECTION_NEUTRAL);
  g_assert_cmpint (kh_text_get_direction ("٤٢"), ==, KH_TEXT_DIRECTION_NEUTRAL);
  g_assert_cmpint (kh_text_get_direction ("...!?"), ==, KH_TEXT_DIRECTION_NEUTRAL);
  g_assert_cmpint (kh_text_get_direction ("   "), ==, KH_TEXT_DIRECTION_NEUTRAL);
}

static void
test_direction_digits_first (void)
{
  /* The first strong character decides, not the first character. */
  g_assert_cmpint (kh_text_get_direction ("2019 NATO"), ==, KH_TEXT_DIRECTION_LTR);
  g_assert_cmpint (kh_text_get_direction ("2019 الناتو"), ==, KH_TEXT_DIRECTION_RTL);
  g_assert_cmpint (kh_text_get_direction ("«١٢» قتيلًا"), ==, KH_TEXT_DIRECTION_RTL);
}

static void
test_direction_mixed (void)
{
  g_assert_cmpint (kh_text_get_direction ("مجلس \"الناتو\" 2019 NATO-Russia"), ==,
                   KH_TEXT_DIRECTION_RTL);
  g_assert_cmpint (kh_text_get_direction ("NATO مجلس"), ==, KH_TEXT_DIRECTION_LTR);
  g_assert_cmpint (kh_text_get_direction ("\"BBC\" تقول"), ==, KH_TEXT_DIRECTION_LTR);
}

static void
test_direction_marks (void)
{
  /* RIGHT-TO-LEFT MARK and LEFT-TO-RIGHT MARK are strong characters. */
  g_assert_cmpint (kh_text_get_direction ("\u200f2019"), ==, KH_TEXT_DIRECTION_RTL);
  g_assert_cmpint (kh_text_get_direction ("\u200e2019 مجلس"), ==, KH_TEXT_DIRECTION_LTR);
}

static void
test_direction_empty (void)
{
  g_assert_cmpint (kh_text_get_direction (NULL), ==, KH_TEXT_DIRECTION_NEUTRAL);
  g_assert_cmpint (kh_text_get_direction (""), ==, KH_TEXT_DIRECTION_NEUTRAL);
}

/* White space */

static void
test_collapse_whitespace (void)
{
  g_autofree char *plain = kh_text_collapse_whitespace ("  one \t two\n\nthree\r\n  ");
  g_autofree char *arabic = kh_text_collapse_whitespace ("\n  وكالة\t\tالأنباء  ");
  g_autofree char *untouched = kh_text_collapse_whitespace ("a b");
  g_autofree char *blank = kh_text_collapse_whitespace (" \t\n\r\f ");

  g_assert_cmpstr (plain, ==, "one two three");
  g_assert_cmpstr (arabic, ==, "وكالة الأنباء");
  g_assert_cmpstr (untouched, ==, "a b");
  g_assert_cmpstr (blank, ==, "");
}

static void
test_collapse_whitespace_nbsp (void)
{
  /* A non-breaking space is content, not white space to collapse. */
  g_autofree char *text = kh_text_collapse_whitespace ("7\u00a0a.m.  \u00a0 ok");

  g_assert_cmpstr (text, ==, "7\u00a0a.m. \u00a0 ok");
}

static void
test_collapse_whitespace_null (void)
{
  g_autofree char *text = kh_text_collapse_whitespace (NULL);

  g_assert_cmpstr (text, ==, "");
}

/* Paragraphs of plain text */

static void
test_paragraphs_blank_lines (void)
{
  g_auto(GStrv) paragraphs = kh_text_split_paragraphs ("الفقرة الأولى\n\nالفقرة الثانية\n\n\n\nThird one");
  const char * const expected[] = { "الفقرة الأولى", "الفقرة الثانية", "Third one", NULL };

  g_assert_cmpstrv (paragraphs, expected);
}

static void
test_paragraphs_single_newline (void)
{
  g_auto(GStrv) paragraphs = kh_text_split_paragraphs ("line one\nline two\n\nnext   paragraph\n  indented");
  const char * const expected[] = { "line one\nline two", "next paragraph\nindented", NULL };

  g_assert_cmpstrv (paragraphs, expected);
}

static void
test_paragraphs_whitespace_only (void)
{
  g_auto(GStrv) paragraphs = kh_text_split_paragraphs ("\n\n  first  \n \t \n\n   \n\nsecond\n\n \n");
  g_auto(GStrv) nothing = kh_text_split_paragraphs (" \n\t\n  \n");
  const char * const expected[] = { "first", "second", NULL };

  g_assert_cmpstrv (paragraphs, expected);
  g_assert_nonnull (nothing);
  g_assert_cmpuint (g_strv_length (nothing), ==, 0);
}

static void
test_paragraphs_crlf (void)
{
  g_auto(GStrv) paragraphs = kh_text_split_paragraphs ("a\r\nb\r\n\r\nc\r\n");
  const char * const expected[] = { "a\nb", "c", NULL };

  g_assert_cmpstrv (paragraphs, expected);
}

static void
test_paragraphs_empty (void)
{
  g_auto(GStrv) from_null = kh_text_split_paragraphs (NULL);
  g_auto(GStrv) from_empty = kh_text_split_paragraphs ("");

  g_assert_nonnull (from_null);
  g_assert_null (from_null[0]);
  g_assert_nonnull (from_empty);
  g_assert_null (from_empty[0]);
}

/* Truncation */

static void
test_truncate_short (void)
{
  g_autofree char *shorter = kh_text_truncate ("short", 10);
  g_autofree char *exact = kh_text_truncate ("exactly ten", 11);
  g_autofree char *arabic = kh_text_truncate ("خبر عاجل", 8);

  g_assert_cmpstr (shorter, ==, "short");
  g_assert_cmpstr (exact, ==, "exactly ten");
  g_assert_cmpstr (arabic, ==, "خبر عاجل");
}

static void
test_truncate_word_boundary (void)
{
  /* The cut moves back to the last space, and the ellipsis is added to
   * what is left (it is not counted in @max_chars). */
  g_autofree char *twenty = kh_text_truncate ("The quick brown fox jumps over the lazy dog", 20);
  g_autofree char *seventeen = kh_text_truncate ("The quick brown fox jumps over the lazy dog", 17);
  g_autofree char *eight = kh_text_truncate ("The quick brown fox jumps over the lazy dog", 8);

  g_assert_cmpstr (twenty, ==, "The quick brown fox…");
  g_assert_cmpstr (seventeen, ==, "The quick brown…");
  g_assert_cmpstr (eight, ==, "The…");
}

static void
test_truncate_long_word (void)
{
  /* No space near the cut: cut inside the word. */
  g_autofree char *word = kh_text_truncate ("abcdefghijklmnopqrstuvwxyz", 10);
  g_autofree char *far_space = kh_text_truncate ("a bcdefghijklmnopqrstuvwxyzabcdefghijklmnop", 30);

  g_assert_cmpstr (word, ==, "abcdefghij…");
  g_assert_cmpstr (far_space, ==, "a bcdefghijklmnopqrstuvwxyzabc…");
}

static void
test_truncate_arabic (void)
{
  /* Counted in characters, not bytes: each Arabic letter is two bytes. */
  g_autofree char *text = kh_text_truncate ("قال المتحدث باسم الحكومة إن الاجتماع انتهى", 20);
  g_autofree char *hard = kh_text_truncate ("بببببببببببببببببببببببببببببببببب", 5);

  g_assert_cmpstr (text, ==, "قال المتحدث باسم…");
  g_assert_cmpstr (hard, ==, "ببببب…");
}

static void
test_truncate_null (void)
{
  g_autofree char *text = kh_text_truncate (NULL, 10);

  g_assert_cmpstr (text, ==, "");
}

static void
test_truncate_cut_at_word_end (void)
{
  /* "Hello world" is exactly 11 characters and ends a word: nothing needs
   * to be given up.
   * Regression guard (kh-text.c, kh_text_truncate): when the character at
   * @max_chars is a space, the function still backs off to the previous
   * space and drops a whole word that fits: "Hello…". */
  g_autofree char *text = kh_text_truncate ("Hello world again", 11);
  g_autofree char *arabic = kh_text_truncate ("قال المتحدث باسم الحكومة", 11);

  if (g_strcmp0 (text, "Hello world…") != 0 || g_strcmp0 (arabic, "قال المتحدث…") != 0)
    {
      g_test_fail_printf ("%s", "kh_text_truncate() drops the last word when the cut falls "
                         "exactly at its end (\"Hello world again\", 11 -> \"Hello...\")");
      return;
    }

  g_assert_cmpstr (text, ==, "Hello world…");
  g_assert_cmpstr (arabic, ==, "قال المتحدث…");
}

/* Positions in a document */

static void
test_position_start (void)
{
  guint line = 0, column = 0;

  kh_text_position_of_offset ("{\"a\": 1}", 0, &line, &column);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (column, ==, 1);

  kh_text_position_of_offset ("{\"a\": 1}", 5, &line, &column);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (column, ==, 6);
}

static void
test_position_lines (void)
{
  const char *data = "{\n  \"a\": 1,\n  \"b\": 2\n}";
  guint line = 0, column = 0;

  /* Just after the first line break. */
  kh_text_position_of_offset (data, 2, &line, &column);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 1);

  /* The "b" of the third line. */
  kh_text_position_of_offset (data, 15, &line, &column);
  g_assert_cmpuint (line, ==, 3);
  g_assert_cmpuint (column, ==, 4);

  /* The line break itself belongs to the line it ends. */
  kh_text_position_of_offset (data, 1, &line, &column);
  g_assert_cmpuint (line, ==, 1);
  g_assert_cmpuint (column, ==, 2);
}

static void
test_position_multibyte (void)
{
  /* "ab\nجد x": the "x" is at byte offset 8 but is character 4 of line 2. */
  const char *data = "ab\nجد x";
  guint line = 0, column = 0;

  kh_text_position_of_offset (data, 8, &line, &column);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 4);
}

static void
test_position_invalid_bytes (void)
{
  /* Before an invalid byte on the same line, bytes are counted. */
  const char *data = "x\n\xff\xfe" "ab";
  guint line = 0, column = 0;

  kh_text_position_of_offset (data, 5, &line, &column);
  g_assert_cmpuint (line, ==, 2);
  g_assert_cmpuint (column, ==, 4);
}

static void
test_is_blank (void)
{
  g_assert_true (kh_text_is_blank (NULL, -1));
  g_assert_true (kh_text_is_blank ("", -1));
  g_assert_true (kh_text_is_blank (" \t\n\u00a0 ", -1));
  g_assert_false (kh_text_is_blank (" x ", -1));
  g_assert_false (kh_text_is_blank ("خبر", -1));
  /* Only the first @length bytes count. */
  g_assert_true (kh_text_is_blank ("  x", 2));
  g_assert_false (kh_text_is_blank ("  x", 3));
}

/* HTML */

static void
test_html_p (void)
{
  g_auto(GStrv) paragraphs = kh_html_to_paragraphs ("<p>الفقرة الأولى</p><p>The second one</p>");
  const char * const expected[] = { "الفقرة الأولى", "The second one", NULL };

  g_assert_cmpstrv (paragraphs, expected);
}

static void
test_html_br (void)
{
  g_auto(GStrv) paragraphs = kh_html_to_paragraphs ("<p>first<br>second<br/>third</p><p>next</p>");
  g_auto(GStrv) doubled = kh_html_to_paragraphs ("<p>one<br><br>two</p>");
  const char * const expected[] = { "first\nsecond\nthird", "next", NULL };
  const char * const expected_doubled[] = { "one\ntwo", NULL };

  g_assert_cmpstrv (paragraphs, expected);
  /* An empty line inside a paragraph is dropped, not kept as a gap. */
  g_assert_cmpstrv (doubled, expected_doubled);
}

static void
test_html_nested_div (void)
{
  g_auto(GStrv) paragraphs = kh_html_to_paragraphs ("<div>outer <div>inner <span>span</span></div> tail</div>");
  const char * const expected[] = { "outer", "inner span", "tail", NULL };

  g_assert_cmpstrv (paragraphs, expected);
}

static void
test_html_headings (void)
{
  g_auto(GStrv) paragraphs = kh_html_to_paragraphs ("<h1>Title</h1><p>Body</p><h3>عنوان فرعي</h3>text after");
  const char * const expected[] = { "Title", "Body", "عنوان فرعي", "text after", NULL };

  g_assert_cmpstrv (paragraphs, expected);
}

static void
test_html_list_items (void)
{
  g_auto(GStrv) paragraphs = kh_html_to_paragraphs ("<ul><li>one</li><li>two <b>bold</b></li></ul><ol><li>ثلاثة</ol>");
  const char * const expected[] = { "one", "two bold", "ثلاثة", NULL };

  g_assert_cmpstrv (paragraphs, expected);
}

static void
test_html_entities (void)
{
  g_auto(GStrv) paragraphs =
    kh_html_to_paragraphs ("<p>&lt;tag&gt; &amp;&amp; &quot;q&quot; &#39;s</p>"
                           "<p>&#1582;&#x0628;&#1585; &amp;amp;</p>");
  const char * const expected[] = { "<tag> && \"q\" 's", "خبر &amp;", NULL };

  g_assert_cmpstrv (paragraphs, expected);
}

static void
test_html_dropped_elements (void)
{
  g_auto(GStrv) paragraphs =
    kh_html_to_paragraphs ("<p>Body<script>document.write('<p>not text</p>')</script></p>"
                           "<style>p { color: red; }</style>"
                           "<iframe src=\"https://video.example.org/1\">fallback</iframe>"
                           "<p>middle<noscript>enable scripts</noscript> part</p>"
                           "<p>End</p>");
  const char * const expected[] = { "Body", "middle part", "End", NULL };

  g_assert_cmpstrv (paragraphs, expected);
}

static void
test_html_whitespace (void)
{
  g_auto(GStrv) paragraphs =
    kh_html_to_paragraphs ("<p>  lots \n of\t\tspace  </p>\n\n  <p>\n  وهنا\n  أيضا  </p>");
  const char * const expected[] = { "lots of space", "وهنا أيضا", NULL };

  g_assert_cmpstrv (paragraphs, expected);
}

static void
test_html_empty_paragraphs (void)
{
  g_auto(GStrv) paragraphs =
    kh_html_to_paragraphs ("<p>x</p><p></p><div>   </div><p><span> </span></p><p><br></p><p>y</p>");
  const char * const expected[] = { "x", "y", NULL };

  g_assert_cmpstrv (paragraphs, expected);
}

static void
test_html_nbsp_paragraph (void)
{
  /* CMS editors write spacer paragraphs as <p>&nbsp;</p>.
   * Regression guard (kh-html.c, kh_html_to_paragraphs): such a paragraph is kept
   * as a paragraph holding a lone U+00A0, an empty-looking paragraph. */
  g_auto(GStrv) paragraphs = kh_html_to_paragraphs ("<p>x</p><p>&nbsp;</p><p>y</p>");
  const char * const expected[] = { "x", "y", NULL };

  if (!strv_equal_or_fail ((const char * const *) paragraphs, expected,
                                 "kh_html_to_paragraphs() keeps <p>&nbsp;</p> as a paragraph"))
    return;
  g_assert_cmpstrv (paragraphs, expected);
}

static void
test_html_top_level_text (void)
{
  g_auto(GStrv) plain = kh_html_to_paragraphs ("نص بلا أي وسم");
  g_auto(GStrv) inline_markup = kh_html_to_paragraphs ("Text with <b>bold</b> and <a href=\"#\">a link</a>.");
  g_auto(GStrv) around_block = kh_html_to_paragraphs ("before <div>block</div> after");
  const char * const expected_plain[] = { "نص بلا أي وسم", NULL };
  const char * const expected_inline[] = { "Text with bold and a link.", NULL };
  const char * const expected_around[] = { "before", "block", "after", NULL };

  g_assert_cmpstrv (plain, expected_plain);
  g_assert_cmpstrv (inline_markup, expected_inline);
  g_assert_cmpstrv (around_block, expected_around);
}

static void
test_html_malformed (void)
{
  g_auto(GStrv) unclosed = kh_html_to_paragraphs ("<p>unclosed <b>bold <i>italic<p>second");
  g_auto(GStrv) nested = kh_html_to_paragraphs ("<div><p>deep<div>er");
  g_auto(GStrv) stray = kh_html_to_paragraphs ("<p>a</p></div></span><p>b");
  g_auto(GStrv) list = kh_html_to_paragraphs ("<ul><li>x<li>y</ul>");
  const char * const expected_unclosed[] = { "unclosed bold italic", "second", NULL };
  const char * const expected_nested[] = { "deep", "er", NULL };
  const char * const expected_stray[] = { "a", "b", NULL };
  const char * const expected_list[] = { "x", "y", NULL };

  g_assert_cmpstrv (unclosed, expected_unclosed);
  g_assert_cmpstrv (nested, expected_nested);
  g_assert_cmpstrv (stray, expected_stray);
  g_assert_cmpstrv (list, expected_list);
}

static void
test_html_empty_input (void)
{
  g_auto(GStrv) from_null = kh_html_to_paragraphs (NULL);
  g_auto(GStrv) from_empty = kh_html_to_paragraphs ("");
  g_auto(GStrv) only_script = kh_html_to_paragraphs ("<script>alert(1)</script>");
  g_auto(GStrv) only_tags = kh_html_to_paragraphs ("<p></p><div><span></span></div>");

  g_assert_nonnull (from_null);
  g_assert_cmpuint (g_strv_length (from_null), ==, 0);
  g_assert_nonnull (from_empty);
  g_assert_cmpuint (g_strv_length (from_empty), ==, 0);
  g_assert_cmpuint (g_strv_length (only_script), ==, 0);
  g_assert_cmpuint (g_strv_length (only_tags), ==, 0);
}

static void
test_html_dropped_element_first (void)
{
  /* A live-blog entry that opens with an embedded video keeps its text.
   * Regression guard (kh-html.c, kh_html_to_paragraphs): with
   * HTML_PARSE_NOIMPLIED, libxml2 2.9 nests every node that follows the
   * first top-level element inside that element, so when the fragment opens
   * with a dropped element (iframe, script, style, noscript, meta…) the whole
   * rest of the text is dropped with it and the result is empty. */
  g_auto(GStrv) iframe =
    kh_html_to_paragraphs ("<iframe src=\"https://video.example.org/2\"></iframe>"
                           "<p>الفقرة الأولى</p><p>الفقرة الثانية</p>");
  g_auto(GStrv) script = kh_html_to_paragraphs ("<script>track()</script><p>Body</p>");
  const char * const expected_iframe[] = { "الفقرة الأولى", "الفقرة الثانية", NULL };
  const char * const expected_script[] = { "Body", NULL };

  if (!strv_equal_or_fail ((const char * const *) iframe, expected_iframe,
                                 "kh_html_to_paragraphs() loses all text after a leading "
                                 "<iframe>/<script>") ||
      !strv_equal_or_fail ((const char * const *) script, expected_script,
                                 "kh_html_to_paragraphs() loses all text after a leading "
                                 "<iframe>/<script>"))
    return;

  g_assert_cmpstrv (iframe, expected_iframe);
  g_assert_cmpstrv (script, expected_script);
}

static void
test_html_inline_element_first (void)
{
  /* "<strong>عاجل:</strong> نص" is one paragraph in a browser.
   * Regression guard (kh-html.c, kh_html_to_paragraphs): libxml2 implies a <p>
   * around top-level text that follows a first inline element and nests it
   * inside that element; the walker ends a paragraph at that <p>, so the
   * result is { "عاجل:", "انفجار في المرفأ" }. */
  g_auto(GStrv) paragraphs = kh_html_to_paragraphs ("<strong>عاجل:</strong> انفجار في المرفأ");
  const char * const expected[] = { "عاجل: انفجار في المرفأ", NULL };

  if (!strv_equal_or_fail ((const char * const *) paragraphs, expected,
                                 "kh_html_to_paragraphs() splits a paragraph that opens "
                                 "with an inline element"))
    return;
  g_assert_cmpstrv (paragraphs, expected);
}

static void
test_html_to_text (void)
{
  g_autofree char *text = kh_html_to_text ("<p>one</p><p>two<br>three</p>");
  g_autofree char *caption = kh_html_to_text ("  صورة &amp; <em>تعليق</em>\n<script>x()</script> ");

  g_assert_cmpstr (text, ==, "one two three");
  g_assert_cmpstr (caption, ==, "صورة & تعليق");
}

static void
test_html_to_text_empty (void)
{
  g_autofree char *from_null = kh_html_to_text (NULL);
  g_autofree char *from_empty = kh_html_to_text ("");
  g_autofree char *from_tags = kh_html_to_text ("<p> </p>");

  g_assert_cmpstr (from_null, ==, "");
  g_assert_cmpstr (from_empty, ==, "");
  g_assert_cmpstr (from_tags, ==, "");
}

/* Dates */

/* The cached local zone is the local zone, and follows a change of it
 * within a second. */
static void
test_date_local_zone (void)
{
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GTimeZone) later = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_utc (2024, 3, 5, 23, 30, 0);
  g_autoptr(GDateTime) local = NULL;

  g_setenv ("TZ", "Asia/Damascus", TRUE);
  g_usleep (G_USEC_PER_SEC + 100000);
  zone = kh_date_local_zone ();
  g_assert_cmpstr (g_time_zone_get_identifier (zone), ==, "Asia/Damascus");
  local = kh_date_to_local (date);
  g_assert_cmpint (g_date_time_get_day_of_month (local), ==, 6);
  g_assert_cmpint (g_date_time_get_hour (local), ==, 2);

  g_setenv ("TZ", "UTC", TRUE);
  g_usleep (G_USEC_PER_SEC + 100000);
  later = kh_date_local_zone ();
  g_assert_cmpstr (g_time_zone_get_identifier (later), ==, "UTC");
}

static void
test_date_parse_offset (void)
{
  g_autoptr(GDateTime) date = kh_date_parse_rfc3339 ("2022-01-12T15:11:00+02:00");
  g_autoptr(GDateTime) utc = NULL;

  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_get_utc_offset (date), ==, 2 * G_TIME_SPAN_HOUR);
  g_assert_cmpint (g_date_time_get_hour (date), ==, 15);
  g_assert_cmpint (g_date_time_get_minute (date), ==, 11);

  utc = g_date_time_to_utc (date);
  g_assert_cmpint (g_date_time_get_year (utc), ==, 2022);
  g_assert_cmpint (g_date_time_get_month (utc), ==, 1);
  g_assert_cmpint (g_date_time_get_day_of_month (utc), ==, 12);
  g_assert_cmpint (g_date_time_get_hour (utc), ==, 13);
  g_assert_cmpint (g_date_time_get_minute (utc), ==, 11);
  g_assert_cmpint (g_date_time_get_second (utc), ==, 0);
  g_assert_cmpint (g_date_time_to_unix (date), ==, 1641993060);
}

static void
test_date_parse_negative_offset (void)
{
  g_autoptr(GDateTime) date = kh_date_parse_rfc3339 ("2023-02-28T23:59:59-01:00");

  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_get_utc_offset (date), ==, -G_TIME_SPAN_HOUR);
  /* 00:59:59 on 1 March in UTC. */
  g_assert_cmpint (g_date_time_to_unix (date), ==, 1677632399);
}

static void
test_date_parse_utc (void)
{
  g_autoptr(GDateTime) date = kh_date_parse_rfc3339 ("2022-01-12T13:11:00Z");

  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_get_utc_offset (date), ==, 0);
  g_assert_cmpint (g_date_time_to_unix (date), ==, 1641993060);
}

static void
test_date_parse_fraction (void)
{
  g_autoptr(GDateTime) date = kh_date_parse_rfc3339 ("2022-01-12T13:11:00.250Z");

  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_to_unix (date), ==, 1641993060);
  g_assert_cmpint (g_date_time_get_microsecond (date), ==, 250000);
}

static void
test_date_parse_no_offset (void)
{
  /* Ambiguous: rejected rather than guessed in the local zone. */
  g_autoptr(GDateTime) date = kh_date_parse_rfc3339 ("2022-01-12T13:11:00");

  g_assert_null (date);
}

/* Dates GLib cannot move to every zone are refused, by every parser. */
static void
test_date_parse_out_of_range (void)
{
  const char * const bad[] = {
    "9999-12-31T23:30:00-01:00",
    "9999-12-31T12:00:00Z",
    "0001-01-01T00:30:00+01:00",
    "Fri, 31 Dec 9999 23:00:00 -0500",
    "9999-12-31T23:59:59.5-23:59",
    "2024-02-03T08:15:nan+02:00",
  };
  g_autoptr(GDateTime) fine = kh_date_parse_any ("9998-06-01T00:00:00Z");

  g_assert_nonnull (fine);
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GDateTime) date = kh_date_parse_any (bad[i]);

      g_test_message ("%s", bad[i]);
      g_assert_null (date);
    }
}

static void
test_date_parse_garbage (void)
{
  const char * const bad[] = {
    "garbage",
    "yesterday",
    "12/01/2022 13:11",
    "2022-01-12",
    "2022-13-12T13:11:00Z",
    "2022-01-12T25:11:00Z",
    "",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GDateTime) date = kh_date_parse_rfc3339 (bad[i]);

      if (date != NULL)
        g_error ("“%s” parsed as a date", bad[i]);
    }

  g_assert_null (kh_date_parse_rfc3339 (NULL));
}

static void
test_date_parse_lowercase (void)
{
  /* RFC 3339, section 5.6: "T" and "Z" may be lower case.
   * Regression guard (kh-date.c, kh_date_parse_rfc3339): it hands the text to
   * g_date_time_new_from_iso8601(), which rejects "t" and "z", so this valid
   * RFC 3339 date gives NULL. */
  g_autoptr(GDateTime) date = kh_date_parse_rfc3339 ("2022-01-12t13:11:00z");

  if (date == NULL)
    {
      g_test_fail_printf ("%s", "kh_date_parse_rfc3339() rejects a lower-case \"t\" and \"z\"");
      return;
    }
  g_assert_cmpint (g_date_time_to_unix (date), ==, 1641993060);
}

static void
test_date_row_time_same_day (void)
{
  g_autoptr(GDateTime) now = kh_date_parse_rfc3339 ("2022-01-12T20:00:00Z");
  g_autoptr(GDateTime) date = kh_date_parse_rfc3339 ("2022-01-12T13:11:00Z");
  g_autoptr(GDateTime) midnight = kh_date_parse_rfc3339 ("2022-01-12T00:00:00Z");
  g_autofree char *text = kh_date_format_row_time (date, now);
  g_autofree char *text_midnight = kh_date_format_row_time (midnight, now);

  g_assert_cmpstr (text, ==, "13:11");
  g_assert_cmpstr (text_midnight, ==, "00:00");
}

static void
test_date_row_time_other_day (void)
{
  g_autoptr(GDateTime) now = kh_date_parse_rfc3339 ("2022-01-12T20:00:00Z");
  g_autoptr(GDateTime) yesterday = kh_date_parse_rfc3339 ("2022-01-11T23:59:00Z");
  g_autoptr(GDateTime) last_year = kh_date_parse_rfc3339 ("2021-01-12T13:11:00Z");
  g_autofree char *text = kh_date_format_row_time (yesterday, now);
  g_autofree char *text_last_year = kh_date_format_row_time (last_year, now);

  g_assert_cmpstr (text, ==, "2022.01.11");
  /* The same day of another year is another day. */
  g_assert_cmpstr (text_last_year, ==, "2021.01.12");
}

static void
test_date_row_time_local (void)
{
  /* Shown in the local zone (UTC here), not in the zone of the text:
   * 01:30 on the 13th at +02:00 is 23:30 on the 12th in UTC. */
  g_autoptr(GDateTime) now = kh_date_parse_rfc3339 ("2022-01-12T20:00:00Z");
  g_autoptr(GDateTime) date = kh_date_parse_rfc3339 ("2022-01-13T01:30:00+02:00");
  g_autoptr(GDateTime) next_day = kh_date_parse_rfc3339 ("2022-01-13T03:30:00+02:00");
  g_autofree char *text = kh_date_format_row_time (date, now);
  g_autofree char *text_next_day = kh_date_format_row_time (next_day, now);

  g_assert_cmpstr (text, ==, "23:30");
  g_assert_cmpstr (text_next_day, ==, "2022.01.13");
}

static void
test_date_row_time_null (void)
{
  g_autoptr(GDateTime) now = kh_date_parse_rfc3339 ("2022-01-12T20:00:00Z");
  g_autofree char *text = kh_date_format_row_time (NULL, now);

  g_assert_cmpstr (text, ==, "");
}

static void
test_date_meta_clock (void)
{
  g_autoptr(GTimeZone) damascus = g_time_zone_new_identifier ("Asia/Damascus");
  g_autoptr(GDateTime) date = kh_date_parse_rfc3339 ("2022-01-12T13:11:00Z");
  g_autoptr(GDateTime) there = NULL;
  g_autofree char *meta = NULL;

  g_assert_nonnull (damascus);
  g_assert_nonnull (date);

  /* Damascus kept UTC+2 in the winter of 2022. */
  there = g_date_time_to_timezone (date, damascus);
  g_assert_cmpint (g_date_time_get_utc_offset (there), ==, 2 * G_TIME_SPAN_HOUR);

  meta = kh_date_format_meta (date, damascus, "دمشق");
  g_assert_cmpstr (meta, ==, "2022.01.12 | 15:11 دمشق");
}

static void
test_date_meta_clock_changes_day (void)
{
  /* In summer Damascus was UTC+3 (until October 2022): the date on the
   * named clock is already the next day. */
  g_autoptr(GTimeZone) damascus = g_time_zone_new_identifier ("Asia/Damascus");
  g_autoptr(GDateTime) date = kh_date_parse_rfc3339 ("2022-07-01T22:30:00Z");
  g_autofree char *meta = NULL;

  g_assert_nonnull (damascus);
  meta = kh_date_format_meta (date, damascus, "دمشق");
  g_assert_cmpstr (meta, ==, "2022.07.02 | 01:30 دمشق");
}

static void
test_date_meta_clock_without_label (void)
{
  g_autoptr(GTimeZone) damascus = g_time_zone_new_identifier ("Asia/Damascus");
  g_autoptr(GDateTime) date = kh_date_parse_rfc3339 ("2022-01-12T13:11:00Z");
  g_autofree char *no_label = kh_date_format_meta (date, damascus, NULL);
  g_autofree char *empty_label = kh_date_format_meta (date, damascus, "");

  g_assert_cmpstr (no_label, ==, "2022.01.12 | 15:11");
  g_assert_cmpstr (empty_label, ==, "2022.01.12 | 15:11");
}

static void
test_date_meta_local (void)
{
  /* Without a clock: local time (UTC here), and the label is ignored. */
  g_autoptr(GDateTime) date = kh_date_parse_rfc3339 ("2022-01-12T15:11:00+02:00");
  g_autofree char *meta = kh_date_format_meta (date, NULL, NULL);
  g_autofree char *meta_label = kh_date_format_meta (date, NULL, "دمشق");

  g_assert_cmpstr (meta, ==, "2022.01.12 | 13:11");
  g_assert_cmpstr (meta_label, ==, "2022.01.12 | 13:11");
}

static void
test_date_meta_null (void)
{
  g_autoptr(GTimeZone) damascus = g_time_zone_new_identifier ("Asia/Damascus");
  g_autofree char *meta = kh_date_format_meta (NULL, damascus, "دمشق");

  g_assert_cmpstr (meta, ==, "");
}

static void
test_date_clock (void)
{
  g_autoptr(GDateTime) date = kh_date_parse_rfc3339 ("2022-01-12T17:05:00+02:00");
  g_autofree char *clock = kh_date_format_clock (date);

  g_assert_cmpstr (clock, ==, "15:05");
}

int
main (int   argc,
      char *argv[])
{
  /* Local time is UTC, whatever the machine says. */
  g_setenv ("TZ", "UTC", TRUE);
  tzset ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/direction/arabic", test_direction_arabic);
  g_test_add_func ("/text/direction/english", test_direction_english);
  g_test_add_func ("/text/direction/digits", test_direction_digits);
  g_test_add_func ("/text/direction/digits-first", test_direction_digits_first);
  g_test_add_func ("/text/direction/mixed", test_direction_mixed);
  g_test_add_func ("/text/direction/marks", test_direction_marks);
  g_test_add_func ("/text/direction/empty", test_direction_empty);

  g_test_add_func ("/text/collapse-whitespace/basic", test_collapse_whitespace);
  g_test_add_func ("/text/collapse-whitespace/nbsp", test_collapse_whitespace_nbsp);
  g_test_add_func ("/text/collapse-whitespace/null", test_collapse_whitespace_null);

  g_test_add_func ("/text/is-blank", test_is_blank);

  g_test_add_func ("/text/paragraphs/blank-lines", test_paragraphs_blank_lines);
  g_test_add_func ("/text/paragraphs/single-newline", test_paragraphs_single_newline);
  g_test_add_func ("/text/paragraphs/whitespace-only", test_paragraphs_whitespace_only);
  g_test_add_func ("/text/paragraphs/crlf", test_paragraphs_crlf);
  g_test_add_func ("/text/paragraphs/empty", test_paragraphs_empty);

  g_test_add_func ("/text/truncate/short", test_truncate_short);
  g_test_add_func ("/text/truncate/word-boundary", test_truncate_word_boundary);
  g_test_add_func ("/text/truncate/long-word", test_truncate_long_word);
  g_test_add_func ("/text/truncate/arabic", test_truncate_arabic);
  g_test_add_func ("/text/truncate/null", test_truncate_null);
  g_test_add_func ("/text/truncate/cut-at-word-end", test_truncate_cut_at_word_end);

  g_test_add_func ("/text/position/start", test_position_start);
  g_test_add_func ("/text/position/lines", test_position_lines);
  g_test_add_func ("/text/position/multibyte", test_position_multibyte);
  g_test_add_func ("/text/position/invalid-bytes", test_position_invalid_bytes);

  g_test_add_func ("/html/paragraphs/p", test_html_p);
  g_test_add_func ("/html/paragraphs/br", test_html_br);
  g_test_add_func ("/html/paragraphs/nested-div", test_html_nested_div);
  g_test_add_func ("/html/paragraphs/headings", test_html_headings);
  g_test_add_func ("/html/paragraphs/list-items", test_html_list_items);
  g_test_add_func ("/html/paragraphs/entities", test_html_entities);
  g_test_add_func ("/html/paragraphs/dropped-elements", test_html_dropped_elements);
  g_test_add_func ("/html/paragraphs/whitespace", test_html_whitespace);
  g_test_add_func ("/html/paragraphs/empty-paragraphs", test_html_empty_paragraphs);
  g_test_add_func ("/html/paragraphs/nbsp-paragraph", test_html_nbsp_paragraph);
  g_test_add_func ("/html/paragraphs/top-level-text", test_html_top_level_text);
  g_test_add_func ("/html/paragraphs/malformed", test_html_malformed);
  g_test_add_func ("/html/paragraphs/empty-input", test_html_empty_input);
  g_test_add_func ("/html/paragraphs/dropped-element-first", test_html_dropped_element_first);
  g_test_add_func ("/html/paragraphs/inline-element-first", test_html_inline_element_first);
  g_test_add_func ("/html/text/joined", test_html_to_text);
  g_test_add_func ("/html/text/empty", test_html_to_text_empty);

  g_test_add_func ("/date/local-zone", test_date_local_zone);
  g_test_add_func ("/date/parse/offset", test_date_parse_offset);
  g_test_add_func ("/date/parse/negative-offset", test_date_parse_negative_offset);
  g_test_add_func ("/date/parse/utc", test_date_parse_utc);
  g_test_add_func ("/date/parse/fraction", test_date_parse_fraction);
  g_test_add_func ("/date/parse/no-offset", test_date_parse_no_offset);
  g_test_add_func ("/date/parse/garbage", test_date_parse_garbage);
  g_test_add_func ("/date/parse/out-of-range", test_date_parse_out_of_range);
  g_test_add_func ("/date/parse/lowercase", test_date_parse_lowercase);
  g_test_add_func ("/date/row-time/same-day", test_date_row_time_same_day);
  g_test_add_func ("/date/row-time/other-day", test_date_row_time_other_day);
  g_test_add_func ("/date/row-time/local", test_date_row_time_local);
  g_test_add_func ("/date/row-time/null", test_date_row_time_null);
  g_test_add_func ("/date/meta/clock", test_date_meta_clock);
  g_test_add_func ("/date/meta/clock-changes-day", test_date_meta_clock_changes_day);
  g_test_add_func ("/date/meta/clock-without-label", test_date_meta_clock_without_label);
  g_test_add_func ("/date/meta/local", test_date_meta_local);
  g_test_add_func ("/date/meta/null", test_date_meta_null);
  g_test_add_func ("/date/clock", test_date_clock);

  return g_test_run ();
}
