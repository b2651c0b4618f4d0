/* kh-clamp.h: a container that keeps its child to a readable width
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define KH_TYPE_CLAMP (kh_clamp_get_type ())

G_DECLARE_FINAL_TYPE (KhClamp, kh_clamp, KH, CLAMP, GtkWidget)

GtkWidget *kh_clamp_get_child         (KhClamp   *self);
void       kh_clamp_set_child         (KhClamp   *self,
                                       GtkWidget *child);
int        kh_clamp_get_maximum_width (KhClamp   *self);
void       kh_clamp_set_maximum_width (KhClamp   *self,
                                       int        width);

G_END_DECLS
