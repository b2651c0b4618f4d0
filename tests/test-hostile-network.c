/* test-hostile-network.c: servers that misbehave on purpose
 *
 * Two servers on 127.0.0.1 play the hostile endpoint.  An in-process
 * SoupServer redirects in a loop or to file://, sends a gzip bomb and
 * speaks TLS with a certificate nobody signed.  A raw socket server, in
 * threads of its own, does what libsoup's server never would: trickles
 * headers, sends a body without end, resets the connection halfway,
 * announces absurd lengths and sends bytes that are not text.  Every fetch
 * must end in bounded time, within bounded memory, with a message that
 * names the cause.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include "kh-error.h"
#include "kh-fetcher.h"

#define MB (1024 * 1024)

/* The deadline the tests give the fetcher, and how long a fetch may take
 * at most with it (slow machines included). */
#define TEST_DEADLINE 2
#define MAX_SECONDS 10

typedef struct
{
  SoupServer     *server;
  SoupServer     *tls_server;
  GSocketService *raw_service;
  char           *base;
  char           *tls_base;
  char           *tls_other_base;
  char           *raw_base;
  guint           n_requests;
  guint           n_tls_requests;
  gint            stopping;
} Fixture;

/* The in-process SoupServer */

static void
redirect_cb (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  fixture->n_requests++;
  soup_server_message_set_status (message, SOUP_STATUS_FOUND, NULL);
  if (g_str_equal (path, "/redirect/loop"))
    soup_message_headers_replace (headers, "Location", "/redirect/loop");
  else if (g_str_equal (path, "/redirect/file"))
    soup_message_headers_replace (headers, "Location", "file:///etc/passwd");
  else if (g_str_equal (path, "/redirect/resource"))
    soup_message_headers_replace (headers, "Location", "resource:///io/github/khabar/Khabar/demo/feed.json");
  else if (g_str_equal (path, "/redirect/markup"))
    soup_message_headers_replace (headers, "Location", "javascript:<b>alert</b>(\"&amp;\")");
  else if (g_str_equal (path, "/redirect/tls"))
    {
      g_autofree char *target = g_strconcat (fixture->tls_base, "/feed.json", NULL);

      soup_message_headers_replace (headers, "Location", target);
    }
  else
    soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
}

/* 128 MB of spaces, gzipped to about 128 kB, made once. */
static GBytes *
get_gzip_bomb (void)
{
  static GBytes *bomb;
  g_autoptr(GZlibCompressor) compressor = NULL;
  g_autoptr(GOutputStream) memory = NULL;
  g_autoptr(GOutputStream) output = NULL;
  g_autofree char *block = NULL;

  if (bomb != NULL)
    return bomb;

  compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  memory = g_memory_output_stream_new_resizable ();
  output = g_converter_output_stream_new (memory, G_CONVERTER (compressor));
  block = g_malloc (MB);
  memset (block, ' ', MB);
  /* A feed's beginning, so only the size gives it away. */
  g_assert_true (g_output_stream_write_all (output, "{\"items\": [", 11, NULL, NULL, NULL));
  for (guint i = 0; i < 128; i++)
    g_assert_true (g_output_stream_write_all (output, block, MB, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (output, NULL, NULL));
  bomb = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  return bomb;
}

static void
gzip_bomb_cb (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  GBytes *bomb = get_gzip_bomb ();
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  soup_message_headers_replace (headers, "Content-Encoding", "gzip");
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bomb, NULL), g_bytes_get_size (bomb));
}

/* A 50 MB title: more than the whole document may be. */
static void
huge_title_cb (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  gsize size = 50 * MB;
  char *document = g_malloc (size);
  static const char start[] = "{\"items\": [{\"id\": \"1\", \"title\": \"";
  static const char end[] = "\"}]}";

  memset (document, 'a', size);
  memcpy (document, start, strlen (start));
  memcpy (document + size - strlen (end), end, strlen (end));
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_TAKE, document, size);
}

