/* kh-window.c
 *
 * The window shows the stored items of its endpoint at once, then keeps
 * them live: a KhRefresher asks the endpoint on a schedule, each answer is
 * merged into the store in one transaction and into the shown list in
 * place.  A failed refresh never takes away what is shown: the items stay,
 * and a banner says what went wrong and when the next try is.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kh-announcement.h"
#include "kh-article-view.h"
#include "kh-coverage.h"
#include "kh-date.h"
#include "kh-feed-parser.h"
#include "kh-older-page.h"
#include "kh-fetcher.h"
#include "kh-font-scale.h"
#include "kh-refresher.h"
#include "kh-sidebar-row.h"
#include "kh-store.h"
#include "kh-timings.h"
#include "kh-window.h"

/* The article column's widest at 100 %; it grows with the text. */
#define ARTICLE_MAXIMUM_WIDTH 780

/* How often the live indicator and the retry countdown are brought up to
 * date, in seconds. */
#define TICK_INTERVAL 5


/* Each new row costs the list view a widget, and GTK 4.8's list view keeps
 * up to 200 of them: a big batch would freeze the window for many frames.
 * Items go into the shown list a slice at a time, for as long as a turn of
 * the main loop stays within the budget (µs); the rest waits for the next
 * turn.  A slice starts small, while every item costs a row, and grows
 * once items go in cheaply, past the rows the list keeps. */
#define MERGE_SLICE_MIN 2
#define MERGE_SLICE_MAX 256
#define MERGE_BUDGET_US 5000

struct _KhWindow
{
  GtkApplicationWindow  parent_instance;

  KhSettings           *settings;
  KhStore              *store;
  char                 *endpoint_override;
  KhFetcher            *fetcher;
  KhImageCache         *image_cache;
  KhRefresher          *refresher;
  GCancellable         *cancellable;
  KhCoverage           *coverage;
  GtkSingleSelection   *selection;
  GtkCssProvider       *font_provider;
  char                 *loaded_uri;
  char                 *next_page;
  guint                 n_pages;
  gboolean              loading_older;
  KhCoverageState       coverage_state;
  GError               *last_error;
  gint64                last_success;
  guint                 tick_id;
  guint                 n_new;
  double                scroll_delta;
  gboolean              loading;
  gboolean              loading_store;
  guint                 n_merging;
  GQueue                pending_merges;
  guint                 merge_source_id;
  gboolean              showing_failure;
  /* The list holds only the first items of a feed still being read. */
  gboolean              showing_preview;
  /* The window has painted a frame; before that, the newest stored items
   * wait in newest_stored, so they do not hold up the first frame. */
  gboolean              painted;
  gulong                first_paint_id;
  GPtrArray            *newest_stored;

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
  GtkLabel             *unread_label;
  GtkScrolledWindow    *list_scroller;
  GtkListView          *list_view;
  GtkWidget            *new_button;
  GtkButton            *star_button;
  GtkRevealer          *older_revealer;
  GtkStack             *older_stack;
  GtkSpinner           *older_spinner;
  KhArticleView        *article_view;
};

G_DEFINE_FINAL_TYPE (KhWindow, kh_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE,
  PROP_ENDPOINT_OVERRIDE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_loading (KhWindow *self)
{
  gboolean loading = self->loading_store || self->n_merging > 0 ||
                     !g_queue_is_empty (&self->pending_merges) ||
                     (self->refresher != NULL && kh_refresher_get_busy (self->refresher));

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
  self->showing_failure = FALSE;
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

static guint
count_items (KhWindow *self)
{
  return kh_coverage_get_n_items (self->coverage);
}

static char *
format_clock_unix (gint64 unix_time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (unix_time);

  return kh_date_format_clock (when);
}

/* "Live" while refreshes succeed, "Updated HH:MM" once they are old, and
 * "Offline — showing saved items" when the network is gone. */
static char *
describe_liveness (KhWindow *self,
                   gboolean *live)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint interval = kh_refresher_get_interval (self->refresher);
  g_autofree char *clock = NULL;

  *live = FALSE;
  if (self->coverage_state == KH_COVERAGE_STATE_ENDED)
    return g_strdup (C_("live indicator", "Coverage ended"));
  if (kh_refresher_get_failures (self->refresher) > 0 && kh_refresher_get_offline (self->refresher))
    return g_strdup (count_items (self) > 0 ? _("Offline — showing saved items") : _("Offline"));

  if (self->last_success > 0 && kh_refresher_get_failures (self->refresher) == 0 &&
      now - self->last_success <= 2 * (gint64) interval + TICK_INTERVAL)
    {
      *live = TRUE;
      return g_strdup (C_("live indicator", "Live"));
    }

  if (self->last_success <= 0)
    return g_strdup (C_("live indicator", "Not updated"));
  clock = format_clock_unix (self->last_success);
  return g_strdup_printf (C_("live indicator", "Updated %s"), clock);
}

static void
update_live_indicator (KhWindow *self)
{
  gboolean live;
  g_autofree char *text = describe_liveness (self, &live);

  gtk_label_set_text (self->live_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->live_indicator), text);
  if (live)
    gtk_widget_remove_css_class (self->live_indicator, "stale");
  else
    gtk_widget_add_css_class (self->live_indicator, "stale");
}

