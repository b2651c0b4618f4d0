/* test-refresher.c: conditional requests, caching headers and back-off
 * against an in-process server on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "kh-error.h"
#include "kh-item-codec.h"
#include "kh-refresher.h"

#define WAIT_LIMIT_MS 5000

static const char first_document[] =
  "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Flood watch\","
  " \"items\": ["
  "  {\"id\": \"f1\", \"title\": \"River rises past the old bridge\","
  "   \"date_published\": \"2024-06-02T08:00:00Z\","
  "   \"content_text\": \"The gauge at the old bridge read 4.2 m at dawn.\"},"
  "  {\"id\": \"f2\", \"title\": \"Shelters open in two schools\","
  "   \"date_published\": \"2024-06-02T08:30:00Z\","
  "   \"content_text\": \"Both schools take families from the low streets.\"}"
  "]}";

static const char second_document[] =
  "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"Flood watch, day two\","
  " \"items\": ["
  "  {\"id\": \"f1\", \"title\": \"River rises past the old bridge\","
  "   \"date_published\": \"2024-06-02T08:00:00Z\","
  "   \"content_text\": \"The gauge at the old bridge read 4.2 m at dawn.\"},"
  "  {\"id\": \"f2\", \"title\": \"Shelters open in three schools\","
  "   \"date_published\": \"2024-06-02T08:30:00Z\","
  "   \"content_text\": \"A third school opened at noon.\"},"
  "  {\"id\": \"f3\", \"title\": \"Water starts to fall\","
  "   \"date_published\": \"2024-06-03T06:00:00Z\","
  "   \"content_text\": \"The gauge reads 3.9 m.\"}"
  "]}";

static const char broken_document[] = "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": ";

/* A JSON Feed of @n_items items, oldest first, one a line: item i (from
 * 0) is "long-i", published at minute i past six, on line i + 2.  Item
 * number @broken (from 1; 0 for none) is not JSON. */
static char *
build_long_document (guint n_items,
                     guint broken)
{
  GString *document = g_string_new ("{\"version\": \"https://jsonfeed.org/version/1.1\","
                                    " \"title\": \"Storm log\", \"items\": [\n");

  for (guint i = 0; i < n_items; i++)
    {
      if (i + 1 == broken)
        g_string_append (document, "{\"id\": \"x\", \"title\": tru}");
      else
        g_string_append_printf (document,
                                "{\"id\": \"long-%u\", \"title\": \"Storm update %u\","
                                " \"date_published\": \"2024-06-02T%02u:%02u:00Z\","
                                " \"content_html\": \"<p>Wind at %u km/h.</p>\"}",
                                i, i, 6 + i / 60, i % 60, 40 + i);
      g_string_append (document, i + 1 < n_items ? ",\n" : "\n");
    }
  g_string_append (document, "]}\n");
  return g_string_free (document, FALSE);
}

typedef struct
{
  SoupServer *server;
  char       *uri;

  /* What the server answers; a 200 whose ETag matches If-None-Match
   * becomes a 304. */
  guint       status;
  const char *body;
  const char *etag;
  const char *last_modified;
  const char *cache_control;
  const char *retry_after;
  guint       delay_ms;

  /* What the server saw. */
  guint       n_requests;
  guint       n_if_none_match;
  char       *if_none_match;
  char       *if_modified_since;
  GPtrArray  *delays;

  /* What the refresher said. */
  guint       n_received;
  guint       n_unchanged;
  guint       n_failed;
  KhFeed     *feed;
  KhResponse *response;
  GError     *error;
  gboolean    hashes_ready;

  /* What it said first. */
  guint       n_previews;
  guint       n_ends_before_preview;
  GPtrArray  *preview_items;
  gboolean    preview_hashes_ready;
  GThread    *preview_thread;
} Fixture;

static gboolean
unpause_cb (gpointer user_data)
{
  soup_server_message_unpause (user_data);
  return G_SOURCE_REMOVE;
}

/* Holds @message back for a while, as a slow server would. */
static void
delay_answer (Fixture           *fixture,
              SoupServerMessage *message)
{
  GSource *source = g_timeout_source_new (fixture->delay_ms);

  soup_server_message_pause (message);
  g_source_set_callback (source, unpause_cb, g_object_ref (message), g_object_unref);
  g_source_attach (source, NULL);
  g_ptr_array_add (fixture->delays, source);
}

