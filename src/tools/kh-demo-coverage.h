/* kh-demo-coverage.h: the invented live coverage khabar-demo-server serves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _KhDemoCoverage KhDemoCoverage;

KhDemoCoverage *kh_demo_coverage_new         (guint32         seed,
                                              guint           max_items,
                                              const char     *base_uri);
void            kh_demo_coverage_free        (KhDemoCoverage *self);
const char     *kh_demo_coverage_add_item    (KhDemoCoverage *self,
                                              GDateTime      *now);
const char     *kh_demo_coverage_edit_item   (KhDemoCoverage *self,
                                              GDateTime      *now);
GBytes         *kh_demo_coverage_to_json     (KhDemoCoverage *self);
char           *kh_demo_coverage_render_page (KhDemoCoverage *self,
                                              const char     *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KhDemoCoverage, kh_demo_coverage_free)

G_END_DECLS
