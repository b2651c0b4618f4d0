/* kh-format.h: what the readers of each feed format share
 *
 * Each format is a pair of functions: one that recognises a document, one
 * that reads it.  kh-feed-parser.c lists them in one table.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>
#include <libxml/tree.h>

#include "kh-feed.h"
#include "kh-feed-parser.h"
#include "kh-json-split.h"

G_BEGIN_DECLS

/* A document read as JSON or as XML, ready for the formats to look at. */
typedef struct
{
  JsonNode   *json;
  xmlDocPtr   xml;
  const char *base_uri;
  /* What went wrong while reading it (e.g. XML that had to be recovered),
   * for the feed's problems. */
  GPtrArray  *problems;
} KhDocument;

/* A feed being read, item by item. */
typedef struct
{
  KhFeed     *feed;
  GHashTable *seen_ids;
  const char *base_uri;
  /* The 1-based position of the item being read; 0 while reading the
   * feed's own fields. */
  guint       index;
  /* Items left out because the feed had too many. */
  guint       n_over_limit;
} KhFormatContext;

void      kh_format_context_init    (KhFormatContext  *ctx,
                                     KhDocument       *document);
KhFeed   *kh_format_context_finish  (KhFormatContext  *ctx);
void      kh_format_context_clear   (KhFormatContext  *ctx);
gboolean  kh_format_check_id        (KhFormatContext  *ctx,
                                     char            **id);
void      kh_format_add_item        (KhFormatContext  *ctx,
                                     KhItem           *item);
char     *kh_format_resolve_uri     (KhFormatContext  *ctx,
                                     const char       *uri);
char     *kh_format_synthetic_id    (const char       *first,
                                     ...) G_GNUC_NULL_TERMINATED;
void      kh_format_set_body        (KhItem           *item,
                                     const char       *html,
                                     const char       *text);
gboolean  kh_format_looks_like_html (const char       *text);
char     *kh_format_text            (const char       *text,
                                     gboolean          is_html);
void      kh_format_image_from_attachments (KhItem      *item);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KhFormatContext, kh_format_context_clear)

/* The formats, in kh-format-*.c. */
gboolean  kh_format_json_feed_probe (KhDocument       *document);
KhFeed   *kh_format_json_feed_parse (KhDocument       *document,
                                     GError          **error);
KhFeed   *kh_format_json_feed_parse_pieces (KhDocument          *document,
                                            KhJsonText          *text,
                                            GArray              *elements,
                                            KhFeedParserPreview  preview,
                                            gpointer             user_data);
gboolean  kh_format_json_ld_probe   (KhDocument       *document);
KhFeed   *kh_format_json_ld_parse   (KhDocument       *document,
                                     GError          **error);
gboolean  kh_format_wordpress_probe (KhDocument       *document);
KhFeed   *kh_format_wordpress_parse (KhDocument       *document,
                                     GError          **error);
gboolean  kh_format_bbc_live_probe  (KhDocument       *document);
KhFeed   *kh_format_bbc_live_parse  (KhDocument       *document,
                                     GError          **error);
gboolean  kh_format_bbc_most_read_probe (KhDocument   *document);
KhFeed   *kh_format_bbc_most_read_parse (KhDocument   *document,
                                         GError      **error);
gboolean  kh_format_newsapi_probe   (KhDocument       *document);
KhFeed   *kh_format_newsapi_parse   (KhDocument       *document,
                                     GError          **error);
gboolean  kh_format_rss_probe       (KhDocument       *document);
KhFeed   *kh_format_rss_parse       (KhDocument       *document,
                                     GError          **error);
gboolean  kh_format_rdf_probe       (KhDocument       *document);
KhFeed   *kh_format_rdf_parse       (KhDocument       *document,
                                     GError          **error);
gboolean  kh_format_atom_probe      (KhDocument       *document);
KhFeed   *kh_format_atom_parse      (KhDocument       *document,
                                     GError          **error);

gboolean  kh_format_looks_like_web_page (const char  *data,
                                         gsize        length);
KhFeed   *kh_format_web_page_parse      (const char  *data,
                                         gsize        length,
                                         const char  *encoding,
                                         const char  *base_uri,
                                         GError     **error);

G_END_DECLS
