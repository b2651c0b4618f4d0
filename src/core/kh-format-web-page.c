/* kh-format-web-page.c
 *
 * A web page given as the endpoint.  News sites put their live blogs in
 * the page itself, as schema.org LiveBlogPosting JSON-LD in a
 * <script type="application/ld+json">: that is read like the JSON-LD
 * format.  Any other page is read as one article, the way a browser's
 * reader mode does: its title, picture and date from the page's metadata
 * (Open Graph, schema.org, <time>), and its body from the element that
 * holds the most paragraph text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <string.h>

#include "kh-date.h"
#include "kh-error.h"
#include "kh-format.h"
#include "kh-text.h"
#include "kh-uri.h"

#define WEB_PAGE_PARSE_OPTIONS (HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | \
                                HTML_PARSE_RECOVER | HTML_PARSE_COMPACT)

/* Pages are larger than feeds, but the same depth of walking will do. */
#define MAX_DEPTH 256

/* Fewer characters of paragraphs than this are no article, only a page. */
#define MIN_ARTICLE_TEXT 80

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

static gboolean
is_element (xmlNodePtr  node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

/* libxml2 passes on what a wrongly declared encoding made of the bytes:
 * everything taken from the page is made valid UTF-8. */
static char *
get_attribute (xmlNodePtr  node,
               const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value ? g_utf8_make_valid ((const char *) value, -1) : NULL;

  xmlFree (value);
  return copy;
}

static gboolean
attribute_is (xmlNodePtr  node,
              const char *name,
              const char *expected)
{
  g_autofree char *value = get_attribute (node, name);

  return value != NULL && g_ascii_strcasecmp (g_strstrip (value), expected) == 0;
}

static char *
text_of (xmlNodePtr node)
{
  xmlChar *content = xmlNodeGetContent (node);
  g_autofree char *valid = content ? g_utf8_make_valid ((const char *) content, -1) : NULL;

  xmlFree (content);
  return valid ? kh_text_collapse_whitespace (valid) : NULL;
}

/* Calls @visit on every element, depth first, without recursing deeper
 * than MAX_DEPTH. */
static void
walk (xmlNodePtr   node,
      guint        depth,
      void       (*visit) (xmlNodePtr node, gpointer data),
      gpointer     data)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type != XML_ELEMENT_NODE)
        continue;
      visit (node, data);
      if (depth < MAX_DEPTH)
        walk (node->children, depth + 1, visit, data);
    }
}

/* What the page says about itself in <meta>, <link>, <time> and <title>. */
typedef struct
{
  char       *title;
  char       *og_title;
  char       *site_name;
  char       *image;
  char       *url;
  char       *published;
  char       *modified;
  char       *description;
  char       *author;
  GPtrArray  *json_ld;   /* texts of the ld+json scripts */
  xmlNodePtr  h1;
  xmlNodePtr  article;
} PageMeta;

