/* test-demo-server.c: khabar-demo-server, run as a subprocess on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "kh-feed-parser.h"

/* Bounds on waiting for the server, so that a hang fails instead of
 * stalling the suite. */
#define WAIT_SECONDS 10
#define POLL_MILLISECONDS 250
#define POLL_SECONDS 5

typedef struct
{
  SoupSession *session;
  GPtrArray   *processes;
  GPtrArray   *feed_uris;
  const char  *feed_uri;
  char        *base_uri;
} Fixture;

typedef struct
{
  guint               status;
  GBytes             *body;
  SoupMessageHeaders *headers;
  GUri               *uri;
} Response;

static void
response_free (Response *response)
{
  g_bytes_unref (response->body);
  soup_message_headers_unref (response->headers);
  g_uri_unref (response->uri);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

/* Waiting on the main context */

static gboolean
set_flag_cb (gpointer user_data)
{
  gboolean *flag = user_data;

  *flag = TRUE;
  return G_SOURCE_REMOVE;
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **slot = user_data;

  *slot = g_object_ref (result);
}

/* Runs the main context until an async call stores its result. */
static void
await_result (GAsyncResult **slot)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (WAIT_SECONDS, set_flag_cb, &timed_out);

  while (*slot == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("No answer from khabar-demo-server within %d seconds", WAIT_SECONDS);
  g_source_remove (timeout_id);
}

static void
wait_milliseconds (guint milliseconds)
{
  gboolean done = FALSE;

  g_timeout_add (milliseconds, set_flag_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* The server */

static const char *
server_path (void)
{
  const char *path = g_getenv ("KHABAR_DEMO_SERVER");

  if (path != NULL && *path != '\0')
    return path;
  return g_test_get_filename (G_TEST_BUILT, "..", "src", "tools", "khabar-demo-server", NULL);
}

/* Runs in the child between fork and exec.  A failed assertion aborts the
 * test before its tear-down: the server must not outlive it, nor keep the
 * test's stderr open for meson to wait on. */
static void
die_with_parent (gpointer user_data)
{
  pid_t parent = GPOINTER_TO_INT (user_data);

  prctl (PR_SET_PDEATHSIG, SIGTERM);
  if (getppid () != parent)
    raise (SIGTERM);
}

static GSubprocess *
spawn (const char * const *argv,
       GSubprocessFlags    flags)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GError) error = NULL;
  GSubprocess *process;

  g_subprocess_launcher_set_child_setup (launcher, die_with_parent,
                                         GINT_TO_POINTER (getpid ()), NULL);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  return process;
}

static GSubprocess *
spawn_server (const char *first_option,
              va_list     options)
{
  g_autoptr(GPtrArray) arguments = g_ptr_array_new ();

  g_ptr_array_add (arguments, (char *) server_path ());
  g_ptr_array_add (arguments, (char *) "--port");
  g_ptr_array_add (arguments, (char *) "0");
  for (const char *option = first_option; option != NULL; option = va_arg (options, const char *))
    g_ptr_array_add (arguments, (char *) option);
  g_ptr_array_add (arguments, NULL);

  return spawn ((const char * const *) arguments->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
}

/* The address the server prints on its one line of output. */
static char *
read_feed_uri (GSubprocess *process)
{
  g_autoptr(GDataInputStream) output =
    g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *line;

  g_data_input_stream_read_line_async (output, G_PRIORITY_DEFAULT, NULL, stored_cb, &result);
  await_result (&result);
  line = g_data_input_stream_read_line_finish_utf8 (output, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  return line;
}

/* Starts a server on a free port with the given options, NULL-terminated,
 * and returns its feed address.  The first server's is fixture->feed_uri. */
static const char *
start_server (Fixture    *fixture,
              const char *first_option,
              ...) G_GNUC_NULL_TERMINATED;

static const char *
start_server (Fixture    *fixture,
              const char *first_option,
              ...)
{
  GSubprocess *process;
  char *feed_uri;
  va_list options;

  va_start (options, first_option);
  process = spawn_server (first_option, options);
  va_end (options);
  g_ptr_array_add (fixture->processes, process);

  feed_uri = read_feed_uri (process);
  g_assert_true (g_str_has_prefix (feed_uri, "http://127.0.0.1:"));
  g_assert_true (g_str_has_suffix (feed_uri, "/feed.json"));

  g_ptr_array_add (fixture->feed_uris, feed_uri);
  if (fixture->feed_uri == NULL)
    {
      fixture->feed_uri = feed_uri;
      fixture->base_uri = g_strndup (feed_uri, strlen (feed_uri) - strlen ("feed.json"));
    }
  return feed_uri;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->session = soup_session_new ();
  /* Straight to 127.0.0.1, whatever proxy the environment names. */
  soup_session_set_proxy_resolver (fixture->session, NULL);
  soup_session_set_timeout (fixture->session, WAIT_SECONDS);
  fixture->processes = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->feed_uris = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  for (guint i = 0; i < fixture->processes->len; i++)
    {
      GSubprocess *process = g_ptr_array_index (fixture->processes, i);

      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, NULL);
    }
  g_ptr_array_unref (fixture->processes);
  g_ptr_array_unref (fixture->feed_uris);
  g_clear_object (&fixture->session);
  g_free (fixture->base_uri);
}

static void
wait_for_exit (GSubprocess *process)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_subprocess_wait_async (process, NULL, stored_cb, &result);
  await_result (&result);
  g_subprocess_wait_finish (process, result, &error);
  g_assert_no_error (error);
}

/* HTTP */

static Response *
request (Fixture    *fixture,
         const char *method,
         const char *uri,
         const char *header,
         const char *value)
{
  g_autoptr(SoupMessage) message = soup_message_new (method, uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Response *response = g_new0 (Response, 1);

  g_assert_nonnull (message);
  if (header != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (message), header, value);

  soup_session_send_and_read_async (fixture->session, message, G_PRIORITY_DEFAULT, NULL,
                                    stored_cb, &result);
  await_result (&result);
  response->body = soup_session_send_and_read_finish (fixture->session, result, &error);
  g_assert_no_error (error);

  response->status = soup_message_get_status (message);
  response->headers = soup_message_headers_ref (soup_message_get_response_headers (message));
  response->uri = g_uri_ref (soup_message_get_uri (message));
  return response;
}

static Response *
get_feed (Fixture    *fixture,
          const char *header,
          const char *value)
{
  return request (fixture, SOUP_METHOD_GET, fixture->feed_uri, header, value);
}

static const char *
response_header (Response   *response,
                 const char *name)
{
  return soup_message_headers_get_one (response->headers, name);
}

typedef gboolean (*ResponseCheck) (Response *response,
                                   gpointer  user_data);

/* Fetches the feed a few times a second until @check is satisfied, for
 * at most POLL_SECONDS. */
static Response *
poll_feed (Fixture       *fixture,
           ResponseCheck  check,
           gpointer       user_data)
{
  gint64 deadline = g_get_monotonic_time () + POLL_SECONDS * G_USEC_PER_SEC;

  for (;;)
    {
      g_autoptr(Response) response = get_feed (fixture, NULL, NULL);

      if (check (response, user_data))
        return g_steal_pointer (&response);
      if (g_get_monotonic_time () > deadline)
        g_error ("The feed did not change as expected within %d seconds", POLL_SECONDS);
      wait_milliseconds (POLL_MILLISECONDS);
    }
}

/* JSON */

static JsonNode *
parse_json (GBytes *body)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (body, &size);

  json_parser_load_from_data (parser, data, (gssize) size, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_parser_steal_root (parser);
}

static JsonArray *
feed_items (JsonNode *root)
{
  JsonObject *feed = json_node_get_object (root);

  g_assert_true (json_object_has_member (feed, "items"));
  return json_object_get_array_member (feed, "items");
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  return json_object_get_string_member_with_default (object, name, NULL);
}

/* RFC 3339 with a numeric offset, as the server writes it. */
static GDateTime *
parse_rfc3339 (const char *text)
{
  const char *pattern = "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d$";

  g_assert_nonnull (text);
  g_assert_true (g_regex_match_simple (pattern, text, 0, 0));
  return g_date_time_new_from_iso8601 (text, NULL);
}

static void
assert_item_valid (Fixture    *fixture,
                   JsonObject *item)
{
  JsonObject *extension = json_object_get_object_member (item, "_khabar");
  g_autoptr(GDateTime) published = parse_rfc3339 (member_string (item, "date_published"));

  g_assert_nonnull (published);
  g_assert_true (g_str_has_prefix (member_string (item, "url"), fixture->base_uri));
  g_assert_cmpuint (strlen (member_string (item, "title")), >, 0);
  g_assert_true (g_str_has_prefix (member_string (item, "content_html"), "<p>"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "authors")), >, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (item, "tags")), >, 0);
  g_assert_false (json_object_has_member (item, "image"));

  g_assert_nonnull (extension);
  g_assert_nonnull (member_string (extension, "dateline"));
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (extension, "breaking")),
                   ==, G_TYPE_BOOLEAN);
}

