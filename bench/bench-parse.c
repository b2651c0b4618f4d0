/* bench-parse.c
 *
 * Parse throughput of the core alone: each document given is read into
 * memory and parsed with kh_feed_parser_parse, which finds its format, as
 * many times as it takes to time it well.  Prints one line per document:
 *
 *   bench-parse file=feed-1000.json format=json items=1000 bytes=… runs=…
 *     median-ms=… min-ms=… max-ms=… mb-per-s=… items-per-s=…
 *
 * or, for a document Khabar does not read (another format, or over its limits):
 *
 *   bench-parse file=feed-1000.rss.xml format=rss unsupported="…"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bench-common.h"
#include "kh-feed-parser.h"

static const char *
format_of (const char *name)
{
  if (g_str_has_suffix (name, ".rss.xml"))
    return "rss";
  if (g_str_has_suffix (name, ".atom.xml"))
    return "atom";
  if (g_str_has_suffix (name, ".json"))
    return "json";
  return "other";
}

static gboolean
bench_document (const char *path)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) document = NULL;
  g_autoptr(KhFeed) first = NULL;
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *contents = NULL;
  gsize length;
  gint64 started;
  BenchTimes times;
  guint n_items;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      g_printerr ("bench-parse: %s\n", error->message);
      return FALSE;
    }
  document = g_bytes_new_take (g_steal_pointer (&contents), length);

  /* The first parse warms the caches and tells whether the document is
   * read at all: not every format is, and 50 000 items are over the
   * parser's limits. */
  first = kh_feed_parser_parse (document, &error);
  if (first == NULL)
    {
      g_autofree char *message = g_strescape (error->message, NULL);

      g_print ("bench-parse file=%s format=%s unsupported=\"not read: %s\"\n",
               name, format_of (name), message);
      return TRUE;
    }
  n_items = kh_feed_get_n_items (first);
  g_clear_object (&first);

  started = g_get_monotonic_time ();
  while (samples->len < BENCH_MIN_RUNS ||
         (samples->len < BENCH_MAX_RUNS &&
          g_get_monotonic_time () - started < BENCH_MIN_SECONDS * G_USEC_PER_SEC))
    {
      gint64 begin = g_get_monotonic_time ();
      g_autoptr(KhFeed) feed = kh_feed_parser_parse (document, NULL);
      double ms = (g_get_monotonic_time () - begin) / 1000.0;

      g_assert (feed != NULL);
      g_array_append_val (samples, ms);
    }
  bench_times_from (&times, samples);

  g_print ("bench-parse file=%s format=%s items=%u bytes=%" G_GSIZE_FORMAT " runs=%u "
           "median-ms=%.2f min-ms=%.2f max-ms=%.2f mb-per-s=%.1f items-per-s=%.0f\n",
           name, format_of (name), n_items, length, times.runs, times.median, times.min, times.max,
           length / 1e6 / (times.median / 1000.0), n_items / (times.median / 1000.0));
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  int status = 0;

  if (argc < 2)
    {
      g_printerr ("usage: bench-parse DOCUMENT…\n");
      return 2;
    }
  for (int i = 1; i < argc; i++)
    if (!bench_document (argv[i]))
      status = 1;
  return status;
}
