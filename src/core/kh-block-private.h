/* kh-block-private.h: the block's fields, filled in by the converters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kh-block.h"

G_BEGIN_DECLS

typedef struct
{
  gsize start;
  gsize end;
} KhBlockCell;

struct _KhBlock
{
  KhBlockKind      kind;
  GString         *text;
  GArray          *spans;
  KhTextDirection  direction;
  char            *lang;
  guint            quote_depth;
  guint            heading_level;

  guint            list_depth;
  gboolean         list_ordered;
  int              list_number;
  char            *list_marker;

  char            *image_uri;
  char            *image_alt;
  guint            image_width;
  guint            image_height;

  GArray          *cells;
  gboolean         header_row;
};

G_END_DECLS
