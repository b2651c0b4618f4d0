/* kh-timings.h: optional timings for the benchmark suite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void kh_timings_init          (void);
void kh_timings_watch_window  (GtkWindow  *window);
void kh_timings_mark          (const char *what,
                               guint       n_items,
                               gsize       n_bytes);
void kh_timings_article_shown (GtkWidget  *article);

G_END_DECLS
