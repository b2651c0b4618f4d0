/* kh-date.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "kh-date.h"

/**
 * kh_date_within_range:
 * @date: (transfer full) (nullable): a date just read
 *
 * GLib knows the years 1 to 9999 only, and every date Khabar shows is first
 * moved to another zone, which near either end gives no date at all.  No
 * news is dated there: such a date is refused.
 *
 * Returns: (transfer full) (nullable): @date, or %NULL when it is too close
 *   to either end
 */
GDateTime *
kh_date_within_range (GDateTime *date)
{
  g_autoptr(GDateTime) utc = NULL;

  if (date == NULL)
    return NULL;
  utc = g_date_time_to_utc (date);
  if (utc == NULL || g_date_time_get_year (utc) < 2 || g_date_time_get_year (utc) > 9998)
    {
      g_date_time_unref (date);
      return NULL;
    }
  return date;
}

/* No way of writing a date needs more; a longer text is not one, and is
 * not worth scanning again and again. */
#define MAX_DATE_LENGTH 256

static gboolean
is_too_long (const char *text)
{
  return strnlen (text, MAX_DATE_LENGTH + 1) > MAX_DATE_LENGTH;
}

/*
 * RFC 3339 dates, as JSON Feed requires them.  A date without an offset is
 * ambiguous, so it is rejected rather than guessed in the local zone.
 */
GDateTime *
kh_date_parse_rfc3339 (const char *text)
{
  g_autoptr(GTimeZone) no_default = NULL;
  g_autofree char *upper = NULL;

  if (text == NULL || *text == '\0' || is_too_long (text))
    return NULL;

  /* RFC 3339 allows "t" and "z" in lower case; GLib wants them upper. */
  upper = g_ascii_strup (text, -1);

  /* Without a default zone, GLib only accepts strings that carry one. */
  return kh_date_within_range (g_date_time_new_from_iso8601 (upper, no_default));
}

/* How long the local zone is taken as known.  GLib checks the system's
 * zone file on every g_time_zone_new_local(), two system calls, which a
 * list filling with rows did thousands of times. */
#define LOCAL_ZONE_LIFETIME_US (G_USEC_PER_SEC)

/**
 * kh_date_local_zone:
 *
 * The local time zone, looked up again at most once a second, so a change
 * of the system's zone shows within that time.
 *
 * Returns: (transfer full): the local zone
 */
GTimeZone *
kh_date_local_zone (void)
{
  static GMutex lock;
  static GTimeZone *zone;
  static gint64 looked_up;
  gint64 now = g_get_monotonic_time ();
  GTimeZone *local;

  g_mutex_lock (&lock);
  if (zone == NULL || now - looked_up > LOCAL_ZONE_LIFETIME_US)
    {
      g_clear_pointer (&zone, g_time_zone_unref);
      zone = g_time_zone_new_local ();
      looked_up = now;
    }
  local = g_time_zone_ref (zone);
  g_mutex_unlock (&lock);
  return local;
}

/* Returns: (transfer full): @date in the local zone */
GDateTime *
kh_date_to_local (GDateTime *date)
{
  g_autoptr(GTimeZone) zone = kh_date_local_zone ();

  return g_date_time_to_timezone (date, zone);
}

/* Returns: (transfer full): the time now, in the local zone */
GDateTime *
kh_date_now_local (void)
{
  g_autoptr(GTimeZone) zone = kh_date_local_zone ();

  return g_date_time_new_now (zone);
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

  local = kh_date_to_local (date);
  local_now = kh_date_to_local (now);

  if (same_day (local, local_now))
    return g_date_time_format (local, "%H:%M");
  return g_date_time_format (local, "%Y.%m.%d");
}

/* "15:11" in the local zone, for "Updated 15:11" style messages. */
char *
kh_date_format_clock (GDateTime *date)
{
  g_autoptr(GDateTime) local = kh_date_to_local (date);

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
    shown = kh_date_to_local (date);

  day = g_date_time_format (shown, "%Y.%m.%d");
  time = g_date_time_format (shown, "%H:%M");

  if (clock != NULL && clock_label != NULL && *clock_label != '\0')
    return g_strdup_printf ("%s | %s %s", day, time, clock_label);
  return g_strdup_printf ("%s | %s", day, time);
}

static const char * const month_names[] = {
  "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
};

