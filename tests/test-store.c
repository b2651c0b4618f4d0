/* test-store.c: the SQLite store, its merges, the reader's state and recovery
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "kh-error.h"
#include "kh-item-codec.h"
#include "kh-store.h"

#define FEED_URI  "https://live.example.net/harbour-fire/feed.json"
#define OTHER_URI "https://live.example.net/marathon/feed.json"
#define CRASH_URI "https://live.example.net/crash/feed.json"

/* The kill test runs at least CRASH_MIN_KILLS kills, more while it has
 * time, never more than CRASH_MAX_KILLS. */
#define CRASH_MIN_KILLS 200
#define CRASH_MAX_KILLS 400
#define CRASH_SECONDS 10
#define CRASH_KILLS_PER_DATABASE 10

typedef struct
{
  char *directory;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->directory = g_dir_make_tmp ("khabar-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->directory, "khabar.db", NULL);
}

/* The stores write only plain files into the folder. */
static void
remove_directory (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);

      g_remove (path);
    }
  g_rmdir (directory);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_directory (fixture->directory);
  g_free (fixture->directory);
  g_free (fixture->path);
}

/* Helpers */

static KhItem *
new_item (const char *id,
          const char *title,
          gint64      published)
{
  KhItem *item = kh_item_new (id);
  g_autoptr(GDateTime) date = g_date_time_new_from_unix_utc (published);

  kh_item_set_title (item, title);
  kh_item_set_published (item, date);
  return item;
}

/* Every field set, with text in two scripts, a named clock and dates in
 * zones other than UTC. */
static KhItem *
new_full_item (const char *id)
{
  KhItem *item = kh_item_new (id);
  g_autoptr(GTimeZone) beirut = g_time_zone_new_identifier ("Asia/Beirut");
  g_autoptr(GTimeZone) plus_three = g_time_zone_new_identifier ("+03:00");
  g_autoptr(GTimeZone) minus_five = g_time_zone_new_identifier ("-05:00");
  g_autoptr(GDateTime) published = g_date_time_new (plus_three, 2024, 3, 14, 9, 26, 53.25);
  g_autoptr(GDateTime) modified = g_date_time_new (minus_five, 2024, 3, 14, 2, 40, 5);
  const char *paragraphs[] = {
    "اندلع الحريق في مستودع قرب الرصيف الثالث قبيل الفجر.",
    "Firefighters from two districts are on the scene; \"no injuries\" so far.",
    "",
    "Line with a tab\tand a newline\ninside it.",
    NULL,
  };
  const char *authors[] = { "ليلى حداد", "Tom O'Reilly", NULL };
  const char *tags[] = { "حريق", "port", "live", NULL };
  g_autoptr(KhAttachment) attachment = NULL;

  g_assert_nonnull (beirut);
  kh_item_set_url (item, "https://live.example.net/harbour-fire/updates/4711?ref=feed&x=1");
  kh_item_set_title (item, "حريق في مرفأ المدينة: فرق الإطفاء تحاصر النيران");
  kh_item_set_summary (item, "Smoke is visible across the bay; the coast road is closed.");
  kh_item_set_paragraphs (item, g_strdupv ((char **) paragraphs));
  kh_item_set_image (item, "https://images.example.net/harbour/smoke-0314.jpg");
  kh_item_set_image_caption (item, "دخان فوق الرصيف الثالث صباح الخميس");
  kh_item_set_dateline (item, "المرفأ");
  kh_item_set_language (item, "ar");
  kh_item_set_published (item, published);
  kh_item_set_modified (item, modified);
  kh_item_set_clock (item, beirut, "بيروت");
  kh_item_set_breaking (item, TRUE);
  kh_item_set_authors (item, g_strdupv ((char **) authors));
  kh_item_set_tags (item, g_strdupv ((char **) tags));
  kh_item_set_content_html (item, "<p>Smoke is visible <b>across</b> the bay.</p>");
  kh_item_set_banner_image (item, "https://images.example.net/harbour/banner.jpg");
  attachment = kh_attachment_new ("https://media.example.net/harbour/report.mp3", "audio/mpeg",
                                  "التقرير الصوتي", 482113, 93.5);
  kh_item_add_attachment (item, attachment);
  return item;
}

/* Takes ownership of the items, a NULL-terminated list. */
static KhFeed *
new_feed (const char *title,
          KhItem     *first,
          ...) G_GNUC_NULL_TERMINATED;

static KhFeed *
new_feed (const char *title,
          KhItem     *first,
          ...)
{
  KhFeed *feed = kh_feed_new ();
  va_list args;

  kh_feed_set_title (feed, title);
  va_start (args, first);
  for (KhItem *item = first; item != NULL; item = va_arg (args, KhItem *))
    {
      kh_feed_add_item (feed, item);
      g_object_unref (item);
    }
  va_end (args);
  return feed;
}

/* The three items most cases start from, each a new object. */
static KhFeed *
new_abc_feed (void)
{
  return new_feed ("Harbour fire",
                   new_item ("a", "Fire reported at the harbour", 1000),
                   new_item ("b", "Coast road closed", 2000),
                   new_item ("c", "Second crew arrives", 3000),
                   NULL);
}

static void
merge (KhStore      *store,
       const char   *feed_uri,
       KhFeed       *feed,
       gint64        now,
       KhMergeStats *stats)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kh_store_merge (store, feed_uri, feed, NULL, now, stats, &error));
  g_assert_no_error (error);
}

static KhStoredFeed *
load (KhStore    *store,
      const char *feed_uri)
{
  g_autoptr(GError) error = NULL;
  KhStoredFeed *stored = kh_store_load (store, feed_uri, &error);

  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_nonnull (stored->items);
  return stored;
}

static KhItem *
find_stored (KhStoredFeed *stored,
             const char   *id)
{
  for (guint i = 0; i < stored->items->len; i++)
    {
      KhItem *item = stored->items->pdata[i];

      if (g_strcmp0 (kh_item_get_id (item), id) == 0)
        return item;
    }
  return NULL;
}

static void
assert_stored_ids (KhStoredFeed       *stored,
                   const char * const *expected)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < stored->items->len; i++)
    g_strv_builder_add (builder, kh_item_get_id (stored->items->pdata[i]));
  ids = g_strv_builder_end (builder);
  g_assert_cmpstrv (ids, expected);
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
assert_state (KhStoredFeed *stored,
              const char   *id,
              gboolean      read,
              gboolean      starred)
{
  KhItem *item = find_stored (stored, id);

  g_assert_nonnull (item);
  g_assert_cmpint (kh_item_get_read (item), ==, read);
  g_assert_cmpint (kh_item_get_starred (item), ==, starred);
}

