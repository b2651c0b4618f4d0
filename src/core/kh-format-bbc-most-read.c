/* kh-format-bbc-most-read.c
 *
 * The "most read" list of a BBC News language service, as its pages
 * fetch it: { "data": { "generated", "lastRecordTimeStamp", "items": [
 * { "id", "rank", "title", "href", "timestamp" } ] } }.  Each entry is a
 * headline with its address and time and no text: the story is read on
 * the site.  Ids are UUIDs or URNs, addresses relative to the site or
 * whole, times milliseconds since 1970.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kh-format-json.h"

/* Relative addresses are the BBC's own. */
#define BBC_HOME "https://www.bbc.com"

/* An entry links with "href" where a JSON Feed item has "url", and has
 * a rank or a time. */
static gboolean
is_entry (JsonNode *node)
{
  JsonObject *entry;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  entry = json_node_get_object (node);
  return kh_format_json_member_string (entry, "href") != NULL &&
         !json_object_has_member (entry, "url") &&
         (json_object_has_member (entry, "rank") || json_object_has_member (entry, "timestamp"));
}

static gboolean
is_list (JsonObject *object)
{
  JsonNode *items = json_object_get_member (object, "items");
  JsonArray *array;

  if (json_object_has_member (object, "version") || items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
    return FALSE;
  if (json_object_has_member (object, "lastRecordTimeStamp") ||
      json_object_has_member (object, "firstRecordTimeStamp"))
    return TRUE;
  array = json_node_get_array (items);
  return json_array_get_length (array) > 0 && is_entry (json_array_get_element (array, 0));
}

/* The list: the document's "data", or the document itself. */
static JsonObject *
find_list (JsonNode *root)
{
  JsonObject *object;
  JsonNode *data;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  data = json_object_get_member (object, "data");
  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data) && is_list (json_node_get_object (data)))
    return json_node_get_object (data);
  return is_list (object) ? object : NULL;
}

gboolean
kh_format_bbc_most_read_probe (KhDocument *document)
{
  return document->json != NULL && find_list (document->json) != NULL;
}

static void
parse_entry (KhFormatContext *ctx,
             JsonNode        *node)
{
  g_autofree char *id = NULL;
  g_autofree char *url = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GDateTime) published = NULL;
  g_autoptr(KhItem) item = NULL;
  JsonObject *entry;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      kh_feed_add_problem (ctx->feed, TRUE, _("Item %u is %s, not an object; skipped"),
                           ctx->index, kh_format_json_describe (node));
      return;
    }
  entry = json_node_get_object (node);

  url = kh_format_resolve_uri (ctx, kh_format_json_get_string (ctx, entry, "href"));
  id = kh_format_json_get_id (entry, "id");
  if ((id == NULL || *id == '\0') && url != NULL)
    {
      g_free (id);
      id = g_strdup (url);
    }
  if (!kh_format_check_id (ctx, &id))
    return;

  title = kh_format_text (kh_format_json_get_string (ctx, entry, "title"), FALSE);
  published = kh_format_json_get_time (ctx, entry, "timestamp");

  item = kh_item_new (id);
  kh_item_set_url (item, url);
  kh_item_set_title (item, title);
  kh_item_set_published (item, published);
  kh_format_add_item (ctx, item);
}

KhFeed *
kh_format_bbc_most_read_parse (KhDocument  *document,
                               GError     **error)
{
  g_auto(KhFormatContext) ctx = { 0 };
  JsonObject *list = find_list (document->json);
  JsonArray *entries = json_object_get_array_member (list, "items");

  kh_format_context_init (&ctx, document);
  if (ctx.base_uri == NULL)
    ctx.base_uri = BBC_HOME;
  kh_feed_set_format (ctx.feed, "BBC News most read");

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      ctx.index = i + 1;
      parse_entry (&ctx, json_array_get_element (entries, i));
    }

  return kh_format_context_finish (&ctx);
}
