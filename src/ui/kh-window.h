/* kh-window.h: the reader's main window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kh-settings.h"
#include "kh-store.h"

G_BEGIN_DECLS

#define KH_TYPE_WINDOW (kh_window_get_type ())

G_DECLARE_FINAL_TYPE (KhWindow, kh_window, KH, WINDOW, GtkApplicationWindow)

KhWindow   *kh_window_new                   (GtkApplication *application,
                                             KhSettings     *settings,
                                             KhStore        *store);
KhWindow   *kh_window_new_for_endpoint      (GtkApplication *application,
                                             KhSettings     *settings,
                                             KhStore        *store,
                                             const char     *endpoint);
const char *kh_window_get_endpoint          (KhWindow       *self);
void        kh_window_set_endpoint_override (KhWindow       *self,
                                             const char     *uri);
void        kh_window_refresh               (KhWindow       *self);
gboolean    kh_window_get_loading           (KhWindow       *self);
GListModel *kh_window_get_items             (KhWindow       *self);
gboolean    kh_window_show_item             (KhWindow       *self,
                                             const char     *id);

G_END_DECLS
