/* kh-feed.h: a parsed feed, its items newest first
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kh-item.h"

G_BEGIN_DECLS

#define KH_TYPE_FEED (kh_feed_get_type ())

G_DECLARE_FINAL_TYPE (KhFeed, kh_feed, KH, FEED, GObject)

/* A feed keeps this many problems, each cut to this many characters. */
#define KH_FEED_MAX_PROBLEMS       100
#define KH_FEED_MAX_PROBLEM_CHARS  300

typedef enum
{
  KH_COVERAGE_STATE_UNKNOWN,
  KH_COVERAGE_STATE_LIVE,
  KH_COVERAGE_STATE_ENDED,
} KhCoverageState;

KhFeed             *kh_feed_new                (void);
const char         *kh_feed_get_title          (KhFeed     *self);
void                kh_feed_set_title          (KhFeed     *self,
                                                const char *title);
const char         *kh_feed_get_home_page_url  (KhFeed     *self);
void                kh_feed_set_home_page_url  (KhFeed     *self,
                                                const char *url);
const char         *kh_feed_get_language       (KhFeed     *self);
void                kh_feed_set_language       (KhFeed     *self,
                                                const char *language);
GPtrArray          *kh_feed_get_items          (KhFeed     *self);
guint               kh_feed_get_n_items        (KhFeed     *self);
KhItem             *kh_feed_get_item           (KhFeed     *self,
                                                guint       position);
void                kh_feed_add_item           (KhFeed     *self,
                                                KhItem     *item);
void                kh_feed_sort               (KhFeed     *self);
guint               kh_feed_get_n_skipped      (KhFeed     *self);
const char * const *kh_feed_get_problems       (KhFeed     *self);
void                kh_feed_add_problem        (KhFeed     *self,
                                                gboolean    item_skipped,
                                                const char *format,
                                                ...) G_GNUC_PRINTF (3, 4);
void                kh_feed_add_skipped        (KhFeed     *self,
                                                guint       n_skipped);

const char         *kh_feed_get_format         (KhFeed     *self);
void                kh_feed_set_format         (KhFeed     *self,
                                                const char *format);
const char         *kh_feed_get_next_url       (KhFeed     *self);
void                kh_feed_set_next_url       (KhFeed     *self,
                                                const char *url);
gboolean            kh_feed_get_expired        (KhFeed     *self);
void                kh_feed_set_expired        (KhFeed     *self,
                                                gboolean    expired);
GDateTime          *kh_feed_get_coverage_start (KhFeed     *self);
void                kh_feed_set_coverage_start (KhFeed     *self,
                                                GDateTime  *start);
GDateTime          *kh_feed_get_coverage_end   (KhFeed     *self);
void                kh_feed_set_coverage_end   (KhFeed     *self,
                                                GDateTime  *end);
KhCoverageState     kh_feed_get_coverage_state (KhFeed     *self,
                                                GDateTime  *now);
const char         *kh_feed_get_icon           (KhFeed     *self);
void                kh_feed_set_icon           (KhFeed     *self,
                                                const char *icon);

G_END_DECLS