/* "in 45 s", "in 2 min": when the next try is due. */
static char *
format_retry (KhWindow *self)
{
  gint64 next = kh_refresher_get_next_attempt (self->refresher);
  gint64 seconds;

  if (next == 0)
    return NULL;
  seconds = MAX (0, (next - g_get_monotonic_time ()) / G_USEC_PER_SEC);
  if (seconds < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d second", "in %d seconds", seconds),
                            (int) seconds);
  seconds = (seconds + 30) / 60;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d minute", "in %d minutes", seconds),
                          (int) seconds);
}

static char *
describe_failure_title (KhWindow *self)
{
  g_autofree char *retry = format_retry (self);
  gboolean offline = kh_refresher_get_offline (self->refresher);

  if (retry == NULL)
    return g_strdup (offline ? _("Offline") : _("Could not refresh the live coverage"));
  /* Translators: %s is "in 2 minutes" or "in 45 seconds". */
  return g_strdup_printf (offline ? _("Offline — retrying %s") : _("Could not refresh — retrying %s"),
                          retry);
}

static void
show_failure (KhWindow *self)
{
  g_autofree char *detail = g_strdup_printf ("%s\n%s", self->loaded_uri, self->last_error->message);
  g_autofree char *title = describe_failure_title (self);

  update_live_indicator (self);
  if (count_items (self) > 0)
    {
      show_banner (self, TRUE, title, detail);
      self->showing_failure = TRUE;
      return;
    }

  gtk_label_set_text (self->error_title, _("Could Not Load the Live Coverage"));
  gtk_label_set_text (self->error_detail, detail);
  gtk_stack_set_visible_child_name (self->main_stack, "error");
}

static gboolean
tick_cb (gpointer user_data)
{
  KhWindow *self = user_data;

  update_live_indicator (self);
  if (self->showing_failure && self->last_error != NULL)
    {
      g_autofree char *title = describe_failure_title (self);

      gtk_label_set_text (self->banner_title, title);
    }
  return G_SOURCE_CONTINUE;
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

  self->showing_failure = FALSE;
  show_banner (self, FALSE, title, detail);
}

static void
show_store_problem (KhWindow   *self,
                    const char *message)
{
  self->showing_failure = FALSE;
  show_banner (self, FALSE, _("Saved items"), message);
}

static char *
describe_unread (guint n_unread)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unread item", "%u unread items", n_unread),
                          n_unread);
}

/* The tooltip is written when it is about to show: setting it asks the X
 * server where the pointer is, and the count changes with every batch of
 * items that goes into the list. */
static gboolean
query_unread_tooltip_cb (GtkWidget  *label,
                         int         x,
                         int         y,
                         gboolean    keyboard,
                         GtkTooltip *tooltip,
                         KhWindow   *self)
{
  g_autofree char *description = describe_unread (kh_coverage_get_n_unread (self->coverage));

  gtk_tooltip_set_text (tooltip, description);
  return TRUE;
}

static void
update_unread (KhWindow *self)
{
  guint n_unread = kh_coverage_get_n_unread (self->coverage);
  g_autofree char *count = g_strdup_printf ("%u", n_unread);
  g_autofree char *description = describe_unread (n_unread);

  gtk_label_set_text (self->unread_label, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->unread_label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->unread_label), n_unread > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-all-read", n_unread > 0);
}

static void
save_state (KhWindow *self,
            KhItem   *item)
{
  kh_store_save_state_async (self->store, self->loaded_uri, item, NULL, NULL, NULL);
}

static void
update_star_button (KhWindow *self)
{
  KhItem *item = gtk_single_selection_get_selected_item (self->selection);
  gboolean starred = item != NULL && kh_item_get_starred (item);
  const char *label = starred ? _("Unstar") : _("Star");

  const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (self->star_button));

  gtk_button_set_icon_name (self->star_button, starred ? "starred-symbolic" : "non-starred-symbolic");
  /* Setting a tooltip asks the X server where the pointer is. */
  if (g_strcmp0 (tooltip, label) != 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->star_button), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->star_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.toggle-star", item != NULL);
}

static gboolean
is_scrolled_down (KhWindow *self)
{
  return gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->list_scroller)) > 1.0;
}

static void
hide_new_button (KhWindow *self)
{
  self->n_new = 0;
  gtk_widget_set_visible (self->new_button, FALSE);
}

/* New items above a reader who scrolled down are announced, not forced. */
static void
announce_new_items (KhWindow *self,
                    guint     n_added)
{
  g_autofree char *label = NULL;

  if (!is_scrolled_down (self))
    return;
  self->n_new += n_added;
  label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new", "%u new", self->n_new), self->n_new);
  gtk_button_set_label (GTK_BUTTON (self->new_button), label);
  gtk_widget_set_visible (self->new_button, TRUE);
}

