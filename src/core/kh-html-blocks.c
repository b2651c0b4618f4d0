/* kh-html-blocks.c
 *
 * The HTML is parsed by libxml2's HTML parser and its tree walked without
 * recursion.  Each element entered pushes a frame with what it hands on to
 * its content: styles, link, direction, language, the kind of block, quote
 * and list depth.  Text goes into the block being built; white space is
 * collapsed as the text comes in, so span offsets never have to move.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kh-block-private.h"
#include "kh-html-private.h"
#include "kh-uri.h"
#include "kh-html-blocks.h"

/* libxml2 stops nesting at 256 levels; anything deeper is still walked but
 * hands nothing on, so hostile nesting costs no more than this. */
#define MAX_FRAMES 512

/* List numbers stay far from overflow however long the list. */
#define MAX_LIST_NUMBER 1000000000

/* Images larger than this are a lie, not a size. */
#define MAX_IMAGE_SIZE 100000

#define CELL_SEPARATOR " · "

typedef enum
{
  DIR_NONE,
  DIR_LTR,
  DIR_RTL,
  DIR_AUTO,
} DirSetting;

/* What an element does; the roles from ROLE_BLOCK on are blocks. */
typedef enum
{
  ROLE_INLINE,
  ROLE_STYLE,
  ROLE_LINK,
  ROLE_BREAK,
  ROLE_RULE,
  ROLE_IMAGE,
  ROLE_BLOCK,
  ROLE_HEADING,
  ROLE_PRE,
  ROLE_QUOTE,
  ROLE_LIST,
  ROLE_ITEM,
  ROLE_FIGURE,
  ROLE_CAPTION,
  ROLE_TABLE_HEAD,
  ROLE_ROW,
  ROLE_CELL,
} Role;

typedef struct
{
  const char *name;
  Role        role;
  guint       extra;
} ElementRole;

/* Sorted by name for bsearch().  Other elements are plain blocks when
 * kh_html_is_block_element() says so, inline otherwise. */
static const ElementRole element_roles[] = {
  { "a", ROLE_LINK, 0 },
  { "b", ROLE_STYLE, KH_SPAN_BOLD },
  { "blockquote", ROLE_QUOTE, 0 },
  { "br", ROLE_BREAK, 0 },
  { "cite", ROLE_STYLE, KH_SPAN_ITALIC },
  { "code", ROLE_STYLE, KH_SPAN_CODE },
  { "del", ROLE_STYLE, KH_SPAN_STRIKE },
  { "dfn", ROLE_STYLE, KH_SPAN_ITALIC },
  { "dir", ROLE_LIST, FALSE },
  { "em", ROLE_STYLE, KH_SPAN_ITALIC },
  { "figcaption", ROLE_CAPTION, 0 },
  { "figure", ROLE_FIGURE, 0 },
  { "h1", ROLE_HEADING, 1 },
  { "h2", ROLE_HEADING, 2 },
  { "h3", ROLE_HEADING, 3 },
  { "h4", ROLE_HEADING, 4 },
  { "h5", ROLE_HEADING, 5 },
  { "h6", ROLE_HEADING, 6 },
  { "hr", ROLE_RULE, 0 },
  { "i", ROLE_STYLE, KH_SPAN_ITALIC },
  { "img", ROLE_IMAGE, 0 },
  { "ins", ROLE_STYLE, KH_SPAN_UNDERLINE },
  { "kbd", ROLE_STYLE, KH_SPAN_CODE },
  { "li", ROLE_ITEM, 0 },
  { "listing", ROLE_PRE, 0 },
  { "menu", ROLE_LIST, FALSE },
  { "ol", ROLE_LIST, TRUE },
  { "pre", ROLE_PRE, 0 },
  { "s", ROLE_STYLE, KH_SPAN_STRIKE },
  { "samp", ROLE_STYLE, KH_SPAN_CODE },
  { "strike", ROLE_STYLE, KH_SPAN_STRIKE },
  { "strong", ROLE_STYLE, KH_SPAN_BOLD },
  { "sub", ROLE_STYLE, KH_SPAN_SUB },
  { "sup", ROLE_STYLE, KH_SPAN_SUP },
  { "td", ROLE_CELL, FALSE },
  { "th", ROLE_CELL, TRUE },
  { "thead", ROLE_TABLE_HEAD, 0 },
  { "tr", ROLE_ROW, 0 },
  { "tt", ROLE_STYLE, KH_SPAN_CODE },
  { "u", ROLE_STYLE, KH_SPAN_UNDERLINE },
  { "ul", ROLE_LIST, FALSE },
  { "var", ROLE_STYLE, KH_SPAN_ITALIC },
  { "xmp", ROLE_PRE, 0 },
};

