/* test-window.c: the real window under a display (Xvfb in CI)
 *
 * Run once with LANGUAGE=en and once with LANGUAGE=ar: everything here
 * must hold in both interfaces.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "kh-article-view.h"
#include "kh-feed-parser.h"
#include "kh-font-scale.h"
#include "kh-settings.h"
#include "kh-window.h"
#include "window-helpers.h"

static guint
count_demo_items (void)
{
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/io/github/khabar/Khabar/demo/feed.json",
                                                     G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  g_autoptr(KhFeed) feed = kh_feed_parser_parse (bytes, NULL);

  g_assert_nonnull (feed);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 0);
  return kh_feed_get_n_items (feed);
}

static void
select_position (KhWindow *window,
                 guint     position)
{
  GtkListView *list_view = GTK_LIST_VIEW (template_child (window, KH_TYPE_WINDOW, "list_view"));
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (list_view));

  gtk_single_selection_set_selected (selection, position);
  iterate_until_idle ();
}

static guint
find_position (KhWindow   *window,
               const char *language)
{
  GListModel *items = kh_window_get_items (window);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(KhItem) item = g_list_model_get_item (items, i);

      if (g_strcmp0 (kh_item_get_language (item), language) == 0)
        return i;
    }
  g_assert_not_reached ();
}

static double
font_size_of (GtkWidget *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);

  return (double) pango_font_description_get_size (font) / PANGO_SCALE;
}

static GtkWidget *
first_paragraph (KhWindow *window)
{
  GtkWidget *view = template_child (window, KH_TYPE_WINDOW, "article_view");
  GtkWidget *paragraph = find_widget_with_class (view, "kh-paragraph");

  g_assert_nonnull (paragraph);
  return paragraph;
}

static GtkWidget *
first_row_title (KhWindow *window)
{
  GtkWidget *list_view = template_child (window, KH_TYPE_WINDOW, "list_view");
  GtkWidget *title = find_widget_with_class (list_view, "kh-row-title");

  g_assert_nonnull (title);
  return title;
}

static void
test_demo_feed (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  KhWindow *window = open_window (settings, NULL);
  GListModel *items = kh_window_get_items (window);
  GtkStack *stack = GTK_STACK (template_child (window, KH_TYPE_WINDOW, "main_stack"));
  GtkLabel *heading = GTK_LABEL (template_child (window, KH_TYPE_WINDOW, "heading_label"));
  GtkLabel *headline = GTK_LABEL (template_child (template_child (window, KH_TYPE_WINDOW, "article_view"),
                                                  KH_TYPE_ARTICLE_VIEW, "headline_label"));
  g_autoptr(KhItem) newest = NULL;
  g_autoptr(KhItem) third = NULL;

  g_assert_cmpstr (kh_window_get_endpoint (window), ==, DEFAULT_ENDPOINT);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "reader");
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, count_demo_items ());
  g_assert_cmpuint (g_list_model_get_n_items (items), >=, 10);

  /* The newest item is selected and shown. */
  newest = g_list_model_get_item (items, 0);
  g_assert_cmpstr (gtk_label_get_text (headline), ==, kh_item_get_title (newest));

  select_position (window, 2);
  third = g_list_model_get_item (items, 2);
  g_assert_cmpstr (gtk_label_get_text (headline), ==, kh_item_get_title (third));

  if (g_strcmp0 (g_getenv ("LANGUAGE"), "ar") == 0)
    {
      g_assert_cmpstr (gtk_label_get_text (heading), ==, "التغطية الحية");
      g_assert_cmpint (gtk_widget_get_default_direction (), ==, GTK_TEXT_DIR_RTL);
    }
  else
    {
      g_assert_cmpstr (gtk_label_get_text (heading), ==, "Live coverage");
      g_assert_cmpint (gtk_widget_get_default_direction (), ==, GTK_TEXT_DIR_LTR);
    }

  close_window (window);
}

static void
assert_paragraph_direction (GtkWidget      *label,
                            PangoDirection  expected)
{
  PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (label));

  g_assert_cmpint (gtk_widget_get_direction (label), ==,
                   expected == PANGO_DIRECTION_RTL ? GTK_TEXT_DIR_RTL : GTK_TEXT_DIR_LTR);
  g_assert_cmpint (pango_layout_get_direction (layout, 0), ==, expected);
  /* Start-aligned in its own direction: the left edge for LTR, the right for RTL. */
  g_assert_cmpfloat (gtk_label_get_xalign (GTK_LABEL (label)), ==, 0.0);
}

