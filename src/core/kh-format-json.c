/* kh-format-json.c
 *
 * Members are read leniently: a member of the wrong type counts as absent
 * and is reported as a problem of the feed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "kh-date.h"
#include "kh-text.h"
#include "kh-format-json.h"

const char *
kh_format_json_describe (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return _("an object");
  if (JSON_NODE_HOLDS_ARRAY (node))
    return _("an array");
  if (JSON_NODE_HOLDS_NULL (node))
    return _("null");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return _("a string");
    case G_TYPE_BOOLEAN:
      return _("a boolean");
    default:
      return _("a number");
    }
}

typedef enum
{
  KIND_OBJECT,
  KIND_ARRAY,
  KIND_NULL,
  KIND_STRING,
  KIND_BOOLEAN,
  KIND_NUMBER,
} Kind;

static Kind
kind_of (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return KIND_OBJECT;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return KIND_ARRAY;
  if (JSON_NODE_HOLDS_NULL (node))
    return KIND_NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return KIND_STRING;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return KIND_BOOLEAN;
  return KIND_NUMBER;
}

/* What the elements of @array are, for "a JSON array of …". */
static const char *
describe_array (JsonArray *array)
{
  guint length = json_array_get_length (array);
  Kind kind;

  if (length == 0)
    return _("an empty JSON array");

  kind = kind_of (json_array_get_element (array, 0));
  for (guint i = 1; i < length; i++)
    if (kind_of (json_array_get_element (array, i)) != kind)
      return _("a JSON array of mixed values");

  switch (kind)
    {
    case KIND_OBJECT:
      return _("a JSON array of objects");
    case KIND_ARRAY:
      return _("a JSON array of arrays");
    case KIND_NULL:
      return _("a JSON array of nulls");
    case KIND_STRING:
      return _("a JSON array of strings");
    case KIND_BOOLEAN:
      return _("a JSON array of booleans");
    case KIND_NUMBER:
    default:
      return _("a JSON array of numbers");
    }
}

/* "a schema.org NewsArticle, not a LiveBlogPosting", or NULL when
 * @node is no schema.org object. */
static char *
describe_schema_org (JsonNode *node)
{
  JsonObject *object;
  JsonNode *type;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  type = json_object_get_member (object, "@type");
  if (type != NULL && JSON_NODE_HOLDS_ARRAY (type) && json_array_get_length (json_node_get_array (type)) > 0)
    type = json_array_get_element (json_node_get_array (type), 0);

  if (kh_format_json_is_string (type))
    /* Translators: %s is a schema.org type such as “NewsArticle”. */
    return g_strdup_printf (_("a schema.org %s, not a LiveBlogPosting"), json_node_get_string (type));
  if (json_object_has_member (object, "@graph") || json_object_has_member (object, "@context"))
    return g_strdup (_("a schema.org document without a LiveBlogPosting"));
  return NULL;
}

/* What a JSON document is, for the message that says it is not a feed. */
char *
kh_format_json_describe_root (JsonNode *root)
{
  char *schema_org;

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      JsonArray *array = json_node_get_array (root);

      /* JSON-LD often comes as an array of objects. */
      if (json_array_get_length (array) > 0 &&
          (schema_org = describe_schema_org (json_array_get_element (array, 0))) != NULL)
        return schema_org;
      return g_strdup (describe_array (array));
    }

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      if ((schema_org = describe_schema_org (root)) != NULL)
        return schema_org;
      return g_strdup (_("a JSON object without “items”"));
    }

  if (JSON_NODE_HOLDS_NULL (root))
    return g_strdup (_("JSON null"));
  switch (json_node_get_value_type (root))
    {
    case G_TYPE_STRING:
      return g_strdup (_("a JSON string"));
    case G_TYPE_BOOLEAN:
      return g_strdup (_("a JSON boolean"));
    default:
      return g_strdup (_("a JSON number"));
    }
}

gboolean
kh_format_json_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

/* The string @node holds, or NULL when it is absent or not a string. */
const char *
kh_format_json_string (JsonNode *node)
{
  return kh_format_json_is_string (node) ? json_node_get_string (node) : NULL;
}

/* A member that is a string, or NULL; nothing is reported. */
const char *
kh_format_json_member_string (JsonObject *object,
                              const char *name)
{
  return kh_format_json_string (json_object_get_member (object, name));
}

/*
 * A member that must be a string.  Absent and null members are NULL;
 * a member of another type is NULL and reported as a problem of the feed.
 */
const char *
kh_format_json_get_string (KhFormatContext *ctx,
                           JsonObject      *object,
                           const char      *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (kh_format_json_is_string (node))
    return json_node_get_string (node);

  if (ctx->index > 0)
    kh_feed_add_problem (ctx->feed, FALSE, _("Item %u: “%s” should be a string, found %s"),
                         ctx->index, name, kh_format_json_describe (node));
  else
    kh_feed_add_problem (ctx->feed, FALSE, _("Feed: “%s” should be a string, found %s"),
                         name, kh_format_json_describe (node));
  return NULL;
}

