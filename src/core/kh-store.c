/* kh-store.c
 *
 * One SQLite database holds every item read and the reader's state.  WAL
 * mode with synchronous=NORMAL: a committed transaction survives the
 * process being killed at any moment.  Each refresh is merged in one
 * transaction, every statement is prepared with bound parameters, and the
 * schema carries a version so later releases can migrate it.
 *
 * The asynchronous calls all run in one thread of the store's own, in the
 * order they were made, so the UI never waits on the disk and writes never
 * race each other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "kh-error.h"
#include "kh-item-codec.h"
#include "kh-store.h"

struct _KhStore
{
  GObject      parent_instance;

  char        *path;
  sqlite3     *db;
  GThreadPool *pool;

  GMutex       notice_lock;
  char        *recovery_notice;
};

G_DEFINE_FINAL_TYPE (KhStore, kh_store, G_TYPE_OBJECT)

/* Set while a store's worker thread runs a job: the last reference to a
 * store can be dropped there, and that thread must not wait for itself. */
static GPrivate in_worker;

/* Each entry takes the schema from version N to N + 1; never edit one that
 * has shipped, add another. */
static const char * const migrations[] = {
  "CREATE TABLE feeds ("
  "  uri TEXT PRIMARY KEY NOT NULL,"
  "  title TEXT,"
  "  etag TEXT,"
  "  last_modified TEXT,"
  "  last_success INTEGER NOT NULL DEFAULT 0,"
  "  seen_mark INTEGER NOT NULL DEFAULT 0);"
  "CREATE TABLE items ("
  "  feed TEXT NOT NULL,"
  "  id TEXT NOT NULL,"
  "  published INTEGER,"
  "  hash TEXT NOT NULL,"
  "  content TEXT NOT NULL,"
  "  first_seen INTEGER NOT NULL,"
  "  last_seen INTEGER NOT NULL,"
  "  read INTEGER NOT NULL DEFAULT 0,"
  "  starred INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (feed, id));"
  "CREATE INDEX items_by_date ON items (feed, published DESC);"
  "CREATE INDEX items_by_last_seen ON items (last_seen) WHERE starred = 0;",
};

void
kh_stored_feed_free (KhStoredFeed *stored)
{
  if (stored == NULL)
    return;
  g_clear_pointer (&stored->items, g_ptr_array_unref);
  g_free (stored->title);
  g_free (stored->etag);
  g_free (stored->last_modified);
  g_free (stored);
}

static gboolean
is_damage (int code)
{
  code &= 0xff;
  return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
}

/*
 * SQLite says SQLITE_FULL only when a write came up short; a write that
 * failed outright for want of room (no space, a quota, a file size limit)
 * is an I/O error to it.  Its errno tells which, but SQLite keeps it only
 * on some paths: the thread's errno, taken before anything else runs,
 * stands in.
 */
static int
errno_of_full_disk (sqlite3 *db,
                    int      code,
                    int      saved_errno)
{
  int system_errno;

  if ((code & 0xff) != SQLITE_IOERR)
    return 0;
  system_errno = db ? sqlite3_system_errno (db) : 0;
  if (system_errno == 0)
    system_errno = saved_errno;
  if (system_errno == ENOSPC || system_errno == EDQUOT || system_errno == EFBIG)
    return system_errno;
  return 0;
}

static void
set_sqlite_error (sqlite3     *db,
                  int          code,
                  const char  *path,
                  GError     **error)
{
  int saved_errno = errno;
  const char *reason = db ? sqlite3_errmsg (db) : sqlite3_errstr (code);
  int full_errno = errno_of_full_disk (db, code, saved_errno);

  if (full_errno == EDQUOT || full_errno == EFBIG)
    {
      g_set_error (error, KH_STORE_ERROR, KH_STORE_ERROR_FULL,
                   _("There is no room for the saved items in %s to grow (%s)"), path,
                   g_strerror (full_errno));
      return;
    }

  switch (full_errno == ENOSPC ? SQLITE_FULL : code & 0xff)
    {
    case SQLITE_FULL:
      g_set_error (error, KH_STORE_ERROR, KH_STORE_ERROR_FULL,
                   _("The disk is full, so the saved items could not be updated (%s)"), path);
      break;

    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, KH_STORE_ERROR, KH_STORE_ERROR_CORRUPT,
                   _("The saved items in %s are damaged: %s"), path, reason);
      break;

    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      g_set_error (error, KH_STORE_ERROR, KH_STORE_ERROR_OPEN,
                   _("The saved items in %s cannot be opened: %s"), path, reason);
      break;

    default:
      g_set_error (error, KH_STORE_ERROR, KH_STORE_ERROR_FAILED,
                   _("The saved items in %s could not be updated: %s"), path, reason);
    }
}

