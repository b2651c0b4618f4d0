/* kh-error.h: the error domains of the core
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KH_FEED_ERROR (kh_feed_error_quark ())
#define KH_FETCH_ERROR (kh_fetch_error_quark ())
#define KH_STORE_ERROR (kh_store_error_quark ())

typedef enum
{
  KH_FEED_ERROR_INVALID_UTF8,
  KH_FEED_ERROR_SYNTAX,
  KH_FEED_ERROR_NOT_A_FEED,
  KH_FEED_ERROR_TOO_COMPLEX,
  /* A news service sent its own error message instead of news. */
  KH_FEED_ERROR_SERVICE,
} KhFeedError;

typedef enum
{
  KH_FETCH_ERROR_HTTP,
  KH_FETCH_ERROR_TOO_LARGE,
  KH_FETCH_ERROR_UNSUPPORTED_URI,
  KH_FETCH_ERROR_TOO_SLOW,
  KH_FETCH_ERROR_TLS,
  KH_FETCH_ERROR_REDIRECT,
} KhFetchError;

typedef enum
{
  KH_STORE_ERROR_OPEN,
  KH_STORE_ERROR_FULL,
  KH_STORE_ERROR_CORRUPT,
  KH_STORE_ERROR_FAILED,
} KhStoreError;

GQuark kh_feed_error_quark  (void);
GQuark kh_store_error_quark (void);
GQuark kh_fetch_error_quark (void);

G_END_DECLS