static void
save_state (KhStore    *store,
            const char *id,
            gboolean    read,
            gboolean    starred)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kh_store_save_state (store, FEED_URI, id, read, starred, &error));
  g_assert_no_error (error);
}

static void
assert_dates_equal (GDateTime *expected,
                    GDateTime *actual)
{
  g_assert_nonnull (actual);
  g_assert_true (g_date_time_equal (expected, actual));
  g_assert_cmpint (g_date_time_get_utc_offset (expected), ==, g_date_time_get_utc_offset (actual));
}

/* Merging and loading */

static void
test_unknown_feed (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhStoredFeed) stored = load (store, FEED_URI);
  g_autofree char *notice = kh_store_take_recovery_notice (store);

  g_assert_cmpuint (stored->items->len, ==, 0);
  g_assert_null (stored->title);
  g_assert_null (stored->etag);
  g_assert_null (stored->last_modified);
  g_assert_cmpint (stored->last_success, ==, 0);
  g_assert_null (notice);
  g_assert_true (g_file_test (fixture->path, G_FILE_TEST_IS_REGULAR));
}

/* The newest few, for the window to show while the rest is read. */
static void
test_load_newest (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhFeed) feed = new_abc_feed ();
  const struct
  {
    guint       limit;
    const char *ids;
  } cases[] = {
    { 1, "c" },
    { 2, "c b" },
    { 3, "c b a" },
    { 50, "c b a" },
    { 0, "c b a" },
  };

  merge (store, FEED_URI, feed, 1710400000, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KhStoredFeed) stored = kh_store_load_newest (store, FEED_URI, cases[i].limit, &error);
      g_autoptr(GString) ids = g_string_new (NULL);

      g_assert_no_error (error);
      for (guint j = 0; j < stored->items->len; j++)
        g_string_append_printf (ids, "%s%s", j ? " " : "", kh_item_get_id (stored->items->pdata[j]));
      g_assert_cmpstr (ids->str, ==, cases[i].ids);
      g_assert_cmpstr (stored->title, ==, "Harbour fire");
    }
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhItem) original = new_full_item ("update-4711");
  g_autoptr(KhFeed) feed = new_feed ("حريق المرفأ: تغطية مباشرة", g_object_ref (original), NULL);
  g_autoptr(KhStoredFeed) stored = NULL;
  g_autofree char *original_json = kh_item_to_json_string (original);
  g_autofree char *loaded_json = NULL;
  g_autofree char *loaded_hash = NULL;
  KhMergeStats stats = { 99, 99, 99 };
  KhItem *loaded;

  merge (store, FEED_URI, feed, 1710400000, &stats);
  assert_stats (&stats, 1, 0, 0);

  /* A store opened afresh reads what the first one wrote. */
  g_clear_object (&store);
  store = kh_store_new (fixture->path);
  stored = load (store, FEED_URI);
  g_assert_cmpuint (stored->items->len, ==, 1);
  g_assert_cmpstr (stored->title, ==, "حريق المرفأ: تغطية مباشرة");
  g_assert_cmpint (stored->last_success, ==, 1710400000);

  loaded = stored->items->pdata[0];
  g_assert_true (loaded != original);
  g_assert_cmpstr (kh_item_get_id (loaded), ==, "update-4711");
  g_assert_cmpstr (kh_item_get_url (loaded), ==, kh_item_get_url (original));
  g_assert_cmpstr (kh_item_get_title (loaded), ==, kh_item_get_title (original));
  g_assert_cmpstr (kh_item_get_summary (loaded), ==, kh_item_get_summary (original));
  g_assert_cmpstrv (kh_item_get_paragraphs (loaded), kh_item_get_paragraphs (original));
  g_assert_cmpstr (kh_item_get_image (loaded), ==, kh_item_get_image (original));
  g_assert_cmpstr (kh_item_get_image_caption (loaded), ==, kh_item_get_image_caption (original));
  g_assert_cmpstr (kh_item_get_dateline (loaded), ==, kh_item_get_dateline (original));
  g_assert_cmpstr (kh_item_get_language (loaded), ==, "ar");
  assert_dates_equal (kh_item_get_published (original), kh_item_get_published (loaded));
  assert_dates_equal (kh_item_get_modified (original), kh_item_get_modified (loaded));
  g_assert_cmpint (g_date_time_get_microsecond (kh_item_get_published (loaded)), ==, 250000);
  g_assert_nonnull (kh_item_get_clock (loaded));
  g_assert_cmpstr (g_time_zone_get_identifier (kh_item_get_clock (loaded)), ==, "Asia/Beirut");
  g_assert_cmpstr (kh_item_get_clock_label (loaded), ==, "بيروت");
  g_assert_true (kh_item_get_breaking (loaded));
  g_assert_cmpstrv (kh_item_get_authors (loaded), kh_item_get_authors (original));
  g_assert_cmpstrv (kh_item_get_tags (loaded), kh_item_get_tags (original));
  g_assert_cmpstr (kh_item_get_content_html (loaded), ==, kh_item_get_content_html (original));
  g_assert_cmpstr (kh_item_get_banner_image (loaded), ==, kh_item_get_banner_image (original));
  g_assert_cmpuint (kh_item_get_attachments (loaded)->len, ==, 1);
  {
    KhAttachment *attachment = kh_item_get_attachments (loaded)->pdata[0];

    g_assert_cmpstr (kh_attachment_get_url (attachment), ==, "https://media.example.net/harbour/report.mp3");
    g_assert_cmpstr (kh_attachment_get_mime_type (attachment), ==, "audio/mpeg");
    g_assert_cmpstr (kh_attachment_get_title (attachment), ==, "التقرير الصوتي");
    g_assert_cmpint (kh_attachment_get_size (attachment), ==, 482113);
    g_assert_cmpfloat (kh_attachment_get_duration (attachment), ==, 93.5);
  }
  g_assert_false (kh_item_get_read (loaded));
  g_assert_false (kh_item_get_starred (loaded));

  /* Nothing the codec knows of was lost, and the stored digest is the
   * original's, which a fresh digest of the loaded content matches. */
  loaded_json = kh_item_to_json_string (loaded);
  g_assert_cmpstr (loaded_json, ==, original_json);
  g_assert_cmpstr (kh_item_get_content_hash (loaded), ==, kh_item_get_content_hash (original));
  loaded_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, loaded_json, -1);
  g_assert_cmpstr (kh_item_get_content_hash (loaded), ==, loaded_hash);
}