/* The shortcuts window is built when first asked for, then kept. */
static void
test_shortcuts_window (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  KhWindow *window = open_window (settings, NULL);
  GtkApplicationWindow *app_window = GTK_APPLICATION_WINDOW (window);
  GtkShortcutsWindow *overlay;

  g_assert_null (gtk_application_window_get_help_overlay (app_window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.shortcuts", NULL));
  overlay = gtk_application_window_get_help_overlay (app_window);
  g_assert_nonnull (overlay);
  wait_for_frames (GTK_WIDGET (overlay));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (overlay)) == GTK_WINDOW (window));

  gtk_window_close (GTK_WINDOW (overlay));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.shortcuts", NULL));
  g_assert_true (gtk_application_window_get_help_overlay (app_window) == overlay);
  gtk_window_close (GTK_WINDOW (overlay));

  close_window (window);
}

static gboolean
svg_renderer_loaded (void)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  return strstr (maps, "librsvg") != NULL || strstr (maps, "pixbufloader-svg") != NULL;
}

static const struct
{
  const char *name;
  int         size;
} own_icons[] = {
  { "io.github.khabar.Khabar", 48 },
  { "khabar-mark-symbolic", 96 },
  { "khabar-working-symbolic", 16 },
  { "khabar-working-symbolic", 32 },
};

/* The window's own icons, the empty state's mark and the spinner come as
 * PNGs: the SVG renderer, megabytes of memory, is never loaded for them. */
static void
test_icons_without_svg_renderer (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  KhWindow *window = open_window (settings, NULL);
  GtkWidget *view = template_child (window, KH_TYPE_WINDOW, "article_view");
  GtkWidget *spinner = template_child (window, KH_TYPE_WINDOW, "loading_spinner");
  GtkStack *stack = GTK_STACK (template_child (view, KH_TYPE_ARTICLE_VIEW, "stack"));

  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (GTK_WIDGET (window)));

  for (guint i = 0; i < G_N_ELEMENTS (own_icons); i++)
    {
      g_autoptr(GtkIconPaintable) icon = gtk_icon_theme_lookup_icon (theme, own_icons[i].name, NULL,
                                                                       own_icons[i].size, 1,
                                                                       GTK_TEXT_DIR_NONE, 0);
      g_autoptr(GFile) file = gtk_icon_paintable_get_file (icon);
      g_autofree char *uri = file ? g_file_get_uri (file) : NULL;

      g_test_message ("%s: %s", own_icons[i].name, uri);
      g_assert_nonnull (uri);
      g_assert_true (g_str_has_suffix (uri, ".png"));
      g_assert_true (g_str_has_prefix (uri, "resource:///io/github/khabar/Khabar/icons/"));
    }

  gtk_stack_set_visible_child_name (stack, "empty");
  gtk_widget_set_visible (spinner, TRUE);
  gtk_spinner_start (GTK_SPINNER (spinner));
  wait_for_frames (GTK_WIDGET (window));
  g_assert_false (svg_renderer_loaded ());

  close_window (window);
}

static void
test_direction (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  KhWindow *window = open_window (settings, NULL);

  select_position (window, find_position (window, "ar"));
  assert_paragraph_direction (first_paragraph (window), PANGO_DIRECTION_RTL);

  select_position (window, find_position (window, "en"));
  assert_paragraph_direction (first_paragraph (window), PANGO_DIRECTION_LTR);

  close_window (window);
}

