/* kh-format-json-feed.c
 *
 * JSON Feed 1.0 and 1.1, with Khabar's "_khabar" extension object.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kh-error.h"
#include "kh-text.h"
#include "kh-format-json.h"

#define JSON_FEED_VERSION_PREFIX "https://jsonfeed.org/version/1"

typedef struct
{
  KhFormatContext  base;
  GStrv            feed_authors;
  GTimeZone       *feed_clock;
  const char      *feed_clock_label;
  const char      *feed_language;
} JsonFeedContext;

static void
json_feed_context_clear (JsonFeedContext *ctx)
{
  kh_format_context_clear (&ctx->base);
  g_clear_pointer (&ctx->feed_authors, g_strfreev);
  g_clear_pointer (&ctx->feed_clock, g_time_zone_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JsonFeedContext, json_feed_context_clear)

static const char *
get_version (JsonObject *object)
{
  return kh_format_json_member_string (object, "version");
}

/* Any object with "items", or one that says it is a JSON Feed. */
gboolean
kh_format_json_feed_probe (KhDocument *document)
{
  JsonObject *object;
  const char *version;

  if (document->json == NULL || !JSON_NODE_HOLDS_OBJECT (document->json))
    return FALSE;

  object = json_node_get_object (document->json);
  version = get_version (object);
  return json_object_has_member (object, "items") ||
         (version != NULL && g_str_has_prefix (version, JSON_FEED_VERSION_PREFIX));
}

static GTimeZone *
parse_clock (JsonFeedContext *ctx,
             JsonObject      *extension)
{
  const char *identifier = kh_format_json_get_string (&ctx->base, extension, "timezone");
  GTimeZone *clock;

  if (identifier == NULL)
    return NULL;

  clock = g_time_zone_new_identifier (identifier);
  if (clock == NULL)
    kh_feed_add_problem (ctx->base.feed, FALSE, _("Unknown time zone “%s”"), identifier);
  return clock;
}

/* The names of "authors" (1.1) or "author" (1.0) in @object. */
static GStrv
parse_names (JsonFeedContext *ctx,
             JsonObject      *object)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  JsonArray *authors = kh_format_json_get_array (&ctx->base, object, "authors");
  JsonObject *author_1_0 = authors ? NULL : kh_format_json_get_object (&ctx->base, object, "author");

  for (guint i = 0; authors != NULL && i < json_array_get_length (authors); i++)
    {
      JsonNode *node = json_array_get_element (authors, i);
      const char *name;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      name = kh_format_json_get_string (&ctx->base, json_node_get_object (node), "name");
      if (name != NULL && *name != '\0')
        g_strv_builder_add (names, name);
    }

  if (author_1_0 != NULL)
    {
      const char *name = kh_format_json_get_string (&ctx->base, author_1_0, "name");

      if (name != NULL && *name != '\0')
        g_strv_builder_add (names, name);
    }

  return g_strv_builder_end (names);
}

static GStrv
parse_tags (JsonFeedContext *ctx,
            JsonObject      *item)
{
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  JsonArray *array = kh_format_json_get_array (&ctx->base, item, "tags");

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *tag = kh_format_json_string (json_array_get_element (array, i));

      if (tag != NULL)
        g_strv_builder_add (tags, tag);
    }

  return g_strv_builder_end (tags);
}

static gint64
get_integer (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return 0;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return 0;
}

static void
parse_attachments (JsonFeedContext *ctx,
                   JsonObject      *object,
                   KhItem          *item)
{
  JsonArray *array = kh_format_json_get_array (&ctx->base, object, "attachments");

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(KhAttachment) attachment = NULL;
      g_autofree char *url = NULL;
      JsonObject *fields;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      fields = json_node_get_object (node);
      url = kh_format_resolve_uri (&ctx->base, kh_format_json_get_string (&ctx->base, fields, "url"));
      if (url == NULL)
        {
          kh_feed_add_problem (ctx->base.feed, FALSE, _("Item %u: an attachment has no URL"),
                               ctx->base.index);
          continue;
        }

      attachment = kh_attachment_new (url,
                                      kh_format_json_get_string (&ctx->base, fields, "mime_type"),
                                      kh_format_json_get_string (&ctx->base, fields, "title"),
                                      get_integer (fields, "size_in_bytes"),
                                      get_integer (fields, "duration_in_seconds"));
      kh_item_add_attachment (item, attachment);
    }
}

