/* test-fetcher.c: fetching against an in-process server on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "kh-error.h"
#include "kh-feed-parser.h"
#include "kh-fetcher.h"

static const char feed_body[] =
  "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"test\","
  " \"items\": [{\"id\": \"1\", \"title\": \"عنوان\"}]}";

typedef struct
{
  SoupServer     *server;
  GSocketService *raw_service;
  char           *base;
  char           *raw_base;
  char           *last_user_agent;
} Fixture;

static void
ok_cb (SoupServer        *server,
       SoupServerMessage *message,
       const char        *path,
       GHashTable        *query,
       gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (message);

  g_free (fixture->last_user_agent);
  fixture->last_user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_STATIC,
                                    feed_body, strlen (feed_body));
}

static void
status_cb (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  guint status = (guint) g_ascii_strtoull (path + strlen ("/status/"), NULL, 10);

  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/plain", SOUP_MEMORY_STATIC, "no", 2);
}

static void
never_cb (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  /* Never answered: the client's timeout must end the request. */
  soup_server_message_pause (message);
}

static void
big_cb (SoupServer        *server,
        SoupServerMessage *message,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  gsize size = 64 * 1024;
  char *body = g_malloc (size);

  memset (body, ' ', size);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  if (g_str_has_suffix (path, "chunked"))
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
      SoupMessageBody *response = soup_server_message_get_response_body (message);

      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_body_append_take (response, (guchar *) body, size);
      soup_message_body_complete (response);
      return;
    }
  soup_server_message_set_response (message, "application/json", SOUP_MEMORY_TAKE, body, size);
}

/* Several megabytes that differ everywhere, so a block put back in the
 * wrong place or cut short shows. */
#define PATTERN_SIZE (3 * 1024 * 1024 + 12345)

static char *
pattern_body (void)
{
  char *body = g_malloc (PATTERN_SIZE);

  for (gsize i = 0; i < PATTERN_SIZE; i++)
    body[i] = (char) ((i * 7 + i / 4093) & 0xff);
  return body;
}

static void
pattern_cb (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  if (g_str_has_suffix (path, "chunked"))
    {
      SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
      SoupMessageBody *response = soup_server_message_get_response_body (message);
      g_autofree char *body = pattern_body ();

      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      /* Pieces of odd sizes, across the fetcher's blocks. */
      for (gsize offset = 0; offset < PATTERN_SIZE; offset += 77777)
        soup_message_body_append (response, SOUP_MEMORY_COPY, body + offset,
                                  MIN (77777, PATTERN_SIZE - offset));
      soup_message_body_complete (response);
      return;
    }
  soup_server_message_set_response (message, "application/octet-stream", SOUP_MEMORY_TAKE,
                                    pattern_body (), PATTERN_SIZE);
}

static void
not_json_cb (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  const char *html = "<html><body>Not a feed</body></html>";

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "text/html", SOUP_MEMORY_STATIC, html, strlen (html));
}

/* A raw server that promises 1000 bytes, sends a few, and hangs up.  It
 * runs in a thread of its own, as its blocking reads would otherwise wait
 * for a client that shares the main loop. */
