/* fuzz-date.c: any text through the date parsers and HTTP time headers
 *
 * RFC 3339, RFC 822, W3CDTF and the guess between them; Retry-After and
 * Cache-Control.  A date that comes out is shown as the sidebar and the
 * article show it, and written as the store writes it reads back as the
 * same instant.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kh-date.h"
#include "kh-response.h"
#include "fuzz-common.h"

static GTimeZone *clock_zone;
static GDateTime *now;

static void
check_date (GDateTime *date)
{
  g_autofree char *written = NULL;
  g_autoptr(GDateTime) again = NULL;
  g_autofree char *row = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *local_meta = NULL;
  g_autofree char *clock = NULL;

  if (date == NULL)
    return;

  /* What the store keeps reads back as the same instant. */
  written = g_date_time_format_iso8601 (date);
  g_assert_nonnull (written);
  again = kh_date_parse_rfc3339 (written);
  if (again == NULL)
    g_error ("The store's form of a date does not read back: %s", written);
  if (!g_date_time_equal (date, again))
    g_error ("The store's form of a date reads back as another instant: %s", written);

  row = kh_date_format_row_time (date, now);
  meta = kh_date_format_meta (date, clock_zone, "دمشق");
  local_meta = kh_date_format_meta (date, NULL, NULL);
  clock = kh_date_format_clock (date);
  kh_fuzz_assert_utf8 (row);
  kh_fuzz_assert_utf8 (meta);
  kh_fuzz_assert_utf8 (local_meta);
  kh_fuzz_assert_utf8 (clock);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  kh_fuzz_init ();
  clock_zone = g_time_zone_new_identifier ("Asia/Damascus");
  if (clock_zone == NULL)
    clock_zone = g_time_zone_new_utc ();
  now = g_date_time_new_utc (2024, 11, 29, 12, 0, 0);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  GDateTime *(*parsers[]) (const char *) = {
    kh_date_parse_rfc3339, kh_date_parse_rfc822, kh_date_parse_w3cdtf, kh_date_parse_any,
  };

  for (guint i = 0; i < G_N_ELEMENTS (parsers); i++)
    {
      g_autoptr(GDateTime) date = parsers[i] (text);

      check_date (date);
    }

  g_assert_cmpint (kh_response_parse_max_age (text), >=, -1);
  g_assert_cmpint (kh_response_parse_retry_after (text, now), >=, -1);
  return 0;
}
