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

/*
 * The text the items were found in, while they are read front to back.
 * When it owns its buffer, the part already read can be given back, so
 * that a long document and the items made from it are not both held
 * whole.
 */
typedef struct
{
  /* (nullable): the buffer @data lies in, when it is ours to shrink. */
  char       *buffer;
  /* The text from offset @dropped on. */
  const char *data;
  gsize       dropped;
  gsize       length;
} KhJsonText;

gboolean    kh_json_split_items     (const char  *data,
                                     gsize        length,
                                     KhJsonItems *items);
void        kh_json_items_clear     (KhJsonItems *items);

const char *kh_json_text_at         (const KhJsonText *text,
                                     gsize             offset);
void        kh_json_text_drop_before (KhJsonText      *text,
                                     gsize             offset);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KhJsonItems, kh_json_items_clear)

G_END_DECLS