/* Unique ids, valid items, newest first. */
static void
assert_items_valid (Fixture  *fixture,
                    JsonNode *root)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GDateTime) previous = NULL;
  JsonArray *items = feed_items (root);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *id = member_string (item, "id");
      GDateTime *published = parse_rfc3339 (member_string (item, "date_published"));

      g_assert_nonnull (id);
      g_assert_false (g_hash_table_contains (ids, id));
      g_hash_table_add (ids, (char *) id);
      assert_item_valid (fixture, item);

      if (previous != NULL)
        g_assert_cmpint (g_date_time_compare (published, previous), <=, 0);
      g_clear_pointer (&previous, g_date_time_unref);
      previous = published;
    }
}

static gboolean
has_arabic (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x0600 && c <= 0x06FF)
        return TRUE;
    }
  return FALSE;
}

/* The cases */

static void
test_feed_document (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(Response) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) last_modified = NULL;
  JsonObject *feed;
  const char *etag;

  start_server (fixture, "--initial", "5", "--interval", "60", "--max-age", "30", NULL);
  response = get_feed (fixture, NULL, NULL);

  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (response_header (response, "Content-Type"), ==,
                   "application/feed+json; charset=utf-8");
  g_assert_cmpstr (response_header (response, "Cache-Control"), ==, "max-age=30");
  etag = response_header (response, "ETag");
  g_assert_nonnull (etag);
  g_assert_true (g_str_has_prefix (etag, "\"") && g_str_has_suffix (etag, "\""));
  last_modified = soup_date_time_new_from_http_string (response_header (response, "Last-Modified"));
  g_assert_nonnull (last_modified);

  root = parse_json (response->body);
  feed = json_node_get_object (root);
  g_assert_cmpstr (member_string (feed, "version"), ==, "https://jsonfeed.org/version/1.1");
  g_assert_cmpstr (member_string (feed, "language"), ==, "ar");
  g_assert_cmpstr (member_string (feed, "home_page_url"), ==, fixture->base_uri);
  g_assert_cmpstr (member_string (feed, "feed_url"), ==, fixture->feed_uri);
  g_assert_true (has_arabic (member_string (feed, "title")));
  g_assert_cmpuint (json_array_get_length (feed_items (root)), ==, 5);
  assert_items_valid (fixture, root);

  /* Nothing is edited before the first tick. */
  for (guint i = 0; i < 5; i++)
    g_assert_false (json_object_has_member (json_array_get_object_element (feed_items (root), i),
                                            "date_modified"));
}