static void
test_merge_stats (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhFeed) first = new_abc_feed ();
  g_autoptr(KhFeed) same = new_abc_feed ();
  g_autoptr(KhFeed) edited = new_feed ("Harbour fire",
                                       new_item ("a", "Fire reported at the harbour", 1000),
                                       new_item ("b", "Coast road reopened", 2000),
                                       new_item ("c", "Second crew arrives", 3000),
                                       NULL);
  g_autoptr(KhFeed) grown = new_feed ("Harbour fire",
                                      new_item ("a", "Fire reported at the harbour", 1000),
                                      new_item ("b", "Coast road reopened", 2000),
                                      new_item ("c", "Second crew arrives", 3000),
                                      new_item ("d", "Fire under control", 4000),
                                      NULL);
  g_autoptr(KhStoredFeed) stored = NULL;
  KhMergeStats stats;

  merge (store, FEED_URI, first, 100, &stats);
  assert_stats (&stats, 3, 0, 0);

  /* The same content in new objects: nothing to write. */
  merge (store, FEED_URI, same, 200, &stats);
  assert_stats (&stats, 0, 0, 3);

  merge (store, FEED_URI, edited, 300, &stats);
  assert_stats (&stats, 0, 1, 2);

  merge (store, FEED_URI, grown, 400, &stats);
  assert_stats (&stats, 1, 0, 3);

  stored = load (store, FEED_URI);
  assert_stored_ids (stored, (const char * const[]) { "d", "c", "b", "a", NULL });
  g_assert_cmpstr (kh_item_get_title (find_stored (stored, "b")), ==, "Coast road reopened");
  g_assert_cmpint (stored->last_success, ==, 400);
}

static void
test_dropped_items_stay (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhFeed) first = new_abc_feed ();
  g_autoptr(KhFeed) later = new_feed ("Harbour fire",
                                      new_item ("c", "Second crew arrives", 3000),
                                      new_item ("d", "Fire under control", 4000),
                                      NULL);
  g_autoptr(KhStoredFeed) stored = NULL;
  KhMergeStats stats;

  merge (store, FEED_URI, first, 100, NULL);
  merge (store, FEED_URI, later, 200, &stats);
  assert_stats (&stats, 1, 0, 1);

  stored = load (store, FEED_URI);
  assert_stored_ids (stored, (const char * const[]) { "d", "c", "b", "a", NULL });
  g_assert_cmpstr (kh_item_get_title (find_stored (stored, "a")), ==, "Fire reported at the harbour");
}

/* Feeds are kept apart: the same id in two feeds is two items. */
static void
test_feeds_apart (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhFeed) harbour = new_abc_feed ();
  g_autoptr(KhFeed) marathon = new_feed ("Marathon",
                                         new_item ("a", "Runners set off", 5000),
                                         NULL);
  g_autoptr(KhStoredFeed) stored_harbour = NULL;
  g_autoptr(KhStoredFeed) stored_marathon = NULL;
  KhMergeStats stats;

  merge (store, FEED_URI, harbour, 100, NULL);
  merge (store, OTHER_URI, marathon, 100, &stats);
  assert_stats (&stats, 1, 0, 0);

  stored_harbour = load (store, FEED_URI);
  stored_marathon = load (store, OTHER_URI);
  g_assert_cmpuint (stored_harbour->items->len, ==, 3);
  g_assert_cmpstr (kh_item_get_title (find_stored (stored_harbour, "a")), ==,
                   "Fire reported at the harbour");
  g_assert_cmpuint (stored_marathon->items->len, ==, 1);
  g_assert_cmpstr (kh_item_get_title (find_stored (stored_marathon, "a")), ==, "Runners set off");
  g_assert_cmpstr (stored_marathon->title, ==, "Marathon");
}

/* The reader's state */

static void
test_state_survives_reopen (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhFeed) feed = new_abc_feed ();
  g_autoptr(KhFeed) edited = new_feed ("Harbour fire",
                                       new_item ("a", "Fire reported at the harbour, 5 a.m.", 1000),
                                       new_item ("b", "Coast road reopened", 2000),
                                       NULL);
  g_autoptr(KhStoredFeed) stored = NULL;
  g_autoptr(KhStoredFeed) after_edit = NULL;
  KhMergeStats stats;

  merge (store, FEED_URI, feed, 100, NULL);
  save_state (store, "a", TRUE, FALSE);
  save_state (store, "b", FALSE, TRUE);
  save_state (store, "c", TRUE, TRUE);
  save_state (store, "c", FALSE, FALSE);
  kh_store_close (store);
  g_clear_object (&store);

  store = kh_store_new (fixture->path);
  stored = load (store, FEED_URI);
  assert_state (stored, "a", TRUE, FALSE);
  assert_state (stored, "b", FALSE, TRUE);
  assert_state (stored, "c", FALSE, FALSE);

  /* New content is not a new item: what the reader did with it stays. */
  merge (store, FEED_URI, edited, 200, &stats);
  assert_stats (&stats, 0, 2, 0);
  after_edit = load (store, FEED_URI);
  assert_state (after_edit, "a", TRUE, FALSE);
  assert_state (after_edit, "b", FALSE, TRUE);
  g_assert_cmpstr (kh_item_get_title (find_stored (after_edit, "a")), ==,
                   "Fire reported at the harbour, 5 a.m.");
}

static void
test_mark_all_read (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhFeed) harbour = new_abc_feed ();
  g_autoptr(KhFeed) marathon = new_feed ("Marathon",
                                         new_item ("m1", "Runners set off", 5000),
                                         new_item ("m2", "Leaders at the bridge", 6000),
                                         NULL);
  g_autoptr(KhStoredFeed) stored_harbour = NULL;
  g_autoptr(KhStoredFeed) stored_marathon = NULL;
  g_autoptr(GError) error = NULL;

  merge (store, FEED_URI, harbour, 100, NULL);
  merge (store, OTHER_URI, marathon, 100, NULL);
  save_state (store, "b", FALSE, TRUE);

  g_assert_true (kh_store_mark_all_read (store, FEED_URI, &error));
  g_assert_no_error (error);

  stored_harbour = load (store, FEED_URI);
  assert_state (stored_harbour, "a", TRUE, FALSE);
  assert_state (stored_harbour, "b", TRUE, TRUE);
  assert_state (stored_harbour, "c", TRUE, FALSE);

  /* Only the feed named. */
  stored_marathon = load (store, OTHER_URI);
  assert_state (stored_marathon, "m1", FALSE, FALSE);
  assert_state (stored_marathon, "m2", FALSE, FALSE);
}