static gboolean
check (KhStore  *self,
       int       code,
       GError  **error)
{
  if (code == SQLITE_OK || code == SQLITE_DONE || code == SQLITE_ROW)
    return TRUE;
  set_sqlite_error (self->db, code, self->path, error);
  return FALSE;
}

static gboolean
exec (KhStore     *self,
      const char  *sql,
      GError     **error)
{
  return check (self, sqlite3_exec (self->db, sql, NULL, NULL, NULL), error);
}

static sqlite3_stmt *
prepare (KhStore     *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *statement = NULL;

  if (!check (self, sqlite3_prepare_v2 (self->db, sql, -1, &statement, NULL), error))
    return NULL;
  return statement;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

static void
bind_text (sqlite3_stmt *statement,
           int           index,
           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (statement, index);
  else
    sqlite3_bind_text (statement, index, text, -1, SQLITE_TRANSIENT);
}

static gboolean
step_done (KhStore       *self,
           sqlite3_stmt  *statement,
           GError       **error)
{
  int code = sqlite3_step (statement);

  sqlite3_reset (statement);
  sqlite3_clear_bindings (statement);
  return check (self, code == SQLITE_ROW ? SQLITE_DONE : code, error);
}

static int
read_schema_version (KhStore  *self,
                     GError  **error)
{
  g_autoptr(sqlite3_stmt) statement = prepare (self, "PRAGMA user_version", error);
  int code;

  if (statement == NULL)
    return -1;
  code = sqlite3_step (statement);
  if (code != SQLITE_ROW)
    {
      check (self, code, error);
      return -1;
    }
  return sqlite3_column_int (statement, 0);
}

static gboolean
migrate (KhStore  *self,
         GError  **error)
{
  int version = read_schema_version (self, error);

  if (version < 0)
    return FALSE;
  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, KH_STORE_ERROR, KH_STORE_ERROR_OPEN,
                   _("The saved items in %s were written by a newer version of Khabar"), self->path);
      return FALSE;
    }

  for (; version < (int) G_N_ELEMENTS (migrations); version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!exec (self, migrations[version], error) || !exec (self, bump, error))
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
      if (!exec (self, "COMMIT", error))
        return FALSE;
    }
  return TRUE;
}

static void
close_database (KhStore *self)
{
  g_clear_pointer (&self->db, sqlite3_close_v2);
}

static gboolean
try_open (KhStore  *self,
          int      *code,
          GError  **error)
{
  *code = sqlite3_open_v2 (self->path, &self->db,
                           SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, NULL);
  if (*code == SQLITE_OK)
    {
      sqlite3_extended_result_codes (self->db, TRUE);
      sqlite3_busy_timeout (self->db, 5000);
      *code = sqlite3_exec (self->db,
                            "PRAGMA journal_mode = WAL;"
                            "PRAGMA synchronous = NORMAL;"
                            "PRAGMA secure_delete = OFF;",
                            NULL, NULL, NULL);
    }

  if (*code != SQLITE_OK)
    {
      set_sqlite_error (self->db, *code, self->path, error);
      close_database (self);
      return FALSE;
    }

  if (!migrate (self, error))
    {
      *code = sqlite3_errcode (self->db);
      close_database (self);
      return FALSE;
    }
  return TRUE;
}

/* A damaged database is kept for whoever wants to look at it, under a name
 * that says when it was set aside, and a fresh one takes its place. */
/* A name beside the database that no earlier damaged copy has taken. */
static char *
find_aside_name (KhStore *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  char *aside = g_strdup_printf ("%s.damaged-%s", self->path, stamp);

  for (guint i = 2; g_file_test (aside, G_FILE_TEST_EXISTS); i++)
    {
      g_free (aside);
      aside = g_strdup_printf ("%s.damaged-%s-%u", self->path, stamp, i);
    }
  return aside;
}

/* A damaged database is kept for whoever wants to look at it, under a name
 * that says when it was set aside, and a fresh one takes its place. */
