/* kh-format-json.h: reading the members of JSON documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kh-format.h"

G_BEGIN_DECLS

const char *kh_format_json_describe      (JsonNode        *node);
char       *kh_format_json_describe_root (JsonNode        *root);
gboolean    kh_format_json_is_string     (JsonNode        *node);
const char *kh_format_json_string        (JsonNode        *node);
const char *kh_format_json_member_string (JsonObject      *object,
                                          const char      *name);
const char *kh_format_json_get_string    (KhFormatContext *ctx,
                                          JsonObject      *object,
                                          const char      *name);
JsonObject *kh_format_json_get_object    (KhFormatContext *ctx,
                                          JsonObject      *object,
                                          const char      *name);
JsonArray  *kh_format_json_get_array     (KhFormatContext *ctx,
                                          JsonObject      *object,
                                          const char      *name);
GDateTime  *kh_format_json_get_date      (KhFormatContext *ctx,
                                          JsonObject      *object,
                                          const char      *name);
GDateTime  *kh_format_json_get_time      (KhFormatContext *ctx,
                                          JsonObject      *object,
                                          const char      *name);
char       *kh_format_json_get_id        (JsonObject      *object,
                                          const char      *name);

G_END_DECLS