/* Breaking news is announced to the desktop while the reader looks away. */
static void
notify_breaking (KhWindow  *self,
                 GPtrArray *added)
{
  GApplication *application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GPtrArray) announcements = NULL;

  if (application == NULL || gtk_window_is_active (GTK_WINDOW (self)) ||
      !g_settings_get_boolean (kh_settings_get_gsettings (self->settings), "notify-breaking"))
    return;

  announcements = kh_announce_breaking (added);
  for (guint i = 0; i < announcements->len; i++)
    kh_announcement_send (announcements->pdata[i], application);
}

typedef struct
{
  GPtrArray *items;
  guint      next;
  gboolean   from_refresh;
  /* The whole feed whose first items went in as a preview: the rest of a
   * first load, not news. */
  gboolean   completes_preview;
  gboolean   started;
  gboolean   at_top;
  guint      slice;
  GPtrArray *added;
} PendingMerge;

static void
pending_merge_free (gpointer data)
{
  PendingMerge *merge = data;

  g_ptr_array_unref (merge->items);
  g_ptr_array_unref (merge->added);
  g_free (merge);
}

static void
drop_pending_merges (KhWindow *self)
{
  g_clear_handle_id (&self->merge_source_id, g_source_remove);
  g_queue_clear_full (&self->pending_merges, pending_merge_free);
}

/* One slice of a merge; TRUE once the merge is done. */
static gboolean
merge_slice (KhWindow     *self,
             PendingMerge *merge)
{
  guint end = MIN (merge->next + merge->slice, merge->items->len);
  g_autoptr(GPtrArray) slice = g_ptr_array_new ();
  g_autoptr(GPtrArray) added = NULL;
  gboolean was_empty = count_items (self) == 0;
  gboolean select_newest = FALSE;

  if (!merge->started)
    {
      merge->started = TRUE;
      merge->at_top = !is_scrolled_down (self);
      /* The preview opened the newest of the document's first items; the
       * feed's newest may come later in it.  Unless the reader has chosen
       * another item meanwhile, it is the one to open, as it would have
       * been without a preview. */
      select_newest = merge->completes_preview && gtk_single_selection_get_selected (self->selection) == 0;
    }
  for (guint i = merge->next; i < end; i++)
    g_ptr_array_add (slice, merge->items->pdata[i]);
  merge->next = end;
  added = kh_coverage_merge (self->coverage, slice, NULL);
  g_ptr_array_extend (merge->added, added, NULL, NULL);

  /* The newest items come first, so the reader has them at once. */
  if ((was_empty || select_newest) && count_items (self) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_stack_set_visible_child_name (self->main_stack, "reader");
    }
  /* A reader at the top keeps seeing the newest; the list view alone
   * would hold on to the row that was first. */
  if (merge->at_top && added->len > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  return merge->next >= merge->items->len;
}

static void
finish_merge (KhWindow     *self,
              PendingMerge *merge)
{
  if (merge->from_refresh && !merge->completes_preview && merge->added->len > 0 &&
      count_items (self) > merge->added->len)
    {
      announce_new_items (self, merge->added->len);
      notify_breaking (self, merge->added);
    }
  if (count_items (self) > 0)
    gtk_stack_set_visible_child_name (self->main_stack, "reader");
  kh_timings_mark (merge->from_refresh ? "merged" : "stored", count_items (self), 0);
}

/* Twice as many items when a slice took under a quarter of the budget,
 * half as many when it took more than all of it. */
static void
adapt_slice (PendingMerge *merge,
             gint64        took_us)
{
  if (took_us < MERGE_BUDGET_US / 4)
    merge->slice = MIN (merge->slice * 2, MERGE_SLICE_MAX);
  else if (took_us > MERGE_BUDGET_US)
    merge->slice = MAX (merge->slice / 2, MERGE_SLICE_MIN);
}

static gboolean
merge_pending_cb (gpointer user_data)
{
  KhWindow *self = user_data;
  gint64 started = g_get_monotonic_time ();

  while (!g_queue_is_empty (&self->pending_merges) &&
         g_get_monotonic_time () - started < MERGE_BUDGET_US)
    {
      PendingMerge *merge = g_queue_peek_head (&self->pending_merges);
      gint64 slice_started = g_get_monotonic_time ();
      gboolean done = merge_slice (self, merge);

      adapt_slice (merge, g_get_monotonic_time () - slice_started);
      if (done)
        {
          g_queue_pop_head (&self->pending_merges);
          finish_merge (self, merge);
          pending_merge_free (merge);
        }
    }

  if (!g_queue_is_empty (&self->pending_merges))
    return G_SOURCE_CONTINUE;
  self->merge_source_id = 0;
  update_loading (self);
  return G_SOURCE_REMOVE;
}

/* Merges @items into the shown list a slice per turn of the main loop,
 * after any merge still under way; the first slice goes in at once. */
static void
apply_items (KhWindow  *self,
             GPtrArray *items,
             gboolean   from_refresh,
             gboolean   completes_preview)
{
  PendingMerge *merge = g_new0 (PendingMerge, 1);

  merge->items = g_ptr_array_ref (items);
  merge->slice = MERGE_SLICE_MIN;
  merge->from_refresh = from_refresh;
  merge->completes_preview = completes_preview;
  merge->added = g_ptr_array_new ();
  g_queue_push_tail (&self->pending_merges, merge);
  update_loading (self);
  if (self->merge_source_id != 0)
    return;
  merge_pending_cb (self);
  if (!g_queue_is_empty (&self->pending_merges))
    self->merge_source_id = g_idle_add (merge_pending_cb, self);
}

static void
set_feed_title (KhWindow   *self,
                const char *title)
{
  gtk_label_set_text (self->title_label, title && *title ? title : _("Khabar"));
}

static void
mark_success (KhWindow *self)
{
  g_autofree char *clock = NULL;
  g_autofree char *updated = NULL;

  self->last_success = g_get_real_time () / G_USEC_PER_SEC;
  g_clear_error (&self->last_error);
  clock = format_clock_unix (self->last_success);
  updated = g_strdup_printf (_("Updated %s"), clock);
  set_subtitle (self, updated);
  if (self->showing_failure)
    hide_banner (self);
  update_live_indicator (self);
}

/* The store has kept the new answer, or says why it could not. */
static void
feed_stored_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(KhWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;

  self->n_merging--;
  update_loading (self);
  if (!kh_store_write_finish (KH_STORE (source), result, NULL, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  notice = kh_store_take_recovery_notice (self->store);
  if (error != NULL)
    show_store_problem (self, error->message);
  else if (notice != NULL)
    show_store_problem (self, notice);
}

/* Whether the coverage itself has ended (schema.org coverageEndTime, or
 * an expired JSON Feed). */
static void
update_coverage_state (KhWindow *self,
                       KhFeed   *feed)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  self->coverage_state = kh_feed_get_coverage_state (feed, now);
}

/* JSON Feed's next_url: where the items before these are. */
static void
set_next_page (KhWindow   *self,
               const char *page_uri,
               const char *next_url)
{
  g_free (self->next_page);
  self->next_page = kh_fetcher_resolve_linked_uri (page_uri, next_url);
  if (g_strcmp0 (self->next_page, page_uri) == 0)
    g_clear_pointer (&self->next_page, g_free);
  gtk_revealer_set_reveal_child (self->older_revealer, self->next_page != NULL || self->loading_older);
}

static void
set_loading_older (KhWindow *self,
                   gboolean  loading)
{
  self->loading_older = loading;
  gtk_stack_set_visible_child_name (self->older_stack, loading ? "loading" : "button");
  gtk_spinner_set_spinning (self->older_spinner, loading);
  gtk_revealer_set_reveal_child (self->older_revealer, self->next_page != NULL || loading);
}

static void
fail_older (KhWindow     *self,
            const char   *uri,
            const GError *error)
{
  g_autofree char *detail = g_strdup_printf ("%s\n%s", uri, error->message);

  set_loading_older (self, FALSE);
  self->showing_failure = FALSE;
  show_banner (self, TRUE, _("Could not load older items"), detail);
}

static void
older_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KhWindow) self = user_data;
  g_autoptr(GError) store_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) page = kh_older_page_load_finish (result, &store_error, &error);
  g_autofree char *page_uri = g_strdup (self->next_page);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (page == NULL)
    {
      fail_older (self, page_uri, error);
      return;
    }

  self->n_pages++;
  apply_items (self, kh_feed_get_items (page), FALSE, FALSE);
  set_next_page (self, page_uri, kh_feed_get_next_url (page));
  set_loading_older (self, FALSE);
  if (store_error != NULL)
    show_store_problem (self, store_error->message);
}

