/* kh-date.h: parsing and presenting the dates of news items
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GTimeZone *kh_date_local_zone      (void);
GDateTime *kh_date_to_local        (GDateTime   *date);
GDateTime *kh_date_now_local       (void);
GDateTime *kh_date_within_range    (GDateTime   *date);
GDateTime *kh_date_parse_rfc3339   (const char  *text);
GDateTime *kh_date_parse_rfc822    (const char  *text);
GDateTime *kh_date_parse_w3cdtf    (const char  *text);
GDateTime *kh_date_parse_any       (const char  *text);
char      *kh_date_format_row_time (GDateTime   *date,
                                    GDateTime   *now);
char      *kh_date_format_meta     (GDateTime   *date,
                                    GTimeZone   *clock,
                                    const char  *clock_label);
char      *kh_date_format_clock    (GDateTime   *date);

G_END_DECLS