static void
test_feed_max_items (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(Response) response = NULL;
  g_autoptr(JsonNode) root = NULL;

  start_server (fixture, "--initial", "12", "--max-items", "4", "--interval", "60", NULL);
  response = get_feed (fixture, NULL, NULL);
  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  g_assert_null (response_header (response, "Cache-Control"));

  root = parse_json (response->body);
  g_assert_cmpuint (json_array_get_length (feed_items (root)), ==, 4);
  assert_items_valid (fixture, root);
}

static void
assert_parsed_item (KhItem *item)
{
  const char * const *paragraphs = kh_item_get_paragraphs (item);

  g_assert_cmpuint (strlen (kh_item_get_title (item)), >, 0);
  g_assert_true (has_arabic (kh_item_get_title (item)));
  g_assert_cmpuint (g_strv_length ((GStrv) paragraphs), >=, 2);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    g_assert_true (has_arabic (paragraphs[i]));

  g_assert_nonnull (kh_item_get_published (item));
  g_assert_nonnull (kh_item_get_clock (item));
  g_assert_true (g_strv_contains ((const char * const []) { "بيروت", "عمّان", "دمشق", NULL },
                                  kh_item_get_clock_label (item)));
  g_assert_nonnull (kh_item_get_dateline (item));
  g_assert_nonnull (kh_item_get_authors (item)[0]);
  g_assert_nonnull (kh_item_get_tags (item)[0]);
  g_assert_cmpstr (kh_item_get_language (item), ==, "ar");
}

