/* kh-format-json-ld.c
 *
 * schema.org LiveBlogPosting in JSON-LD, as news sites embed it in their
 * live pages: a bare object, an array of objects or an "@graph".  Each
 * "liveBlogUpdate" is an item.  schema.org values are loose: most can be
 * a string, an object or an array of either, and all are read that way.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kh-date.h"
#include "kh-format-json.h"

/* How deep the LiveBlogPosting is looked for: inside "@graph", an array or
 * a WebPage's "mainEntity". */
#define MAX_SEARCH_DEPTH 4

typedef struct
{
  KhFormatContext  base;
  const char      *feed_language;
} JsonLdContext;

static void
json_ld_context_clear (JsonLdContext *ctx)
{
  kh_format_context_clear (&ctx->base);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (JsonLdContext, json_ld_context_clear)

/* "LiveBlogPosting", "schema:LiveBlogPosting" and
 * "https://schema.org/LiveBlogPosting" are all the same type. */
static gboolean
type_name_is (const char *type,
              const char *name)
{
  const char *last = strrchr (type, '/');
  const char *colon = strrchr (type, ':');

  if (colon != NULL && (last == NULL || colon > last))
    last = colon;
  return strcmp (last ? last + 1 : type, name) == 0;
}

/* Whether "@type", a string or an array of them, names @name. */
static gboolean
has_type (JsonObject *object,
          const char *name)
{
  JsonNode *node = json_object_get_member (object, "@type");
  const char *type = kh_format_json_string (node);

  if (type != NULL)
    return type_name_is (type, name);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      type = kh_format_json_string (json_array_get_element (json_node_get_array (node), i));
      if (type != NULL && type_name_is (type, name))
        return TRUE;
    }
  return FALSE;
}

static JsonObject *
find_live_blog (JsonNode *node,
                guint     depth)
{
  if (node == NULL || depth > MAX_SEARCH_DEPTH)
    return NULL;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *found = find_live_blog (json_array_get_element (array, i), depth + 1);

          if (found != NULL)
            return found;
        }
      return NULL;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      JsonObject *found;

      if (has_type (object, "LiveBlogPosting"))
        return object;
      if ((found = find_live_blog (json_object_get_member (object, "@graph"), depth + 1)) != NULL)
        return found;
      return find_live_blog (json_object_get_member (object, "mainEntity"), depth + 1);
    }

  return NULL;
}

gboolean
kh_format_json_ld_probe (KhDocument *document)
{
  return document->json != NULL && find_live_blog (document->json, 0) != NULL;
}

/* The first element of @node when it is an array, @node itself otherwise. */
static JsonNode *
first_of (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      return json_array_get_length (array) > 0 ? json_array_get_element (array, 0) : NULL;
    }
  return node;
}

/* A string member, or the first string of an array member. */
static const char *
get_text (JsonObject *object,
          const char *name)
{
  return kh_format_json_string (first_of (json_object_get_member (object, name)));
}

/* A member that is a string, or an object with one of @keys. */
static const char *
get_text_or_member (JsonNode           *node,
                    const char * const *keys)
{
  const char *text;

  node = first_of (node);
  if (node == NULL)
    return NULL;
  if ((text = kh_format_json_string (node)) != NULL)
    return text;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  for (guint i = 0; keys[i] != NULL; i++)
    if ((text = get_text (json_node_get_object (node), keys[i])) != NULL)
      return text;
  return NULL;
}

static GDateTime *
get_date (JsonLdContext *ctx,
          JsonObject    *object,
          const char    *name)
{
  const char *text = get_text (object, name);
  GDateTime *date;

  if (text == NULL)
    return NULL;
  date = kh_date_parse_any (text);
  if (date == NULL && ctx->base.index > 0)
    kh_feed_add_problem (ctx->base.feed, FALSE, _("Item %u: “%s” is not a date: “%s”"),
                         ctx->base.index, name, text);
  else if (date == NULL)
    kh_feed_add_problem (ctx->base.feed, FALSE, _("Feed: “%s” is not a date: “%s”"), name, text);
  return date;
}

