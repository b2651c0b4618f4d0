/* kh-uri.h: links made absolute against the address they came from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *kh_uri_resolve_relative (const char  *base_uri,
                               const char  *reference,
                               GUriFlags    flags,
                               GError     **error);

G_END_DECLS