/* The US zones RFC 822 names; anything else is read as UTC, as RFC 5322
 * says of unknown zones.  A few zones news feeds write are added. */
static const struct
{
  const char *name;
  int         hours;
} zone_names[] = {
  { "ut", 0 }, { "utc", 0 }, { "gmt", 0 }, { "z", 0 },
  { "est", -5 }, { "edt", -4 }, { "cst", -6 }, { "cdt", -5 },
  { "mst", -7 }, { "mdt", -6 }, { "pst", -8 }, { "pdt", -7 },
  { "bst", 1 }, { "cet", 1 }, { "cest", 2 }, { "eet", 2 }, { "eest", 3 }, { "msk", 3 },
};

/* The month of "Nov" or "November", 1 to 12, or 0. */
static int
parse_month_name (const char *token)
{
  if (strlen (token) < 3)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (month_names); i++)
    if (g_ascii_strncasecmp (token, month_names[i], 3) == 0)
      return i + 1;
  return 0;
}

static gboolean
is_digits (const char *token)
{
  if (*token == '\0')
    return FALSE;
  for (const char *p = token; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* "07:14", "07:14:01" or "7:14:01.5". */
static gboolean
parse_clock_time (const char *token,
                  int        *hour,
                  int        *minute,
                  double     *seconds)
{
  char *end;

  if (!g_ascii_isdigit (token[0]))
    return FALSE;
  *hour = strtol (token, &end, 10);
  if (*end != ':' || !g_ascii_isdigit (end[1]) || !g_ascii_isdigit (end[2]))
    return FALSE;
  *minute = strtol (end + 1, &end, 10);
  *seconds = 0;
  if (*end == ':')
    {
      if (!g_ascii_isdigit (end[1]))
        return FALSE;
      *seconds = g_ascii_strtod (end + 1, &end);
    }
  return *end == '\0';
}

/* "+0300", "-05:00", "+03"; the offset in seconds. */
static gboolean
parse_numeric_zone (const char *token,
                    int        *offset)
{
  int sign = token[0] == '-' ? -1 : 1;
  int hours, minutes = 0;
  gsize length;
  g_autofree char *digits = NULL;

  if (token[0] != '+' && token[0] != '-')
    return FALSE;
  digits = g_strdup (token + 1);
  if (strlen (digits) == 5 && digits[2] == ':')
    memmove (digits + 2, digits + 3, 3);
  length = strlen (digits);
  if (!is_digits (digits) || (length != 2 && length != 4))
    return FALSE;

  hours = (digits[0] - '0') * 10 + (digits[1] - '0');
  if (length == 4)
    minutes = (digits[2] - '0') * 10 + (digits[3] - '0');
  if (hours > 23 || minutes > 59)
    return FALSE;
  *offset = sign * (hours * 3600 + minutes * 60);
  return TRUE;
}

static int
zone_name_offset (const char *token)
{
  for (guint i = 0; i < G_N_ELEMENTS (zone_names); i++)
    if (g_ascii_strcasecmp (token, zone_names[i].name) == 0)
      return zone_names[i].hours * 3600;
  return 0;
}

/* A leading word with a comma is a day name, even one that looks like a
 * month, as Spanish "mar" (Tuesday) does. */
static const char *
skip_day_name (const char *text)
{
  const char *word = text;
  const char *end;

  while (*word == ' ')
    word++;
  for (end = word; g_ascii_isalpha (*end); end++)
    ;
  return end > word && *end == ',' ? end + 1 : text;
}

/* RFC 5322's reading of two- and three-digit years. */
static int
full_year (const char *token)
{
  int year = atoi (token);

  if (strlen (token) == 2)
    return year < 50 ? 2000 + year : 1900 + year;
  if (strlen (token) == 3)
    return 1900 + year;
  return year;
}

/*
 * RFC 822 dates, as RSS carries them: "Sun, 29 Nov 2026 07:14:01 +0300".
 * Feeds bend the rules, so this is lenient: the day name is optional and
 * may be in any language, the seconds and the zone too (no zone is UTC),
 * months may be spelt out,
 * named US zones are known, asctime's order ("Nov 29 07:14:01 2026") is
 * accepted and comments in parentheses are ignored.
 */
GDateTime *
kh_date_parse_rfc822 (const char *text)
{
  g_autofree char *copy = NULL;
  g_auto(GStrv) tokens = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  int day = 0, month = 0, year = -1, hour = 0, minute = 0, offset = 0;
  double seconds = 0;
  gboolean have_time = FALSE;
  char *paren;

  if (text == NULL || is_too_long (text))
    return NULL;

  copy = g_strdup (skip_day_name (text));
  if ((paren = strchr (copy, '(')) != NULL)
    *paren = '\0';
  g_strdelimit (copy, ",\t\r\n", ' ');
  tokens = g_strsplit (copy, " ", -1);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      const char *token = tokens[i];

      if (*token == '\0')
        continue;
      if (month == 0 && (month = parse_month_name (token)) != 0)
        continue;
      /* A day name, in whatever language the feed is written. */
      if (day == 0 && month == 0 && g_ascii_isalpha (*token))
        continue;
      if (!have_time && strchr (token, ':') != NULL)
        {
          if (!parse_clock_time (token, &hour, &minute, &seconds))
            return NULL;
          have_time = TRUE;
          continue;
        }
      if (is_digits (token) && strlen (token) <= 4)
        {
          if (day == 0 && strlen (token) <= 2)
            day = atoi (token);
          else if (year < 0)
            year = full_year (token);
          else
            return NULL;
          continue;
        }
      if (have_time && parse_numeric_zone (token, &offset))
        continue;
      if (have_time && g_ascii_isalpha (*token))
        {
          offset = zone_name_offset (token);
          continue;
        }
      return NULL;
    }

  if (day == 0 || month == 0 || year < 0)
    return NULL;

  zone = g_time_zone_new_offset (offset);
  return kh_date_within_range (g_date_time_new (zone, year, month, day, hour, minute, seconds));
}

/* Reads @count digits at *@cursor into @value. */
static gboolean
read_digits (const char **cursor,
             guint        count,
             int         *value)
{
  *value = 0;
  for (guint i = 0; i < count; i++)
    {
      if (!g_ascii_isdigit ((*cursor)[i]))
        return FALSE;
      *value = *value * 10 + ((*cursor)[i] - '0');
    }
  *cursor += count;
  return TRUE;
}

/*
 * W3C-DTF, the ISO 8601 profile of Dublin Core's dc:date: "2026",
 * "2026-11", "2026-11-29", "2026-11-29T07:14+03:00" and with seconds and
 * fractions.  A date alone is midnight UTC.
 */
GDateTime *
kh_date_parse_w3cdtf (const char *text)
{
  g_autoptr(GTimeZone) zone = NULL;
  const char *p = text;
  int year, month = 1, day = 1, hour = 0, minute = 0, offset = 0;
  double seconds = 0;

  if (text == NULL || is_too_long (text) || !read_digits (&p, 4, &year))
    return NULL;
  if (*p == '-' && (p++, !read_digits (&p, 2, &month)))
    return NULL;
  if (*p == '-' && (p++, !read_digits (&p, 2, &day)))
    return NULL;

  if (*p == 'T' || *p == 't')
    {
      p++;
      if (!read_digits (&p, 2, &hour) || *p++ != ':' || !read_digits (&p, 2, &minute))
        return NULL;
      if (*p == ':')
        {
          char *end;

          /* Digits only: strtod would also take "nan" and "inf". */
          if (!g_ascii_isdigit (p[1]))
            return NULL;
          seconds = g_ascii_strtod (p + 1, &end);
          p = end;
        }
      if (*p == 'Z' || *p == 'z')
        p++;
      else if (parse_numeric_zone (p, &offset))
        p += strlen (p);
      else
        return NULL;
    }

  if (*p != '\0')
    return NULL;
  zone = g_time_zone_new_offset (offset);
  return kh_date_within_range (g_date_time_new (zone, year, month, day, hour, minute, seconds));
}

/*
 * Whatever date a feed wrote: RFC 3339, W3C-DTF, then RFC 822.  Feeds of
 * one format often carry the dates of another.
 */
GDateTime *
kh_date_parse_any (const char *text)
{
  g_autofree char *trimmed = NULL;
  GDateTime *date;

  if (text == NULL || is_too_long (text))
    return NULL;
  trimmed = g_strstrip (g_strdup (text));
  if (*trimmed == '\0')
    return NULL;

  if ((date = kh_date_parse_rfc3339 (trimmed)) != NULL)
    return date;
  if ((date = kh_date_parse_w3cdtf (trimmed)) != NULL)
    return date;
  return kh_date_parse_rfc822 (trimmed);
}