/* Loads the next page of older items into the store and the list. */
static void
load_older (KhWindow *self)
{
  if (self->next_page == NULL || self->loading_older)
    return;

  set_loading_older (self, TRUE);
  kh_older_page_load_async (self->fetcher, self->store, self->loaded_uri, self->next_page,
                            self->cancellable, older_loaded_cb, g_object_ref (self));
}

static void
list_edge_reached_cb (KhWindow        *self,
                      GtkPositionType  position)
{
  if (position == GTK_POS_BOTTOM)
    load_older (self);
}

static void
load_older_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  load_older (KH_WINDOW (widget));
}

/* The first items of a long feed, into a list that has nothing yet. */
static void
preview_cb (KhWindow    *self,
            GPtrArray   *items,
            KhRefresher *refresher)
{
  if (self->loading_store || count_items (self) > 0 || !g_queue_is_empty (&self->pending_merges))
    return;
  kh_timings_mark ("preview", items->len, 0);
  self->showing_preview = TRUE;
  apply_items (self, items, TRUE, FALSE);
}

/* The feed they came from turned out broken: they go, and the error
 * shows, as it would have without them. */
static void
withdraw_preview (KhWindow *self)
{
  if (!self->showing_preview)
    return;
  self->showing_preview = FALSE;
  drop_pending_merges (self);
  kh_coverage_clear (self->coverage);
  update_loading (self);
}