static void
feed_cb (SoupServer        *server,
         SoupServerMessage *message,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *fixture = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (message);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (message);
  const char *if_none_match = soup_message_headers_get_one (request, "If-None-Match");

  fixture->n_requests++;
  fixture->n_if_none_match += if_none_match != NULL;
  g_free (fixture->if_none_match);
  fixture->if_none_match = g_strdup (if_none_match);
  g_free (fixture->if_modified_since);
  fixture->if_modified_since = g_strdup (soup_message_headers_get_one (request, "If-Modified-Since"));

  if (fixture->etag != NULL)
    soup_message_headers_append (response, "ETag", fixture->etag);
  if (fixture->last_modified != NULL)
    soup_message_headers_append (response, "Last-Modified", fixture->last_modified);
  if (fixture->cache_control != NULL)
    soup_message_headers_append (response, "Cache-Control", fixture->cache_control);
  if (fixture->retry_after != NULL)
    soup_message_headers_append (response, "Retry-After", fixture->retry_after);

  if (fixture->status == SOUP_STATUS_OK && if_none_match != NULL &&
      g_strcmp0 (if_none_match, fixture->etag) == 0)
    soup_server_message_set_status (message, SOUP_STATUS_NOT_MODIFIED, NULL);
  else
    {
      soup_server_message_set_status (message, fixture->status, NULL);
      soup_server_message_set_response (message, "application/feed+json", SOUP_MEMORY_COPY,
                                        fixture->body, strlen (fixture->body));
    }

  if (fixture->delay_ms > 0)
    delay_answer (fixture, message);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  GSList *uris;

  fixture->status = SOUP_STATUS_OK;
  fixture->body = first_document;
  fixture->delays = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, "/feed.json", feed_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (fixture->server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  fixture->uri = g_strconcat (base, "feed.json", NULL);
}

/* Lets callbacks of requests cancelled by the test run now, not in the
 * next test. */
static void
drain_main_context (void)
{
  for (guint i = 0; i < 100 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  drain_main_context ();
  for (guint i = 0; i < fixture->delays->len; i++)
    g_source_destroy (fixture->delays->pdata[i]);
  g_ptr_array_unref (fixture->delays);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_free (fixture->uri);
  g_free (fixture->if_none_match);
  g_free (fixture->if_modified_since);
  g_clear_object (&fixture->feed);
  g_clear_pointer (&fixture->response, kh_response_free);
  g_clear_error (&fixture->error);
  g_clear_pointer (&fixture->preview_items, g_ptr_array_unref);
}

/* Whether every item's digest was taken before the signal: one taken now
 * would cover the probe caption, one taken before matches the document. */
static gboolean
item_hashes_taken_before (GPtrArray *items)
{
  for (guint i = 0; i < items->len; i++)
    {
      KhItem *item = items->pdata[i];
      g_autofree char *json = kh_item_to_json_string (item);
      g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
      g_autofree char *caption = g_strdup (kh_item_get_image_caption (item));
      gboolean taken;

      kh_item_set_image_caption (item, "probe");
      taken = g_strcmp0 (kh_item_get_content_hash (item), expected) == 0;
      kh_item_set_image_caption (item, caption);
      if (!taken)
        return FALSE;
    }
  return TRUE;
}

static gboolean
hashes_taken_before (KhFeed *feed)
{
  return item_hashes_taken_before (kh_feed_get_items (feed));
}

static void
received_cb (KhRefresher *refresher,
             KhFeed      *feed,
             KhResponse  *response,
             Fixture     *fixture)
{
  fixture->n_received++;
  fixture->hashes_ready = hashes_taken_before (feed);
  g_set_object (&fixture->feed, feed);
  g_clear_pointer (&fixture->response, kh_response_free);
  fixture->response = kh_response_copy (response);
}

static void
preview_cb (KhRefresher *refresher,
            GPtrArray   *items,
            Fixture     *fixture)
{
  fixture->n_previews++;
  fixture->n_ends_before_preview = fixture->n_received + fixture->n_unchanged + fixture->n_failed;
  fixture->preview_thread = g_thread_self ();
  fixture->preview_hashes_ready = item_hashes_taken_before (items);
  g_clear_pointer (&fixture->preview_items, g_ptr_array_unref);
  fixture->preview_items = g_ptr_array_ref (items);
}

static void
unchanged_cb (KhRefresher *refresher,
              KhResponse  *response,
              Fixture     *fixture)
{
  fixture->n_unchanged++;
  g_clear_pointer (&fixture->response, kh_response_free);
  fixture->response = kh_response_copy (response);
}

static void
failed_cb (KhRefresher  *refresher,
           const GError *error,
           Fixture      *fixture)
{
  fixture->n_failed++;
  g_clear_error (&fixture->error);
  fixture->error = g_error_copy (error);
}

static KhRefresher *
new_refresher (Fixture    *fixture,
               const char *uri)
{
  g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();
  KhRefresher *refresher = kh_refresher_new (fetcher, uri ? uri : fixture->uri);

  g_signal_connect (refresher, "preview", G_CALLBACK (preview_cb), fixture);
  g_signal_connect (refresher, "received", G_CALLBACK (received_cb), fixture);
  g_signal_connect (refresher, "unchanged", G_CALLBACK (unchanged_cb), fixture);
  g_signal_connect (refresher, "failed", G_CALLBACK (failed_cb), fixture);
  return refresher;
}

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *@counter reaches @target, for a few seconds
 * at most. */
static void
wait_for (guint *counter,
          guint  target)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add (WAIT_LIMIT_MS, flag_cb, &timed_out);

  while (*counter < target && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);
  g_assert_cmpuint (*counter, >=, target);
}

/* For checks that something does not happen. */
static void
run_for (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* One refresh, to its end: one more of received, unchanged or failed. */
static void
refresh_once (KhRefresher *refresher,
              Fixture     *fixture)
{
  guint before = fixture->n_received + fixture->n_unchanged + fixture->n_failed;
  guint after = before;
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add (WAIT_LIMIT_MS, flag_cb, &timed_out);

  kh_refresher_refresh (refresher);
  g_assert_true (kh_refresher_get_busy (refresher));
  while (after == before && !timed_out)
    {
      g_main_context_iteration (NULL, TRUE);
      after = fixture->n_received + fixture->n_unchanged + fixture->n_failed;
    }
  if (!timed_out)
    g_source_remove (timeout_id);
  g_assert_cmpuint (after, ==, before + 1);
  g_assert_false (kh_refresher_get_busy (refresher));
}

/* Conditional requests */

static void
test_first_refresh (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);

  fixture->etag = "\"flood-1\"";
  fixture->last_modified = "Sun, 02 Jun 2024 08:30:00 GMT";
  refresh_once (refresher, fixture);

  g_assert_cmpuint (fixture->n_received, ==, 1);
  g_assert_cmpuint (fixture->n_unchanged, ==, 0);
  g_assert_cmpuint (fixture->n_failed, ==, 0);
  g_assert_cmpuint (fixture->n_requests, ==, 1);
  g_assert_null (fixture->if_none_match);
  g_assert_null (fixture->if_modified_since);

  g_assert_cmpstr (kh_feed_get_title (fixture->feed), ==, "Flood watch");
  g_assert_cmpuint (kh_feed_get_n_items (fixture->feed), ==, 2);
  g_assert_true (fixture->hashes_ready);
  g_assert_cmpuint (fixture->response->status, ==, 200);
  g_assert_cmpstr (fixture->response->etag, ==, "\"flood-1\"");
  /* The body was the parser's to let go of; its size is kept. */
  g_assert_null (fixture->response->body);
  g_assert_cmpuint (fixture->response->body_size, ==, strlen (first_document));

  g_assert_cmpstr (kh_refresher_get_etag (refresher), ==, "\"flood-1\"");
  g_assert_cmpuint (kh_refresher_get_failures (refresher), ==, 0);
  g_assert_cmpuint (kh_refresher_get_next_delay (refresher), ==, KH_REFRESHER_DEFAULT_INTERVAL);
  /* Not started: nothing is scheduled. */
  g_assert_cmpint (kh_refresher_get_next_attempt (refresher), ==, 0);
}

static void
test_not_modified (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);
  g_autoptr(KhFeed) first_feed = NULL;

  fixture->etag = "\"flood-1\"";
  fixture->last_modified = "Sun, 02 Jun 2024 08:30:00 GMT";
  refresh_once (refresher, fixture);
  first_feed = g_object_ref (fixture->feed);

  refresh_once (refresher, fixture);
  g_assert_cmpuint (fixture->n_requests, ==, 2);
  g_assert_cmpuint (fixture->n_if_none_match, ==, 1);
  g_assert_cmpstr (fixture->if_none_match, ==, "\"flood-1\"");
  g_assert_cmpstr (fixture->if_modified_since, ==, "Sun, 02 Jun 2024 08:30:00 GMT");

  g_assert_cmpuint (fixture->n_unchanged, ==, 1);
  g_assert_cmpuint (fixture->n_received, ==, 1);
  g_assert_cmpuint (fixture->n_failed, ==, 0);
  g_assert_true (fixture->feed == first_feed);
  g_assert_cmpuint (fixture->response->status, ==, 304);
  g_assert_null (fixture->response->body);
  g_assert_cmpuint (kh_refresher_get_next_delay (refresher), ==, KH_REFRESHER_DEFAULT_INTERVAL);
}

