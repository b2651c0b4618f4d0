/* kh-block.c
 *
 * A block is a refcounted boxed value rather than a GObject: an article
 * has hundreds of them, they never change once converted, and nothing
 * watches their properties, so signals and properties would only cost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kh-block-private.h"

G_DEFINE_BOXED_TYPE (KhBlock, kh_block, kh_block_ref, kh_block_unref)

/* The order in which a run's tags open; they close in reverse. */
static const struct
{
  KhSpanStyle  style;
  const char  *tag;
} markup_tags[] = {
  { KH_SPAN_BOLD, "b" },
  { KH_SPAN_ITALIC, "i" },
  { KH_SPAN_UNDERLINE, "u" },
  { KH_SPAN_STRIKE, "s" },
  { KH_SPAN_SUB, "sub" },
  { KH_SPAN_SUP, "sup" },
  { KH_SPAN_CODE, "tt" },
};

static void
clear_span (gpointer data)
{
  KhSpan *span = data;

  g_clear_pointer (&span->href, g_free);
}

static gboolean
is_char_boundary (GString *text,
                  gsize    offset)
{
  return offset == text->len || (offset < text->len && (text->str[offset] & 0xc0) != 0x80);
}

/**
 * kh_block_new:
 * @kind: what the block is
 * @text: (nullable): its text, valid UTF-8
 *
 * A block of @kind with @text, its direction taken from the text.  Spans
 * may be added until the block is shared; after that it does not change.
 *
 * Returns: (transfer full): the new block
 */
KhBlock *
kh_block_new (KhBlockKind  kind,
              const char  *text)
{
  KhBlock *self;

  if (text == NULL)
    text = "";
  g_return_val_if_fail (g_utf8_validate (text, -1, NULL), NULL);

  self = g_atomic_rc_box_new0 (KhBlock);
  self->kind = kind;
  self->text = g_string_new (text);
  self->spans = g_array_new (FALSE, FALSE, sizeof (KhSpan));
  g_array_set_clear_func (self->spans, clear_span);
  self->direction = kh_text_get_direction (text);
  if (kind == KH_BLOCK_HEADING)
    self->heading_level = 1;

  return self;
}

KhBlock *
kh_block_ref (KhBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
kh_block_clear (gpointer data)
{
  KhBlock *self = data;

  g_string_free (self->text, TRUE);
  g_array_unref (self->spans);
  g_clear_pointer (&self->cells, g_array_unref);
  g_free (self->lang);
  g_free (self->list_marker);
  g_free (self->image_uri);
  g_free (self->image_alt);
}

void
kh_block_unref (KhBlock *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, kh_block_clear);
}

/**
 * kh_block_add_span:
 * @self: a block still being built
 * @start: the first byte of the run
 * @end: the byte after the run
 * @style: its styles
 * @href: (nullable): the address it links to, already checked by the caller
 *
 * Marks a run of the text.  A run that continues the previous one with the
 * same style and link extends it, so a converter can add text piece by
 * piece.
 */
void
kh_block_add_span (KhBlock     *self,
                   gsize        start,
                   gsize        end,
                   KhSpanStyle  style,
                   const char  *href)
{
  KhSpan span = { start, end, style, NULL };

  g_return_if_fail (self != NULL);
  g_return_if_fail (start <= end && end <= self->text->len);
  g_return_if_fail (is_char_boundary (self->text, start) && is_char_boundary (self->text, end));

  if (start == end || (style == KH_SPAN_NONE && href == NULL))
    return;

  if (self->spans->len > 0)
    {
      KhSpan *last = &g_array_index (self->spans, KhSpan, self->spans->len - 1);

      if (last->end == start && last->style == style && g_strcmp0 (last->href, href) == 0)
        {
          last->end = end;
          return;
        }
    }

  span.href = g_strdup (href);
  g_array_append_val (self->spans, span);
}

KhBlockKind
kh_block_get_kind (KhBlock *self)
{
  g_return_val_if_fail (self != NULL, KH_BLOCK_PARAGRAPH);

  return self->kind;
}

/* The block's plain text; for an image, its caption. */
const char *
kh_block_get_text (KhBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->text->str;
}

KhTextDirection
kh_block_get_direction (KhBlock *self)
{
  g_return_val_if_fail (self != NULL, KH_TEXT_DIRECTION_NEUTRAL);

  return self->direction;
}

