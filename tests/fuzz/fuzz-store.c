/* fuzz-store.c: a run of refreshes, reads and stars against the store
 *
 * The input is a script of steps separated by form feeds (0x0c).  A step's
 * first byte says what it does:
 *
 *   M DOCUMENT   parse a feed document and merge it into feed A
 *   N DOCUMENT   the same into feed B
 *   O DOCUMENT   merge it into feed A as a page of older items
 *   I LINES      merge items made from lines "id<TAB>title<TAB>date<TAB>text"
 *   R ID         mark an item of feed A read
 *   S ID         star an item of feed A
 *   T ID         unstar it and mark it unread
 *   U            a 304 for feed A
 *   A            mark all of feed A read
 *   P N          forget unstarred items not seen in the last N steps
 *
 * and any other step is a document merged into feed A.  The clock moves a
 * minute each step.  A model of what the store must hold is kept beside it;
 * at the end both feeds are loaded and must match the model exactly (ids,
 * content, read and starred), and SQLite's integrity check must say "ok".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kh-date.h"
#include "kh-feed-parser.h"
#include "kh-item-codec.h"
#include "kh-store.h"
#include "fuzz-common.h"

#define FEED_A "https://news.example/live/feed.json"
#define FEED_B "file:///srv/feeds/other.xml"
#define MAX_STEPS 64

typedef struct
{
  char     *json;
  gint64    last_seen;
  gboolean  read;
  gboolean  starred;
} Expected;

static void
expected_free (Expected *expected)
{
  g_free (expected->json);
  g_free (expected);
}

typedef struct
{
  const char *uri;
  GHashTable *items;
  gint64      seen_mark;
} Model;

static void
model_init (Model      *model,
            const char *uri)
{
  model->uri = uri;
  model->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) expected_free);
  model->seen_mark = -1;
}

static void
model_clear (Model *model)
{
  g_clear_pointer (&model->items, g_hash_table_unref);
}

static void
fail_on_error (gboolean     succeeded,
               const char  *what,
               GError      *error)
{
  if (!succeeded)
    g_error ("The store failed to %s: %s", what, error ? error->message : "no error given");
}

static void
merge (KhStore  *store,
       Model    *model,
       KhFeed   *feed,
       gboolean  older,
       gint64    now)
{
  g_autoptr(GError) error = NULL;
  KhMergeStats stats = { 0, };
  guint n_items = kh_feed_get_n_items (feed);
  gboolean merged;

  if (older)
    merged = kh_store_merge_older (store, model->uri, feed, now, &stats, &error);
  else
    merged = kh_store_merge (store, model->uri, feed, NULL, now, &stats, &error);
  fail_on_error (merged, "merge", error);
  g_assert_cmpuint (stats.added + stats.changed + stats.unchanged, ==, n_items);

  for (guint i = 0; i < n_items; i++)
    {
      KhItem *item = kh_feed_get_item (feed, i);
      Expected *expected = g_hash_table_lookup (model->items, kh_item_get_id (item));

      if (expected == NULL)
        {
          expected = g_new0 (Expected, 1);
          g_hash_table_insert (model->items, g_strdup (kh_item_get_id (item)), expected);
        }
      g_free (expected->json);
      expected->json = kh_item_to_json_string (item);
      expected->last_seen = now;
    }
  if (!older)
    model->seen_mark = now;
}

static char *
valid_text (const char *text,
            gssize      length)
{
  return g_utf8_make_valid (text, length);
}

/* Items straight from bytes, without a parser in between. */
static KhFeed *
feed_from_lines (const char *payload,
                 gsize       length)
{
  g_autofree char *text = valid_text (payload, length);
  g_auto(GStrv) lines = g_strsplit (text, "\n", 32);
  KhFeed *feed = kh_feed_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", 4);
      g_autoptr(KhItem) item = NULL;
      g_autoptr(GDateTime) published = NULL;

      if (fields[0] == NULL || *fields[0] == '\0')
        continue;
      item = kh_item_new (fields[0]);
      kh_item_set_title (item, fields[1] ? fields[1] : fields[0]);
      if (fields[1] != NULL && fields[2] != NULL)
        published = kh_date_parse_any (fields[2]);
      kh_item_set_published (item, published);
      if (fields[1] != NULL && fields[2] != NULL && fields[3] != NULL)
        {
          g_auto(GStrv) paragraphs = g_strsplit (fields[3], "\\n", 8);

          kh_item_set_paragraphs (item, g_steal_pointer (&paragraphs));
        }
      kh_feed_add_item (feed, item);
    }
  kh_feed_sort (feed);
  return feed;
}

static void
save_state (KhStore    *store,
            Model      *model,
            const char *payload,
            gsize       length,
            gboolean    read,
            gboolean    starred)
{
  g_autofree char *id = valid_text (payload, length);
  g_autoptr(GError) error = NULL;
  Expected *expected;

  fail_on_error (kh_store_save_state (store, model->uri, id, read, starred, &error),
                 "save an item's state", error);
  expected = g_hash_table_lookup (model->items, id);
  if (expected != NULL)
    {
      expected->read = read;
      expected->starred = starred;
    }
}

