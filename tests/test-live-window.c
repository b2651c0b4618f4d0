/* test-live-window.c: a window following an endpoint that changes
 *
 * An in-process SoupServer on 127.0.0.1 plays the endpoint: items are
 * added and edited between refreshes, the server answers 304 when nothing
 * changed, fails on demand, or goes away.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "kh-article-view.h"
#include "kh-sidebar-row.h"
#include "kh-window.h"
#include "window-helpers.h"

typedef struct
{
  SoupServer *server;
  char       *uri;
  GPtrArray  *items;        /* JSON object texts, newest last */
  guint       version;
  guint       n_requests;
  guint       n_not_modified;
  guint       fail_status;  /* answer this instead, when not 0 */
  const char *extra;        /* more members of the feed object */
  guint       n_page_requests;
  gboolean    oldest_first; /* the items in the order they were added */
  guint       broken;       /* this item (from 1, in the document) is not JSON */
} Endpoint;

static char *
build_document (Endpoint *endpoint)
{
  g_autoptr(GString) document = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\","
                                              " \"title\": \"تغطية الاختبار\", ");

  if (endpoint->extra != NULL)
    g_string_append_printf (document, "%s, ", endpoint->extra);
  /* One item a line: the nth is on line n + 1. */
  g_string_append (document, "\"items\": [\n");

  for (guint n = 1; n <= endpoint->items->len; n++)
    {
      guint i = endpoint->oldest_first ? n - 1 : endpoint->items->len - n;

      if (n == endpoint->broken)
        g_string_append (document, "{\"id\": \"x\", \"title\": tru}");
      else
        g_string_append (document, endpoint->items->pdata[i]);
      if (n < endpoint->items->len)
        g_string_append (document, ",\n");
    }
  g_string_append (document, "\n]}");
  return g_string_free (g_steal_pointer (&document), FALSE);
}

static void
serve_cb (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Endpoint *endpoint = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (message);
  g_autofree char *etag = g_strdup_printf ("\"v%u\"", endpoint->version);
  char *document;

  endpoint->n_requests++;
  if (endpoint->fail_status != 0)
    {
      soup_message_headers_replace (response, "Retry-After", "120");
      soup_server_message_set_status (message, endpoint->fail_status, NULL);
      return;
    }

  soup_message_headers_replace (response, "ETag", etag);
  if (g_strcmp0 (soup_message_headers_get_one (request, "If-None-Match"), etag) == 0)
    {
      endpoint->n_not_modified++;
      soup_server_message_set_status (message, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  document = build_document (endpoint);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_TAKE,
                                    document, strlen (document));
}

/* The page the feed's next_url names: two older items, and no further page. */
static void
serve_page_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  Endpoint *endpoint = user_data;
  static const char page[] =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"الصفحة الثانية\", \"items\": ["
    "{\"id\": \"older-1\", \"title\": \"أول خبر في التغطية\", \"date_published\": \"2026-11-28T06:00:00+03:00\","
    " \"content_text\": \"بداية التغطية.\"},"
    "{\"id\": \"older-2\", \"title\": \"ثاني خبر في التغطية\", \"date_published\": \"2026-11-28T07:00:00+03:00\","
    " \"content_text\": \"تتمة التغطية.\"}]}";

  endpoint->n_page_requests++;
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_STATIC,
                                    page, sizeof page - 1);
}

static char *
item_json (const char *id,
           const char *title,
           const char *date,
           const char *body)
{
  return g_strdup_printf ("{\"id\": \"%s\", \"title\": \"%s\", \"date_published\": \"%s\","
                          " \"content_text\": \"%s\"}", id, title, date, body);
}

