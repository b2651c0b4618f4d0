/* khabar-demo-server.c
 *
 * Serves on 127.0.0.1 a JSON Feed of live coverage that gains an item every
 * few seconds and edits an older one now and then, so that live coverage can
 * be watched arriving in Khabar.  It can also fail on purpose, to watch how
 * Khabar weathers an endpoint in trouble.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib-unix.h>
#include <libsoup/soup.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kh-demo-coverage.h"

#define FEED_PATH "/feed.json"
#define FEED_CONTENT_TYPE "application/feed+json; charset=utf-8"
#define LIVE_PREFIX "/live/"

/* The initial items are spread back in time, as if the coverage had begun
 * before the server started. */
#define INITIAL_SPACING_SECONDS 150

#define MAX_INTERVAL_SECONDS (24 * 60 * 60)

typedef struct
{
  int    port;
  int    interval;
  int    edit_every;
  int    fail_every;
  int    retry_after;
  int    initial;
  int    max_items;
  int    max_age;
  gint64 seed;
} Options;

typedef struct
{
  Options         options;
  SoupServer     *server;
  KhDemoCoverage *coverage;
  char           *base_uri;
  GBytes         *document;
  char           *etag;
  GDateTime      *last_modified;
  guint64         n_feed_requests;
  guint           n_ticks;
  guint           tick_id;
} DemoServer;

static void log_line (const char *format,
                      ...) G_GNUC_PRINTF (1, 2);

static void
log_line (const char *format,
          ...)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("%s %s\n", time, text);
}

static void
demo_server_free (DemoServer *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_clear_pointer (&self->coverage, kh_demo_coverage_free);
  g_clear_pointer (&self->document, g_bytes_unref);
  g_clear_pointer (&self->last_modified, g_date_time_unref);
  g_free (self->base_uri);
  g_free (self->etag);
  g_free (self);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DemoServer, demo_server_free)

/* Takes a new document, and new validators if its bytes changed. */
static void
publish (DemoServer *self,
         GDateTime  *now)
{
  g_autoptr(GBytes) document = kh_demo_coverage_to_json (self->coverage);
  g_autofree char *checksum = NULL;

  if (self->document != NULL && g_bytes_equal (document, self->document))
    return;

  checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, document);
  g_clear_pointer (&self->document, g_bytes_unref);
  self->document = g_steal_pointer (&document);
  g_free (self->etag);
  self->etag = g_strdup_printf ("\"%.32s\"", checksum);

  /* HTTP dates have whole seconds, which is enough: the document changes
   * at most once a tick, and ticks are a second apart or more. */
  g_clear_pointer (&self->last_modified, g_date_time_unref);
  self->last_modified = g_date_time_new_from_unix_utc (g_date_time_to_unix (now));
}

static gboolean
tick_cb (gpointer user_data)
{
  DemoServer *self = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  const char *id;

  self->n_ticks++;
  id = kh_demo_coverage_add_item (self->coverage, now);
  log_line ("added %s", id);

  if (self->options.edit_every > 0 && self->n_ticks % (guint) self->options.edit_every == 0)
    {
      id = kh_demo_coverage_edit_item (self->coverage, now);
      if (id != NULL)
        log_line ("edited %s", id);
    }

  publish (self, now);
  return G_SOURCE_CONTINUE;
}

static gboolean
is_get_or_head (SoupServerMessage *message)
{
  const char *method = soup_server_message_get_method (message);

  return g_str_equal (method, SOUP_METHOD_GET) || g_str_equal (method, SOUP_METHOD_HEAD);
}

static void
answer_text (SoupServerMessage *message,
             guint              status,
             const char        *text)
{
  soup_server_message_set_status (message, status, NULL);
  soup_server_message_set_response (message, "text/plain; charset=utf-8",
                                    SOUP_MEMORY_COPY, text, strlen (text));
}

static void
answer_not_allowed (SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  soup_message_headers_replace (headers, "Allow", "GET, HEAD");
  answer_text (message, SOUP_STATUS_METHOD_NOT_ALLOWED, "Only GET and HEAD are served.\n");
}

/* A failure on purpose: 503 with Retry-After when asked for, else 500. */
static void
answer_failure (DemoServer        *self,
                SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);
  const char *text = "A failure on purpose (--fail-every).\n";
  g_autofree char *seconds = NULL;

  if (self->options.retry_after == 0)
    {
      answer_text (message, SOUP_STATUS_INTERNAL_SERVER_ERROR, text);
      return;
    }

  seconds = g_strdup_printf ("%d", self->options.retry_after);
  soup_message_headers_replace (headers, "Retry-After", seconds);
  answer_text (message, SOUP_STATUS_SERVICE_UNAVAILABLE, text);
}