/* Forgetting old items */

static void
prune (KhStore *store,
       gint64   seen_before,
       guint    expected_removed)
{
  g_autoptr(GError) error = NULL;
  guint removed = G_MAXUINT;

  g_assert_true (kh_store_prune (store, seen_before, &removed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (removed, ==, expected_removed);
}

static void
test_prune (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhFeed) first = new_feed ("Harbour fire",
                                      new_item ("a", "Fire reported at the harbour", 1000),
                                      new_item ("b", "Coast road closed", 2000),
                                      new_item ("c", "Second crew arrives", 3000),
                                      new_item ("d", "Fishermen evacuated", 3500),
                                      NULL);
  g_autoptr(KhFeed) later = new_feed ("Harbour fire",
                                      new_item ("c", "Second crew arrives", 3000),
                                      NULL);
  g_autoptr(KhFeed) marathon = new_feed ("Marathon",
                                         new_item ("m1", "Runners set off", 5000),
                                         NULL);
  g_autoptr(KhStoredFeed) stored = NULL;
  g_autoptr(KhStoredFeed) stored_marathon = NULL;

  /* a, b and d were last seen at 10 000, c at 20 000; b is starred and m1,
   * in another feed, was last seen at 12 000. */
  merge (store, FEED_URI, first, 10000, NULL);
  merge (store, OTHER_URI, marathon, 12000, NULL);
  merge (store, FEED_URI, later, 20000, NULL);
  save_state (store, "b", TRUE, TRUE);
  save_state (store, "d", TRUE, FALSE);

  /* "Before" is strict: nothing was seen before 10 000. */
  prune (store, 10000, 0);

  /* a, d and m1: pruning spans every feed. */
  prune (store, 15000, 3);
  stored = load (store, FEED_URI);
  assert_stored_ids (stored, (const char * const[]) { "c", "b", NULL });
  stored_marathon = load (store, OTHER_URI);
  g_assert_cmpuint (stored_marathon->items->len, ==, 0);

  /* The starred one stays however old; once unstarred, it goes. */
  prune (store, 15000, 0);
  save_state (store, "b", TRUE, FALSE);
  prune (store, 15000, 1);
  g_clear_pointer (&stored, kh_stored_feed_free);
  stored = load (store, FEED_URI);
  assert_stored_ids (stored, (const char * const[]) { "c", NULL });
}

/* A 304 means the last full answer is still what the server has: its
 * items are seen again, those it had already dropped are not. */
static void
test_mark_unchanged (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhFeed) first = new_abc_feed ();
  g_autoptr(KhFeed) later = new_feed ("Harbour fire",
                                      new_item ("b", "Coast road closed", 2000),
                                      new_item ("c", "Second crew arrives", 3000),
                                      NULL);
  g_autoptr(KhStoredFeed) stored = NULL;
  g_autoptr(GError) error = NULL;

  merge (store, FEED_URI, first, 1000, NULL);
  merge (store, FEED_URI, later, 2000, NULL);

  g_assert_true (kh_store_mark_unchanged (store, FEED_URI, 3000, &error));
  g_assert_no_error (error);
  g_assert_true (kh_store_mark_unchanged (store, FEED_URI, 4000, &error));
  g_assert_no_error (error);

  /* b and c were seen at 4000, a only at 1000. */
  prune (store, 3500, 1);
  stored = load (store, FEED_URI);
  assert_stored_ids (stored, (const char * const[]) { "c", "b", NULL });
  g_assert_cmpint (stored->last_success, ==, 4000);
}

static void
test_validators (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhFeed) feed = new_abc_feed ();
  g_autoptr(KhFeed) renamed = new_feed ("Harbour fire: day two",
                                        new_item ("e", "Investigators on site", 9000),
                                        NULL);
  g_autoptr(KhResponse) response = kh_response_new ();
  g_autoptr(KhResponse) next_response = kh_response_new ();
  g_autoptr(KhStoredFeed) stored = NULL;
  g_autoptr(KhStoredFeed) reloaded = NULL;

  response->status = 200;
  response->etag = g_strdup ("W/\"harbour-17\"");
  response->last_modified = g_strdup ("Thu, 14 Mar 2024 06:40:05 GMT");
  g_assert_true (kh_store_merge (store, FEED_URI, feed, response, 1000, NULL, NULL));

  stored = load (store, FEED_URI);
  g_assert_cmpstr (stored->title, ==, "Harbour fire");
  g_assert_cmpstr (stored->etag, ==, "W/\"harbour-17\"");
  g_assert_cmpstr (stored->last_modified, ==, "Thu, 14 Mar 2024 06:40:05 GMT");
  g_assert_cmpint (stored->last_success, ==, 1000);

  /* A later answer replaces all three. */
  next_response->status = 200;
  next_response->etag = g_strdup ("\"harbour-18\"");
  g_assert_true (kh_store_merge (store, FEED_URI, renamed, next_response, 2000, NULL, NULL));
  g_clear_object (&store);
  store = kh_store_new (fixture->path);
  reloaded = load (store, FEED_URI);
  g_assert_cmpstr (reloaded->title, ==, "Harbour fire: day two");
  g_assert_cmpstr (reloaded->etag, ==, "\"harbour-18\"");
  g_assert_null (reloaded->last_modified);
  g_assert_cmpint (reloaded->last_success, ==, 2000);
}

