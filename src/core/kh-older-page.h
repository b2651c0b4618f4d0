/* kh-older-page.h: a page of older items, fetched, parsed and stored
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kh-feed.h"
#include "kh-fetcher.h"
#include "kh-store.h"

G_BEGIN_DECLS

void    kh_older_page_load_async  (KhFetcher            *fetcher,
                                   KhStore              *store,
                                   const char           *feed_uri,
                                   const char           *page_uri,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
KhFeed *kh_older_page_load_finish (GAsyncResult         *result,
                                   GError              **store_error,
                                   GError              **error);

G_END_DECLS
