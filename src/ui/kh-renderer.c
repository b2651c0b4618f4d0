/* kh-renderer.c
 *
 * GTK 4.8 opens OpenGL when it opens the display and draws with it by
 * default.  On a machine without a GPU (a virtual machine, a thin client,
 * a remote desktop) that is Mesa's llvmpipe, which rasterises every frame
 * on the CPU: Khabar's window took 30–140 ms a frame, several times as
 * long as with GTK's cairo renderer, and loading the driver alone added
 * 200 ms to the start and 60 MiB to the memory.  Without a GPU, Khabar
 * asks GDK to leave OpenGL alone (GDK_DEBUG=gl-disable), so GSK draws with
 * cairo.  GSK_RENDERER or GDK_DEBUG set by the user still decide.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kh-renderer.h"

/* Whether @dri_dir holds a DRM render node, the device a GPU's OpenGL
 * driver draws through. */
static gboolean
has_render_node (const char *dri_dir)
{
  g_autoptr(GDir) dir = g_dir_open (dri_dir, 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}

/**
 * kh_renderer_gl_is_software:
 * @dri_dir: where DRM devices are, /dev/dri on Linux
 *
 * Returns: whether OpenGL would be drawn on the CPU here
 */
gboolean
kh_renderer_gl_is_software (const char *dri_dir)
{
  return !has_render_node (dri_dir);
}

/**
 * kh_renderer_debug_flags:
 * @dri_dir: where DRM devices are
 *
 * Returns: (nullable): the GDK_DEBUG value GTK should start with, or NULL
 *   to leave it as it is
 */
char *
kh_renderer_debug_flags (const char *dri_dir)
{
  const char *renderer = g_getenv ("GSK_RENDERER");

  if ((renderer != NULL && *renderer != '\0') || g_getenv ("GDK_DEBUG") != NULL)
    return NULL;
  if (!kh_renderer_gl_is_software (dri_dir))
    return NULL;
  return g_strdup ("gl-disable");
}

/**
 * kh_renderer_run_startup:
 * @startup: GtkApplication's startup, which opens the display
 *
 * Runs @startup with OpenGL left alone when it would be drawn in
 * software.  The environment is restored after, so the programs Khabar
 * opens (a browser, a player) make their own choice.
 */
void
kh_renderer_run_startup (GApplication  *application,
                         void         (*startup) (GApplication *application))
{
  g_autofree char *flags = kh_renderer_debug_flags ("/dev/dri");

  if (flags != NULL)
    g_setenv ("GDK_DEBUG", flags, TRUE);
  startup (application);
  if (flags != NULL)
    g_unsetenv ("GDK_DEBUG");
}