/* A page of older items adds its items and leaves the feed's row alone. */
static void
test_older_page (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhFeed) feed = new_abc_feed ();
  g_autoptr(KhFeed) page = new_feed ("Page two",
                                     new_item ("older-1", "The first report", 500),
                                     new_item ("older-2", "Smoke seen from the bay", 600),
                                     NULL);
  g_autoptr(KhResponse) response = kh_response_new ();
  g_autoptr(KhStoredFeed) stored = NULL;
  KhMergeStats stats;

  response->status = 200;
  response->etag = g_strdup ("\"harbour-17\"");
  g_assert_true (kh_store_merge (store, FEED_URI, feed, response, 1000, NULL, NULL));
  g_assert_true (kh_store_merge_older (store, FEED_URI, page, 1500, &stats, NULL));
  assert_stats (&stats, 2, 0, 0);

  stored = load (store, FEED_URI);
  g_assert_cmpuint (stored->items->len, ==, 5);
  g_assert_cmpstr (stored->title, ==, "Harbour fire");
  g_assert_cmpstr (stored->etag, ==, "\"harbour-17\"");
  g_assert_cmpint (stored->last_success, ==, 1000);
}

static void
test_sql_text_verbatim (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *nasty_id = "'); DROP TABLE items; --";
  const char *nasty_title = "Robert'); DELETE FROM feeds WHERE ('1'='1";
  const char *nasty_uri = "https://live.example.net/feed.json?q=' OR 1=1 --";
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhFeed) feed = new_feed (nasty_title,
                                     new_item (nasty_id, nasty_title, 1000),
                                     new_item ("plain", "An ordinary update", 2000),
                                     NULL);
  g_autoptr(KhFeed) other = new_abc_feed ();
  g_autoptr(KhStoredFeed) stored = NULL;
  g_autoptr(KhStoredFeed) stored_other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  KhItem *item;

  merge (store, OTHER_URI, other, 100, NULL);
  merge (store, nasty_uri, feed, 100, NULL);
  g_assert_true (kh_store_save_state (store, nasty_uri, nasty_id, TRUE, TRUE, &error));
  g_assert_no_error (error);

  stored = load (store, nasty_uri);
  g_assert_cmpuint (stored->items->len, ==, 2);
  g_assert_cmpstr (stored->title, ==, nasty_title);
  item = find_stored (stored, nasty_id);
  g_assert_nonnull (item);
  g_assert_cmpstr (kh_item_get_title (item), ==, nasty_title);
  g_assert_true (kh_item_get_read (item));
  g_assert_true (kh_item_get_starred (item));
  g_assert_false (kh_item_get_read (find_stored (stored, "plain")));

  /* The other feed, and both tables, are untouched. */
  stored_other = load (store, OTHER_URI);
  g_assert_cmpuint (stored_other->items->len, ==, 3);
  g_assert_cmpstr (stored_other->title, ==, "Harbour fire");
  report = kh_store_check_integrity (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report, ==, "ok");
}

/* The file itself */

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *statement = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &statement, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (statement), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (statement, 0));
  sqlite3_finalize (statement);
  return text;
}

static void
test_schema (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhFeed) feed = new_abc_feed ();
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  g_autofree char *version = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *tables = NULL;
  sqlite3 *db = NULL;

  merge (store, FEED_URI, feed, 100, NULL);
  report = kh_store_check_integrity (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report, ==, "ok");

  /* Read by SQLite itself, while the store still has it open. */
  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  version = query_text (db, "PRAGMA user_version");
  journal = query_text (db, "PRAGMA journal_mode");
  tables = query_text (db, "SELECT group_concat(name, ',') FROM "
                           "(SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)");
  sqlite3_close (db);

  g_assert_cmpstr (version, ==, "1");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpstr (tables, ==, "feeds,items");
}

/* A store written by a later release is left alone, not overwritten. */
static void
test_newer_schema (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhStoredFeed) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 7", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);

  stored = kh_store_load (store, FEED_URI, &error);
  g_assert_null (stored);
  g_assert_error (error, KH_STORE_ERROR, KH_STORE_ERROR_OPEN);
  notice = kh_store_take_recovery_notice (store);
  g_assert_null (notice);
}

static char *
find_damaged (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "khabar.db.damaged-") && !g_str_has_suffix (name, "-wal") &&
        !g_str_has_suffix (name, "-shm"))
      return g_build_filename (directory, name, NULL);
  return NULL;
}

static void
assert_recovers_from (Fixture      *fixture,
                      const guint8 *garbage,
                      gsize         length)
{
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhStoredFeed) stored = NULL;
  g_autoptr(KhStoredFeed) merged = NULL;
  g_autoptr(KhFeed) feed = new_abc_feed ();
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *second_notice = NULL;
  g_autofree char *damaged = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *report = NULL;
  gsize kept_length;

  g_assert_true (g_file_set_contents (fixture->path, (const char *) garbage, length, &error));
  g_assert_no_error (error);

  stored = load (store, FEED_URI);
  g_assert_cmpuint (stored->items->len, ==, 0);

  /* Set aside next to it, byte for byte, and named in the notice. */
  damaged = find_damaged (fixture->directory);
  g_assert_nonnull (damaged);
  g_assert_true (g_file_get_contents (damaged, &kept, &kept_length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (kept, kept_length, garbage, length);

  notice = kh_store_take_recovery_notice (store);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, damaged));
  second_notice = kh_store_take_recovery_notice (store);
  g_assert_null (second_notice);

  /* The new store works. */
  merge (store, FEED_URI, feed, 100, NULL);
  merged = load (store, FEED_URI);
  g_assert_cmpuint (merged->items->len, ==, 3);
  report = kh_store_check_integrity (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report, ==, "ok");
}

static void
test_recover_random_bytes (Fixture       *fixture,
                           gconstpointer  data)
{
  guint8 garbage[8192];

  for (gsize i = 0; i < sizeof garbage; i++)
    garbage[i] = g_test_rand_int_range (0, 256);
  assert_recovers_from (fixture, garbage, sizeof garbage);
}

static void
test_recover_text_file (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 40; i++)
    g_string_append_printf (text, "%u. Minutes of the residents' meeting, not a database.\n", i);
  assert_recovers_from (fixture, (const guint8 *) text->str, text->len);
}

/* A sound header over broken pages: found only when the pages are read,
 * then set aside all the same. */