static void
parse_body (JsonFeedContext *ctx,
            JsonObject      *object,
            KhItem          *item)
{
  const char *html = kh_format_json_get_string (&ctx->base, object, "content_html");
  const char *text = kh_format_json_get_string (&ctx->base, object, "content_text");

  kh_format_set_body (item, html, text);
}

static void
parse_extension (JsonFeedContext *ctx,
                 JsonObject      *item_object,
                 KhItem          *item)
{
  JsonObject *extension = kh_format_json_get_object (&ctx->base, item_object, "_khabar");
  g_autoptr(GTimeZone) clock = NULL;
  const char *clock_label = ctx->feed_clock_label;
  JsonNode *breaking;

  if (extension != NULL)
    {
      kh_item_set_dateline (item, kh_format_json_get_string (&ctx->base, extension, "dateline"));
      kh_item_set_image_caption (item, kh_format_json_get_string (&ctx->base, extension, "image_caption"));

      breaking = json_object_get_member (extension, "breaking");
      if (breaking != NULL && JSON_NODE_HOLDS_VALUE (breaking) &&
          json_node_get_value_type (breaking) == G_TYPE_BOOLEAN)
        kh_item_set_breaking (item, json_node_get_boolean (breaking));
      else if (breaking != NULL)
        kh_feed_add_problem (ctx->base.feed, FALSE, _("Item %u: “%s” should be a boolean, found %s"),
                             ctx->base.index, "breaking", kh_format_json_describe (breaking));

      clock = parse_clock (ctx, extension);
      if (clock != NULL)
        clock_label = kh_format_json_get_string (&ctx->base, extension, "timezone_label");
    }

  if (clock != NULL)
    kh_item_set_clock (item, clock, clock_label);
  else
    kh_item_set_clock (item, ctx->feed_clock, ctx->feed_clock_label);
}

static void
parse_images (JsonFeedContext *ctx,
              JsonObject      *object,
              KhItem          *item)
{
  const char *image_url = kh_format_json_get_string (&ctx->base, object, "image");
  const char *banner_url = kh_format_json_get_string (&ctx->base, object, "banner_image");
  g_autofree char *image = kh_format_resolve_uri (&ctx->base, image_url);
  g_autofree char *banner = kh_format_resolve_uri (&ctx->base, banner_url);

  kh_item_set_banner_image (item, banner);
  /* A banner, then an image attachment, stands in for a missing image. */
  kh_item_set_image (item, image ? image : banner);
  kh_format_image_from_attachments (item);
}

static void
fill_item (JsonFeedContext *ctx,
           JsonObject      *object,
           KhItem          *item)
{
  g_autoptr(GDateTime) published = kh_format_json_get_date (&ctx->base, object, "date_published");
  g_autoptr(GDateTime) modified = kh_format_json_get_date (&ctx->base, object, "date_modified");
  const char *title = kh_format_json_get_string (&ctx->base, object, "title");
  const char *summary = kh_format_json_get_string (&ctx->base, object, "summary");
  const char *url = kh_format_json_get_string (&ctx->base, object, "url");
  const char *language = kh_format_json_get_string (&ctx->base, object, "language");
  g_autofree char *clean_title = title ? kh_text_collapse_whitespace (title) : NULL;
  g_autofree char *clean_summary = summary ? kh_text_collapse_whitespace (summary) : NULL;
  g_autofree char *resolved_url = NULL;
  GStrv authors;

  if (url == NULL)
    url = kh_format_json_get_string (&ctx->base, object, "external_url");
  resolved_url = kh_format_resolve_uri (&ctx->base, url);

  kh_item_set_url (item, resolved_url);
  kh_item_set_title (item, clean_title);
  kh_item_set_summary (item, clean_summary && *clean_summary ? clean_summary : NULL);
  parse_body (ctx, object, item);
  parse_attachments (ctx, object, item);
  parse_images (ctx, object, item);
  kh_item_set_language (item, language ? language : ctx->feed_language);
  kh_item_set_published (item, published ? published : modified);
  kh_item_set_modified (item, modified);

  /* Items without authors take the feed's, as JSON Feed says. */
  authors = parse_names (ctx, object);
  if (authors[0] == NULL && ctx->feed_authors != NULL)
    {
      g_strfreev (authors);
      authors = g_strdupv (ctx->feed_authors);
    }
  kh_item_set_authors (item, authors);
  kh_item_set_tags (item, parse_tags (ctx, object));
  parse_extension (ctx, object, item);
}

