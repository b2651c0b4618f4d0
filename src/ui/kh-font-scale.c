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

/* A family name as a CSS string: quotes and backslashes escaped, line
 * breaks dropped, so no name can end the rule it is in. */
static char *
quote_family (const char *family)
{
  GString *quoted = g_string_new ("\"");

  for (const char *c = family; *c != '\0'; c++)
    {
      if (*c == '"' || *c == '\\')
        g_string_append_c (quoted, '\\');
      if (*c != '\n' && *c != '\r')
        g_string_append_c (quoted, *c);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (quoted, FALSE);
}

/**
 * kh_font_scale_to_css:
 * @family: (nullable): the reader's choice of font for articles; the
 *   built-in stack, which suits Arabic, when %NULL or empty
 *
 * The style sheet that sizes the article and the sidebar together.
 */
char *
kh_font_scale_to_css (int         percent,
                      const char *family)
{
  double factor = kh_font_scale_snap (percent) / 100.0;
  g_autofree char *article = format_points (KH_FONT_SCALE_ARTICLE_BASE_PT * factor);
  g_autofree char *sidebar = format_points (KH_FONT_SCALE_SIDEBAR_BASE_PT * factor);
  g_autofree char *quoted = NULL;

  if (family == NULL || *family == '\0')
    return g_strdup_printf (".kh-article { font-size: %spt; }\n"
                            ".kh-sidebar-list { font-size: %spt; }\n",
                            article, sidebar);

  quoted = quote_family (family);
  return g_strdup_printf (".kh-article { font-size: %spt; font-family: %s, " KH_FONT_SCALE_ARTICLE_STACK "; }\n"
                          ".kh-sidebar-list { font-size: %spt; }\n",
                          article, quoted, sidebar);
}
