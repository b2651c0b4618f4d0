/* kh-font-scale.c
 *
 * Sizes move along fixed steps, so bigger then smaller always comes back to
 * where it started, whatever value the setting held.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kh-font-scale.h"

static const int steps[] = { 70, 80, 90, 100, 110, 120, 135, 150, 170, 200, 240, 300 };

/* The step nearest to @percent; ties go to the smaller step. */
int
kh_font_scale_snap (int percent)
{
  int best = steps[0];

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (ABS (steps[i] - percent) < ABS (best - percent))
      best = steps[i];
  return best;
}

int
kh_font_scale_bigger (int percent)
{
  int current = kh_font_scale_snap (percent);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] > current)
      return steps[i];
  return KH_FONT_SCALE_MAX;
}

int
kh_font_scale_smaller (int percent)
{
  int current = kh_font_scale_snap (percent);

  for (guint i = G_N_ELEMENTS (steps); i > 0; i--)
    if (steps[i - 1] < current)
      return steps[i - 1];
  return KH_FONT_SCALE_MIN;
}

static char *
format_points (double points)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* CSS wants a dot, whatever the locale's decimal separator. */
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.2f", points));
}

/* The style sheet that sizes the article and the sidebar together. */
char *
kh_font_scale_to_css (int percent)
{
  double factor = kh_font_scale_snap (percent) / 100.0;
  g_autofree char *article = format_points (KH_FONT_SCALE_ARTICLE_BASE_PT * factor);
  g_autofree char *sidebar = format_points (KH_FONT_SCALE_SIDEBAR_BASE_PT * factor);

  return g_strdup_printf (".kh-article { font-size: %spt; }\n"
                          ".kh-sidebar-list { font-size: %spt; }\n",
                          article, sidebar);
}
