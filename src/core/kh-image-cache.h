/* kh-image-cache.h: images from the web, kept on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kh-fetcher.h"

G_BEGIN_DECLS

#define KH_TYPE_IMAGE_CACHE (kh_image_cache_get_type ())

G_DECLARE_FINAL_TYPE (KhImageCache, kh_image_cache, KH, IMAGE_CACHE, GObject)

#define KH_IMAGE_CACHE_DEFAULT_LIMIT (200 * 1024 * 1024)

KhImageCache *kh_image_cache_new                   (KhFetcher            *fetcher,
                                                    const char           *directory);
char         *kh_image_cache_get_default_directory (void);
KhFetcher    *kh_image_cache_get_fetcher           (KhImageCache         *self);
char         *kh_image_cache_get_path              (KhImageCache         *self,
                                                    const char           *uri);
void          kh_image_cache_load_async            (KhImageCache         *self,
                                                    const char           *uri,
                                                    gsize                 max_size,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GBytes       *kh_image_cache_load_finish           (KhImageCache         *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void          kh_image_cache_trim_async            (KhImageCache         *self,
                                                    guint64               limit,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean      kh_image_cache_trim_finish           (KhImageCache         *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

G_END_DECLS
