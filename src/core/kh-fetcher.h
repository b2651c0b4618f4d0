/* kh-fetcher.h: documents and images from http(s), file and resource URIs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kh-response.h"

G_BEGIN_DECLS

#define KH_TYPE_FETCHER (kh_fetcher_get_type ())

G_DECLARE_FINAL_TYPE (KhFetcher, kh_fetcher, KH, FETCHER, GObject)

#define KH_FETCHER_DEFAULT_TIMEOUT 30
#define KH_FETCHER_DEFAULT_MAX_SIZE (32 * 1024 * 1024)
#define KH_FETCHER_DEFAULT_DEADLINE 120

KhFetcher *kh_fetcher_new               (void);
guint      kh_fetcher_get_timeout       (KhFetcher            *self);
void       kh_fetcher_set_timeout       (KhFetcher            *self,
                                         guint                 seconds);
gsize      kh_fetcher_get_max_size      (KhFetcher            *self);
void       kh_fetcher_set_max_size      (KhFetcher            *self,
                                         gsize                 max_size);
guint      kh_fetcher_get_deadline      (KhFetcher            *self);
void       kh_fetcher_set_deadline      (KhFetcher            *self,
                                         guint                 seconds);
gboolean   kh_fetcher_is_local_uri      (const char           *uri);
gboolean   kh_fetcher_is_web_uri        (const char           *uri);
gboolean   kh_fetcher_can_open_link     (const char           *uri);
gboolean   kh_fetcher_supports_uri      (const char           *uri);
void       kh_fetcher_fetch_async       (KhFetcher            *self,
                                         const char           *uri,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
void       kh_fetcher_fetch_limited_async (KhFetcher          *self,
                                         const char           *uri,
                                         gsize                 max_size,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
void       kh_fetcher_fetch_full_async (KhFetcher           *self,
                                         const char           *uri,
                                         const char           *etag,
                                         const char           *last_modified,
                                         gsize                 max_size,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
KhResponse *kh_fetcher_fetch_full_finish (KhFetcher         *self,
                                         GAsyncResult         *result,
                                         KhResponse          **failed_response,
                                         GError              **error);
GBytes    *kh_fetcher_fetch_finish      (KhFetcher            *self,
                                         GAsyncResult         *result,
                                         GError              **error);

char      *kh_fetcher_resolve_linked_uri (const char        *feed_uri,
                                          const char        *reference);

G_END_DECLS