/* Adds an item, newer than all before it, at minute @minute of the day. */
static void
add_item (Endpoint   *endpoint,
          const char *id,
          const char *title,
          guint       minute,
          gboolean    breaking)
{
  g_autofree char *date = g_strdup_printf ("2026-11-29T%02u:%02u:00+03:00", minute / 60, minute % 60);
  char *json = item_json (id, title, date, "نص الخبر الأول.\\n\\nفقرة ثانية من الخبر.");

  if (breaking)
    {
      char *with_mark = g_strdup_printf ("%.*s, \"_khabar\": {\"breaking\": true}}",
                                         (int) strlen (json) - 1, json);
      g_free (json);
      json = with_mark;
    }
  g_ptr_array_add (endpoint->items, json);
  endpoint->version++;
}

static void
edit_item (Endpoint   *endpoint,
           guint       index,
           const char *id,
           const char *title,
           guint       minute)
{
  g_autofree char *date = g_strdup_printf ("2026-11-29T%02u:%02u:00+03:00", minute / 60, minute % 60);

  g_free (endpoint->items->pdata[index]);
  endpoint->items->pdata[index] = item_json (id, title, date, "نص معدّل بعد التحديث.");
  endpoint->version++;
}

static Endpoint *
endpoint_new (guint n_items)
{
  Endpoint *endpoint = g_new0 (Endpoint, 1);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;
  g_autofree char *base = NULL;

  endpoint->items = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *id = g_strdup_printf ("item-%u", i);
      g_autofree char *title = g_strdup_printf ("خبر رقم %u عن العاصفة", i);

      add_item (endpoint, id, title, 8 * 60 + i, FALSE);
    }

  endpoint->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (endpoint->server, "/feed.json", serve_cb, endpoint, NULL);
  soup_server_add_handler (endpoint->server, "/page-2.json", serve_page_cb, endpoint, NULL);
  soup_server_listen_local (endpoint->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (endpoint->server);
  base = g_uri_to_string (uris->data);
  endpoint->uri = g_strconcat (base, "feed.json", NULL);
  return endpoint;
}

static void
endpoint_stop (Endpoint *endpoint)
{
  if (endpoint->server == NULL)
    return;
  soup_server_disconnect (endpoint->server);
  g_clear_object (&endpoint->server);
}

static void
endpoint_free (Endpoint *endpoint)
{
  endpoint_stop (endpoint);
  g_ptr_array_unref (endpoint->items);
  g_free (endpoint->uri);
  g_free (endpoint);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Endpoint, endpoint_free)

static GtkSingleSelection *
selection_of (KhWindow *window)
{
  GtkListView *list_view = GTK_LIST_VIEW (template_child (window, KH_TYPE_WINDOW, "list_view"));

  return GTK_SINGLE_SELECTION (gtk_list_view_get_model (list_view));
}

static KhItem *
item_at (KhWindow *window,
         guint     position)
{
  KhItem *item = g_list_model_get_item (kh_window_get_items (window), position);

  g_object_unref (item);
  return item;
}

static void
refresh_and_wait (KhWindow *window)
{
  kh_window_refresh (window);
  wait_for_load (window);
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_changes)
{
  (*n_changes)++;
}

static void
test_new_item_keeps_selection (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (3);
  KhWindow *window = open_window (settings, endpoint->uri);
  GtkSingleSelection *selection = selection_of (window);
  KhArticleView *view = KH_ARTICLE_VIEW (template_child (window, KH_TYPE_WINDOW, "article_view"));
  KhItem *chosen;

  g_assert_cmpuint (g_list_model_get_n_items (kh_window_get_items (window)), ==, 3);
  gtk_single_selection_set_selected (selection, 1);
  chosen = gtk_single_selection_get_selected_item (selection);
  g_assert_cmpstr (kh_item_get_id (chosen), ==, "item-1");

  add_item (endpoint, "item-new", "خبر عاجل جديد", 9 * 60, FALSE);
  refresh_and_wait (window);

  /* The new item is on top; the same object stays selected and open. */
  g_assert_cmpuint (g_list_model_get_n_items (kh_window_get_items (window)), ==, 4);
  g_assert_cmpstr (kh_item_get_id (item_at (window, 0)), ==, "item-new");
  g_assert_true (gtk_single_selection_get_selected_item (selection) == chosen);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 2);
  g_assert_true (kh_article_view_get_item (view) == chosen);

  close_window (window);
}

