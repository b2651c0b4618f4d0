/* test-hostile-window.c: what a hostile endpoint can do to the window
 *
 * Feed text is shown as text in every field, never read as Pango markup;
 * a hostile answer (a gzip bomb, a document nested too deep, bytes that
 * are not UTF-8, an HTTP error whose reason is markup and garbage, a
 * redirect to file://) leaves the items on screen and in the store as they
 * were, and the banner says what went wrong.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <string.h>

#include "kh-article-body.h"
#include "kh-article-view.h"
#include "kh-sidebar-row.h"
#include "kh-window.h"
#include "window-helpers.h"

/* Feed text meant to be read as markup if anything lets it. */
#define FEED_TITLE "<span foreground=\"red\">Feed</span> & <b>co"
#define CLOCK_LABEL "<i>دمشق</i> & <u>"
#define ITEM_TITLE "<span foreground=\"red\">red</span> & <b>bold"
#define AUTHOR_1 "<b>Author</b> & co"
#define AUTHOR_2 "&amp; <i"
#define DATELINE "<u>بيروت</u> &lt; &"
#define CAPTION "<span size=\"100000\">big</span> &copy; <"
#define DUPLICATE_ID "<b>dup</b>"

#define BREAKING_TITLE "<b>عاجل</b> & <span foreground=\"red\">"
#define BREAKING_TITLE_JSON "<b>عاجل</b> & <span foreground=\\\"red\\\">"

/* The same, as JSON strings. */
static const char markup_feed[] =
  "{\"version\": \"https://jsonfeed.org/version/1.1\","
  " \"title\": \"<span foreground=\\\"red\\\">Feed</span> & <b>co\","
  " \"_khabar\": {\"timezone\": \"Asia/Damascus\", \"timezone_label\": \"<i>دمشق</i> & <u>\"},"
  " \"items\": ["
  "  {\"id\": \"markup\", \"title\": \"<span foreground=\\\"red\\\">red</span> & <b>bold\","
  "   \"date_published\": \"2026-11-29T10:00:00+02:00\", \"image\": \"/image.jpg\","
  "   \"url\": \"javascript:alert('<b>x</b>')\","
  "   \"authors\": [{\"name\": \"<b>Author</b> & co\"}, {\"name\": \"&amp; <i\"}],"
  "   \"tags\": [\"<b>tag</b>\"], \"content_text\": \"body\","
  "   \"_khabar\": {\"dateline\": \"<u>بيروت</u> &lt; &\","
  "                 \"image_caption\": \"<span size=\\\"100000\\\">big</span> &copy; <\"}},"
  "  {\"id\": \"<b>dup</b>\", \"title\": \"first\", \"date_published\": \"2026-11-29T09:00:00+02:00\"},"
  "  {\"id\": \"<b>dup</b>\", \"title\": \"second\"}"
  "]}";

