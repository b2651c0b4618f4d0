/* bare-window.c
 *
 * The floor for Khabar's start-up and memory figures: a GTK 4 application
 * that opens one empty window of Khabar's default size, and nothing else.
 * It reports like Khabar does with KHABAR_TIMINGS set: the first frame in
 * milliseconds from KHABAR_EXEC_TIME (CLOCK_MONOTONIC nanoseconds), then,
 * KHABAR_TIMINGS_EXIT seconds later, a summary line, and quits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

static gint64 origin;
static double first_frame = -1;
static FILE *out;

static guint64
read_vmhwm_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line ? g_ascii_strtoull (line + strlen ("VmHWM:"), NULL, 10) : 0;
}

static gboolean
quit_cb (gpointer user_data)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  fprintf (out, "khabar-timing summary first-frame-ms=%.1f cpu-ms=%.0f vmhwm-kib=%" G_GUINT64_FORMAT "\n",
           first_frame,
           (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
           (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0,
           read_vmhwm_kib ());
  fflush (out);
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock  *clock,
                GtkApplication *application)
{
  const char *exit_after = g_getenv ("KHABAR_TIMINGS_EXIT");

  if (first_frame >= 0)
    return;
  first_frame = (g_get_monotonic_time () - origin) / 1000.0;
  fprintf (out, "khabar-timing first-frame-ms=%.1f\n", first_frame);
  fflush (out);
  if (exit_after != NULL)
    g_timeout_add_seconds (MAX (1, atoi (exit_after)), quit_cb, application);
}

static void
realized_cb (GtkWidget      *window,
             GtkApplication *application)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), application);
}

static void
activate_cb (GtkApplication *application)
{
  GtkWidget *window = gtk_application_window_new (application);

  gtk_window_set_title (GTK_WINDOW (window), "Bare GTK 4 window");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("GTK 4"));
  g_signal_connect (window, "realize", G_CALLBACK (realized_cb), application);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  const char *exec_time = g_getenv ("KHABAR_EXEC_TIME");
  const char *where = g_getenv ("KHABAR_TIMINGS");
  g_autoptr(GtkApplication) application = NULL;

  out = where != NULL && *where != '\0' && !g_str_equal (where, "1") ? fopen (where, "a") : NULL;
  if (out == NULL)
    out = stderr;
  origin = exec_time ? g_ascii_strtoll (exec_time, NULL, 10) / 1000 : g_get_monotonic_time ();
  application = gtk_application_new ("io.github.khabar.BenchBareWindow", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (application, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