static void
tls_feed_cb (SoupServer        *server,
             SoupServerMessage *message,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  Fixture *fixture = user_data;

  fixture->n_tls_requests++;
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_STATIC,
                                    "{\"items\": []}", 13);
}

/* AddressSanitizer keeps freed memory in quarantine for a while: the
 * memory bounds, which are about not blowing up, widen under it. */
#if defined(__SANITIZE_ADDRESS__)
#define SANITIZER_FACTOR 3
#else
#define SANITIZER_FACTOR 1
#endif

/* The raw server: one thread per connection.  Its threads may outlive a
 * test case by a few moments, so the fixture waits for them to leave. */

static gint active_handlers;

static gboolean
send_text (GOutputStream *output,
           const char    *text,
           gsize          length)
{
  return g_output_stream_write_all (output, text, length, NULL, NULL, NULL);
}

#define SEND(output, literal) send_text ((output), (literal), sizeof (literal) - 1)

/* Sends @unit every @interval_ms until the client goes away or the test
 * ends, at most for a minute. */
static void
drip (Fixture       *fixture,
      GOutputStream *output,
      const char    *unit,
      gsize          unit_length,
      guint          interval_ms)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!g_atomic_int_get (&fixture->stopping) && g_get_monotonic_time () < end &&
         send_text (output, unit, unit_length))
    if (interval_ms > 0)
      g_usleep (interval_ms * 1000);
}

static void
reset_connection (GSocketConnection *connection)
{
  GSocket *socket = g_socket_connection_get_socket (connection);
  struct linger linger = { 1, 0 };

  /* Closing with a zero linger sends RST instead of FIN. */
  g_assert_cmpint (setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger), ==, 0);
  g_socket_close (socket, NULL);
}

