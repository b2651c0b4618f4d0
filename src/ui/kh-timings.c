/* kh-timings.c
 *
 * Figures for the benchmark suite in bench/, taken inside the application.
 * Off unless KHABAR_TIMINGS is set: "1" writes them to stderr, anything
 * else names a file to append them to.  Each line starts with
 * "khabar-timing" and holds key=value figures; times are milliseconds from
 * the exec of the process, taken from KHABAR_EXEC_TIME (CLOCK_MONOTONIC
 * nanoseconds, set by whoever starts khabar) or else from the process's
 * start time in /proc.
 *
 * Main-loop stalls are measured around poll(): the time the main context
 * spends between two polls is time in which it could neither answer input
 * nor draw.  They are counted from the first frame on.
 *
 *   KHABAR_TIMINGS_ACTIONS=font,refresh  once the first article is shown:
 *     one step bigger text, timed to the next painted frame; then a
 *     refresh, timed to its outcome, with its CPU time and bytes parsed
 *   KHABAR_TIMINGS_EXIT=SECONDS  then print a summary and quit after that
 *     many idle seconds
 *
 * With KHABAR_TIMINGS unset nothing is hooked and every call returns at
 * once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "kh-timings.h"

/* One frame at 60 Hz. */
#define STALL_THRESHOLD_MS 16.0

/* The pause between what the actions do, so each is timed alone. */
#define SETTLE_MS 1000

typedef enum
{
  WAIT_NONE,
  WAIT_CONTENT,
  WAIT_FONT,
  WAIT_REFRESH,
} Waiting;

typedef struct
{
  FILE      *out;
  gint64     origin;
  GPollFunc  poll_func;
  gint64     poll_returned;
  gboolean   counting;

  GtkWindow *window;
  gulong     after_paint_id;
  gint64     phase_start;
  double     layout_ms;
  double     paint_ms;
  Waiting    waiting;
  /* Between before-paint and the end of after-paint: an article shown now
   * was not laid out by this frame. */
  gboolean   in_frame;
  gboolean   skip_frame;
  gint64     wait_start;
  double     wait_cpu_start;
  char     **actions;
  guint      next_action;
  guint      exit_seconds;
  gboolean   exit_scheduled;

  guint      n_items;
  gsize      refresh_bytes;
  double     first_frame;
  double     content;
  double     stall_max;
  guint      stalls_over;
  double     font_change;
  double     refresh_ms;
  double     refresh_cpu_ms;
  const char *refresh_result;
} Timings;

static Timings *timings;

static double
since_origin (gint64 when)
{
  return (when - timings->origin) / 1000.0;
}

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static void emit (const char *format,
                  ...) G_GNUC_PRINTF (1, 2);

static void
emit (const char *format,
      ...)
{
  va_list args;

  fputs ("khabar-timing ", timings->out);
  va_start (args, format);
  vfprintf (timings->out, format, args);
  va_end (args);
  fputc ('\n', timings->out);
  fflush (timings->out);
}

/* "-" for a figure never taken. */
static char *
figure (double value)
{
  return value < 0 ? g_strdup ("-") : g_strdup_printf ("%.1f", value);
}

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
  g_autofree char *first_frame = figure (timings->first_frame);
  g_autofree char *content = figure (timings->content);
  g_autofree char *font_change = figure (timings->font_change);
  g_autofree char *refresh = figure (timings->refresh_ms);
  g_autofree char *refresh_cpu = figure (timings->refresh_cpu_ms);
  GApplication *application = g_application_get_default ();

  emit ("summary first-frame-ms=%s content-ms=%s stall-max-ms=%.1f stalls-over-16ms=%u "
        "font-change-ms=%s refresh-result=%s refresh-ms=%s refresh-cpu-ms=%s "
        "refresh-bytes-parsed=%" G_GSIZE_FORMAT " cpu-ms=%.0f vmhwm-kib=%" G_GUINT64_FORMAT,
        first_frame, content, timings->stall_max, timings->stalls_over,
        font_change, timings->refresh_result ? timings->refresh_result : "-", refresh, refresh_cpu,
        timings->refresh_bytes, cpu_ms (), read_vmhwm_kib ());
  if (application != NULL)
    g_application_quit (application);
  return G_SOURCE_REMOVE;
}

