/* kh-feed-parser.c
 *
 * JSON Feed 1.0 and 1.1, with Khabar's "_khabar" extension object.  A feed
 * is accepted item by item: a broken item is skipped and reported, the rest
 * of the feed still reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "kh-date.h"
#include "kh-error.h"
#include "kh-html.h"
#include "kh-text.h"
#include "kh-feed-parser.h"

#define JSON_FEED_VERSION_PREFIX "https://jsonfeed.org/version/1"
#define MAX_DERIVED_TITLE 120

typedef struct
{
  KhFeed     *feed;
  GStrv       feed_authors;
  GHashTable *seen_ids;
  GTimeZone  *feed_clock;
  const char *feed_clock_label;
  const char *feed_language;
  guint       index;
} ParseContext;

static const char *
describe_node (JsonNode *node)
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

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/*
 * A member that must be a string.  Absent and null members are NULL;
 * a member of another type is NULL and reported as a problem of the feed.
 */
static const char *
get_string (ParseContext *ctx,
            JsonObject   *object,
            const char   *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (node_is_string (node))
    return json_node_get_string (node);

  if (ctx->index > 0)
    kh_feed_add_problem (ctx->feed, FALSE, _("Item %u: “%s” should be a string, found %s"),
                         ctx->index, name, describe_node (node));
  else
    kh_feed_add_problem (ctx->feed, FALSE, _("Feed: “%s” should be a string, found %s"),
                         name, describe_node (node));
  return NULL;
}

static JsonObject *
get_object (ParseContext *ctx,
            JsonObject   *object,
            const char   *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  kh_feed_add_problem (ctx->feed, FALSE, _("Item %u: “%s” should be an object, found %s"),
                       ctx->index, name, describe_node (node));
  return NULL;
}

static JsonArray *
get_array (ParseContext *ctx,
           JsonObject   *object,
           const char   *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_node_get_array (node);

  kh_feed_add_problem (ctx->feed, FALSE, _("Item %u: “%s” should be an array, found %s"),
                       ctx->index, name, describe_node (node));
  return NULL;
}

static GTimeZone *
parse_clock (ParseContext *ctx,
             JsonObject   *extension)
{
  const char *identifier = get_string (ctx, extension, "timezone");
  GTimeZone *clock;

  if (identifier == NULL)
    return NULL;

  clock = g_time_zone_new_identifier (identifier);
  if (clock == NULL)
    kh_feed_add_problem (ctx->feed, FALSE, _("Unknown time zone “%s”"), identifier);
  return clock;
}

static GDateTime *
parse_date (ParseContext *ctx,
            JsonObject   *object,
            const char   *name)
{
  const char *text = get_string (ctx, object, name);
  GDateTime *date;

  if (text == NULL)
    return NULL;

  date = kh_date_parse_rfc3339 (text);
  if (date == NULL)
    kh_feed_add_problem (ctx->feed, FALSE, _("Item %u: “%s” is not an RFC 3339 date: “%s”"),
                         ctx->index, name, text);
  return date;
}

/* JSON Feed ids are strings; readers must coerce other ids to strings. */
static char *
parse_id (ParseContext *ctx,
          JsonObject   *object)
{
  JsonNode *node = json_object_get_member (object, "id");

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (node_is_string (node))
    return g_strstrip (g_strdup (json_node_get_string (node)));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return g_strdup_printf ("%.17g", json_node_get_double (node));
  return NULL;
}

/* The names of "authors" (1.1) or "author" (1.0) in @object. */
static GStrv
parse_names (ParseContext *ctx,
             JsonObject   *item)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  JsonArray *authors = get_array (ctx, item, "authors");
  JsonObject *author_1_0 = authors ? NULL : get_object (ctx, item, "author");

  if (authors != NULL)
    {
      for (guint i = 0; i < json_array_get_length (authors); i++)
        {
          JsonNode *node = json_array_get_element (authors, i);
          const char *name;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          name = get_string (ctx, json_node_get_object (node), "name");
          if (name != NULL && *name != '\0')
            g_strv_builder_add (names, name);
        }
    }
  else if (author_1_0 != NULL)
    {
      const char *name = get_string (ctx, author_1_0, "name");

      if (name != NULL && *name != '\0')
        g_strv_builder_add (names, name);
    }

  return g_strv_builder_end (names);
}

