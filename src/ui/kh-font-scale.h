/* kh-font-scale.h: the fixed steps of the reading text size
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KH_FONT_SCALE_MIN 70
#define KH_FONT_SCALE_MAX 300
#define KH_FONT_SCALE_DEFAULT 100

/* Points at 100 %: the article's body text and the sidebar's titles. */
#define KH_FONT_SCALE_ARTICLE_BASE_PT 13.0
#define KH_FONT_SCALE_SIDEBAR_BASE_PT 10.5

/* What the article falls back on, as in style.css: Naskh faces first. */
#define KH_FONT_SCALE_ARTICLE_STACK "\"Noto Naskh Arabic\", \"Amiri\", \"Noto Serif\", serif"

int   kh_font_scale_snap     (int percent);
int   kh_font_scale_bigger   (int percent);
int   kh_font_scale_smaller  (int percent);
char *kh_font_scale_to_css   (int         percent,
                              const char *family);

G_END_DECLS
