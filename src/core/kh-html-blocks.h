/* kh-html-blocks.h: HTML from feeds turned into styled blocks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "kh-block.h"

G_BEGIN_DECLS

GPtrArray *kh_html_to_blocks (const char *html,
                              const char *base_uri);

G_END_DECLS