typedef struct
{
  gboolean ordered;
  guint    depth;
  int      next;
  int      step;
} ListState;

typedef struct
{
  KhBlock *image;    /* the figure's last image, owned by the output */
  KhBlock *caption;  /* owned until the figure ends */
} Figure;

typedef struct
{
  xmlNodePtr   node;
  Role         role;
  KhSpanStyle  style;
  const char  *href;
  DirSetting   dir;
  DirSetting   block_dir;
  const char  *lang;
  const char  *block_lang;
  KhBlockKind  kind;
  guint        heading_level;
  guint        quote_depth;
  ListState   *list;
  Figure      *figure;
  /* Inside a cell or a caption blocks cannot start, so block elements
   * only break the line (caption, preformatted text) or add a space. */
  char         inline_break;
  gboolean     entered_inline;
  gboolean     pre;
  gboolean     table_head;
  gboolean     opens_cell;
  gboolean     owns_list;
  gboolean     owns_figure;
} Frame;

typedef enum
{
  PENDING_NONE,
  PENDING_SPACE,
  PENDING_LINE,
} Pending;

typedef struct
{
  GPtrArray    *blocks;
  const char   *base_uri;
  GStringChunk *strings;
  GArray       *frames;

  /* The block being built and what it needs until it is done. */
  KhBlock      *block;
  DirSetting    block_dir;
  gsize         segment_start;
  gboolean      pre_fresh;
  gboolean      cell_open;
  gboolean      row_all_headers;
  gboolean      row_in_head;

  /* White space or line breaks seen but not yet written: they are only
   * written between two pieces of text, never at a block's edges. */
  Pending       pending;
  KhSpanStyle   pending_style;
  const char   *pending_href;

  /* A list item whose marker goes to the next block that starts. */
  gboolean      item_pending;
  gboolean      item_ordered;
  int           item_number;
  guint         item_depth;
} Converter;

static int
compare_roles (const void *key,
               const void *element)
{
  return g_ascii_strcasecmp ((const char *) key, ((const ElementRole *) element)->name);
}

static Role
element_role (const xmlChar *name,
              guint         *extra)
{
  const ElementRole *found;

  *extra = 0;
  found = bsearch (name, element_roles, G_N_ELEMENTS (element_roles),
                   sizeof (ElementRole), compare_roles);
  if (found != NULL)
    {
      *extra = found->extra;
      return found->role;
    }
  return kh_html_is_block_element (name) ? ROLE_BLOCK : ROLE_INLINE;
}

/* An attribute's value as the parser left it in the tree, without a copy;
 * only the attributes this file asks for by name are ever read. */
static const char *
get_attribute (xmlNodePtr  node,
               const char *name)
{
  for (xmlAttrPtr attr = node->properties; attr != NULL; attr = attr->next)
    {
      xmlNodePtr value = attr->children;

      if (attr->name == NULL || g_ascii_strcasecmp ((const char *) attr->name, name) != 0)
        continue;
      if (value == NULL)
        return "";
      if (value->type == XML_TEXT_NODE && value->next == NULL && value->content != NULL)
        return (const char *) value->content;
      return NULL;
    }
  return NULL;
}

static Frame *
top_frame (Converter *conv)
{
  return &g_array_index (conv->frames, Frame, conv->frames->len - 1);
}

static gboolean
is_collapsible_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Control characters draw nothing, or draw boxes; they are left out. */
static gboolean
is_control (gunichar c)
{
  return (c < 0x20 && !is_collapsible_space (c)) || (c >= 0x7f && c < 0xa0);
}

/* Attribute values */

static DirSetting
parse_dir (const char *value)
{
  g_autofree char *trimmed = NULL;

  if (value == NULL)
    return DIR_NONE;

  trimmed = g_strstrip (g_strdup (value));
  if (g_ascii_strcasecmp (trimmed, "ltr") == 0)
    return DIR_LTR;
  if (g_ascii_strcasecmp (trimmed, "rtl") == 0)
    return DIR_RTL;
  if (g_ascii_strcasecmp (trimmed, "auto") == 0)
    return DIR_AUTO;
  return DIR_NONE;
}

