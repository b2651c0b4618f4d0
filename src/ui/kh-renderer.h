/* kh-renderer.h: whether GTK draws Khabar's windows with OpenGL
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean kh_renderer_gl_is_software (const char *dri_dir);
char    *kh_renderer_debug_flags    (const char *dri_dir);
void     kh_renderer_run_startup    (GApplication  *application,
                                     void         (*startup) (GApplication *application));

G_END_DECLS