static void
move_aside (KhStore *self)
{
  g_autofree char *aside = find_aside_name (self);
  const char *suffixes[] = { "-wal", "-shm" };

  if (g_rename (self->path, aside) != 0)
    g_unlink (self->path);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (self->path, suffixes[i], NULL);
      g_autofree char *side_aside = g_strconcat (aside, suffixes[i], NULL);

      if (g_file_test (side, G_FILE_TEST_EXISTS) && g_rename (side, side_aside) != 0)
        g_unlink (side);
    }

  g_mutex_lock (&self->notice_lock);
  g_free (self->recovery_notice);
  self->recovery_notice = g_strdup_printf (_("The saved items were damaged and have been set aside as %s. "
                                             "A new store was started."), aside);
  g_mutex_unlock (&self->notice_lock);
}

static gboolean
ensure_open (KhStore  *self,
             GError  **error)
{
  g_autofree char *directory = NULL;
  g_autoptr(GError) local_error = NULL;
  int code;

  if (self->db != NULL)
    return TRUE;

  directory = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, KH_STORE_ERROR, KH_STORE_ERROR_OPEN,
                   _("The folder %s cannot be created: %s"), directory, g_strerror (saved_errno));
      return FALSE;
    }

  if (try_open (self, &code, &local_error))
    return TRUE;
  if (!is_damage (code))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  move_aside (self);
  return try_open (self, &code, error);
}

/* Damage found while working: set the file aside now, so the next call
 * starts afresh instead of failing forever. */
static void
recover_if_damaged (KhStore      *self,
                    const GError *error)
{
  if (!g_error_matches (error, KH_STORE_ERROR, KH_STORE_ERROR_CORRUPT))
    return;
  close_database (self);
  move_aside (self);
}

static void
kh_store_finalize (GObject *object)
{
  KhStore *self = (KhStore *) object;

  /* No job can be queued any more: each holds a reference to the store. */
  if (self->pool != NULL)
    g_thread_pool_free (self->pool, FALSE, g_private_get (&in_worker) != self);
  close_database (self);
  g_free (self->path);
  g_free (self->recovery_notice);
  g_mutex_clear (&self->notice_lock);

  G_OBJECT_CLASS (kh_store_parent_class)->finalize (object);
}

static void
kh_store_class_init (KhStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kh_store_finalize;
}

static void
kh_store_init (KhStore *self)
{
  g_mutex_init (&self->notice_lock);
}

/**
 * kh_store_new:
 * @path: the database file; created, with its folder, when first used
 *
 * Nothing is read or written until the first call.
 */
KhStore *
kh_store_new (const char *path)
{
  KhStore *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (KH_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  return self;
}

/* $XDG_DATA_HOME/khabar/khabar.db */
char *
kh_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "khabar", "khabar.db", NULL);
}

const char *
kh_store_get_path (KhStore *self)
{
  g_return_val_if_fail (KH_IS_STORE (self), NULL);
  return self->path;
}

/**
 * kh_store_take_recovery_notice:
 *
 * Returns: (nullable): a sentence for the reader when a damaged database
 *   was set aside since the last call
 */
char *
kh_store_take_recovery_notice (KhStore *self)
{
  char *notice;

  g_return_val_if_fail (KH_IS_STORE (self), NULL);

  g_mutex_lock (&self->notice_lock);
  notice = g_steal_pointer (&self->recovery_notice);
  g_mutex_unlock (&self->notice_lock);
  return notice;
}

void
kh_store_close (KhStore *self)
{
  g_return_if_fail (KH_IS_STORE (self));
  close_database (self);
}

static KhItem *
read_item (sqlite3_stmt *statement)
{
  const char *content = (const char *) sqlite3_column_text (statement, 0);
  KhItem *item;

  if (content == NULL)
    return NULL;
  item = kh_item_new_from_json_string (content, NULL);
  if (item == NULL)
    return NULL;
  kh_item_set_content_hash (item, (const char *) sqlite3_column_text (statement, 1));
  kh_item_set_read (item, sqlite3_column_int (statement, 2));
  kh_item_set_starred (item, sqlite3_column_int (statement, 3));
  return item;
}

