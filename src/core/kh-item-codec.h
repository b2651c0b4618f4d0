/* kh-item-codec.h: an item's content as JSON, for the store and for hashing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "kh-item.h"

G_BEGIN_DECLS

JsonNode *kh_item_to_json             (KhItem      *item);
char     *kh_item_to_json_string      (KhItem      *item);
void      kh_item_load_json           (KhItem      *item,
                                       JsonNode    *content);
KhItem   *kh_item_new_from_json_string (const char *json,
                                        GError    **error);

G_END_DECLS