/* "author": a name, a Person or Organization, or an array of them. */
static GStrv
parse_authors (JsonObject *object)
{
  static const char * const keys[] = { "name", NULL };
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, "author");
  JsonArray *array;

  if (node == NULL)
    return g_strv_builder_end (names);
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      const char *name = get_text_or_member (node, keys);

      if (name != NULL && *name != '\0')
        g_strv_builder_add (names, name);
      return g_strv_builder_end (names);
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *name = get_text_or_member (json_array_get_element (array, i), keys);

      if (name != NULL && *name != '\0')
        g_strv_builder_add (names, name);
    }
  return g_strv_builder_end (names);
}

/* "keywords": a comma-separated string or an array of strings. */
static GStrv
parse_keywords (JsonObject *object)
{
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (object, "keywords");
  const char *text = kh_format_json_string (node);

  if (text != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (text, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        if (*g_strstrip (parts[i]) != '\0')
          g_strv_builder_add (tags, parts[i]);
    }
  else if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if ((text = kh_format_json_string (json_array_get_element (array, i))) != NULL)
          g_strv_builder_add (tags, text);
    }
  return g_strv_builder_end (tags);
}

/* "image": a URL, an ImageObject with a caption, or an array of either. */
static void
parse_image (JsonLdContext *ctx,
             JsonObject    *object,
             KhItem        *item)
{
  static const char * const keys[] = { "url", "contentUrl", "@id", NULL };
  JsonNode *node = first_of (json_object_get_member (object, "image"));
  g_autofree char *url = kh_format_resolve_uri (&ctx->base, get_text_or_member (node, keys));

  kh_item_set_image (item, url);
  if (url != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *image = json_node_get_object (node);
      const char *caption = get_text (image, "caption");
      g_autofree char *clean = NULL;

      if (caption == NULL)
        caption = get_text (image, "description");
      clean = kh_format_text (caption, kh_format_looks_like_html (caption));
      kh_item_set_image_caption (item, clean);
    }
}

/* "inLanguage": a code, or a Language with one. */
static const char *
get_language (JsonObject *object)
{
  static const char * const keys[] = { "alternateName", "name", NULL };

  return get_text_or_member (json_object_get_member (object, "inLanguage"), keys);
}

/* "articleBody" is plain text, yet sites often put HTML in it. */
static void
parse_body (JsonObject *object,
            KhItem     *item)
{
  const char *body = get_text (object, "articleBody");

  if (body == NULL)
    body = get_text (object, "text");
  if (kh_format_looks_like_html (body))
    kh_format_set_body (item, body, NULL);
  else
    kh_format_set_body (item, NULL, body);
}

static void
fill_item (JsonLdContext *ctx,
           JsonObject    *object,
           KhItem        *item,
           const char    *url)
{
  g_autoptr(GDateTime) published = get_date (ctx, object, "datePublished");
  g_autoptr(GDateTime) modified = get_date (ctx, object, "dateModified");
  const char *headline = get_text (object, "headline");
  const char *description = get_text (object, "description");
  const char *language = get_language (object);
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;

  if (headline == NULL)
    headline = get_text (object, "name");
  title = kh_format_text (headline, kh_format_looks_like_html (headline));
  summary = kh_format_text (description, kh_format_looks_like_html (description));

  kh_item_set_url (item, url);
  kh_item_set_title (item, title);
  kh_item_set_summary (item, summary);
  parse_body (object, item);
  parse_image (ctx, object, item);
  kh_item_set_language (item, language ? language : ctx->feed_language);
  kh_item_set_published (item, published ? published : modified);
  kh_item_set_modified (item, modified);
  kh_item_set_authors (item, parse_authors (object));
  kh_item_set_tags (item, parse_keywords (object));
}

/* An update's id is its "@id", then its "url"; without either, one is made
 * from its headline, date and text. */