static void
page_meta_clear (PageMeta *meta)
{
  g_free (meta->title);
  g_free (meta->og_title);
  g_free (meta->site_name);
  g_free (meta->image);
  g_free (meta->url);
  g_free (meta->published);
  g_free (meta->modified);
  g_free (meta->description);
  g_free (meta->author);
  g_clear_pointer (&meta->json_ld, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PageMeta, page_meta_clear)

static void
keep_first (char **field,
            char  *value)
{
  if (*field == NULL && value != NULL && *value != '\0')
    *field = value;
  else
    g_free (value);
}

static void
read_meta (xmlNodePtr  node,
           PageMeta   *meta)
{
  g_autofree char *key = get_attribute (node, "property");
  char *content = get_attribute (node, "content");

  if (key == NULL)
    key = get_attribute (node, "name");
  if (key == NULL || content == NULL)
    {
      g_free (content);
      return;
    }

  if (g_ascii_strcasecmp (key, "og:title") == 0)
    keep_first (&meta->og_title, content);
  else if (g_ascii_strcasecmp (key, "og:site_name") == 0)
    keep_first (&meta->site_name, content);
  else if (g_ascii_strcasecmp (key, "og:image") == 0 || g_ascii_strcasecmp (key, "twitter:image") == 0)
    keep_first (&meta->image, content);
  else if (g_ascii_strcasecmp (key, "og:url") == 0)
    keep_first (&meta->url, content);
  else if (g_ascii_strcasecmp (key, "og:description") == 0 || g_ascii_strcasecmp (key, "description") == 0)
    keep_first (&meta->description, content);
  else if (g_ascii_strcasecmp (key, "article:published_time") == 0 ||
           g_ascii_strcasecmp (key, "dc:date") == 0 || g_ascii_strcasecmp (key, "date") == 0)
    keep_first (&meta->published, content);
  else if (g_ascii_strcasecmp (key, "article:modified_time") == 0)
    keep_first (&meta->modified, content);
  else if (g_ascii_strcasecmp (key, "author") == 0 || g_ascii_strcasecmp (key, "article:author") == 0)
    keep_first (&meta->author, content);
  else
    g_free (content);
}

static void
visit_for_meta (xmlNodePtr node,
                gpointer   data)
{
  PageMeta *meta = data;

  if (is_element (node, "meta"))
    read_meta (node, meta);
  else if (is_element (node, "link") && attribute_is (node, "rel", "canonical"))
    keep_first (&meta->url, get_attribute (node, "href"));
  else if (is_element (node, "title"))
    keep_first (&meta->title, text_of (node));
  else if (is_element (node, "time"))
    keep_first (&meta->published, get_attribute (node, "datetime"));
  else if (is_element (node, "h1") && meta->h1 == NULL)
    meta->h1 = node;
  else if (is_element (node, "article") && meta->article == NULL)
    meta->article = node;
  else if (is_element (node, "script") && attribute_is (node, "type", "application/ld+json"))
    {
      xmlChar *content = xmlNodeGetContent (node);

      if (content != NULL)
        g_ptr_array_add (meta->json_ld, g_strdup ((const char *) content));
      xmlFree (content);
    }
}

/* The live blog among the page's JSON-LD scripts, if there is one. */
static KhFeed *
read_live_blog (PageMeta    *meta,
                const char  *base_uri,
                GError     **error)
{
  for (guint i = 0; i < meta->json_ld->len; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      KhDocument document = { NULL, NULL, base_uri, NULL };
      KhFeed *feed;

      if (!json_parser_load_from_data (parser, meta->json_ld->pdata[i], -1, NULL))
        continue;
      document.json = json_parser_get_root (parser);
      if (!kh_format_json_ld_probe (&document))
        continue;
      feed = kh_format_json_ld_parse (&document, error);
      if (feed != NULL)
        kh_feed_set_format (feed, "schema.org LiveBlogPosting in a web page");
      return feed;
    }
  return NULL;
}

/* The element whose own paragraphs hold the most text: the article's
 * body, on nearly every news site, without the menus around it. */
typedef struct
{
  xmlNodePtr best;
  gsize      best_length;
} BodySearch;

static gboolean
is_boilerplate (xmlNodePtr node)
{
  const char *names[] = { "nav", "aside", "footer", "header", "form", "script", "style" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (is_element (node, names[i]))
      return TRUE;
  return FALSE;
}

static void
visit_for_body (xmlNodePtr node,
                gpointer   data)
{
  BodySearch *search = data;
  gsize length = 0;

  if (is_boilerplate (node))
    return;
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    if (is_element (child, "p"))
      {
        g_autofree char *text = text_of (child);

        length += text ? strlen (text) : 0;
      }
  if (length > search->best_length)
    {
      search->best = node;
      search->best_length = length;
    }
}

static char *
serialize (xmlDocPtr  doc,
           xmlNodePtr node)
{
  xmlBufferPtr buffer = xmlBufferCreate ();
  char *html;

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    if (!is_boilerplate (child))
      htmlNodeDump (buffer, doc, child);
  html = g_utf8_make_valid ((const char *) xmlBufferContent (buffer), xmlBufferLength (buffer));
  xmlBufferFree (buffer);
  return html;
}

static GDateTime *
parse_page_date (const char *text)
{
  return text ? kh_date_parse_any (text) : NULL;
}

static char *
page_title (PageMeta *meta)
{
  if (meta->og_title != NULL)
    return g_strdup (meta->og_title);
  if (meta->h1 != NULL)
    return text_of (meta->h1);
  return g_strdup (meta->title);
}

static KhItem *
read_article (xmlDocPtr    doc,
              PageMeta    *meta,
              const char  *base_uri,
              GError     **error)
{
  BodySearch search = { NULL, 0 };
  g_autofree char *title = page_title (meta);
  g_autofree char *body = NULL;
  g_autofree char *url = NULL;
  g_autoptr(GDateTime) published = parse_page_date (meta->published);
  g_autoptr(GDateTime) modified = parse_page_date (meta->modified);
  g_autofree char *image = NULL;
  KhItem *item;

  walk (meta->article ? meta->article : xmlDocGetRootElement (doc), 0, visit_for_body, &search);
  if (search.best == NULL || search.best_length < MIN_ARTICLE_TEXT)
    {
      g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED,
                   _("Not a news feed: a web page without an article or a live blog"));
      return NULL;
    }

  url = meta->url ? kh_uri_resolve_relative (base_uri, meta->url, G_URI_FLAGS_NONE, NULL)
                  : g_strdup (base_uri);
  item = kh_item_new (url != NULL && *url != '\0' ? url : "page");
  kh_item_set_url (item, url);
  kh_item_set_title (item, title);
  kh_item_set_summary (item, meta->description);
  body = serialize (doc, search.best);
  kh_format_set_body (item, body, NULL);
  image = meta->image ? kh_uri_resolve_relative (base_uri, meta->image, G_URI_FLAGS_NONE, NULL) : NULL;
  kh_item_set_image (item, image);
  kh_item_set_published (item, published ? published : modified);
  kh_item_set_modified (item, modified);
  if (meta->author != NULL)
    kh_item_set_authors (item, g_strdupv ((char *[]) { meta->author, NULL }));
  return item;
}

/* <html lang>, when it is a plausible language tag. */
static char *
page_language (xmlDocPtr doc)
{
  xmlNodePtr root = xmlDocGetRootElement (doc);
  g_autofree char *lang = root ? get_attribute (root, "lang") : NULL;

  if (lang == NULL || *lang == '\0' || strlen (lang) > 35)
    return NULL;
  return g_steal_pointer (&lang);
}

/* The page as a feed of one article, under the rules every format keeps
 * (ids, titles, lengths). */
static KhFeed *
read_article_feed (xmlDocPtr    doc,
                   PageMeta    *meta,
                   const char  *base_uri,
                   GError     **error)
{
  KhDocument document = { NULL, NULL, base_uri, NULL };
  g_auto(KhFormatContext) ctx = { NULL, };
  g_autoptr(KhItem) item = read_article (doc, meta, base_uri, error);
  g_autofree char *lang = page_language (doc);
  g_autofree char *id = NULL;

  if (item == NULL)
    return NULL;

  kh_format_context_init (&ctx, &document);
  kh_feed_set_format (ctx.feed, "Web page (one article)");
  kh_feed_set_title (ctx.feed, meta->site_name ? meta->site_name : kh_item_get_title (item));
  kh_feed_set_home_page_url (ctx.feed, base_uri);
  kh_feed_set_language (ctx.feed, lang);
  if (kh_item_get_language (item) == NULL)
    kh_item_set_language (item, lang);

  ctx.index = 1;
  id = g_strdup (kh_item_get_id (item));
  if (kh_format_check_id (&ctx, &id))
    kh_format_add_item (&ctx, item);
  return kh_format_context_finish (&ctx);
}

static KhFeed *
read_page (xmlDocPtr    doc,
           const char  *base_uri,
           GError     **error)
{
  g_auto(PageMeta) meta = { NULL, };
  g_autoptr(GError) live_blog_error = NULL;
  KhFeed *feed;

  meta.json_ld = g_ptr_array_new_with_free_func (g_free);
  walk (xmlDocGetRootElement (doc), 0, visit_for_meta, &meta);

  feed = read_live_blog (&meta, base_uri, &live_blog_error);
  if (feed != NULL)
    return feed;
  return read_article_feed (doc, &meta, base_uri, error);
}

/* Whether the first element, after any declaration, doctype and comment,
 * is <html>: a doctype alone says nothing (RSS documents carry XHTML
 * ones). */
gboolean
kh_format_looks_like_web_page (const char *data,
                               gsize       length)
{
  const char *p = data;
  const char *end = data + MIN (length, 64 * 1024);

  while (p < end)
    {
      const char *close;

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (*p != '<' || p + 1 >= end)
        return FALSE;
      if (p[1] != '!' && p[1] != '?')
        return end - p >= 5 && g_ascii_strncasecmp (p + 1, "html", 4) == 0 &&
               (p + 5 == end || !g_ascii_isalnum (p[5]));
      close = p + 4 <= end && strncmp (p, "<!--", 4) == 0 ? g_strstr_len (p, end - p, "-->")
                                                          : memchr (p, '>', end - p);
      if (close == NULL)
        return FALSE;
      p = close + 1;
    }
  return FALSE;
}

/**
 * kh_format_web_page_parse:
 * @encoding: (nullable): the page's encoding when something other than
 *   the page says it (a byte order mark, the HTTP charset)
 *
 * Reads a web page: the live blog it carries, or the one article it is.
 */
KhFeed *
kh_format_web_page_parse (const char  *data,
                          gsize        length,
                          const char  *encoding,
                          const char  *base_uri,
                          GError     **error)
{
  g_autoptr(xmlDoc) doc = NULL;

  if (length > G_MAXINT)
    length = G_MAXINT;
  doc = htmlReadMemory (data, (int) length, base_uri, encoding, WEB_PAGE_PARSE_OPTIONS);
  if (doc == NULL || xmlDocGetRootElement (doc) == NULL)
    {
      g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED,
                   _("Not a news feed: a web page that could not be read"));
      return NULL;
    }
  return read_page (doc, base_uri, error);
}