JsonObject *
kh_format_json_get_object (KhFormatContext *ctx,
                           JsonObject      *object,
                           const char      *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  if (ctx->index > 0)
    kh_feed_add_problem (ctx->feed, FALSE, _("Item %u: “%s” should be an object, found %s"),
                         ctx->index, name, kh_format_json_describe (node));
  else
    kh_feed_add_problem (ctx->feed, FALSE, _("Feed: “%s” should be an object, found %s"),
                         name, kh_format_json_describe (node));
  return NULL;
}

JsonArray *
kh_format_json_get_array (KhFormatContext *ctx,
                          JsonObject      *object,
                          const char      *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);

  if (ctx->index > 0)
    kh_feed_add_problem (ctx->feed, FALSE, _("Item %u: “%s” should be an array, found %s"),
                         ctx->index, name, kh_format_json_describe (node));
  else
    kh_feed_add_problem (ctx->feed, FALSE, _("Feed: “%s” should be an array, found %s"),
                         name, kh_format_json_describe (node));
  return NULL;
}

/*
 * A date member.  RFC 3339 is what JSON formats ask for; RFC 822 dates, as
 * in JSON Feeds converted from RSS, are read as well.
 */
GDateTime *
kh_format_json_get_date (KhFormatContext *ctx,
                         JsonObject      *object,
                         const char      *name)
{
  const char *text = kh_format_json_get_string (ctx, object, name);
  GDateTime *date;

  if (text == NULL)
    return NULL;

  date = kh_date_parse_rfc3339 (text);
  if (date == NULL)
    date = kh_date_parse_rfc822 (text);
  if (date == NULL)
    kh_feed_add_problem (ctx->feed, FALSE, _("Item %u: “%s” is not an RFC 3339 date: “%s”"),
                         ctx->index, name, text);
  return date;
}

/* Numbers this large count milliseconds: as seconds they would be more
 * than 3000 years ahead. */
#define MIN_EPOCH_MILLISECONDS 100000000000.0

static GDateTime *
date_from_epoch (double value)
{
  if (!isfinite (value))
    return NULL;
  if (value >= MIN_EPOCH_MILLISECONDS)
    value /= 1000.0;
  /* Beyond what GDateTime can hold (the year 9999). */
  if (value < -62135596800.0 || value > 253402300799.0)
    return NULL;
  return g_date_time_new_from_unix_utc ((gint64) value);
}

static void
add_date_problem (KhFormatContext *ctx,
                  const char      *name,
                  const char      *text)
{
  if (ctx->index > 0)
    kh_feed_add_problem (ctx->feed, FALSE, _("Item %u: “%s” is not a date: “%s”"),
                         ctx->index, name, text);
  else
    kh_feed_add_problem (ctx->feed, FALSE, _("Feed: “%s” is not a date: “%s”"), name, text);
}

/*
 * A time member as news services' JSON writes them: a string (RFC 3339,
 * RFC 822) or a number of seconds or milliseconds since 1970, the way
 * JavaScript counts them, also when written as a string of digits.
 */
GDateTime *
kh_format_json_get_time (KhFormatContext *ctx,
                         JsonObject      *object,
                         const char      *name)
{
  JsonNode *node = json_object_get_member (object, name);
  GDateTime *date = NULL;
  const char *text;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node) &&
      (json_node_get_value_type (node) == G_TYPE_INT64 || json_node_get_value_type (node) == G_TYPE_DOUBLE))
    {
      double value = json_node_get_double (node);
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      date = date_from_epoch (value);
      if (date == NULL)
        add_date_problem (ctx, name, g_ascii_dtostr (buffer, sizeof buffer, value));
      return date;
    }

  text = kh_format_json_get_string (ctx, object, name);
  if (kh_text_is_blank (text, -1))
    return NULL;
  /* Nine digits or more: seconds since 1973 at least, not a year. */
  if (strspn (text, "0123456789") == strlen (text) && strlen (text) >= 9 && strlen (text) <= 15)
    date = date_from_epoch (g_ascii_strtod (text, NULL));
  else
    date = kh_date_parse_any (text);
  if (date == NULL)
    add_date_problem (ctx, name, text);
  return date;
}

/* An id member: a string, or a number turned into one. */
char *
kh_format_json_get_id (JsonObject *object,
                       const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (kh_format_json_is_string (node))
    return g_strstrip (g_strdup (json_node_get_string (node)));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return g_strdup_printf ("%.17g", json_node_get_double (node));
  return NULL;
}
