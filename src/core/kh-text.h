/* kh-text.h: plain-text helpers shared by the parsers and the views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  KH_TEXT_DIRECTION_NEUTRAL,
  KH_TEXT_DIRECTION_LTR,
  KH_TEXT_DIRECTION_RTL,
} KhTextDirection;

KhTextDirection  kh_text_get_direction          (const char  *text);
char            *kh_text_collapse_whitespace    (const char  *text);
gboolean         kh_text_is_blank               (const char  *text,
                                                 gssize       length);
GStrv            kh_text_split_paragraphs       (const char  *text);
gboolean         kh_text_limit_paragraphs       (GStrv        paragraphs,
                                                 guint        max);
char            *kh_text_truncate               (const char  *text,
                                                 gsize        max_chars);
void             kh_text_position_of_offset     (const char  *data,
                                                 gsize        offset,
                                                 guint       *line,
                                                 guint       *column);

G_END_DECLS
