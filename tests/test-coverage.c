/* test-coverage.c: the list of items shown, merged in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>

#include "kh-coverage.h"

/* Helpers */

static KhItem *
new_item (const char *id,
          const char *title,
          gint64      published)
{
  KhItem *item = kh_item_new (id);
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (published);

  kh_item_set_title (item, title);
  kh_item_set_summary (item, "Reported by our correspondent on the ground.");
  kh_item_set_published (item, date);
  return item;
}

/* Takes ownership of the items, a NULL-terminated list. */
static GPtrArray *
new_items (KhItem *first,
           ...) G_GNUC_NULL_TERMINATED;

static GPtrArray *
new_items (KhItem *first,
           ...)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  va_list args;

  va_start (args, first);
  for (KhItem *item = first; item != NULL; item = va_arg (args, KhItem *))
    g_ptr_array_add (items, item);
  va_end (args);
  return items;
}

/* Three updates of a storm coverage, given oldest first. */
static GPtrArray *
new_storm_items (void)
{
  return new_items (new_item ("a", "Storm warning issued", 1000),
                    new_item ("c", "Ferries suspended", 3000),
                    new_item ("b", "Schools close early", 2000),
                    NULL);
}

static GPtrArray *
merge (KhCoverage   *coverage,
       GPtrArray    *items,
       KhMergeStats *stats)
{
  KhMergeStats counted = { 99, 99, 99 };
  GPtrArray *added = kh_coverage_merge (coverage, items, &counted);

  g_assert_nonnull (added);
  if (stats != NULL)
    *stats = counted;
  return added;
}

static void
assert_stats (const KhMergeStats *stats,
              guint               added,
              guint               changed,
              guint               unchanged)
{
  g_assert_cmpuint (stats->added, ==, added);
  g_assert_cmpuint (stats->changed, ==, changed);
  g_assert_cmpuint (stats->unchanged, ==, unchanged);
}

static void
assert_model_ids (KhCoverage         *coverage,
                  const char * const *expected)
{
  GListModel *model = kh_coverage_get_model (coverage);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KhItem) item = g_list_model_get_item (model, i);

      g_strv_builder_add (builder, kh_item_get_id (item));
    }
  ids = g_strv_builder_end (builder);
  g_assert_cmpstrv (ids, expected);
  g_assert_cmpuint (kh_coverage_get_n_items (coverage), ==, g_strv_length ((GStrv) expected));
}

/* Returns: (transfer none): */
static KhItem *
model_item (KhCoverage *coverage,
            guint       position)
{
  g_autoptr(KhItem) item = g_list_model_get_item (kh_coverage_get_model (coverage), position);

  g_assert_nonnull (item);
  return item;
}

typedef struct
{
  guint n_calls;
  guint position;
  guint removed;
  guint added;
} ModelLog;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  ModelLog   *log)
{
  log->n_calls++;
  log->position = position;
  log->removed = removed;
  log->added = added;
}

static void
watch_model (KhCoverage *coverage,
             ModelLog   *log)
{
  g_signal_connect (kh_coverage_get_model (coverage), "items-changed",
                    G_CALLBACK (items_changed_cb), log);
}

static void
count_cb (gpointer  instance,
          guint    *counter)
{
  (*counter)++;
}

static void
count_changed (KhItem *item,
               guint  *counter)
{
  g_signal_connect (item, "changed", G_CALLBACK (count_cb), counter);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *counter)
{
  (*counter)++;
}

static void
count_n_unread_notify (KhCoverage *coverage,
                       guint      *counter)
{
  g_signal_connect (coverage, "notify::n-unread", G_CALLBACK (count_notify_cb), counter);
}

/* A coverage holding a, b and c from new_storm_items(). */
static KhCoverage *
new_storm_coverage (void)
{
  KhCoverage *coverage = kh_coverage_new ();
  g_autoptr(GPtrArray) items = new_storm_items ();

  g_ptr_array_unref (merge (coverage, items, NULL));
  return coverage;
}

/* Cases */

static void
test_merge_into_empty (void)
{
  g_autoptr(KhCoverage) coverage = kh_coverage_new ();
  g_autoptr(GPtrArray) items = new_storm_items ();
  g_autoptr(GPtrArray) added = NULL;
  ModelLog log = { 0 };
  KhMergeStats stats;
  guint n_notified = 0;

  watch_model (coverage, &log);
  count_n_unread_notify (coverage, &n_notified);
  added = merge (coverage, items, &stats);

  assert_stats (&stats, 3, 0, 0);
  g_assert_cmpuint (added->len, ==, 3);
  assert_model_ids (coverage, (const char * const[]) { "c", "b", "a", NULL });

  /* One splice, and the objects given are the ones shown. */
  g_assert_cmpuint (log.n_calls, ==, 1);
  g_assert_cmpuint (log.position, ==, 0);
  g_assert_cmpuint (log.removed, ==, 0);
  g_assert_cmpuint (log.added, ==, 3);
  g_assert_true (model_item (coverage, 0) == items->pdata[1]);
  g_assert_true (kh_coverage_lookup (coverage, "b") == items->pdata[2]);
  g_assert_null (kh_coverage_lookup (coverage, "z"));

  g_assert_cmpuint (kh_coverage_get_n_unread (coverage), ==, 3);
  g_assert_cmpuint (n_notified, ==, 1);
}

