/* test-renderer.c: no OpenGL without a GPU, GTK's choice with one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "kh-renderer.h"

typedef struct
{
  char *dri_dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dri_dir = g_dir_make_tmp ("khabar-dri-XXXXXX", &error);
  g_assert_no_error (error);
  g_unsetenv ("GSK_RENDERER");
  g_unsetenv ("GDK_DEBUG");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dri_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dri_dir, name, NULL);

      g_assert_no_errno (g_remove (path));
    }
  g_assert_no_errno (g_rmdir (fixture->dri_dir));
  g_free (fixture->dri_dir);
}

static void
add_device (Fixture    *fixture,
            const char *name)
{
  g_autofree char *path = g_build_filename (fixture->dri_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "", 0, &error);
  g_assert_no_error (error);
}

static void
assert_flags (Fixture    *fixture,
              const char *expected)
{
  g_autofree char *flags = kh_renderer_debug_flags (fixture->dri_dir);

  g_assert_cmpstr (flags, ==, expected);
}

static void
test_no_gpu (Fixture       *fixture,
             gconstpointer  data)
{
  g_assert_true (kh_renderer_gl_is_software (fixture->dri_dir));
  assert_flags (fixture, "gl-disable");

  /* A display controller alone (card0) renders nothing. */
  add_device (fixture, "card0");
  assert_flags (fixture, "gl-disable");
}

static void
test_no_dri_directory (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fixture->dri_dir, "missing", NULL);

  g_assert_true (kh_renderer_gl_is_software (missing));
}

static void
test_gpu (Fixture       *fixture,
          gconstpointer  data)
{
  add_device (fixture, "card0");
  add_device (fixture, "renderD128");
  g_assert_false (kh_renderer_gl_is_software (fixture->dri_dir));
  assert_flags (fixture, NULL);
}

static void
test_environment_decides (Fixture       *fixture,
                          gconstpointer  data)
{
  g_setenv ("GSK_RENDERER", "gl", TRUE);
  assert_flags (fixture, NULL);

  /* An empty value is no choice. */
  g_setenv ("GSK_RENDERER", "", TRUE);
  assert_flags (fixture, "gl-disable");

  g_setenv ("GDK_DEBUG", "gl-glx", TRUE);
  assert_flags (fixture, NULL);
}

static void
record_debug_flags (GApplication *application)
{
  g_object_set_data_full (G_OBJECT (application), "gdk-debug",
                          g_strdup (g_getenv ("GDK_DEBUG")), g_free);
}

static void
test_startup_environment (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GApplication) application = g_application_new (NULL, G_APPLICATION_DEFAULT_FLAGS);
  gboolean software = kh_renderer_gl_is_software ("/dev/dri");

  kh_renderer_run_startup (application, record_debug_flags);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (application), "gdk-debug"), ==,
                   software ? "gl-disable" : NULL);
  /* What Khabar starts later inherits nothing of it. */
  g_assert_null (g_getenv ("GDK_DEBUG"));

  g_setenv ("GDK_DEBUG", "nograbs", TRUE);
  kh_renderer_run_startup (application, record_debug_flags);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (application), "gdk-debug"), ==, "nograbs");
  g_assert_cmpstr (g_getenv ("GDK_DEBUG"), ==, "nograbs");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/renderer/no-gpu", Fixture, NULL, fixture_set_up, test_no_gpu, fixture_tear_down);
  g_test_add ("/renderer/no-dri-directory", Fixture, NULL, fixture_set_up, test_no_dri_directory,
              fixture_tear_down);
  g_test_add ("/renderer/gpu", Fixture, NULL, fixture_set_up, test_gpu, fixture_tear_down);
  g_test_add ("/renderer/environment-decides", Fixture, NULL, fixture_set_up,
              test_environment_decides, fixture_tear_down);
  g_test_add ("/renderer/startup-environment", Fixture, NULL, fixture_set_up,
              test_startup_environment, fixture_tear_down);

  return g_test_run ();
}
