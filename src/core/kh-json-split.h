/* kh-json-split.h: a JSON document's "items" array, element by element
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Where one element of the array is in the document: [start, end). */
typedef struct
{
  gsize start;
  gsize end;
} KhJsonSpan;

typedef struct
{
  /* The array itself, from its '[' to just after its ']'. */
  KhJsonSpan  array;
  /* Its elements, all objects, in order. */
  GArray     *elements;
} KhJsonItems;

gboolean kh_json_split_items (const char  *data,
                              gsize        length,
                              KhJsonItems *items);
void     kh_json_items_clear (KhJsonItems *items);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KhJsonItems, kh_json_items_clear)

G_END_DECLS