static gboolean
raw_incoming_cb (GSocketService    *service,
                 GSocketConnection *connection,
                 GObject           *source,
                 gpointer           user_data)
{
  static const char response[] =
    "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"items\": [";
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  char request[4096];

  g_input_stream_read (input, request, sizeof request, NULL, NULL);
  g_output_stream_write_all (output, response, strlen (response), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static char *
uri_to_base (GSList *uris)
{
  g_autofree char *uri = g_uri_to_string (uris->data);

  /* "http://127.0.0.1:PORT/" without its final slash. */
  uri[strlen (uri) - 1] = '\0';
  return g_steal_pointer (&uri);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  guint16 port;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, "/ok", ok_cb, fixture, NULL);
  soup_server_add_handler (fixture->server, "/status", status_cb, fixture, NULL);
  soup_server_add_handler (fixture->server, "/never", never_cb, fixture, NULL);
  soup_server_add_handler (fixture->server, "/big", big_cb, fixture, NULL);
  soup_server_add_handler (fixture->server, "/pattern", pattern_cb, fixture, NULL);
  soup_server_add_handler (fixture->server, "/not-json", not_json_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fixture->server);
  fixture->base = uri_to_base (uris);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  fixture->raw_service = g_threaded_socket_service_new (2);
  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (fixture->raw_service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (fixture->raw_service, "run", G_CALLBACK (raw_incoming_cb), NULL);
  fixture->raw_base = g_strdup_printf ("http://127.0.0.1:%u", port);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_socket_service_stop (fixture->raw_service);
  g_clear_object (&fixture->raw_service);
  g_free (fixture->base);
  g_free (fixture->raw_base);
  g_free (fixture->last_user_agent);
}

typedef struct
{
  GBytes   *bytes;
  GError   *error;
  gboolean  done;
} FetchResult;

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  FetchResult *fetch = user_data;

  fetch->bytes = kh_fetcher_fetch_finish (KH_FETCHER (source), result, &fetch->error);
  fetch->done = TRUE;
}

/* Runs one fetch to its end on the test's main context. */
static GBytes *
fetch (KhFetcher   *fetcher,
       const char  *uri,
       GError     **error)
{
  FetchResult result = { 0 };

  kh_fetcher_fetch_async (fetcher, uri, NULL, fetched_cb, &result);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);

  if (result.error != NULL)
    g_propagate_error (error, result.error);
  return result.bytes;
}

static void
test_http_ok (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();
  g_autofree char *uri = g_strconcat (fixture->base, "/ok", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = fetch (fetcher, uri, &error);

  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                   feed_body, strlen (feed_body));
  g_assert_cmpstr (fixture->last_user_agent, ==, "Khabar/" PACKAGE_VERSION);
}

/* A body of many reads comes back whole and in order. */
static void
test_http_long_body (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *paths[] = { "/pattern", "/pattern/chunked" };
  g_autofree char *expected = pattern_body ();

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();
      g_autofree char *uri = g_strconcat (fixture->base, paths[i], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = fetch (fetcher, uri, &error);

      g_assert_no_error (error);
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), expected, PATTERN_SIZE);
    }
}

static void
assert_http_status (Fixture    *fixture,
                    guint       status,
                    const char *expected_text)
{
  g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();
  g_autofree char *uri = g_strdup_printf ("%s/status/%u", fixture->base, status);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = fetch (fetcher, uri, &error);

  g_assert_null (bytes);
  g_assert_error (error, KH_FETCH_ERROR, KH_FETCH_ERROR_HTTP);
  g_assert_nonnull (strstr (error->message, expected_text));
}

static void
test_http_404 (Fixture       *fixture,
               gconstpointer  data)
{
  assert_http_status (fixture, 404, "404 Not Found");
}

static void
test_http_500 (Fixture       *fixture,
               gconstpointer  data)
{
  assert_http_status (fixture, 500, "500 Internal Server Error");
}

