/* window-helpers.c: driving real windows from tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "window-helpers.h"

GtkWidget *
template_child (gpointer    widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

void
iterate_until_idle (void)
{
  /* Let pending callbacks, style updates and layout run. */
  for (guint i = 0; i < 5; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static gboolean
ticked_cb (GtkWidget     *widget,
           GdkFrameClock *clock,
           gpointer       user_data)
{
  *(guint *) user_data += 1;
  return G_SOURCE_CONTINUE;
}

/* Style changes reach widgets on the frame clock: wait for two frames. */
void
wait_for_frames (GtkWidget *widget)
{
  guint ticks = 0;
  guint id = gtk_widget_add_tick_callback (widget, ticked_cb, &ticks, NULL);

  gtk_widget_queue_draw (widget);
  while (ticks < 3)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
  iterate_until_idle ();
}

void
wait_for_load (KhWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (kh_window_get_loading (window))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  iterate_until_idle ();
}

char *
fixture_uri (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);

  return g_filename_to_uri (path, NULL, NULL);
}

KhSettings *
create_settings (void)
{
  g_autoptr(GSettings) gsettings = g_settings_new (APP_ID);

  return kh_settings_new (gsettings);
}

/* A window shown on screen, keeping its items in @store, and loaded from
 * @uri (the settings' when NULL). */
KhWindow *
open_window_on_store (KhSettings *settings,
                      KhStore    *store,
                      const char *uri)
{
  KhWindow *window = kh_window_new (NULL, settings, store);

  g_object_ref_sink (window);
  if (uri != NULL)
    kh_window_set_endpoint_override (window, uri);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_load (window);
  return window;
}

/* Destroys @window and checks that it, and the model of its items, are
 * finalized: a reference kept anywhere would be a leak or a cycle. */
void
close_window (KhWindow *window)
{
  GListModel *items = kh_window_get_items (window);

  g_object_add_weak_pointer (G_OBJECT (items), (gpointer *) &items);
  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
  g_assert_finalize_object (window);
  g_assert_null (items);
}

GtkWidget *
find_widget_with_class (GtkWidget  *widget,
                        const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_with_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Runs the main loop until @done returns TRUE, failing after 20 s. */
void
wait_until (gboolean (*done) (gpointer data),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  iterate_until_idle ();
}

/* A store of its own in a new temporary folder; remove_store() deletes it. */
KhStore *
create_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("khabar-test-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (directory, "khabar.db", NULL);
  return kh_store_new (path);
}

/* Runs the main loop until the caller's reference to @object is the only
 * one, failing after 10 s. */
static void
wait_for_last_reference (GObject *object)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_atomic_int_get ((int *) &object->ref_count) > 1)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

void
remove_store (KhStore *store)
{
  g_autofree char *path = g_strdup (kh_store_get_path (store));
  g_autofree char *directory = g_path_get_dirname (path);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  /* Once the store's last jobs have returned, nothing may hold it. */
  wait_for_last_reference (G_OBJECT (store));
  g_assert_finalize_object (store);

  dir = g_dir_open (directory, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (directory, name, NULL);

      g_unlink (file);
    }
  g_rmdir (directory);
}

/* A window on a store of its own, for tests that do not look at the store. */
KhWindow *
open_window (KhSettings *settings,
             const char *uri)
{
  KhStore *store = create_store ();
  KhWindow *window = open_window_on_store (settings, store, uri);

  g_object_set_data_full (G_OBJECT (window), "test-store", store, (GDestroyNotify) remove_store);
  return window;
}

static void
style_error_cb (GtkCssProvider *provider,
                GtkCssSection  *section,
                const GError   *error,
                gpointer        user_data)
{
  g_autofree char *where = gtk_css_section_to_string (section);

  g_error ("style.css: %s: %s", where, error->message);
}

/* The application's style sheet, as khabar loads it; any error in it
 * fails the test.  Its icons, too, which GtkApplication finds in the
 * application's resources. */
void
load_app_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    RESOURCE_PATH "/icons");

  g_signal_connect (provider, "parsing-error", G_CALLBACK (style_error_cb), NULL);
  gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/* What every window test starts with: the locale and translations of the
 * language it runs in, GTK, and the application's style sheet. */
void
init_ui_test (int    *argc,
              char ***argv)
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (argc, argv, NULL);
  gtk_init ();
  load_app_style ();
}
