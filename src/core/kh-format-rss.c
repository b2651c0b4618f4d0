/* kh-format-rss.c
 *
 * RSS 0.9x and 2.0 (<rss><channel><item>) and RSS 0.90 and 1.0 (RDF:
 * <rdf:RDF><channel/><item/>), with the modules news feeds use: content,
 * Dublin Core and Media RSS.  RSS items need neither an id nor a title;
 * an id is made from the link or the content when there is no guid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "kh-date.h"
#include "kh-error.h"
#include "kh-format-xml.h"

typedef struct
{
  KhFormatContext  base;
  /* The namespace of RSS's own elements: none for 2.0, RSS 1.0's or
   * 0.90's for RDF. */
  const char      *ns;
  char            *channel_language;
} RssContext;

static void
rss_context_clear (RssContext *ctx)
{
  kh_format_context_clear (&ctx->base);
  g_clear_pointer (&ctx->channel_language, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RssContext, rss_context_clear)

gboolean
kh_format_rss_probe (KhDocument *document)
{
  return document->xml != NULL &&
         kh_format_xml_is (xmlDocGetRootElement (document->xml), NULL, "rss");
}

static const char *
rdf_namespace (xmlNodePtr root)
{
  if (kh_format_xml_child (root, KH_NS_RSS_1_0, "channel") != NULL)
    return KH_NS_RSS_1_0;
  if (kh_format_xml_child (root, KH_NS_RSS_0_9, "channel") != NULL)
    return KH_NS_RSS_0_9;
  return NULL;
}

gboolean
kh_format_rdf_probe (KhDocument *document)
{
  xmlNodePtr root;

  if (document->xml == NULL)
    return FALSE;
  root = xmlDocGetRootElement (document->xml);
  return kh_format_xml_is (root, KH_NS_RDF, "RDF") && rdf_namespace (root) != NULL;
}

/* RSS titles are meant to be plain text, yet many feeds escape HTML in
 * them; markup is read as HTML. */
static char *
plain_text (const char *text)
{
  return kh_format_text (text, kh_format_looks_like_html (text));
}

/* "editor@example.org (Lina Haddad)" is Lina Haddad. */
static char *
author_name (const char *author)
{
  const char *open = strchr (author, '(');
  const char *close = open ? strrchr (open, ')') : NULL;

  if (open != NULL && close != NULL && close > open + 1)
    return g_strstrip (g_strndup (open + 1, close - open - 1));
  return g_strdup (author);
}

static GStrv
parse_authors (xmlNodePtr node)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autofree char *author = kh_format_xml_child_text (node, NULL, "author");

  g_autofree char *name = author ? author_name (author) : NULL;

  if (name != NULL && *name != '\0')
    g_strv_builder_add (names, name);
  for (xmlNodePtr creator = kh_format_xml_child (node, KH_NS_DC, "creator"); creator != NULL;
       creator = kh_format_xml_next (creator->next, KH_NS_DC, "creator"))
    {
      g_autofree char *creator_name = kh_format_xml_text (creator);

      if (creator_name != NULL)
        g_strv_builder_add (names, creator_name);
    }
  return g_strv_builder_end (names);
}

static void
add_tags_named (GStrvBuilder *tags,
                xmlNodePtr    node,
                const char   *ns,
                const char   *name)
{
  for (xmlNodePtr tag = kh_format_xml_child (node, ns, name); tag != NULL;
       tag = kh_format_xml_next (tag->next, ns, name))
    {
      g_autofree char *text = kh_format_xml_text (tag);

      if (text != NULL)
        g_strv_builder_add (tags, text);
    }
}

static GStrv
parse_tags (RssContext *ctx,
            xmlNodePtr  node)
{
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();

  add_tags_named (tags, node, ctx->ns, "category");
  add_tags_named (tags, node, KH_NS_DC, "subject");
  return g_strv_builder_end (tags);
}

static GDateTime *
parse_date (RssContext *ctx,
            xmlNodePtr  node,
            const char *ns,
            const char *name)
{
  g_autofree char *text = kh_format_xml_child_text (node, ns, name);
  GDateTime *date;

  if (text == NULL)
    return NULL;
  date = kh_date_parse_any (text);
  if (date == NULL)
    kh_feed_add_problem (ctx->base.feed, FALSE, _("Item %u: “%s” is not a date: “%s”"),
                         ctx->base.index, name, text);
  return date;
}

static gboolean
is_image (const char *mime_type,
          const char *medium)
{
  return g_strcmp0 (medium, "image") == 0 ||
         (mime_type != NULL && g_ascii_strncasecmp (mime_type, "image/", 6) == 0);
}

