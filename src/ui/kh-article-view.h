/* kh-article-view.h: one item read in full
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "kh-image-cache.h"
#include "kh-item.h"

G_BEGIN_DECLS

#define KH_TYPE_ARTICLE_VIEW (kh_article_view_get_type ())

G_DECLARE_FINAL_TYPE (KhArticleView, kh_article_view, KH, ARTICLE_VIEW, GtkWidget)

KhItem    *kh_article_view_get_item          (KhArticleView *self);
void       kh_article_view_set_item          (KhArticleView *self,
                                              KhItem        *item,
                                              const char    *feed_uri);
void       kh_article_view_set_image_cache   (KhArticleView *self,
                                              KhImageCache  *cache);
void       kh_article_view_set_maximum_width (KhArticleView *self,
                                              int            width);

void       kh_article_view_set_justify       (KhArticleView *self,
                                              gboolean       justify);
gboolean   kh_article_view_get_justify       (KhArticleView *self);

G_END_DECLS