static GStrv
parse_tags (ParseContext *ctx,
            JsonObject   *item)
{
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  JsonArray *array = get_array (ctx, item, "tags");

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (node_is_string (node))
        g_strv_builder_add (tags, json_node_get_string (node));
    }

  return g_strv_builder_end (tags);
}

static GStrv
parse_body (ParseContext *ctx,
            JsonObject   *item)
{
  const char *html = get_string (ctx, item, "content_html");
  const char *text = get_string (ctx, item, "content_text");

  if (html != NULL && *html != '\0')
    return kh_html_to_paragraphs (html);
  return kh_text_split_paragraphs (text);
}

static void
parse_extension (ParseContext *ctx,
                 JsonObject   *item_object,
                 KhItem       *item)
{
  JsonObject *extension = get_object (ctx, item_object, "_khabar");
  g_autoptr(GTimeZone) clock = NULL;
  const char *clock_label = ctx->feed_clock_label;
  JsonNode *breaking;

  if (extension != NULL)
    {
      kh_item_set_dateline (item, get_string (ctx, extension, "dateline"));
      kh_item_set_image_caption (item, get_string (ctx, extension, "image_caption"));

      breaking = json_object_get_member (extension, "breaking");
      if (breaking != NULL && JSON_NODE_HOLDS_VALUE (breaking) &&
          json_node_get_value_type (breaking) == G_TYPE_BOOLEAN)
        kh_item_set_breaking (item, json_node_get_boolean (breaking));
      else if (breaking != NULL)
        kh_feed_add_problem (ctx->feed, FALSE, _("Item %u: “%s” should be a boolean, found %s"),
                             ctx->index, "breaking", describe_node (breaking));

      clock = parse_clock (ctx, extension);
      if (clock != NULL)
        clock_label = get_string (ctx, extension, "timezone_label");
    }

  if (clock != NULL)
    kh_item_set_clock (item, clock, clock_label);
  else
    kh_item_set_clock (item, ctx->feed_clock, ctx->feed_clock_label);
}

/* A title for an item that has none, as microblog-style feeds send them. */
static char *
derive_title (KhItem *item)
{
  const char *summary = kh_item_get_summary (item);
  const char * const *paragraphs = kh_item_get_paragraphs (item);
  const char *source = summary;
  g_autofree char *first_line = NULL;

  if (source == NULL || *source == '\0')
    source = paragraphs[0];
  if (source == NULL)
    return NULL;

  first_line = g_strndup (source, strcspn (source, "\n"));
  return kh_text_truncate (first_line, MAX_DERIVED_TITLE);
}

static void
fill_item (ParseContext *ctx,
           JsonObject   *object,
           KhItem       *item)
{
  g_autoptr(GDateTime) published = parse_date (ctx, object, "date_published");
  g_autoptr(GDateTime) modified = parse_date (ctx, object, "date_modified");
  const char *title = get_string (ctx, object, "title");
  const char *summary = get_string (ctx, object, "summary");
  const char *image = get_string (ctx, object, "image");
  const char *language = get_string (ctx, object, "language");
  g_autofree char *clean_title = title ? kh_text_collapse_whitespace (title) : NULL;
  g_autofree char *clean_summary = summary ? kh_text_collapse_whitespace (summary) : NULL;

  kh_item_set_url (item, get_string (ctx, object, "url"));
  kh_item_set_title (item, clean_title);
  kh_item_set_summary (item, clean_summary && *clean_summary ? clean_summary : NULL);
  kh_item_set_paragraphs (item, parse_body (ctx, object));
  kh_item_set_image (item, image ? image : get_string (ctx, object, "banner_image"));
  kh_item_set_language (item, language ? language : ctx->feed_language);
  kh_item_set_published (item, published ? published : modified);
  kh_item_set_modified (item, modified);
  {
    GStrv authors = parse_names (ctx, object);

    /* Items without authors take the feed's, as JSON Feed says. */
    if (authors[0] == NULL && ctx->feed_authors != NULL)
      {
        g_strfreev (authors);
        authors = g_strdupv (ctx->feed_authors);
      }
    kh_item_set_authors (item, authors);
  }
  kh_item_set_tags (item, parse_tags (ctx, object));
  parse_extension (ctx, object, item);
}

