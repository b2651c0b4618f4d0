/* kh-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kh-error.h"

G_DEFINE_QUARK (kh-feed-error-quark, kh_feed_error)
G_DEFINE_QUARK (kh-fetch-error-quark, kh_fetch_error)
G_DEFINE_QUARK (kh-store-error-quark, kh_store_error)