/* The feed reads cleanly with Khabar's own parser. */
static void
test_feed_khabar_parser (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(Response) response = NULL;
  g_autoptr(KhFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) latin = g_regex_new ("[A-Za-z]", 0, 0, NULL);
  gboolean any_breaking = FALSE, any_other_clock = FALSE, any_latin = FALSE;

  start_server (fixture, "--initial", "30", "--interval", "60", NULL);
  response = get_feed (fixture, NULL, NULL);
  feed = kh_feed_parser_parse (response->body, &error);
  g_assert_no_error (error);

  g_assert_null (kh_feed_get_problems (feed)[0]);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 0);
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 30);
  g_assert_cmpstr (kh_feed_get_language (feed), ==, "ar");

  for (guint i = 0; i < kh_feed_get_n_items (feed); i++)
    {
      KhItem *item = kh_feed_get_item (feed, i);
      g_autofree char *text = g_strjoinv (" ", (GStrv) kh_item_get_paragraphs (item));

      assert_parsed_item (item);
      any_breaking |= kh_item_get_breaking (item);
      any_other_clock |= g_strcmp0 (kh_item_get_clock_label (item), "بيروت") != 0;
      any_latin |= g_regex_match (latin, text, 0, NULL);
    }

  /* Thirty items are enough to show every kind of item. */
  g_assert_true (any_breaking);
  g_assert_true (any_other_clock);
  g_assert_true (any_latin);
}

static char *
texts_of (Fixture    *fixture,
          const char *feed_uri)
{
  g_autoptr(Response) response = request (fixture, SOUP_METHOD_GET, feed_uri, NULL, NULL);
  g_autoptr(JsonNode) root = parse_json (response->body);
  JsonArray *items = feed_items (root);
  GString *texts = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      g_string_append_printf (texts, "%s\n%s\n", member_string (item, "title"),
                              member_string (item, "content_html"));
    }
  return g_string_free (texts, FALSE);
}

/* One seed, one story; dates and ports aside. */
static void
test_feed_seed (Fixture       *fixture,
                gconstpointer  data)
{
  const char *first = start_server (fixture, "--seed", "7", "--interval", "60", NULL);
  const char *second = start_server (fixture, "--seed", "7", "--interval", "60", NULL);
  const char *other = start_server (fixture, "--seed", "8", "--interval", "60", NULL);
  g_autofree char *first_texts = texts_of (fixture, first);
  g_autofree char *second_texts = texts_of (fixture, second);
  g_autofree char *other_texts = texts_of (fixture, other);

  g_assert_cmpstr (first_texts, ==, second_texts);
  g_assert_cmpstr (first_texts, !=, other_texts);
}

static void
test_if_none_match (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(Response) first = NULL;
  g_autoptr(Response) same = NULL;
  g_autoptr(Response) in_list = NULL;
  g_autoptr(Response) other = NULL;
  g_autofree char *list = NULL;
  const char *etag;

  start_server (fixture, "--interval", "60", NULL);
  first = get_feed (fixture, NULL, NULL);
  etag = response_header (first, "ETag");
  g_assert_nonnull (etag);

  same = get_feed (fixture, "If-None-Match", etag);
  g_assert_cmpuint (same->status, ==, SOUP_STATUS_NOT_MODIFIED);
  g_assert_cmpuint (g_bytes_get_size (same->body), ==, 0);
  g_assert_cmpstr (response_header (same, "ETag"), ==, etag);
  g_assert_cmpstr (response_header (same, "Last-Modified"), ==,
                   response_header (first, "Last-Modified"));

  list = g_strdup_printf ("\"older\", %s", etag);
  in_list = get_feed (fixture, "If-None-Match", list);
  g_assert_cmpuint (in_list->status, ==, SOUP_STATUS_NOT_MODIFIED);

  other = get_feed (fixture, "If-None-Match", "\"older\"");
  g_assert_cmpuint (other->status, ==, SOUP_STATUS_OK);
  g_assert_true (g_bytes_equal (other->body, first->body));
}

