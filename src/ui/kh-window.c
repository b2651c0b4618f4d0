/* kh-window.c
 *
 * The window fetches the endpoint, has the feed parsed in a worker thread,
 * and shows the result.  A failed load never takes away what is shown: the
 * old items stay, and a banner says what went wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kh-article-view.h"
#include "kh-date.h"
#include "kh-feed-parser.h"
#include "kh-fetcher.h"
#include "kh-font-scale.h"
#include "kh-sidebar-row.h"
#include "kh-window.h"

/* The article column's widest at 100 %; it grows with the text. */
#define ARTICLE_MAXIMUM_WIDTH 780

struct _KhWindow
{
  GtkApplicationWindow  parent_instance;

  KhSettings           *settings;
  char                 *endpoint_override;
  KhFetcher            *fetcher;
  GCancellable         *cancellable;
  GListStore           *items;
  GtkSingleSelection   *selection;
  GtkCssProvider       *font_provider;
  char                 *loaded_uri;
  double                scroll_delta;
  gboolean              loading;

  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkSpinner           *spinner;
  GtkLabel             *font_scale_label;
  GtkRevealer          *banner_revealer;
  GtkWidget            *banner;
  GtkImage             *banner_icon;
  GtkLabel             *banner_title;
  GtkLabel             *banner_detail;
  GtkStack             *main_stack;
  GtkSpinner           *loading_spinner;
  GtkLabel             *error_title;
  GtkLabel             *error_detail;
  GtkPaned             *paned;
  GtkWidget            *heading_label;
  GtkWidget            *live_indicator;
  GtkLabel             *live_label;
  GtkListView          *list_view;
  KhArticleView        *article_view;
};

