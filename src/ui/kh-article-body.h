/* kh-article-body.h: an article's body, block by block, as native text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kh-image-cache.h"

G_BEGIN_DECLS

#define KH_TYPE_ARTICLE_BODY (kh_article_body_get_type ())

G_DECLARE_FINAL_TYPE (KhArticleBody, kh_article_body, KH, ARTICLE_BODY, GtkWidget)

/* Bodies longer than this are converted in a worker thread. */
#define KH_ARTICLE_BODY_SYNC_LIMIT (32 * 1024)

GtkWidget *kh_article_body_new             (void);
void       kh_article_body_set_image_cache (KhArticleBody      *self,
                                            KhImageCache       *cache);
void       kh_article_body_set_justify     (KhArticleBody      *self,
                                            gboolean            justify);
gboolean   kh_article_body_get_justify     (KhArticleBody      *self);
void       kh_article_body_show_html       (KhArticleBody      *self,
                                            const char         *html,
                                            const char         *base_uri,
                                            const char         *feed_uri,
                                            GtkTextDirection    fallback);
void       kh_article_body_show_paragraphs (KhArticleBody      *self,
                                            const char * const *paragraphs,
                                            GtkTextDirection    fallback);
void       kh_article_body_clear           (KhArticleBody      *self);
gboolean   kh_article_body_get_busy        (KhArticleBody      *self);

gboolean   kh_article_body_link_is_allowed (const char         *uri);

G_END_DECLS