/* A language tag, "" when the element says its language is unknown, or
 * %NULL when it says nothing usable. */
static const char *
parse_lang (Converter  *conv,
            const char *value)
{
  g_autofree char *trimmed = NULL;

  if (value == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (value));
  for (const char *p = trimmed; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return NULL;
  return g_string_chunk_insert_const (conv->strings, trimmed);
}

/* The rules for parsing integers: leading space, a sign, digits, and
 * whatever follows ignored. */
static gboolean
parse_integer (const char *value,
               int        *result)
{
  const char *start;
  char *end = NULL;
  gint64 number;

  if (value == NULL)
    return FALSE;

  start = value;
  while (g_ascii_isspace (*start))
    start++;
  number = g_ascii_strtoll (start, &end, 10);
  if (end == start)
    return FALSE;

  *result = (int) CLAMP (number, -MAX_LIST_NUMBER, MAX_LIST_NUMBER);
  return TRUE;
}

static guint
parse_size (const char *value)
{
  int size;

  if (!parse_integer (value, &size) || size <= 0 || size > MAX_IMAGE_SIZE)
    return 0;
  return (guint) size;
}

/* Browsers ignore space around an address and tabs and line breaks inside
 * it, which would otherwise hide "java\tscript:" from the scheme check. */
static char *
clean_uri (const char *value)
{
  GString *cleaned = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    if (*p != '\t' && *p != '\n' && *p != '\r')
      g_string_append_c (cleaned, *p);
  g_strstrip (cleaned->str);

  return g_string_free (cleaned, FALSE);
}

/* An address resolved against the base, if it is one the reader may follow:
 * http and https with a host, and mailto for links. */
static const char *
resolve_uri (Converter  *conv,
             const char *value,
             gboolean    allow_mailto)
{
  g_autofree char *cleaned = NULL;
  g_autofree char *resolved = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (value == NULL || !g_utf8_validate (value, -1, NULL))
    return NULL;

  cleaned = clean_uri (value);
  if (*cleaned == '\0')
    return NULL;
  resolved = kh_uri_resolve_relative (conv->base_uri, cleaned, G_URI_FLAGS_NONE, NULL);
  if (resolved == NULL || (uri = g_uri_parse (resolved, G_URI_FLAGS_NONE, NULL)) == NULL)
    return NULL;

  scheme = g_uri_get_scheme (uri);
  host = g_uri_get_host (uri);
  if (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0)
    {
      if (host == NULL || *host == '\0')
        return NULL;
    }
  else if (!allow_mailto || g_ascii_strcasecmp (scheme, "mailto") != 0)
    {
      return NULL;
    }

  return g_string_chunk_insert_const (conv->strings, resolved);
}

/* What an element itself says about its direction and language. */
static void
apply_attributes (Converter  *conv,
                  Frame      *frame,
                  xmlNodePtr  node)
{
  DirSetting dir = parse_dir (get_attribute (node, "dir"));
  const char *lang = parse_lang (conv, get_attribute (node, "xml:lang"));

  if (lang == NULL)
    lang = parse_lang (conv, get_attribute (node, "lang"));
  if (dir != DIR_NONE)
    frame->dir = dir;
  if (lang != NULL)
    frame->lang = lang;
}

/* Building a block */

static KhBlock *
new_block (const Frame *frame,
           KhBlockKind  kind)
{
  KhBlock *block = kh_block_new (kind, NULL);

  block->heading_level = 0;
  block->quote_depth = frame->quote_depth;
  block->list_depth = frame->list != NULL ? frame->list->depth : 0;
  if (frame->block_lang != NULL && *frame->block_lang != '\0')
    block->lang = g_strdup (frame->block_lang);

  return block;
}

static const char *
bullet_for_depth (guint depth)
{
  static const char * const bullets[] = { "•", "◦", "▪" };

  return bullets[MIN (MAX (depth, 1), G_N_ELEMENTS (bullets)) - 1];
}

static void
start_block (Converter   *conv,
             const Frame *frame)
{
  KhBlock *block = new_block (frame, frame->kind);

  if (frame->kind == KH_BLOCK_HEADING)
    block->heading_level = frame->heading_level;
  conv->block_dir = frame->block_dir;

  /* A list item's marker goes to the first block of its content. */
  if (conv->item_pending && frame->inline_break == '\0')
    {
      block->kind = KH_BLOCK_LIST_ITEM;
      block->heading_level = 0;
      block->list_depth = conv->item_depth;
      block->list_ordered = conv->item_ordered;
      block->list_number = conv->item_number;
      block->list_marker = conv->item_ordered ? g_strdup_printf ("%d.", conv->item_number)
                                              : g_strdup (bullet_for_depth (conv->item_depth));
      conv->item_pending = FALSE;
    }

  conv->block = block;
  conv->segment_start = 0;
}

static void
append_styled (Converter   *conv,
               const char  *text,
               gsize        length,
               KhSpanStyle  style,
               const char  *href)
{
  gsize start = conv->block->text->len;

  g_string_append_len (conv->block->text, text, length);
  kh_block_add_span (conv->block, start, conv->block->text->len, style, href);
}

static void
write_pending (Converter *conv)
{
  Pending pending = conv->pending;

  conv->pending = PENDING_NONE;
  if (conv->block->text->len <= conv->segment_start)
    return;

  if (pending == PENDING_SPACE)
    append_styled (conv, " ", 1, conv->pending_style, conv->pending_href);
  else if (pending == PENDING_LINE)
    g_string_append_c (conv->block->text, '\n');
}

static void
note_space (Converter   *conv,
            KhSpanStyle  style,
            const char  *href)
{
  if (conv->pending != PENDING_NONE)
    return;

  conv->pending = PENDING_SPACE;
  conv->pending_style = style;
  conv->pending_href = href;
}

/* As in kh_html_to_paragraphs(), breaks in a row leave no empty line. */
static void
note_line_break (Converter *conv)
{
  conv->pending = PENDING_LINE;
}

static void
append_visible (Converter   *conv,
                const Frame *frame,
                const char  *text,
                gsize        length)
{
  if (length == 0)
    return;

  if (conv->block == NULL)
    start_block (conv, frame);
  if (conv->pending != PENDING_NONE)
    write_pending (conv);
  append_styled (conv, text, length, frame->style, frame->href);
}

static void
append_collapsed (Converter   *conv,
                  const Frame *frame,
                  const char  *text)
{
  const char *run = text;
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (is_collapsible_space (c) || is_control (c))
        {
          append_visible (conv, frame, run, p - run);
          if (is_collapsible_space (c))
            note_space (conv, frame->style, frame->href);
          run = next;
        }
      p = next;
    }
  append_visible (conv, frame, run, p - run);
}

