/* kh-sidebar-row.h: one item in the live-coverage list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kh-item.h"

G_BEGIN_DECLS

#define KH_TYPE_SIDEBAR_ROW (kh_sidebar_row_get_type ())

G_DECLARE_FINAL_TYPE (KhSidebarRow, kh_sidebar_row, KH, SIDEBAR_ROW, GtkWidget)

KhItem *kh_sidebar_row_get_item       (KhSidebarRow *self);
void    kh_sidebar_row_set_item       (KhSidebarRow *self,
                                       KhItem       *item);
char   *kh_sidebar_row_describe_state (KhSidebarRow *self);

G_END_DECLS
