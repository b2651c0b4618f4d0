/* kh-image-cache.c
 *
 * Web images are fetched once and kept under $XDG_CACHE_HOME/khabar/images.
 * A file's name is the SHA-256 of the image's address, never anything taken
 * from the address itself, so no feed can choose where a file is written.
 * Local images (file:, resource:) are read where they are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>

#include "kh-image-cache.h"

struct _KhImageCache
{
  GObject    parent_instance;

  KhFetcher *fetcher;
  char      *directory;
};

G_DEFINE_FINAL_TYPE (KhImageCache, kh_image_cache, G_TYPE_OBJECT)

static void
kh_image_cache_finalize (GObject *object)
{
  KhImageCache *self = (KhImageCache *) object;

  g_clear_object (&self->fetcher);
  g_free (self->directory);

  G_OBJECT_CLASS (kh_image_cache_parent_class)->finalize (object);
}

static void
kh_image_cache_class_init (KhImageCacheClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kh_image_cache_finalize;
}

static void
kh_image_cache_init (KhImageCache *self)
{
}

/**
 * kh_image_cache_new:
 * @directory: where the files go; created when the first one is written
 */
KhImageCache *
kh_image_cache_new (KhFetcher  *fetcher,
                    const char *directory)
{
  KhImageCache *self;

  g_return_val_if_fail (KH_IS_FETCHER (fetcher), NULL);
  g_return_val_if_fail (directory != NULL, NULL);

  self = g_object_new (KH_TYPE_IMAGE_CACHE, NULL);
  self->fetcher = g_object_ref (fetcher);
  self->directory = g_strdup (directory);
  return self;
}

char *
kh_image_cache_get_default_directory (void)
{
  return g_build_filename (g_get_user_cache_dir (), "khabar", "images", NULL);
}

KhFetcher *
kh_image_cache_get_fetcher (KhImageCache *self)
{
  g_return_val_if_fail (KH_IS_IMAGE_CACHE (self), NULL);
  return self->fetcher;
}

/**
 * kh_image_cache_get_path:
 *
 * Returns: (nullable): the file that holds @uri's image, or %NULL when
 *   @uri is not a web address and so is not cached
 */
char *
kh_image_cache_get_path (KhImageCache *self,
                         const char   *uri)
{
  g_autofree char *digest = NULL;

  g_return_val_if_fail (KH_IS_IMAGE_CACHE (self), NULL);

  if (!kh_fetcher_is_web_uri (uri))
    return NULL;
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
  return g_build_filename (self->directory, digest, NULL);
}

typedef struct
{
  char  *uri;
  char  *path;
  gsize  max_size;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->uri);
  g_free (data->path);
  g_free (data);
}

/* The image is written under a name of its own, then renamed: a reader
 * never finds a file that is only partly written. */
static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autofree char *path = user_data;
  g_autofree char *temporary = g_file_get_path (G_FILE (source));
  g_autoptr(GError) error = NULL;

  /* A cache that cannot be written only costs a fetch next time. */
  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    g_debug ("Could not keep an image in the cache: %s", error->message);
  else if (g_rename (temporary, path) != 0)
    g_debug ("Could not keep an image in the cache: %s", g_strerror (errno));
  else
    return;
  g_unlink (temporary);
}

static void
save (const char *path,
      GBytes     *bytes)
{
  g_autofree char *directory = g_path_get_dirname (path);
  g_autofree char *temporary = NULL;
  g_autoptr(GFile) file = NULL;

  if (g_mkdir_with_parents (directory, 0700) != 0)
    return;
  temporary = g_strdup_printf ("%s.%08x.part", path, g_random_int ());
  file = g_file_new_for_path (temporary);
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE,
                                       G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                                       NULL, saved_cb, g_strdup (path));
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bytes = kh_fetcher_fetch_finish (KH_FETCHER (source), result, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->path != NULL)
    save (data->path, bytes);
  g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

static void
fetch (GTask *task)
{
  KhImageCache *self = g_task_get_source_object (task);
  LoadData *data = g_task_get_task_data (task);

  kh_fetcher_fetch_limited_async (self->fetcher, data->uri, data->max_size,
                                  g_task_get_cancellable (task), fetched_cb, task);
}

static void
cached_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  LoadData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents_finish (G_FILE (source), result, &contents, &length, NULL, NULL) ||
      length == 0 || length > data->max_size)
    {
      g_free (contents);
      fetch (task);
      return;
    }

  bytes = g_bytes_new_take (contents, length);
  g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
  g_object_unref (task);
}

/**
 * kh_image_cache_load_async:
 * @max_size: the largest image accepted, in bytes
 *
 * The image's bytes, from the cache when they are there, otherwise from
 * the network (and then kept).
 */
void
kh_image_cache_load_async (KhImageCache        *self,
                           const char          *uri,
                           gsize                max_size,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  LoadData *data;

  g_return_if_fail (KH_IS_IMAGE_CACHE (self));
  g_return_if_fail (uri != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kh_image_cache_load_async);
  data = g_new0 (LoadData, 1);
  data->uri = g_strdup (uri);
  data->path = kh_image_cache_get_path (self, uri);
  data->max_size = max_size;
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);

  if (data->path == NULL)
    {
      fetch (task);
      return;
    }

  {
    g_autoptr(GFile) file = g_file_new_for_path (data->path);

    g_file_load_contents_async (file, cancellable, cached_cb, task);
  }
}

GBytes *
kh_image_cache_load_finish (KhImageCache  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct
{
  char   *path;
  guint64 size;
  guint64 modified;
} CachedFile;

static void
cached_file_free (CachedFile *file)
{
  g_free (file->path);
  g_free (file);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const CachedFile *file_a = *(CachedFile **) a;
  const CachedFile *file_b = *(CachedFile **) b;

  return (file_a->modified < file_b->modified) - (file_a->modified > file_b->modified);
}

static GPtrArray *
list_files (const char   *directory,
            GCancellable *cancellable)
{
  g_autoptr(GFile) folder = g_file_new_for_path (directory);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  GPtrArray *files = g_ptr_array_new_with_free_func ((GDestroyNotify) cached_file_free);
  GFileInfo *info;

  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                          G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
  while (enumerator != NULL &&
         (info = g_file_enumerator_next_file (enumerator, cancellable, NULL)) != NULL)
    {
      CachedFile *file = g_new0 (CachedFile, 1);

      file->path = g_build_filename (directory, g_file_info_get_name (info), NULL);
      file->size = g_file_info_get_size (info);
      file->modified = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
      g_ptr_array_add (files, file);
      g_object_unref (info);
    }
  return files;
}

/* Keeps the newest files that fit under the limit. */
static void
trim_in_thread (GTask        *task,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  KhImageCache *self = source;
  guint64 limit = *(guint64 *) task_data;
  g_autoptr(GPtrArray) files = list_files (self->directory, cancellable);
  guint64 total = 0;

  g_ptr_array_sort (files, compare_newest_first);
  for (guint i = 0; i < files->len; i++)
    {
      CachedFile *file = files->pdata[i];

      total += file->size;
      if (total > limit)
        g_unlink (file->path);
    }
  g_task_return_boolean (task, TRUE);
}

/* Removes the oldest images once the cache holds more than @limit bytes. */
void
kh_image_cache_trim_async (KhImageCache        *self,
                           guint64              limit,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KH_IS_IMAGE_CACHE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kh_image_cache_trim_async);
  g_task_set_task_data (task, g_memdup2 (&limit, sizeof limit), g_free);
  g_task_run_in_thread (task, trim_in_thread);
}

gboolean
kh_image_cache_trim_finish (KhImageCache  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
