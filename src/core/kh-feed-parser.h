/* kh-feed-parser.h: feed documents of every format Khabar reads into a KhFeed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kh-feed.h"

G_BEGIN_DECLS

/*
 * What one document may hold.  Past the first four, a document is refused
 * (KH_FEED_ERROR_TOO_COMPLEX) or its extra items are skipped and
 * reported; past the others, text is cut short and names are left out.
 * Lengths in _CHARS are in characters, the others in bytes.
 */
#define KH_FEED_MAX_DEPTH          256
#define KH_FEED_MAX_JSON_VALUES    500000
#define KH_FEED_MAX_XML_ELEMENTS   500000
#define KH_FEED_MAX_ITEMS          10000
#define KH_FEED_MAX_TITLE_CHARS    500
#define KH_FEED_MAX_LINE_CHARS     500
#define KH_FEED_MAX_CAPTION_CHARS  1000
#define KH_FEED_MAX_SUMMARY_CHARS  5000
#define KH_FEED_MAX_BODY_LENGTH    (256 * 1024)
#define KH_FEED_MAX_PARAGRAPHS     1000
#define KH_FEED_MAX_NAMES          50
#define KH_FEED_MAX_ID_LENGTH      1024
#define KH_FEED_MAX_URI_LENGTH     8192

/*
 * Called from the parsing thread, at most once, with the first items of a
 * long feed (in document order, before the rest is read), so they can be
 * shown early.  The parse may still fail after it.
 */
typedef void (*KhFeedParserPreview) (GPtrArray *first_items,
                                     gpointer   user_data);

/* How many items a feed needs for a preview of its first ones. */
#define KH_FEED_PREVIEW_ITEMS      50

KhFeed *kh_feed_parser_parse            (GBytes               *document,
                                         GError              **error);
KhFeed *kh_feed_parser_parse_whole      (GBytes               *document,
                                         const char           *content_type,
                                         const char           *base_uri,
                                         GError              **error);
KhFeed *kh_feed_parser_parse_with_preview (GBytes             *document,
                                         const char           *content_type,
                                         const char           *base_uri,
                                         KhFeedParserPreview   preview,
                                         gpointer              user_data,
                                         GError              **error);
KhFeed *kh_feed_parser_parse_consuming (GBytes               *document,
                                         const char           *content_type,
                                         const char           *base_uri,
                                         KhFeedParserPreview   preview,
                                         gpointer              user_data,
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
