/* fuzz-html.c: any HTML through the block converter and into Pango markup
 *
 * Every block's text is valid UTF-8 and its spans and cells lie on
 * character boundaries inside it; every block's markup, and every table
 * cell's, parses as GtkLabel reads it (links taken out first) and shows
 * exactly the block's text; links keep to http, https and mailto.  The
 * plain-paragraph reader gets the same input.  A first byte from 0x01 to
 * 0x1f (not white space) picks the address links resolve against.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <pango/pango.h>
#include <string.h>

#include "kh-block.h"
#include "kh-html.h"
#include "kh-html-blocks.h"
#include "fuzz-common.h"

static const char * const base_uris[] = {
  "https://news.example/live/2024/story.html",
  NULL,
  "http://news.example/a/b/",
  "file:///srv/feeds/feed.xml",
  "resource:///io/github/khabar/Khabar/demo/feed.json",
  "https://news.example/%D8%AE%D8%A8%D8%B1?x=1&y=2#top",
  "mailto:desk@news.example",
  "not an address",
};

static const char * const allowed_tags[] = { "b", "i", "u", "s", "sub", "sup", "tt", NULL };

typedef struct
{
  GString *markup;
} Stripper;

static void
start_element_cb (GMarkupParseContext  *context,
                  const char           *name,
                  const char          **attribute_names,
                  const char          **attribute_values,
                  gpointer              user_data,
                  GError              **error)
{
  Stripper *stripper = user_data;

  if (g_str_equal (name, "markup"))
    return;
  if (g_str_equal (name, "a"))
    {
      g_autofree char *scheme = NULL;

      g_assert_cmpstr (attribute_names[0], ==, "href");
      g_assert_null (attribute_names[1]);
      scheme = g_uri_parse_scheme (attribute_values[0]);
      if (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0 &&
          g_strcmp0 (scheme, "mailto") != 0)
        g_error ("A link the reader must not follow: %s", attribute_values[0]);
      return;
    }
  if (!g_strv_contains (allowed_tags, name))
    g_error ("Markup with <%s>", name);
  g_assert_null (attribute_names[0]);
  g_string_append_printf (stripper->markup, "<%s>", name);
}

static void
end_element_cb (GMarkupParseContext  *context,
                const char           *name,
                gpointer              user_data,
                GError              **error)
{
  Stripper *stripper = user_data;

  if (!g_str_equal (name, "markup") && !g_str_equal (name, "a"))
    g_string_append_printf (stripper->markup, "</%s>", name);
}

static void
text_cb (GMarkupParseContext  *context,
         const char           *text,
         gsize                 length,
         gpointer              user_data,
         GError              **error)
{
  Stripper *stripper = user_data;
  g_autofree char *escaped = g_markup_escape_text (text, length);

  g_string_append (stripper->markup, escaped);
}

/* @markup as Pango reads it, once GtkLabel has taken the links out. */
static char *
strip_links (const char *markup)
{
  static const GMarkupParser parser = { start_element_cb, end_element_cb, text_cb, NULL, NULL };
  Stripper stripper = { g_string_new (NULL) };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, &stripper, NULL);
  g_autofree char *wrapped = g_strconcat ("<markup>", markup, "</markup>", NULL);
  g_autoptr(GError) error = NULL;

  if (!g_markup_parse_context_parse (context, wrapped, -1, &error) ||
      !g_markup_parse_context_end_parse (context, &error))
    g_error ("Markup that does not parse: %s\n%s", error->message, markup);
  return g_string_free (stripper.markup, FALSE);
}

static void
check_markup (const char *markup,
              const char *text,
              gsize       length)
{
  g_autofree char *stripped = strip_links (markup);
  g_autofree char *shown = NULL;
  g_autoptr(GError) error = NULL;

  if (!pango_parse_markup (stripped, -1, 0, NULL, &shown, NULL, &error))
    g_error ("Pango refuses the markup: %s\n%s", error->message, markup);
  if (strlen (shown) != length || memcmp (shown, text, length) != 0)
    g_error ("The markup shows other text:\n%s\n%.*s", shown, (int) length, text);
}

static gboolean
on_boundary (const char *text,
             gsize       length,
             gsize       offset)
{
  return offset <= length &&
         (offset == length || offset == 0 || (((guchar) text[offset]) & 0xc0) != 0x80);
}

static void
check_block (KhBlock *block)
{
  const char *text = kh_block_get_text (block);
  gsize length = strlen (text);
  const KhSpan *spans;
  guint n_spans;
  g_autofree char *markup = NULL;

  kh_fuzz_assert_utf8 (text);
  kh_fuzz_assert_utf8 (kh_block_get_lang (block));
  kh_fuzz_assert_utf8 (kh_block_get_list_marker (block));
  kh_fuzz_assert_utf8 (kh_block_get_image_uri (block));
  kh_fuzz_assert_utf8 (kh_block_get_image_alt (block));

  spans = kh_block_get_spans (block, &n_spans);
  for (guint i = 0; i < n_spans; i++)
    {
      g_assert_cmpuint (spans[i].start, <, spans[i].end);
      g_assert_true (on_boundary (text, length, spans[i].start));
      g_assert_true (on_boundary (text, length, spans[i].end));
      kh_fuzz_assert_utf8 (spans[i].href);
    }

  markup = kh_block_to_pango_markup (block);
  check_markup (markup, text, length);

  for (guint i = 0; i < kh_block_get_n_cells (block); i++)
    {
      gsize start, end;
      g_autofree char *cell = NULL;

      g_assert_true (kh_block_get_cell (block, i, &start, &end));
      g_assert_cmpuint (start, <=, end);
      g_assert_true (on_boundary (text, length, start));
      g_assert_true (on_boundary (text, length, end));
      cell = kh_block_range_to_pango_markup (block, start, end);
      check_markup (cell, text + start, end - start);
    }
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
  guint variant = kh_fuzz_take_selector (&data, &size) % G_N_ELEMENTS (base_uris);
  g_autofree char *html = g_strndup ((const char *) data, size);
  g_autoptr(GPtrArray) blocks = NULL;
  g_auto(GStrv) paragraphs = NULL;
  g_autofree char *text = NULL;

  /* Feeds hand the converter valid UTF-8 only. */
  if (!g_utf8_validate (html, -1, NULL))
    {
      char *valid = g_utf8_make_valid (html, -1);

      g_free (html);
      html = valid;
    }

  blocks = kh_html_to_blocks (html, base_uris[variant]);
  g_assert_nonnull (blocks);
  for (guint i = 0; i < blocks->len; i++)
    check_block (g_ptr_array_index (blocks, i));

  paragraphs = kh_html_to_paragraphs (html);
  kh_fuzz_assert_strv_utf8 ((const char * const *) paragraphs);
  text = kh_html_to_text (html);
  kh_fuzz_assert_utf8 (text);
  return 0;
}
