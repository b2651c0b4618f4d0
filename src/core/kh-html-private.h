/* kh-html-private.h: what the HTML converters share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libxml/HTMLparser.h>

G_BEGIN_DECLS

htmlDocPtr  kh_html_parse_fragment      (const char    *html);
gboolean    kh_html_is_dropped_element  (const xmlChar *name);
gboolean    kh_html_is_block_element    (const xmlChar *name);

G_END_DECLS