static void
append_verbatim_run (Converter   *conv,
                     const Frame *frame,
                     const char  *text,
                     gsize        length)
{
  if (length == 0)
    return;

  if (conv->block == NULL)
    start_block (conv, frame);
  /* A line break right after <pre> is not part of its text. */
  if (conv->pre_fresh && text[0] == '\n')
    {
      text++;
      length--;
    }
  conv->pre_fresh = FALSE;
  if (length > 0)
    append_styled (conv, text, length, frame->style, frame->href);
}

/* Preformatted text keeps its spaces and line breaks; only carriage
 * returns become line feeds and control characters go. */
static void
append_verbatim (Converter   *conv,
                 const Frame *frame,
                 const char  *text)
{
  const char *run = text;
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (c == '\r' || (is_control (c) && c != '\t' && c != '\n'))
        {
          append_verbatim_run (conv, frame, run, p - run);
          if (c == '\r' && *next != '\n')
            append_verbatim_run (conv, frame, "\n", 1);
          run = next;
        }
      p = next;
    }
  append_verbatim_run (conv, frame, run, p - run);
}

static void
append_text (Converter   *conv,
             const Frame *frame,
             const char  *text)
{
  g_autofree char *valid = NULL;

  /* Text between a row's cells is only the source's indentation. */
  if (conv->block != NULL && conv->block->kind == KH_BLOCK_TABLE_ROW && !conv->cell_open)
    return;

  /* libxml2 passes invalid bytes through as they came. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  if (frame->pre)
    append_verbatim (conv, frame, text);
  else
    append_collapsed (conv, frame, text);
}

static void
close_cell (Converter *conv)
{
  if (conv->cell_open && conv->block != NULL && conv->block->cells != NULL)
    {
      KhBlockCell *cell = &g_array_index (conv->block->cells, KhBlockCell,
                                          conv->block->cells->len - 1);
      cell->end = conv->block->text->len;
    }
  conv->cell_open = FALSE;
  conv->pending = PENDING_NONE;
}

static gboolean
row_is_blank (KhBlock *row)
{
  for (guint i = 0; row->cells != NULL && i < row->cells->len; i++)
    {
      const KhBlockCell *cell = &g_array_index (row->cells, KhBlockCell, i);

      if (!kh_text_is_blank (row->text->str + cell->start, cell->end - cell->start))
        return FALSE;
    }
  return TRUE;
}

/* Trailing space and line breaks of preformatted text show nothing. */
static void
trim_end (KhBlock *block)
{
  gsize length = block->text->len;

  while (length > 0)
    {
      char c = block->text->str[length - 1];

      if (c != ' ' && c != '\t' && c != '\n')
        break;
      length--;
    }
  g_string_truncate (block->text, length);

  for (guint i = block->spans->len; i > 0; i--)
    {
      KhSpan *span = &g_array_index (block->spans, KhSpan, i - 1);

      span->end = MIN (span->end, length);
      if (span->start >= span->end)
        g_array_remove_index (block->spans, i - 1);
    }
}

/* Line breaks and spaces (no-break ones too) at either end of a paragraph
 * would only show as empty lines: "<p><br>text<br>&nbsp;</p>". */
static void
trim_blank_edges (KhBlock *block)
{
  const char *text = block->text->str;
  const char *start = text;
  const char *end = text + block->text->len;
  gsize lead;

  while (start < end && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      const char *previous = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (previous)))
        break;
      end = previous;
    }

  lead = start - text;
  g_string_truncate (block->text, end - text);
  g_string_erase (block->text, 0, lead);

  for (guint i = block->spans->len; i > 0; i--)
    {
      KhSpan *span = &g_array_index (block->spans, KhSpan, i - 1);

      span->start = span->start > lead ? span->start - lead : 0;
      span->end = MIN (span->end > lead ? span->end - lead : 0, block->text->len);
      if (span->start >= span->end)
        g_array_remove_index (block->spans, i - 1);
    }
}