/* Validators kept from an earlier run make even the first request
 * conditional. */
static void
test_stored_validators (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);

  fixture->etag = "\"flood-1\"";
  kh_refresher_set_validators (refresher, "\"flood-1\"", "Sun, 02 Jun 2024 08:30:00 GMT");
  refresh_once (refresher, fixture);

  g_assert_cmpstr (fixture->if_none_match, ==, "\"flood-1\"");
  g_assert_cmpstr (fixture->if_modified_since, ==, "Sun, 02 Jun 2024 08:30:00 GMT");
  g_assert_cmpuint (fixture->n_unchanged, ==, 1);
  g_assert_cmpuint (fixture->n_received, ==, 0);
}

static void
test_changed_document (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);

  fixture->etag = "\"flood-1\"";
  refresh_once (refresher, fixture);

  fixture->etag = "\"flood-2\"";
  fixture->body = second_document;
  refresh_once (refresher, fixture);

  g_assert_cmpstr (fixture->if_none_match, ==, "\"flood-1\"");
  g_assert_cmpuint (fixture->n_received, ==, 2);
  g_assert_cmpuint (fixture->n_unchanged, ==, 0);
  g_assert_cmpstr (kh_feed_get_title (fixture->feed), ==, "Flood watch, day two");
  g_assert_cmpuint (kh_feed_get_n_items (fixture->feed), ==, 3);
  g_assert_true (fixture->hashes_ready);
  g_assert_cmpstr (kh_refresher_get_etag (refresher), ==, "\"flood-2\"");

  refresh_once (refresher, fixture);
  g_assert_cmpstr (fixture->if_none_match, ==, "\"flood-2\"");
  g_assert_cmpuint (fixture->n_unchanged, ==, 1);
}

