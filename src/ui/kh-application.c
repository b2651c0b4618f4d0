/* kh-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kh-renderer.h"
#include "kh-settings.h"
#include "kh-window.h"
#include "kh-application.h"

struct _KhApplication
{
  GtkApplication  parent_instance;

  KhSettings     *settings;
  KhStore        *store;
};

G_DEFINE_FINAL_TYPE (KhApplication, kh_application, GTK_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "endpoint", 'e', 0, G_OPTION_ARG_STRING, NULL,
    N_("Read the live coverage from URL for this run (http, https, file or resource)"), N_("URL") },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Show the version and quit"), NULL },
  { NULL }
};

static const struct {
  const char *action;
  const char *accels[4];
} accelerators[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "win.refresh", { "F5", "<Control>r", NULL } },
  { "win.font-bigger", { "<Control>plus", "<Control>equal", "<Control>KP_Add", NULL } },
  { "win.font-smaller", { "<Control>minus", "<Control>KP_Subtract", NULL } },
  { "win.font-reset", { "<Control>0", "<Control>KP_0", NULL } },
  { "win.toggle-star", { "s", NULL } },
  { "win.mark-all-read", { "<Control><Shift>a", NULL } },
  { "win.shortcuts", { "<Control>question", NULL } },
};

/* The window, reading @endpoint when it is not NULL. */
static KhWindow *
get_or_create_window (KhApplication *self,
                      const char    *endpoint)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    return kh_window_new_for_endpoint (GTK_APPLICATION (self), self->settings, self->store, endpoint);
  if (endpoint != NULL)
    kh_window_set_endpoint_override (KH_WINDOW (window), endpoint);
  return KH_WINDOW (window);
}

static void
kh_application_activate (GApplication *application)
{
  gtk_window_present (GTK_WINDOW (get_or_create_window (KH_APPLICATION (application), NULL)));
}

/* An argument without a scheme is a path, relative to where khabar ran. */
static char *
endpoint_to_uri (GApplicationCommandLine *command_line,
                 const char              *endpoint)
{
  g_autofree char *scheme = g_uri_parse_scheme (endpoint);
  g_autoptr(GFile) file = NULL;

  if (scheme != NULL)
    return g_strdup (endpoint);
  file = g_application_command_line_create_file_for_arg (command_line, endpoint);
  return g_file_get_uri (file);
}

static int
kh_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  KhApplication *self = KH_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  const char *endpoint = NULL;
  g_autofree char *uri = NULL;

  if (g_variant_dict_lookup (options, "endpoint", "&s", &endpoint))
    uri = endpoint_to_uri (command_line, endpoint);
  gtk_window_present (GTK_WINDOW (get_or_create_window (self, uri)));
  return EXIT_SUCCESS;
}

static int
kh_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "khabar", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  return -1;
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *developers[] = { "The Khabar developers", NULL };
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (user_data));

  gtk_show_about_dialog (window,
                         "program-name", _("Khabar"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Follow live news coverage"),
                         "website", "https://github.com/khabar/khabar",
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", developers,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Closing, not destroying, lets each window save its size. */
  for (GList *l = windows; l != NULL; )
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

/* From a notification: bring the window up on the item it announced. */
static void
show_item_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  KhWindow *window = get_or_create_window (KH_APPLICATION (user_data), NULL);

  kh_window_show_item (window, g_variant_get_string (parameter, NULL));
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { "about", about_action, NULL, NULL, NULL, { 0 } },
  { "quit", quit_action, NULL, NULL, NULL, { 0 } },
  { "show-item", show_item_action, "s", NULL, NULL, { 0 } },
};

/* Settings the menu changes directly. */
static void
add_settings_actions (KhApplication *self)
{
  GSettings *settings = kh_settings_get_gsettings (self->settings);
  const char *keys[] = { "refresh-interval", "notify-breaking", "justify-text" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (settings, keys[i]);

      g_action_map_add_action (G_ACTION_MAP (self), action);
    }
}

static void
load_style (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  gtk_css_provider_load_from_resource (provider, RESOURCE_PATH "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
kh_application_startup (GApplication *application)
{
  KhApplication *self = KH_APPLICATION (application);
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  kh_renderer_run_startup (application, G_APPLICATION_CLASS (kh_application_parent_class)->startup);

  load_style ();
  self->settings = kh_settings_new (settings);
  {
    g_autofree char *path = kh_store_get_default_path ();

    self->store = kh_store_new (path);
  }
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  add_settings_actions (self);
  for (guint i = 0; i < G_N_ELEMENTS (accelerators); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accelerators[i].action,
                                           accelerators[i].accels);
}

static void
kh_application_shutdown (GApplication *application)
{
  KhApplication *self = KH_APPLICATION (application);

  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_APPLICATION_CLASS (kh_application_parent_class)->shutdown (application);
}

static void
kh_application_class_init (KhApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->startup = kh_application_startup;
  app_class->shutdown = kh_application_shutdown;
  app_class->activate = kh_application_activate;
  app_class->command_line = kh_application_command_line;
  app_class->handle_local_options = kh_application_handle_local_options;
}

static void
kh_application_init (KhApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

KhApplication *
kh_application_new (void)
{
  return g_object_new (KH_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PATH,
                       NULL);
}
