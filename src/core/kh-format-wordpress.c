/* kh-format-wordpress.c
 *
 * The posts of a WordPress site's REST API (/wp-json/wp/v2/posts), best
 * with "?_embed" so that each post carries its featured image and its
 * author's name.  Titles, excerpts and captions are HTML.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kh-date.h"
#include "kh-format-json.h"

/* A field such as "title": { "rendered": "…" }. */
static const char *
get_rendered (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return kh_format_json_member_string (json_node_get_object (node), "rendered");
}

static gboolean
is_post (JsonNode *node)
{
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  object = json_node_get_object (node);
  return json_object_has_member (object, "id") &&
         (get_rendered (object, "title") != NULL || get_rendered (object, "content") != NULL);
}

/* An array of posts, or a single post.  An empty array is an empty list of
 * posts only when it came from a WordPress API address. */
gboolean
kh_format_wordpress_probe (KhDocument *document)
{
  JsonArray *array;

  if (document->json == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_ARRAY (document->json))
    return is_post (document->json);

  array = json_node_get_array (document->json);
  if (json_array_get_length (array) == 0)
    return document->base_uri != NULL && strstr (document->base_uri, "/wp-json/") != NULL;
  return is_post (json_array_get_element (array, 0));
}

/* The first object of an "_embedded" array, e.g. "author" or
 * "wp:featuredmedia". */
static JsonObject *
get_embedded (JsonObject *post,
              const char *name)
{
  JsonNode *embedded = json_object_get_member (post, "_embedded");
  JsonNode *node;
  JsonArray *array;

  if (embedded == NULL || !JSON_NODE_HOLDS_OBJECT (embedded))
    return NULL;
  node = json_object_get_member (json_node_get_object (embedded), name);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0 || !JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, 0)))
    return NULL;
  return json_array_get_object_element (array, 0);
}

/* WordPress writes "…_gmt" dates in UTC without saying so. */
static GDateTime *
get_gmt_date (KhFormatContext *ctx,
              JsonObject      *post,
              const char      *name)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  const char *text = kh_format_json_get_string (ctx, post, name);
  GDateTime *date;

  if (text == NULL)
    return NULL;
  date = kh_date_within_range (g_date_time_new_from_iso8601 (text, utc));
  if (date == NULL)
    kh_feed_add_problem (ctx->feed, FALSE, _("Item %u: “%s” is not a date: “%s”"),
                         ctx->index, name, text);
  return date;
}

static void
parse_featured_media (KhFormatContext *ctx,
                      JsonObject      *post,
                      KhItem          *item)
{
  JsonObject *media = get_embedded (post, "wp:featuredmedia");
  g_autofree char *url = NULL;
  g_autofree char *caption = NULL;

  if (media == NULL)
    return;
  url = kh_format_resolve_uri (ctx, kh_format_json_member_string (media, "source_url"));
  caption = kh_format_text (get_rendered (media, "caption"), TRUE);
  kh_item_set_image (item, url);
  kh_item_set_image_caption (item, url ? caption : NULL);
}

static GStrv
parse_authors (JsonObject *post)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  JsonObject *author = get_embedded (post, "author");
  const char *name = author ? kh_format_json_member_string (author, "name") : NULL;

  if (name != NULL && *name != '\0')
    g_strv_builder_add (names, name);
  return g_strv_builder_end (names);
}

/* The names of a list of terms, HTML like every WordPress name. */
static void
add_term_names (GStrvBuilder *tags,
                JsonNode     *group)
{
  JsonArray *terms;

  if (!JSON_NODE_HOLDS_ARRAY (group))
    return;
  terms = json_node_get_array (group);

  for (guint i = 0; i < json_array_get_length (terms); i++)
    {
      JsonNode *term = json_array_get_element (terms, i);
      g_autofree char *name = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (term))
        continue;
      name = kh_format_text (kh_format_json_member_string (json_node_get_object (term), "name"), TRUE);
      if (name != NULL)
        g_strv_builder_add (tags, name);
    }
}

/* "_embedded": { "wp:term": [[categories…], [tags…]] }. */
static GStrv
parse_terms (JsonObject *post)
{
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  JsonNode *embedded = json_object_get_member (post, "_embedded");
  JsonNode *groups = NULL;

  if (embedded != NULL && JSON_NODE_HOLDS_OBJECT (embedded))
    groups = json_object_get_member (json_node_get_object (embedded), "wp:term");

  for (guint i = 0; groups != NULL && JSON_NODE_HOLDS_ARRAY (groups) &&
       i < json_array_get_length (json_node_get_array (groups)); i++)
    add_term_names (tags, json_array_get_element (json_node_get_array (groups), i));

  return g_strv_builder_end (tags);
}

static void
fill_item (KhFormatContext *ctx,
           JsonObject      *post,
           KhItem          *item)
{
  g_autoptr(GDateTime) published = get_gmt_date (ctx, post, "date_gmt");
  g_autoptr(GDateTime) modified = get_gmt_date (ctx, post, "modified_gmt");
  g_autofree char *title = kh_format_text (get_rendered (post, "title"), TRUE);
  g_autofree char *summary = kh_format_text (get_rendered (post, "excerpt"), TRUE);
  g_autofree char *url = kh_format_resolve_uri (ctx, kh_format_json_get_string (ctx, post, "link"));

  kh_item_set_url (item, url);
  kh_item_set_title (item, title);
  kh_item_set_summary (item, summary);
  kh_format_set_body (item, get_rendered (post, "content"), NULL);
  parse_featured_media (ctx, post, item);
  kh_item_set_published (item, published ? published : modified);
  kh_item_set_modified (item, modified);
  kh_item_set_authors (item, parse_authors (post));
  kh_item_set_tags (item, parse_terms (post));
}

static void
parse_post (KhFormatContext *ctx,
            JsonNode        *node)
{
  g_autofree char *id = NULL;
  g_autoptr(KhItem) item = NULL;
  JsonObject *post;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      kh_feed_add_problem (ctx->feed, TRUE, _("Item %u is %s, not an object; skipped"),
                           ctx->index, kh_format_json_describe (node));
      return;
    }
  post = json_node_get_object (node);

  id = kh_format_json_get_id (post, "id");
  if (!kh_format_check_id (ctx, &id))
    return;

  item = kh_item_new (id);
  fill_item (ctx, post, item);
  kh_format_add_item (ctx, item);
}

KhFeed *
kh_format_wordpress_parse (KhDocument  *document,
                           GError     **error)
{
  g_auto(KhFormatContext) ctx = { 0 };

  kh_format_context_init (&ctx, document);
  kh_feed_set_format (ctx.feed, "WordPress REST API");

  if (JSON_NODE_HOLDS_OBJECT (document->json))
    {
      ctx.index = 1;
      parse_post (&ctx, document->json);
      return kh_format_context_finish (&ctx);
    }

  for (guint i = 0; i < json_array_get_length (json_node_get_array (document->json)); i++)
    {
      ctx.index = i + 1;
      parse_post (&ctx, json_array_get_element (json_node_get_array (document->json), i));
    }
  return kh_format_context_finish (&ctx);
}