static KhTextDirection
resolve_direction (DirSetting  setting,
                   const char *text)
{
  if (setting == DIR_LTR)
    return KH_TEXT_DIRECTION_LTR;
  if (setting == DIR_RTL)
    return KH_TEXT_DIRECTION_RTL;
  return kh_text_get_direction (text);
}

/* Ends the block being built; returns it, or %NULL when it shows nothing. */
static KhBlock *
take_block (Converter *conv)
{
  KhBlock *block;
  gboolean blank;

  close_cell (conv);
  block = g_steal_pointer (&conv->block);
  conv->segment_start = 0;
  conv->pre_fresh = FALSE;
  if (block == NULL)
    return NULL;

  if (block->kind == KH_BLOCK_PREFORMATTED)
    trim_end (block);
  else if (block->kind != KH_BLOCK_TABLE_ROW)
    trim_blank_edges (block);
  if (block->kind == KH_BLOCK_TABLE_ROW)
    blank = row_is_blank (block);
  else
    blank = kh_text_is_blank (block->text->str, block->text->len);
  if (blank)
    {
      /* "<li>&nbsp;<p>text" still gives the marker to "text". */
      if (block->kind == KH_BLOCK_LIST_ITEM)
        conv->item_pending = TRUE;
      kh_block_unref (block);
      return NULL;
    }

  block->direction = resolve_direction (conv->block_dir, block->text->str);
  if (block->kind == KH_BLOCK_TABLE_ROW)
    block->header_row = conv->row_in_head || conv->row_all_headers;
  return block;
}

static void
flush (Converter *conv)
{
  KhBlock *block = take_block (conv);

  if (block != NULL)
    g_ptr_array_add (conv->blocks, block);
}

/* Elements without content */

static void
add_line_break (Converter   *conv,
                const Frame *frame)
{
  if (frame->pre)
    {
      conv->pre_fresh = FALSE;
      append_verbatim_run (conv, frame, "\n", 1);
    }
  else if (frame->inline_break == ' ')
    note_space (conv, KH_SPAN_NONE, NULL);
  else
    note_line_break (conv);
}

