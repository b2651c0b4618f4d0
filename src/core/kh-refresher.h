/* kh-refresher.h: keeps one endpoint fresh, politely
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kh-feed.h"
#include "kh-fetcher.h"
#include "kh-response.h"

G_BEGIN_DECLS

#define KH_TYPE_REFRESHER (kh_refresher_get_type ())

G_DECLARE_FINAL_TYPE (KhRefresher, kh_refresher, KH, REFRESHER, GObject)

#define KH_REFRESHER_DEFAULT_INTERVAL 60
#define KH_REFRESHER_MINIMUM_INTERVAL 15
#define KH_REFRESHER_FIRST_BACKOFF    15
#define KH_REFRESHER_MAXIMUM_BACKOFF  (15 * 60)

KhRefresher *kh_refresher_new                (KhFetcher   *fetcher,
                                              const char  *uri);
const char  *kh_refresher_get_uri            (KhRefresher *self);
guint        kh_refresher_get_interval       (KhRefresher *self);
void         kh_refresher_set_interval       (KhRefresher *self,
                                              guint        seconds);
gboolean     kh_refresher_get_background     (KhRefresher *self);
void         kh_refresher_set_background     (KhRefresher *self,
                                              gboolean     background);
void         kh_refresher_set_validators     (KhRefresher *self,
                                              const char  *etag,
                                              const char  *last_modified);
const char  *kh_refresher_get_etag           (KhRefresher *self);
gboolean     kh_refresher_get_busy           (KhRefresher *self);
gboolean     kh_refresher_get_offline        (KhRefresher *self);
guint        kh_refresher_get_failures       (KhRefresher *self);
guint        kh_refresher_get_next_delay     (KhRefresher *self);
gint64       kh_refresher_get_next_attempt   (KhRefresher *self);
void         kh_refresher_start              (KhRefresher *self);
void         kh_refresher_refresh            (KhRefresher *self);
void         kh_refresher_stop               (KhRefresher *self);

guint        kh_refresher_compute_backoff    (guint        failures,
                                              gint64       retry_after);

G_END_DECLS