/* A broken document is no copy to validate against. */
static void
test_broken_body (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);

  fixture->etag = "\"broken-1\"";
  fixture->last_modified = "Sun, 02 Jun 2024 09:00:00 GMT";
  fixture->body = broken_document;
  refresh_once (refresher, fixture);

  g_assert_cmpuint (fixture->n_failed, ==, 1);
  g_assert_cmpuint (fixture->n_received, ==, 0);
  g_assert_error (fixture->error, KH_FEED_ERROR, KH_FEED_ERROR_SYNTAX);
  g_assert_null (kh_refresher_get_etag (refresher));
  g_assert_cmpuint (kh_refresher_get_failures (refresher), ==, 1);

  refresh_once (refresher, fixture);
  g_assert_cmpuint (fixture->n_requests, ==, 2);
  g_assert_cmpuint (fixture->n_if_none_match, ==, 0);
  g_assert_null (fixture->if_none_match);
  g_assert_null (fixture->if_modified_since);
  g_assert_cmpuint (fixture->n_failed, ==, 2);

  /* Once it reads again, all is well. */
  fixture->body = first_document;
  fixture->etag = "\"flood-1\"";
  refresh_once (refresher, fixture);
  g_assert_cmpuint (fixture->n_received, ==, 1);
  g_assert_cmpuint (kh_refresher_get_failures (refresher), ==, 0);
  g_assert_cmpstr (kh_refresher_get_etag (refresher), ==, "\"flood-1\"");
}

/* A broken answer after a good one keeps the good one's validators. */
static void
test_broken_after_good (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);

  fixture->etag = "\"flood-1\"";
  refresh_once (refresher, fixture);

  fixture->etag = "\"broken-2\"";
  fixture->body = broken_document;
  refresh_once (refresher, fixture);
  g_assert_cmpuint (fixture->n_failed, ==, 1);
  g_assert_cmpstr (kh_refresher_get_etag (refresher), ==, "\"flood-1\"");

  refresh_once (refresher, fixture);
  g_assert_cmpstr (fixture->if_none_match, ==, "\"flood-1\"");
}

/* Schedules */

static void
test_retry_after (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);
  gint64 started;

  fixture->status = SOUP_STATUS_SERVICE_UNAVAILABLE;
  fixture->retry_after = "120";
  started = g_get_monotonic_time ();
  kh_refresher_start (refresher);
  wait_for (&fixture->n_failed, 1);

  g_assert_cmpuint (fixture->n_received, ==, 0);
  g_assert_error (fixture->error, KH_FETCH_ERROR, KH_FETCH_ERROR_HTTP);
  g_assert_cmpuint (kh_refresher_get_failures (refresher), ==, 1);
  g_assert_cmpuint (kh_refresher_get_next_delay (refresher), ==, 120);
  g_assert_cmpint (kh_refresher_get_next_attempt (refresher), >=, started + 120 * G_USEC_PER_SEC);
  g_assert_cmpint (kh_refresher_get_next_attempt (refresher), <=,
                   g_get_monotonic_time () + 120 * G_USEC_PER_SEC);

  kh_refresher_stop (refresher);
  g_assert_cmpint (kh_refresher_get_next_attempt (refresher), ==, 0);
}

