/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "kh-application.h"
#include "kh-timings.h"

/*
 * glibc gives large blocks mappings of their own, but raises the size that
 * takes to that of the largest such block freed, up to 32 MB.  Once the
 * text of a long feed had been freed, the next tens of megabytes came from
 * the heap, which keeps its pages: the peak memory of a start on 10 000
 * items varied by 14 MB from run to run.  A fixed threshold keeps blocks of
 * 4 MB and more in mappings that go back when freed; smaller ones, such as
 * a window's frame, are still reused from the heap.
 */
static void
tune_allocator (void)
{
#ifdef __GLIBC__
  mallopt (M_MMAP_THRESHOLD, 4 * 1024 * 1024);
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KhApplication) application = NULL;

  tune_allocator ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Khabar"));

  kh_timings_init ();
  application = kh_application_new ();
  return g_application_run (G_APPLICATION (application), argc, argv);
}
