/* kh-feed.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kh-text.h"
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
  char      *format;
  char      *next_url;
  gboolean   expired;
  GDateTime *coverage_start;
  GDateTime *coverage_end;
  char      *icon;
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
  g_free (self->format);
  g_free (self->next_url);
  g_clear_pointer (&self->coverage_start, g_date_time_unref);
  g_clear_pointer (&self->coverage_end, g_date_time_unref);
  g_free (self->icon);

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

/*
 * Problems quote the document, which may be as long as it likes: each one
 * is cut short, and after the first KH_FEED_MAX_PROBLEMS only counted.
 */
void
kh_feed_add_problem (KhFeed     *self,
                     gboolean    item_skipped,
                     const char *format,
                     ...)
{
  g_autofree char *problem = NULL;
  va_list args;

  g_return_if_fail (KH_IS_FEED (self));

  if (item_skipped)
    self->n_skipped++;

  if (self->problems->len > KH_FEED_MAX_PROBLEMS)
    return;
  if (self->problems->len == KH_FEED_MAX_PROBLEMS)
    {
      g_ptr_array_add (self->problems, g_strdup (_("More problems were found than are listed here")));
      return;
    }

  va_start (args, format);
  problem = g_strdup_vprintf (format, args);
  va_end (args);
  if (g_utf8_strlen (problem, -1) > KH_FEED_MAX_PROBLEM_CHARS)
    g_ptr_array_add (self->problems, kh_text_truncate (problem, KH_FEED_MAX_PROBLEM_CHARS));
  else
    g_ptr_array_add (self->problems, g_steal_pointer (&problem));
}

/* Counts @n_skipped items as left out, without a problem for each. */
void
kh_feed_add_skipped (KhFeed *self,
                     guint   n_skipped)
{
  g_return_if_fail (KH_IS_FEED (self));
  self->n_skipped += n_skipped;
}

/* The name of the format the feed was read from, e.g. "RSS 2.0". */
const char *
kh_feed_get_format (KhFeed *self)
{
  g_return_val_if_fail (KH_IS_FEED (self), NULL);
  return self->format;
}

void
kh_feed_set_format (KhFeed     *self,
                    const char *format)
{
  g_return_if_fail (KH_IS_FEED (self));
  g_free (self->format);
  self->format = g_strdup (format);
}

/* Where the next, older page of the feed is, or NULL. */
const char *
kh_feed_get_next_url (KhFeed *self)
{
  g_return_val_if_fail (KH_IS_FEED (self), NULL);
  return self->next_url;
}

void
kh_feed_set_next_url (KhFeed     *self,
                      const char *url)
{
  g_return_if_fail (KH_IS_FEED (self));
  g_free (self->next_url);
  self->next_url = g_strdup (url);
}

/* TRUE when the feed says it will never be updated again. */
gboolean
kh_feed_get_expired (KhFeed *self)
{
  g_return_val_if_fail (KH_IS_FEED (self), FALSE);
  return self->expired;
}

void
kh_feed_set_expired (KhFeed   *self,
                     gboolean  expired)
{
  g_return_if_fail (KH_IS_FEED (self));
  self->expired = !!expired;
}

static void
replace_date (GDateTime **field,
              GDateTime  *value)
{
  if (value != NULL)
    g_date_time_ref (value);
  g_clear_pointer (field, g_date_time_unref);
  *field = value;
}

/* When the live coverage began, or NULL when the feed does not say. */
GDateTime *
kh_feed_get_coverage_start (KhFeed *self)
{
  g_return_val_if_fail (KH_IS_FEED (self), NULL);
  return self->coverage_start;
}

void
kh_feed_set_coverage_start (KhFeed    *self,
                            GDateTime *start)
{
  g_return_if_fail (KH_IS_FEED (self));
  replace_date (&self->coverage_start, start);
}

/* When the live coverage ends or ended, or NULL. */
GDateTime *
kh_feed_get_coverage_end (KhFeed *self)
{
  g_return_val_if_fail (KH_IS_FEED (self), NULL);
  return self->coverage_end;
}

void
kh_feed_set_coverage_end (KhFeed    *self,
                          GDateTime *end)
{
  g_return_if_fail (KH_IS_FEED (self));
  replace_date (&self->coverage_end, end);
}

/*
 * Whether the coverage is live at @now.  It has ended once its end time is
 * past or the feed has expired; it is live from its start time, or while
 * an end time is still ahead.  Before its start time, or with no times at
 * all, it is unknown.
 */
KhCoverageState
kh_feed_get_coverage_state (KhFeed    *self,
                            GDateTime *now)
{
  g_return_val_if_fail (KH_IS_FEED (self), KH_COVERAGE_STATE_UNKNOWN);
  g_return_val_if_fail (now != NULL, KH_COVERAGE_STATE_UNKNOWN);

  if (self->expired)
    return KH_COVERAGE_STATE_ENDED;
  if (self->coverage_end != NULL && g_date_time_compare (now, self->coverage_end) >= 0)
    return KH_COVERAGE_STATE_ENDED;
  if (self->coverage_start != NULL)
    return g_date_time_compare (now, self->coverage_start) >= 0
           ? KH_COVERAGE_STATE_LIVE : KH_COVERAGE_STATE_UNKNOWN;
  if (self->coverage_end != NULL)
    return KH_COVERAGE_STATE_LIVE;
  return KH_COVERAGE_STATE_UNKNOWN;
}

/* The feed's icon or, lacking one, its favicon. */
const char *
kh_feed_get_icon (KhFeed *self)
{
  g_return_val_if_fail (KH_IS_FEED (self), NULL);
  return self->icon;
}

void
kh_feed_set_icon (KhFeed     *self,
                  const char *icon)
{
  g_return_if_fail (KH_IS_FEED (self));
  g_free (self->icon);
  self->icon = g_strdup (icon);
}