static void
test_not_modified_is_silent (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (3);
  KhWindow *window = open_window (settings, endpoint->uri);
  GListModel *items = kh_window_get_items (window);
  guint n_changes = 0;
  gulong handler;

  handler = g_signal_connect (items, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);
  refresh_and_wait (window);
  refresh_and_wait (window);
  g_signal_handler_disconnect (items, handler);

  /* Both refreshes were conditional and answered 304: no model signal. */
  g_assert_cmpuint (endpoint->n_not_modified, ==, 2);
  g_assert_cmpuint (n_changes, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);

  close_window (window);
}

static void
test_edited_item_updates_in_place (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (3);
  KhWindow *window = open_window (settings, endpoint->uri);
  GtkSingleSelection *selection = selection_of (window);
  GtkWidget *view = template_child (window, KH_TYPE_WINDOW, "article_view");
  GtkLabel *headline = GTK_LABEL (template_child (view, KH_TYPE_ARTICLE_VIEW, "headline_label"));
  GtkWidget *updated = template_child (view, KH_TYPE_ARTICLE_VIEW, "updated_label");
  GListModel *items = kh_window_get_items (window);
  KhItem *open_item;
  guint n_changes = 0;
  gulong handler;

  gtk_single_selection_set_selected (selection, 1);
  iterate_until_idle ();
  open_item = gtk_single_selection_get_selected_item (selection);
  g_assert_false (gtk_widget_get_visible (updated));

  /* The open item (index 1 on the server) gets a new headline. */
  edit_item (endpoint, 1, "item-1", "عنوان معدّل للخبر", 8 * 60 + 1);
  handler = g_signal_connect (items, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);
  refresh_and_wait (window);
  g_signal_handler_disconnect (items, handler);

  g_assert_cmpuint (n_changes, ==, 0);
  g_assert_true (gtk_single_selection_get_selected_item (selection) == open_item);
  g_assert_cmpstr (kh_item_get_title (open_item), ==, "عنوان معدّل للخبر");
  g_assert_cmpstr (gtk_label_get_text (headline), ==, "عنوان معدّل للخبر");
  g_assert_true (gtk_widget_get_visible (updated));

  close_window (window);
}

static gboolean
has_failures (gpointer data)
{
  KhWindow *window = data;
  GtkRevealer *banner = GTK_REVEALER (template_child (window, KH_TYPE_WINDOW, "banner_revealer"));

  return gtk_revealer_get_reveal_child (banner);
}

static void
test_retry_after_shown (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (2);
  KhWindow *window = open_window (settings, endpoint->uri);
  GtkLabel *title = GTK_LABEL (template_child (window, KH_TYPE_WINDOW, "banner_title"));
  GtkLabel *detail = GTK_LABEL (template_child (window, KH_TYPE_WINDOW, "banner_detail"));
  g_autofree char *expected = NULL;

  endpoint->fail_status = SOUP_STATUS_SERVICE_UNAVAILABLE;
  refresh_and_wait (window);
  wait_until (has_failures, window);

  /* The server's Retry-After of 120 s sets the next try; the items stay. */
  expected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %d minute", "in %d minutes", 2), 2);
  g_assert_nonnull (strstr (gtk_label_get_text (title), expected));
  g_assert_nonnull (strstr (gtk_label_get_text (detail), "503"));
  g_assert_cmpuint (g_list_model_get_n_items (kh_window_get_items (window)), ==, 2);

  /* The next answer that works clears the banner. */
  endpoint->fail_status = 0;
  refresh_and_wait (window);
  g_assert_false (has_failures (window));

  close_window (window);
}