static void
test_merge_identical (void)
{
  g_autoptr(KhCoverage) coverage = new_storm_coverage ();
  g_autoptr(GPtrArray) copies = new_storm_items ();
  g_autoptr(GPtrArray) added = NULL;
  KhItem *shown[3];
  guint n_changed = 0;
  guint n_notified = 0;
  ModelLog log = { 0 };
  KhMergeStats stats;

  for (guint i = 0; i < 3; i++)
    {
      shown[i] = model_item (coverage, i);
      count_changed (shown[i], &n_changed);
    }
  watch_model (coverage, &log);
  count_n_unread_notify (coverage, &n_notified);

  added = merge (coverage, copies, &stats);

  assert_stats (&stats, 0, 0, 3);
  g_assert_cmpuint (added->len, ==, 0);
  g_assert_cmpuint (log.n_calls, ==, 0);
  g_assert_cmpuint (n_changed, ==, 0);
  g_assert_cmpuint (n_notified, ==, 0);
  for (guint i = 0; i < 3; i++)
    g_assert_true (model_item (coverage, i) == shown[i]);
  assert_model_ids (coverage, (const char * const[]) { "c", "b", "a", NULL });
}

static void
test_merge_edited_in_place (void)
{
  g_autoptr(KhCoverage) coverage = new_storm_coverage ();
  g_autoptr(GPtrArray) edited = new_items (new_item ("a", "Storm warning issued", 1000),
                                           new_item ("b", "Schools close at noon", 2000),
                                           new_item ("c", "Ferries suspended", 3000),
                                           NULL);
  g_autoptr(GPtrArray) added = NULL;
  KhItem *b = kh_coverage_lookup (coverage, "b");
  const char *newer_hash = kh_item_get_content_hash (edited->pdata[1]);
  guint n_b_changed = 0;
  guint n_others_changed = 0;
  ModelLog log = { 0 };
  KhMergeStats stats;

  g_assert_cmpstr (kh_item_get_content_hash (b), !=, newer_hash);
  count_changed (b, &n_b_changed);
  count_changed (kh_coverage_lookup (coverage, "a"), &n_others_changed);
  count_changed (kh_coverage_lookup (coverage, "c"), &n_others_changed);
  watch_model (coverage, &log);

  added = merge (coverage, edited, &stats);

  assert_stats (&stats, 0, 1, 2);
  g_assert_cmpuint (added->len, ==, 0);
  g_assert_true (kh_coverage_lookup (coverage, "b") == b);
  g_assert_true (model_item (coverage, 1) == b);
  g_assert_true (b != edited->pdata[1]);
  g_assert_cmpstr (kh_item_get_title (b), ==, "Schools close at noon");
  g_assert_cmpstr (kh_item_get_content_hash (b), ==, newer_hash);
  g_assert_cmpuint (n_b_changed, ==, 1);
  g_assert_cmpuint (n_others_changed, ==, 0);
  g_assert_cmpuint (log.n_calls, ==, 0);
}

/* A new date moves the item, still the same object. */
static void
test_merge_edited_new_date (void)
{
  g_autoptr(KhCoverage) coverage = new_storm_coverage ();
  g_autoptr(GPtrArray) edited = new_items (new_item ("b", "Schools close early, buses added", 4000),
                                           NULL);
  g_autoptr(GPtrArray) added = NULL;
  KhItem *b = kh_coverage_lookup (coverage, "b");
  guint n_changed = 0;
  ModelLog log = { 0 };
  KhMergeStats stats;

  count_changed (b, &n_changed);
  watch_model (coverage, &log);
  added = merge (coverage, edited, &stats);

  assert_stats (&stats, 0, 1, 0);
  assert_model_ids (coverage, (const char * const[]) { "b", "c", "a", NULL });
  g_assert_true (model_item (coverage, 0) == b);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpuint (log.n_calls, >, 0);
}