static void
schedule_exit (void)
{
  if (timings->exit_scheduled || timings->exit_seconds == 0)
    return;
  timings->exit_scheduled = TRUE;
  g_timeout_add (timings->exit_seconds * 1000, quit_cb, NULL);
}

static gboolean run_next_action (gpointer user_data);

static void
action_done (void)
{
  timings->waiting = WAIT_NONE;
  g_timeout_add (SETTLE_MS, run_next_action, NULL);
}

static gboolean
run_next_action (gpointer user_data)
{
  const char *action = timings->actions ? timings->actions[timings->next_action] : NULL;

  if (action == NULL || timings->window == NULL)
    {
      schedule_exit ();
      return G_SOURCE_REMOVE;
    }
  timings->next_action++;
  timings->wait_start = g_get_monotonic_time ();
  timings->wait_cpu_start = cpu_ms ();

  if (g_str_equal (action, "font"))
    {
      timings->waiting = WAIT_FONT;
      gtk_widget_activate_action (GTK_WIDGET (timings->window), "win.font-bigger", NULL);
    }
  else if (g_str_equal (action, "refresh"))
    {
      timings->waiting = WAIT_REFRESH;
      timings->refresh_bytes = 0;
      gtk_widget_activate_action (GTK_WIDGET (timings->window), "win.refresh", NULL);
    }
  else
    {
      emit ("unknown-action=%s", action);
      action_done ();
    }
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  gint64 now = g_get_monotonic_time ();

  if (timings->first_frame < 0)
    {
      timings->first_frame = since_origin (now);
      emit ("first-frame-ms=%.1f", timings->first_frame);
      /* The busy time before this frame is start-up, not a stall. */
      timings->counting = TRUE;
      timings->poll_returned = 0;
    }

  switch (timings->waiting)
    {
    case WAIT_CONTENT:
      if (timings->skip_frame)
        {
          timings->skip_frame = FALSE;
          break;
        }
      timings->content = since_origin (now);
      emit ("content-ms=%.1f", timings->content);
      action_done ();
      break;

    case WAIT_FONT:
      timings->font_change = (now - timings->wait_start) / 1000.0;
      emit ("font-change-ms=%.1f", timings->font_change);
      action_done ();
      break;

    case WAIT_NONE:
    case WAIT_REFRESH:
    default:
      break;
    }
  timings->in_frame = FALSE;
}

/* How a stall divides between the frame's phases: from before-paint to
 * the end of layout (style, measure, allocate), and painting; these
 * handlers run after GTK's own. */
static void
before_paint_cb (GdkFrameClock *clock)
{
  timings->phase_start = g_get_monotonic_time ();
  timings->in_frame = TRUE;
}

static void
layout_done_cb (GdkFrameClock *clock)
{
  gint64 now = g_get_monotonic_time ();

  timings->layout_ms += (now - timings->phase_start) / 1000.0;
  timings->phase_start = now;
}

static void
paint_done_cb (GdkFrameClock *clock)
{
  gint64 now = g_get_monotonic_time ();

  timings->paint_ms += (now - timings->phase_start) / 1000.0;
  timings->phase_start = now;
}

static void
window_realized_cb (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  if (timings->after_paint_id != 0 || clock == NULL)
    return;
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect (clock, "layout", G_CALLBACK (layout_done_cb), NULL);
  g_signal_connect (clock, "paint", G_CALLBACK (paint_done_cb), NULL);
  timings->after_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

static gint
timed_poll (GPollFD *fds,
            guint    nfds,
            gint     timeout)
{
  gint64 entered = g_get_monotonic_time ();
  gint result;

  if (timings->counting && timings->poll_returned != 0)
    {
      double busy = (entered - timings->poll_returned) / 1000.0;

      timings->stall_max = MAX (timings->stall_max, busy);
      if (busy > STALL_THRESHOLD_MS)
        {
          timings->stalls_over++;
          emit ("stall at-ms=%.1f ms=%.1f layout-ms=%.1f paint-ms=%.1f",
                since_origin (timings->poll_returned), busy, timings->layout_ms, timings->paint_ms);
        }
    }
  timings->layout_ms = timings->paint_ms = 0;
  result = timings->poll_func (fds, nfds, timeout);
  timings->poll_returned = g_get_monotonic_time ();
  return result;
}

/* When this process was exec'd, on the monotonic clock, in µs. */
static gint64
find_origin (void)
{
  const char *exec_time = g_getenv ("KHABAR_EXEC_TIME");
  g_autofree char *stat = NULL;
  const char *fields;
  struct timespec boot;
  guint64 start_ticks = 0;

  if (exec_time != NULL)
    return g_ascii_strtoll (exec_time, NULL, 10) / 1000;

  /* Field 22 of /proc/self/stat, after the command name in parentheses,
   * is the start time in clock ticks since boot. */
  if (g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) &&
      (fields = strrchr (stat, ')')) != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (fields + 2, " ", 21);

      if (g_strv_length (parts) >= 20)
        start_ticks = g_ascii_strtoull (parts[19], NULL, 10);
    }
  clock_gettime (CLOCK_BOOTTIME, &boot);
  return g_get_monotonic_time () -
         ((gint64) boot.tv_sec * G_USEC_PER_SEC + boot.tv_nsec / 1000 -
          (gint64) (start_ticks * G_USEC_PER_SEC / sysconf (_SC_CLK_TCK)));
}