/* The newest @limit items, all of them when @limit is 0. */
static gboolean
load_items (KhStore      *self,
            const char   *feed_uri,
            guint         limit,
            KhStoredFeed *stored,
            GError      **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;
  int code;

  statement = prepare (self, "SELECT content, hash, read, starred FROM items "
                             "WHERE feed = ?1 ORDER BY published DESC LIMIT ?2", error);
  if (statement == NULL)
    return FALSE;
  bind_text (statement, 1, feed_uri);
  sqlite3_bind_int64 (statement, 2, limit > 0 ? (sqlite3_int64) limit : -1);

  while ((code = sqlite3_step (statement)) == SQLITE_ROW)
    {
      KhItem *item = read_item (statement);

      /* A row that no longer reads is skipped, not fatal. */
      if (item != NULL)
        g_ptr_array_add (stored->items, item);
    }
  kh_item_sort_newest_first (stored->items);
  return check (self, code, error);
}

static gboolean
load_feed_row (KhStore      *self,
               const char   *feed_uri,
               KhStoredFeed *stored,
               GError      **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;
  int code;

  statement = prepare (self, "SELECT title, etag, last_modified, last_success FROM feeds "
                             "WHERE uri = ?1", error);
  if (statement == NULL)
    return FALSE;
  bind_text (statement, 1, feed_uri);

  code = sqlite3_step (statement);
  if (code == SQLITE_ROW)
    {
      stored->title = g_strdup ((const char *) sqlite3_column_text (statement, 0));
      stored->etag = g_strdup ((const char *) sqlite3_column_text (statement, 1));
      stored->last_modified = g_strdup ((const char *) sqlite3_column_text (statement, 2));
      stored->last_success = sqlite3_column_int64 (statement, 3);
    }
  return check (self, code, error);
}

/**
 * kh_store_load:
 *
 * Returns: (transfer full): what is stored of @feed_uri; no items when
 *   nothing is
 */
KhStoredFeed *
kh_store_load (KhStore     *self,
               const char  *feed_uri,
               GError     **error)
{
  return kh_store_load_newest (self, feed_uri, 0, error);
}

/**
 * kh_store_load_newest:
 * @limit: how many items at most, 0 for all
 *
 * kh_store_load() of the newest @limit items only: a window shows them
 * while the rest of a large store is read.
 */