static void
test_recover_damaged_pages (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhFeed) feed = new_abc_feed ();
  g_autoptr(KhStoredFeed) stored = NULL;
  g_autoptr(KhStoredFeed) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *damaged = NULL;
  gsize length;

  merge (store, FEED_URI, feed, 100, NULL);
  kh_store_close (store);
  g_clear_object (&store);

  /* Everything after the first page, where the tables live. */
  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 4096);
  memset (contents + 4096, 0xff, length - 4096);
  g_assert_true (g_file_set_contents (fixture->path, contents, length, &error));
  g_assert_no_error (error);

  store = kh_store_new (fixture->path);
  stored = kh_store_load (store, FEED_URI, &error);
  g_assert_null (stored);
  g_assert_error (error, KH_STORE_ERROR, KH_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  damaged = find_damaged (fixture->directory);
  g_assert_nonnull (damaged);
  notice = kh_store_take_recovery_notice (store);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, damaged));

  /* The next call starts afresh instead of failing again. */
  fresh = load (store, FEED_URI);
  g_assert_cmpuint (fresh->items->len, ==, 0);
  merge (store, FEED_URI, feed, 200, NULL);
}

static guint
count_damaged (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_prefix (name, "khabar.db.damaged-") && !g_str_has_suffix (name, "-wal") &&
         !g_str_has_suffix (name, "-shm");
  return n;
}

/* Damaged twice in a row: both copies are kept. */
static void
test_recover_twice (Fixture       *fixture,
                    gconstpointer  data)
{
  const char *first = "First damaged copy, not a database at all.\n";
  const char *second = "Second damaged copy, also not a database.\n";
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(KhStore) store = kh_store_new (fixture->path);
      g_autoptr(KhStoredFeed) stored = NULL;
      g_autofree char *notice = NULL;

      g_assert_true (g_file_set_contents (fixture->path, i == 0 ? first : second, -1, &error));
      g_assert_no_error (error);
      stored = load (store, FEED_URI);
      notice = kh_store_take_recovery_notice (store);
      g_assert_nonnull (notice);
    }

  /* Both copies are kept, even when set aside within one second. */
  g_assert_cmpuint (count_damaged (fixture->directory), ==, 2);
}

/* The asynchronous calls */

typedef struct
{
  GString *log;
  guint    n_done;
} AsyncLog;

typedef struct
{
  AsyncLog     *log;
  const char   *tag;
  KhStoredFeed *stored;
  KhMergeStats  stats;
  GError       *error;
} Step;

static void
step_clear (Step *step)
{
  g_clear_pointer (&step->stored, kh_stored_feed_free);
  g_clear_error (&step->error);
}

static void
step_done (Step *step)
{
  if (step->log->log->len > 0)
    g_string_append_c (step->log->log, ' ');
  g_string_append (step->log->log, step->tag);
  step->log->n_done++;
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Step *step = user_data;

  kh_store_write_finish (KH_STORE (source), result, &step->stats, &step->error);
  step_done (step);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Step *step = user_data;

  step->stored = kh_store_load_finish (KH_STORE (source), result, &step->error);
  step_done (step);
}

static gboolean
flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until *@counter reaches @target, for ten seconds at
 * most. */
static void
wait_for_count (guint *counter,
                guint  target)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (10, flag_cb, &timed_out);

  while (*counter < target && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
}

static void
test_async_order (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhFeed) feed = new_abc_feed ();
  g_autoptr(KhItem) b = kh_item_new ("b");
  g_autoptr(KhResponse) response = kh_response_new ();
  AsyncLog log = { g_string_new (NULL), 0 };
  Step steps[] = {
    { &log, "merge" },
    { &log, "load" },
    { &log, "state" },
    { &log, "all-read" },
    { &log, "load" },
    { &log, "prune" },
    { &log, "load" },
  };

  response->etag = g_strdup ("\"async-1\"");
  kh_item_set_read (b, TRUE);
  kh_item_set_starred (b, TRUE);

  /* All queued before any has run; each sees what those before it did. */
  kh_store_merge_async (store, FEED_URI, feed, response, 1000, NULL, written_cb, &steps[0]);
  kh_store_load_async (store, FEED_URI, NULL, loaded_cb, &steps[1]);
  kh_store_save_state_async (store, FEED_URI, b, NULL, written_cb, &steps[2]);
  kh_store_mark_all_read_async (store, FEED_URI, NULL, written_cb, &steps[3]);
  kh_store_load_async (store, FEED_URI, NULL, loaded_cb, &steps[4]);
  kh_store_prune_async (store, 2000, NULL, written_cb, &steps[5]);
  kh_store_load_async (store, FEED_URI, NULL, loaded_cb, &steps[6]);
  wait_for_count (&log.n_done, G_N_ELEMENTS (steps));

  g_assert_cmpstr (log.log->str, ==, "merge load state all-read load prune load");
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    g_assert_no_error (steps[i].error);

  assert_stats (&steps[0].stats, 3, 0, 0);
  assert_stored_ids (steps[1].stored, (const char * const[]) { "c", "b", "a", NULL });
  g_assert_cmpstr (steps[1].stored->etag, ==, "\"async-1\"");
  assert_state (steps[1].stored, "b", FALSE, FALSE);
  assert_state (steps[4].stored, "a", TRUE, FALSE);
  assert_state (steps[4].stored, "b", TRUE, TRUE);
  assert_state (steps[4].stored, "c", TRUE, FALSE);
  g_assert_cmpuint (steps[5].stats.changed, ==, 2);
  assert_stored_ids (steps[6].stored, (const char * const[]) { "b", NULL });

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    step_clear (&steps[i]);
  g_string_free (log.log, TRUE);
}