/* If-None-Match holds "*" or a list of tags, compared weakly (RFC 9110). */
static gboolean
etag_list_matches (const char *list,
                   const char *etag)
{
  GSList *tags = soup_header_parse_list (list);
  gboolean matches = FALSE;

  for (GSList *l = tags; l != NULL && !matches; l = l->next)
    {
      const char *tag = l->data;

      if (g_str_has_prefix (tag, "W/"))
        tag += 2;
      matches = g_str_equal (tag, "*") || g_str_equal (tag, etag);
    }

  soup_header_free_list (tags);
  return matches;
}

/* If-None-Match wins over If-Modified-Since when a client sends both. */
static gboolean
is_not_modified (DemoServer         *self,
                 SoupMessageHeaders *request)
{
  const char *none_match = soup_message_headers_get_list (request, "If-None-Match");
  const char *modified_since = soup_message_headers_get_one (request, "If-Modified-Since");
  g_autoptr(GDateTime) since = NULL;

  if (none_match != NULL)
    return etag_list_matches (none_match, self->etag);
  if (modified_since == NULL)
    return FALSE;

  since = soup_date_time_new_from_http_string (modified_since);
  return since != NULL && g_date_time_compare (since, self->last_modified) >= 0;
}

static void
set_validators (DemoServer         *self,
                SoupMessageHeaders *response)
{
  g_autofree char *last_modified = soup_date_time_to_string (self->last_modified, SOUP_DATE_HTTP);

  soup_message_headers_replace (response, "ETag", self->etag);
  soup_message_headers_replace (response, "Last-Modified", last_modified);
  if (self->options.max_age >= 0)
    {
      g_autofree char *cache_control = g_strdup_printf ("max-age=%d", self->options.max_age);

      soup_message_headers_replace (response, "Cache-Control", cache_control);
    }
}

static void
answer_feed (DemoServer        *self,
             SoupServerMessage *message)
{
  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (message);

  set_validators (self, response);
  if (is_not_modified (self, request))
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_message_headers_replace (response, "Content-Type", FEED_CONTENT_TYPE);
  soup_message_body_append_bytes (soup_server_message_get_response_body (message), self->document);
}

static void
feed_cb (SoupServer        *server,
         SoupServerMessage *message,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  DemoServer *self = user_data;

  /* The handler also sees paths below FEED_PATH. */
  if (!g_str_equal (path, FEED_PATH))
    answer_text (message, SOUP_STATUS_NOT_FOUND, "Not found. The feed is at " FEED_PATH "\n");
  else if (!is_get_or_head (message))
    answer_not_allowed (message);
  else if (self->options.fail_every > 0 &&
           ++self->n_feed_requests % (guint64) self->options.fail_every == 0)
    answer_failure (self, message);
  else
    answer_feed (self, message);
}

static void
answer_page (DemoServer        *self,
             SoupServerMessage *message,
             const char        *id)
{
  char *page = kh_demo_coverage_render_page (self->coverage, id);

  if (page == NULL)
    {
      answer_text (message, SOUP_STATUS_NOT_FOUND, "No such item, or no longer in the feed.\n");
      return;
    }

  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "text/html; charset=utf-8",
                                    SOUP_MEMORY_TAKE, page, strlen (page));
}

/* Everything but the feed: "/" leads to it, "/live/ID" are the items' pages. */
static void
other_cb (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  DemoServer *self = user_data;

  if (!is_get_or_head (message))
    answer_not_allowed (message);
  else if (g_str_equal (path, "/"))
    soup_server_message_set_redirect (message, SOUP_STATUS_FOUND, FEED_PATH);
  else if (g_str_has_prefix (path, LIVE_PREFIX))
    answer_page (self, message, path + strlen (LIVE_PREFIX));
  else
    answer_text (message, SOUP_STATUS_NOT_FOUND, "Not found. The feed is at " FEED_PATH "\n");
}

static void
request_finished_cb (SoupServer        *server,
                     SoupServerMessage *message,
                     gpointer           user_data)
{
  log_line ("%s %s %u",
            soup_server_message_get_method (message),
            g_uri_get_path (soup_server_message_get_uri (message)),
            soup_server_message_get_status (message));
}

static void
add_initial_items (DemoServer *self,
                   GDateTime  *now)
{
  for (int i = self->options.initial; i > 0; i--)
    {
      g_autoptr(GDateTime) published =
        g_date_time_add_seconds (now, -(double) (i - 1) * INITIAL_SPACING_SECONDS);

      kh_demo_coverage_add_item (self->coverage, published);
    }
}

