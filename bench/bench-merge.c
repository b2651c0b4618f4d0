/* bench-merge.c
 *
 * How fast parsed items go into the store (SQLite, one transaction) and
 * into the shown list (KhCoverage), for each size given: a first merge into
 * an empty store, the same feed again (nothing changed), the feed grown by
 * the refresh's new items, and loading everything back as at start-up.
 *
 *   bench-merge DIR SIZE…   reads DIR/feed-SIZE.json and the grown
 *                           DIR/feed-(SIZE+ADDED).json written by
 *                           generate-feeds.py (ADDED is 100 unless
 *                           BENCH_REFRESH_ADDED says otherwise)
 *
 * Prints lines such as
 *
 *   bench-merge what=store-insert items=1000 runs=3 median-ms=… min-ms=…
 *     max-ms=… items-per-s=…
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>

#include "bench-common.h"
#include "kh-coverage.h"
#include "kh-feed-parser.h"
#include "kh-store.h"

#define FEED_URI "http://127.0.0.1/bench.json"
#define RUNS 3

typedef enum
{
  STORE_INSERT,
  STORE_UNCHANGED,
  STORE_GROWN,
  STORE_LOAD,
  COVERAGE_INSERT,
  COVERAGE_GROWN,
  N_FIGURES
} Figure;

static const char * const figure_names[N_FIGURES] = {
  "store-insert", "store-unchanged", "store-grown", "store-load",
  "coverage-insert", "coverage-grown",
};

/* Parsed as the refresher does it, digests included; NULL when Khabar
 * refuses the document (50 000 items are over its limits). */
static KhFeed *
read_feed (const char  *path,
           GError     **refusal)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) document = NULL;
  KhFeed *feed;
  gsize length;
  GPtrArray *items;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("bench-merge: %s", error->message);
  document = g_bytes_new_take (g_steal_pointer (&contents), length);
  feed = kh_feed_parser_parse (document, refusal);
  if (feed == NULL)
    return NULL;
  items = kh_feed_get_items (feed);
  for (guint i = 0; i < items->len; i++)
    kh_item_get_content_hash (items->pdata[i]);
  return feed;
}

static double
elapsed_ms (gint64 since)
{
  return (g_get_monotonic_time () - since) / 1000.0;
}

static void
merge_or_die (KhStore *store,
              KhFeed  *feed)
{
  g_autoptr(GError) error = NULL;

  if (!kh_store_merge (store, FEED_URI, feed, NULL, g_get_real_time () / G_USEC_PER_SEC, NULL, &error))
    g_error ("bench-merge: %s", error->message);
}

static void
bench_store (const char *path,
             KhFeed     *feed,
             KhFeed     *grown,
             GArray    **samples)
{
  g_autoptr(KhStore) store = kh_store_new (path);
  g_autoptr(KhStoredFeed) stored = NULL;
  g_autoptr(GError) error = NULL;
  gint64 begin;
  double ms;

  begin = g_get_monotonic_time ();
  merge_or_die (store, feed);
  ms = elapsed_ms (begin);
  g_array_append_val (samples[STORE_INSERT], ms);

  begin = g_get_monotonic_time ();
  merge_or_die (store, feed);
  ms = elapsed_ms (begin);
  g_array_append_val (samples[STORE_UNCHANGED], ms);

  begin = g_get_monotonic_time ();
  merge_or_die (store, grown);
  ms = elapsed_ms (begin);
  g_array_append_val (samples[STORE_GROWN], ms);

  begin = g_get_monotonic_time ();
  stored = kh_store_load (store, FEED_URI, &error);
  if (stored == NULL)
    g_error ("bench-merge: %s", error->message);
  ms = elapsed_ms (begin);
  g_array_append_val (samples[STORE_LOAD], ms);
  kh_store_close (store);
}

static void
bench_coverage (const char *dir,
                guint       size,
                guint       added,
                GArray    **samples)
{
  g_autofree char *name = g_strdup_printf ("feed-%u.json", size);
  g_autofree char *grown_name = g_strdup_printf ("feed-%u.json", size + added);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *grown_path = g_build_filename (dir, grown_name, NULL);
  /* Fresh items each time: the coverage keeps the ones it is given. */
  g_autoptr(KhFeed) feed = read_feed (path, NULL);
  g_autoptr(KhFeed) grown = read_feed (grown_path, NULL);
  g_autoptr(KhCoverage) coverage = kh_coverage_new ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  gint64 begin;
  double ms;

  begin = g_get_monotonic_time ();
  first = kh_coverage_merge (coverage, kh_feed_get_items (feed), NULL);
  ms = elapsed_ms (begin);
  g_array_append_val (samples[COVERAGE_INSERT], ms);

  begin = g_get_monotonic_time ();
  second = kh_coverage_merge (coverage, kh_feed_get_items (grown), NULL);
  ms = elapsed_ms (begin);
  g_array_append_val (samples[COVERAGE_GROWN], ms);
  g_assert_cmpuint (second->len, ==, added);
}

static void
bench_size (const char *dir,
            guint       size,
            guint       added)
{
  g_autofree char *name = g_strdup_printf ("feed-%u.json", size);
  g_autofree char *grown_name = g_strdup_printf ("feed-%u.json", size + added);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *grown_path = g_build_filename (dir, grown_name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = read_feed (path, &error);
  g_autoptr(KhFeed) grown = feed ? read_feed (grown_path, &error) : NULL;
  g_autofree char *tmp = NULL;
  GArray *samples[N_FIGURES];
  guint items[N_FIGURES] = { size, size, size + added, size + added, size, size + added };

  if (grown == NULL)
    {
      g_print ("bench-merge size=%u refused=\"%s\"\n", size, error->message);
      return;
    }
  tmp = g_dir_make_tmp ("khabar-bench-XXXXXX", &error);
  if (tmp == NULL)
    g_error ("bench-merge: %s", error->message);
  for (guint f = 0; f < N_FIGURES; f++)
    samples[f] = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint run = 0; run < RUNS; run++)
    {
      g_autofree char *db = g_strdup_printf ("%s/store-%u.db", tmp, run);
      g_autofree char *wal = g_strconcat (db, "-wal", NULL);
      g_autofree char *shm = g_strconcat (db, "-shm", NULL);

      bench_store (db, feed, grown, samples);
      bench_coverage (dir, size, added, samples);
      g_unlink (db);
      g_unlink (wal);
      g_unlink (shm);
    }
  g_rmdir (tmp);

  for (guint f = 0; f < N_FIGURES; f++)
    {
      BenchTimes times;

      bench_times_from (&times, samples[f]);
      g_print ("bench-merge what=%s size=%u items=%u runs=%u median-ms=%.2f min-ms=%.2f max-ms=%.2f "
               "items-per-s=%.0f\n",
               figure_names[f], size, items[f], times.runs, times.median, times.min, times.max,
               items[f] / (times.median / 1000.0));
      g_array_unref (samples[f]);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *added_env = g_getenv ("BENCH_REFRESH_ADDED");
  guint added = added_env ? (guint) atoi (added_env) : 100;

  if (argc < 3)
    {
      g_printerr ("usage: bench-merge DIR SIZE…\n");
      return 2;
    }
  for (int i = 2; i < argc; i++)
    bench_size (argv[1], (guint) atoi (argv[i]), added);
  return 0;
}
