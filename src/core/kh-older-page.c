/* kh-older-page.c
 *
 * JSON Feed's next_url names a page of the items before those of the feed.
 * It is fetched like the feed (no validators: it is read once), parsed in
 * a worker thread and merged into the store under the feed's own address,
 * leaving the feed's title and validators alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kh-feed-parser.h"
#include "kh-older-page.h"

typedef struct
{
  KhStore *store;
  char    *feed_uri;
  char    *page_uri;
  KhFeed  *page;
  GError  *store_error;
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->store);
  g_free (load->feed_uri);
  g_free (load->page_uri);
  g_clear_object (&load->page);
  g_clear_error (&load->store_error);
  g_free (load);
}

static void
stored_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);

  /* The page still shows when it could not be kept. */
  kh_store_write_finish (KH_STORE (source), result, NULL, &load->store_error);
  g_task_return_pointer (task, g_object_ref (load->page), g_object_unref);
}

static void
parsed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  GError *error = NULL;

  load->page = kh_feed_parser_parse_finish (result, &error);
  if (load->page == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  kh_store_merge_older_async (load->store, load->feed_uri, load->page,
                              g_get_real_time () / G_USEC_PER_SEC,
                              g_task_get_cancellable (task), stored_cb, g_object_ref (task));
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Load *load = g_task_get_task_data (task);
  g_autoptr(KhResponse) response = NULL;
  GError *error = NULL;

  response = kh_fetcher_fetch_full_finish (KH_FETCHER (source), result, NULL, &error);
  if (response == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  kh_feed_parser_parse_full_async (response->body, response->content_type, load->page_uri,
                                   g_task_get_cancellable (task), parsed_cb, g_object_ref (task));
}

/**
 * kh_older_page_load_async:
 * @feed_uri: the feed the page belongs to, under whose address it is stored
 * @page_uri: the page, already resolved and checked
 *   (kh_fetcher_resolve_linked_uri())
 */
void
kh_older_page_load_async (KhFetcher           *fetcher,
                          KhStore             *store,
                          const char          *feed_uri,
                          const char          *page_uri,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  g_return_if_fail (KH_IS_FETCHER (fetcher));
  g_return_if_fail (KH_IS_STORE (store));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kh_older_page_load_async);
  load = g_new0 (Load, 1);
  load->store = g_object_ref (store);
  load->feed_uri = g_strdup (feed_uri);
  load->page_uri = g_strdup (page_uri);
  g_task_set_task_data (task, load, (GDestroyNotify) load_free);

  kh_fetcher_fetch_full_async (fetcher, page_uri, NULL, NULL, kh_fetcher_get_max_size (fetcher),
                               cancellable, fetched_cb, g_object_ref (task));
}

/**
 * kh_older_page_load_finish:
 * @store_error: (out) (optional) (nullable): set when the page was read
 *   but could not be stored
 *
 * Returns: (transfer full): the page, or %NULL when it could not be
 *   fetched or read
 */
KhFeed *
kh_older_page_load_finish (GAsyncResult  *result,
                           GError       **store_error,
                           GError       **error)
{
  Load *load;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  load = g_task_get_task_data (G_TASK (result));
  if (store_error != NULL && load->store_error != NULL)
    *store_error = g_error_copy (load->store_error);
  return g_task_propagate_pointer (G_TASK (result), error);
}