static void
test_http_timeout (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();
  g_autofree char *uri = g_strconcat (fixture->base, "/never", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gint64 start = g_get_monotonic_time ();

  kh_fetcher_set_timeout (fetcher, 1);
  bytes = fetch (fetcher, uri, &error);

  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  /* Bounded: the request ends soon after the timeout, not never. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
}

static void
test_http_cut_short (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();
  g_autofree char *uri = g_strconcat (fixture->raw_base, "/cut", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = fetch (fetcher, uri, &error);

  g_assert_null (bytes);
  g_assert_nonnull (error);
  g_assert_false (error->domain == KH_FETCH_ERROR);
}

static void
assert_too_large (Fixture    *fixture,
                  const char *path)
{
  g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();
  g_autofree char *uri = g_strconcat (fixture->base, path, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  kh_fetcher_set_max_size (fetcher, 16 * 1024);
  bytes = fetch (fetcher, uri, &error);

  g_assert_null (bytes);
  g_assert_error (error, KH_FETCH_ERROR, KH_FETCH_ERROR_TOO_LARGE);

  /* g_format_size() puts a no-break space before the unit. */
  g_assert_nonnull (strstr (error->message, "16.4\u00a0kB"));
}

static void
test_http_oversize (Fixture       *fixture,
                    gconstpointer  data)
{
  assert_too_large (fixture, "/big");
}

static void
test_http_oversize_chunked (Fixture       *fixture,
                            gconstpointer  data)
{
  assert_too_large (fixture, "/big/chunked");
}

static void
test_http_not_json (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();
  g_autofree char *uri = g_strconcat (fixture->base, "/not-json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = fetch (fetcher, uri, &error);
  g_autoptr(KhFeed) feed = NULL;

  g_assert_no_error (error);
  feed = kh_feed_parser_parse (bytes, &error);
  g_assert_null (feed);
  /* A web page is recognised as one, not read as broken JSON. */
  g_assert_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED);
  g_assert_cmpstr (error->message, ==, "Not a news feed: a web page without an article or a live blog");
}

static void
test_http_refused (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *uri = NULL;
  guint16 port;

  /* A port that was free a moment ago and has no listener now. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  uri = g_strdup_printf ("http://127.0.0.1:%u/feed.json", port);

  bytes = fetch (fetcher, uri, &error);
  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
}

static void
test_file (void)
{
  g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "fetch-ok.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (file);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = fetch (fetcher, uri, &error);
  gsize length;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), contents, length);
}

static void
test_file_missing (void)
{
  g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = fetch (fetcher, "file:///nonexistent/khabar/feed.json", &error);

  g_assert_null (bytes);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_file_too_large (void)
{
  g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "fetch-ok.json", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  kh_fetcher_set_max_size (fetcher, 10);
  bytes = fetch (fetcher, uri, &error);
  g_assert_null (bytes);
  g_assert_error (error, KH_FETCH_ERROR, KH_FETCH_ERROR_TOO_LARGE);
}

static void
test_resource (void)
{
  g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = fetch (fetcher, "resource:///io/github/khabar/Khabar/tests/fetch-ok.json",
                                   &error);
  g_autoptr(KhFeed) feed = NULL;

  g_assert_no_error (error);
  feed = kh_feed_parser_parse (bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 2);
}

static void
test_unsupported_scheme (void)
{
  g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = fetch (fetcher, "ftp://127.0.0.1/feed.json", &error);

  g_assert_null (bytes);
  g_assert_error (error, KH_FETCH_ERROR, KH_FETCH_ERROR_UNSUPPORTED_URI);
}

static void
test_image_policy (void)
{
  struct {
    const char *feed;
    const char *image;
    const char *expected;
  } cases[] = {
    { "https://example.org/feed.json", "https://example.org/a.jpg", "https://example.org/a.jpg" },
    { "https://example.org/live/feed.json", "img/a.jpg", "https://example.org/live/img/a.jpg" },
    { "https://example.org/feed.json", "file:///etc/passwd", NULL },
    { "https://example.org/feed.json", "resource:///io/github/khabar/Khabar/demo/feed.json", NULL },
    { "https://example.org/feed.json", "javascript:alert(1)", NULL },
    { "https://example.org/feed.json", "data:image/png;base64,AAAA", NULL },
    { "https://example.org/feed.json", "", NULL },
    { "resource:///io/github/khabar/Khabar/demo/feed.json", "resource:///io/github/khabar/Khabar/demo/images/a.jpg",
      "resource:///io/github/khabar/Khabar/demo/images/a.jpg" },
    { "file:///home/reader/feed.json", "pictures/a.jpg", "file:///home/reader/pictures/a.jpg" },
    { "file:///home/reader/feed.json", "http://example.org/a.jpg", "http://example.org/a.jpg" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *resolved = kh_fetcher_resolve_linked_uri (cases[i].feed, cases[i].image);

      g_assert_cmpstr (resolved, ==, cases[i].expected);
    }
}

#define REMOTE "https://example.org/live/feed.json"
#define LOCAL "file:///home/reader/feeds/feed.json"
#define RESOURCE "resource:///io/github/khabar/Khabar/demo/feed.json"

/* What a hostile feed may try, from each kind of feed: nothing reaches a
 * file or resource outside the feed's own folder, whatever the spelling. */
static void
test_link_policy_hostile (void)
{
  struct {
    const char *feed;
    const char *reference;
    const char *expected;
  } cases[] = {
    /* Other schemes, in any case and with any prefix. */
    { REMOTE, "FILE:///etc/passwd", NULL },
    { REMOTE, "file:/etc/passwd", NULL },
    { REMOTE, "file:etc/passwd", NULL },
    { REMOTE, "JaVaScRiPt:alert(1)", NULL },
    { REMOTE, "vbscript:msgbox", NULL },
    { REMOTE, "data:text/html,<script>alert(1)</script>", NULL },
    { REMOTE, "mailto:editor@example.org", NULL },
    { REMOTE, "ftp://example.org/a.jpg", NULL },
    { REMOTE, "smb://server/share/a.jpg", NULL },
    { REMOTE, "view-source:https://example.org/", NULL },
    /* Leading white space makes a relative path, on the feed's host. */
    { REMOTE, " file:///etc/passwd", "https://example.org/live/%20file:///etc/passwd" },
    { REMOTE, "\tjavascript:alert(1)", "https://example.org/live/%09javascript:alert(1)" },
    /* Climbing out of a web folder only reaches the same web server. */
    { REMOTE, "../../../../etc/passwd", "https://example.org/etc/passwd" },
    { REMOTE, "%2e%2e/%2e%2e/etc/passwd", "https://example.org/etc/passwd" },
    { REMOTE, "/etc/passwd", "https://example.org/etc/passwd" },
    { REMOTE, "//images.example.net/a.jpg", "https://images.example.net/a.jpg" },
    /* Backslashes are not separators. */
    { REMOTE, "\\\\evil.example\\a.jpg", "https://example.org/live/%5C%5Cevil.example%5Ca.jpg" },
    /* Web addresses without a host are none. */
    { REMOTE, "https:evil.example/a.jpg", NULL },
    { REMOTE, "https:///a.jpg", NULL },
    { REMOTE, "https://", NULL },
    { REMOTE, "http:/\\evil.example", NULL },

    /* A local feed: its folder and below, nothing else of this machine. */
    { LOCAL, "a.jpg", "file:///home/reader/feeds/a.jpg" },
    { LOCAL, "pictures/../a.jpg", "file:///home/reader/feeds/a.jpg" },
    { LOCAL, "file:///home/reader/feeds/pictures/a.jpg", "file:///home/reader/feeds/pictures/a.jpg" },
    { LOCAL, "https://example.org/a.jpg", "https://example.org/a.jpg" },
    { LOCAL, "file:///etc/passwd", NULL },
    { LOCAL, "/etc/passwd", NULL },
    { LOCAL, "../../../../etc/passwd", NULL },
    { LOCAL, "pictures/../../secret.txt", NULL },
    { LOCAL, "%2e%2e/%2e%2e/%2e%2e/etc/passwd", NULL },
    { LOCAL, "pictures/%2e%2e/%2e%2e/secret.txt", NULL },
    { LOCAL, "..%2f..%2f..%2fetc%2fpasswd", NULL },
    { LOCAL, "file:///home/reader/feeds-other/a.jpg", NULL },
    { LOCAL, "file:///home/reader/feeds", NULL },
    { LOCAL, "//evil.example/share/a.jpg", NULL },
    { LOCAL, "file://evil.example/home/reader/feeds/a.jpg", NULL },
    { LOCAL, "a%00.jpg", NULL },
    { LOCAL, "resource:///io/github/khabar/Khabar/demo/feed.json", NULL },
    { LOCAL, "data:image/png;base64,AAAA", NULL },
    { LOCAL, "javascript:alert(1)", NULL },

    /* A resource feed: its own resources, never a file. */
    { RESOURCE, "images/a.jpg", "resource:///io/github/khabar/Khabar/demo/images/a.jpg" },
    { RESOURCE, "file:///etc/passwd", NULL },
    { RESOURCE, "../../../../etc/passwd", NULL },
    { RESOURCE, "resource:///io/github/khabar/Khabar/ui/kh-window.ui", NULL },
    { RESOURCE, "/org/gtk/libgtk/theme/Default/gtk.css", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *resolved = kh_fetcher_resolve_linked_uri (cases[i].feed, cases[i].reference);

      if (g_strcmp0 (resolved, cases[i].expected) != 0)
        g_error ("From %s, “%s” resolved to %s, not %s", cases[i].feed, cases[i].reference,
                 resolved ? resolved : "nothing", cases[i].expected ? cases[i].expected : "nothing");
    }
}

/* Only web pages and mail addresses open in another application. */
static void
test_link_policy_open (void)
{
  const char *openable[] = {
    "https://example.org/live", "http://example.org", "HTTPS://EXAMPLE.ORG/", "mailto:editor@example.org",
  };
  const char *refused[] = {
    "file:///etc/passwd", "javascript:alert(1)", "data:text/html,x", "resource:///io/github/khabar/Khabar",
    "mailto:", "mailto:a@example.org\nBcc: b@example.org", "https:example.org", "https://", "ghelp:gtk",
    "x-scheme-handler:evil", "", "about:blank", "sms:+100", "tel:+100", "smb://server/share",
  };

  for (guint i = 0; i < G_N_ELEMENTS (openable); i++)
    if (!kh_fetcher_can_open_link (openable[i]))
      g_error ("“%s” should open", openable[i]);
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    if (kh_fetcher_can_open_link (refused[i]))
      g_error ("“%s” should not open", refused[i]);
  g_assert_false (kh_fetcher_can_open_link (NULL));
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *uri = g_strconcat (fixture->base, "/never", NULL);
  FetchResult result = { 0 };

  kh_fetcher_fetch_async (fetcher, uri, cancellable, fetched_cb, &result);
  g_cancellable_cancel (cancellable);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_null (result.bytes);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&result.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/fetch/http/ok", Fixture, NULL, fixture_set_up, test_http_ok, fixture_tear_down);
  g_test_add ("/fetch/http/long-body", Fixture, NULL, fixture_set_up, test_http_long_body, fixture_tear_down);
  g_test_add ("/fetch/http/404", Fixture, NULL, fixture_set_up, test_http_404, fixture_tear_down);
  g_test_add ("/fetch/http/500", Fixture, NULL, fixture_set_up, test_http_500, fixture_tear_down);
  g_test_add ("/fetch/http/timeout", Fixture, NULL, fixture_set_up, test_http_timeout, fixture_tear_down);
  g_test_add ("/fetch/http/cut-short", Fixture, NULL, fixture_set_up, test_http_cut_short, fixture_tear_down);
  g_test_add ("/fetch/http/oversize", Fixture, NULL, fixture_set_up, test_http_oversize, fixture_tear_down);
  g_test_add ("/fetch/http/oversize-chunked", Fixture, NULL, fixture_set_up,
              test_http_oversize_chunked, fixture_tear_down);
  g_test_add ("/fetch/http/not-json", Fixture, NULL, fixture_set_up, test_http_not_json, fixture_tear_down);
  g_test_add ("/fetch/http/refused", Fixture, NULL, fixture_set_up, test_http_refused, fixture_tear_down);
  g_test_add ("/fetch/http/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add_func ("/fetch/file/ok", test_file);
  g_test_add_func ("/fetch/file/missing", test_file_missing);
  g_test_add_func ("/fetch/file/too-large", test_file_too_large);
  g_test_add_func ("/fetch/resource", test_resource);
  g_test_add_func ("/fetch/unsupported-scheme", test_unsupported_scheme);
  g_test_add_func ("/fetch/image-policy", test_image_policy);
  g_test_add_func ("/fetch/link-policy/hostile", test_link_policy_hostile);
  g_test_add_func ("/fetch/link-policy/open", test_link_policy_open);

  return g_test_run ();
}