static void
test_offline_start (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (4);
  KhStore *store = create_store ();
  GtkLabel *live;
  GtkStack *stack;
  KhWindow *window;

  window = open_window_on_store (settings, store, endpoint->uri);
  close_window (window);

  /* The server is gone; the next start shows the saved items anyway. */
  endpoint_stop (endpoint);
  window = open_window_on_store (settings, store, endpoint->uri);
  live = GTK_LABEL (template_child (window, KH_TYPE_WINDOW, "live_label"));
  stack = GTK_STACK (template_child (window, KH_TYPE_WINDOW, "main_stack"));

  g_assert_cmpuint (g_list_model_get_n_items (kh_window_get_items (window)), ==, 4);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "reader");
  g_assert_cmpstr (gtk_label_get_text (live), ==, _("Offline — showing saved items"));

  close_window (window);
  remove_store (store);
}

static KhItem *
find_item (KhWindow   *window,
           const char *id)
{
  GListModel *items = kh_window_get_items (window);

  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    if (g_strcmp0 (kh_item_get_id (item_at (window, i)), id) == 0)
      return item_at (window, i);
  g_assert_not_reached ();
}

static void
test_state_survives_restart (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (4);
  KhStore *store = create_store ();
  GtkLabel *unread;
  KhWindow *window;

  window = open_window_on_store (settings, store, endpoint->uri);
  unread = GTK_LABEL (template_child (window, KH_TYPE_WINDOW, "unread_label"));

  /* The newest item opened on its own, so it is read. */
  g_assert_cmpstr (gtk_label_get_text (unread), ==, "3");
  gtk_single_selection_set_selected (selection_of (window), 2);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-star", NULL);
  iterate_until_idle ();
  g_assert_true (kh_item_get_starred (find_item (window, "item-1")));
  g_assert_cmpstr (gtk_label_get_text (unread), ==, "2");
  close_window (window);

  window = open_window_on_store (settings, store, endpoint->uri);
  g_assert_true (kh_item_get_read (find_item (window, "item-3")));
  g_assert_true (kh_item_get_read (find_item (window, "item-1")));
  g_assert_true (kh_item_get_starred (find_item (window, "item-1")));
  g_assert_false (kh_item_get_read (find_item (window, "item-0")));
  g_assert_false (kh_item_get_starred (find_item (window, "item-0")));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.mark-all-read", NULL);
  iterate_until_idle ();
  unread = GTK_LABEL (template_child (window, KH_TYPE_WINDOW, "unread_label"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (unread)));
  close_window (window);

  window = open_window_on_store (settings, store, endpoint->uri);
  g_assert_true (kh_item_get_read (find_item (window, "item-0")));
  close_window (window);
  remove_store (store);
}

static void
test_row_state_in_words (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (2);
  KhWindow *window = open_window (settings, endpoint->uri);
  KhSidebarRow *row = g_object_new (KH_TYPE_SIDEBAR_ROW, NULL);
  KhItem *item = item_at (window, 1);
  g_autofree char *unread = NULL;
  g_autofree char *starred = NULL;
  g_autofree char *read = NULL;

  g_object_ref_sink (row);
  kh_sidebar_row_set_item (row, item);
  unread = kh_sidebar_row_describe_state (row);
  kh_item_set_starred (item, TRUE);
  starred = kh_sidebar_row_describe_state (row);
  kh_item_set_read (item, TRUE);
  kh_item_set_starred (item, FALSE);
  read = kh_sidebar_row_describe_state (row);

  g_assert_cmpstr (unread, ==, _("Unread"));
  g_assert_cmpstr (starred, ==, _("Unread, starred"));
  g_assert_cmpstr (read, ==, "");
  g_assert_false (gtk_widget_has_css_class (template_child (row, KH_TYPE_SIDEBAR_ROW, "title_label"),
                                            "unread"));

  g_object_unref (row);
  close_window (window);
}