/* The path of the request, read up to its blank line. */
static char *
read_request_path (GInputStream *input)
{
  g_autoptr(GString) request = g_string_new (NULL);
  char buffer[1024];
  g_auto(GStrv) words = NULL;

  while (strstr (request->str, "\r\n\r\n") == NULL && request->len < 16384)
    {
      gssize n = g_input_stream_read (input, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        return NULL;
      g_string_append_len (request, buffer, n);
    }
  words = g_strsplit (request->str, " ", 3);
  return g_strv_length (words) >= 2 ? g_strdup (words[1]) : NULL;
}

static void serve_raw (Fixture           *fixture,
                       GSocketConnection *connection);

static gboolean
raw_run_cb (GSocketService    *service,
            GSocketConnection *connection,
            GObject           *source,
            gpointer           user_data)
{
  Fixture *fixture = user_data;

  g_atomic_int_inc (&active_handlers);
  serve_raw (fixture, connection);
  g_atomic_int_add (&active_handlers, -1);
  return TRUE;
}

static void
serve_raw (Fixture           *fixture,
           GSocketConnection *connection)
{
  GOutputStream *output = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  GInputStream *input = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  g_autofree char *path = read_request_path (input);

  if (path == NULL)
    return;

  if (g_str_equal (path, "/slow-headers"))
    {
      /* Slowloris: a header that never ends, one byte at a time. */
      SEND (output, "HTTP/1.1 200 OK\r\nContent-Type: application/feed+json\r\nX-Drip: ");
      drip (fixture, output, "a", 1, 100);
    }
  else if (g_str_equal (path, "/slow-body"))
    {
      SEND (output, "HTTP/1.1 200 OK\r\nContent-Type: application/feed+json\r\nConnection: close\r\n\r\n"
                    "{\"items\": [");
      drip (fixture, output, " ", 1, 100);
    }
  else if (g_str_equal (path, "/endless"))
    {
      /* As fast as the client reads, for ever. */
      g_autofree char *chunk = g_malloc (64 * 1024 + 16);
      gsize header = g_snprintf (chunk, 16, "%x\r\n", 64 * 1024);

      memset (chunk + header, ' ', 64 * 1024);
      memcpy (chunk + header + 64 * 1024, "\r\n", 2);
      SEND (output, "HTTP/1.1 200 OK\r\nContent-Type: application/feed+json\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n");
      drip (fixture, output, chunk, header + 64 * 1024 + 2, 0);
    }
  else if (g_str_equal (path, "/reset-mid-body"))
    {
      char body[1000];

      memset (body, ' ', sizeof body);
      memcpy (body, "{\"items\": [", 11);
      SEND (output, "HTTP/1.1 200 OK\r\nContent-Type: application/feed+json\r\nContent-Length: 100000\r\n\r\n");
      send_text (output, body, sizeof body);
      /* Let the client read what came, then pull the plug (unread data
       * would go with the connection). */
      g_usleep (800 * 1000);
      reset_connection (connection);
    }
  else if (g_str_equal (path, "/reset-early"))
    reset_connection (connection);
  else if (g_str_equal (path, "/huge-length"))
    {
      /* A terabyte announced. */
      SEND (output, "HTTP/1.1 200 OK\r\nContent-Type: application/feed+json\r\n"
                    "Content-Length: 1099511627776\r\n\r\n{\"items\": [");
      g_usleep (300 * 1000);
    }
  else if (g_str_equal (path, "/overflow-length"))
    {
      SEND (output, "HTTP/1.1 200 OK\r\nContent-Type: application/feed+json\r\n"
                    "Content-Length: 999999999999999999999999999999\r\n\r\n{\"items\": [");
      g_usleep (300 * 1000);
    }
  else if (g_str_equal (path, "/bad-reason"))
    SEND (output, "HTTP/1.1 503 \xFF\xFE<b>bold</b> &amp; <span foreground=\"red\">\x01\x7F end\r\n"
                  "Content-Length: 0\r\n\r\n");
  else if (g_str_equal (path, "/long-reason"))
    {
      g_autofree char *reason = g_strnfill (8000, 'x');
      g_autofree char *status = g_strdup_printf ("HTTP/1.1 500 %s\r\nContent-Length: 0\r\n\r\n", reason);

      send_text (output, status, strlen (status));
    }
  else if (g_str_equal (path, "/nul-in-header"))
    SEND (output, "HTTP/1.1 200 OK\r\nContent-Type: application/feed+json\r\nX-Evil: a\0b\r\n"
                  "Content-Length: 2\r\n\r\n{}");
  else if (g_str_equal (path, "/garbage"))
    SEND (output, "\x16\x03\x01\x02\x00\x01\x00\x01\xFC\x03\x03 not HTTP at all\r\n\r\n");
}

/* Fixture */

static char *
base_of (SoupServer *server)
{
  g_autoslist(GUri) uris = soup_server_get_uris (server);
  g_autofree char *uri = g_uri_to_string (uris->data);

  /* "scheme://127.0.0.1:PORT/" without its final slash. */
  uri[strlen (uri) - 1] = '\0';
  return g_steal_pointer (&uri);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *cert_path = g_test_build_filename (G_TEST_DIST, "fixtures", "tls-test-cert.pem", NULL);
  g_autofree char *key_path = g_test_build_filename (G_TEST_DIST, "fixtures", "tls-test-key.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GError) error = NULL;
  guint16 port;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, "/redirect", redirect_cb, fixture, NULL);
  soup_server_add_handler (fixture->server, "/gzip-bomb", gzip_bomb_cb, fixture, NULL);
  soup_server_add_handler (fixture->server, "/huge-title", huge_title_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  fixture->base = base_of (fixture->server);

  /* A certificate made for these tests: right name, signed by itself. */
  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  fixture->tls_server = soup_server_new ("tls-certificate", certificate, NULL);
  soup_server_add_handler (fixture->tls_server, NULL, tls_feed_cb, fixture, NULL);
  soup_server_listen_local (fixture->tls_server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY | SOUP_SERVER_LISTEN_HTTPS,
                            &error);
  g_assert_no_error (error);
  fixture->tls_base = base_of (fixture->tls_server);

  /* The same server at a second loopback address, where it can. */
  {
    g_autoptr(GSocketAddress) other = g_inet_socket_address_new_from_string ("127.0.0.2", 0);
    g_autoptr(GError) other_error = NULL;
    g_autoslist(GUri) uris = NULL;

    if (soup_server_listen (fixture->tls_server, other, SOUP_SERVER_LISTEN_HTTPS, &other_error))
      {
        uris = soup_server_get_uris (fixture->tls_server);
        for (GSList *l = uris; l != NULL; l = l->next)
          if (g_strcmp0 (g_uri_get_host (l->data), "127.0.0.2") == 0)
            fixture->tls_other_base = g_strdup_printf ("https://127.0.0.2:%d", g_uri_get_port (l->data));
      }
  }

  fixture->raw_service = g_threaded_socket_service_new (8);
  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (fixture->raw_service), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (fixture->raw_service, "run", G_CALLBACK (raw_run_cb), fixture);
  fixture->raw_base = g_strdup_printf ("http://127.0.0.1:%u", port);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_atomic_int_set (&fixture->stopping, TRUE);
  while (g_atomic_int_get (&active_handlers) > 0 && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  soup_server_disconnect (fixture->tls_server);
  g_clear_object (&fixture->tls_server);
  g_socket_service_stop (fixture->raw_service);
  g_socket_listener_close (G_SOCKET_LISTENER (fixture->raw_service));
  g_clear_object (&fixture->raw_service);
  g_free (fixture->base);
  g_free (fixture->tls_base);
  g_free (fixture->tls_other_base);
  g_free (fixture->raw_base);
}

/* Fetching */

typedef struct
{
  GBytes *bytes;
  GError *error;
  double  seconds;
  gsize   growth;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->bytes, g_bytes_unref);
  g_clear_error (&outcome->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Outcome, outcome_clear)

static gsize
peak_rss (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return (gsize) usage.ru_maxrss * 1024;
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->bytes = kh_fetcher_fetch_finish (KH_FETCHER (source), result, &outcome->error);
  if (outcome->bytes == NULL && outcome->error == NULL)
    g_error ("A fetch failed without an error");
}

/* Fetches @base + @path with the default size limit and the tests'
 * deadline, and checks that it ended in bounded time with an error whose
 * message is text fit to show. */
static void
fetch_failing (const char *base,
               const char *path,
               Outcome    *outcome)
{
  g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();
  g_autofree char *uri = g_strconcat (base, path, NULL);
  gsize before = peak_rss ();
  gint64 start = g_get_monotonic_time ();

  kh_fetcher_set_deadline (fetcher, TEST_DEADLINE);
  kh_fetcher_fetch_async (fetcher, uri, NULL, fetched_cb, outcome);
  while (outcome->bytes == NULL && outcome->error == NULL)
    g_main_context_iteration (NULL, TRUE);
  outcome->seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  outcome->growth = peak_rss () - before;

  g_test_message ("%s: %.2f s, peak memory grew by %zu MB: %s", path, outcome->seconds,
                  outcome->growth / MB, outcome->error ? outcome->error->message : "no error");
  g_assert_null (outcome->bytes);
  g_assert_nonnull (outcome->error);
  g_assert_cmpfloat (outcome->seconds, <, MAX_SECONDS);
  /* Fit for a label: valid UTF-8, something to read. */
  g_assert_true (g_utf8_validate (outcome->error->message, -1, NULL));
  g_assert_cmpuint (strlen (outcome->error->message), >, 10);
}

static void
assert_message_contains (const GError *error,
                         const char   *part)
{
  if (strstr (error->message, part) == NULL)
    g_error ("“%s” does not say “%s”", error->message, part);
}

/* In a child process of its own, so its peak memory is its own. */
static gboolean
in_child (void)
{
  if (g_test_subprocess ())
    return TRUE;
  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  return FALSE;
}

/* Slow and endless */

static void
test_slow_headers (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  fetch_failing (fixture->raw_base, "/slow-headers", &outcome);
  g_assert_error (outcome.error, KH_FETCH_ERROR, KH_FETCH_ERROR_TOO_SLOW);
  assert_message_contains (outcome.error, "did not send the whole document within 2 seconds");
  /* The deadline, not the session's 30-second timeout, ended it. */
  g_assert_cmpfloat (outcome.seconds, >=, TEST_DEADLINE - 0.5);
}

static void
test_slow_body (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  fetch_failing (fixture->raw_base, "/slow-body", &outcome);
  g_assert_error (outcome.error, KH_FETCH_ERROR, KH_FETCH_ERROR_TOO_SLOW);
}

/* A body without end, sent as fast as it is read: the size limit ends it,
 * and memory grows by little more than the limit. */
static void
test_endless_body (Fixture       *fixture,
                   gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  if (!in_child ())
    return;

  fetch_failing (fixture->raw_base, "/endless", &outcome);
  g_assert_error (outcome.error, KH_FETCH_ERROR, KH_FETCH_ERROR_TOO_LARGE);
  assert_message_contains (outcome.error, "larger than the limit of 33.6\u00a0MB");
  g_assert_cmpuint (outcome.growth, <, 80 * MB * SANITIZER_FACTOR);
}

/* 128 MB of JSON in 128 kB of gzip.  libsoup inflates it on the fly; the
 * limit counts what comes out. */
static void
test_gzip_bomb (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  if (!in_child ())
    return;

  /* Made before measuring. */
  g_assert_cmpuint (g_bytes_get_size (get_gzip_bomb ()), <, MB);
  fetch_failing (fixture->base, "/gzip-bomb", &outcome);
  g_assert_error (outcome.error, KH_FETCH_ERROR, KH_FETCH_ERROR_TOO_LARGE);
  assert_message_contains (outcome.error, "larger than the limit");
  g_assert_cmpuint (outcome.growth, <, 80 * MB * SANITIZER_FACTOR);
}

static void
test_huge_title (Fixture       *fixture,
                 gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  fetch_failing (fixture->base, "/huge-title", &outcome);
  g_assert_error (outcome.error, KH_FETCH_ERROR, KH_FETCH_ERROR_TOO_LARGE);
}

/* Lengths */

static void
test_huge_length (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  fetch_failing (fixture->raw_base, "/huge-length", &outcome);
  /* Refused on the header alone, long before the deadline. */
  g_assert_error (outcome.error, KH_FETCH_ERROR, KH_FETCH_ERROR_TOO_LARGE);
  g_assert_cmpfloat (outcome.seconds, <, TEST_DEADLINE * 0.75);
}

static void
test_overflow_length (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  /* A length past 64 bits: refused one way or another, quickly. */
  fetch_failing (fixture->raw_base, "/overflow-length", &outcome);
  g_assert_cmpfloat (outcome.seconds, <, TEST_DEADLINE);
}

/* Broken connections */

static void
test_reset_mid_body (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  fetch_failing (fixture->raw_base, "/reset-mid-body", &outcome);
  /* How much arrived, and why the rest did not. */
  assert_message_contains (outcome.error, "The connection broke off after 1.0\u00a0kB of the document");
  g_assert_false (outcome.error->domain == KH_FETCH_ERROR);
}

static void
test_reset_early (Fixture       *fixture,
                  gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  fetch_failing (fixture->raw_base, "/reset-early", &outcome);
  g_assert_false (outcome.error->domain == KH_FETCH_ERROR);
}

static void
test_not_http (Fixture       *fixture,
               gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  fetch_failing (fixture->raw_base, "/garbage", &outcome);
}

/* What the server says is quoted as text */

static void
test_bad_reason_phrase (Fixture       *fixture,
                        gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  fetch_failing (fixture->raw_base, "/bad-reason", &outcome);
  g_assert_error (outcome.error, KH_FETCH_ERROR, KH_FETCH_ERROR_HTTP);
  /* Invalid bytes and control characters replaced; markup left as text. */
  g_assert_cmpstr (outcome.error->message, ==,
                   "The server answered HTTP 503 \uFFFD\uFFFD<b>bold</b> &amp; <span foreground=\"red\">"
                   "\uFFFD\uFFFD end");
}

static void
test_long_reason_phrase (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  fetch_failing (fixture->raw_base, "/long-reason", &outcome);
  g_assert_error (outcome.error, KH_FETCH_ERROR, KH_FETCH_ERROR_HTTP);
  g_assert_cmpuint (g_utf8_strlen (outcome.error->message, -1), <, 300);
}

static void
test_nul_in_header (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };
  g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();

  /* libsoup refuses such a header, or reads past it; either way the fetch
   * ends and nothing breaks. */
  {
    g_autofree char *uri = g_strconcat (fixture->raw_base, "/nul-in-header", NULL);

    kh_fetcher_set_deadline (fetcher, TEST_DEADLINE);
    kh_fetcher_fetch_async (fetcher, uri, NULL, fetched_cb, &outcome);
    while (outcome.bytes == NULL && outcome.error == NULL)
      g_main_context_iteration (NULL, TRUE);
  }
  if (outcome.error != NULL)
    g_assert_true (g_utf8_validate (outcome.error->message, -1, NULL));
  else
    g_assert_cmpuint (g_bytes_get_size (outcome.bytes), ==, 2);
}

/* Redirects */

static void
test_redirect_loop (Fixture       *fixture,
                    gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  fetch_failing (fixture->base, "/redirect/loop", &outcome);
  g_assert_error (outcome.error, KH_FETCH_ERROR, KH_FETCH_ERROR_REDIRECT);
  assert_message_contains (outcome.error, "redirected the request too many times");
  /* The first request and libsoup's 20 redirects, no more. */
  g_assert_cmpuint (fixture->n_requests, ==, 21);
}

static void
test_redirect_to_file (Fixture       *fixture,
                       gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  fetch_failing (fixture->base, "/redirect/file", &outcome);
  g_assert_error (outcome.error, KH_FETCH_ERROR, KH_FETCH_ERROR_REDIRECT);
  g_assert_cmpstr (outcome.error->message, ==,
                   "The server redirected to “file:///etc/passwd”; only http and https addresses are followed");
}

static void
test_redirect_to_resource (Fixture       *fixture,
                           gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  fetch_failing (fixture->base, "/redirect/resource", &outcome);
  g_assert_error (outcome.error, KH_FETCH_ERROR, KH_FETCH_ERROR_REDIRECT);
  assert_message_contains (outcome.error, "resource:///io/github/khabar/Khabar/demo/feed.json");
}

static void
test_redirect_to_markup (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  fetch_failing (fixture->base, "/redirect/markup", &outcome);
  g_assert_error (outcome.error, KH_FETCH_ERROR, KH_FETCH_ERROR_REDIRECT);
  assert_message_contains (outcome.error, "“javascript:<b>alert</b>(\"&amp;\")”");
}

/* TLS */

static gboolean
have_tls (void)
{
  if (g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    return TRUE;
  g_test_skip ("No TLS backend (glib-networking)");
  return FALSE;
}

static void
test_tls_self_signed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  if (!have_tls ())
    return;

  fetch_failing (fixture->tls_base, "/feed.json", &outcome);
  g_assert_error (outcome.error, KH_FETCH_ERROR, KH_FETCH_ERROR_TLS);
  g_assert_cmpstr (outcome.error->message, ==,
                   "The server’s security certificate is not signed by a known authority, "
                   "so the connection was refused");
  /* Refused during the handshake: no request went over that connection. */
  g_assert_cmpuint (fixture->n_tls_requests, ==, 0);
}

/* The same certificate at an address it was not made for: 127.0.0.2
 * reaches this machine too, but the certificate names 127.0.0.1. */
static void
test_tls_wrong_name (Fixture       *fixture,
                     gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  if (!have_tls ())
    return;
  if (fixture->tls_other_base == NULL)
    {
      g_test_skip ("127.0.0.2 is not a loopback address here");
      return;
    }

  fetch_failing (fixture->tls_other_base, "/feed.json", &outcome);
  g_assert_error (outcome.error, KH_FETCH_ERROR, KH_FETCH_ERROR_TLS);
  g_assert_cmpstr (outcome.error->message, ==,
                   "The server’s security certificate belongs to another site, so the connection was refused");
  g_assert_cmpuint (fixture->n_tls_requests, ==, 0);
}

/* A plain http address that redirects to the untrusted https one. */
static void
test_tls_after_redirect (Fixture       *fixture,
                         gconstpointer  data)
{
  g_auto(Outcome) outcome = { 0 };

  if (!have_tls ())
    return;

  fetch_failing (fixture->base, "/redirect/tls", &outcome);
  g_assert_error (outcome.error, KH_FETCH_ERROR, KH_FETCH_ERROR_TLS);
  g_assert_cmpuint (fixture->n_tls_requests, ==, 0);
}

/* A caller's cancellation is still a cancellation, not a deadline. */
static void
test_cancel_before_deadline (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *uri = g_strconcat (fixture->raw_base, "/slow-body", NULL);
  g_auto(Outcome) outcome = { 0 };
  gint64 start = g_get_monotonic_time ();

  kh_fetcher_set_deadline (fetcher, TEST_DEADLINE);
  kh_fetcher_fetch_async (fetcher, uri, cancellable, fetched_cb, &outcome);
  while (g_get_monotonic_time () - start < G_USEC_PER_SEC / 2)
    g_main_context_iteration (NULL, FALSE);
  g_cancellable_cancel (cancellable);
  while (outcome.bytes == NULL && outcome.error == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/hostile-net/slow-headers", test_slow_headers);
  ADD ("/hostile-net/slow-body", test_slow_body);
  ADD ("/hostile-net/endless-body", test_endless_body);
  ADD ("/hostile-net/gzip-bomb", test_gzip_bomb);
  ADD ("/hostile-net/huge-title", test_huge_title);
  ADD ("/hostile-net/huge-length", test_huge_length);
  ADD ("/hostile-net/overflow-length", test_overflow_length);
  ADD ("/hostile-net/reset-mid-body", test_reset_mid_body);
  ADD ("/hostile-net/reset-early", test_reset_early);
  ADD ("/hostile-net/not-http", test_not_http);
  ADD ("/hostile-net/bad-reason-phrase", test_bad_reason_phrase);
  ADD ("/hostile-net/long-reason-phrase", test_long_reason_phrase);
  ADD ("/hostile-net/nul-in-header", test_nul_in_header);
  ADD ("/hostile-net/redirect/loop", test_redirect_loop);
  ADD ("/hostile-net/redirect/to-file", test_redirect_to_file);
  ADD ("/hostile-net/redirect/to-resource", test_redirect_to_resource);
  ADD ("/hostile-net/redirect/to-markup", test_redirect_to_markup);
  ADD ("/hostile-net/tls/self-signed", test_tls_self_signed);
  ADD ("/hostile-net/tls/wrong-name", test_tls_wrong_name);
  ADD ("/hostile-net/tls/after-redirect", test_tls_after_redirect);
  ADD ("/hostile-net/cancel-before-deadline", test_cancel_before_deadline);
#undef ADD

  return g_test_run ();
}
