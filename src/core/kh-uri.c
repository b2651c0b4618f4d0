/* kh-uri.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kh-uri.h"

/**
 * kh_uri_resolve_relative:
 * @base_uri: (nullable): the address @reference was found at
 * @reference: an absolute or relative address
 *
 * g_uri_resolve_relative(), but for one thing: GLib 2.74 resolves a
 * reference such as "ftp:/a/..//b" to an address without a host whose path
 * begins with "//", which no string can stand for, and then fails a
 * critical assertion writing it.  Such an address is refused here instead.
 *
 * Returns: (transfer full) (nullable): the absolute address
 */
char *
kh_uri_resolve_relative (const char  *base_uri,
                         const char  *reference,
                         GUriFlags    flags,
                         GError     **error)
{
  g_autoptr(GUri) base = NULL;
  g_autoptr(GUri) resolved = NULL;

  g_return_val_if_fail (reference != NULL, NULL);

  if (base_uri != NULL && (base = g_uri_parse (base_uri, flags, error)) == NULL)
    return NULL;
  resolved = g_uri_parse_relative (base, reference, flags, error);
  if (resolved == NULL)
    return NULL;
  if (g_uri_get_host (resolved) == NULL && g_str_has_prefix (g_uri_get_path (resolved), "//"))
    {
      g_set_error (error, G_URI_ERROR, G_URI_ERROR_BAD_PATH,
                   "An address without a host cannot have a path that begins with “//”");
      return NULL;
    }
  return g_uri_to_string (resolved);
}