static void
parse_item (JsonFeedContext *ctx,
            JsonNode        *node)
{
  g_autofree char *id = NULL;
  g_autoptr(KhItem) item = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      kh_feed_add_problem (ctx->base.feed, TRUE, _("Item %u is %s, not an object; skipped"),
                           ctx->base.index, kh_format_json_describe (node));
      return;
    }
  object = json_node_get_object (node);

  /* Feeds converted from RSS often leave ids out; their URL serves. */
  id = kh_format_json_get_id (object, "id");
  if (id == NULL || *id == '\0')
    {
      g_free (id);
      id = kh_format_json_get_id (object, "url");
    }
  if (!kh_format_check_id (&ctx->base, &id))
    return;

  item = kh_item_new (id);
  fill_item (ctx, object, item);
  kh_format_add_item (&ctx->base, item);
}

static JsonArray *
find_items (JsonObject  *object,
            GError     **error)
{
  JsonNode *items = json_object_get_member (object, "items");

  if (items == NULL)
    {
      g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED,
                   _("Not a news feed: a JSON Feed without “items”"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (items))
    {
      g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED,
                   _("Not a news feed: “items” is %s, not an array"),
                   kh_format_json_describe (items));
      return NULL;
    }

  return json_node_get_array (items);
}

static const char *
format_name (JsonObject *object)
{
  const char *version = get_version (object);

  if (g_strcmp0 (version, JSON_FEED_VERSION_PREFIX ".1") == 0)
    return "JSON Feed 1.1";
  if (g_strcmp0 (version, JSON_FEED_VERSION_PREFIX) == 0)
    return "JSON Feed 1.0";
  return "JSON Feed";
}

static void
parse_feed_fields (JsonFeedContext *ctx,
                   JsonObject      *object)
{
  KhFeed *feed = ctx->base.feed;
  JsonNode *extension_node = json_object_get_member (object, "_khabar");
  JsonNode *expired = json_object_get_member (object, "expired");
  const char *icon = kh_format_json_get_string (&ctx->base, object, "icon");
  g_autofree char *next_url = NULL;
  g_autofree char *icon_url = NULL;

  kh_feed_set_format (feed, format_name (object));
  kh_feed_set_title (feed, kh_format_json_get_string (&ctx->base, object, "title"));
  kh_feed_set_home_page_url (feed, kh_format_json_get_string (&ctx->base, object, "home_page_url"));
  kh_feed_set_language (feed, kh_format_json_get_string (&ctx->base, object, "language"));
  ctx->feed_language = kh_feed_get_language (feed);
  ctx->feed_authors = parse_names (ctx, object);

  next_url = kh_format_resolve_uri (&ctx->base, kh_format_json_get_string (&ctx->base, object, "next_url"));
  kh_feed_set_next_url (feed, next_url);
  if (icon == NULL)
    icon = kh_format_json_get_string (&ctx->base, object, "favicon");
  icon_url = kh_format_resolve_uri (&ctx->base, icon);
  kh_feed_set_icon (feed, icon_url);
  if (expired != NULL && JSON_NODE_HOLDS_VALUE (expired) &&
      json_node_get_value_type (expired) == G_TYPE_BOOLEAN)
    kh_feed_set_expired (feed, json_node_get_boolean (expired));

  if (extension_node != NULL && JSON_NODE_HOLDS_OBJECT (extension_node))
    {
      JsonObject *extension = json_node_get_object (extension_node);

      ctx->feed_clock = parse_clock (ctx, extension);
      if (ctx->feed_clock != NULL)
        ctx->feed_clock_label = kh_format_json_get_string (&ctx->base, extension, "timezone_label");
    }
}