/* The caption of a Media RSS image: its description, then its credit. */
static char *
media_caption (xmlNodePtr media)
{
  g_autofree char *description = kh_format_xml_child_text (media, KH_NS_MEDIA, "description");
  g_autofree char *credit = kh_format_xml_child_text (media, KH_NS_MEDIA, "credit");
  g_autofree char *text = NULL;

  if (description == NULL)
    description = kh_format_xml_child_text (media, KH_NS_MEDIA, "title");
  if (description != NULL)
    text = plain_text (description);
  if (credit != NULL && text != NULL && strstr (text, credit) == NULL)
    return g_strdup_printf ("%s - %s", text, credit);
  return text ? g_steal_pointer (&text) : g_steal_pointer (&credit);
}

static gboolean
has_attachment (KhItem     *item,
                const char *url)
{
  GPtrArray *attachments = kh_item_get_attachments (item);

  for (guint i = 0; i < attachments->len; i++)
    if (g_strcmp0 (kh_attachment_get_url (g_ptr_array_index (attachments, i)), url) == 0)
      return TRUE;
  return FALSE;
}

static void
add_attachment (KhItem     *item,
                xmlNodePtr  node,
                const char *url_attribute,
                const char *size_attribute)
{
  g_autofree char *href = kh_format_xml_attr (node, url_attribute);
  g_autofree char *url = kh_format_xml_resolve (node, href);
  g_autofree char *type = kh_format_xml_attr (node, "type");
  g_autofree char *medium = kh_format_xml_attr (node, "medium");
  g_autofree char *size = kh_format_xml_attr (node, size_attribute);
  g_autofree char *duration = kh_format_xml_attr (node, "duration");
  g_autoptr(KhAttachment) attachment = NULL;

  if (url == NULL || has_attachment (item, url))
    return;
  /* Media RSS may say "medium" where a MIME type would be. */
  if (type == NULL && g_strcmp0 (medium, "image") == 0)
    type = g_strdup ("image/*");

  attachment = kh_attachment_new (url, type, NULL,
                                  size ? g_ascii_strtoll (size, NULL, 10) : 0,
                                  duration ? g_ascii_strtod (duration, NULL) : 0);
  kh_item_add_attachment (item, attachment);
}

/* Media RSS contents, directly in the item or in a <media:group>. */
static void
parse_media_contents (xmlNodePtr  parent,
                      KhItem     *item,
                      xmlNodePtr *image_node)
{
  for (xmlNodePtr node = parent->children; node != NULL; node = node->next)
    {
      if (kh_format_xml_is (node, KH_NS_MEDIA, "group"))
        parse_media_contents (node, item, image_node);
      if (!kh_format_xml_is (node, KH_NS_MEDIA, "content"))
        continue;

      add_attachment (item, node, "url", "fileSize");
      if (*image_node == NULL)
        {
          g_autofree char *type = kh_format_xml_attr (node, "type");
          g_autofree char *medium = kh_format_xml_attr (node, "medium");

          if (is_image (type, medium))
            *image_node = node;
        }
    }
}

/* The lead image: a Media RSS image, an image enclosure, then a Media RSS
 * thumbnail.  Every enclosure and media file is an attachment. */
static void
parse_media (xmlNodePtr  node,
             KhItem     *item)
{
  xmlNodePtr image_node = NULL;
  xmlNodePtr thumbnail = NULL;
  g_autofree char *caption = NULL;

  parse_media_contents (node, item, &image_node);
  for (xmlNodePtr enclosure = kh_format_xml_child (node, NULL, "enclosure"); enclosure != NULL;
       enclosure = kh_format_xml_next (enclosure->next, NULL, "enclosure"))
    add_attachment (item, enclosure, "url", "length");

  if (image_node != NULL)
    {
      g_autofree char *url = kh_format_xml_attr (image_node, "url");
      g_autofree char *resolved = kh_format_xml_resolve (image_node, url);

      kh_item_set_image (item, resolved);
      caption = media_caption (image_node);
    }
  kh_format_image_from_attachments (item);

  thumbnail = kh_format_xml_child (node, KH_NS_MEDIA, "thumbnail");
  if (kh_item_get_image (item) == NULL && thumbnail != NULL)
    {
      g_autofree char *url = kh_format_xml_attr (thumbnail, "url");
      g_autofree char *resolved = kh_format_xml_resolve (thumbnail, url);

      kh_item_set_image (item, resolved);
    }

  if (caption == NULL && kh_item_get_image (item) != NULL)
    {
      xmlNodePtr group = kh_format_xml_child (node, KH_NS_MEDIA, "group");

      caption = media_caption (group ? group : node);
    }
  kh_item_set_image_caption (item, caption);
}