static void
test_new_items_pill (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (60);
  KhWindow *window = open_window (settings, endpoint->uri);
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (template_child (window, KH_TYPE_WINDOW, "list_scroller"));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  GtkButton *pill = GTK_BUTTON (template_child (window, KH_TYPE_WINDOW, "new_button"));
  g_autofree char *expected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u new", "%u new", 2), 2);

  wait_for_frames (GTK_WIDGET (window));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >, gtk_adjustment_get_page_size (adjustment));
  gtk_adjustment_set_value (adjustment, 300);
  wait_for_frames (GTK_WIDGET (window));

  add_item (endpoint, "late-1", "خبر جديد أول", 12 * 60, FALSE);
  add_item (endpoint, "late-2", "خبر جديد ثان", 12 * 60 + 1, FALSE);
  refresh_and_wait (window);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (pill)));
  g_assert_cmpstr (gtk_button_get_label (pill), ==, expected);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-newest", NULL);
  wait_for_frames (GTK_WIDGET (window));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (pill)));

  close_window (window);
}

static void
test_newest_stay_in_view (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (60);
  KhWindow *window = open_window (settings, endpoint->uri);
  GtkScrolledWindow *scroller = GTK_SCROLLED_WINDOW (template_child (window, KH_TYPE_WINDOW, "list_scroller"));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  GtkWidget *pill = template_child (window, KH_TYPE_WINDOW, "new_button");

  wait_for_frames (GTK_WIDGET (window));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  /* A reader at the top sees the new items arrive there, without a pill. */
  add_item (endpoint, "late-1", "خبر جديد أول", 12 * 60, FALSE);
  add_item (endpoint, "late-2", "خبر جديد ثان", 12 * 60 + 1, FALSE);
  refresh_and_wait (window);
  wait_for_frames (GTK_WIDGET (window));

  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_assert_false (gtk_widget_get_visible (pill));

  close_window (window);
}

static gboolean
older_items_arrived (gpointer data)
{
  KhWindow *window = data;

  return g_list_model_get_n_items (kh_window_get_items (window)) == 5 && !kh_window_get_loading (window);
}

static void
test_older_pages (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (3);
  KhWindow *window;
  GtkWidget *scroller;
  GtkRevealer *older;

  endpoint->extra = "\"next_url\": \"page-2.json\"";
  window = open_window (settings, endpoint->uri);
  scroller = template_child (window, KH_TYPE_WINDOW, "list_scroller");
  older = GTK_REVEALER (template_child (window, KH_TYPE_WINDOW, "older_revealer"));
  g_assert_true (gtk_revealer_get_reveal_child (older));

  /* Scrolling to the end of the sidebar fetches the next page. */
  g_signal_emit_by_name (scroller, "edge-reached", GTK_POS_BOTTOM);
  wait_until (older_items_arrived, window);

  g_assert_cmpuint (endpoint->n_page_requests, ==, 1);
  g_assert_cmpstr (kh_item_get_id (item_at (window, 4)), ==, "older-1");
  g_assert_cmpstr (kh_item_get_id (item_at (window, 3)), ==, "older-2");
  /* That page has no next one. */
  g_assert_false (gtk_revealer_get_reveal_child (older));
  g_signal_emit_by_name (scroller, "edge-reached", GTK_POS_BOTTOM);
  iterate_until_idle ();
  g_assert_cmpuint (endpoint->n_page_requests, ==, 1);

  close_window (window);
}

static void
test_coverage_ended (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (2);
  KhWindow *window;
  GtkLabel *live;

  endpoint->extra = "\"expired\": true";
  window = open_window (settings, endpoint->uri);
  live = GTK_LABEL (template_child (window, KH_TYPE_WINDOW, "live_label"));

  g_assert_cmpstr (gtk_label_get_text (live), ==, C_("live indicator", "Coverage ended"));
  close_window (window);
}