static gboolean
demo_server_listen (DemoServer  *self,
                    GError     **error)
{
  GSList *uris;

  if (!soup_server_listen_local (self->server, (guint) self->options.port,
                                 SOUP_SERVER_LISTEN_IPV4_ONLY, error))
    return FALSE;

  /* "http://127.0.0.1:PORT/", the port chosen by the system for port 0. */
  uris = soup_server_get_uris (self->server);
  self->base_uri = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return TRUE;
}

static DemoServer *
demo_server_start (const Options  *options,
                   GError        **error)
{
  g_autoptr(DemoServer) self = g_new0 (DemoServer, 1);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  self->options = *options;
  self->server = soup_server_new ("server-header", "khabar-demo-server/" PACKAGE_VERSION " ", NULL);
  soup_server_add_handler (self->server, FEED_PATH, feed_cb, self, NULL);
  soup_server_add_handler (self->server, NULL, other_cb, self, NULL);
  g_signal_connect (self->server, "request-finished", G_CALLBACK (request_finished_cb), NULL);

  if (!demo_server_listen (self, error))
    return NULL;

  self->coverage = kh_demo_coverage_new ((guint32) options->seed, (guint) options->max_items,
                                         self->base_uri);
  add_initial_items (self, now);
  publish (self, now);
  self->tick_id = g_timeout_add ((guint) options->interval * 1000, tick_cb, self);
  return g_steal_pointer (&self);
}

static gboolean
check_options (const Options  *options,
               GError        **error)
{
  const char *problem = NULL;

  if (options->port < 0 || options->port > G_MAXUINT16)
    problem = "--port must be from 0 to 65535";
  else if (options->interval < 1 || options->interval > MAX_INTERVAL_SECONDS)
    problem = "--interval must be from 1 to 86400 seconds";
  else if (options->edit_every < 0 || options->fail_every < 0)
    problem = "--edit-every and --fail-every must not be negative";
  else if (options->retry_after < 0)
    problem = "--retry-after must not be negative";
  else if (options->initial < 0 || options->max_items < 1)
    problem = "--initial must not be negative, --max-items must be at least 1";
  else if (options->max_age < -1)
    problem = "--max-age must not be negative";

  if (problem != NULL)
    g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, problem);
  return problem == NULL;
}

static gboolean
parse_options (Options   *options,
               int       *argc,
               char    ***argv,
               GError   **error)
{
  const GOptionEntry entries[] = {
    { "port", 'p', 0, G_OPTION_ARG_INT, &options->port,
      "Port on 127.0.0.1, 0 for any free one (default: 8088)", "PORT" },
    { "interval", 'i', 0, G_OPTION_ARG_INT, &options->interval,
      "Seconds between new items (default: 8)", "SECONDS" },
    { "edit-every", 'e', 0, G_OPTION_ARG_INT, &options->edit_every,
      "Also edit an older item every Nth new item, 0 never (default: 3)", "N" },
    { "fail-every", 'f', 0, G_OPTION_ARG_INT, &options->fail_every,
      "Answer every Nth feed request with an error, 0 never (default: 0)", "N" },
    { "retry-after", 'r', 0, G_OPTION_ARG_INT, &options->retry_after,
      "Make those errors 503 with Retry-After: SECONDS instead of 500", "SECONDS" },
    { "initial", 'n', 0, G_OPTION_ARG_INT, &options->initial,
      "Items at start (default: 5)", "N" },
    { "max-items", 'm', 0, G_OPTION_ARG_INT, &options->max_items,
      "Keep only the newest N items (default: 200)", "N" },
    { "max-age", 'a', 0, G_OPTION_ARG_INT, &options->max_age,
      "Send Cache-Control: max-age=SECONDS (default: no Cache-Control)", "SECONDS" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &options->seed,
      "Seed of the invented coverage (default: 1)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);

  g_option_context_set_summary (context, "Serves on 127.0.0.1 a JSON Feed of live coverage that "
                                         "gains an item\nevery few seconds, for watching it arrive "
                                         "in Khabar.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  return check_options (options, error);
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  Options options = {
    .port = 8088, .interval = 8, .edit_every = 3, .fail_every = 0, .retry_after = 0,
    .initial = 5, .max_items = 200, .max_age = -1, .seed = 1,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(DemoServer) server = NULL;
  g_autoptr(GMainLoop) loop = NULL;

  setlocale (LC_ALL, "");
  if (!parse_options (&options, &argc, &argv, &error) ||
      (server = demo_server_start (&options, &error)) == NULL)
    {
      g_printerr ("khabar-demo-server: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* Before the address is out, so that a signal right after it still
   * finds its handler. */
  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);

  /* The one line on stdout: scripts and tests read the address from it. */
  g_print ("%sfeed.json\n", server->base_uri);
  fflush (stdout);

  g_main_loop_run (loop);

  log_line ("stopped");
  return EXIT_SUCCESS;
}