static void
test_async_cancelled (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(KhStore) store = kh_store_new (fixture->path);
  g_autoptr(KhFeed) feed = new_abc_feed ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  AsyncLog log = { g_string_new (NULL), 0 };
  Step steps[] = {
    { &log, "merge" },
    { &log, "load" },
  };

  g_cancellable_cancel (cancellable);
  kh_store_merge_async (store, FEED_URI, feed, NULL, 1000, cancellable, written_cb, &steps[0]);
  kh_store_load_async (store, FEED_URI, NULL, loaded_cb, &steps[1]);
  wait_for_count (&log.n_done, G_N_ELEMENTS (steps));

  g_assert_error (steps[0].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_no_error (steps[1].error);
  g_assert_cmpuint (steps[1].stored->items->len, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    step_clear (&steps[i]);
  g_string_free (log.log, TRUE);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  kh_store_write_finish (KH_STORE (source), result, NULL, &error);
  g_assert_no_error (error);
  (*(guint *) user_data)++;
}

/* Whether the store's database was closed: SQLite removes the
 * write-ahead log when the last connection closes. */
static gboolean
wait_for_close (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gint64 deadline = g_get_monotonic_time () + G_USEC_PER_SEC;

  while (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_usleep (5000);
    }
  return TRUE;
}

/* Dropped with work in hand, the store finishes it and then closes, in
 * whichever thread lets go of it last. */
static void
test_async_dropped (Fixture       *fixture,
                    gconstpointer  data)
{
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *name = g_strdup_printf ("dropped-%u.db", i);
      g_autofree char *path = g_build_filename (fixture->directory, name, NULL);
      g_autoptr(KhFeed) feed = new_abc_feed ();
      g_autoptr(KhStore) reopened = NULL;
      g_autoptr(KhStoredFeed) stored = NULL;
      KhStore *store = kh_store_new (path);
      guint n_done = 0;

      kh_store_merge_async (store, FEED_URI, feed, NULL, 100, NULL, write_done_cb, &n_done);
      g_object_unref (store);
      wait_for_count (&n_done, 1);

      /* Finalized in its own worker thread, it must not wait for itself. */
      g_assert_true (wait_for_close (path));

      reopened = kh_store_new (path);
      stored = load (reopened, FEED_URI);
      g_assert_cmpuint (stored->items->len, ==, 3);
    }
}

/* Killed at any moment */

static char *
get_crash_writer (void)
{
  const char *path = g_getenv ("KH_STORE_CRASH_WRITER");

  if (path != NULL)
    return g_strdup (path);
  return g_test_build_filename (G_TEST_BUILT, "store-crash-writer", NULL);
}

static gboolean
parse_committed (const char *line,
                 guint      *round)
{
  guint64 value;

  if (!g_str_has_prefix (line, "committed "))
    return FALSE;
  if (!g_ascii_string_to_unsigned (line + strlen ("committed "), 10, 0, G_MAXUINT, &value, NULL))
    return FALSE;
  *round = value;
  return TRUE;
}

/* What a writer run said before it died: the last round it reported as
 * committed (-1 for none), and how it ended. */
typedef struct
{
  gint64    last;
  gboolean  killed;
  char     *failure;
} WriterRun;

static void
writer_run_clear (WriterRun *run)
{
  g_clear_pointer (&run->failure, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (WriterRun, writer_run_clear)

/* Reads the writer's lines to their end: rounds in order from @first,
 * then perhaps one "failed …" line. */
static void
read_writer_lines (GDataInputStream *lines,
                   guint             first,
                   WriterRun        *run)
{
  g_autoptr(GError) error = NULL;
  char *line;

  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      guint round;

      if (g_str_has_prefix (line, "failed "))
        {
          g_assert_null (run->failure);
          run->failure = line;
          continue;
        }
      g_assert_null (run->failure);
      g_assert_true (parse_committed (line, &round));
      g_assert_cmpint (round, ==, run->last < 0 ? (gint64) first : run->last + 1);
      run->last = round;
      g_free (line);
    }
  g_assert_no_error (error);
}

/*
 * Starts the writer on @path from round @first and kills it at a random
 * moment: half the time counted from its start, when it may still be
 * opening the database, half the time after its first commit, in the
 * middle of writing.
 */
static void
run_and_kill_writer (const char *writer,
                     const char *path,
                     guint       first,
                     WriterRun  *run)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_text = g_strdup_printf ("%u", first);

  run->last = -1;
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, writer, path, first_text, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

  if (g_test_rand_bit ())
    g_usleep (g_test_rand_int_range (0, 30) * 1000);
  else
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
      guint round;

      g_assert_no_error (error);
      g_assert_nonnull (line);
      g_assert_true (parse_committed (line, &round));
      g_assert_cmpuint (round, ==, first);
      run->last = round;
      g_usleep (g_test_rand_int_range (0, 10) * 1000);
    }
  g_subprocess_send_signal (process, SIGKILL);

  read_writer_lines (lines, first, run);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (run->failure);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
  run->killed = TRUE;
}

static guint
parse_edited_round (const char *title)
{
  guint64 round;

  g_assert_true (g_str_has_prefix (title, "edited in round "));
  g_assert_true (g_ascii_string_to_unsigned (title + strlen ("edited in round "), 10, 0, G_MAXUINT,
                                             &round, NULL));
  return round;
}

static GHashTable *
index_items (KhStoredFeed *stored)
{
  GHashTable *index = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < stored->items->len; i++)
    g_hash_table_insert (index, (gpointer) kh_item_get_id (stored->items->pdata[i]), stored->items->pdata[i]);
  return index;
}

/* What store-crash-writer promises for rounds 0 … @last (none when -1). */
static void
assert_rounds_committed (KhStoredFeed *stored,
                         gint64        last)
{
  g_autoptr(GHashTable) index = index_items (stored);
  guint n_after = 0;

  for (gint64 round = 0; round <= last; round++)
    for (guint i = 0; i < 10; i++)
      {
        g_autofree char *id = g_strdup_printf ("round-%" G_GINT64_FORMAT "-%u", round, i);
        KhItem *item = g_hash_table_lookup (index, id);

        if (item == NULL)
          g_error ("%s was committed and is lost", id);
        /* Read and starred stay, through the edits of later rounds too. */
        if (i == 1)
          g_assert_true (kh_item_get_read (item));
        if (i == 2)
          g_assert_true (kh_item_get_starred (item));
      }

  /* The last reported round's edits are in, or a later one's. */
  if (last > 0)
    {
      g_autofree char *edited_id = g_strdup_printf ("round-%" G_GINT64_FORMAT "-0", last - 1);
      KhItem *edited = g_hash_table_lookup (index, edited_id);

      g_assert_cmpuint (parse_edited_round (kh_item_get_title (edited)), >=, last);
    }

  /* A round merges in one transaction: all of its items or none. */
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *id = g_strdup_printf ("round-%" G_GINT64_FORMAT "-%u", last + 1, i);

      n_after += g_hash_table_contains (index, id);
    }
  g_assert_true (n_after == 0 || n_after == 10);
}

/* The next start after a crash: the store opens without being set aside,
 * is whole, holds what was committed and what earlier starts wrote, and
 * takes a write of its own (an item, read and starred at once). */
