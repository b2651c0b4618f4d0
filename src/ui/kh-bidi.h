/* kh-bidi.h: labels that take their direction from their own text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kh-text.h"

G_BEGIN_DECLS

GtkTextDirection kh_bidi_direction_from_core   (KhTextDirection  direction);
GtkTextDirection kh_bidi_direction_for_text    (const char *text);
void             kh_bidi_set_direction_recursive (GtkWidget        *widget,
                                                  GtkTextDirection  direction);
void             kh_bidi_label_set_text        (GtkLabel   *label,
                                                const char *text);

G_END_DECLS
