/* kh-block.h: one block of an article's body, with its inline styles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kh-text.h"

G_BEGIN_DECLS

typedef enum
{
  KH_BLOCK_PARAGRAPH,
  KH_BLOCK_HEADING,
  KH_BLOCK_PREFORMATTED,
  KH_BLOCK_LIST_ITEM,
  KH_BLOCK_RULE,
  KH_BLOCK_IMAGE,
  KH_BLOCK_TABLE_ROW,
} KhBlockKind;

typedef enum
{
  KH_SPAN_NONE      = 0,
  KH_SPAN_BOLD      = 1 << 0,
  KH_SPAN_ITALIC    = 1 << 1,
  KH_SPAN_UNDERLINE = 1 << 2,
  KH_SPAN_STRIKE    = 1 << 3,
  KH_SPAN_SUB       = 1 << 4,
  KH_SPAN_SUP       = 1 << 5,
  KH_SPAN_CODE      = 1 << 6,
} KhSpanStyle;

/* A styled run of a block's text: byte offsets into the text, end
 * excluded, always on character boundaries.  The block owns @href. */
typedef struct
{
  gsize        start;
  gsize        end;
  KhSpanStyle  style;
  char        *href;
} KhSpan;

typedef struct _KhBlock KhBlock;

#define KH_TYPE_BLOCK (kh_block_get_type ())

GType            kh_block_get_type              (void) G_GNUC_CONST;

KhBlock         *kh_block_new                   (KhBlockKind   kind,
                                                 const char   *text);
KhBlock         *kh_block_ref                   (KhBlock      *self);
void             kh_block_unref                 (KhBlock      *self);
void             kh_block_add_span              (KhBlock      *self,
                                                 gsize         start,
                                                 gsize         end,
                                                 KhSpanStyle   style,
                                                 const char   *href);

KhBlockKind      kh_block_get_kind              (KhBlock      *self);
const char      *kh_block_get_text              (KhBlock      *self);
KhTextDirection  kh_block_get_direction         (KhBlock      *self);
const char      *kh_block_get_lang              (KhBlock      *self);
const KhSpan    *kh_block_get_spans             (KhBlock      *self,
                                                 guint        *n_spans);
guint            kh_block_get_quote_depth       (KhBlock      *self);
guint            kh_block_get_heading_level     (KhBlock      *self);

guint            kh_block_get_list_depth        (KhBlock      *self);
gboolean         kh_block_get_list_ordered      (KhBlock      *self);
int              kh_block_get_list_number       (KhBlock      *self);
const char      *kh_block_get_list_marker       (KhBlock      *self);

const char      *kh_block_get_image_uri         (KhBlock      *self);
const char      *kh_block_get_image_alt         (KhBlock      *self);
guint            kh_block_get_image_width       (KhBlock      *self);
guint            kh_block_get_image_height      (KhBlock      *self);

guint            kh_block_get_n_cells           (KhBlock      *self);
gboolean         kh_block_get_cell              (KhBlock      *self,
                                                 guint         index,
                                                 gsize        *start,
                                                 gsize        *end);
gboolean         kh_block_get_header_row        (KhBlock      *self);

char            *kh_block_to_pango_markup       (KhBlock      *self);
char            *kh_block_range_to_pango_markup (KhBlock      *self,
                                                 gsize         start,
                                                 gsize         end);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KhBlock, kh_block_unref)

G_END_DECLS
