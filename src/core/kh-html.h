/* kh-html.h: HTML from feeds turned into plain paragraphs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GStrv  kh_html_to_paragraphs (const char *html);
char  *kh_html_to_text       (const char *html);

G_END_DECLS
