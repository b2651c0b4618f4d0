/* kh-format-bbc-live.c
 *
 * The JSON behind a BBC News live page, as the BBC's web front end
 * ("Simorgh") reads it: { "data": { "type": "live-coverage", "isLive",
 * "startDateTime", "endDateTime", "liveTextStream": { "content": {
 * "data": { "results": [posts…] } } } } }.  Each post is an item.  A
 * post's header and content are trees of blocks (headline, paragraph,
 * fragment, link, list, image), written out here as HTML with every piece
 * of text escaped.  The BBC leaves many fields null where an object or a
 * string belongs (a post's "titles" and "images", a page's
 * "summaryPoints"): null counts as absent and is no problem.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kh-feed-parser.h"
#include "kh-text.h"
#include "kh-format-json.h"

/* Relative links are the BBC's own. */
#define BBC_HOME "https://www.bbc.com"

/* The BBC's image server scales an image to the width its address asks
 * for; this one suits the article column. */
#define IMAGE_WIDTH "800"
#define IMAGE_SERVER "https://ichef.bbci.co.uk/ace/ws/" IMAGE_WIDTH "/"

/* Blocks nested deeper than this are left out. */
#define MAX_BLOCK_DEPTH 32

typedef struct
{
  KhFormatContext  base;
  const char      *language;
  /* The post being read. */
  KhItem          *item;
  gboolean         has_lead_image;
  gboolean         too_deep;
} BbcLiveContext;

static void
bbc_live_context_clear (BbcLiveContext *ctx)
{
  kh_format_context_clear (&ctx->base);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BbcLiveContext, bbc_live_context_clear)

typedef struct
{
  char *url;
  char *caption;
  char *alt;
  char *credit;
} Image;