static void
test_if_modified_since (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(Response) first = NULL;
  g_autoptr(Response) same = NULL;
  g_autoptr(Response) older = NULL;
  g_autoptr(GDateTime) last_modified = NULL;
  g_autoptr(GDateTime) hour_before = NULL;
  g_autofree char *hour_before_text = NULL;

  start_server (fixture, "--interval", "60", NULL);
  first = get_feed (fixture, NULL, NULL);
  last_modified = soup_date_time_new_from_http_string (response_header (first, "Last-Modified"));
  g_assert_nonnull (last_modified);

  same = get_feed (fixture, "If-Modified-Since", response_header (first, "Last-Modified"));
  g_assert_cmpuint (same->status, ==, SOUP_STATUS_NOT_MODIFIED);
  g_assert_cmpuint (g_bytes_get_size (same->body), ==, 0);

  hour_before = g_date_time_add_hours (last_modified, -1);
  hour_before_text = soup_date_time_to_string (hour_before, SOUP_DATE_HTTP);
  older = get_feed (fixture, "If-Modified-Since", hour_before_text);
  g_assert_cmpuint (older->status, ==, SOUP_STATUS_OK);
  g_assert_true (g_bytes_equal (older->body, first->body));
}

/* The ETag changes exactly when the bytes do. */
static gboolean
etag_changed (Response *response,
              gpointer  user_data)
{
  Response *first = user_data;

  g_assert_cmpuint (response->status, ==, SOUP_STATUS_OK);
  if (g_strcmp0 (response_header (response, "ETag"), response_header (first, "ETag")) == 0)
    {
      g_assert_true (g_bytes_equal (response->body, first->body));
      return FALSE;
    }

  g_assert_false (g_bytes_equal (response->body, first->body));
  return TRUE;
}

static void
test_live_new_item (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(Response) first = NULL;
  g_autoptr(Response) newer = NULL;
  g_autoptr(JsonNode) first_root = NULL;
  g_autoptr(JsonNode) newer_root = NULL;
  g_autoptr(GDateTime) first_modified = NULL;
  g_autoptr(GDateTime) newer_modified = NULL;
  JsonObject *first_newest, *newer_newest;

  start_server (fixture, "--interval", "1", "--initial", "2", "--edit-every", "0", NULL);
  first = get_feed (fixture, NULL, NULL);
  newer = poll_feed (fixture, etag_changed, first);

  first_root = parse_json (first->body);
  newer_root = parse_json (newer->body);
  assert_items_valid (fixture, newer_root);
  g_assert_cmpuint (json_array_get_length (feed_items (newer_root)), >,
                    json_array_get_length (feed_items (first_root)));

  first_newest = json_array_get_object_element (feed_items (first_root), 0);
  newer_newest = json_array_get_object_element (feed_items (newer_root), 0);
  g_assert_cmpstr (member_string (first_newest, "id"), !=, member_string (newer_newest, "id"));

  first_modified = soup_date_time_new_from_http_string (response_header (first, "Last-Modified"));
  newer_modified = soup_date_time_new_from_http_string (response_header (newer, "Last-Modified"));
  g_assert_cmpint (g_date_time_compare (newer_modified, first_modified), >, 0);
}

/* The first item older than the newest that carries date_modified. */
static JsonObject *
find_edited_item (JsonNode *root)
{
  JsonArray *items = feed_items (root);

  for (guint i = 1; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (json_object_has_member (item, "date_modified"))
        return item;
    }
  return NULL;
}

static gboolean
has_edited_item (Response *response,
                 gpointer  user_data)
{
  g_autoptr(JsonNode) root = parse_json (response->body);

  return find_edited_item (root) != NULL;
}

static void
test_live_edit (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(Response) response = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) published = NULL;
  g_autoptr(GDateTime) modified = NULL;
  g_autoptr(KhFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *edited;

  start_server (fixture, "--interval", "1", "--initial", "3", "--edit-every", "1", NULL);
  response = poll_feed (fixture, has_edited_item, NULL);

  root = parse_json (response->body);
  assert_items_valid (fixture, root);
  edited = find_edited_item (root);
  g_assert_nonnull (strstr (member_string (edited, "content_html"), "<p>تحديث: "));
  published = parse_rfc3339 (member_string (edited, "date_published"));
  modified = parse_rfc3339 (member_string (edited, "date_modified"));
  g_assert_cmpint (g_date_time_compare (modified, published), >, 0);

  /* The newest item is new, not edited. */
  g_assert_false (json_object_has_member (json_array_get_object_element (feed_items (root), 0),
                                          "date_modified"));

  feed = kh_feed_parser_parse (response->body, &error);
  g_assert_no_error (error);
  g_assert_null (kh_feed_get_problems (feed)[0]);
}

static void
test_failure_500 (Fixture       *fixture,
                  gconstpointer  data)
{
  const guint expected[] = { 200, 500, 200, 500, 200, 500 };

  start_server (fixture, "--fail-every", "2", "--interval", "60", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(Response) response = get_feed (fixture, NULL, NULL);

      g_assert_cmpuint (response->status, ==, expected[i]);
      g_assert_null (response_header (response, "Retry-After"));
    }
}

