/* kh-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kh-date.h"

/*
 * RFC 3339 dates, as JSON Feed requires them.  A date without an offset is
 * ambiguous, so it is rejected rather than guessed in the local zone.
 */
GDateTime *
kh_date_parse_rfc3339 (const char *text)
{
  g_autoptr(GTimeZone) no_default = NULL;
  g_autofree char *upper = NULL;

  if (text == NULL || *text == '\0')
    return NULL;

  /* RFC 3339 allows "t" and "z" in lower case; GLib wants them upper. */
  upper = g_ascii_strup (text, -1);

  /* Without a default zone, GLib only accepts strings that carry one. */
  return g_date_time_new_from_iso8601 (upper, no_default);
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

/*
 * The time a sidebar row shows: the local clock time for items of today,
 * the local date otherwise.
 */
char *
kh_date_format_row_time (GDateTime *date,
                         GDateTime *now)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) local_now = NULL;

  if (date == NULL)
    return g_strdup ("");

  local = g_date_time_to_local (date);
  local_now = g_date_time_to_local (now);

  if (same_day (local, local_now))
    return g_date_time_format (local, "%H:%M");
  return g_date_time_format (local, "%Y.%m.%d");
}

/* "15:11" in the local zone, for "Updated 15:11" style messages. */
char *
kh_date_format_clock (GDateTime *date)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (date);

  return g_date_time_format (local, "%H:%M");
}

/*
 * The article's meta line, "2022.01.12 | 15:11 دمشق": the date and time on
 * the clock the feed names, followed by that clock's city.  Without a named
 * clock, the reader's local time and no city.
 */
char *
kh_date_format_meta (GDateTime  *date,
                     GTimeZone  *clock,
                     const char *clock_label)
{
  g_autoptr(GDateTime) shown = NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  if (date == NULL)
    return g_strdup ("");

  if (clock != NULL)
    shown = g_date_time_to_timezone (date, clock);
  else
    shown = g_date_time_to_local (date);

  day = g_date_time_format (shown, "%Y.%m.%d");
  time = g_date_time_format (shown, "%H:%M");

  if (clock != NULL && clock_label != NULL && *clock_label != '\0')
    return g_strdup_printf ("%s | %s %s", day, time, clock_label);
  return g_strdup_printf ("%s | %s", day, time);
}
