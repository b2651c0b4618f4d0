/* kh-feed-parser.h: feed documents of every format Khabar reads into a KhFeed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kh-feed.h"

G_BEGIN_DECLS

KhFeed *kh_feed_parser_parse            (GBytes               *document,
                                         GError              **error);
KhFeed *kh_feed_parser_parse_full       (GBytes               *document,
                                         const char           *content_type,
                                         const char           *base_uri,
                                         GError              **error);
void    kh_feed_parser_parse_async      (GBytes               *document,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
void    kh_feed_parser_parse_full_async (GBytes               *document,
                                         const char           *content_type,
                                         const char           *base_uri,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
KhFeed *kh_feed_parser_parse_finish     (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
