/* kh-store.h: every item seen and the reader's state, in SQLite
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kh-feed.h"
#include "kh-response.h"

G_BEGIN_DECLS

#define KH_TYPE_STORE (kh_store_get_type ())

G_DECLARE_FINAL_TYPE (KhStore, kh_store, KH, STORE, GObject)

/**
 * KhStoredFeed:
 * @items: (element-type KhItem): every stored item of the feed, newest first
 * @title: (nullable): the feed's title when last read
 * @etag: (nullable): validators of the last full answer
 * @last_modified: (nullable):
 * @last_success: when the feed was last read or confirmed unchanged, in
 *   seconds since the epoch; 0 when never
 */
typedef struct
{
  GPtrArray *items;
  char      *title;
  char      *etag;
  char      *last_modified;
  gint64     last_success;
} KhStoredFeed;

void kh_stored_feed_free (KhStoredFeed *stored);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KhStoredFeed, kh_stored_feed_free)

typedef struct
{
  guint added;
  guint changed;
  guint unchanged;
} KhMergeStats;

KhStore      *kh_store_new                  (const char          *path);
char         *kh_store_get_default_path     (void);
const char   *kh_store_get_path             (KhStore             *self);
char         *kh_store_take_recovery_notice (KhStore             *self);

/* Synchronous calls: from one thread at a time, never the UI's. */
KhStoredFeed *kh_store_load                 (KhStore             *self,
                                             const char          *feed_uri,
                                             GError             **error);
KhStoredFeed *kh_store_load_newest          (KhStore             *self,
                                             const char          *feed_uri,
                                             guint                limit,
                                             GError             **error);
gboolean      kh_store_merge                (KhStore             *self,
                                             const char          *feed_uri,
                                             KhFeed              *feed,
                                             const KhResponse    *response,
                                             gint64               now,
                                             KhMergeStats        *stats,
                                             GError             **error);
gboolean      kh_store_merge_older          (KhStore             *self,
                                             const char          *feed_uri,
                                             KhFeed              *page,
                                             gint64               now,
                                             KhMergeStats        *stats,
                                             GError             **error);
gboolean      kh_store_mark_unchanged       (KhStore             *self,
                                             const char          *feed_uri,
                                             gint64               now,
                                             GError             **error);
gboolean      kh_store_save_state           (KhStore             *self,
                                             const char          *feed_uri,
                                             const char          *id,
                                             gboolean             read,
                                             gboolean             starred,
                                             GError             **error);
gboolean      kh_store_mark_all_read        (KhStore             *self,
                                             const char          *feed_uri,
                                             GError             **error);
gboolean      kh_store_prune                (KhStore             *self,
                                             gint64               seen_before,
                                             guint               *n_removed,
                                             GError             **error);
char         *kh_store_check_integrity      (KhStore             *self,
                                             GError             **error);
void          kh_store_close                (KhStore             *self);

/* The same, run in order in the store's own thread. */
void          kh_store_load_async           (KhStore             *self,
                                             const char          *feed_uri,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void          kh_store_load_newest_async    (KhStore             *self,
                                             const char          *feed_uri,
                                             guint                limit,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
KhStoredFeed *kh_store_load_finish          (KhStore             *self,
                                             GAsyncResult        *result,
                                             GError             **error);
void          kh_store_merge_async          (KhStore             *self,
                                             const char          *feed_uri,
                                             KhFeed              *feed,
                                             const KhResponse    *response,
                                             gint64               now,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void          kh_store_merge_older_async    (KhStore             *self,
                                             const char          *feed_uri,
                                             KhFeed              *page,
                                             gint64               now,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void          kh_store_mark_unchanged_async (KhStore             *self,
                                             const char          *feed_uri,
                                             gint64               now,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void          kh_store_save_state_async     (KhStore             *self,
                                             const char          *feed_uri,
                                             KhItem              *item,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void          kh_store_mark_all_read_async  (KhStore             *self,
                                             const char          *feed_uri,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
void          kh_store_prune_async          (KhStore             *self,
                                             gint64               seen_before,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
gboolean      kh_store_write_finish         (KhStore             *self,
                                             GAsyncResult        *result,
                                             KhMergeStats        *stats,
                                             GError             **error);

G_END_DECLS
