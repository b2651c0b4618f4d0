/* kh-image-loader.h: images fetched and decoded off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kh-image-cache.h"

G_BEGIN_DECLS

#define KH_IMAGE_MAX_SIZE (10 * 1024 * 1024)

void        kh_image_loader_load_async  (KhImageCache        *cache,
                                         const char          *uri,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GdkTexture *kh_image_loader_load_finish (GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