/* A block element where no block can start. */
static void
add_inline_break (Converter   *conv,
                  const Frame *frame)
{
  if (frame->pre)
    {
      GString *text = conv->block != NULL ? conv->block->text : NULL;

      if (text != NULL && text->len > 0 && text->str[text->len - 1] != '\n')
        g_string_append_c (text, '\n');
    }
  else if (frame->inline_break == '\n')
    note_line_break (conv);
  else
    note_space (conv, KH_SPAN_NONE, NULL);
}

static void
add_rule (Converter   *conv,
          const Frame *parent,
          xmlNodePtr   node)
{
  Frame own = *parent;
  KhBlock *rule;

  apply_attributes (conv, &own, node);
  own.block_lang = own.lang;
  flush (conv);

  rule = new_block (&own, KH_BLOCK_RULE);
  rule->direction = resolve_direction (own.dir, NULL);
  g_ptr_array_add (conv->blocks, rule);
}

static void
add_image (Converter   *conv,
           const Frame *parent,
           xmlNodePtr   node)
{
  Frame own = *parent;
  const char *uri;
  const char *alt;
  KhBlock *image;

  /* Pages that load images lazily keep the real address in data-src. */
  uri = resolve_uri (conv, get_attribute (node, "src"), FALSE);
  if (uri == NULL)
    uri = resolve_uri (conv, get_attribute (node, "data-src"), FALSE);
  if (uri == NULL)
    return;

  apply_attributes (conv, &own, node);
  own.block_lang = own.lang;
  flush (conv);

  image = new_block (&own, KH_BLOCK_IMAGE);
  image->image_uri = g_strdup (uri);
  alt = get_attribute (node, "alt");
  if (alt != NULL)
    {
      g_autofree char *valid = g_utf8_make_valid (alt, -1);
      image->image_alt = kh_text_collapse_whitespace (valid);
    }
  image->image_width = parse_size (get_attribute (node, "width"));
  image->image_height = parse_size (get_attribute (node, "height"));
  image->direction = resolve_direction (own.dir, image->image_alt);
  g_ptr_array_add (conv->blocks, image);

  if (parent->figure != NULL)
    parent->figure->image = image;
}

/* Entering and leaving elements */

static void
enter_list (Converter  *conv,
            Frame      *frame,
            xmlNodePtr  node,
            gboolean    ordered)
{
  ListState *list = g_new0 (ListState, 1);

  list->ordered = ordered;
  list->depth = frame->list != NULL ? frame->list->depth + 1 : 1;
  list->step = 1;
  list->next = 1;

  if (ordered && get_attribute (node, "reversed") != NULL)
    {
      /* A reversed list counts down to 1 from its number of items. */
      list->step = -1;
      list->next = 0;
      for (xmlNodePtr child = node->children; child != NULL; child = child->next)
        if (child->type == XML_ELEMENT_NODE &&
            g_ascii_strcasecmp ((const char *) child->name, "li") == 0)
          list->next++;
    }
  if (ordered)
    parse_integer (get_attribute (node, "start"), &list->next);

  frame->list = list;
  frame->owns_list = TRUE;
}

static void
enter_item (Converter  *conv,
            Frame      *frame,
            xmlNodePtr  node)
{
  ListState *list;
  int value;

  /* An item outside any list is shown as in a list of its own. */
  if (frame->list == NULL)
    enter_list (conv, frame, node, FALSE);
  list = frame->list;

  conv->item_pending = TRUE;
  conv->item_ordered = list->ordered;
  conv->item_depth = list->depth;
  conv->item_number = 0;
  if (!list->ordered)
    return;

  if (parse_integer (get_attribute (node, "value"), &value))
    list->next = value;
  conv->item_number = list->next;
  list->next = CLAMP (list->next + list->step, -MAX_LIST_NUMBER, MAX_LIST_NUMBER);
}

static void
enter_row (Converter *conv,
           Frame     *frame)
{
  conv->block = new_block (frame, KH_BLOCK_TABLE_ROW);
  conv->block->cells = g_array_new (FALSE, FALSE, sizeof (KhBlockCell));
  conv->block_dir = frame->block_dir;
  conv->row_all_headers = TRUE;
  conv->row_in_head = frame->table_head;
}