G_DEFINE_FINAL_TYPE (KhWindow, kh_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_loading (KhWindow *self,
             gboolean  loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_spinner_set_spinning (self->loading_spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_subtitle (KhWindow   *self,
              const char *text)
{
  gtk_label_set_text (self->subtitle_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), text != NULL);
}

static void
show_banner (KhWindow   *self,
             gboolean    is_error,
             const char *title,
             const char *detail)
{
  gtk_image_set_from_icon_name (self->banner_icon,
                                is_error ? "network-error-symbolic" : "dialog-warning-symbolic");
  if (is_error)
    {
      gtk_widget_add_css_class (self->banner, "error");
      gtk_widget_remove_css_class (self->banner, "warning");
    }
  else
    {
      gtk_widget_add_css_class (self->banner, "warning");
      gtk_widget_remove_css_class (self->banner, "error");
    }
  gtk_label_set_text (self->banner_title, title);
  gtk_label_set_text (self->banner_detail, detail);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

static void
hide_banner (KhWindow *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static void
set_live (KhWindow *self,
          gboolean  live)
{
  gtk_label_set_text (self->live_label, live ? C_("live indicator", "Live")
                                             : C_("live indicator", "Not updated"));
  if (live)
    gtk_widget_remove_css_class (self->live_indicator, "stale");
  else
    gtk_widget_add_css_class (self->live_indicator, "stale");
}

/* "Where: what", e.g. the URL and "The server answered HTTP 404 Not Found". */
static char *
describe_failure (const char   *uri,
                  const GError *error)
{
  return g_strdup_printf ("%s\n%s", uri, error->message);
}

static void
show_failure (KhWindow     *self,
              const char   *uri,
              const GError *error)
{
  g_autofree char *detail = describe_failure (uri, error);

  set_live (self, FALSE);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) > 0)
    {
      show_banner (self, TRUE, _("Could not refresh the live coverage"), detail);
      return;
    }

  gtk_label_set_text (self->error_title, _("Could Not Load the Live Coverage"));
  gtk_label_set_text (self->error_detail, detail);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

static void
show_problems (KhWindow *self,
               KhFeed   *feed)
{
  const char * const *problems = kh_feed_get_problems (feed);
  guint n_skipped = kh_feed_get_n_skipped (feed);
  g_autofree char *title = NULL;
  g_autofree char *detail = NULL;

  if (problems[0] == NULL)
    {
      hide_banner (self);
      return;
    }

  if (n_skipped > 0)
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%u item of the feed could not be read",
                                          "%u items of the feed could not be read",
                                          n_skipped),
                             n_skipped);
  else
    title = g_strdup (_("Parts of the feed could not be read"));

  /* The first few problems say enough; the rest would bury the banner. */
  {
    g_autoptr(GStrvBuilder) lines = g_strv_builder_new ();
    g_auto(GStrv) shown = NULL;

    for (guint i = 0; problems[i] != NULL && i < 3; i++)
      g_strv_builder_add (lines, problems[i]);
    shown = g_strv_builder_end (lines);
    detail = g_strjoinv ("\n", shown);
  }

  show_banner (self, FALSE, title, detail);
}

static guint
find_item (GListModel *model,
           const char *id)
{
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; id != NULL && i < n_items; i++)
    {
      g_autoptr(KhItem) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (kh_item_get_id (item), id) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

static void
apply_feed (KhWindow   *self,
            const char *uri,
            KhFeed     *feed)
{
  GPtrArray *items = kh_feed_get_items (feed);
  KhItem *selected = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *selected_id = selected ? g_strdup (kh_item_get_id (selected)) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *clock = kh_date_format_clock (now);
  g_autofree char *updated = g_strdup_printf (_("Updated %s"), clock);
  guint position;

  g_free (self->loaded_uri);
  self->loaded_uri = g_strdup (uri);

  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);

  position = find_item (G_LIST_MODEL (self->items), selected_id);
  if (position == GTK_INVALID_LIST_POSITION && items->len > 0)
    position = 0;
  gtk_single_selection_set_selected (self->selection, position);

  gtk_label_set_text (self->title_label,
                      kh_feed_get_title (feed) ? kh_feed_get_title (feed) : _("Khabar"));
  set_subtitle (self, updated);
  set_live (self, TRUE);
  show_problems (self, feed);
  gtk_stack_set_visible_child_name (self->main_stack, items->len > 0 ? "reader" : "empty");
}

typedef struct
{
  KhWindow *window;
  char     *uri;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_object_unref (data->window);
  g_free (data->uri);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static void
feed_parsed_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(KhFeed) feed = NULL;
  g_autoptr(GError) error = NULL;

  feed = kh_feed_parser_parse_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (data->window, FALSE);
  if (feed == NULL)
    show_failure (data->window, data->uri, error);
  else
    apply_feed (data->window, data->uri, feed);
}

static void
feed_fetched_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  KhWindow *self = data->window;
  LoadData *pending;

  body = kh_fetcher_fetch_finish (KH_FETCHER (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (body == NULL)
    {
      set_loading (self, FALSE);
      show_failure (self, data->uri, error);
      return;
    }

  /* The feed's address resolves its relative links. */
  pending = g_steal_pointer (&data);
  kh_feed_parser_parse_full_async (body, NULL, pending->uri, self->cancellable,
                                   feed_parsed_cb, pending);
}

const char *
kh_window_get_endpoint (KhWindow *self)
{
  g_return_val_if_fail (KH_IS_WINDOW (self), NULL);

  if (self->endpoint_override != NULL)
    return self->endpoint_override;
  return kh_settings_get_endpoint_url (self->settings);
}

/* Fetches the endpoint again; a load still running is cancelled first. */
void
kh_window_refresh (KhWindow *self)
{
  LoadData *data;

  g_return_if_fail (KH_IS_WINDOW (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");
  set_loading (self, TRUE);

  data = g_new0 (LoadData, 1);
  data->window = g_object_ref (self);
  data->uri = g_strdup (kh_window_get_endpoint (self));
  kh_fetcher_fetch_async (self->fetcher, data->uri, self->cancellable, feed_fetched_cb, data);
}

void
kh_window_set_endpoint_override (KhWindow   *self,
                                 const char *uri)
{
  g_return_if_fail (KH_IS_WINDOW (self));

  if (g_strcmp0 (self->endpoint_override, uri) == 0)
    return;
  g_free (self->endpoint_override);
  self->endpoint_override = g_strdup (uri);
  kh_window_refresh (self);
}

gboolean
kh_window_get_loading (KhWindow *self)
{
  g_return_val_if_fail (KH_IS_WINDOW (self), FALSE);
  return self->loading;
}

/* The items shown in the sidebar, newest first. */
GListModel *
kh_window_get_items (KhWindow *self)
{
  g_return_val_if_fail (KH_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->items);
}

static void
selection_changed_cb (KhWindow *self)
{
  KhItem *item = gtk_single_selection_get_selected_item (self->selection);

  kh_article_view_set_item (self->article_view, item, self->loaded_uri);
}

static void
endpoint_changed_cb (KhWindow *self)
{
  if (self->endpoint_override == NULL)
    kh_window_refresh (self);
}

static void
font_scale_changed_cb (KhWindow *self)
{
  int scale = kh_settings_get_font_scale (self->settings);
  g_autofree char *css = kh_font_scale_to_css (scale);
  g_autofree char *shown = g_strdup_printf (_("%d %%"), scale);

  gtk_css_provider_load_from_data (self->font_provider, css, -1);
  gtk_label_set_text (self->font_scale_label, shown);
  kh_article_view_set_maximum_width (self->article_view, ARTICLE_MAXIMUM_WIDTH * scale / 100);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.font-bigger", scale < KH_FONT_SCALE_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.font-smaller", scale > KH_FONT_SCALE_MIN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.font-reset", scale != KH_FONT_SCALE_DEFAULT);
}

static void
font_bigger_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KhWindow *self = KH_WINDOW (widget);

  kh_settings_set_font_scale (self->settings,
                              kh_font_scale_bigger (kh_settings_get_font_scale (self->settings)));
}

static void
font_smaller_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KhWindow *self = KH_WINDOW (widget);

  kh_settings_set_font_scale (self->settings,
                              kh_font_scale_smaller (kh_settings_get_font_scale (self->settings)));
}

static void
font_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  kh_settings_set_font_scale (KH_WINDOW (widget)->settings, KH_FONT_SCALE_DEFAULT);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  kh_window_refresh (KH_WINDOW (widget));
}

static void
dismiss_banner_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  hide_banner (KH_WINDOW (widget));
}