static void
image_clear (Image *image)
{
  g_clear_pointer (&image->url, g_free);
  g_clear_pointer (&image->caption, g_free);
  g_clear_pointer (&image->alt, g_free);
  g_clear_pointer (&image->credit, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Image, image_clear)

static gboolean
is_live_page (JsonObject *object)
{
  JsonNode *stream = json_object_get_member (object, "liveTextStream");

  return g_strcmp0 (kh_format_json_member_string (object, "type"), "live-coverage") == 0 ||
         (stream != NULL && JSON_NODE_HOLDS_OBJECT (stream));
}

/* The page: the document's "data", or the document itself. */
static JsonObject *
find_page (JsonNode *root)
{
  JsonObject *object;
  JsonNode *data;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  data = json_object_get_member (object, "data");
  if (data != NULL && JSON_NODE_HOLDS_OBJECT (data) && is_live_page (json_node_get_object (data)))
    return json_node_get_object (data);
  return is_live_page (object) ? object : NULL;
}

gboolean
kh_format_bbc_live_probe (KhDocument *document)
{
  return document->json != NULL && find_page (document->json) != NULL;
}

/* @uri made absolute, when it is a web address. */
static char *
web_address (BbcLiveContext *ctx,
             const char     *uri)
{
  g_autofree char *resolved = kh_format_resolve_uri (&ctx->base, uri);
  const char *scheme = resolved ? g_uri_peek_scheme (resolved) : NULL;

  if (g_strcmp0 (scheme, "http") == 0 || g_strcmp0 (scheme, "https") == 0)
    return g_steal_pointer (&resolved);
  return NULL;
}

/* "…/ace/ws/{width}/…" and "…/images/ic/$recipe/…" leave the size to
 * the reader. */
static char *
expand_template (BbcLiveContext *ctx,
                 const char     *template)
{
  g_autoptr(GString) url = NULL;

  if (template == NULL)
    return NULL;
  url = g_string_new (template);
  g_string_replace (url, "{width}", IMAGE_WIDTH, 0);
  g_string_replace (url, "$recipe", IMAGE_WIDTH "xn", 0);
  return web_address (ctx, url->str);
}

static gboolean
check_depth (BbcLiveContext *ctx,
             guint           depth)
{
  if (depth <= MAX_BLOCK_DEPTH)
    return TRUE;
  if (!ctx->too_deep)
    kh_feed_add_problem (ctx->base.feed, FALSE,
                         _("Item %u: blocks nested more than %u levels deep were left out"),
                         ctx->base.index, MAX_BLOCK_DEPTH);
  ctx->too_deep = TRUE;
  return FALSE;
}

/* kh_format_set_body() cuts a longer body and says so; writing more
 * would only take memory. */
static gboolean
is_full (GString *html)
{
  return html->len > KH_FEED_MAX_BODY_LENGTH;
}

static const char *
block_type (JsonObject *block)
{
  const char *type = kh_format_json_member_string (block, "type");

  return type ? type : "";
}

static JsonObject *
block_model (BbcLiveContext *ctx,
             JsonObject     *block)
{
  return kh_format_json_get_object (&ctx->base, block, "model");
}

static JsonArray *
model_blocks (BbcLiveContext *ctx,
              JsonObject     *model)
{
  return model ? kh_format_json_get_array (&ctx->base, model, "blocks") : NULL;
}

/* The @i-th of @blocks when it is an object; anything else is reported. */
static JsonObject *
block_at (BbcLiveContext *ctx,
          JsonArray      *blocks,
          guint           i)
{
  JsonNode *node = json_array_get_element (blocks, i);

  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  kh_feed_add_problem (ctx->base.feed, FALSE, _("Item %u: a block is %s, not an object; left out"),
                       ctx->base.index, kh_format_json_describe (node));
  return NULL;
}

/* The text of @block and the blocks inside it, paragraphs a space apart. */
static void
append_text (BbcLiveContext *ctx,
             JsonObject     *block,
             GString        *text,
             guint           depth)
{
  JsonObject *model;
  JsonArray *blocks;

  if (!check_depth (ctx, depth) || (model = block_model (ctx, block)) == NULL)
    return;

  blocks = model_blocks (ctx, model);
  if (blocks == NULL || json_array_get_length (blocks) == 0)
    {
      const char *own = kh_format_json_get_string (&ctx->base, model, "text");

      if (own != NULL)
        g_string_append (text, own);
      return;
    }

  for (guint i = 0; i < json_array_get_length (blocks); i++)
    {
      JsonObject *child = block_at (ctx, blocks, i);

      if (child == NULL)
        continue;
      if (text->len > 0 && strcmp (block_type (child), "paragraph") == 0)
        g_string_append_c (text, ' ');
      append_text (ctx, child, text, depth + 1);
    }
}

/* One line of plain text, or NULL when @block has none. */
static char *
block_text (BbcLiveContext *ctx,
            JsonObject     *block,
            guint           depth)
{
  g_autoptr(GString) text = g_string_new (NULL);

  append_text (ctx, block, text, depth);
  return kh_format_text (text->str, FALSE);
}

/* Appends @text escaped; TRUE when it shows anything. */
static gboolean
write_text (GString    *html,
            const char *text)
{
  g_autofree char *escaped = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  escaped = g_markup_escape_text (text, -1);
  g_string_append (html, escaped);
  return !kh_text_is_blank (text, -1);
}

/* Whether a fragment's "attributes" name @name ("bold", "italic"). */
static gboolean
has_attribute (JsonObject *model,
               const char *name)
{
  JsonNode *node = json_object_get_member (model, "attributes");
  JsonArray *attributes;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  attributes = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (attributes); i++)
    if (g_strcmp0 (kh_format_json_string (json_array_get_element (attributes, i)), name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean write_inline (BbcLiveContext *ctx,
                              JsonObject     *block,
                              GString        *html,
                              guint           depth);

/* A model's inline blocks, or its "text" when it has none; TRUE when
 * anything shows. */
static gboolean
write_model_inline (BbcLiveContext *ctx,
                    JsonObject     *model,
                    GString        *html,
                    guint           depth)
{
  JsonArray *blocks = model_blocks (ctx, model);
  gboolean shown = FALSE;

  if (blocks == NULL || json_array_get_length (blocks) == 0)
    return write_text (html, kh_format_json_get_string (&ctx->base, model, "text"));

  for (guint i = 0; i < json_array_get_length (blocks) && !is_full (html); i++)
    {
      JsonObject *child = block_at (ctx, blocks, i);

      if (child != NULL && write_inline (ctx, child, html, depth + 1))
        shown = TRUE;
    }
  return shown;
}

static gboolean
write_inline (BbcLiveContext *ctx,
              JsonObject     *block,
              GString        *html,
              guint           depth)
{
  const char *type = block_type (block);
  JsonObject *model;
  gboolean shown;

  if (!check_depth (ctx, depth) || (model = block_model (ctx, block)) == NULL)
    return FALSE;

  if (strcmp (type, "fragment") == 0)
    {
      gboolean bold = has_attribute (model, "bold");
      gboolean italic = has_attribute (model, "italic");

      g_string_append (html, bold ? "<b>" : "");
      g_string_append (html, italic ? "<i>" : "");
      shown = write_text (html, kh_format_json_get_string (&ctx->base, model, "text"));
      g_string_append (html, italic ? "</i>" : "");
      g_string_append (html, bold ? "</b>" : "");
      return shown;
    }

  if (strcmp (type, "urlLink") == 0)
    {
      g_autofree char *url = web_address (ctx, kh_format_json_get_string (&ctx->base, model, "locator"));
      g_autofree char *escaped = url ? g_markup_escape_text (url, -1) : NULL;

      if (escaped != NULL)
        g_string_append_printf (html, "<a href=\"%s\">", escaped);
      shown = write_model_inline (ctx, model, html, depth);
      if (escaped != NULL)
        g_string_append (html, "</a>");
      return shown;
    }

  return write_model_inline (ctx, model, html, depth);
}

/* The caption with the photographer's credit; a lead image, which has
 * no other place for it, takes the alternative text when it has no
 * caption. */
static char *
caption_with_credit (const Image *image,
                     gboolean     or_alt)
{
  const char *caption = image->caption || !or_alt ? image->caption : image->alt;

  if (image->credit == NULL || (caption != NULL && g_str_has_suffix (caption, image->credit)))
    return g_strdup (caption);
  if (caption == NULL)
    return g_strdup (image->credit);
  return g_strdup_printf ("%s - %s", caption, image->credit);
}

/* "rawImage": the image server's "originCode" and a "locator" on it, or
 * an address of its own. */
static char *
raw_image_url (BbcLiveContext *ctx,
               JsonObject     *model)
{
  const char *url = kh_format_json_get_string (&ctx->base, model, "url");
  const char *template = kh_format_json_get_string (&ctx->base, model, "urlTemplate");
  const char *locator = kh_format_json_get_string (&ctx->base, model, "locator");
  const char *origin = kh_format_json_get_string (&ctx->base, model, "originCode");
  g_autofree char *built = NULL;

  if (url != NULL)
    return web_address (ctx, url);
  if (template != NULL)
    return expand_template (ctx, template);
  if (locator == NULL)
    return NULL;
  if (g_uri_peek_scheme (locator) != NULL || origin == NULL)
    return web_address (ctx, locator);
  /* Only a path: a locator must not climb out of the server's tree. */
  if (strstr (locator, "..") != NULL || strchr (origin, '/') != NULL || strstr (origin, "..") != NULL)
    return NULL;
  built = g_strconcat (IMAGE_SERVER, origin, "/", locator[0] == '/' ? locator + 1 : locator, NULL);
  return web_address (ctx, built);
}

/* An "image" block: a "rawImage", its "altText" and its "caption". */
static void
read_image (BbcLiveContext *ctx,
            JsonObject     *block,
            guint           depth,
            Image          *image)
{
  JsonArray *blocks = model_blocks (ctx, block_model (ctx, block));

  for (guint i = 0; blocks != NULL && i < json_array_get_length (blocks); i++)
    {
      JsonObject *child = block_at (ctx, blocks, i);
      const char *type = child ? block_type (child) : "";
      JsonObject *model;

      if (strcmp (type, "rawImage") == 0 && image->url == NULL &&
          (model = block_model (ctx, child)) != NULL)
        {
          const char *credit = kh_format_json_get_string (&ctx->base, model, "copyrightHolder");

          image->url = raw_image_url (ctx, model);
          image->credit = kh_format_text (credit, FALSE);
        }
      else if (strcmp (type, "altText") == 0 && image->alt == NULL)
        image->alt = block_text (ctx, child, depth + 1);
      else if (strcmp (type, "caption") == 0 && image->caption == NULL)
        image->caption = block_text (ctx, child, depth + 1);
    }
}

/* The post's first image leads it; the others stay where they are. */
static void
write_image (BbcLiveContext *ctx,
             JsonObject     *block,
             GString        *html,
             guint           depth)
{
  g_auto(Image) image = { 0 };
  g_autofree char *caption = NULL;
  g_autofree char *url = NULL;
  g_autofree char *alt = NULL;

  read_image (ctx, block, depth, &image);
  if (image.url == NULL)
    return;
  caption = caption_with_credit (&image, !ctx->has_lead_image);

  if (!ctx->has_lead_image)
    {
      kh_item_set_image (ctx->item, image.url);
      kh_item_set_image_caption (ctx->item, caption);
      ctx->has_lead_image = TRUE;
      return;
    }

  url = g_markup_escape_text (image.url, -1);
  alt = g_markup_escape_text (image.alt ? image.alt : "", -1);
  g_string_append_printf (html, "<figure><img src=\"%s\" alt=\"%s\">", url, alt);
  if (caption != NULL)
    {
      g_string_append (html, "<figcaption>");
      write_text (html, caption);
      g_string_append (html, "</figcaption>");
    }
  g_string_append (html, "</figure>");
}

static gboolean
is_heading (const char *type)
{
  static const char * const headings[] = { "headline", "subheadline", "heading", "subheading", "crosshead" };

  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    if (strcmp (type, headings[i]) == 0)
      return TRUE;
  return FALSE;
}

static void write_block (BbcLiveContext *ctx,
                         JsonObject     *block,
                         GString        *html,
                         guint           depth);
static void write_blocks (BbcLiveContext *ctx,
                          JsonArray      *blocks,
                          GString        *html,
                          guint           depth);

/* "unorderedList" and "orderedList" of "listItem"s, whose paragraphs are
 * lines of the item. */
static void
write_list (BbcLiveContext *ctx,
            JsonArray      *items,
            gboolean        ordered,
            GString        *html,
            guint           depth)
{
  g_string_append (html, ordered ? "<ol>" : "<ul>");
  for (guint i = 0; i < json_array_get_length (items) && !is_full (html); i++)
    {
      JsonObject *item = block_at (ctx, items, i);
      gsize item_mark = html->len;
      JsonArray *lines;
      gboolean shown = FALSE;

      if (item == NULL || !check_depth (ctx, depth + 1))
        continue;
      g_string_append (html, "<li>");
      lines = model_blocks (ctx, block_model (ctx, item));
      for (guint j = 0; lines != NULL && j < json_array_get_length (lines); j++)
        {
          JsonObject *line = block_at (ctx, lines, j);
          const char *type = line ? block_type (line) : "";
          gsize mark = html->len;

          if (line == NULL)
            continue;
          if (strcmp (type, "unorderedList") == 0 || strcmp (type, "orderedList") == 0 ||
              strcmp (type, "image") == 0)
            {
              write_block (ctx, line, html, depth + 2);
              continue;
            }
          if (shown)
            g_string_append (html, "<br>");
          if (write_inline (ctx, line, html, depth + 2))
            shown = TRUE;
          else
            g_string_truncate (html, mark);
        }
      if (html->len == item_mark + strlen ("<li>"))
        g_string_truncate (html, item_mark);
      else
        g_string_append (html, "</li>");
    }
  g_string_append (html, ordered ? "</ol>" : "</ul>");
}

static void
write_block (BbcLiveContext *ctx,
             JsonObject     *block,
             GString        *html,
             guint           depth)
{
  const char *type = block_type (block);
  JsonObject *model;

  if (!check_depth (ctx, depth))
    return;

  if (strcmp (type, "paragraph") == 0)
    {
      gsize mark = html->len;

      if ((model = block_model (ctx, block)) == NULL)
        return;
      /* Empty paragraphs are the editor's spacing. */
      g_string_append (html, "<p>");
      if (write_model_inline (ctx, model, html, depth))
        g_string_append (html, "</p>");
      else
        g_string_truncate (html, mark);
    }
  else if (is_heading (type))
    {
      g_autofree char *text = block_text (ctx, block, depth);

      if (text != NULL)
        {
          g_string_append (html, "<h3>");
          write_text (html, text);
          g_string_append (html, "</h3>");
        }
    }
  else if (strcmp (type, "unorderedList") == 0 || strcmp (type, "orderedList") == 0)
    {
      JsonArray *items = model_blocks (ctx, block_model (ctx, block));

      if (items != NULL && json_array_get_length (items) > 0)
        write_list (ctx, items, strcmp (type, "orderedList") == 0, html, depth);
    }
  else if (strcmp (type, "image") == 0)
    write_image (ctx, block, html, depth);
  else if (strcmp (type, "rawImage") != 0 && strcmp (type, "altText") != 0 &&
           strcmp (type, "caption") != 0 && (model = block_model (ctx, block)) != NULL)
    /* "text" and other containers; a video or an embed has no blocks
     * and nothing to show here. */
    write_blocks (ctx, model_blocks (ctx, model), html, depth + 1);
}

static void
write_blocks (BbcLiveContext *ctx,
              JsonArray      *blocks,
              GString        *html,
              guint           depth)
{
  for (guint i = 0; blocks != NULL && i < json_array_get_length (blocks) && !is_full (html); i++)
    {
      JsonObject *block = block_at (ctx, blocks, i);

      if (block != NULL)
        write_block (ctx, block, html, depth);
    }
}

/* The header's "headline" is the title, its "subheadline" the summary. */
static void
read_header (BbcLiveContext  *ctx,
             JsonObject      *header,
             char           **title,
             char           **summary)
{
  JsonArray *blocks = header ? model_blocks (ctx, block_model (ctx, header)) : NULL;

  for (guint i = 0; blocks != NULL && i < json_array_get_length (blocks); i++)
    {
      JsonObject *block = block_at (ctx, blocks, i);
      const char *type = block ? block_type (block) : "";

      if (strcmp (type, "headline") == 0 && *title == NULL)
        *title = block_text (ctx, block, 1);
      else if (strcmp (type, "subheadline") == 0 && *summary == NULL)
        *summary = block_text (ctx, block, 1);
    }
}

/* The first @member of the objects in the array @name, as in
 * "titles": [{ "title": null, "source": "primary" }]. */
static char *
first_listed (BbcLiveContext *ctx,
              JsonObject     *post,
              const char     *name,
              const char     *member)
{
  JsonArray *array = kh_format_json_get_array (&ctx->base, post, name);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *text = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      text = kh_format_text (kh_format_json_get_string (&ctx->base, json_node_get_object (node), member), FALSE);
      if (text != NULL)
        return g_steal_pointer (&text);
    }
  return NULL;
}

/* "images": [{ "url", "urlTemplate", "originalUrl", "altText",
 * "copyright" }], all null more often than not. */
static void
read_post_image (BbcLiveContext *ctx,
                 JsonObject     *post)
{
  JsonArray *images = kh_format_json_get_array (&ctx->base, post, "images");

  for (guint i = 0; images != NULL && i < json_array_get_length (images); i++)
    {
      JsonNode *node = json_array_get_element (images, i);
      g_auto(Image) image = { 0 };
      g_autofree char *caption = NULL;
      JsonObject *fields;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      fields = json_node_get_object (node);
      image.url = web_address (ctx, kh_format_json_get_string (&ctx->base, fields, "url"));
      if (image.url == NULL)
        image.url = expand_template (ctx, kh_format_json_get_string (&ctx->base, fields, "urlTemplate"));
      if (image.url == NULL)
        image.url = web_address (ctx, kh_format_json_get_string (&ctx->base, fields, "originalUrl"));
      if (image.url == NULL)
        continue;

      image.alt = kh_format_text (kh_format_json_get_string (&ctx->base, fields, "altText"), FALSE);
      image.credit = kh_format_text (kh_format_json_get_string (&ctx->base, fields, "copyright"), FALSE);
      caption = caption_with_credit (&image, TRUE);
      kh_item_set_image (ctx->item, image.url);
      kh_item_set_image_caption (ctx->item, caption);
      ctx->has_lead_image = TRUE;
      return;
    }
}

/* "link": an address, or an object with one. */
static char *
read_link (BbcLiveContext *ctx,
           JsonObject     *post)
{
  JsonNode *node = json_object_get_member (post, "link");
  JsonObject *link;
  const char *url;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return web_address (ctx, kh_format_json_get_string (&ctx->base, post, "link"));
  link = json_node_get_object (node);
  url = kh_format_json_member_string (link, "url");
  if (url == NULL)
    url = kh_format_json_member_string (link, "href");
  return web_address (ctx, url);
}

static void
read_dates (BbcLiveContext *ctx,
            JsonObject     *post)
{
  JsonObject *dates = kh_format_json_get_object (&ctx->base, post, "dates");
  g_autoptr(GDateTime) published = NULL;
  g_autoptr(GDateTime) modified = NULL;

  if (dates == NULL)
    return;
  published = kh_format_json_get_time (&ctx->base, dates, "firstPublished");
  modified = kh_format_json_get_time (&ctx->base, dates, "lastPublished");
  if (published == NULL)
    published = kh_format_json_get_time (&ctx->base, dates, "time");
  kh_item_set_published (ctx->item, published ? published : modified);
  kh_item_set_modified (ctx->item, modified);
}

static gboolean
read_breaking (BbcLiveContext *ctx,
               JsonObject     *post)
{
  JsonObject *options = kh_format_json_get_object (&ctx->base, post, "options");
  JsonNode *node = options ? json_object_get_member (options, "isBreakingNews") : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static void
parse_post (BbcLiveContext *ctx,
            JsonNode       *node)
{
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *id = NULL;
  g_autofree char *url = NULL;
  g_autoptr(KhItem) item = NULL;
  g_autoptr(GString) html = NULL;
  JsonObject *post;
  JsonObject *content;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      kh_feed_add_problem (ctx->base.feed, TRUE, _("Item %u is %s, not an object; skipped"),
                           ctx->base.index, kh_format_json_describe (node));
      return;
    }
  post = json_node_get_object (node);
  ctx->too_deep = FALSE;

  read_header (ctx, kh_format_json_get_object (&ctx->base, post, "header"), &title, &summary);
  if (title == NULL)
    title = first_listed (ctx, post, "titles", "title");
  if (summary == NULL)
    summary = first_listed (ctx, post, "descriptions", "text");

  /* "asset:…" or "urn:bbc:…"; without one, an id from what the post says. */
  id = kh_format_json_get_id (post, "urn");
  if (id == NULL || *id == '\0')
    {
      JsonNode *dates = json_object_get_member (post, "dates");
      const char *first = dates && JSON_NODE_HOLDS_OBJECT (dates)
                          ? kh_format_json_member_string (json_node_get_object (dates), "firstPublished")
                          : NULL;

      g_free (id);
      id = title ? kh_format_synthetic_id (title, first ? first : "", NULL) : NULL;
    }
  if (!kh_format_check_id (&ctx->base, &id))
    return;

  item = kh_item_new (id);
  ctx->item = item;
  ctx->has_lead_image = FALSE;
  read_post_image (ctx, post);

  html = g_string_new (NULL);
  content = kh_format_json_get_object (&ctx->base, post, "content");
  if (content != NULL)
    write_blocks (ctx, model_blocks (ctx, block_model (ctx, content)), html, 1);

  url = read_link (ctx, post);
  kh_item_set_url (item, url);
  kh_item_set_title (item, title);
  kh_item_set_summary (item, summary);
  kh_format_set_body (item, html->len > 0 ? html->str : NULL, NULL);
  kh_item_set_language (item, ctx->language);
  kh_item_set_breaking (item, read_breaking (ctx, post));
  read_dates (ctx, post);

  ctx->item = NULL;
  kh_format_add_item (&ctx->base, item);
}

/* The page's own title, or what its metadata call it. */
static char *
page_title (BbcLiveContext *ctx,
            JsonObject     *page)
{
  const char *title = kh_format_json_get_string (&ctx->base, page, "title");
  JsonNode *seo = json_object_get_member (page, "seo");

  if (title == NULL && seo != NULL && JSON_NODE_HOLDS_OBJECT (seo))
    title = kh_format_json_member_string (json_node_get_object (seo), "seoTitle");
  return kh_format_text (title, FALSE);
}

static void
parse_page_fields (BbcLiveContext *ctx,
                   JsonObject     *page)
{
  KhFeed *feed = ctx->base.feed;
  g_autoptr(GDateTime) start = kh_format_json_get_time (&ctx->base, page, "startDateTime");
  g_autoptr(GDateTime) end = kh_format_json_get_time (&ctx->base, page, "endDateTime");
  g_autofree char *title = page_title (ctx, page);
  JsonNode *is_live = json_object_get_member (page, "isLive");

  kh_feed_set_format (feed, "BBC News live page");
  kh_feed_set_title (feed, title);
  kh_feed_set_language (feed, kh_format_json_get_string (&ctx->base, page, "language"));
  kh_feed_set_coverage_start (feed, start);
  kh_feed_set_coverage_end (feed, end);
  /* The BBC closes a page by saying it is no longer live, whatever its
   * times say. */
  if (is_live != NULL && JSON_NODE_HOLDS_VALUE (is_live) &&
      json_node_get_value_type (is_live) == G_TYPE_BOOLEAN && !json_node_get_boolean (is_live))
    kh_feed_set_expired (feed, TRUE);
  ctx->language = kh_feed_get_language (feed);
}

/* "liveTextStream": { "content": { "data": { "results": […] } } } */
static JsonArray *
find_posts (BbcLiveContext *ctx,
            JsonObject     *page)
{
  JsonObject *object = kh_format_json_get_object (&ctx->base, page, "liveTextStream");

  if (object != NULL)
    object = kh_format_json_get_object (&ctx->base, object, "content");
  if (object != NULL)
    object = kh_format_json_get_object (&ctx->base, object, "data");
  return object ? kh_format_json_get_array (&ctx->base, object, "results") : NULL;
}

KhFeed *
kh_format_bbc_live_parse (KhDocument  *document,
                          GError     **error)
{
  g_auto(BbcLiveContext) ctx = { { 0 } };
  JsonObject *page = find_page (document->json);
  JsonArray *posts;

  kh_format_context_init (&ctx.base, document);
  if (ctx.base.base_uri == NULL)
    ctx.base.base_uri = BBC_HOME;
  parse_page_fields (&ctx, page);

  /* A page whose coverage has not begun has no posts yet. */
  posts = find_posts (&ctx, page);
  for (guint i = 0; posts != NULL && i < json_array_get_length (posts); i++)
    {
      ctx.base.index = i + 1;
      parse_post (&ctx, json_array_get_element (posts, i));
    }

  return kh_format_context_finish (&ctx.base);
}