static void
received_cb (KhWindow    *self,
             KhFeed      *feed,
             KhResponse  *response,
             KhRefresher *refresher)
{
  gboolean completes_preview = self->showing_preview;

  kh_timings_mark ("received", count_items (self), response->body_size);
  self->showing_preview = FALSE;
  update_coverage_state (self, feed);
  if (self->n_pages == 0)
    set_next_page (self, self->loaded_uri, kh_feed_get_next_url (feed));
  mark_success (self);

  /* The reader sees the news at once; the store keeps it meanwhile, in
   * its own thread.  Items already shown keep their read and starred
   * state, so nothing depends on the store finishing first. */
  apply_items (self, kh_feed_get_items (feed), TRUE, completes_preview);
  set_feed_title (self, kh_feed_get_title (feed));
  show_problems (self, feed);
  if (count_items (self) == 0 && kh_feed_get_n_items (feed) == 0)
    gtk_stack_set_visible_child_name (self->main_stack, "empty");

  self->n_merging++;
  update_loading (self);
  kh_store_merge_async (self->store, self->loaded_uri, feed, response,
                        g_get_real_time () / G_USEC_PER_SEC,
                        self->cancellable, feed_stored_cb, g_object_ref (self));
}

/* A 304: nothing is parsed and the list is not touched. */
static void
unchanged_cb (KhWindow    *self,
              KhResponse  *response,
              KhRefresher *refresher)
{
  kh_timings_mark ("unchanged", count_items (self), 0);
  mark_success (self);
  kh_store_mark_unchanged_async (self->store, self->loaded_uri,
                                 g_get_real_time () / G_USEC_PER_SEC, NULL, NULL, NULL);
}

static void
failed_cb (KhWindow     *self,
           const GError *error,
           KhRefresher  *refresher)
{
  g_clear_error (&self->last_error);
  self->last_error = g_error_copy (error);
  kh_timings_mark ("failed", count_items (self), 0);
  withdraw_preview (self);
  show_failure (self);
}

static void
prune_store (KhWindow *self)
{
  guint days = g_settings_get_uint (kh_settings_get_gsettings (self->settings), "retention-days");
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  kh_store_prune_async (self->store, now - (gint64) days * 24 * 60 * 60, NULL, NULL, NULL);
}

static void
apply_stored (KhWindow     *self,
              KhStoredFeed *stored)
{
  g_autofree char *clock = NULL;
  g_autofree char *saved = NULL;

  kh_refresher_set_validators (self->refresher, stored->etag, stored->last_modified);
  if (stored->items->len == 0)
    return;

  apply_items (self, stored->items, FALSE, FALSE);
  set_feed_title (self, stored->title);
  self->last_success = stored->last_success;
  if (self->last_success > 0)
    {
      clock = format_clock_unix (self->last_success);
      saved = g_strdup_printf (_("Updated %s"), clock);
      set_subtitle (self, saved);
    }
  update_live_indicator (self);
}

static void
show_newest_stored (KhWindow *self)
{
  g_autoptr(GPtrArray) items = g_steal_pointer (&self->newest_stored);

  if (items != NULL && self->loading_store && count_items (self) == 0)
    apply_items (self, items, FALSE, FALSE);
}

/* The newest stored items, listed while the rest of a large store is read
 * (once the window has shown itself). */
static void
stored_newest_loaded_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(KhWindow) self = user_data;
  g_autoptr(KhStoredFeed) stored = NULL;

  /* The whole load, queued after this one, reports any error. */
  stored = kh_store_load_finish (KH_STORE (source), result, NULL);
  if (stored == NULL || stored->items->len == 0)
    return;
  set_feed_title (self, stored->title);
  g_clear_pointer (&self->newest_stored, g_ptr_array_unref);
  self->newest_stored = g_ptr_array_ref (stored->items);
  if (self->painted)
    show_newest_stored (self);
}

static void
first_paint_cb (KhWindow      *self,
                GdkFrameClock *clock)
{
  self->painted = TRUE;
  g_clear_signal_handler (&self->first_paint_id, clock);
  show_newest_stored (self);
}

static void
stored_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(KhWindow) self = user_data;
  g_autoptr(KhStoredFeed) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;

  stored = kh_store_load_finish (KH_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading_store = FALSE;
  g_clear_pointer (&self->newest_stored, g_ptr_array_unref);
  notice = kh_store_take_recovery_notice (self->store);
  if (stored != NULL)
    apply_stored (self, stored);
  if (error != NULL)
    show_store_problem (self, error->message);
  else if (notice != NULL)
    show_store_problem (self, notice);

  prune_store (self);
  kh_refresher_start (self->refresher);
  update_loading (self);
}

static void
busy_changed_cb (KhWindow *self)
{
  update_loading (self);
}

static void
drop_refresher (KhWindow *self)
{
  if (self->refresher == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->refresher, self);
  kh_refresher_stop (self->refresher);
  g_clear_object (&self->refresher);
}

static void
update_background (KhWindow *self)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));
  gboolean hidden = !gtk_widget_get_mapped (GTK_WIDGET (self));

  if (surface != NULL && GDK_IS_TOPLEVEL (surface))
    hidden |= (gdk_toplevel_get_state (GDK_TOPLEVEL (surface)) & GDK_TOPLEVEL_STATE_MINIMIZED) != 0;
  if (self->refresher != NULL)
    kh_refresher_set_background (self->refresher, hidden);
}