/* The guid, the link, RDF's rdf:about, or one made from the content. */
static char *
parse_id (xmlNodePtr  node,
          const char *link,
          const char *title,
          const char *body)
{
  g_autofree char *guid = kh_format_xml_child_text (node, NULL, "guid");
  g_autofree char *about = NULL;

  if (guid != NULL)
    return g_steal_pointer (&guid);
  if (link != NULL)
    return g_strdup (link);
  about = kh_format_xml_ns_attr (node, KH_NS_RDF, "about");
  if (about != NULL)
    return g_steal_pointer (&about);
  if (title == NULL && body == NULL)
    return NULL;
  return kh_format_synthetic_id (title ? title : "", body ? body : "", NULL);
}

static gboolean
is_web_address (const char *uri)
{
  return uri != NULL && (g_str_has_prefix (uri, "http://") || g_str_has_prefix (uri, "https://"));
}

/* The link, or a guid that is a permanent link, or RDF's rdf:about. */
static char *
parse_link (xmlNodePtr  node,
            const char *ns)
{
  xmlNodePtr link = kh_format_xml_child (node, ns, "link");
  xmlNodePtr guid = kh_format_xml_child (node, NULL, "guid");
  g_autofree char *href = NULL;
  g_autofree char *permalink = NULL;
  g_autofree char *about = NULL;

  if (link != NULL && (href = kh_format_xml_text (link)) != NULL)
    return kh_format_xml_resolve (link, href);

  permalink = kh_format_xml_attr (guid, "isPermaLink");
  href = kh_format_xml_text (guid);
  if (g_strcmp0 (permalink, "false") != 0 && is_web_address (href))
    return g_steal_pointer (&href);

  about = kh_format_xml_ns_attr (node, KH_NS_RDF, "about");
  return is_web_address (about) ? g_steal_pointer (&about) : NULL;
}

/* The xml:lang of the body, or of the item, or the feed's language. */
static char *
parse_language (RssContext *ctx,
                xmlNodePtr  node)
{
  xmlNodePtr content = kh_format_xml_child (node, KH_NS_CONTENT, "encoded");
  char *language;

  if (content == NULL)
    content = kh_format_xml_child (node, KH_NS_XHTML, "body");
  language = kh_format_xml_lang (content ? content : node);

  if (language == NULL)
    language = kh_format_xml_child_text (node, KH_NS_DC, "language");
  if (language == NULL)
    language = g_strdup (ctx->channel_language);
  return language;
}

/* The full content: content:encoded, or an XHTML <body>. */
static char *
parse_content (xmlNodePtr node)
{
  char *content = kh_format_xml_child_text (node, KH_NS_CONTENT, "encoded");
  xmlNodePtr body;

  if (content == NULL && (body = kh_format_xml_child (node, KH_NS_XHTML, "body")) != NULL)
    content = kh_format_xml_inner (body);
  return content;
}

/* The full content is the body and the description its summary; without
 * it, the description is the body. */
static void
parse_body (xmlNodePtr  node,
            const char *ns,
            KhItem     *item)
{
  g_autofree char *content = parse_content (node);
  g_autofree char *description = kh_format_xml_child_text (node, ns, "description");

  if (content != NULL)
    {
      g_autofree char *summary = kh_format_text (description, TRUE);

      kh_format_set_body (item, content, NULL);
      kh_item_set_summary (item, summary);
    }
  else
    kh_format_set_body (item, description, NULL);
}

static void
fill_item (RssContext *ctx,
           xmlNodePtr  node,
           KhItem     *item,
           const char *link,
           const char *title)
{
  g_autoptr(GDateTime) published = parse_date (ctx, node, NULL, "pubDate");
  g_autoptr(GDateTime) modified = parse_date (ctx, node, KH_NS_ATOM, "updated");
  g_autofree char *clean_title = plain_text (title);
  g_autofree char *language = parse_language (ctx, node);

  if (published == NULL)
    published = parse_date (ctx, node, KH_NS_DC, "date");
  if (modified == NULL)
    modified = parse_date (ctx, node, KH_NS_DC, "modified");

  kh_item_set_url (item, link);
  kh_item_set_title (item, clean_title);
  parse_body (node, ctx->ns, item);
  parse_media (node, item);
  kh_item_set_language (item, language);
  kh_item_set_published (item, published ? published : modified);
  kh_item_set_modified (item, modified);
  kh_item_set_authors (item, parse_authors (node));
  kh_item_set_tags (item, parse_tags (ctx, node));
}

static void
parse_item (RssContext *ctx,
            xmlNodePtr  node)
{
  g_autofree char *link = parse_link (node, ctx->ns);
  g_autofree char *title = kh_format_xml_child_text (node, ctx->ns, "title");
  g_autofree char *body = parse_content (node);
  g_autofree char *id = NULL;
  g_autoptr(KhItem) item = NULL;

  if (body == NULL)
    body = kh_format_xml_child_text (node, ctx->ns, "description");
  id = parse_id (node, link, title, body);
  if (!kh_format_check_id (&ctx->base, &id))
    return;

  item = kh_item_new (id);
  fill_item (ctx, node, item, link, title);
  kh_format_add_item (&ctx->base, item);
}