/* RSS whose title holds bytes that are not UTF-8 and escaped markup. */
static const char invalid_utf8_rss[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<rss version=\"2.0\"><channel><title>RSS</title>"
  "<item><guid>bytes</guid><title>bad \xC0\xAF\xFF bytes &amp;lt;b&amp;gt; &lt;</title></item>"
  "</channel></rss>";

typedef enum
{
  MODE_GOOD,
  MODE_MARKUP,
  MODE_INVALID_UTF8_RSS,
  MODE_GZIP_BOMB,
  MODE_DEEP_NESTING,
  MODE_INVALID_UTF8_JSON,
  MODE_BAD_REASON,
  MODE_REDIRECT_TO_FILE,
  MODE_BREAKING,
} Mode;

typedef struct
{
  SoupServer *server;
  char       *base;
  char       *uri;
  Mode        mode;
} Endpoint;

static const char good_feed[] =
  "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"تغطية\", \"items\": ["
  "{\"id\": \"a\", \"title\": \"الخبر الأول\", \"date_published\": \"2026-11-29T08:00:00+03:00\"},"
  "{\"id\": \"b\", \"title\": \"الخبر الثاني\", \"date_published\": \"2026-11-29T09:00:00+03:00\"},"
  "{\"id\": \"c\", \"title\": \"الخبر الثالث\", \"date_published\": \"2026-11-29T10:00:00+03:00\"}]}";

/* 64 MB of JSON white space in some 64 kB of gzip. */
static GBytes *
make_gzip_bomb (void)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) output = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  g_autofree char *block = g_malloc (1024 * 1024);

  memset (block, ' ', 1024 * 1024);
  g_assert_true (g_output_stream_write_all (output, "{\"items\": [", 11, NULL, NULL, NULL));
  for (guint i = 0; i < 64; i++)
    g_assert_true (g_output_stream_write_all (output, block, 1024 * 1024, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (output, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
}

static void
respond (SoupServerMessage *message,
         const char        *type,
         const char        *body,
         gsize              length)
{
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, type, SOUP_MEMORY_COPY, body, length);
}

static void
serve_cb (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Endpoint *endpoint = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  switch (endpoint->mode)
    {
    case MODE_GOOD:
      respond (message, "application/feed+json", good_feed, strlen (good_feed));
      break;

    case MODE_MARKUP:
      respond (message, "application/feed+json", markup_feed, strlen (markup_feed));
      break;

    case MODE_INVALID_UTF8_RSS:
      respond (message, "application/rss+xml", invalid_utf8_rss, strlen (invalid_utf8_rss));
      break;

    case MODE_GZIP_BOMB:
      {
        g_autoptr(GBytes) bomb = make_gzip_bomb ();

        soup_message_headers_replace (headers, "Content-Encoding", "gzip");
        respond (message, "application/feed+json", g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb));
      }
      break;

    case MODE_DEEP_NESTING:
      {
        g_autoptr(GString) document = g_string_new ("{\"items\": [{\"id\": \"d\", \"title\": \"t\", \"x\": ");

        for (guint i = 0; i < 100000; i++)
          g_string_append_c (document, '[');
        for (guint i = 0; i < 100000; i++)
          g_string_append_c (document, ']');
        g_string_append (document, "}]}");
        respond (message, "application/feed+json", document->str, document->len);
      }
      break;

    case MODE_INVALID_UTF8_JSON:
      {
        static const char broken[] = "{\"items\": [{\"id\": \"x\", \"title\": \"\xFF\xFE<b>\"}]}";

        respond (message, "application/feed+json", broken, sizeof broken - 1);
      }
      break;

    case MODE_BAD_REASON:
      soup_server_message_set_status (message, SOUP_STATUS_SERVICE_UNAVAILABLE,
                                      "\xFF<b>down</b> & <span foreground=\"red\">\x01out");
      break;

    case MODE_REDIRECT_TO_FILE:
      soup_server_message_set_status (message, SOUP_STATUS_FOUND, NULL);
      soup_message_headers_replace (headers, "Location", "file:///etc/passwd");
      break;

    case MODE_BREAKING:
      {
        /* The good feed and a breaking item whose title is markup. */
        g_autofree char *feed = g_strdup (good_feed);
        g_autofree char *with_breaking = NULL;

        feed[strlen (feed) - 2] = '\0';
        with_breaking = g_strconcat (feed, ", {\"id\": \"d\", \"title\": \"" BREAKING_TITLE_JSON "\","
                                     " \"date_published\": \"2026-11-29T11:00:00+03:00\","
                                     " \"_khabar\": {\"breaking\": true}}]}", NULL);
        respond (message, "application/feed+json", with_breaking, strlen (with_breaking));
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static void
not_found_cb (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
}

static Endpoint *
endpoint_new (Mode mode)
{
  Endpoint *endpoint = g_new0 (Endpoint, 1);
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  endpoint->mode = mode;
  endpoint->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (endpoint->server, NULL, not_found_cb, endpoint, NULL);
  soup_server_add_handler (endpoint->server, "/feed", serve_cb, endpoint, NULL);
  soup_server_listen_local (endpoint->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (endpoint->server);
  endpoint->base = g_uri_to_string (uris->data);
  endpoint->uri = g_strconcat (endpoint->base, "feed", NULL);
  return endpoint;
}

static void
endpoint_free (Endpoint *endpoint)
{
  soup_server_disconnect (endpoint->server);
  g_object_unref (endpoint->server);
  g_free (endpoint->base);
  g_free (endpoint->uri);
  g_free (endpoint);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Endpoint, endpoint_free)

static GtkLabel *
label_of (gpointer    widget,
          GType       type,
          const char *name)
{
  GtkLabel *label = GTK_LABEL (template_child (widget, type, name));

  g_assert_false (gtk_label_get_use_markup (label));
  return label;
}

static void
assert_label_text (GtkLabel   *label,
                   const char *expected)
{
  g_assert_false (gtk_label_get_use_markup (label));
  g_assert_cmpstr (gtk_label_get_text (label), ==, expected);
}

static void
assert_label_contains (GtkLabel   *label,
                       const char *part)
{
  const char *text = gtk_label_get_text (label);

  g_assert_false (gtk_label_get_use_markup (label));
  if (strstr (text, part) == NULL)
    g_error ("The label “%s” does not show “%s”", text, part);
}

/* No label anywhere in @widget reads markup that came from the feed.
 * Article bodies are markup built and escaped by the block converter,
 * tested on their own (test-html-blocks, test-article). */
static void
assert_no_feed_markup (GtkWidget *widget)
{
  static const char * const pieces[] = { "foreground=", "<b>", "<i>", "<u>", "size=", "&amp;" };

  if (KH_IS_ARTICLE_BODY (widget))
    return;
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_markup (GTK_LABEL (widget)))
    for (guint i = 0; i < G_N_ELEMENTS (pieces); i++)
      if (strstr (gtk_label_get_label (GTK_LABEL (widget)), pieces[i]) != NULL)
        g_error ("A label reads “%s” as markup", gtk_label_get_label (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_no_feed_markup (child);
}

static GtkWidget *
find_widget_of_type (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every field of an item, its feed's title and clock, and a problem that
 * quotes an id: all shown as the text they are. */
static void
test_markup_every_field (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (MODE_MARKUP);
  KhWindow *window = open_window (settings, endpoint->uri);
  GtkWidget *view = template_child (window, KH_TYPE_WINDOW, "article_view");
  GtkWidget *row = find_widget_of_type (template_child (window, KH_TYPE_WINDOW, "list_view"),
                                        KH_TYPE_SIDEBAR_ROW);
  g_autofree char *names = g_strjoin (_(", "), AUTHOR_1, AUTHOR_2, NULL);
  g_autofree char *byline = g_strdup_printf (_("By %s"), names);
  g_autofree char *problem = NULL;
  KhItem *item;

  item = kh_article_view_get_item (KH_ARTICLE_VIEW (view));
  g_assert_nonnull (item);
  g_assert_cmpstr (kh_item_get_id (item), ==, "markup");
  /* Tags are kept as they are; no label shows them. */
  g_assert_cmpstr (kh_item_get_tags (item)[0], ==, "<b>tag</b>");

  assert_label_text (label_of (window, KH_TYPE_WINDOW, "title_label"), FEED_TITLE);
  assert_label_text (label_of (view, KH_TYPE_ARTICLE_VIEW, "headline_label"), ITEM_TITLE);
  assert_label_contains (label_of (view, KH_TYPE_ARTICLE_VIEW, "meta_label"), CLOCK_LABEL);
  assert_label_text (label_of (view, KH_TYPE_ARTICLE_VIEW, "dateline_label"), DATELINE);
  assert_label_text (label_of (view, KH_TYPE_ARTICLE_VIEW, "caption_label"), CAPTION);
  assert_label_text (label_of (view, KH_TYPE_ARTICLE_VIEW, "byline_label"), byline);
  g_assert_nonnull (row);
  /* Row titles are inscriptions, which take plain text only. */
  g_assert_cmpstr (gtk_inscription_get_text (GTK_INSCRIPTION (template_child (row, KH_TYPE_SIDEBAR_ROW,
                                                                             "title_label"))),
                   ==, ITEM_TITLE);

  /* The skipped repeat is reported, its id quoted as text. */
  problem = g_strdup_printf (_("Item %u repeats the id “%s”; skipped"), 3, DUPLICATE_ID);
  assert_label_contains (label_of (window, KH_TYPE_WINDOW, "banner_detail"), problem);

  /* A link that is no web page offers nothing to open. */
  g_assert_false (gtk_widget_get_visible (template_child (view, KH_TYPE_ARTICLE_VIEW, "open_button")));

  assert_no_feed_markup (GTK_WIDGET (window));
  close_window (window);
}

/* Bytes that are not UTF-8 never reach a label as such. */
static void
test_invalid_utf8_fields (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (MODE_INVALID_UTF8_RSS);
  KhWindow *window = open_window (settings, endpoint->uri);
  GtkWidget *view = template_child (window, KH_TYPE_WINDOW, "article_view");
  GtkLabel *headline = label_of (view, KH_TYPE_ARTICLE_VIEW, "headline_label");
  const char *text = gtk_label_get_text (headline);

  g_assert_cmpuint (g_list_model_get_n_items (kh_window_get_items (window)), ==, 1);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  /* libxml2 recovers the rest of the title (without its entities, which
   * libxml2 2.9 drops once a document has broken a rule). */
  g_assert_true (g_str_has_prefix (text, "bad "));
  g_assert_nonnull (strstr (text, " bytes"));

  assert_no_feed_markup (GTK_WIDGET (window));
  close_window (window);
}

/* An address with markup in it is quoted as text in the error page. */
static void
test_markup_in_address (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (MODE_GOOD);
  g_autofree char *uri = g_strconcat (endpoint->base, "<b>missing</b>&amp;<span foreground=\"red\">", NULL);
  KhWindow *window = open_window (settings, uri);
  GtkStack *stack = GTK_STACK (template_child (window, KH_TYPE_WINDOW, "main_stack"));
  GtkLabel *detail = label_of (window, KH_TYPE_WINDOW, "error_detail");

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_true (g_str_has_prefix (gtk_label_get_text (detail), uri));

  assert_no_feed_markup (GTK_WIDGET (window));
  close_window (window);
}

static void
refresh_and_wait (KhWindow *window)
{
  kh_window_refresh (window);
  wait_for_load (window);
}

static void
assert_items_kept (KhWindow *window)
{
  GListModel *items = kh_window_get_items (window);
  const char *titles[] = { "الخبر الثالث", "الخبر الثاني", "الخبر الأول" };

  g_assert_cmpuint (g_list_model_get_n_items (items), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(KhItem) item = g_list_model_get_item (items, i);

      g_assert_cmpstr (kh_item_get_title (item), ==, titles[i]);
    }
}

/* Good items, then one hostile answer after another: each is said in the
 * banner, and the items stay, on screen and in the store. */
static void
test_hostile_answers_keep_items (void)
{
  struct {
    Mode        mode;
    const char *says;
  } answers[] = {
    { MODE_GZIP_BOMB, "33.6\u00a0MB" },
    { MODE_DEEP_NESTING, "256" },
    { MODE_INVALID_UTF8_JSON, "UTF-8" },
    { MODE_BAD_REASON, "503 \uFFFD<b>down</b> & <span foreground=\"red\">\uFFFDout" },
    { MODE_REDIRECT_TO_FILE, "file:///etc/passwd" },
  };
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (MODE_GOOD);
  KhStore *store = create_store ();
  g_autofree char *path = g_strdup (kh_store_get_path (store));
  KhWindow *window = open_window_on_store (settings, store, endpoint->uri);
  GtkRevealer *banner = GTK_REVEALER (template_child (window, KH_TYPE_WINDOW, "banner_revealer"));
  GtkLabel *detail = label_of (window, KH_TYPE_WINDOW, "banner_detail");
  GtkLabel *headline = label_of (template_child (window, KH_TYPE_WINDOW, "article_view"),
                                 KH_TYPE_ARTICLE_VIEW, "headline_label");
  g_autoptr(KhStore) reopened = NULL;
  g_autoptr(KhStoredFeed) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;

  assert_items_kept (window);
  g_assert_cmpstr (gtk_label_get_text (headline), ==, "الخبر الثالث");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.toggle-star", NULL);
  iterate_until_idle ();

  for (guint i = 0; i < G_N_ELEMENTS (answers); i++)
    {
      endpoint->mode = answers[i].mode;
      refresh_and_wait (window);

      g_assert_true (gtk_revealer_get_reveal_child (banner));
      assert_label_contains (detail, endpoint->uri);
      assert_label_contains (detail, answers[i].says);
      assert_items_kept (window);
      g_assert_cmpstr (gtk_label_get_text (headline), ==, "الخبر الثالث");
      assert_no_feed_markup (GTK_WIDGET (window));
    }

  /* The endpoint mends: the banner goes. */
  endpoint->mode = MODE_GOOD;
  refresh_and_wait (window);
  g_assert_false (gtk_revealer_get_reveal_child (banner));
  close_window (window);

  /* The store is whole and holds every item and the star. */
  reopened = kh_store_new (path);
  report = kh_store_check_integrity (reopened, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report, ==, "ok");
  stored = kh_store_load (reopened, endpoint->uri, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->items->len, ==, 3);
  g_assert_cmpstr (kh_item_get_id (stored->items->pdata[0]), ==, "c");
  g_assert_true (kh_item_get_starred (stored->items->pdata[0]));
  kh_store_close (reopened);
  remove_store (store);
}

/* A notification server on the test's session bus, as GTK's backend of
 * GNotification speaks to it: it keeps what it is asked to show. */
static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/><arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/><arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

typedef struct
{
  char *title;
  char *body;
  gboolean owned;
} Notification;

static void
notifications_method_cb (GDBusConnection       *connection,
                         const char            *sender,
                         const char            *object_path,
                         const char            *interface_name,
                         const char            *method_name,
                         GVariant              *parameters,
                         GDBusMethodInvocation *invocation,
                         gpointer               user_data)
{
  Notification *received = user_data;

  if (g_str_equal (method_name, "AddNotification"))
    {
      g_autoptr(GVariant) notification = g_variant_get_child_value (parameters, 2);

      g_clear_pointer (&received->title, g_free);
      g_clear_pointer (&received->body, g_free);
      g_variant_lookup (notification, "title", "s", &received->title);
      g_variant_lookup (notification, "body", "s", &received->body);
    }
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  ((Notification *) user_data)->owned = TRUE;
}

static gboolean
notification_arrived (gpointer data)
{
  return ((Notification *) data)->body != NULL;
}

static gboolean
name_owned (gpointer data)
{
  return ((Notification *) data)->owned;
}

/* A breaking item's title reaches the notification escaped, as some
 * notification servers read the body as markup. */
static void
test_notification_escaped (void)
{
  static const GDBusInterfaceVTable vtable = { notifications_method_cb, NULL, NULL, { 0 } };
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GDBusNodeInfo) info = NULL;
  g_autoptr(GtkApplication) application = NULL;
  g_autoptr(KhSettings) settings = create_settings ();
  g_autoptr(Endpoint) endpoint = endpoint_new (MODE_GOOD);
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = g_markup_escape_text (BREAKING_TITLE, -1);
  Notification received = { NULL, NULL, FALSE };
  KhStore *store = create_store ();
  KhWindow *window;
  guint object_id, owner_id;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    {
      g_test_skip ("No session bus");
      remove_store (store);
      return;
    }
  info = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  object_id = g_dbus_connection_register_object (bus, "/org/gtk/Notifications", info->interfaces[0],
                                                 &vtable, &received, NULL, &error);
  g_assert_no_error (error);
  owner_id = g_bus_own_name_on_connection (bus, "org.gtk.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                           name_acquired_cb, NULL, &received, NULL);
  wait_until (name_owned, &received);

  application = gtk_application_new ("io.github.khabar.Khabar.HostileTests", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (application), NULL, &error));
  g_assert_no_error (error);

  /* Never shown, so never active: breaking news is notified. */
  window = kh_window_new (application, settings, store);
  g_object_ref_sink (window);
  kh_window_set_endpoint_override (window, endpoint->uri);
  wait_for_load (window);
  assert_items_kept (window);

  endpoint->mode = MODE_BREAKING;
  refresh_and_wait (window);
  wait_until (notification_arrived, &received);

  g_assert_cmpstr (received.title, ==, _("Breaking news"));
  g_assert_cmpstr (received.body, ==, escaped);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate_until_idle ();
  g_assert_finalize_object (window);
  g_bus_unown_name (owner_id);
  g_dbus_connection_unregister_object (bus, object_id);
  g_free (received.title);
  g_free (received.body);
  remove_store (store);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  g_test_add_func ("/hostile-window/markup/every-field", test_markup_every_field);
  g_test_add_func ("/hostile-window/markup/invalid-utf8", test_invalid_utf8_fields);
  g_test_add_func ("/hostile-window/markup/address", test_markup_in_address);
  g_test_add_func ("/hostile-window/markup/notification", test_notification_escaped);
  g_test_add_func ("/hostile-window/answers-keep-items", test_hostile_answers_keep_items);

  return g_test_run ();
}