static void
create_refresher (KhWindow *self)
{
  GSettings *settings = kh_settings_get_gsettings (self->settings);

  self->refresher = kh_refresher_new (self->fetcher, self->loaded_uri);
  kh_refresher_set_interval (self->refresher, g_settings_get_uint (settings, "refresh-interval"));
  g_signal_connect_object (self->refresher, "preview", G_CALLBACK (preview_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresher, "received", G_CALLBACK (received_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresher, "unchanged", G_CALLBACK (unchanged_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresher, "failed", G_CALLBACK (failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresher, "notify::busy", G_CALLBACK (busy_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->refresher, "notify::offline", G_CALLBACK (update_live_indicator), self,
                           G_CONNECT_SWAPPED);
  update_background (self);
}

/* Shows the endpoint's stored items at once, then starts refreshing. */
static void
open_endpoint (KhWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  drop_refresher (self);

  g_free (self->loaded_uri);
  self->loaded_uri = g_strdup (kh_window_get_endpoint (self));
  g_clear_error (&self->last_error);
  self->last_success = 0;
  drop_pending_merges (self);
  self->n_pages = 0;
  self->coverage_state = KH_COVERAGE_STATE_UNKNOWN;
  self->loading_older = FALSE;
  set_next_page (self, NULL, NULL);
  set_loading_older (self, FALSE);
  self->showing_preview = FALSE;
  kh_coverage_clear (self->coverage);
  hide_banner (self);
  hide_new_button (self);
  set_subtitle (self, NULL);
  set_feed_title (self, NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "loading");

  create_refresher (self);
  self->loading_store = TRUE;
  update_loading (self);
  update_live_indicator (self);
  kh_store_load_newest_async (self->store, self->loaded_uri, KH_FEED_PREVIEW_ITEMS, self->cancellable,
                              stored_newest_loaded_cb, g_object_ref (self));
  kh_store_load_async (self->store, self->loaded_uri, self->cancellable,
                       stored_loaded_cb, g_object_ref (self));
}

const char *
kh_window_get_endpoint (KhWindow *self)
{
  g_return_val_if_fail (KH_IS_WINDOW (self), NULL);

  if (self->endpoint_override != NULL)
    return self->endpoint_override;
  return kh_settings_get_endpoint_url (self->settings);
}

/* Asks the endpoint now; a request still running is superseded. */
void
kh_window_refresh (KhWindow *self)
{
  g_return_if_fail (KH_IS_WINDOW (self));

  if (self->loading_store)
    return;
  if (count_items (self) == 0)
    gtk_stack_set_visible_child_name (self->main_stack, "loading");
  kh_refresher_refresh (self->refresher);
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
  open_endpoint (self);
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
  return kh_coverage_get_model (self->coverage);
}

/* Selects the item with @id, as a notification asks; FALSE when the item
 * is not shown. */
gboolean
kh_window_show_item (KhWindow   *self,
                     const char *id)
{
  KhItem *item;
  guint position;

  g_return_val_if_fail (KH_IS_WINDOW (self), FALSE);

  item = kh_coverage_lookup (self->coverage, id);
  if (item == NULL || !g_list_store_find (G_LIST_STORE (kh_window_get_items (self)), item, &position))
    return FALSE;
  gtk_single_selection_set_selected (self->selection, position);
  return TRUE;
}

static void
selection_changed_cb (KhWindow *self)
{
  KhItem *item = gtk_single_selection_get_selected_item (self->selection);

  /* Items going in above the selected one move it, and the selection says
   * so: the article shown stays as it is. */
  if (item != NULL && item == kh_article_view_get_item (self->article_view))
    return;
  kh_article_view_set_item (self->article_view, item, self->loaded_uri);
  if (item != NULL)
    kh_timings_article_shown (GTK_WIDGET (self->article_view));
  if (item != NULL && !kh_item_get_read (item))
    {
      kh_item_set_read (item, TRUE);
      save_state (self, item);
    }
  update_star_button (self);
}

static void
endpoint_changed_cb (KhWindow *self)
{
  if (self->endpoint_override == NULL)
    open_endpoint (self);
}

static void
interval_changed_cb (KhWindow *self)
{
  guint interval = g_settings_get_uint (kh_settings_get_gsettings (self->settings), "refresh-interval");

  kh_refresher_set_interval (self->refresher, MAX (interval, KH_REFRESHER_MINIMUM_INTERVAL));
}

static void
font_scale_changed_cb (KhWindow *self)
{
  int scale = kh_settings_get_font_scale (self->settings);
  g_autofree char *family = g_settings_get_string (kh_settings_get_gsettings (self->settings), "article-font");
  g_autofree char *css = kh_font_scale_to_css (scale, family);
  g_autofree char *shown = g_strdup_printf (_("%d %%"), scale);

  gtk_css_provider_load_from_data (self->font_provider, css, -1);
  gtk_label_set_text (self->font_scale_label, shown);
  kh_article_view_set_maximum_width (self->article_view, ARTICLE_MAXIMUM_WIDTH * scale / 100);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.font-bigger", scale < KH_FONT_SCALE_MAX);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.font-smaller", scale > KH_FONT_SCALE_MIN);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.font-reset", scale != KH_FONT_SCALE_DEFAULT);
}

static void
justify_changed_cb (KhWindow *self)
{
  kh_article_view_set_justify (self->article_view,
                               g_settings_get_boolean (kh_settings_get_gsettings (self->settings),
                                                       "justify-text"));
}

static void
font_chosen_cb (GtkDialog *dialog,
                int        response,
                KhWindow  *self)
{
  PangoFontFamily *chosen = gtk_font_chooser_get_font_family (GTK_FONT_CHOOSER (dialog));

  if (response == GTK_RESPONSE_OK && chosen != NULL)
    g_settings_set_string (kh_settings_get_gsettings (self->settings), "article-font",
                           pango_font_family_get_name (chosen));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Only the family is chosen: the size follows the text-size setting. */
static void
choose_font_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KhWindow *self = KH_WINDOW (widget);
  GtkWidget *dialog = gtk_font_chooser_dialog_new (_("Article Font"), GTK_WINDOW (self));

  gtk_font_chooser_set_level (GTK_FONT_CHOOSER (dialog), GTK_FONT_CHOOSER_LEVEL_FAMILY);
  gtk_font_chooser_set_preview_text (GTK_FONT_CHOOSER (dialog), _("Live coverage of the storm — تغطية حية للعاصفة"));
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (font_chosen_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
default_font_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_settings_reset (kh_settings_get_gsettings (KH_WINDOW (widget)->settings), "article-font");
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
toggle_star_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KhWindow *self = KH_WINDOW (widget);
  KhItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (item == NULL)
    return;
  kh_item_set_starred (item, !kh_item_get_starred (item));
  save_state (self, item);
  update_star_button (self);
}

static void
mark_all_read_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KhWindow *self = KH_WINDOW (widget);

  kh_coverage_mark_all_read (self->coverage);
  kh_store_mark_all_read_async (self->store, self->loaded_uri, NULL, NULL, NULL);
}

static void
show_newest_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  KhWindow *self = KH_WINDOW (widget);

  /* The list view keeps its place by item, so it is asked for the first
   * one rather than for a scroll offset. */
  if (count_items (self) > 0)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  hide_new_button (self);
}

static void
list_scrolled_cb (KhWindow *self)
{
  if (!is_scrolled_down (self))
    hide_new_button (self);
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
  g_signal_connect_object (kh_settings_get_gsettings (self->settings), "changed::refresh-interval",
                           G_CALLBACK (interval_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (kh_settings_get_gsettings (self->settings), "changed::article-font",
                           G_CALLBACK (font_scale_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (kh_settings_get_gsettings (self->settings), "changed::justify-text",
                           G_CALLBACK (justify_changed_cb), self, G_CONNECT_SWAPPED);
  justify_changed_cb (self);
  font_scale_changed_cb (self);
  restore_geometry (self);

  if (self->store == NULL)
    {
      g_autofree char *path = kh_store_get_default_path ();

      self->store = kh_store_new (path);
    }

  self->tick_id = g_timeout_add_seconds (TICK_INTERVAL, tick_cb, self);
  kh_timings_watch_window (GTK_WINDOW (self));
  open_endpoint (self);
}

static void
surface_state_changed_cb (KhWindow *self)
{
  update_background (self);
}

static void
kh_window_realize (GtkWidget *widget)
{
  KhWindow *self = KH_WINDOW (widget);

  GTK_WIDGET_CLASS (kh_window_parent_class)->realize (widget);
  g_signal_connect_object (gtk_native_get_surface (GTK_NATIVE (self)), "notify::state",
                           G_CALLBACK (surface_state_changed_cb), self, G_CONNECT_SWAPPED);
  if (!self->painted)
    self->first_paint_id = g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                                                    G_CALLBACK (first_paint_cb), self,
                                                    G_CONNECT_SWAPPED);
}

static void
kh_window_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kh_window_parent_class)->map (widget);
  update_background (KH_WINDOW (widget));
}

static void
kh_window_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (kh_window_parent_class)->unmap (widget);
  update_background (KH_WINDOW (widget));
}

static void
kh_window_dispose (GObject *object)
{
  KhWindow *self = (KhWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_pointer (&self->newest_stored, g_ptr_array_unref);
  drop_pending_merges (self);
  drop_refresher (self);
  if (self->font_provider != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->font_provider));
  g_clear_object (&self->font_provider);

  gtk_widget_dispose_template (GTK_WIDGET (self), KH_TYPE_WINDOW);

  g_clear_object (&self->selection);
  g_clear_object (&self->coverage);
  g_clear_object (&self->image_cache);
  g_clear_object (&self->fetcher);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kh_window_parent_class)->dispose (object);
}

static void
kh_window_finalize (GObject *object)
{
  KhWindow *self = (KhWindow *) object;

  g_free (self->endpoint_override);
  g_free (self->loaded_uri);
  g_free (self->next_page);
  g_clear_error (&self->last_error);

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

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ENDPOINT_OVERRIDE:
      g_value_set_string (value, self->endpoint_override);
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

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ENDPOINT_OVERRIDE:
      /* Before the window opens its endpoint: the settings' one is not
       * loaded only to be replaced. */
      g_free (self->endpoint_override);
      self->endpoint_override = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The shortcuts window is built the first time it is asked for: GTK would
 * otherwise build it with every window, before its first frame. */
static void
shortcuts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH "/ui/kh-shortcuts.ui");

      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }
  gtk_window_present (GTK_WINDOW (overlay));
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
  widget_class->realize = kh_window_realize;
  widget_class->map = kh_window_map;
  widget_class->unmap = kh_window_unmap;
  window_class->close_request = kh_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, KH_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, KH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENDPOINT_OVERRIDE] =
    g_param_spec_string ("endpoint-override", NULL, NULL, NULL,
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
  gtk_widget_class_bind_template_child (widget_class, KhWindow, unread_label);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, list_scroller);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, new_button);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, star_button);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, older_revealer);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, older_stack);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, older_spinner);
  gtk_widget_class_bind_template_child (widget_class, KhWindow, article_view);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.shortcuts", NULL, shortcuts_action);
  gtk_widget_class_install_action (widget_class, "win.font-bigger", NULL, font_bigger_action);
  gtk_widget_class_install_action (widget_class, "win.font-smaller", NULL, font_smaller_action);
  gtk_widget_class_install_action (widget_class, "win.font-reset", NULL, font_reset_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-banner", NULL, dismiss_banner_action);
  gtk_widget_class_install_action (widget_class, "win.toggle-star", NULL, toggle_star_action);
  gtk_widget_class_install_action (widget_class, "win.mark-all-read", NULL, mark_all_read_action);
  gtk_widget_class_install_action (widget_class, "win.show-newest", NULL, show_newest_action);
  gtk_widget_class_install_action (widget_class, "win.load-older", NULL, load_older_action);
  gtk_widget_class_install_action (widget_class, "win.choose-font", NULL, choose_font_action);
  gtk_widget_class_install_action (widget_class, "win.default-font", NULL, default_font_action);
}

