/* window-helpers.h: driving real windows from tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kh-settings.h"
#include "kh-store.h"
#include "kh-window.h"

G_BEGIN_DECLS

GtkWidget  *template_child         (gpointer     widget,
                                    GType        type,
                                    const char  *name);
void        iterate_until_idle     (void);
void        wait_for_frames        (GtkWidget   *widget);
void        wait_for_load          (KhWindow    *window);
void        wait_until             (gboolean   (*done) (gpointer data),
                                    gpointer     data);
char       *fixture_uri            (const char  *name);
KhSettings *create_settings        (void);
KhStore    *create_store           (void);
void        remove_store           (KhStore     *store);
KhWindow   *open_window_on_store   (KhSettings  *settings,
                                    KhStore     *store,
                                    const char  *uri);
KhWindow   *open_window            (KhSettings  *settings,
                                    const char  *uri);
void        close_window           (KhWindow    *window);
GtkWidget  *find_widget_with_class (GtkWidget   *widget,
                                    const char  *css_class);
void        load_app_style         (void);
void        init_ui_test           (int         *argc,
                                    char      ***argv);

G_END_DECLS
