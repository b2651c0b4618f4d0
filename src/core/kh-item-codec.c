/* kh-item-codec.c
 *
 * The one list of an item's content fields that outlives the process: the
 * store keeps items in this form, and the content hash is taken over it.
 * Adding a field to KhItem means adding it here, or it is neither stored
 * nor noticed when it changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kh-error.h"
#include "kh-item-codec.h"

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *name,
          const char * const *values)
{
  if (values == NULL || values[0] == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_date (JsonBuilder *builder,
          const char  *name,
          GDateTime   *value)
{
  g_autofree char *text = value ? g_date_time_format_iso8601 (value) : NULL;

  add_string (builder, name, text);
}

static void
add_attachments (JsonBuilder *builder,
                 GPtrArray   *attachments)
{
  if (attachments->len == 0)
    return;
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < attachments->len; i++)
    {
      KhAttachment *attachment = attachments->pdata[i];

      json_builder_begin_object (builder);
      add_string (builder, "url", kh_attachment_get_url (attachment));
      add_string (builder, "mime_type", kh_attachment_get_mime_type (attachment));
      add_string (builder, "title", kh_attachment_get_title (attachment));
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, kh_attachment_get_size (attachment));
      json_builder_set_member_name (builder, "duration");
      json_builder_add_double_value (builder, kh_attachment_get_duration (attachment));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* Members are written in a fixed order, so equal items give equal text. */
JsonNode *
kh_item_to_json (KhItem *item)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  GTimeZone *clock = kh_item_get_clock (item);

  json_builder_begin_object (builder);
  add_string (builder, "id", kh_item_get_id (item));
  add_string (builder, "url", kh_item_get_url (item));
  add_string (builder, "title", kh_item_get_title (item));
  add_string (builder, "summary", kh_item_get_summary (item));
  /* An HTML body's paragraphs come from it: stored once, hashed once. */
  if (kh_item_get_content_html (item) == NULL)
    add_strv (builder, "paragraphs", kh_item_get_paragraphs (item));
  add_string (builder, "image", kh_item_get_image (item));
  add_string (builder, "image_caption", kh_item_get_image_caption (item));
  add_string (builder, "dateline", kh_item_get_dateline (item));
  add_string (builder, "language", kh_item_get_language (item));
  add_date (builder, "published", kh_item_get_published (item));
  add_date (builder, "modified", kh_item_get_modified (item));
  add_string (builder, "clock", clock ? g_time_zone_get_identifier (clock) : NULL);
  add_string (builder, "clock_label", kh_item_get_clock_label (item));
  json_builder_set_member_name (builder, "breaking");
  json_builder_add_boolean_value (builder, kh_item_get_breaking (item));
  add_strv (builder, "authors", kh_item_get_authors (item));
  add_strv (builder, "tags", kh_item_get_tags (item));
  add_string (builder, "content_html", kh_item_get_content_html (item));
  add_string (builder, "banner_image", kh_item_get_banner_image (item));
  add_attachments (builder, kh_item_get_attachments (item));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
kh_item_to_json_string (KhItem *item)
{
  g_autoptr(JsonNode) node = kh_item_to_json (item);

  return json_to_string (node, FALSE);
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static GStrv
get_strv (JsonObject *object,
          const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *value = json_array_get_string_element (array, i);

      if (value != NULL)
        g_strv_builder_add (builder, value);
    }
  return g_strv_builder_end (builder);
}

static GDateTime *
get_date (JsonObject *object,
          const char *name)
{
  const char *text = get_string (object, name);

  return text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;
}

static void
load_attachments (KhItem     *item,
                  JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "attachments");
  JsonArray *array;

  kh_item_clear_attachments (item);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return;

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *fields;
      g_autoptr(KhAttachment) attachment = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        continue;
      fields = json_node_get_object (element);
      if (get_string (fields, "url") == NULL)
        continue;
      attachment = kh_attachment_new (get_string (fields, "url"), get_string (fields, "mime_type"),
                                      get_string (fields, "title"),
                                      json_object_get_int_member_with_default (fields, "size", 0),
                                      json_object_get_double_member_with_default (fields, "duration", 0));
      kh_item_add_attachment (item, attachment);
    }
}

static void
load_clock (KhItem     *item,
            JsonObject *object)
{
  const char *identifier = get_string (object, "clock");
  g_autoptr(GTimeZone) clock = identifier ? g_time_zone_new_identifier (identifier) : NULL;

  kh_item_set_clock (item, clock, get_string (object, "clock_label"));
}

/**
 * kh_item_load_json:
 * @content: an object written by kh_item_to_json()
 *
 * Replaces every content field of @item; fields @content lacks are cleared.
 * The id and the reader's state are left alone.
 */
void
kh_item_load_json (KhItem   *item,
                   JsonNode *content)
{
  JsonObject *object = json_node_get_object (content);
  g_autoptr(GDateTime) published = get_date (object, "published");
  g_autoptr(GDateTime) modified = get_date (object, "modified");

  kh_item_set_url (item, get_string (object, "url"));
  kh_item_set_title (item, get_string (object, "title"));
  kh_item_set_summary (item, get_string (object, "summary"));
  kh_item_set_paragraphs (item, get_strv (object, "paragraphs"));
  kh_item_set_image (item, get_string (object, "image"));
  kh_item_set_image_caption (item, get_string (object, "image_caption"));
  kh_item_set_dateline (item, get_string (object, "dateline"));
  kh_item_set_language (item, get_string (object, "language"));
  kh_item_set_published (item, published);
  kh_item_set_modified (item, modified);
  load_clock (item, object);
  kh_item_set_breaking (item, json_object_get_boolean_member_with_default (object, "breaking", FALSE));
  kh_item_set_authors (item, get_strv (object, "authors"));
  kh_item_set_tags (item, get_strv (object, "tags"));
  kh_item_set_content_html (item, get_string (object, "content_html"));
  kh_item_set_banner_image (item, get_string (object, "banner_image"));
  load_attachments (item, object);
}

KhItem *
kh_item_new_from_json_string (const char  *json,
                              GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;
  const char *id;
  KhItem *item;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;

  root = json_parser_get_root (parser);
  id = JSON_NODE_HOLDS_OBJECT (root) ? get_string (json_node_get_object (root), "id") : NULL;
  if (id == NULL)
    {
      g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED,
                   _("A stored item has no id"));
      return NULL;
    }

  item = kh_item_new (id);
  kh_item_load_json (item, root);
  return item;
}