static char *
parse_id (JsonObject *object)
{
  const char *id = get_text (object, "@id");
  const char *headline = get_text (object, "headline");
  const char *date = get_text (object, "datePublished");
  const char *body = get_text (object, "articleBody");

  if (id == NULL)
    id = get_text (object, "url");
  if (id != NULL)
    return g_strstrip (g_strdup (id));
  if (headline == NULL && body == NULL)
    return NULL;
  return kh_format_synthetic_id (headline ? headline : "", date ? date : "", body ? body : "", NULL);
}

static void
parse_update (JsonLdContext *ctx,
              JsonNode      *node)
{
  g_autofree char *id = NULL;
  g_autofree char *url = NULL;
  g_autoptr(KhItem) item = NULL;
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      kh_feed_add_problem (ctx->base.feed, TRUE, _("Item %u is %s, not an object; skipped"),
                           ctx->base.index, kh_format_json_describe (node));
      return;
    }
  object = json_node_get_object (node);

  id = parse_id (object);
  if (!kh_format_check_id (&ctx->base, &id))
    return;

  /* An "@id" is often the update's address on the page, "…#update-3". */
  url = kh_format_resolve_uri (&ctx->base, get_text (object, "url"));
  if (url == NULL)
    {
      g_autofree char *id_url = kh_format_resolve_uri (&ctx->base, get_text (object, "@id"));

      if (id_url != NULL && (g_str_has_prefix (id_url, "http://") || g_str_has_prefix (id_url, "https://")))
        url = g_steal_pointer (&id_url);
    }
  item = kh_item_new (id);
  fill_item (ctx, object, item, url);
  kh_format_add_item (&ctx->base, item);
}

static void
parse_feed_fields (JsonLdContext *ctx,
                   JsonObject    *blog)
{
  static const char * const page_keys[] = { "@id", "url", NULL };
  KhFeed *feed = ctx->base.feed;
  g_autoptr(GDateTime) start = get_date (ctx, blog, "coverageStartTime");
  g_autoptr(GDateTime) end = get_date (ctx, blog, "coverageEndTime");
  const char *title = get_text (blog, "headline");
  const char *home = get_text (blog, "url");
  g_autofree char *clean_title = NULL;
  g_autofree char *home_url = NULL;

  if (title == NULL)
    title = get_text (blog, "name");
  if (home == NULL)
    home = get_text_or_member (json_object_get_member (blog, "mainEntityOfPage"), page_keys);
  clean_title = kh_format_text (title, kh_format_looks_like_html (title));
  home_url = kh_format_resolve_uri (&ctx->base, home);

  kh_feed_set_format (feed, "schema.org LiveBlogPosting");
  kh_feed_set_title (feed, clean_title);
  kh_feed_set_home_page_url (feed, home_url);
  kh_feed_set_language (feed, get_language (blog));
  kh_feed_set_coverage_start (feed, start);
  kh_feed_set_coverage_end (feed, end);
  ctx->feed_language = kh_feed_get_language (feed);
}

KhFeed *
kh_format_json_ld_parse (KhDocument  *document,
                         GError     **error)
{
  g_auto(JsonLdContext) ctx = { { 0 } };
  JsonObject *blog = find_live_blog (document->json, 0);
  JsonNode *updates = json_object_get_member (blog, "liveBlogUpdate");

  kh_format_context_init (&ctx.base, document);
  parse_feed_fields (&ctx, blog);

  /* A single update may be given as an object rather than an array. */
  if (updates != NULL && JSON_NODE_HOLDS_ARRAY (updates))
    {
      JsonArray *array = json_node_get_array (updates);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          ctx.base.index = i + 1;
          parse_update (&ctx, json_array_get_element (array, i));
        }
    }
  else if (updates != NULL && !JSON_NODE_HOLDS_NULL (updates))
    {
      ctx.base.index = 1;
      parse_update (&ctx, updates);
    }

  return kh_format_context_finish (&ctx.base);
}