/* Ctrl+scroll changes the text size one step per wheel notch. */
static gboolean
scrolled_cb (KhWindow                 *self,
             double                    dx,
             double                    dy,
             GtkEventControllerScroll *controller)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  const char *action;

  if ((state & GDK_CONTROL_MASK) == 0)
    return FALSE;

  self->scroll_delta += dy;
  if (ABS (self->scroll_delta) < 1.0)
    return TRUE;

  action = self->scroll_delta < 0 ? "win.font-bigger" : "win.font-smaller";
  self->scroll_delta = 0;
  gtk_widget_activate_action (GTK_WIDGET (self), action, NULL);
  return TRUE;
}

static void
restore_geometry (KhWindow *self)
{
  GSettings *settings = kh_settings_get_gsettings (self->settings);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_paned_set_position (self->paned, g_settings_get_int (settings, "sidebar-width"));
}

static gboolean
kh_window_close_request (GtkWindow *window)
{
  KhWindow *self = KH_WINDOW (window);
  GSettings *settings = kh_settings_get_gsettings (self->settings);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (settings);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_set_int (settings, "sidebar-width",
                      CLAMP (gtk_paned_get_position (self->paned), 200, 800));
  g_settings_apply (settings);

  return GTK_WINDOW_CLASS (kh_window_parent_class)->close_request (window);
}

static void
kh_window_constructed (GObject *object)
{
  KhWindow *self = (KhWindow *) object;

  G_OBJECT_CLASS (kh_window_parent_class)->constructed (object);

  g_assert (KH_IS_SETTINGS (self->settings));

  self->font_provider = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->font_provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
  g_signal_connect_object (self->settings, "notify::font-scale",
                           G_CALLBACK (font_scale_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "notify::endpoint-url",
                           G_CALLBACK (endpoint_changed_cb), self, G_CONNECT_SWAPPED);
  font_scale_changed_cb (self);
  restore_geometry (self);

  kh_window_refresh (self);
}

static void
kh_window_dispose (GObject *object)
{
  KhWindow *self = (KhWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->font_provider != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->font_provider));
  g_clear_object (&self->font_provider);

  gtk_widget_dispose_template (GTK_WIDGET (self), KH_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->items);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kh_window_parent_class)->dispose (object);
}

static void
kh_window_finalize (GObject *object)
{
  KhWindow *self = (KhWindow *) object;

  g_free (self->endpoint_override);
  g_free (self->loaded_uri);

  G_OBJECT_CLASS (kh_window_parent_class)->finalize (object);
}

static void
kh_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  KhWindow *self = KH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kh_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  KhWindow *self = KH_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kh_window_class_init (KhWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kh_window_constructed;
  object_class->dispose = kh_window_dispose;
  object_class->finalize = kh_window_finalize;
  object_class->get_property = kh_window_get_property;
  object_class->set_property = kh_window_set_property;
  window_class->close_request = kh_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, KH_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KH_TYPE_ARTICLE_VIEW);
  g_type_ensure (KH_TYPE_SIDEBAR_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/kh-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KhWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, font_scale_label);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, banner);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, banner_icon);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, banner_title);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, banner_detail);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, error_title);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, error_detail);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, heading_label);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, live_indicator);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, live_label);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, article_view);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.font-bigger", NULL, font_bigger_action);
  gtk_widget_class_install_action (widget_class, "win.font-smaller", NULL, font_smaller_action);
  gtk_widget_class_install_action (widget_class, "win.font-reset", NULL, font_reset_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-banner", NULL, dismiss_banner_action);
}

static void
kh_window_init (KhWindow *self)
{
  GtkEventController *scroll;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->fetcher = kh_fetcher_new ();
  kh_article_view_set_fetcher (self->article_view, self->fetcher);

  self->items = g_list_store_new (KH_TYPE_ITEM);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->items)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
}

KhWindow *
kh_window_new (GtkApplication *application,
               KhSettings     *settings)
{
  return g_object_new (KH_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       NULL);
}
