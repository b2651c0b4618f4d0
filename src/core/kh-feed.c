/* kh-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kh-feed.h"

struct _KhFeed
{
  GObject    parent_instance;

  char      *title;
  char      *home_page_url;
  char      *language;
  GPtrArray *items;
  GPtrArray *problems;
  guint      n_skipped;
};

G_DEFINE_FINAL_TYPE (KhFeed, kh_feed, G_TYPE_OBJECT)

static void
kh_feed_finalize (GObject *object)
{
  KhFeed *self = (KhFeed *) object;

  g_free (self->title);
  g_free (self->home_page_url);
  g_free (self->language);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->problems);

  G_OBJECT_CLASS (kh_feed_parent_class)->finalize (object);
}

static void
kh_feed_class_init (KhFeedClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kh_feed_finalize;
}

static void
kh_feed_init (KhFeed *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->problems = g_ptr_array_new_null_terminated (0, g_free, TRUE);
}

KhFeed *
kh_feed_new (void)
{
  return g_object_new (KH_TYPE_FEED, NULL);
}

const char *
kh_feed_get_title (KhFeed *self)
{
  g_return_val_if_fail (KH_IS_FEED (self), NULL);
  return self->title;
}

void
kh_feed_set_title (KhFeed     *self,
                   const char *title)
{
  g_return_if_fail (KH_IS_FEED (self));
  g_free (self->title);
  self->title = g_strdup (title);
}

const char *
kh_feed_get_home_page_url (KhFeed *self)
{
  g_return_val_if_fail (KH_IS_FEED (self), NULL);
  return self->home_page_url;
}

void
kh_feed_set_home_page_url (KhFeed     *self,
                           const char *url)
{
  g_return_if_fail (KH_IS_FEED (self));
  g_free (self->home_page_url);
  self->home_page_url = g_strdup (url);
}

const char *
kh_feed_get_language (KhFeed *self)
{
  g_return_val_if_fail (KH_IS_FEED (self), NULL);
  return self->language;
}

void
kh_feed_set_language (KhFeed     *self,
                      const char *language)
{
  g_return_if_fail (KH_IS_FEED (self));
  g_free (self->language);
  self->language = g_strdup (language);
}

/* The items, newest first once kh_feed_sort() has run. */
GPtrArray *
kh_feed_get_items (KhFeed *self)
{
  g_return_val_if_fail (KH_IS_FEED (self), NULL);
  return self->items;
}

guint
kh_feed_get_n_items (KhFeed *self)
{
  g_return_val_if_fail (KH_IS_FEED (self), 0);
  return self->items->len;
}

KhItem *
kh_feed_get_item (KhFeed *self,
                  guint   position)
{
  g_return_val_if_fail (KH_IS_FEED (self), NULL);
  g_return_val_if_fail (position < self->items->len, NULL);
  return g_ptr_array_index (self->items, position);
}

void
kh_feed_add_item (KhFeed *self,
                  KhItem *item)
{
  g_return_if_fail (KH_IS_FEED (self));
  g_return_if_fail (KH_IS_ITEM (item));
  g_ptr_array_add (self->items, g_object_ref (item));
}

void
kh_feed_sort (KhFeed *self)
{
  g_return_if_fail (KH_IS_FEED (self));
  kh_item_sort_newest_first (self->items);
}

/* How many items of the document were left out because they were broken. */
guint
kh_feed_get_n_skipped (KhFeed *self)
{
  g_return_val_if_fail (KH_IS_FEED (self), 0);
  return self->n_skipped;
}

/* What was wrong with the document, one message per problem; never NULL. */
const char * const *
kh_feed_get_problems (KhFeed *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (KH_IS_FEED (self), NULL);
  /* An empty array may not have allocated its terminator yet. */
  if (self->problems->pdata == NULL)
    return none;
  return (const char * const *) self->problems->pdata;
}

void
kh_feed_add_problem (KhFeed     *self,
                     gboolean    item_skipped,
                     const char *format,
                     ...)
{
  va_list args;

  g_return_if_fail (KH_IS_FEED (self));

  va_start (args, format);
  g_ptr_array_add (self->problems, g_strdup_vprintf (format, args));
  va_end (args);

  if (item_skipped)
    self->n_skipped++;
}
