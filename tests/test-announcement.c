/* test-announcement.c: which breaking items reach the desktop, and how
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kh-announcement.h"
#include "kh-item.h"

static KhItem *
new_item (const char *id,
          const char *title,
          gboolean    breaking)
{
  KhItem *item = kh_item_new (id);

  kh_item_set_title (item, title);
  kh_item_set_breaking (item, breaking);
  return item;
}

static GPtrArray *
new_items (guint n_breaking,
           guint n_other)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_other; i++)
    {
      g_autofree char *id = g_strdup_printf ("other-%u", i);

      g_ptr_array_add (items, new_item (id, "خبر عادي", FALSE));
    }
  for (guint i = 0; i < n_breaking; i++)
    {
      g_autofree char *id = g_strdup_printf ("breaking-item-%u", i);

      g_ptr_array_add (items, new_item (id, "عاجل: انقطاع الكهرباء", TRUE));
    }
  return items;
}

static void
test_only_breaking (void)
{
  g_autoptr(GPtrArray) none = new_items (0, 4);
  g_autoptr(GPtrArray) some = new_items (2, 3);
  g_autoptr(GPtrArray) quiet = kh_announce_breaking (none);
  g_autoptr(GPtrArray) announcements = kh_announce_breaking (some);
  KhAnnouncement *first;

  g_assert_cmpuint (quiet->len, ==, 0);
  g_assert_cmpuint (announcements->len, ==, 2);
  first = announcements->pdata[0];
  g_assert_cmpstr (first->id, ==, "breaking-breaking-item-0");
  g_assert_cmpstr (first->item_id, ==, "breaking-item-0");
  g_assert_cmpstr (first->body, ==, "عاجل: انقطاع الكهرباء");
}

/* A notification server may read the body as markup. */
static void
test_body_escaped (void)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) announcements = NULL;

  g_ptr_array_add (items, new_item ("x", "<b>Bold</b> & <a href=\"file:///etc\">link</a>", TRUE));
  announcements = kh_announce_breaking (items);
  g_assert_cmpuint (announcements->len, ==, 1);
  g_assert_cmpstr (((KhAnnouncement *) announcements->pdata[0])->body, ==,
                   "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;a href=&quot;file:///etc&quot;&gt;link&lt;/a&gt;");
}

/* Many at once make one announcement, which opens no particular item. */
static void
test_many_summed_up (void)
{
  g_autoptr(GPtrArray) items = new_items (KH_ANNOUNCEMENT_MAX_SEPARATE + 2, 1);
  g_autoptr(GPtrArray) announcements = kh_announce_breaking (items);
  KhAnnouncement *summary;

  g_assert_cmpuint (announcements->len, ==, 1);
  summary = announcements->pdata[0];
  g_assert_cmpstr (summary->id, ==, "breaking");
  g_assert_null (summary->item_id);
  g_assert_nonnull (strstr (summary->body, "5"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/announcement/only-breaking", test_only_breaking);
  g_test_add_func ("/announcement/body-escaped", test_body_escaped);
  g_test_add_func ("/announcement/many-summed-up", test_many_summed_up);

  return g_test_run ();
}