KhFeed *
kh_format_json_feed_parse (KhDocument  *document,
                           GError     **error)
{
  g_auto(JsonFeedContext) ctx = { { 0 } };
  JsonObject *object = json_node_get_object (document->json);
  JsonArray *items = find_items (object, error);

  if (items == NULL)
    return NULL;

  kh_format_context_init (&ctx.base, document);
  parse_feed_fields (&ctx, object);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      ctx.base.index = i + 1;
      parse_item (&ctx, json_array_get_element (items, i));
    }

  return kh_format_context_finish (&ctx.base);
}

/* The items read so far, for a preview. */
static void
send_preview (JsonFeedContext     *ctx,
              KhFeedParserPreview  preview,
              gpointer             user_data)
{
  GPtrArray *items = kh_feed_get_items (ctx->base.feed);
  g_autoptr(GPtrArray) first = g_ptr_array_new_full (items->len, g_object_unref);

  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (first, g_object_ref (items->pdata[i]));
  preview (first, user_data);
}

/* Whether json-glib reads each of @elements from the @first_index'th on. */
static gboolean
elements_read (KhJsonText *text,
               GArray     *elements,
               guint       first_index)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  for (guint i = first_index; i < elements->len; i++)
    {
      KhJsonSpan *element = &g_array_index (elements, KhJsonSpan, i);

      if (!json_parser_load_from_data (parser, kh_json_text_at (text, element->start),
                                       element->end - element->start, NULL))
        return FALSE;
    }
  return TRUE;
}

/**
 * kh_format_json_feed_parse_pieces:
 * @document: the JSON Feed with an empty "items" array
 * @text: the whole document's text; when it owns its buffer, what has been
 *   read is given back as the items are made
 * @elements: where each of its items is in @text (KhJsonSpan)
 * @preview: (nullable): called once KH_FEED_PREVIEW_ITEMS items are read
 *
 * Reads a JSON Feed one item at a time: a small tree each, instead of one
 * for the whole document, and the first items can be shown before the
 * last are read.
 *
 * Returns: (nullable): the feed, or NULL, without an error, when an item
 *   is not valid JSON: the whole document is then read at once, for an
 *   error that says where.  @text is then still whole.
 */
KhFeed *
kh_format_json_feed_parse_pieces (KhDocument          *document,
                                  KhJsonText          *text,
                                  GArray              *elements,
                                  KhFeedParserPreview  preview,
                                  gpointer             user_data)
{
  g_auto(JsonFeedContext) ctx = { { 0 } };
  g_autoptr(JsonParser) parser = json_parser_new ();
  /* Text is given back only once every item is known to read, since the
   * whole text is needed to say where one does not. */
  guint checked_from = preview != NULL ? KH_FEED_PREVIEW_ITEMS : 0;

  kh_format_context_init (&ctx.base, document);
  parse_feed_fields (&ctx, json_node_get_object (document->json));

  for (guint i = 0; i < elements->len; i++)
    {
      KhJsonSpan *element = &g_array_index (elements, KhJsonSpan, i);

      if (text->buffer != NULL && i == checked_from && !elements_read (text, elements, i))
        return NULL;
      if (!json_parser_load_from_data (parser, kh_json_text_at (text, element->start),
                                       element->end - element->start, NULL))
        return NULL;
      ctx.base.index = i + 1;
      parse_item (&ctx, json_parser_get_root (parser));
      if (preview != NULL && i + 1 == KH_FEED_PREVIEW_ITEMS && i + 1 < elements->len)
        send_preview (&ctx, preview, user_data);
      if (i >= checked_from)
        kh_json_text_drop_before (text, element->end);
    }

  return kh_format_context_finish (&ctx.base);
}