static void
test_backoff (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);
  const guint expected[] = { 15, 30, 60, 120, 240, 480, 900, 900, 900 };

  fixture->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      refresh_once (refresher, fixture);
      g_assert_cmpuint (fixture->n_failed, ==, i + 1);
      g_assert_cmpuint (kh_refresher_get_failures (refresher), ==, i + 1);
      g_assert_cmpuint (kh_refresher_get_next_delay (refresher), ==, expected[i]);
    }

  fixture->status = SOUP_STATUS_OK;
  refresh_once (refresher, fixture);
  g_assert_cmpuint (fixture->n_received, ==, 1);
  g_assert_cmpuint (kh_refresher_get_failures (refresher), ==, 0);
  g_assert_false (kh_refresher_get_offline (refresher));
  g_assert_cmpuint (kh_refresher_get_next_delay (refresher), ==, KH_REFRESHER_DEFAULT_INTERVAL);

  /* The count starts again from the first step. */
  fixture->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  refresh_once (refresher, fixture);
  g_assert_cmpuint (kh_refresher_get_failures (refresher), ==, 1);
  g_assert_cmpuint (kh_refresher_get_next_delay (refresher), ==, KH_REFRESHER_FIRST_BACKOFF);
}

static void
test_compute_backoff (void)
{
  g_assert_cmpuint (kh_refresher_compute_backoff (0, -1), ==, 0);
  g_assert_cmpuint (kh_refresher_compute_backoff (1, -1), ==, 15);
  g_assert_cmpuint (kh_refresher_compute_backoff (2, -1), ==, 30);
  g_assert_cmpuint (kh_refresher_compute_backoff (3, -1), ==, 60);
  g_assert_cmpuint (kh_refresher_compute_backoff (4, -1), ==, 120);
  g_assert_cmpuint (kh_refresher_compute_backoff (5, -1), ==, 240);
  g_assert_cmpuint (kh_refresher_compute_backoff (6, -1), ==, 480);
  g_assert_cmpuint (kh_refresher_compute_backoff (7, -1), ==, 900);
  g_assert_cmpuint (kh_refresher_compute_backoff (10, -1), ==, 900);

  /* Past the point where the shift would overflow. */
  g_assert_cmpuint (kh_refresher_compute_backoff (11, -1), ==, 900);
  g_assert_cmpuint (kh_refresher_compute_backoff (33, -1), ==, 900);
  g_assert_cmpuint (kh_refresher_compute_backoff (G_MAXUINT, -1), ==, KH_REFRESHER_MAXIMUM_BACKOFF);

  /* The server's word wins, within bounds: at least a second, at most six
   * hours. */
  g_assert_cmpuint (kh_refresher_compute_backoff (1, 120), ==, 120);
  g_assert_cmpuint (kh_refresher_compute_backoff (9, 5), ==, 5);
  g_assert_cmpuint (kh_refresher_compute_backoff (1, 0), ==, 1);
  g_assert_cmpuint (kh_refresher_compute_backoff (1, 6 * 60 * 60), ==, 6 * 60 * 60);
  g_assert_cmpuint (kh_refresher_compute_backoff (1, 6 * 60 * 60 + 1), ==, 6 * 60 * 60);
  g_assert_cmpuint (kh_refresher_compute_backoff (1, G_MAXINT64), ==, 6 * 60 * 60);
}

static void
test_max_age (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);

  kh_refresher_set_interval (refresher, 60);
  fixture->etag = "\"flood-1\"";
  fixture->cache_control = "public, max-age=600";
  refresh_once (refresher, fixture);
  g_assert_cmpuint (kh_refresher_get_next_delay (refresher), ==, 600);

  /* A 304 carries its own freshness. */
  fixture->cache_control = "max-age=900";
  refresh_once (refresher, fixture);
  g_assert_cmpuint (fixture->n_unchanged, ==, 1);
  g_assert_cmpuint (kh_refresher_get_next_delay (refresher), ==, 900);

  /* Shorter than the interval: the interval stands. */
  fixture->cache_control = "max-age=10";
  refresh_once (refresher, fixture);
  g_assert_cmpuint (kh_refresher_get_next_delay (refresher), ==, 60);

  /* Not remembered from an earlier answer. */
  fixture->cache_control = "max-age=600";
  refresh_once (refresher, fixture);
  fixture->cache_control = NULL;
  refresh_once (refresher, fixture);
  g_assert_cmpuint (kh_refresher_get_next_delay (refresher), ==, 60);

  fixture->cache_control = "no-cache";
  refresh_once (refresher, fixture);
  g_assert_cmpuint (kh_refresher_get_next_delay (refresher), ==, 60);
}

