/* feed-helpers.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "feed-helpers.h"

/* A file of tests/fixtures/. */
GBytes *
load_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  const char *path = g_test_get_filename (G_TEST_DIST, "fixtures", name, NULL);
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

KhItem *
find_item (KhFeed     *feed,
           const char *id)
{
  for (guint i = 0; i < kh_feed_get_n_items (feed); i++)
    {
      KhItem *item = kh_feed_get_item (feed, i);

      if (g_strcmp0 (kh_item_get_id (item), id) == 0)
        return item;
    }

  g_error ("No item with the id “%s”", id);
  return NULL;
}

void
assert_item_ids (KhFeed             *feed,
                 const char * const *expected)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) ids = NULL;

  for (guint i = 0; i < kh_feed_get_n_items (feed); i++)
    g_strv_builder_add (builder, kh_item_get_id (kh_feed_get_item (feed, i)));
  ids = g_strv_builder_end (builder);

  g_assert_cmpstrv (ids, expected);
}

void
assert_date (GDateTime *date,
             gint64     unix_time)
{
  g_assert_nonnull (date);
  g_assert_cmpint (g_date_time_to_unix (date), ==, unix_time);
}

void
assert_no_problems (KhFeed *feed)
{
  const char * const none[] = { NULL };

  g_assert_cmpstrv (kh_feed_get_problems (feed), none);
  g_assert_cmpuint (kh_feed_get_n_skipped (feed), ==, 0);
}

GDateTime *
utc (int year,
     int month,
     int day,
     int hour,
     int minute)
{
  return g_date_time_new_utc (year, month, day, hour, minute, 0);
}