static void
test_damaged_store_set_aside (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (2);
  KhStore *store = create_store ();
  g_autofree char *directory = g_path_get_dirname (kh_store_get_path (store));
  GtkLabel *detail;
  KhWindow *window;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  gboolean set_aside = FALSE;

  g_assert_true (g_file_set_contents (kh_store_get_path (store),
                                      "This is not a database, only a file of text.\n"
                                      "It stands where the saved items would be.\n", -1, NULL));
  window = open_window_on_store (settings, store, endpoint->uri);
  detail = GTK_LABEL (template_child (window, KH_TYPE_WINDOW, "banner_detail"));

  /* The app carries on with a new store and says where the old one went. */
  g_assert_cmpuint (g_list_model_get_n_items (kh_window_get_items (window)), ==, 2);
  g_assert_nonnull (strstr (gtk_label_get_text (detail), ".damaged-"));
  dir = g_dir_open (directory, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    set_aside |= strstr (name, "khabar.db.damaged-") != NULL;
  g_assert_true (set_aside);

  close_window (window);
  remove_store (store);
}

/* The first items of a long feed */

typedef struct
{
  guint  max_items;
  char  *first_top;  /* the item on top once there first were any */
} ListWatch;

static void
list_watch_clear (ListWatch *watch)
{
  g_clear_pointer (&watch->first_top, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ListWatch, list_watch_clear)

static void
watch_items_cb (GListModel *model,
                guint       position,
                guint       removed,
                guint       added,
                ListWatch  *watch)
{
  guint n_items = g_list_model_get_n_items (model);

  watch->max_items = MAX (watch->max_items, n_items);
  if (watch->first_top == NULL && n_items > 0)
    {
      g_autoptr(KhItem) top = g_list_model_get_item (model, 0);

      watch->first_top = g_strdup (kh_item_get_id (top));
    }
}

/* open_window(), watching the list from before the first refresh. */
static KhWindow *
open_window_watching (KhSettings *settings,
                      const char *uri,
                      ListWatch  *watch)
{
  KhStore *store = create_store ();
  KhWindow *window = kh_window_new (NULL, settings, store);

  g_object_ref_sink (window);
  g_object_set_data_full (G_OBJECT (window), "test-store", store, (GDestroyNotify) remove_store);
  g_signal_connect (kh_window_get_items (window), "items-changed", G_CALLBACK (watch_items_cb), watch);
  kh_window_set_endpoint_override (window, uri);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_load (window);
  g_signal_handlers_disconnect_by_data (kh_window_get_items (window), watch);
  return window;
}

/* A feed that breaks after its first 50 items: they are listed, then
 * withdrawn, and the error shows as it would have without them. */
static void
test_preview_withdrawn (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (120);
  g_auto(ListWatch) watch = { 0 };
  KhWindow *window;
  GtkStack *stack;
  GtkLabel *detail;
  g_autofree char *position = NULL;

  endpoint->broken = 100;
  window = open_window_watching (settings, endpoint->uri, &watch);
  stack = GTK_STACK (template_child (window, KH_TYPE_WINDOW, "main_stack"));
  detail = GTK_LABEL (template_child (window, KH_TYPE_WINDOW, "error_detail"));
  /* Item 100 is on line 101; json-glib points at the last letter of "tru". */
  position = g_strdup_printf (_("Line %u, column %u: %s"), 101, 24, "");

  /* The preview was listed, the newest of the first 50 on top (merges
   * start with two items a turn, and the failure may come before the last
   * of them). */
  g_assert_cmpuint (watch.max_items, >=, 2);
  g_assert_cmpuint (watch.max_items, <=, 50);
  g_assert_cmpstr (watch.first_top, ==, "item-119");
  g_assert_cmpuint (g_list_model_get_n_items (kh_window_get_items (window)), ==, 0);
  g_assert_null (gtk_single_selection_get_selected_item (selection_of (window)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_nonnull (strstr (gtk_label_get_text (detail), endpoint->uri));
  g_assert_nonnull (strstr (gtk_label_get_text (detail), position));
  g_assert_false (has_failures (window));
  g_assert_cmpuint (endpoint->n_requests, ==, 1);

  close_window (window);
}

/* After the preview, the rest of the feed: every item once, the newest
 * on top, selected and open, whichever order the document has. */
static void
check_preview_then_rest (gboolean oldest_first)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (120);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(ListWatch) watch = { 0 };
  GListModel *items;
  KhArticleView *view;
  GtkStack *stack;
  KhWindow *window;
  KhItem *selected;

  endpoint->oldest_first = oldest_first;
  window = open_window_watching (settings, endpoint->uri, &watch);
  items = kh_window_get_items (window);
  view = KH_ARTICLE_VIEW (template_child (window, KH_TYPE_WINDOW, "article_view"));
  stack = GTK_STACK (template_child (window, KH_TYPE_WINDOW, "main_stack"));

  /* The first items listed were the preview's: the newest of the
   * document's first 50. */
  g_assert_cmpstr (watch.first_top, ==, oldest_first ? "item-49" : "item-119");
  g_assert_cmpuint (watch.max_items, ==, 120);
  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 120);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    g_assert_true (g_hash_table_add (ids, (gpointer) kh_item_get_id (item_at (window, i))));
  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *id = g_strdup_printf ("item-%u", i);

      g_assert_true (g_hash_table_contains (ids, id));
    }

  g_assert_cmpstr (kh_item_get_id (item_at (window, 0)), ==, "item-119");
  g_assert_cmpstr (kh_item_get_id (item_at (window, 119)), ==, "item-0");
  g_assert_cmpuint (gtk_single_selection_get_selected (selection_of (window)), ==, 0);
  selected = gtk_single_selection_get_selected_item (selection_of (window));
  g_assert_cmpstr (kh_item_get_id (selected), ==, "item-119");
  g_assert_true (kh_article_view_get_item (view) == selected);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "reader");
  g_assert_false (has_failures (window));
  /* Nothing is announced as new: it is all the first load. */
  g_assert_false (gtk_widget_get_visible (template_child (window, KH_TYPE_WINDOW, "new_button")));

  close_window (window);
}