static void
parse_item (ParseContext *ctx,
            JsonNode     *node)
{
  g_autofree char *id = NULL;
  g_autoptr(KhItem) item = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      kh_feed_add_problem (ctx->feed, TRUE, _("Item %u is %s, not an object; skipped"),
                           ctx->index, describe_node (node));
      return;
    }
  object = json_node_get_object (node);

  id = parse_id (ctx, object);
  if (id == NULL || *id == '\0')
    {
      kh_feed_add_problem (ctx->feed, TRUE, _("Item %u has no id; skipped"), ctx->index);
      return;
    }
  if (g_hash_table_contains (ctx->seen_ids, id))
    {
      kh_feed_add_problem (ctx->feed, TRUE, _("Item %u repeats the id “%s”; skipped"),
                           ctx->index, id);
      return;
    }

  item = kh_item_new (id);
  fill_item (ctx, object, item);

  if (*kh_item_get_title (item) == '\0')
    {
      g_autofree char *title = derive_title (item);

      if (title == NULL || *title == '\0')
        {
          kh_feed_add_problem (ctx->feed, TRUE,
                               _("Item %u (“%s”) has neither a title nor any text; skipped"),
                               ctx->index, id);
          return;
        }
      kh_item_set_title (item, title);
    }

  g_hash_table_add (ctx->seen_ids, g_steal_pointer (&id));
  kh_feed_add_item (ctx->feed, item);
}

static gboolean
check_utf8 (const char  *data,
            gsize        length,
            GError     **error)
{
  const char *end;
  guint line, column;

  if (g_utf8_validate_len (data, length, &end))
    return TRUE;

  kh_text_position_of_offset (data, end - data, &line, &column);
  g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_INVALID_UTF8,
               _("Line %u, column %u: the document is not valid UTF-8 (byte %zu)"),
               line, column, (gsize) (end - data));
  return FALSE;
}

/* json-glib counts columns in bytes; readers count characters. */
static guint
byte_column_to_chars (const char *data,
                      gsize       length,
                      guint       line,
                      guint       column)
{
  const char *line_start = data;
  const char *end = data + length;

  for (guint i = 1; i < line && line_start < end; i++)
    {
      const char *newline = memchr (line_start, '\n', end - line_start);

      if (newline == NULL)
        return column;
      line_start = newline + 1;
    }
  if (column == 0 || (gsize) (end - line_start) < column - 1)
    return column;
  return g_utf8_strlen (line_start, column - 1) + 1;
}

/* json-glib says "<data>:3:14: Parse error: …"; say "Line 3, column 14: …". */
static void
set_syntax_error (GError     **error,
                  GError      *json_error,
                  const char  *data,
                  gsize        length)
{
  guint line, column;
  int consumed = 0;

  if (sscanf (json_error->message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 &&
      consumed > 0 && (column = byte_column_to_chars (data, length, line, column)) > 0)
    g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_SYNTAX,
                 _("Line %u, column %u: %s"), line, column, json_error->message + consumed);
  else
    g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_SYNTAX,
                 _("Not valid JSON: %s"), json_error->message);
}

