/* kh-html.c
 *
 * The HTML is parsed by libxml2's HTML parser (never with hand-written tag
 * stripping), then walked: block elements end a paragraph, <br> breaks a
 * line, and elements that hold no readable text are dropped with their
 * content.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libxml/HTMLparser.h>
#include <string.h>

#include "kh-html.h"
#include "kh-html-private.h"
#include "kh-text.h"

#define HTML_OPTIONS (HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR | \
                      HTML_PARSE_NOWARNING | HTML_PARSE_NOIMPLIED | HTML_PARSE_COMPACT)

/* libxml2 recurses per nesting level; a hostile document is cut off here. */
#define MAX_DEPTH 256

typedef struct
{
  GPtrArray *paragraphs;
  GString   *current;
} Walker;

static const char * const dropped_elements[] = {
  "script", "style", "iframe", "object", "embed", "noscript", "template",
  "form", "input", "button", "select", "textarea", "svg", "math", "head",
  "title", "meta", "link", "canvas", "audio", "video", "map",
};

static const char * const block_elements[] = {
  "p", "div", "section", "article", "header", "footer", "aside", "main",
  "nav", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "ul", "ol",
  "li", "dl", "dt", "dd", "table", "tr", "thead", "tbody", "tfoot",
  "figure", "figcaption", "hr", "address", "details", "summary", "body",
  "html", "center",
};

static gboolean
name_in (const xmlChar      *name,
         const char * const *list,
         gsize               n_list)
{
  for (gsize i = 0; i < n_list; i++)
    if (g_ascii_strcasecmp ((const char *) name, list[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Elements that hold no readable text: they go with their content. */
gboolean
kh_html_is_dropped_element (const xmlChar *name)
{
  return name_in (name, dropped_elements, G_N_ELEMENTS (dropped_elements));
}

/* Elements that a browser lays out as blocks of their own. */
gboolean
kh_html_is_block_element (const xmlChar *name)
{
  return name_in (name, block_elements, G_N_ELEMENTS (block_elements));
}

static void
end_paragraph (Walker *walker)
{
  g_auto(GStrv) lines = g_strsplit (walker->current->str, "\n", -1);
  g_autoptr(GString) paragraph = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = kh_text_collapse_whitespace (lines[i]);

      if (*line == '\0')
        continue;
      if (paragraph->len > 0)
        g_string_append_c (paragraph, '\n');
      g_string_append (paragraph, line);
    }

  /* "<p>&nbsp;</p>" is a spacer, not a paragraph. */
  if (!kh_text_is_blank (paragraph->str, -1))
    g_ptr_array_add (walker->paragraphs, g_string_free (g_steal_pointer (&paragraph), FALSE));
  g_string_truncate (walker->current, 0);
}

static void
walk (Walker     *walker,
      xmlNodePtr  node,
      guint       depth)
{
  if (depth > MAX_DEPTH)
    return;

  for (; node != NULL; node = node->next)
    {
      gboolean is_block;

      if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
        {
          /* Line breaks in the source are white space, as in a browser. */
          g_autofree char *text = g_strdup ((const char *) node->content);
          g_strdelimit (text, "\n\r", ' ');
          g_string_append (walker->current, text);
          continue;
        }
      if (node->type != XML_ELEMENT_NODE || node->name == NULL)
        continue;
      if (kh_html_is_dropped_element (node->name))
        continue;
      if (g_ascii_strcasecmp ((const char *) node->name, "br") == 0)
        {
          g_string_append_c (walker->current, '\n');
          continue;
        }

      is_block = kh_html_is_block_element (node->name);
      if (is_block)
        end_paragraph (walker);
      walk (walker, node->children, depth + 1);
      if (is_block)
        end_paragraph (walker);
    }
}

/* Parses an HTML fragment, or a whole document, without touching the
 * network; returns %NULL when there is nothing to parse. */
htmlDocPtr
kh_html_parse_fragment (const char *html)
{
  /* One wrapping element keeps libxml2 from nesting a fragment's later
   * nodes inside its first one, or implying a <p> after a leading inline. */
  g_autofree char *wrapped = NULL;
  gsize length;

  if (html == NULL || *html == '\0')
    return NULL;

  wrapped = g_strconcat ("<div>", html, "</div>", NULL);
  length = strlen (wrapped);
  if (length > G_MAXINT)
    return NULL;
  return htmlReadMemory (wrapped, (int) length, NULL, "UTF-8", HTML_OPTIONS);
}

/*
 * Paragraphs of plain text from an HTML fragment: entities decoded, white
 * space collapsed as a browser would, empty paragraphs removed.
 */
GStrv
kh_html_to_paragraphs (const char *html)
{
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) current = g_string_new (NULL);
  Walker walker = { paragraphs, current };
  htmlDocPtr doc;

  if ((doc = kh_html_parse_fragment (html)) != NULL)
    {
      /* With HTML_PARSE_NOIMPLIED a fragment's top-level nodes are the
       * document's children, text included. */
      walk (&walker, doc->children, 0);
      end_paragraph (&walker);
      xmlFreeDoc (doc);
    }

  g_ptr_array_add (paragraphs, NULL);
  return (GStrv) g_ptr_array_steal (paragraphs, NULL);
}

/* One line of plain text from HTML, for titles and captions. */
char *
kh_html_to_text (const char *html)
{
  g_auto(GStrv) paragraphs = kh_html_to_paragraphs (html);
  g_autofree char *joined = g_strjoinv (" ", paragraphs);

  return kh_text_collapse_whitespace (joined);
}