static void
test_preview_then_rest (void)
{
  check_preview_then_rest (FALSE);
}

static void
test_preview_then_rest_oldest_first (void)
{
  check_preview_then_rest (TRUE);
}

int
main (int   argc,
      char *argv[])
{
  init_ui_test (&argc, &argv);

  g_test_add_func ("/live/new-item-keeps-selection", test_new_item_keeps_selection);
  g_test_add_func ("/live/not-modified-is-silent", test_not_modified_is_silent);
  g_test_add_func ("/live/edited-item-in-place", test_edited_item_updates_in_place);
  g_test_add_func ("/live/retry-after", test_retry_after_shown);
  g_test_add_func ("/live/offline-start", test_offline_start);
  g_test_add_func ("/live/state-survives-restart", test_state_survives_restart);
  g_test_add_func ("/live/row-state-in-words", test_row_state_in_words);
  g_test_add_func ("/live/new-items-pill", test_new_items_pill);
  g_test_add_func ("/live/newest-stay-in-view", test_newest_stay_in_view);
  g_test_add_func ("/live/damaged-store", test_damaged_store_set_aside);
  g_test_add_func ("/live/older-pages", test_older_pages);
  g_test_add_func ("/live/coverage-ended", test_coverage_ended);
  g_test_add_func ("/live/preview/withdrawn", test_preview_withdrawn);
  g_test_add_func ("/live/preview/then-rest", test_preview_then_rest);
  g_test_add_func ("/live/preview/then-rest-oldest-first", test_preview_then_rest_oldest_first);

  return g_test_run ();
}