static void
test_merge_newer_on_top (void)
{
  g_autoptr(KhCoverage) coverage = new_storm_coverage ();
  g_autoptr(GPtrArray) newer = new_items (new_item ("a", "Storm warning issued", 1000),
                                          new_item ("d", "Power cut in the north", 4000),
                                          new_item ("e", "Winds reach 110 km/h", 5000),
                                          NULL);
  g_autoptr(GPtrArray) added = NULL;
  KhItem *c = kh_coverage_lookup (coverage, "c");
  ModelLog log = { 0 };
  KhMergeStats stats;

  watch_model (coverage, &log);
  added = merge (coverage, newer, &stats);

  assert_stats (&stats, 2, 0, 1);
  g_assert_cmpuint (added->len, ==, 2);
  assert_model_ids (coverage, (const char * const[]) { "e", "d", "c", "b", "a", NULL });
  g_assert_true (model_item (coverage, 2) == c);

  /* One splice at the top, nothing removed. */
  g_assert_cmpuint (log.n_calls, ==, 1);
  g_assert_cmpuint (log.position, ==, 0);
  g_assert_cmpuint (log.removed, ==, 0);
  g_assert_cmpuint (log.added, ==, 2);
}

static void
test_merge_older_sorted (void)
{
  g_autoptr(KhCoverage) coverage = new_storm_coverage ();
  g_autoptr(GPtrArray) older = new_items (new_item ("x", "Sandbags handed out", 1500), NULL);
  g_autoptr(GPtrArray) mixed = new_items (new_item ("z", "Forecasters watch the coast", 500),
                                          new_item ("y", "Red alert lifted", 6000),
                                          NULL);
  g_autoptr(GPtrArray) added_older = NULL;
  g_autoptr(GPtrArray) added_mixed = NULL;
  ModelLog log = { 0 };

  watch_model (coverage, &log);
  added_older = merge (coverage, older, NULL);

  assert_model_ids (coverage, (const char * const[]) { "c", "b", "x", "a", NULL });
  g_assert_cmpuint (log.n_calls, ==, 1);
  g_assert_cmpuint (log.position, ==, 2);
  g_assert_cmpuint (log.removed, ==, 0);
  g_assert_cmpuint (log.added, ==, 1);

  /* One newer and one older than all: each at its place. */
  added_mixed = merge (coverage, mixed, NULL);
  g_assert_cmpuint (added_mixed->len, ==, 2);
  assert_model_ids (coverage, (const char * const[]) { "y", "c", "b", "x", "a", "z", NULL });
}

/* Items older than all shown, as the rest of a long feed or of the store
 * after its newest, go in at the end in one splice. */
static void
test_merge_older_than_all (void)
{
  g_autoptr(KhCoverage) coverage = new_storm_coverage ();
  g_autoptr(GPtrArray) older = new_items (new_item ("y", "Forecasters watch the coast", 500),
                                          new_item ("z", "First reports of wind", 100),
                                          new_item ("x", "Sandbags handed out", 800),
                                          NULL);
  g_autoptr(GPtrArray) added = NULL;
  ModelLog log = { 0 };

  watch_model (coverage, &log);
  added = merge (coverage, older, NULL);

  g_assert_cmpuint (added->len, ==, 3);
  assert_model_ids (coverage, (const char * const[]) { "c", "b", "a", "x", "y", "z", NULL });
  g_assert_cmpuint (log.n_calls, ==, 1);
  g_assert_cmpuint (log.position, ==, 3);
  g_assert_cmpuint (log.removed, ==, 0);
  g_assert_cmpuint (log.added, ==, 3);
}

static void
test_merge_absent_stay (void)
{
  g_autoptr(KhCoverage) coverage = new_storm_coverage ();
  g_autoptr(GPtrArray) fewer = new_items (new_item ("a", "Storm warning issued", 1000), NULL);
  g_autoptr(GPtrArray) added = NULL;
  ModelLog log = { 0 };
  KhMergeStats stats;

  watch_model (coverage, &log);
  added = merge (coverage, fewer, &stats);

  assert_stats (&stats, 0, 0, 1);
  assert_model_ids (coverage, (const char * const[]) { "c", "b", "a", NULL });
  g_assert_nonnull (kh_coverage_lookup (coverage, "b"));
  g_assert_cmpuint (log.n_calls, ==, 0);
}