/* The language tag the HTML gave the block, or %NULL when it gave none. */
const char *
kh_block_get_lang (KhBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->lang;
}

/* The spans in the order they were added; the converter's never overlap. */
const KhSpan *
kh_block_get_spans (KhBlock *self,
                    guint   *n_spans)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_spans != NULL)
    *n_spans = self->spans->len;
  return (const KhSpan *) self->spans->data;
}

/* How many quotations the block sits in; any kind of block may. */
guint
kh_block_get_quote_depth (KhBlock *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->quote_depth;
}

/* 1 to 6 for a heading, 0 for anything else. */
guint
kh_block_get_heading_level (KhBlock *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->heading_level;
}

/* How many lists the block sits in: a list item's own list counts, and a
 * later paragraph of the same item has the same depth but no marker. */
guint
kh_block_get_list_depth (KhBlock *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->list_depth;
}

gboolean
kh_block_get_list_ordered (KhBlock *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->list_ordered;
}

/* The number of an item of an ordered list, 0 otherwise. */
int
kh_block_get_list_number (KhBlock *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->list_number;
}

/* "3." for an ordered list, a bullet for the depth otherwise, %NULL when
 * the block is no list item. */
const char *
kh_block_get_list_marker (KhBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->list_marker;
}

/* An image's absolute http or https address. */
const char *
kh_block_get_image_uri (KhBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->image_uri;
}

const char *
kh_block_get_image_alt (KhBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->image_alt;
}

/* The width the HTML gave, in pixels, or 0. */
guint
kh_block_get_image_width (KhBlock *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->image_width;
}

guint
kh_block_get_image_height (KhBlock *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->image_height;
}

guint
kh_block_get_n_cells (KhBlock *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->cells != NULL ? self->cells->len : 0;
}

/**
 * kh_block_get_cell:
 * @self: a table row
 * @index: which cell
 * @start: (out) (optional): the cell's first byte in the row's text
 * @end: (out) (optional): the byte after it
 *
 * A row's text is its cells joined by " · "; this says where each cell is,
 * for a view that lays the cells out as a grid.
 *
 * Returns: %FALSE when the row has no such cell
 */
gboolean
kh_block_get_cell (KhBlock *self,
                   guint    index,
                   gsize   *start,
                   gsize   *end)
{
  const KhBlockCell *cell;

  g_return_val_if_fail (self != NULL, FALSE);

  if (index >= kh_block_get_n_cells (self))
    return FALSE;

  cell = &g_array_index (self->cells, KhBlockCell, index);
  if (start != NULL)
    *start = cell->start;
  if (end != NULL)
    *end = cell->end;
  return TRUE;
}

/* Whether a table row holds column headings. */
gboolean
kh_block_get_header_row (KhBlock *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->header_row;
}

/* Markup */

typedef struct
{
  gsize    offset;
  guint    span;
  gboolean opens;
} Edge;

/* What styles and which link the text has between two edges. */
typedef struct
{
  guint   counts[G_N_ELEMENTS (markup_tags)];
  GArray *links;
} RunState;

static int
compare_edges (gconstpointer a,
               gconstpointer b)
{
  const Edge *edge_a = a;
  const Edge *edge_b = b;

  if (edge_a->offset != edge_b->offset)
    return edge_a->offset < edge_b->offset ? -1 : 1;
  /* Equal offsets keep the spans' order, so the latest link wins. */
  if (edge_a->span != edge_b->span)
    return edge_a->span < edge_b->span ? -1 : 1;
  return 0;
}

static KhSpanStyle
run_style (const RunState *state)
{
  KhSpanStyle style = KH_SPAN_NONE;

  for (guint i = 0; i < G_N_ELEMENTS (markup_tags); i++)
    if (state->counts[i] > 0)
      style |= markup_tags[i].style;
  return style;
}

static const char *
run_href (KhBlock        *self,
          const RunState *state)
{
  guint span;

  if (state->links->len == 0)
    return NULL;
  span = g_array_index (state->links, guint, state->links->len - 1);
  return g_array_index (self->spans, KhSpan, span).href;
}