static void
test_failure_503 (Fixture       *fixture,
                  gconstpointer  data)
{
  start_server (fixture, "--fail-every", "1", "--retry-after", "7", NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(Response) response = get_feed (fixture, NULL, NULL);

      g_assert_cmpuint (response->status, ==, SOUP_STATUS_SERVICE_UNAVAILABLE);
      g_assert_cmpstr (response_header (response, "Retry-After"), ==, "7");
    }
}

static void
test_paths (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(Response) root_response = NULL;
  g_autoptr(Response) page = NULL;
  g_autoptr(Response) missing = NULL;
  g_autoptr(Response) post = NULL;
  g_autoptr(Response) head = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *missing_uri = NULL;
  g_autofree char *page_text = NULL;
  JsonObject *item;

  start_server (fixture, "--interval", "60", NULL);

  /* "/" leads to the feed. */
  root_response = request (fixture, SOUP_METHOD_GET, fixture->base_uri, NULL, NULL);
  g_assert_cmpuint (root_response->status, ==, SOUP_STATUS_OK);
  g_assert_cmpstr (g_uri_get_path (root_response->uri), ==, "/feed.json");

  /* An item's url is its page. */
  root = parse_json (root_response->body);
  item = json_array_get_object_element (feed_items (root), 0);
  page = request (fixture, SOUP_METHOD_GET, member_string (item, "url"), NULL, NULL);
  g_assert_cmpuint (page->status, ==, SOUP_STATUS_OK);
  g_assert_true (g_str_has_prefix (response_header (page, "Content-Type"), "text/html"));
  page_text = g_strndup (g_bytes_get_data (page->body, NULL), g_bytes_get_size (page->body));
  g_assert_nonnull (strstr (page_text, member_string (item, "title")));

  missing_uri = g_strconcat (fixture->base_uri, "live/no-such-item", NULL);
  missing = request (fixture, SOUP_METHOD_GET, missing_uri, NULL, NULL);
  g_assert_cmpuint (missing->status, ==, SOUP_STATUS_NOT_FOUND);

  post = request (fixture, SOUP_METHOD_POST, fixture->feed_uri, NULL, NULL);
  g_assert_cmpuint (post->status, ==, SOUP_STATUS_METHOD_NOT_ALLOWED);
  g_assert_cmpstr (response_header (post, "Allow"), ==, "GET, HEAD");

  head = request (fixture, SOUP_METHOD_HEAD, fixture->feed_uri, NULL, NULL);
  g_assert_cmpuint (head->status, ==, SOUP_STATUS_OK);
  g_assert_cmpuint (g_bytes_get_size (head->body), ==, 0);
  g_assert_nonnull (response_header (head, "ETag"));
}

static void
test_invalid_option (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *argv[] = { server_path (), "--interval", "0", NULL };
  g_autoptr(GSubprocess) process = spawn (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                G_SUBPROCESS_FLAGS_STDERR_SILENCE);

  wait_for_exit (process);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
}

static void
test_terminate (Fixture       *fixture,
                gconstpointer  data)
{
  GSubprocess *process;

  start_server (fixture, "--interval", "1", NULL);
  process = g_ptr_array_index (fixture->processes, 0);

  g_subprocess_send_signal (process, SIGTERM);
  wait_for_exit (process);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
}

static void
add_case (const char *path,
          void (*test) (Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, NULL, fixture_set_up, test, fixture_tear_down);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  add_case ("/demo-server/feed/document", test_feed_document);
  add_case ("/demo-server/feed/max-items", test_feed_max_items);
  add_case ("/demo-server/feed/khabar-parser", test_feed_khabar_parser);
  add_case ("/demo-server/feed/seed", test_feed_seed);
  add_case ("/demo-server/conditional/if-none-match", test_if_none_match);
  add_case ("/demo-server/conditional/if-modified-since", test_if_modified_since);
  add_case ("/demo-server/live/new-item", test_live_new_item);
  add_case ("/demo-server/live/edit", test_live_edit);
  add_case ("/demo-server/failure/500", test_failure_500);
  add_case ("/demo-server/failure/503-retry-after", test_failure_503);
  add_case ("/demo-server/paths", test_paths);
  add_case ("/demo-server/options/invalid", test_invalid_option);
  add_case ("/demo-server/signal/terminate", test_terminate);

  return g_test_run ();
}
