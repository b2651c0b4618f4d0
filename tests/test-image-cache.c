/* test-image-cache.c: images kept on disk under names of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <utime.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kh-error.h"
#include "kh-image-cache.h"

/* Not a real image: the cache keeps bytes, decoding is not its business. */
static const char image_bytes[] = "\x89PNG\r\n\x1a\n pretend image data";

typedef struct
{
  SoupServer   *server;
  char         *base;
  char         *directory;
  KhFetcher    *fetcher;
  KhImageCache *cache;
  guint         n_requests;
} Fixture;

static void
serve_cb (SoupServer        *server,
          SoupServerMessage *message,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  Fixture *fixture = user_data;

  fixture->n_requests++;
  if (g_str_has_prefix (path, "/missing"))
    {
      soup_server_message_set_status (message, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (message, "image/png", SOUP_MEMORY_STATIC,
                                    image_bytes, sizeof image_bytes - 1);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoslist(GUri) uris = NULL;

  fixture->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (fixture->server, NULL, serve_cb, fixture, NULL);
  soup_server_listen_local (fixture->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (fixture->server);
  fixture->base = g_uri_to_string (uris->data);

  fixture->directory = g_dir_make_tmp ("khabar-images-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->fetcher = kh_fetcher_new ();
  fixture->cache = kh_image_cache_new (fixture->fetcher, fixture->directory);
}

static guint
count_files (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  guint n_files = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n_files++;
  return n_files;
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->directory, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->directory);
  g_free (fixture->directory);
  g_clear_object (&fixture->cache);
  g_clear_object (&fixture->fetcher);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_free (fixture->base);
}

typedef struct
{
  GBytes *bytes;
  GError *error;
  gboolean done;
} Result;

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Result *loaded = user_data;

  loaded->bytes = kh_image_cache_load_finish (KH_IMAGE_CACHE (source), result, &loaded->error);
  loaded->done = TRUE;
}

static void
load (Fixture    *fixture,
      const char *uri,
      gsize       max_size,
      Result     *loaded)
{
  memset (loaded, 0, sizeof *loaded);
  kh_image_cache_load_async (fixture->cache, uri, max_size, NULL, loaded_cb, loaded);
  while (!loaded->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
result_clear (Result *loaded)
{
  g_clear_pointer (&loaded->bytes, g_bytes_unref);
  g_clear_error (&loaded->error);
}

/* The cache writes asynchronously; wait until the file is there. */
static void
wait_for_file (const char *path)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
test_second_load_from_disk (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *uri = g_strconcat (fixture->base, "photos/storm.png", NULL);
  g_autofree char *path = kh_image_cache_get_path (fixture->cache, uri);
  Result loaded;

  load (fixture, uri, 1024, &loaded);
  g_assert_no_error (loaded.error);
  g_assert_cmpmem (g_bytes_get_data (loaded.bytes, NULL), g_bytes_get_size (loaded.bytes),
                   image_bytes, sizeof image_bytes - 1);
  result_clear (&loaded);
  wait_for_file (path);
  g_assert_cmpuint (fixture->n_requests, ==, 1);

  /* The server is not asked again. */
  load (fixture, uri, 1024, &loaded);
  g_assert_no_error (loaded.error);
  g_assert_cmpuint (g_bytes_get_size (loaded.bytes), ==, sizeof image_bytes - 1);
  g_assert_cmpuint (fixture->n_requests, ==, 1);
  result_clear (&loaded);
}

/* Whatever the address says, the file is a hash in the cache folder. */
static void
test_names_from_hashes (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *addresses[] = {
    "photos/../../../../etc/passwd",
    "a%2F..%2F..%2Fescape.png",
    "photo.png?name=/tmp/x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_autofree char *uri = g_strconcat (fixture->base, addresses[i], NULL);
      g_autofree char *path = kh_image_cache_get_path (fixture->cache, uri);
      g_autofree char *directory = g_path_get_dirname (path);
      g_autofree char *name = g_path_get_basename (path);

      g_assert_cmpstr (directory, ==, fixture->directory);
      g_assert_cmpuint (strlen (name), ==, 64);
      g_assert_true (strspn (name, "0123456789abcdef") == 64);
    }
}

static void
test_local_not_cached (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "fetch-ok.json", NULL);
  g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
  Result loaded;

  g_assert_null (kh_image_cache_get_path (fixture->cache, uri));
  g_assert_null (kh_image_cache_get_path (fixture->cache, "resource:///io/github/khabar/Khabar/x.png"));
  load (fixture, uri, 1024 * 1024, &loaded);
  g_assert_no_error (loaded.error);
  result_clear (&loaded);
  g_assert_cmpuint (count_files (fixture->directory), ==, 0);
}

static void
test_failures_not_cached (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *missing = g_strconcat (fixture->base, "missing.png", NULL);
  g_autofree char *big = g_strconcat (fixture->base, "big.png", NULL);
  Result loaded;

  load (fixture, missing, 1024, &loaded);
  g_assert_error (loaded.error, KH_FETCH_ERROR, KH_FETCH_ERROR_HTTP);
  result_clear (&loaded);

  load (fixture, big, 8, &loaded);
  g_assert_error (loaded.error, KH_FETCH_ERROR, KH_FETCH_ERROR_TOO_LARGE);
  result_clear (&loaded);

  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (count_files (fixture->directory), ==, 0);
}

static void
trimmed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_assert_true (kh_image_cache_trim_finish (KH_IMAGE_CACHE (source), result, NULL));
  *(gboolean *) user_data = TRUE;
}

static void
write_file (const char *directory,
            const char *name,
            gsize       size,
            gint64      modified)
{
  g_autofree char *path = g_build_filename (directory, name, NULL);
  g_autofree char *contents = g_malloc0 (size);
  struct utimbuf times = { modified, modified };

  g_assert_true (g_file_set_contents (path, contents, size, NULL));
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static void
test_trim_oldest (Fixture       *fixture,
                  gconstpointer  data)
{
  gboolean done = FALSE;
  g_autofree char *oldest = g_build_filename (fixture->directory, "oldest", NULL);
  g_autofree char *newest = g_build_filename (fixture->directory, "newest", NULL);

  write_file (fixture->directory, "oldest", 4000, 1000000000);
  write_file (fixture->directory, "middle", 4000, 1100000000);
  write_file (fixture->directory, "newest", 4000, 1200000000);

  kh_image_cache_trim_async (fixture->cache, 9000, NULL, trimmed_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (count_files (fixture->directory), ==, 2);
  g_assert_false (g_file_test (oldest, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (newest, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/image-cache/second-load-from-disk", test_second_load_from_disk);
  ADD ("/image-cache/names-from-hashes", test_names_from_hashes);
  ADD ("/image-cache/local-not-cached", test_local_not_cached);
  ADD ("/image-cache/failures-not-cached", test_failures_not_cached);
  ADD ("/image-cache/trim-oldest", test_trim_oldest);

  return g_test_run ();
}