static void
enter_cell (Converter *conv,
            Frame     *frame,
            gboolean   header)
{
  GArray *cells = conv->block->cells;
  KhBlockCell cell;

  close_cell (conv);
  if (cells->len > 0)
    g_string_append (conv->block->text, CELL_SEPARATOR);
  cell.start = cell.end = conv->block->text->len;
  g_array_append_val (cells, cell);

  conv->cell_open = TRUE;
  conv->segment_start = cell.start;
  if (!header)
    conv->row_all_headers = FALSE;

  frame->inline_break = ' ';
  frame->opens_cell = TRUE;
}

static gboolean
in_row (Converter *conv)
{
  return conv->block != NULL && conv->block->kind == KH_BLOCK_TABLE_ROW;
}

static void
enter_block (Converter  *conv,
             Frame      *frame,
             xmlNodePtr  node,
             guint       extra)
{
  frame->block_dir = frame->dir;
  frame->block_lang = frame->lang;

  if (frame->inline_break != '\0')
    {
      frame->entered_inline = TRUE;
      add_inline_break (conv, frame);
      return;
    }

  if (frame->role == ROLE_CELL && in_row (conv))
    {
      enter_cell (conv, frame, extra);
      return;
    }

  flush (conv);
  switch (frame->role)
    {
    case ROLE_HEADING:
      frame->kind = KH_BLOCK_HEADING;
      frame->heading_level = extra;
      break;
    case ROLE_PRE:
      frame->kind = KH_BLOCK_PREFORMATTED;
      frame->pre = TRUE;
      frame->inline_break = '\n';
      conv->pre_fresh = TRUE;
      break;
    case ROLE_QUOTE:
      frame->quote_depth++;
      break;
    case ROLE_LIST:
      enter_list (conv, frame, node, extra);
      break;
    case ROLE_ITEM:
      enter_item (conv, frame, node);
      break;
    case ROLE_FIGURE:
      frame->figure = g_new0 (Figure, 1);
      frame->owns_figure = TRUE;
      break;
    case ROLE_CAPTION:
      frame->inline_break = '\n';
      break;
    case ROLE_TABLE_HEAD:
      frame->table_head = TRUE;
      break;
    case ROLE_ROW:
      enter_row (conv, frame);
      break;
    case ROLE_INLINE:
    case ROLE_STYLE:
    case ROLE_LINK:
    case ROLE_BREAK:
    case ROLE_RULE:
    case ROLE_IMAGE:
    case ROLE_BLOCK:
    case ROLE_CELL:
    default:
      break;
    }
}

/* A link the reader may not follow keeps its text, unlinked; an anchor
 * without an address changes nothing. */
static void
enter_link (Converter  *conv,
            Frame      *frame,
            xmlNodePtr  node)
{
  const char *href = get_attribute (node, "href");

  if (href != NULL)
    frame->href = resolve_uri (conv, href, TRUE);
}

static gboolean
enter_element (Converter  *conv,
               xmlNodePtr  node)
{
  Frame *parent = top_frame (conv);
  Frame frame;
  guint extra;
  Role role;

  if (kh_html_is_dropped_element (node->name))
    return FALSE;

  role = element_role (node->name, &extra);
  switch (role)
    {
    case ROLE_BREAK:
      add_line_break (conv, parent);
      return FALSE;
    case ROLE_RULE:
    case ROLE_IMAGE:
      if (parent->inline_break != '\0')
        add_inline_break (conv, parent);
      else if (role == ROLE_RULE)
        add_rule (conv, parent, node);
      else
        add_image (conv, parent, node);
      return FALSE;
    default:
      break;
    }

  if (conv->frames->len >= MAX_FRAMES)
    return TRUE;

  frame = *parent;
  frame.node = node;
  frame.role = role;
  frame.entered_inline = frame.opens_cell = frame.owns_list = frame.owns_figure = FALSE;
  apply_attributes (conv, &frame, node);

  if (role == ROLE_STYLE)
    frame.style |= extra;
  else if (role == ROLE_LINK)
    enter_link (conv, &frame, node);
  else if (role >= ROLE_BLOCK)
    enter_block (conv, &frame, node, extra);

  g_array_append_val (conv->frames, frame);
  return TRUE;
}

static void
leave_figure (Converter *conv,
              Figure    *figure)
{
  KhBlock *caption = g_steal_pointer (&figure->caption);
  KhBlock *image = figure->image;

  if (caption == NULL)
    return;
  if (image == NULL)
    {
      g_ptr_array_add (conv->blocks, caption);
      return;
    }

  /* The caption becomes the image's text, styles and links included. */
  g_string_assign (image->text, caption->text->str);
  g_array_unref (image->spans);
  image->spans = g_array_ref (caption->spans);
  image->direction = caption->direction;
  kh_block_unref (caption);
}

