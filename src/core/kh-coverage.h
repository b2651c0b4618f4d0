/* kh-coverage.h: the items of one live coverage as shown, merged in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "kh-item.h"
#include "kh-store.h"

G_BEGIN_DECLS

#define KH_TYPE_COVERAGE (kh_coverage_get_type ())

G_DECLARE_FINAL_TYPE (KhCoverage, kh_coverage, KH, COVERAGE, GObject)

KhCoverage *kh_coverage_new            (void);
GListModel *kh_coverage_get_model      (KhCoverage   *self);
guint       kh_coverage_get_n_items    (KhCoverage   *self);
guint       kh_coverage_get_n_unread   (KhCoverage   *self);
KhItem     *kh_coverage_lookup         (KhCoverage   *self,
                                        const char   *id);
GPtrArray  *kh_coverage_merge          (KhCoverage   *self,
                                        GPtrArray    *items,
                                        KhMergeStats *stats);
void        kh_coverage_mark_all_read  (KhCoverage   *self);
void        kh_coverage_clear          (KhCoverage   *self);

G_END_DECLS
