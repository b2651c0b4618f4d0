/* test-inspect.c: khabar-inspect, run as a reader would run it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>
#include <string.h>

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
communicated_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &run->out, &run->err, &error);
  g_assert_no_error (error);
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
}

/* Runs khabar-inspect with @args, iterating the main loop meanwhile so
 * that a server in this process can answer it. */
static void
inspect (Run                *run,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *program = g_getenv ("KHABAR_INSPECT");

  g_assert_nonnull (program);
  g_ptr_array_add (argv, (gpointer) program);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  run->status = -1;
  run->out = run->err = NULL;
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicated_cb, run);
  while (run->out == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_test_message ("exit %d\n%s%s", run->status, run->out, run->err);
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
}

static void
test_feed (void)
{
  g_autofree char *path = fixture ("rss-edge.xml");
  g_auto(Run) run = { 0 };

  inspect (&run, (const char * const[]) { path, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Format        RSS"));
  g_assert_nonnull (strstr (run.out, "\n[1] "));
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_json_and_blocks (void)
{
  g_autofree char *path = fixture ("feed-1.1-complete.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };
  JsonObject *report;
  JsonArray *items;

  inspect (&run, (const char * const[]) { "--json", "--blocks", path, NULL });
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  report = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (report, "feed"));
  g_assert_cmpstr (json_object_get_string_member (report, "format"), ==, "JSON Feed 1.1");
  items = json_object_get_array_member (report, "items");
  g_assert_cmpuint (json_array_get_length (items), >, 0);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      g_assert_nonnull (json_object_get_string_member (item, "id"));
      g_assert_nonnull (json_object_get_string_member (item, "title"));
    }
}

static void
test_rejected (void)
{
  g_autofree char *path = fixture ("not-a-feed.json");
  g_auto(Run) run = { 0 };

  inspect (&run, (const char * const[]) { path, NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.out, "not a feed"));
  g_assert_nonnull (strstr (run.err, "Not a news feed"));
}

static void
test_unreadable (void)
{
  g_auto(Run) run = { 0 };

  inspect (&run, (const char * const[]) { "/nonexistent/feed.json", NULL });
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "/nonexistent/feed.json"));
}

static void
test_usage (void)
{
  g_auto(Run) none = { 0 };
  g_auto(Run) unknown = { 0 };

  inspect (&none, (const char * const[]) { NULL });
  g_assert_cmpint (none.status, ==, 2);
  inspect (&unknown, (const char * const[]) { "--no-such-option", "a.json", NULL });
  g_assert_cmpint (unknown.status, ==, 2);
}

/* Several documents: one report each, a JSON array of them, and the
 * worst exit status. */
static void
test_several (void)
{
  g_autofree char *feed = fixture ("atom.xml");
  g_autofree char *not_feed = fixture ("not-a-feed.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_auto(Run) good = { 0 };
  g_auto(Run) mixed = { 0 };
  JsonArray *reports;

  inspect (&good, (const char * const[]) { feed, feed, NULL });
  g_assert_cmpint (good.status, ==, 0);
  g_assert_nonnull (strstr (strstr (good.out, "Format") + 1, "Format"));

  inspect (&mixed, (const char * const[]) { "--json", feed, not_feed, "/nonexistent/x.xml", NULL });
  g_assert_cmpint (mixed.status, ==, 1);
  json_parser_load_from_data (parser, mixed.out, -1, &error);
  g_assert_no_error (error);
  reports = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (reports), ==, 3);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (reports, 0), "feed"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (reports, 1), "feed"));
  g_assert_false (json_object_get_boolean_member (json_array_get_object_element (reports, 2), "feed"));
}

/* The Content-Type given on the command line names the charset. */
static void
test_content_type (void)
{
  g_autofree char *path = fixture ("rss-windows-1256.xml");
  g_auto(Run) run = { 0 };

  inspect (&run, (const char * const[]) { "--content-type", "text/xml; charset=windows-1256",
                                          "--base", "https://news.example/feed", path, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "Content-Type  text/xml; charset=windows-1256"));
}

static const char web_feed[] =
  "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>\xc3\xce\xc8\xc7\xd1</title>"
  "<item><title>x</title><guid>w1</guid><link>/story</link></item></channel></rss>";

static void
feed_cb (SoupServer        *server,
         SoupServerMessage *message,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "application/rss+xml; charset=windows-1256",
                                    SOUP_MEMORY_STATIC, web_feed, sizeof web_feed - 1);
}

/* From the web: the server's charset and address are used. */
static void
test_web (void)
{
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *base = NULL;
  g_autofree char *uri = NULL;
  g_auto(Run) run = { 0 };

  soup_server_add_handler (server, "/feed.xml", feed_cb, NULL, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  base = g_uri_to_string (uris->data);
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
  uri = g_strconcat (base, "feed.xml", NULL);

  inspect (&run, (const char * const[]) { uri, NULL });
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "HTTP status   200"));
  g_assert_nonnull (strstr (run.out, "Title         أخبار"));
  g_assert_nonnull (strstr (run.out, "story"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/inspect/feed", test_feed);
  g_test_add_func ("/inspect/json-and-blocks", test_json_and_blocks);
  g_test_add_func ("/inspect/rejected", test_rejected);
  g_test_add_func ("/inspect/unreadable", test_unreadable);
  g_test_add_func ("/inspect/usage", test_usage);
  g_test_add_func ("/inspect/several", test_several);
  g_test_add_func ("/inspect/content-type", test_content_type);
  g_test_add_func ("/inspect/web", test_web);

  return g_test_run ();
}
