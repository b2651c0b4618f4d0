/* store-crash-writer.c: writes to a store until it is killed, or full
 *
 * test-store runs this and kills it with SIGKILL at a random moment, then
 * checks that every round it reported as committed is in the database.
 *
 * Round N merges the items round-N-0 … round-N-9, titled "round N item I";
 * edits round-(N-1)-0 … round-(N-1)-4 and round-(N/2)-9 to "edited in round
 * N"; then marks round-N-1 read and round-N-2 starred.  Only once all of
 * that returned does it print "committed N".
 *
 *   store-crash-writer DATABASE [FIRST-ROUND [MAX-FILE-SIZE]]
 *
 * FIRST-ROUND continues the rounds of an earlier run.  MAX-FILE-SIZE, in
 * bytes, limits the size of every file the writer may write (as a full
 * disk would); at the first error it prints "failed DOMAIN CODE MESSAGE"
 * and exits with status 1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>

#include "kh-store.h"

#define FEED_URI "https://live.example.net/crash/feed.json"
#define ITEMS_PER_ROUND 10

static void
add_item (KhFeed     *feed,
          guint       round,
          guint       index,
          const char *title)
{
  g_autofree char *id = g_strdup_printf ("round-%u-%u", round, index);
  g_autoptr(KhItem) item = kh_item_new (id);
  g_autoptr(GDateTime) published = g_date_time_new_from_unix_utc (1700000000 + round * 60 + index);

  kh_item_set_title (item, title);
  kh_item_set_summary (item, "A line of filler so the rows are not tiny.");
  kh_item_set_published (item, published);
  kh_feed_add_item (feed, item);
}

static KhFeed *
build_round (guint round)
{
  KhFeed *feed = kh_feed_new ();
  g_autofree char *edited = g_strdup_printf ("edited in round %u", round);

  kh_feed_set_title (feed, "Crash coverage");
  for (guint i = 0; i < ITEMS_PER_ROUND; i++)
    {
      g_autofree char *title = g_strdup_printf ("round %u item %u", round, i);

      add_item (feed, round, i, title);
    }

  if (round > 0)
    {
      for (guint i = 0; i < 5; i++)
        add_item (feed, round - 1, i, edited);
      add_item (feed, round / 2, 9, edited);
    }
  return feed;
}

static gboolean
run_round (KhStore  *store,
           guint     round,
           GError  **error)
{
  g_autoptr(KhFeed) feed = build_round (round);
  g_autofree char *read_id = g_strdup_printf ("round-%u-1", round);
  g_autofree char *starred_id = g_strdup_printf ("round-%u-2", round);

  return kh_store_merge (store, FEED_URI, feed, NULL, 1700000000 + round, NULL, error) &&
         kh_store_save_state (store, FEED_URI, read_id, TRUE, FALSE, error) &&
         kh_store_save_state (store, FEED_URI, starred_id, FALSE, TRUE, error);
}

/* As a full disk would: writes past @size fail with EFBIG instead of
 * killing the process with SIGXFSZ. */
static void
limit_file_size (guint64 size)
{
  struct rlimit limit = { size, size };

  signal (SIGXFSZ, SIG_IGN);
  if (setrlimit (RLIMIT_FSIZE, &limit) != 0)
    {
      perror ("setrlimit");
      exit (2);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KhStore) store = NULL;
  guint64 first_round = 0;
  guint64 max_file_size = 0;

  if (argc < 2 || argc > 4 ||
      (argc > 2 && !g_ascii_string_to_unsigned (argv[2], 10, 0, G_MAXUINT / 2, &first_round, NULL)) ||
      (argc > 3 && !g_ascii_string_to_unsigned (argv[3], 10, 1, G_MAXUINT64, &max_file_size, NULL)))
    {
      fprintf (stderr, "Usage: %s DATABASE [FIRST-ROUND [MAX-FILE-SIZE]]\n", argv[0]);
      return 2;
    }
  if (max_file_size > 0)
    limit_file_size (max_file_size);

  store = kh_store_new (argv[1]);
  for (guint round = first_round; ; round++)
    {
      g_autoptr(GError) error = NULL;

      if (!run_round (store, round, &error))
        {
          printf ("failed %s %d %s\n", g_quark_to_string (error->domain), error->code, error->message);
          fflush (stdout);
          return 1;
        }
      printf ("committed %u\n", round);
      fflush (stdout);
    }
}
