/* kh-coverage.c
 *
 * The list the sidebar shows.  A refresh never rebuilds it: new items are
 * inserted at their place, changed ones are updated in the same object, so
 * the selection, the open article and both scroll positions stay put, and
 * an answer with nothing new emits no signal at all.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kh-coverage.h"

struct _KhCoverage
{
  GObject     parent_instance;

  GListStore *items;
  GHashTable *by_id;
  guint       n_unread;
};

G_DEFINE_FINAL_TYPE (KhCoverage, kh_coverage, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_UNREAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_n_unread (KhCoverage *self,
              guint       n_unread)
{
  if (self->n_unread == n_unread)
    return;
  self->n_unread = n_unread;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_UNREAD]);
}

static void
item_read_changed_cb (KhItem     *item,
                      GParamSpec *pspec,
                      KhCoverage *self)
{
  if (kh_item_get_read (item))
    set_n_unread (self, self->n_unread - 1);
  else
    set_n_unread (self, self->n_unread + 1);
}

static void
track (KhCoverage *self,
       KhItem     *item)
{
  g_hash_table_insert (self->by_id, (gpointer) kh_item_get_id (item), g_object_ref (item));
  g_signal_connect (item, "notify::read", G_CALLBACK (item_read_changed_cb), self);
}

static void
untrack_all (KhCoverage *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->by_id);
  while (g_hash_table_iter_next (&iter, NULL, &item))
    g_signal_handlers_disconnect_by_data (item, self);
  g_hash_table_remove_all (self->by_id);
}

static void
kh_coverage_dispose (GObject *object)
{
  KhCoverage *self = (KhCoverage *) object;

  if (self->by_id != NULL)
    untrack_all (self);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_object (&self->items);

  G_OBJECT_CLASS (kh_coverage_parent_class)->dispose (object);
}

static void
kh_coverage_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KhCoverage *self = KH_COVERAGE (object);

  switch (prop_id)
    {
    case PROP_N_UNREAD:
      g_value_set_uint (value, self->n_unread);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kh_coverage_class_init (KhCoverageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kh_coverage_dispose;
  object_class->get_property = kh_coverage_get_property;

  properties[PROP_N_UNREAD] =
    g_param_spec_uint ("n-unread", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kh_coverage_init (KhCoverage *self)
{
  self->items = g_list_store_new (KH_TYPE_ITEM);
  self->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_object_unref);
}

KhCoverage *
kh_coverage_new (void)
{
  return g_object_new (KH_TYPE_COVERAGE, NULL);
}

/* The items, newest first: a GListModel of KhItem. */
GListModel *
kh_coverage_get_model (KhCoverage *self)
{
  g_return_val_if_fail (KH_IS_COVERAGE (self), NULL);
  return G_LIST_MODEL (self->items);
}

guint
kh_coverage_get_n_items (KhCoverage *self)
{
  g_return_val_if_fail (KH_IS_COVERAGE (self), 0);
  return g_hash_table_size (self->by_id);
}

guint
kh_coverage_get_n_unread (KhCoverage *self)
{
  g_return_val_if_fail (KH_IS_COVERAGE (self), 0);
  return self->n_unread;
}

/* Returns: (transfer none) (nullable): */
KhItem *
kh_coverage_lookup (KhCoverage *self,
                    const char *id)
{
  g_return_val_if_fail (KH_IS_COVERAGE (self), NULL);
  return id ? g_hash_table_lookup (self->by_id, id) : NULL;
}

static int
compare_for_store (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return kh_item_compare_newest_first (a, b);
}

/* A new date can move an updated item; everything else stays in place. */
static void
update_item (KhCoverage *self,
             KhItem     *existing,
             KhItem     *newer)
{
  g_autoptr(GDateTime) was_published = NULL;
  GDateTime *published = kh_item_get_published (existing);
  guint position;

  was_published = published ? g_date_time_ref (published) : NULL;
  kh_item_update_from (existing, newer);

  published = kh_item_get_published (existing);
  if (was_published == published ||
      (was_published && published && g_date_time_equal (was_published, published)))
    return;
  if (!g_list_store_find (self->items, existing, &position))
    return;

  g_object_ref (existing);
  g_list_store_remove (self->items, position);
  g_list_store_insert_sorted (self->items, existing, compare_for_store, NULL);
  g_object_unref (existing);
}

/* New items newer than everything shown (the usual live case) go in with
 * one splice, and so do items older than everything shown (the rest of a
 * long feed or of the store, after its newest); the rest are inserted one
 * by one at their place.  Each insertion is a change the list view
 * handles on its own. */
static void
insert_items (KhCoverage *self,
              GPtrArray  *added)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  g_autoptr(KhItem) first = n_shown ? g_list_model_get_item (G_LIST_MODEL (self->items), 0) : NULL;
  g_autoptr(KhItem) last = n_shown ? g_list_model_get_item (G_LIST_MODEL (self->items), n_shown - 1) : NULL;
  KhItem *newest_added;
  KhItem *oldest_added;

  if (added->len == 0)
    return;

  kh_item_sort_newest_first (added);
  newest_added = added->pdata[0];
  oldest_added = added->pdata[added->len - 1];
  if (first == NULL || kh_item_compare_newest_first (oldest_added, first) <= 0)
    {
      g_list_store_splice (self->items, 0, 0, added->pdata, added->len);
      return;
    }
  if (kh_item_compare_newest_first (last, newest_added) <= 0)
    {
      g_list_store_splice (self->items, n_shown, 0, added->pdata, added->len);
      return;
    }

  for (guint i = 0; i < added->len; i++)
    g_list_store_insert_sorted (self->items, added->pdata[i], compare_for_store, NULL);
}

/**
 * kh_coverage_merge:
 * @items: (element-type KhItem): items from a refresh or from the store
 * @stats: (out) (optional): how many were added, changed, unchanged
 *
 * Items are matched by id.  Unknown ones are added (keeping their read and
 * starred state), known ones whose content hash differs take the new
 * content in place, and items missing from @items stay.
 *
 * Returns: (transfer container) (element-type KhItem): the added items
 */
GPtrArray *
kh_coverage_merge (KhCoverage   *self,
                   GPtrArray    *items,
                   KhMergeStats *stats)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  KhMergeStats counted = { 0, };
  guint n_unread = self->n_unread;

  g_return_val_if_fail (KH_IS_COVERAGE (self), NULL);

  for (guint i = 0; i < items->len; i++)
    {
      KhItem *item = items->pdata[i];
      KhItem *existing = g_hash_table_lookup (self->by_id, kh_item_get_id (item));

      if (existing == NULL)
        {
          track (self, item);
          g_ptr_array_add (added, item);
          n_unread += !kh_item_get_read (item);
          counted.added++;
        }
      else if (g_strcmp0 (kh_item_get_content_hash (existing), kh_item_get_content_hash (item)) != 0)
        {
          update_item (self, existing, item);
          counted.changed++;
        }
      else
        counted.unchanged++;
    }

  insert_items (self, added);
  set_n_unread (self, n_unread);
  if (stats != NULL)
    *stats = counted;
  return g_steal_pointer (&added);
}

void
kh_coverage_mark_all_read (KhCoverage *self)
{
  guint n_items;

  g_return_if_fail (KH_IS_COVERAGE (self));

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(KhItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      kh_item_set_read (item, TRUE);
    }
}

/* Forgets every item, for another endpoint. */
void
kh_coverage_clear (KhCoverage *self)
{
  g_return_if_fail (KH_IS_COVERAGE (self));

  untrack_all (self);
  g_list_store_remove_all (self->items);
  set_n_unread (self, 0);
}