/* RSS paging (RFC 5005) borrows Atom's <link rel="next">. */
static char *
parse_next_link (xmlNodePtr channel)
{
  for (xmlNodePtr link = kh_format_xml_child (channel, KH_NS_ATOM, "link"); link != NULL;
       link = kh_format_xml_next (link->next, KH_NS_ATOM, "link"))
    {
      g_autofree char *rel = kh_format_xml_attr (link, "rel");
      g_autofree char *href = NULL;

      if (g_strcmp0 (rel, "next") != 0)
        continue;
      href = kh_format_xml_attr (link, "href");
      return kh_format_xml_resolve (link, href);
    }
  return NULL;
}

static void
parse_channel (RssContext *ctx,
               xmlNodePtr  root,
               xmlNodePtr  channel)
{
  KhFeed *feed = ctx->base.feed;
  g_autofree char *title = kh_format_xml_child_text (channel, ctx->ns, "title");
  g_autofree char *clean_title = plain_text (title);
  g_autofree char *link = parse_link (channel, ctx->ns);
  g_autofree char *next = parse_next_link (channel);
  xmlNodePtr image = kh_format_xml_child (channel, ctx->ns, "image");
  g_autofree char *image_url = NULL;
  g_autofree char *icon = NULL;

  /* RDF puts the image beside the channel, which only refers to it. */
  image_url = kh_format_xml_child_text (image, ctx->ns, "url");
  if (image_url == NULL)
    {
      image = kh_format_xml_child (root, ctx->ns, "image");
      image_url = kh_format_xml_child_text (image, ctx->ns, "url");
    }
  icon = image_url ? kh_format_xml_resolve (image, image_url) : NULL;

  ctx->channel_language = kh_format_xml_lang (channel);
  if (ctx->channel_language == NULL)
    ctx->channel_language = kh_format_xml_child_text (channel, NULL, "language");
  if (ctx->channel_language == NULL)
    ctx->channel_language = kh_format_xml_child_text (channel, KH_NS_DC, "language");

  kh_feed_set_title (feed, clean_title);
  kh_feed_set_home_page_url (feed, link);
  kh_feed_set_language (feed, ctx->channel_language);
  kh_feed_set_next_url (feed, next);
  kh_feed_set_icon (feed, icon);
}

/* Reads the <item>s among @first and its siblings. */
static void
parse_items (RssContext *ctx,
             xmlNodePtr  first)
{
  for (xmlNodePtr node = kh_format_xml_next (first, ctx->ns, "item"); node != NULL;
       node = kh_format_xml_next (node->next, ctx->ns, "item"))
    {
      ctx->base.index++;
      parse_item (ctx, node);
    }
}

static char *
rss_format_name (xmlNodePtr root)
{
  g_autofree char *version = kh_format_xml_attr (root, "version");

  if (version == NULL || strlen (version) > 8)
    return g_strdup ("RSS");
  return g_strdup_printf ("RSS %s", version);
}

KhFeed *
kh_format_rss_parse (KhDocument  *document,
                     GError     **error)
{
  g_auto(RssContext) ctx = { { 0 } };
  xmlNodePtr root = xmlDocGetRootElement (document->xml);
  xmlNodePtr channel = kh_format_xml_child (root, NULL, "channel");
  g_autofree char *format = rss_format_name (root);

  if (channel == NULL)
    {
      g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED,
                   _("Not a news feed: an RSS document without a <channel>"));
      return NULL;
    }

  kh_format_context_init (&ctx.base, document);
  kh_feed_set_format (ctx.base.feed, format);
  parse_channel (&ctx, root, channel);
  parse_items (&ctx, channel->children);
  /* Some feeds close the channel before their items. */
  parse_items (&ctx, root->children);
  return kh_format_context_finish (&ctx.base);
}

KhFeed *
kh_format_rdf_parse (KhDocument  *document,
                     GError     **error)
{
  g_auto(RssContext) ctx = { { 0 } };
  xmlNodePtr root = xmlDocGetRootElement (document->xml);

  ctx.ns = rdf_namespace (root);
  kh_format_context_init (&ctx.base, document);
  kh_feed_set_format (ctx.base.feed, g_strcmp0 (ctx.ns, KH_NS_RSS_1_0) == 0 ? "RSS 1.0" : "RSS 0.90");
  parse_channel (&ctx, root, kh_format_xml_child (root, ctx.ns, "channel"));
  parse_items (&ctx, root->children);
  return kh_format_context_finish (&ctx.base);
}