static void
test_background (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);

  kh_refresher_set_interval (refresher, 60);
  kh_refresher_set_background (refresher, TRUE);
  g_assert_true (kh_refresher_get_background (refresher));
  refresh_once (refresher, fixture);
  g_assert_cmpuint (kh_refresher_get_next_delay (refresher), ==, 300);

  /* Five times the interval when that is longer than five minutes. */
  kh_refresher_set_interval (refresher, 120);
  refresh_once (refresher, fixture);
  g_assert_cmpuint (kh_refresher_get_next_delay (refresher), ==, 600);

  kh_refresher_set_interval (refresher, 60);
  kh_refresher_set_background (refresher, FALSE);
  refresh_once (refresher, fixture);
  g_assert_cmpuint (kh_refresher_get_next_delay (refresher), ==, 60);
}

/* A running refresher takes a change of pace at once, counting the time
 * already waited. */
static void
test_background_reschedules (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);
  guint delay;

  kh_refresher_start (refresher);
  wait_for (&fixture->n_received, 1);
  g_assert_cmpuint (kh_refresher_get_next_delay (refresher), ==, 60);

  kh_refresher_set_background (refresher, TRUE);
  delay = kh_refresher_get_next_delay (refresher);
  g_assert_cmpuint (delay, >=, 298);
  g_assert_cmpuint (delay, <=, 300);
  g_assert_cmpint (kh_refresher_get_next_attempt (refresher), >,
                   g_get_monotonic_time () + 290 * G_USEC_PER_SEC);

  kh_refresher_set_background (refresher, FALSE);
  delay = kh_refresher_get_next_delay (refresher);
  g_assert_cmpuint (delay, >=, 58);
  g_assert_cmpuint (delay, <=, 60);
  g_assert_cmpuint (fixture->n_requests, ==, 1);
}

/* One request in flight */

static void
test_superseded (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);

  fixture->delay_ms = 300;
  kh_refresher_refresh (refresher);
  wait_for (&fixture->n_requests, 1);

  /* The first answer is still held back when the second request goes. */
  fixture->body = second_document;
  kh_refresher_refresh (refresher);
  wait_for (&fixture->n_received, 1);
  g_assert_cmpuint (fixture->n_requests, ==, 2);

  /* Past the moment the first answer was released. */
  run_for (fixture->delay_ms + 200);
  g_assert_cmpuint (fixture->n_received, ==, 1);
  g_assert_cmpuint (fixture->n_failed, ==, 0);
  g_assert_cmpstr (kh_feed_get_title (fixture->feed), ==, "Flood watch, day two");
  g_assert_false (kh_refresher_get_busy (refresher));
}

static void
test_stop_cancels (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);

  fixture->delay_ms = 200;
  kh_refresher_start (refresher);
  wait_for (&fixture->n_requests, 1);
  kh_refresher_stop (refresher);
  g_assert_false (kh_refresher_get_busy (refresher));

  run_for (fixture->delay_ms + 200);
  g_assert_cmpuint (fixture->n_received, ==, 0);
  g_assert_cmpuint (fixture->n_failed, ==, 0);
  g_assert_cmpint (kh_refresher_get_next_attempt (refresher), ==, 0);
}

/* Connectivity */

static char *
closed_port_uri (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port;

  /* A port that was free a moment ago and has no listener now. */
  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return g_strdup_printf ("http://127.0.0.1:%u/feed.json", port);
}

static void
test_connection_refused (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *uri = closed_port_uri ();
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, uri);

  refresh_once (refresher, fixture);

  g_assert_cmpuint (fixture->n_failed, ==, 1);
  g_assert_error (fixture->error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_cmpuint (kh_refresher_get_failures (refresher), ==, 1);
  g_assert_true (kh_refresher_get_offline (refresher));
  g_assert_cmpuint (kh_refresher_get_next_delay (refresher), ==, KH_REFRESHER_FIRST_BACKOFF);
}

/* A server that answers is no sign of being offline. */
static void
test_http_error_not_offline (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);
  GNetworkMonitor *monitor = g_network_monitor_get_default ();

  fixture->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  refresh_once (refresher, fixture);

  g_assert_cmpuint (kh_refresher_get_failures (refresher), ==, 1);
  g_assert_cmpint (kh_refresher_get_offline (refresher), ==,
                   !g_network_monitor_get_network_available (monitor));
}