static void
test_n_unread (void)
{
  g_autoptr(KhCoverage) coverage = kh_coverage_new ();
  g_autoptr(GPtrArray) items = new_storm_items ();
  g_autoptr(GPtrArray) copies = new_storm_items ();
  g_autoptr(GPtrArray) edited = new_items (new_item ("a", "Storm warning raised to red", 1000), NULL);
  g_autoptr(GPtrArray) later = new_items (new_item ("d", "Power cut in the north", 4000), NULL);
  g_autoptr(GPtrArray) added = NULL;
  KhItem *a = items->pdata[0];
  KhItem *c = items->pdata[1];
  guint n_notified = 0;

  /* Items keep the state they come with, as from the store. */
  kh_item_set_read (a, TRUE);
  added = merge (coverage, items, NULL);
  g_clear_pointer (&added, g_ptr_array_unref);
  g_assert_cmpuint (kh_coverage_get_n_unread (coverage), ==, 2);

  count_n_unread_notify (coverage, &n_notified);
  kh_item_set_read (c, TRUE);
  g_assert_cmpuint (kh_coverage_get_n_unread (coverage), ==, 1);
  g_assert_cmpuint (n_notified, ==, 1);

  /* Setting what is already set counts nothing. */
  kh_item_set_read (c, TRUE);
  g_assert_cmpuint (kh_coverage_get_n_unread (coverage), ==, 1);
  g_assert_cmpuint (n_notified, ==, 1);

  kh_item_set_read (c, FALSE);
  kh_item_set_read (a, FALSE);
  g_assert_cmpuint (kh_coverage_get_n_unread (coverage), ==, 3);
  g_assert_cmpuint (n_notified, ==, 3);

  kh_coverage_mark_all_read (coverage);
  g_assert_cmpuint (kh_coverage_get_n_unread (coverage), ==, 0);
  for (guint i = 0; i < 3; i++)
    g_assert_true (kh_item_get_read (model_item (coverage, i)));

  /* Unread copies of read items, or new content for one, leave them read. */
  added = merge (coverage, copies, NULL);
  g_clear_pointer (&added, g_ptr_array_unref);
  added = merge (coverage, edited, NULL);
  g_clear_pointer (&added, g_ptr_array_unref);
  g_assert_cmpuint (kh_coverage_get_n_unread (coverage), ==, 0);
  g_assert_true (kh_item_get_read (a));

  added = merge (coverage, later, NULL);
  g_assert_cmpuint (kh_coverage_get_n_unread (coverage), ==, 1);
}

static void
test_clear (void)
{
  g_autoptr(KhCoverage) coverage = kh_coverage_new ();
  g_autoptr(GPtrArray) items = new_storm_items ();
  g_autoptr(GPtrArray) again = new_storm_items ();
  g_autoptr(GPtrArray) added_again = NULL;
  KhItem *a = items->pdata[0];
  ModelLog log = { 0 };
  KhMergeStats stats;

  g_ptr_array_unref (merge (coverage, items, NULL));
  watch_model (coverage, &log);
  kh_coverage_clear (coverage);

  g_assert_cmpuint (g_list_model_get_n_items (kh_coverage_get_model (coverage)), ==, 0);
  g_assert_cmpuint (kh_coverage_get_n_items (coverage), ==, 0);
  g_assert_cmpuint (kh_coverage_get_n_unread (coverage), ==, 0);
  g_assert_null (kh_coverage_lookup (coverage, "a"));
  g_assert_cmpuint (log.n_calls, ==, 1);
  g_assert_cmpuint (log.removed, ==, 3);

  /* Items it held no longer count. */
  kh_item_set_read (a, TRUE);
  kh_item_set_read (a, FALSE);
  g_assert_cmpuint (kh_coverage_get_n_unread (coverage), ==, 0);

  added_again = merge (coverage, again, &stats);
  assert_stats (&stats, 3, 0, 0);
  assert_model_ids (coverage, (const char * const[]) { "c", "b", "a", NULL });
  g_assert_cmpuint (kh_coverage_get_n_unread (coverage), ==, 3);
}

/* The coverage lets go of the items it showed. */
static void
test_no_leak (void)
{
  KhCoverage *coverage = kh_coverage_new ();
  g_autoptr(GPtrArray) items = new_storm_items ();
  g_autoptr(GPtrArray) added = merge (coverage, items, NULL);
  KhItem *a = g_object_ref (items->pdata[0]);

  g_clear_pointer (&added, g_ptr_array_unref);
  g_clear_pointer (&items, g_ptr_array_unref);
  g_assert_finalize_object (coverage);
  kh_item_set_read (a, TRUE);
  g_assert_finalize_object (a);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/coverage/merge/into-empty", test_merge_into_empty);
  g_test_add_func ("/coverage/merge/identical", test_merge_identical);
  g_test_add_func ("/coverage/merge/edited-in-place", test_merge_edited_in_place);
  g_test_add_func ("/coverage/merge/edited-new-date", test_merge_edited_new_date);
  g_test_add_func ("/coverage/merge/newer-on-top", test_merge_newer_on_top);
  g_test_add_func ("/coverage/merge/older-sorted", test_merge_older_sorted);
  g_test_add_func ("/coverage/merge/older-than-all", test_merge_older_than_all);
  g_test_add_func ("/coverage/merge/absent-stay", test_merge_absent_stay);
  g_test_add_func ("/coverage/n-unread", test_n_unread);
  g_test_add_func ("/coverage/clear", test_clear);
  g_test_add_func ("/coverage/no-leak", test_no_leak);

  return g_test_run ();
}