/**
 * kh_timings_init:
 *
 * Reads the environment, once, before the main loop runs.
 */
void
kh_timings_init (void)
{
  const char *where = g_getenv ("KHABAR_TIMINGS");
  const char *actions = g_getenv ("KHABAR_TIMINGS_ACTIONS");
  const char *exit_after = g_getenv ("KHABAR_TIMINGS_EXIT");
  GMainContext *context = g_main_context_default ();

  if (timings != NULL || where == NULL || *where == '\0')
    return;

  timings = g_new0 (Timings, 1);
  timings->out = g_str_equal (where, "1") ? stderr : fopen (where, "a");
  if (timings->out == NULL)
    timings->out = stderr;
  timings->origin = find_origin ();
  timings->first_frame = timings->content = timings->font_change = -1;
  timings->refresh_ms = timings->refresh_cpu_ms = -1;
  if (actions != NULL && *actions != '\0')
    timings->actions = g_strsplit (actions, ",", -1);
  if (exit_after != NULL)
    timings->exit_seconds = MAX (1, g_ascii_strtoull (exit_after, NULL, 10));

  timings->poll_func = g_main_context_get_poll_func (context);
  g_main_context_set_poll_func (context, timed_poll);
  emit ("init-ms=%.1f", since_origin (g_get_monotonic_time ()));
}

void
kh_timings_watch_window (GtkWindow *window)
{
  if (timings == NULL || timings->window != NULL)
    return;
  g_set_weak_pointer (&timings->window, window);
  if (gtk_widget_get_realized (GTK_WIDGET (window)))
    window_realized_cb (GTK_WIDGET (window));
  else
    g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), NULL);
}

/**
 * kh_timings_mark:
 * @what: "stored", "received", "merged", "unchanged" or "failed"
 * @n_items: items shown afterwards
 * @n_bytes: bytes of the document parsed
 */
void
kh_timings_mark (const char *what,
                 guint       n_items,
                 gsize       n_bytes)
{
  if (timings == NULL)
    return;

  timings->n_items = n_items;
  emit ("mark=%s at-ms=%.1f items=%u bytes=%" G_GSIZE_FORMAT,
        what, since_origin (g_get_monotonic_time ()), n_items, n_bytes);

  if (timings->waiting == WAIT_REFRESH)
    {
      timings->refresh_bytes += n_bytes;
      if (g_str_equal (what, "received"))
        return;
      timings->refresh_ms = (g_get_monotonic_time () - timings->wait_start) / 1000.0;
      timings->refresh_cpu_ms = cpu_ms () - timings->wait_cpu_start;
      timings->refresh_result = g_intern_string (what);
      emit ("refresh-result=%s refresh-ms=%.1f refresh-cpu-ms=%.1f refresh-bytes-parsed=%" G_GSIZE_FORMAT,
            what, timings->refresh_ms, timings->refresh_cpu_ms, timings->refresh_bytes);
      action_done ();
    }
  else if (g_str_equal (what, "failed") && timings->content < 0)
    schedule_exit ();
}

/* The first article shown is the content; it counts once painted. */
void
kh_timings_article_shown (GtkWidget *article)
{
  if (timings == NULL || timings->content >= 0 || timings->waiting != WAIT_NONE)
    return;
  timings->waiting = WAIT_CONTENT;
  timings->skip_frame = timings->in_frame;
  gtk_widget_queue_draw (article);
}