static void
test_mixed_direction (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autofree char *uri = fixture_uri ("ui-mixed.json");
  KhWindow *window = open_window (settings, uri);
  GtkWidget *view = template_child (window, KH_TYPE_WINDOW, "article_view");
  GtkWidget *headline = template_child (view, KH_TYPE_ARTICLE_VIEW, "headline_label");
  GtkWidget *paragraph;

  /* Arabic first, Latin and digits inside: an RTL paragraph, kept in logical order. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (headline)), ==,
                   "مجلس \"الناتو\" 2019 NATO-Russia");
  assert_paragraph_direction (headline, PANGO_DIRECTION_RTL);

  paragraph = first_paragraph (window);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (paragraph)), ==,
                   "NATO said on Monday that مجلس الناتو will meet in 2026.");
  assert_paragraph_direction (paragraph, PANGO_DIRECTION_LTR);

  close_window (window);
}

static void
test_font_scale (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  KhWindow *window = open_window (settings, NULL);
  double article_100, sidebar_100;
  KhWindow *reopened;

  kh_settings_set_font_scale (settings, 100);
  wait_for_frames (GTK_WIDGET (window));
  article_100 = font_size_of (first_paragraph (window));
  sidebar_100 = font_size_of (first_row_title (window));
  /* GTK turns CSS points into pixels at 96 dpi. */
  g_assert_cmpfloat_with_epsilon (article_100, KH_FONT_SCALE_ARTICLE_BASE_PT * 96.0 / 72.0, 0.6);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.font-bigger", NULL);
  wait_for_frames (GTK_WIDGET (window));
  g_assert_cmpint (kh_settings_get_font_scale (settings), ==, 110);
  g_assert_cmpfloat_with_epsilon (font_size_of (first_paragraph (window)), article_100 * 1.1, 0.2);
  g_assert_cmpfloat_with_epsilon (font_size_of (first_row_title (window)), sidebar_100 * 1.1, 0.2);

  /* Symmetric: one step down is exactly where it started. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.font-smaller", NULL);
  wait_for_frames (GTK_WIDGET (window));
  g_assert_cmpint (kh_settings_get_font_scale (settings), ==, 100);
  g_assert_cmpfloat_with_epsilon (font_size_of (first_paragraph (window)), article_100, 0.01);

  /* Clamped at both ends. */
  for (guint i = 0; i < 30; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.font-bigger", NULL);
  wait_for_frames (GTK_WIDGET (window));
  g_assert_cmpint (kh_settings_get_font_scale (settings), ==, KH_FONT_SCALE_MAX);
  g_assert_cmpfloat_with_epsilon (font_size_of (first_paragraph (window)), article_100 * 3, 0.5);
  g_assert_cmpfloat_with_epsilon (font_size_of (first_row_title (window)), sidebar_100 * 3, 0.5);

  for (guint i = 0; i < 30; i++)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.font-smaller", NULL);
  wait_for_frames (GTK_WIDGET (window));
  g_assert_cmpint (kh_settings_get_font_scale (settings), ==, KH_FONT_SCALE_MIN);
  g_assert_cmpfloat_with_epsilon (font_size_of (first_paragraph (window)), article_100 * 0.7, 0.2);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.font-reset", NULL);
  wait_for_frames (GTK_WIDGET (window));
  g_assert_cmpint (kh_settings_get_font_scale (settings), ==, KH_FONT_SCALE_DEFAULT);

  /* Saved: a window opened on fresh settings starts at the saved size. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.font-bigger", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.font-bigger", NULL);
  close_window (window);

  {
    g_autoptr(KhSettings) fresh = create_settings ();

    g_assert_cmpint (kh_settings_get_font_scale (fresh), ==, 120);
    reopened = open_window (fresh, NULL);
    wait_for_frames (GTK_WIDGET (reopened));
    g_assert_cmpfloat_with_epsilon (font_size_of (first_paragraph (reopened)), article_100 * 1.2, 0.2);
    kh_settings_set_font_scale (fresh, KH_FONT_SCALE_DEFAULT);
    close_window (reopened);
  }
}

/* Copies a fixture over the file a window reads its feed from. */
static void
copy_fixture (const char *name,
              const char *path)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (source, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
}

static void
test_typography_settings (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  GSettings *gsettings = kh_settings_get_gsettings (settings);
  KhWindow *window = open_window (settings, NULL);
  GtkWidget *paragraph = first_paragraph (window);
  PangoContext *context;

  g_assert_cmpint (gtk_label_get_justify (GTK_LABEL (paragraph)), ==, GTK_JUSTIFY_LEFT);

  g_settings_set_string (gsettings, "article-font", "Amiri");
  g_settings_set_boolean (gsettings, "justify-text", TRUE);
  wait_for_frames (GTK_WIDGET (window));

  context = gtk_widget_get_pango_context (paragraph);
  g_assert_cmpstr (pango_font_description_get_family (pango_context_get_font_description (context)),
                   ==, "Amiri,Noto Naskh Arabic,Amiri,Noto Serif,serif");
  g_assert_cmpint (gtk_label_get_justify (GTK_LABEL (paragraph)), ==, GTK_JUSTIFY_FILL);
  /* The size still follows the text-size setting. */
  g_assert_cmpfloat_with_epsilon (font_size_of (paragraph), KH_FONT_SCALE_ARTICLE_BASE_PT * 96 / 72, 0.5);

  g_settings_reset (gsettings, "article-font");
  g_settings_reset (gsettings, "justify-text");
  close_window (window);
}

static void
test_error_keeps_items (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autofree char *directory = g_dir_make_tmp ("khabar-feed-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "feed.json", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  KhWindow *window;
  GtkStack *stack;
  GtkRevealer *banner;
  GtkLabel *detail;
  GtkSingleSelection *selection;

  copy_fixture ("fetch-ok.json", path);
  window = open_window (settings, uri);
  stack = GTK_STACK (template_child (window, KH_TYPE_WINDOW, "main_stack"));
  banner = GTK_REVEALER (template_child (window, KH_TYPE_WINDOW, "banner_revealer"));
  detail = GTK_LABEL (template_child (window, KH_TYPE_WINDOW, "banner_detail"));
  selection = GTK_SINGLE_SELECTION (gtk_list_view_get_model (GTK_LIST_VIEW (template_child (window, KH_TYPE_WINDOW, "list_view"))));

  g_assert_cmpuint (g_list_model_get_n_items (kh_window_get_items (window)), ==, 2);
  select_position (window, 1);

  /* The endpoint now serves a broken document. */
  copy_fixture ("ui-broken.json", path);
  kh_window_refresh (window);
  wait_for_load (window);

  /* The old items and the selection stay; the banner says where and what. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "reader");
  g_assert_cmpuint (g_list_model_get_n_items (kh_window_get_items (window)), ==, 2);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 1);
  g_assert_true (gtk_revealer_get_reveal_child (banner));
  g_assert_nonnull (strstr (gtk_label_get_text (detail), uri));
  g_assert_nonnull (strstr (gtk_label_get_text (detail), "4"));

  /* Retry reaches the same endpoint again and fails the same way. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL);
  wait_for_load (window);
  g_assert_cmpuint (g_list_model_get_n_items (kh_window_get_items (window)), ==, 2);

  close_window (window);
  g_unlink (path);
  g_rmdir (directory);
}

static void
test_error_state (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  KhWindow *window = open_window (settings, "file:///nonexistent/khabar/feed.json");
  GtkStack *stack = GTK_STACK (template_child (window, KH_TYPE_WINDOW, "main_stack"));
  GtkLabel *detail = GTK_LABEL (template_child (window, KH_TYPE_WINDOW, "error_detail"));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_nonnull (strstr (gtk_label_get_text (detail), "file:///nonexistent/khabar/feed.json"));
  g_assert_cmpuint (g_list_model_get_n_items (kh_window_get_items (window)), ==, 0);

  close_window (window);
}

static void
test_markup_literal (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autofree char *uri = fixture_uri ("ui-markup.json");
  KhWindow *window = open_window (settings, uri);
  GtkWidget *view = template_child (window, KH_TYPE_WINDOW, "article_view");
  GtkLabel *headline = GTK_LABEL (template_child (view, KH_TYPE_ARTICLE_VIEW, "headline_label"));
  GtkInscription *row_title = GTK_INSCRIPTION (first_row_title (window));
  const char *title = "<b>Bold</b> & <span foreground=\"red\">red</span>";

  g_assert_cmpstr (gtk_label_get_text (headline), ==, title);
  g_assert_false (gtk_label_get_use_markup (headline));
  /* Set as text, never as markup. */
  g_assert_cmpstr (gtk_inscription_get_text (row_title), ==, title);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (first_paragraph (window))), ==,
                   "<i>not italic</i> &amp; literal");

  close_window (window);
}

static void
test_partial_feed (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autofree char *uri = fixture_uri ("ui-partial.json");
  KhWindow *window = open_window (settings, uri);
  GtkRevealer *banner = GTK_REVEALER (template_child (window, KH_TYPE_WINDOW, "banner_revealer"));

  /* One broken item is skipped and said; the good ones show. */
  g_assert_cmpuint (g_list_model_get_n_items (kh_window_get_items (window)), ==, 2);
  g_assert_true (gtk_revealer_get_reveal_child (banner));

  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  init_ui_test (&argc, &argv);

  g_test_add_func ("/window/demo-feed", test_demo_feed);
  g_test_add_func ("/window/icons-without-svg-renderer", test_icons_without_svg_renderer);
  g_test_add_func ("/window/shortcuts", test_shortcuts_window);
  g_test_add_func ("/window/direction", test_direction);
  g_test_add_func ("/window/direction/mixed", test_mixed_direction);
  g_test_add_func ("/window/font-scale", test_font_scale);
  g_test_add_func ("/window/typography", test_typography_settings);
  g_test_add_func ("/window/error/keeps-items", test_error_keeps_items);
  g_test_add_func ("/window/error/state", test_error_state);
  g_test_add_func ("/window/markup-literal", test_markup_literal);
  g_test_add_func ("/window/partial-feed", test_partial_feed);

  return g_test_run ();
}