static void
leave_caption (Converter *conv,
               Frame     *frame)
{
  KhBlock *caption = take_block (conv);

  if (caption == NULL)
    return;
  if (frame->figure != NULL && frame->figure->caption == NULL)
    frame->figure->caption = caption;
  else
    g_ptr_array_add (conv->blocks, caption);
}

static void
leave_element (Converter *conv,
               Frame     *frame)
{
  if (frame->role < ROLE_BLOCK)
    return;
  if (frame->entered_inline)
    {
      add_inline_break (conv, frame);
      return;
    }
  if (frame->opens_cell)
    {
      close_cell (conv);
      return;
    }

  switch (frame->role)
    {
    case ROLE_CAPTION:
      leave_caption (conv, frame);
      break;
    case ROLE_FIGURE:
      flush (conv);
      leave_figure (conv, frame->figure);
      break;
    case ROLE_ITEM:
      flush (conv);
      conv->item_pending = FALSE;
      break;
    default:
      flush (conv);
      break;
    }
}

static void
pop_frame (Converter *conv)
{
  Frame *frame = top_frame (conv);

  if (frame->owns_list)
    g_free (frame->list);
  if (frame->owns_figure)
    {
      g_clear_pointer (&frame->figure->caption, kh_block_unref);
      g_free (frame->figure);
    }
  g_array_set_size (conv->frames, conv->frames->len - 1);
}

/* Returns whether to walk into the node's children. */
static gboolean
enter_node (Converter  *conv,
            xmlNodePtr  node)
{
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      if (node->content != NULL)
        append_text (conv, top_frame (conv), (const char *) node->content);
      return FALSE;
    }
  if (node->type != XML_ELEMENT_NODE || node->name == NULL)
    return FALSE;
  return enter_element (conv, node);
}

static void
leave_node (Converter  *conv,
            xmlNodePtr  node)
{
  Frame *frame = top_frame (conv);

  if (frame->node != node || conv->frames->len < 2)
    return;
  leave_element (conv, frame);
  pop_frame (conv);
}

/* Depth first, by the tree's own links, so no nesting can exhaust the stack. */
static void
walk (Converter  *conv,
      xmlNodePtr  root)
{
  xmlNodePtr node = root->children;

  while (node != NULL)
    {
      if (enter_node (conv, node) && node->children != NULL)
        {
          node = node->children;
          continue;
        }

      while (node != NULL)
        {
          leave_node (conv, node);
          if (node->next != NULL)
            {
              node = node->next;
              break;
            }
          node = node->parent;
          if (node == root)
            node = NULL;
        }
    }
}

/**
 * kh_html_to_blocks:
 * @html: (nullable): an HTML fragment or document
 * @base_uri: (nullable): the address relative links and images are
 *   resolved against; without it they are dropped
 *
 * The blocks of an article: paragraphs, headings, list items, quotations,
 * preformatted text, images, rules and table rows, each with its text, the
 * text's styles and links, direction and language.  Elements that hold no
 * readable text go with their content; only http, https and mailto links
 * and http and https images are kept.
 *
 * Returns: (transfer full) (element-type KhBlock): the blocks, maybe none
 */
GPtrArray *
kh_html_to_blocks (const char *html,
                   const char *base_uri)
{
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) kh_block_unref);
  Converter conv = { 0 };
  Frame root = { 0 };
  htmlDocPtr doc;

  doc = kh_html_parse_fragment (html);
  if (doc == NULL)
    return g_steal_pointer (&blocks);

  conv.blocks = blocks;
  if (base_uri != NULL && g_uri_is_valid (base_uri, G_URI_FLAGS_NONE, NULL))
    conv.base_uri = base_uri;
  conv.strings = g_string_chunk_new (256);
  conv.frames = g_array_sized_new (FALSE, FALSE, sizeof (Frame), 64);
  root.kind = KH_BLOCK_PARAGRAPH;
  g_array_append_val (conv.frames, root);

  walk (&conv, (xmlNodePtr) doc);
  flush (&conv);

  g_array_unref (conv.frames);
  g_string_chunk_free (conv.strings);
  xmlFreeDoc (doc);

  return g_steal_pointer (&blocks);
}