KhStoredFeed *
kh_store_load_newest (KhStore     *self,
                      const char  *feed_uri,
                      guint        limit,
                      GError     **error)
{
  g_autoptr(KhStoredFeed) stored = g_new0 (KhStoredFeed, 1);
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (KH_IS_STORE (self), NULL);
  g_return_val_if_fail (feed_uri != NULL, NULL);

  stored->items = g_ptr_array_new_with_free_func (g_object_unref);
  if (!ensure_open (self, error))
    return NULL;
  if (!load_feed_row (self, feed_uri, stored, &local_error) ||
      !load_items (self, feed_uri, limit, stored, &local_error))
    {
      recover_if_damaged (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return g_steal_pointer (&stored);
}

typedef struct
{
  sqlite3_stmt *find;
  sqlite3_stmt *insert;
  sqlite3_stmt *update;
  sqlite3_stmt *touch;
} MergeStatements;

static void
merge_statements_clear (MergeStatements *statements)
{
  g_clear_pointer (&statements->find, sqlite3_finalize);
  g_clear_pointer (&statements->insert, sqlite3_finalize);
  g_clear_pointer (&statements->update, sqlite3_finalize);
  g_clear_pointer (&statements->touch, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MergeStatements, merge_statements_clear)

static gboolean
prepare_merge (KhStore          *self,
               MergeStatements  *statements,
               GError          **error)
{
  statements->find = prepare (self, "SELECT hash FROM items WHERE feed = ?1 AND id = ?2", error);
  if (statements->find == NULL)
    return FALSE;
  statements->insert = prepare (self, "INSERT INTO items (feed, id, published, hash, content, "
                                      "first_seen, last_seen) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)", error);
  if (statements->insert == NULL)
    return FALSE;
  statements->update = prepare (self, "UPDATE items SET published = ?3, hash = ?4, content = ?5, "
                                      "last_seen = ?6 WHERE feed = ?1 AND id = ?2", error);
  if (statements->update == NULL)
    return FALSE;
  statements->touch = prepare (self, "UPDATE items SET last_seen = ?3 WHERE feed = ?1 AND id = ?2", error);
  return statements->touch != NULL;
}

typedef enum
{
  FOUND_NONE,
  FOUND_SAME,
  FOUND_OTHER,
} Found;

static Found
find_stored (KhStore         *self,
             MergeStatements *statements,
             const char      *feed_uri,
             KhItem          *item,
             GError         **error)
{
  sqlite3_stmt *find = statements->find;
  Found found = FOUND_NONE;
  int code;

  bind_text (find, 1, feed_uri);
  bind_text (find, 2, kh_item_get_id (item));
  code = sqlite3_step (find);
  if (code == SQLITE_ROW)
    found = g_strcmp0 ((const char *) sqlite3_column_text (find, 0),
                       kh_item_get_content_hash (item)) == 0 ? FOUND_SAME : FOUND_OTHER;
  sqlite3_reset (find);
  sqlite3_clear_bindings (find);
  if (!check (self, code, error))
    return -1;
  return found;
}

static gboolean
write_item (KhStore         *self,
            sqlite3_stmt    *statement,
            const char      *feed_uri,
            KhItem          *item,
            gint64           now,
            GError         **error)
{
  GDateTime *published = kh_item_get_published (item);
  g_autofree char *content = kh_item_to_json_string (item);

  bind_text (statement, 1, feed_uri);
  bind_text (statement, 2, kh_item_get_id (item));
  if (published != NULL)
    sqlite3_bind_int64 (statement, 3, g_date_time_to_unix (published));
  else
    sqlite3_bind_null (statement, 3);
  bind_text (statement, 4, kh_item_get_content_hash (item));
  bind_text (statement, 5, content);
  sqlite3_bind_int64 (statement, 6, now);
  return step_done (self, statement, error);
}

static gboolean
touch_item (KhStore         *self,
            MergeStatements *statements,
            const char      *feed_uri,
            KhItem          *item,
            gint64           now,
            GError         **error)
{
  bind_text (statements->touch, 1, feed_uri);
  bind_text (statements->touch, 2, kh_item_get_id (item));
  sqlite3_bind_int64 (statements->touch, 3, now);
  return step_done (self, statements->touch, error);
}

static gboolean
merge_item (KhStore         *self,
            MergeStatements *statements,
            const char      *feed_uri,
            KhItem          *item,
            gint64           now,
            KhMergeStats    *stats,
            GError         **error)
{
  switch ((int) find_stored (self, statements, feed_uri, item, error))
    {
    case FOUND_NONE:
      stats->added++;
      return write_item (self, statements->insert, feed_uri, item, now, error);

    case FOUND_OTHER:
      stats->changed++;
      return write_item (self, statements->update, feed_uri, item, now, error);

    case FOUND_SAME:
      stats->unchanged++;
      return touch_item (self, statements, feed_uri, item, now, error);

    default:
      return FALSE;
    }
}

static gboolean
save_feed_row (KhStore           *self,
               const char        *feed_uri,
               const char        *title,
               const KhResponse  *response,
               gint64             now,
               GError           **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;

  statement = prepare (self, "INSERT INTO feeds (uri, title, etag, last_modified, last_success, seen_mark) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?5) ON CONFLICT (uri) DO UPDATE SET "
                             "title = excluded.title, etag = excluded.etag, "
                             "last_modified = excluded.last_modified, "
                             "last_success = excluded.last_success, seen_mark = excluded.seen_mark",
                       error);
  if (statement == NULL)
    return FALSE;
  bind_text (statement, 1, feed_uri);
  bind_text (statement, 2, title);
  bind_text (statement, 3, response ? response->etag : NULL);
  bind_text (statement, 4, response ? response->last_modified : NULL);
  sqlite3_bind_int64 (statement, 5, now);
  return step_done (self, statement, error);
}

static gboolean
merge_in_transaction (KhStore           *self,
                      const char        *feed_uri,
                      KhFeed            *feed,
                      const KhResponse  *response,
                      gboolean           older_page,
                      gint64             now,
                      KhMergeStats      *stats,
                      GError           **error)
{
  g_auto(MergeStatements) statements = { NULL, };
  GPtrArray *items = kh_feed_get_items (feed);

  if (!prepare_merge (self, &statements, error))
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    if (!merge_item (self, &statements, feed_uri, items->pdata[i], now, stats, error))
      return FALSE;
  /* A page of older items says nothing about the feed itself. */
  if (older_page)
    return TRUE;
  return save_feed_row (self, feed_uri, kh_feed_get_title (feed), response, now, error);
}

static gboolean
commit_or_roll_back (KhStore   *self,
                     gboolean   succeeded,
                     GError   **error)
{
  if (succeeded && exec (self, "COMMIT", error))
    return TRUE;
  exec (self, "ROLLBACK", NULL);
  return FALSE;
}

static gboolean
merge_feed (KhStore           *self,
            const char        *feed_uri,
            KhFeed            *feed,
            const KhResponse  *response,
            gboolean           older_page,
            gint64             now,
            KhMergeStats      *stats,
            GError           **error)
{
  KhMergeStats counted = { 0, };
  g_autoptr(GError) local_error = NULL;
  gboolean merged;

  if (!ensure_open (self, error))
    return FALSE;
  merged = exec (self, "BEGIN IMMEDIATE", &local_error) &&
           commit_or_roll_back (self,
                                merge_in_transaction (self, feed_uri, feed, response, older_page,
                                                      now, &counted, &local_error),
                                &local_error);
  if (!merged)
    {
      recover_if_damaged (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (stats != NULL)
    *stats = counted;
  return TRUE;
}

/**
 * kh_store_merge:
 * @response: (nullable): the answer @feed came with, whose validators are
 *   kept for the next conditional request
 * @now: seconds since the epoch
 * @stats: (out) (optional): how many items were added, changed and unchanged
 *
 * Adds the new items of @feed and replaces those whose content changed, all
 * in one transaction.  Items no longer in @feed stay.
 */
gboolean
kh_store_merge (KhStore           *self,
                const char        *feed_uri,
                KhFeed            *feed,
                const KhResponse  *response,
                gint64             now,
                KhMergeStats      *stats,
                GError           **error)
{
  g_return_val_if_fail (KH_IS_STORE (self), FALSE);
  g_return_val_if_fail (KH_IS_FEED (feed), FALSE);

  return merge_feed (self, feed_uri, feed, response, FALSE, now, stats, error);
}

/**
 * kh_store_merge_older:
 * @page: a page of older items of the feed at @feed_uri (JSON Feed's
 *   next_url)
 *
 * Like kh_store_merge(), but the feed's own title, validators and last
 * success are left as they are.
 */
gboolean
kh_store_merge_older (KhStore       *self,
                      const char    *feed_uri,
                      KhFeed        *page,
                      gint64         now,
                      KhMergeStats  *stats,
                      GError       **error)
{
  g_return_val_if_fail (KH_IS_STORE (self), FALSE);
  g_return_val_if_fail (KH_IS_FEED (page), FALSE);

  return merge_feed (self, feed_uri, page, NULL, TRUE, now, stats, error);
}

/* Runs one statement with up to four parameters; those it does not use are
 * ignored (SQLite refuses to bind them, harmlessly). */
static gboolean
run_statement (KhStore     *self,
               const char  *sql,
               const char  *text1,
               const char  *text2,
               gint64       number3,
               gint64       number4,
               GError     **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!ensure_open (self, error))
    return FALSE;
  statement = prepare (self, sql, &local_error);
  if (statement != NULL)
    {
      bind_text (statement, 1, text1);
      bind_text (statement, 2, text2);
      sqlite3_bind_int64 (statement, 3, number3);
      sqlite3_bind_int64 (statement, 4, number4);
      if (step_done (self, statement, &local_error))
        return TRUE;
    }
  recover_if_damaged (self, local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * kh_store_mark_unchanged:
 *
 * Records a 304 answer: the items of the last full answer are still
 * current, so they are seen again now.
 */
gboolean
kh_store_mark_unchanged (KhStore     *self,
                         const char  *feed_uri,
                         gint64       now,
                         GError     **error)
{
  g_return_val_if_fail (KH_IS_STORE (self), FALSE);

  return run_statement (self,
                        "UPDATE items SET last_seen = ?3 WHERE feed = ?1 AND last_seen = "
                        "(SELECT seen_mark FROM feeds WHERE uri = ?1)",
                        feed_uri, NULL, now, 0, error) &&
         run_statement (self,
                        "UPDATE feeds SET last_success = ?3, seen_mark = ?3 "
                        "WHERE uri = ?1",
                        feed_uri, NULL, now, 0, error);
}

gboolean
kh_store_save_state (KhStore     *self,
                     const char  *feed_uri,
                     const char  *id,
                     gboolean     read,
                     gboolean     starred,
                     GError     **error)
{
  g_return_val_if_fail (KH_IS_STORE (self), FALSE);

  return run_statement (self, "UPDATE items SET read = ?3, starred = ?4 WHERE feed = ?1 AND id = ?2",
                        feed_uri, id, !!read, !!starred, error);
}

gboolean
kh_store_mark_all_read (KhStore     *self,
                        const char  *feed_uri,
                        GError     **error)
{
  g_return_val_if_fail (KH_IS_STORE (self), FALSE);

  return run_statement (self, "UPDATE items SET read = 1 WHERE feed = ?1",
                        feed_uri, NULL, 0, 0, error);
}

/**
 * kh_store_prune:
 * @seen_before: seconds since the epoch
 *
 * Forgets the items no feed has carried since @seen_before, except starred
 * ones, which are kept until unstarred.
 */
gboolean
kh_store_prune (KhStore  *self,
                gint64    seen_before,
                guint    *n_removed,
                GError  **error)
{
  g_return_val_if_fail (KH_IS_STORE (self), FALSE);

  if (!run_statement (self, "DELETE FROM items WHERE starred = 0 AND last_seen < ?3",
                      NULL, NULL, seen_before, 0, error))
    return FALSE;
  if (n_removed != NULL)
    *n_removed = sqlite3_changes (self->db);
  return TRUE;
}

/**
 * kh_store_check_integrity:
 *
 * Returns: (nullable): SQLite's integrity report, "ok" when sound
 */
char *
kh_store_check_integrity (KhStore  *self,
                          GError  **error)
{
  g_autoptr(sqlite3_stmt) statement = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  int code;

  g_return_val_if_fail (KH_IS_STORE (self), NULL);

  if (!ensure_open (self, error))
    return NULL;
  statement = prepare (self, "PRAGMA integrity_check", error);
  if (statement == NULL)
    return NULL;
  while ((code = sqlite3_step (statement)) == SQLITE_ROW)
    {
      if (report->len > 0)
        g_string_append_c (report, '\n');
      g_string_append (report, (const char *) sqlite3_column_text (statement, 0));
    }
  if (!check (self, code, error))
    return NULL;
  return g_string_free (g_steal_pointer (&report), FALSE);
}

/* The asynchronous calls: one job description, run in the store's thread. */

typedef enum
{
  JOB_LOAD,
  JOB_MERGE,
  JOB_MERGE_OLDER,
  JOB_MARK_UNCHANGED,
  JOB_SAVE_STATE,
  JOB_MARK_ALL_READ,
  JOB_PRUNE,
} JobKind;

typedef struct
{
  JobKind       kind;
  char         *feed_uri;
  KhFeed       *feed;
  KhResponse   *response;
  char         *id;
  gboolean      read;
  gboolean      starred;
  gint64        time;
  guint         limit;
  KhMergeStats  stats;
} Job;

static void
job_free (Job *job)
{
  g_free (job->feed_uri);
  g_clear_object (&job->feed);
  g_clear_pointer (&job->response, kh_response_free);
  g_free (job->id);
  g_free (job);
}

static gboolean
run_write_job (KhStore  *self,
               Job      *job,
               GError  **error)
{
  switch (job->kind)
    {
    case JOB_MERGE:
      return kh_store_merge (self, job->feed_uri, job->feed, job->response, job->time,
                             &job->stats, error);
    case JOB_MERGE_OLDER:
      return kh_store_merge_older (self, job->feed_uri, job->feed, job->time, &job->stats, error);
    case JOB_MARK_UNCHANGED:
      return kh_store_mark_unchanged (self, job->feed_uri, job->time, error);
    case JOB_SAVE_STATE:
      return kh_store_save_state (self, job->feed_uri, job->id, job->read, job->starred, error);
    case JOB_MARK_ALL_READ:
      return kh_store_mark_all_read (self, job->feed_uri, error);
    case JOB_PRUNE:
      return kh_store_prune (self, job->time, &job->stats.changed, error);
    case JOB_LOAD:
    default:
      g_assert_not_reached ();
    }
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  g_autoptr(GTask) task = data;
  KhStore *self = user_data;
  Job *job = g_task_get_task_data (task);
  GError *error = NULL;

  g_private_set (&in_worker, self);
  if (g_task_return_error_if_cancelled (task))
    return;

  if (job->kind == JOB_LOAD)
    {
      KhStoredFeed *stored = kh_store_load_newest (self, job->feed_uri, job->limit, &error);

      if (stored == NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, stored, (GDestroyNotify) kh_stored_feed_free);
      return;
    }

  if (run_write_job (self, job, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static GTask *
new_job (KhStore             *self,
         JobKind              kind,
         const char          *feed_uri,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->feed_uri = g_strdup (feed_uri);
  g_task_set_source_tag (task, new_job);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  return task;
}

static void
push_job (KhStore *self,
          GTask   *task)
{
  if (self->pool == NULL)
    self->pool = g_thread_pool_new (run_job, self, 1, FALSE, NULL);
  g_thread_pool_push (self->pool, task, NULL);
}

void
kh_store_load_async (KhStore             *self,
                     const char          *feed_uri,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  kh_store_load_newest_async (self, feed_uri, 0, cancellable, callback, user_data);
}

/* Finished with kh_store_load_finish(). */
void
kh_store_load_newest_async (KhStore             *self,
                            const char          *feed_uri,
                            guint                limit,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (KH_IS_STORE (self));
  task = new_job (self, JOB_LOAD, feed_uri, cancellable, callback, user_data);
  ((Job *) g_task_get_task_data (task))->limit = limit;
  push_job (self, task);
}

KhStoredFeed *
kh_store_load_finish (KhStore       *self,
                      GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
queue_merge (KhStore             *self,
             JobKind              kind,
             const char          *feed_uri,
             KhFeed              *feed,
             const KhResponse    *response,
             gint64               now,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  GTask *task = new_job (self, kind, feed_uri, cancellable, callback, user_data);
  Job *job = g_task_get_task_data (task);

  job->feed = g_object_ref (feed);
  job->response = response ? kh_response_copy (response) : NULL;
  /* The validators are kept; the body, as big as the feed, need not wait
   * for the merge. */
  if (job->response != NULL)
    g_clear_pointer (&job->response->body, g_bytes_unref);
  job->time = now;
  push_job (self, task);
}

void
kh_store_merge_async (KhStore             *self,
                      const char          *feed_uri,
                      KhFeed              *feed,
                      const KhResponse    *response,
                      gint64               now,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (KH_IS_STORE (self));
  g_return_if_fail (KH_IS_FEED (feed));

  queue_merge (self, JOB_MERGE, feed_uri, feed, response, now, cancellable, callback, user_data);
}

void
kh_store_merge_older_async (KhStore             *self,
                            const char          *feed_uri,
                            KhFeed              *page,
                            gint64               now,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (KH_IS_STORE (self));
  g_return_if_fail (KH_IS_FEED (page));

  queue_merge (self, JOB_MERGE_OLDER, feed_uri, page, NULL, now, cancellable, callback, user_data);
}

void
kh_store_mark_unchanged_async (KhStore             *self,
                               const char          *feed_uri,
                               gint64               now,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (KH_IS_STORE (self));

  task = new_job (self, JOB_MARK_UNCHANGED, feed_uri, cancellable, callback, user_data);
  ((Job *) g_task_get_task_data (task))->time = now;
  push_job (self, task);
}

/* Saves whether @item is read and starred, as it is now. */
void
kh_store_save_state_async (KhStore             *self,
                           const char          *feed_uri,
                           KhItem              *item,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  Job *job;

  g_return_if_fail (KH_IS_STORE (self));
  g_return_if_fail (KH_IS_ITEM (item));

  task = new_job (self, JOB_SAVE_STATE, feed_uri, cancellable, callback, user_data);
  job = g_task_get_task_data (task);
  job->id = g_strdup (kh_item_get_id (item));
  job->read = kh_item_get_read (item);
  job->starred = kh_item_get_starred (item);
  push_job (self, task);
}

void
kh_store_mark_all_read_async (KhStore             *self,
                              const char          *feed_uri,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (KH_IS_STORE (self));
  push_job (self, new_job (self, JOB_MARK_ALL_READ, feed_uri, cancellable, callback, user_data));
}

void
kh_store_prune_async (KhStore             *self,
                      gint64               seen_before,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (KH_IS_STORE (self));

  task = new_job (self, JOB_PRUNE, NULL, cancellable, callback, user_data);
  ((Job *) g_task_get_task_data (task))->time = seen_before;
  push_job (self, task);
}

/**
 * kh_store_write_finish:
 * @stats: (out) (optional): for a merge, what it did; for a prune, the
 *   number of items removed is in @stats->changed
 */
gboolean
kh_store_write_finish (KhStore       *self,
                       GAsyncResult  *result,
                       KhMergeStats  *stats,
                       GError       **error)
{
  Job *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (stats != NULL)
    *stats = job->stats;
  return g_task_propagate_boolean (G_TASK (result), error);
}
