/* test-font-scale.c: text-size steps and their setting, without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kh-font-scale.h"
#include "kh-settings.h"

static void
test_steps_symmetric (void)
{
  /* From every step, bigger then smaller (and the reverse) comes back. */
  for (int percent = KH_FONT_SCALE_MIN; percent <= KH_FONT_SCALE_MAX; percent++)
    {
      int step = kh_font_scale_snap (percent);

      if (step < KH_FONT_SCALE_MAX)
        g_assert_cmpint (kh_font_scale_smaller (kh_font_scale_bigger (step)), ==, step);
      if (step > KH_FONT_SCALE_MIN)
        g_assert_cmpint (kh_font_scale_bigger (kh_font_scale_smaller (step)), ==, step);
    }
}

static void
test_steps_clamp (void)
{
  g_assert_cmpint (kh_font_scale_bigger (KH_FONT_SCALE_MAX), ==, KH_FONT_SCALE_MAX);
  g_assert_cmpint (kh_font_scale_smaller (KH_FONT_SCALE_MIN), ==, KH_FONT_SCALE_MIN);
  g_assert_cmpint (kh_font_scale_snap (1000), ==, KH_FONT_SCALE_MAX);
  g_assert_cmpint (kh_font_scale_snap (0), ==, KH_FONT_SCALE_MIN);
}

static void
test_steps_walk (void)
{
  int percent = KH_FONT_SCALE_MIN;
  int previous;
  guint n_steps = 1;

  /* A strictly growing walk from the smallest to the largest size. */
  do
    {
      previous = percent;
      percent = kh_font_scale_bigger (percent);
      if (percent != previous)
        n_steps++;
      g_assert_cmpint (percent, >=, previous);
    }
  while (percent != previous);

  g_assert_cmpint (percent, ==, KH_FONT_SCALE_MAX);
  g_assert_cmpuint (n_steps, >=, 8);
  g_assert_cmpint (kh_font_scale_bigger (100), ==, 110);
  g_assert_cmpint (kh_font_scale_smaller (100), ==, 90);
  g_assert_cmpint (kh_font_scale_snap (104), ==, 100);
  g_assert_cmpint (kh_font_scale_snap (106), ==, 110);
}

static void
test_css (void)
{
  g_autofree char *css_100 = kh_font_scale_to_css (100, NULL);
  g_autofree char *css_200 = kh_font_scale_to_css (200, "");

  g_assert_nonnull (strstr (css_100, ".kh-article { font-size: 13.00pt; }"));
  g_assert_nonnull (strstr (css_100, ".kh-sidebar-list { font-size: 10.50pt; }"));
  g_assert_nonnull (strstr (css_200, ".kh-article { font-size: 26.00pt; }"));
  g_assert_nonnull (strstr (css_200, ".kh-sidebar-list { font-size: 21.00pt; }"));
}

/* The CSS string that follows "font-family: ", read back: everything up
 * to its first unescaped quote, escapes undone. */
static char *
read_family_string (const char *css)
{
  const char *start = strstr (css, "font-family: \"");
  GString *name = g_string_new (NULL);

  g_assert_nonnull (start);
  for (const char *c = start + strlen ("font-family: \""); *c != '"'; c++)
    {
      g_assert_cmpint (*c, !=, '\0');
      if (*c == '\\')
        c++;
      g_string_append_c (name, *c);
    }
  return g_string_free (name, FALSE);
}

/* The chosen family leads; the built-in stack still follows it. */
static void
test_css_family (void)
{
  const char *hostile = "X\"; } * { color: red; } .a { x: \"\\\nend";
  g_autofree char *css = kh_font_scale_to_css (100, "Amiri Quran");
  g_autofree char *hostile_css = kh_font_scale_to_css (100, hostile);
  g_autofree char *read_back = read_family_string (hostile_css);

  g_assert_nonnull (strstr (css, "font-family: \"Amiri Quran\", \"Noto Naskh Arabic\""));
  /* A name cannot close the string or the rule it stands in: it reads back
   * whole, only its line break gone. */
  g_assert_cmpstr (read_back, ==, "X\"; } * { color: red; } .a { x: \"\\end");
}

static void
test_settings_persist (void)
{
  g_autoptr(GSettings) gsettings = g_settings_new (APP_ID);
  g_autoptr(KhSettings) settings = kh_settings_new (gsettings);
  g_autoptr(GSettings) reopened = NULL;
  g_autoptr(KhSettings) settings_again = NULL;

  g_settings_reset (gsettings, "font-scale");
  g_assert_cmpint (kh_settings_get_font_scale (settings), ==, 100);

  kh_settings_set_font_scale (settings, 150);
  g_assert_cmpint (g_settings_get_int (gsettings, "font-scale"), ==, 150);

  /* A value between steps is stored as the nearest step. */
  kh_settings_set_font_scale (settings, 143);
  g_assert_cmpint (kh_settings_get_font_scale (settings), ==, 150);

  /* What a new start would read. */
  reopened = g_settings_new (APP_ID);
  settings_again = kh_settings_new (reopened);
  g_assert_cmpint (kh_settings_get_font_scale (settings_again), ==, 150);

  g_settings_reset (gsettings, "font-scale");
  g_assert_cmpint (kh_settings_get_font_scale (settings_again), ==, 100);
}

static void
test_settings_endpoint (void)
{
  g_autoptr(GSettings) gsettings = g_settings_new (APP_ID);
  g_autoptr(KhSettings) settings = kh_settings_new (gsettings);

  g_settings_reset (gsettings, "endpoint-url");
  g_assert_cmpstr (kh_settings_get_endpoint_url (settings), ==, DEFAULT_ENDPOINT);
  g_settings_set_string (gsettings, "endpoint-url", "https://example.org/live.json");
  g_assert_cmpstr (kh_settings_get_endpoint_url (settings), ==, "https://example.org/live.json");
  g_settings_reset (gsettings, "endpoint-url");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/font-scale/steps/symmetric", test_steps_symmetric);
  g_test_add_func ("/font-scale/steps/clamp", test_steps_clamp);
  g_test_add_func ("/font-scale/steps/walk", test_steps_walk);
  g_test_add_func ("/font-scale/css", test_css);
  g_test_add_func ("/font-scale/css/family", test_css_family);
  g_test_add_func ("/settings/font-scale/persist", test_settings_persist);
  g_test_add_func ("/settings/endpoint", test_settings_endpoint);

  return g_test_run ();
}
