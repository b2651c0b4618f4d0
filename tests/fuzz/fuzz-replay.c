/* fuzz-replay.c: a fuzz target's seeds and regressions as a plain test
 *
 * Linked with one fuzz-*.c instead of libFuzzer, by any compiler: every
 * file under the folders named on the command line goes through the
 * target once, in name order, as one TAP case.  A finding aborts the
 * program; the last "# file" line says which input it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "fuzz-common.h"

static void
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (files, g_strdup (path));
      return;
    }

  dir = g_dir_open (path, 0, NULL);
  names = g_ptr_array_new_with_free_func (g_free);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  for (guint i = 0; i < names->len; i++)
    collect (names->pdata[i], files);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  guint n = 0;

  LLVMFuzzerInitialize (&argc, &argv);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);

      if (argv[i][0] == '-')
        continue;
      collect (argv[i], found);
      g_ptr_array_sort (found, compare_paths);
      g_ptr_array_extend_and_steal (files, g_steal_pointer (&found));
    }

  printf ("1..%u\n", files->len);
  if (files->len == 0)
    {
      printf ("Bail out! No input files\n");
      return 1;
    }

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = files->pdata[i];
      g_autofree char *contents = NULL;
      gsize length = 0;
      g_autoptr(GError) error = NULL;

      printf ("# %s\n", path);
      fflush (stdout);
      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          printf ("not ok %u %s: %s\n", ++n, path, error->message);
          continue;
        }
      LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
      printf ("ok %u %s\n", ++n, path);
      fflush (stdout);
    }
  return 0;
}