static void
assert_next_start_works (const char *path,
                         gint64      last,
                         guint       n_starts)
{
  g_autoptr(KhStore) store = kh_store_new (path);
  g_autoptr(KhStoredFeed) stored = NULL;
  g_autoptr(KhFeed) feed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) index = NULL;
  g_autofree char *report = NULL;
  g_autofree char *notice = NULL;
  g_autofree char *own_id = g_strdup_printf ("after-crash-%u", n_starts);

  report = kh_store_check_integrity (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report, ==, "ok");
  notice = kh_store_take_recovery_notice (store);
  g_assert_null (notice);

  stored = load (store, CRASH_URI);
  assert_rounds_committed (stored, last);
  index = index_items (stored);
  for (guint i = 0; i < n_starts; i++)
    {
      g_autofree char *id = g_strdup_printf ("after-crash-%u", i);
      KhItem *item = g_hash_table_lookup (index, id);

      g_assert_nonnull (item);
      g_assert_true (kh_item_get_read (item) && kh_item_get_starred (item));
    }

  feed = new_feed ("After the crash", new_item (own_id, "Back on air", 1800000000 + n_starts), NULL);
  merge (store, CRASH_URI, feed, 1800000000, NULL);
  g_assert_true (kh_store_save_state (store, CRASH_URI, own_id, TRUE, TRUE, &error));
  g_assert_no_error (error);
  kh_store_close (store);
}

/*
 * Hundreds of kills in a bounded time.  Each database takes a series of
 * kills, every writer going on from where the last one was cut off, so a
 * start after a crash meets whatever the crash left: a WAL to replay, a
 * half-written transaction, a half-made database.
 */
static void
test_crash_durability (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *writer = get_crash_writer ();
  gint64 start = g_get_monotonic_time ();
  guint64 total_rounds = 0;
  guint kills = 0;
  guint early_kills = 0;
  guint databases = 0;

  g_assert_true (g_file_test (writer, G_FILE_TEST_IS_EXECUTABLE));

  while (kills < CRASH_MIN_KILLS ||
         (kills < CRASH_MAX_KILLS && g_get_monotonic_time () - start < CRASH_SECONDS * G_USEC_PER_SEC))
    {
      g_autofree char *name = g_strdup_printf ("crash-%u.db", databases++);
      g_autofree char *path = g_build_filename (fixture->directory, name, NULL);
      gint64 last = -1;

      for (guint series = 0; series < CRASH_KILLS_PER_DATABASE; series++)
        {
          g_auto(WriterRun) run = { 0 };

          run_and_kill_writer (writer, path, last + 1, &run);
          kills++;
          if (run.last < 0)
            early_kills++;
          else
            {
              total_rounds += run.last - last;
              last = run.last;
            }
          assert_next_start_works (path, last, series);
        }
    }

  g_test_message ("%u kills (%u before a first commit) on %u databases, %" G_GUINT64_FORMAT
                  " committed rounds, in %.1f s", kills, early_kills, databases, total_rounds,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
}

/*
 * A full disk, as a file size limit makes one: the writer works until a
 * write fails, and says why; the store it leaves is whole, holds every
 * round committed before, and works again once there is room.
 */
static void
assert_full_disk (const char *writer,
                  const char *path,
                  guint       first,
                  guint64     max_file_size,
                  gint64     *last)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_text = g_strdup_printf ("%u", first);
  g_autofree char *size_text = g_strdup_printf ("%" G_GUINT64_FORMAT, max_file_size);
  g_autofree char *expected_start = g_strdup_printf ("failed %s %d ", g_quark_to_string (KH_STORE_ERROR),
                                                     KH_STORE_ERROR_FULL);
  g_auto(WriterRun) run = { -1, FALSE, NULL };

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, writer, path, first_text, size_text, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  read_writer_lines (lines, first, &run);
  g_assert_true (g_subprocess_wait (process, NULL, &error));
  g_assert_no_error (error);

  g_test_message ("Files limited to %" G_GUINT64_FORMAT " bytes: %" G_GINT64_FORMAT
                  " rounds committed, then %s", max_file_size, run.last < 0 ? 0 : run.last - first + 1,
                  run.failure);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
  g_assert_nonnull (run.failure);
  /* KH_STORE_ERROR_FULL, with words that say so. */
  g_assert_true (g_str_has_prefix (run.failure, expected_start));
  g_assert_nonnull (strstr (run.failure, "no room for the saved items"));
  if (run.last >= 0)
    *last = run.last;
}

static void
test_full_disk (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *writer = get_crash_writer ();
  guint64 limits[] = { 64 * 1024, 256 * 1024, 1024 * 1024 };
  gint64 last = -1;

  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      assert_full_disk (writer, fixture->path, last + 1, limits[i], &last);
      /* Room again: everything committed is there, and writes work. */
      assert_next_start_works (fixture->path, last, i);
    }
  g_assert_cmpint (last, >, 0);

  /* Less room than the database already takes: the writer cannot even
   * begin, says so, and leaves the store as it was. */
  assert_full_disk (writer, fixture->path, last + 1, 16 * 1024, &last);
  assert_next_start_works (fixture->path, last, G_N_ELEMENTS (limits));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/store/load/unknown-feed", test_unknown_feed);
  ADD ("/store/load/newest", test_load_newest);
  ADD ("/store/merge/round-trip", test_round_trip);
  ADD ("/store/merge/stats", test_merge_stats);
  ADD ("/store/merge/dropped-items-stay", test_dropped_items_stay);
  ADD ("/store/merge/feeds-apart", test_feeds_apart);
  ADD ("/store/merge/validators", test_validators);
  ADD ("/store/merge/older-page", test_older_page);
  ADD ("/store/merge/sql-text-verbatim", test_sql_text_verbatim);
  ADD ("/store/state/survives-reopen", test_state_survives_reopen);
  ADD ("/store/state/mark-all-read", test_mark_all_read);
  ADD ("/store/prune", test_prune);
  ADD ("/store/mark-unchanged", test_mark_unchanged);
  ADD ("/store/file/schema", test_schema);
  ADD ("/store/file/newer-schema", test_newer_schema);
  ADD ("/store/file/recover/random-bytes", test_recover_random_bytes);
  ADD ("/store/file/recover/text-file", test_recover_text_file);
  ADD ("/store/file/recover/twice", test_recover_twice);
  ADD ("/store/file/recover/damaged-pages", test_recover_damaged_pages);
  ADD ("/store/async/order", test_async_order);
  ADD ("/store/async/cancelled", test_async_cancelled);
  ADD ("/store/async/dropped", test_async_dropped);
  ADD ("/store/crash/kill-9", test_crash_durability);
  ADD ("/store/crash/full-disk", test_full_disk);
#undef ADD

  return g_test_run ();
}