static JsonArray *
find_items (JsonNode  *root,
            GError   **error)
{
  JsonObject *object;
  JsonNode *items;
  const char *version;

  if (root == NULL)
    {
      g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED, _("The document is empty"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED,
                   _("Not a news feed: the document is %s, not a JSON Feed object"),
                   describe_node (root));
      return NULL;
    }

  object = json_node_get_object (root);
  items = json_object_get_member (object, "items");
  version = json_object_has_member (object, "version") &&
            node_is_string (json_object_get_member (object, "version"))
            ? json_object_get_string_member (object, "version") : NULL;

  if (items == NULL)
    {
      if (version != NULL && g_str_has_prefix (version, JSON_FEED_VERSION_PREFIX))
        g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED,
                     _("Not a news feed: a JSON Feed without “items”"));
      else
        g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED,
                     _("Not a news feed: a JSON object without “items”"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (items))
    {
      g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED,
                   _("Not a news feed: “items” is %s, not an array"), describe_node (items));
      return NULL;
    }

  return json_node_get_array (items);
}

static void
parse_feed_fields (ParseContext *ctx,
                   JsonObject   *object)
{
  JsonNode *extension_node = json_object_get_member (object, "_khabar");

  kh_feed_set_title (ctx->feed, get_string (ctx, object, "title"));
  kh_feed_set_home_page_url (ctx->feed, get_string (ctx, object, "home_page_url"));
  kh_feed_set_language (ctx->feed, get_string (ctx, object, "language"));
  ctx->feed_language = kh_feed_get_language (ctx->feed);
  ctx->feed_authors = parse_names (ctx, object);

  if (extension_node != NULL && JSON_NODE_HOLDS_OBJECT (extension_node))
    {
      JsonObject *extension = json_node_get_object (extension_node);

      ctx->feed_clock = parse_clock (ctx, extension);
      if (ctx->feed_clock != NULL)
        ctx->feed_clock_label = get_string (ctx, extension, "timezone_label");
    }
}

/**
 * kh_feed_parser_parse:
 * @document: the bytes of a JSON Feed document
 *
 * Parses a whole document.  This may take a while on a large feed: call it
 * from a worker thread, as kh_feed_parser_parse_async() does.
 *
 * Returns: (transfer full): the feed, its items newest first
 */
KhFeed *
kh_feed_parser_parse (GBytes  *document,
                      GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) json_error = NULL;
  g_autoptr(KhFeed) feed = NULL;
  ParseContext ctx = { 0 };
  JsonArray *items;
  const char *data;
  gsize length;

  data = g_bytes_get_data (document, &length);
  if (data == NULL)
    data = "";
  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (!check_utf8 (data, length, error))
    return NULL;
  if (!json_parser_load_from_data (parser, data, length, &json_error))
    {
      set_syntax_error (error, json_error, data, length);
      return NULL;
    }

  items = find_items (json_parser_get_root (parser), error);
  if (items == NULL)
    return NULL;

  feed = kh_feed_new ();
  ctx.feed = feed;
  ctx.seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  parse_feed_fields (&ctx, json_node_get_object (json_parser_get_root (parser)));

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      ctx.index = i + 1;
      parse_item (&ctx, json_array_get_element (items, i));
    }

  g_hash_table_unref (ctx.seen_ids);
  g_strfreev (ctx.feed_authors);
  g_clear_pointer (&ctx.feed_clock, g_time_zone_unref);

  kh_feed_sort (feed);
  return g_steal_pointer (&feed);
}

static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  KhFeed *feed = kh_feed_parser_parse (task_data, &error);

  if (feed != NULL)
    g_task_return_pointer (task, feed, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
kh_feed_parser_parse_async (GBytes              *document,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (document != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kh_feed_parser_parse_async);
  g_task_set_task_data (task, g_bytes_ref (document), (GDestroyNotify) g_bytes_unref);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, parse_in_thread);
}

KhFeed *
kh_feed_parser_parse_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kh_feed_parser_parse_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
