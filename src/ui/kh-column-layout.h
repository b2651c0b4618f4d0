/* kh-column-layout.h: a vertical column that lays out only what is in view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KH_TYPE_COLUMN_LAYOUT (kh_column_layout_get_type ())

G_DECLARE_FINAL_TYPE (KhColumnLayout, kh_column_layout, KH, COLUMN_LAYOUT, GtkLayoutManager)

GtkLayoutManager *kh_column_layout_new                 (void);
void              kh_column_layout_set_child_length    (KhColumnLayout *self,
                                                        GtkWidget      *child,
                                                        guint           n_chars);
void              kh_column_layout_restart             (KhColumnLayout *self);
guint             kh_column_layout_get_n_shown         (KhColumnLayout *self);

G_END_DECLS