static KhImageCache *
create_image_cache (KhFetcher *fetcher)
{
  g_autofree char *directory = kh_image_cache_get_default_directory ();

  return kh_image_cache_new (fetcher, directory);
}

/* Rows are built in code: a builder factory parses its XML for every row
 * the list creates, which showed when a coverage first filled the list. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item)
{
  gtk_list_item_set_child (list_item, g_object_new (KH_TYPE_SIDEBAR_ROW, NULL));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item)
{
  kh_sidebar_row_set_item (KH_SIDEBAR_ROW (gtk_list_item_get_child (list_item)),
                           gtk_list_item_get_item (list_item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item)
{
  kh_sidebar_row_set_item (KH_SIDEBAR_ROW (gtk_list_item_get_child (list_item)), NULL);
}

static GtkListItemFactory *
create_row_factory (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  return factory;
}

static void
kh_window_init (KhWindow *self)
{
  g_autoptr(GtkListItemFactory) row_factory = create_row_factory ();
  GtkEventController *scroll;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->fetcher = kh_fetcher_new ();
  self->image_cache = create_image_cache (self->fetcher);
  kh_article_view_set_image_cache (self->article_view, self->image_cache);
  kh_image_cache_trim_async (self->image_cache, KH_IMAGE_CACHE_DEFAULT_LIMIT, NULL, NULL, NULL);

  self->coverage = kh_coverage_new ();
  g_signal_connect_object (self->coverage, "notify::n-unread", G_CALLBACK (update_unread), self,
                           G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (kh_coverage_get_model (self->coverage)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_list_view_set_factory (self->list_view, row_factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (gtk_scrolled_window_get_vadjustment (self->list_scroller), "value-changed",
                           G_CALLBACK (list_scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_scroller, "edge-reached",
                           G_CALLBACK (list_edge_reached_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->unread_label), TRUE);
  g_signal_connect_object (self->unread_label, "query-tooltip", G_CALLBACK (query_unread_tooltip_cb), self, 0);
  update_unread (self);
  update_star_button (self);

  scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect_object (scroll, "scroll", G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
}

/**
 * kh_window_new:
 * @store: (nullable): where items are kept; the default store when %NULL
 */
KhWindow *
kh_window_new (GtkApplication *application,
               KhSettings     *settings,
               KhStore        *store)
{
  return kh_window_new_for_endpoint (application, settings, store, NULL);
}

/* A window that reads @endpoint (when not NULL) instead of the
 * endpoint-url setting. */
KhWindow *
kh_window_new_for_endpoint (GtkApplication *application,
                            KhSettings     *settings,
                            KhStore        *store,
                            const char     *endpoint)
{
  return g_object_new (KH_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       "store", store,
                       "endpoint-override", endpoint,
                       NULL);
}