static void
test_network_changed (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);
  GNetworkMonitor *monitor = g_network_monitor_get_default ();

  fixture->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  kh_refresher_start (refresher);
  wait_for (&fixture->n_failed, 1);
  g_assert_cmpuint (kh_refresher_get_next_delay (refresher), ==, KH_REFRESHER_FIRST_BACKOFF);

  /* Losing the network is no reason to ask. */
  g_signal_emit_by_name (monitor, "network-changed", FALSE);
  run_for (100);
  g_assert_cmpuint (fixture->n_requests, ==, 1);

  /* Getting it back is, long before the back-off is over. */
  fixture->status = SOUP_STATUS_OK;
  g_signal_emit_by_name (monitor, "network-changed", TRUE);
  wait_for (&fixture->n_received, 1);
  g_assert_cmpuint (fixture->n_requests, ==, 2);
  g_assert_cmpuint (kh_refresher_get_failures (refresher), ==, 0);

  /* Without a failure to make up for, a change asks nothing. */
  g_signal_emit_by_name (monitor, "network-changed", TRUE);
  run_for (100);
  g_assert_cmpuint (fixture->n_requests, ==, 2);
}

/* A stopped refresher ignores the network. */
static void
test_network_changed_stopped (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);

  fixture->status = SOUP_STATUS_INTERNAL_SERVER_ERROR;
  refresh_once (refresher, fixture);
  g_signal_emit_by_name (g_network_monitor_get_default (), "network-changed", TRUE);
  run_for (100);
  g_assert_cmpuint (fixture->n_requests, ==, 1);
}

/* The first items of a long feed */

/* 120 items: the first 50 in the document come first, newest first,
 * ready to show, and they are the very items the whole feed then has. */
static void
test_preview_long_feed (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);
  g_autofree char *document = build_long_document (120, 0);

  fixture->body = document;
  refresh_once (refresher, fixture);

  g_assert_cmpuint (fixture->n_previews, ==, 1);
  g_assert_cmpuint (fixture->n_ends_before_preview, ==, 0);
  g_assert_true (fixture->preview_thread == g_thread_self ());
  g_assert_cmpuint (fixture->n_received, ==, 1);
  g_assert_cmpuint (fixture->n_failed, ==, 0);
  g_assert_cmpuint (kh_feed_get_n_items (fixture->feed), ==, 120);

  g_assert_cmpuint (fixture->preview_items->len, ==, 50);
  g_assert_true (fixture->preview_hashes_ready);
  for (guint i = 0; i < fixture->preview_items->len; i++)
    {
      KhItem *item = fixture->preview_items->pdata[i];
      g_autofree char *id = g_strdup_printf ("long-%u", 49 - i);

      g_assert_cmpstr (kh_item_get_id (item), ==, id);
      g_assert_nonnull (kh_item_get_content_hash (item));
      /* The whole feed has all 120, newest first: these are its last 50. */
      g_assert_true (kh_feed_get_item (fixture->feed, 70 + i) == item);
    }
  g_assert_true (fixture->hashes_ready);
}

/* A feed that turns out broken after its preview fails as it would have:
 * the preview first, then the failure, never an answer. */
static void
test_preview_then_failure (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);
  g_autofree char *document = build_long_document (120, 100);

  fixture->body = document;
  fixture->etag = "\"storm-broken\"";
  refresh_once (refresher, fixture);

  g_assert_cmpuint (fixture->n_previews, ==, 1);
  g_assert_cmpuint (fixture->n_ends_before_preview, ==, 0);
  g_assert_cmpuint (fixture->preview_items->len, ==, 50);
  g_assert_cmpuint (fixture->n_failed, ==, 1);
  g_assert_cmpuint (fixture->n_received, ==, 0);
  g_assert_error (fixture->error, KH_FEED_ERROR, KH_FEED_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (fixture->error->message, "Line 101, column 24: "));
  /* No copy to validate against, as for any broken document. */
  g_assert_null (kh_refresher_get_etag (refresher));
  g_assert_cmpuint (kh_refresher_get_failures (refresher), ==, 1);
}

/* 50 items or fewer: nothing to show early. */
static void
test_preview_short_feeds (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);
  g_autofree char *fifty = build_long_document (50, 0);

  refresh_once (refresher, fixture);
  g_assert_cmpuint (fixture->n_received, ==, 1);
  g_assert_cmpuint (kh_feed_get_n_items (fixture->feed), ==, 2);

  fixture->body = fifty;
  refresh_once (refresher, fixture);
  g_assert_cmpuint (fixture->n_received, ==, 2);
  g_assert_cmpuint (kh_feed_get_n_items (fixture->feed), ==, 50);
  g_assert_cmpuint (fixture->n_previews, ==, 0);
}