static void
mark_unchanged (KhStore *store,
                Model   *model,
                gint64   now)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  Expected *expected;

  fail_on_error (kh_store_mark_unchanged (store, model->uri, now, &error), "record a 304", error);
  if (model->seen_mark < 0)
    return;
  g_hash_table_iter_init (&iter, model->items);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &expected))
    if (expected->last_seen == model->seen_mark)
      expected->last_seen = now;
  model->seen_mark = now;
}

static void
mark_all_read (KhStore *store,
               Model   *model)
{
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  Expected *expected;

  fail_on_error (kh_store_mark_all_read (store, model->uri, &error), "mark all read", error);
  g_hash_table_iter_init (&iter, model->items);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &expected))
    expected->read = TRUE;
}

static void
prune (KhStore *store,
       Model   *models,
       guint    n_models,
       gint64   seen_before)
{
  g_autoptr(GError) error = NULL;
  guint n_removed = 0, n_expected = 0;

  fail_on_error (kh_store_prune (store, seen_before, &n_removed, &error), "prune", error);
  for (guint m = 0; m < n_models; m++)
    {
      GHashTableIter iter;
      Expected *expected;

      g_hash_table_iter_init (&iter, models[m].items);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &expected))
        if (!expected->starred && expected->last_seen < seen_before)
          {
            g_hash_table_iter_remove (&iter);
            n_expected++;
          }
    }
  g_assert_cmpuint (n_removed, ==, n_expected);
}

/* What the store gives back is exactly what the model holds. */
static void
check_feed (KhStore *store,
            Model   *model)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KhStoredFeed) stored = kh_store_load (store, model->uri, &error);
  g_autoptr(GHashTable) loaded = g_hash_table_new (g_str_hash, g_str_equal);

  fail_on_error (stored != NULL, "load", error);
  for (guint i = 0; i < stored->items->len; i++)
    {
      KhItem *item = g_ptr_array_index (stored->items, i);
      const char *id = kh_item_get_id (item);
      Expected *expected = g_hash_table_lookup (model->items, id);
      g_autofree char *json = kh_item_to_json_string (item);

      if (expected == NULL)
        g_error ("The store holds an item never merged or already pruned: %s", id);
      if (!g_hash_table_add (loaded, (gpointer) id))
        g_error ("The store gives an item twice: %s", id);
      if (strcmp (json, expected->json) != 0)
        g_error ("An item reads back changed:\n%s\n%s", expected->json, json);
      g_assert_cmpint (kh_item_get_read (item), ==, expected->read);
      g_assert_cmpint (kh_item_get_starred (item), ==, expected->starred);
      if (i > 0)
        g_assert_cmpint (kh_item_compare_newest_first (stored->items->pdata[i - 1], item), <=, 0);
    }
  if (g_hash_table_size (loaded) != g_hash_table_size (model->items))
    g_error ("The store lost %u of the %u items of %s",
             g_hash_table_size (model->items) - g_hash_table_size (loaded),
             g_hash_table_size (model->items), model->uri);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  kh_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(KhStore) store = kh_store_new (":memory:");
  g_autoptr(GError) error = NULL;
  g_autofree char *report = NULL;
  Model models[2];
  const uint8_t *end = data + size;
  gint64 now = 1700000000;
  guint steps = 0;

  model_init (&models[0], FEED_A);
  model_init (&models[1], FEED_B);

  while (data < end && steps++ < MAX_STEPS)
    {
      const uint8_t *step_end = memchr (data, '\f', end - data);
      const char *payload = (const char *) data + 1;
      gsize length;

      if (step_end == NULL)
        step_end = end;
      length = step_end - data - 1;
      now += 60;

      switch (data[0])
        {
        case 'R':
          save_state (store, &models[0], payload, length, TRUE, FALSE);
          break;
        case 'S':
          save_state (store, &models[0], payload, length, TRUE, TRUE);
          break;
        case 'T':
          save_state (store, &models[0], payload, length, FALSE, FALSE);
          break;
        case 'U':
          mark_unchanged (store, &models[0], now);
          break;
        case 'A':
          mark_all_read (store, &models[0]);
          break;
        case 'P':
          prune (store, models, G_N_ELEMENTS (models),
                 now - 60 * (length > 0 ? (guint8) payload[0] % 16 : 0));
          break;
        case 'I':
          {
            g_autoptr(KhFeed) feed = feed_from_lines (payload, length);

            merge (store, &models[0], feed, FALSE, now);
          }
          break;
        default:
          {
            gboolean has_command = data[0] == 'M' || data[0] == 'N' || data[0] == 'O';
            Model *model = &models[data[0] == 'N' ? 1 : 0];
            g_autoptr(GBytes) document = NULL;
            g_autoptr(KhFeed) feed = NULL;

            if (has_command)
              document = g_bytes_new (payload, length);
            else
              document = g_bytes_new (data, step_end - data);
            feed = kh_feed_parser_parse_full (document, NULL, model->uri, NULL);
            if (feed != NULL)
              merge (store, model, feed, data[0] == 'O', now);
          }
          break;
        }
      data = step_end < end ? step_end + 1 : end;
    }

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    check_feed (store, &models[m]);
  report = kh_store_check_integrity (store, &error);
  fail_on_error (report != NULL, "check its integrity", error);
  g_assert_cmpstr (report, ==, "ok");

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    model_clear (&models[m]);
  return 0;
}