static void
apply_edge (KhBlock    *self,
            RunState   *state,
            const Edge *edge)
{
  const KhSpan *span = &g_array_index (self->spans, KhSpan, edge->span);

  for (guint i = 0; i < G_N_ELEMENTS (markup_tags); i++)
    if ((span->style & markup_tags[i].style) && edge->opens)
      state->counts[i]++;
    else if (span->style & markup_tags[i].style)
      state->counts[i]--;

  if (span->href == NULL)
    return;
  if (edge->opens)
    {
      g_array_append_val (state->links, edge->span);
      return;
    }
  for (guint i = 0; i < state->links->len; i++)
    if (g_array_index (state->links, guint, i) == edge->span)
      {
        g_array_remove_index (state->links, i);
        break;
      }
}

/* Each run is written whole, its tags opened and closed around it, so the
 * output nests properly however the spans overlap. */
static void
append_run (GString     *out,
            const char  *text,
            gsize        length,
            KhSpanStyle  style,
            const char  *href)
{
  g_autofree char *escaped = NULL;

  if (length == 0)
    return;

  if (href != NULL)
    {
      g_autofree char *open = g_markup_printf_escaped ("<a href=\"%s\">", href);
      g_string_append (out, open);
    }
  for (guint i = 0; i < G_N_ELEMENTS (markup_tags); i++)
    if (style & markup_tags[i].style)
      g_string_append_printf (out, "<%s>", markup_tags[i].tag);

  escaped = g_markup_escape_text (text, length);
  g_string_append (out, escaped);

  for (guint i = G_N_ELEMENTS (markup_tags); i > 0; i--)
    if (style & markup_tags[i - 1].style)
      g_string_append_printf (out, "</%s>", markup_tags[i - 1].tag);
  if (href != NULL)
    g_string_append (out, "</a>");
}

static GArray *
collect_edges (KhBlock *self,
               gsize    start,
               gsize    end)
{
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (Edge));

  for (guint i = 0; i < self->spans->len; i++)
    {
      const KhSpan *span = &g_array_index (self->spans, KhSpan, i);
      Edge opening = { MAX (span->start, start), i, TRUE };
      Edge closing = { MIN (span->end, end), i, FALSE };

      if (opening.offset >= closing.offset)
        continue;
      g_array_append_val (edges, opening);
      g_array_append_val (edges, closing);
    }
  g_array_sort (edges, compare_edges);

  return edges;
}

/**
 * kh_block_range_to_pango_markup:
 * @self: a block
 * @start: the first byte, on a character boundary
 * @end: the byte after the last, on a character boundary
 *
 * Pango markup for part of the block's text, such as one cell of a table
 * row: <b>, <i>, <u>, <s>, <sub>, <sup> and <tt> for the styles, and
 * <a href> for links, as GtkLabel reads it.  All text and every attribute
 * is escaped.  How the whole block looks (a heading's size, preformatted
 * text's font, indents) is left to the view.
 *
 * Returns: (transfer full): the markup
 */
char *
kh_block_range_to_pango_markup (KhBlock *self,
                                gsize    start,
                                gsize    end)
{
  g_autoptr(GArray) edges = NULL;
  g_autoptr(GArray) links = NULL;
  GString *out;
  RunState state = { { 0 }, NULL };
  gsize run_start = start;
  guint i = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (start <= end && end <= self->text->len, NULL);
  g_return_val_if_fail (is_char_boundary (self->text, start), NULL);
  g_return_val_if_fail (is_char_boundary (self->text, end), NULL);

  edges = collect_edges (self, start, end);
  links = g_array_new (FALSE, FALSE, sizeof (guint));
  state.links = links;
  out = g_string_sized_new (end - start + 16);

  while (i < edges->len)
    {
      gsize offset = g_array_index (edges, Edge, i).offset;
      KhSpanStyle style = run_style (&state);
      const char *href = run_href (self, &state);

      for (; i < edges->len && g_array_index (edges, Edge, i).offset == offset; i++)
        apply_edge (self, &state, &g_array_index (edges, Edge, i));

      /* A run ends only where its style or link changes. */
      if (style == run_style (&state) && g_strcmp0 (href, run_href (self, &state)) == 0)
        continue;
      append_run (out, self->text->str + run_start, offset - run_start, style, href);
      run_start = offset;
    }
  append_run (out, self->text->str + run_start, end - run_start,
              run_style (&state), run_href (self, &state));

  return g_string_free (out, FALSE);
}

/* Pango markup for the whole text of the block; see
 * kh_block_range_to_pango_markup(). */
char *
kh_block_to_pango_markup (KhBlock *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return kh_block_range_to_pango_markup (self, 0, self->text->len);
}