/* The preview is ready in the parsing thread whenever it is: the signal
 * still comes in the refresher's own, even when that thread is not in
 * its main loop at that moment. */
static void
test_preview_main_thread (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(KhRefresher) refresher = new_refresher (fixture, NULL);
  g_autofree char *document = build_long_document (400, 0);

  fixture->body = document;
  for (guint round = 1; round <= 5; round++)
    {
      gint64 deadline = g_get_monotonic_time () + WAIT_LIMIT_MS * 1000;

      kh_refresher_refresh (refresher);
      /* Mostly away from the main loop, as a busy main thread is. */
      while (fixture->n_received < round && g_get_monotonic_time () < deadline)
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (2000);
        }
      g_assert_cmpuint (fixture->n_received, ==, round);
      g_assert_cmpuint (fixture->n_previews, ==, round);
      g_assert_true (fixture->preview_thread == g_thread_self ());
    }
}

/* Header parsers */

static void
test_parse_max_age (void)
{
  struct {
    const char *header;
    gint64      expected;
  } cases[] = {
    { "max-age=60", 60 },
    { "Max-Age=60", 60 },
    { "max-age = 60", 60 },
    { "public, max-age=600", 600 },
    { "max-age=600, must-revalidate", 600 },
    { "max-age=0", 0 },
    { "max-age=\"90\"", 90 },
    { "no-cache", 0 },
    { "no-store", 0 },
    { "NO-CACHE", 0 },
    { "max-age=60, no-cache", 0 },
    { "private", -1 },
    { "s-maxage=300", -1 },
    { "max-age=soon", -1 },
    { "max-age=60x", -1 },
    { "max-age=-5", -1 },
    { "max-age=", -1 },
    { "junk", -1 },
    { "", -1 },
    { NULL, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("Cache-Control: %s", cases[i].header);
      g_assert_cmpint (kh_response_parse_max_age (cases[i].header), ==, cases[i].expected);
    }
}

static void
test_parse_retry_after (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2024, 6, 2, 8, 0, 0);
  struct {
    const char *header;
    gint64      expected;
  } cases[] = {
    { "120", 120 },
    { "0", 0 },
    { " 45 ", 45 },
    { "Sun, 02 Jun 2024 08:02:30 GMT", 150 },
    { "Mon, 03 Jun 2024 08:00:00 GMT", 24 * 60 * 60 },
    /* The obsolete date forms servers still send. */
    { "Sunday, 02-Jun-24 08:02:30 GMT", 150 },
    { "Sun Jun  2 08:02:30 2024", 150 },
    /* A date already past means now. */
    { "Sun, 02 Jun 2024 07:00:00 GMT", 0 },
    { "soon", -1 },
    { "120 seconds", -1 },
    { "-5", -1 },
    { "1.5", -1 },
    { "", -1 },
    { NULL, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("Retry-After: %s", cases[i].header);
      g_assert_cmpint (kh_response_parse_retry_after (cases[i].header, now), ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/refresher/conditional/first", test_first_refresh);
  ADD ("/refresher/conditional/not-modified", test_not_modified);
  ADD ("/refresher/conditional/stored-validators", test_stored_validators);
  ADD ("/refresher/conditional/changed", test_changed_document);
  ADD ("/refresher/conditional/broken-body", test_broken_body);
  ADD ("/refresher/conditional/broken-after-good", test_broken_after_good);
  ADD ("/refresher/schedule/retry-after", test_retry_after);
  ADD ("/refresher/schedule/backoff", test_backoff);
  ADD ("/refresher/schedule/max-age", test_max_age);
  ADD ("/refresher/schedule/background", test_background);
  ADD ("/refresher/schedule/background-reschedules", test_background_reschedules);
  ADD ("/refresher/in-flight/superseded", test_superseded);
  ADD ("/refresher/in-flight/stop", test_stop_cancels);
  ADD ("/refresher/network/refused", test_connection_refused);
  ADD ("/refresher/network/http-error", test_http_error_not_offline);
  ADD ("/refresher/network/changed", test_network_changed);
  ADD ("/refresher/network/changed-stopped", test_network_changed_stopped);
  ADD ("/refresher/preview/long-feed", test_preview_long_feed);
  ADD ("/refresher/preview/then-failure", test_preview_then_failure);
  ADD ("/refresher/preview/short-feeds", test_preview_short_feeds);
  ADD ("/refresher/preview/main-thread", test_preview_main_thread);
#undef ADD
  g_test_add_func ("/refresher/compute-backoff", test_compute_backoff);
  g_test_add_func ("/response/parse-max-age", test_parse_max_age);
  g_test_add_func ("/response/parse-retry-after", test_parse_retry_after);

  return g_test_run ();
}
