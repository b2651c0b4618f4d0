/* feed-helpers.h: fixtures and assertions the parser tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kh-feed.h"

G_BEGIN_DECLS

GBytes    *load_fixture       (const char         *name);
KhItem    *find_item          (KhFeed             *feed,
                               const char         *id);
void       assert_item_ids    (KhFeed             *feed,
                               const char * const *expected);
void       assert_date        (GDateTime          *date,
                               gint64              unix_time);
void       assert_no_problems (KhFeed             *feed);
GDateTime *utc                (int                 year,
                               int                 month,
                               int                 day,
                               int                 hour,
                               int                 minute);

G_END_DECLS
