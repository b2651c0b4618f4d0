/* kh-format-atom.c
 *
 * Atom 1.0 (RFC 4287): a <feed> of <entry>s, or a lone <entry>.  Text
 * constructs may be text, HTML or XHTML; links are resolved against
 * xml:base and the document's address.  The older Atom 0.3 differs in its
 * namespace, its dates and how it marks HTML, and is read as well.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kh-date.h"
#include "kh-format-xml.h"

#define KH_NS_ATOM_0_3 "http://purl.org/atom/ns#"

typedef struct
{
  KhFormatContext  base;
  const char      *ns;
  GStrv            feed_authors;
} AtomContext;

static void
atom_context_clear (AtomContext *ctx)
{
  kh_format_context_clear (&ctx->base);
  g_clear_pointer (&ctx->feed_authors, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AtomContext, atom_context_clear)

/*
 * The namespace of an Atom document's elements, in *@ns; FALSE when the
 * document is not Atom.  A <feed> of <entry>s in no namespace at all is
 * taken for Atom as well.
 */
static gboolean
find_atom_namespace (xmlNodePtr   root,
                     const char **ns)
{
  static const char * const namespaces[] = { KH_NS_ATOM, KH_NS_ATOM_0_3 };

  for (guint i = 0; i < G_N_ELEMENTS (namespaces); i++)
    if (kh_format_xml_is (root, namespaces[i], "feed") || kh_format_xml_is (root, namespaces[i], "entry"))
      {
        *ns = namespaces[i];
        return TRUE;
      }

  *ns = NULL;
  return kh_format_xml_is (root, NULL, "feed") && kh_format_xml_child (root, NULL, "entry") != NULL;
}

gboolean
kh_format_atom_probe (KhDocument *document)
{
  const char *ns;

  return document->xml != NULL && find_atom_namespace (xmlDocGetRootElement (document->xml), &ns);
}

/*
 * A text construct as HTML, or as plain text in *@text.  XHTML is the
 * markup inside its wrapping <div>.  Atom 0.3 names MIME types instead,
 * and says with mode="escaped" that HTML is written as text.
 */
static char *
text_construct_html (xmlNodePtr   node,
                     char       **text)
{
  g_autofree char *type = kh_format_xml_attr (node, "type");
  g_autofree char *mode = kh_format_xml_attr (node, "mode");
  gboolean inline_markup;

  *text = NULL;
  if (node == NULL)
    return NULL;

  inline_markup = g_strcmp0 (type, "xhtml") == 0 || g_strcmp0 (type, "application/xhtml+xml") == 0 ||
                  (g_strcmp0 (type, "text/html") == 0 && mode != NULL && strcmp (mode, "xml") == 0);
  if (inline_markup)
    {
      xmlNodePtr div = kh_format_xml_child (node, KH_NS_XHTML, "div");

      return kh_format_xml_inner (div ? div : node);
    }
  if (g_strcmp0 (type, "html") == 0 || g_strcmp0 (type, "text/html") == 0)
    return kh_format_xml_text (node);

  *text = kh_format_xml_text (node);
  return NULL;
}

/* A text construct as one line of plain text. */
static char *
text_construct_plain (xmlNodePtr node)
{
  g_autofree char *text = NULL;
  g_autofree char *html = text_construct_html (node, &text);

  return html ? kh_format_text (html, TRUE) : kh_format_text (text, FALSE);
}

static GStrv
parse_authors (AtomContext *ctx,
               xmlNodePtr   node)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (xmlNodePtr author = kh_format_xml_child (node, ctx->ns, "author"); author != NULL;
       author = kh_format_xml_next (author->next, ctx->ns, "author"))
    {
      g_autofree char *name = kh_format_xml_child_text (author, ctx->ns, "name");

      if (name != NULL)
        g_strv_builder_add (names, name);
    }
  return g_strv_builder_end (names);
}

static GStrv
parse_tags (AtomContext *ctx,
            xmlNodePtr   node)
{
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();

  for (xmlNodePtr category = kh_format_xml_child (node, ctx->ns, "category"); category != NULL;
       category = kh_format_xml_next (category->next, ctx->ns, "category"))
    {
      g_autofree char *label = kh_format_xml_attr (category, "label");
      g_autofree char *term = kh_format_xml_attr (category, "term");

      if (label != NULL || term != NULL)
        g_strv_builder_add (tags, label ? label : term);
    }
  return g_strv_builder_end (tags);
}

/* The href of the first <link> with relation @rel ("alternate" is also
 * the relation of a link without one). */
static char *
find_link (AtomContext *ctx,
           xmlNodePtr   node,
           const char  *rel)
{
  for (xmlNodePtr link = kh_format_xml_child (node, ctx->ns, "link"); link != NULL;
       link = kh_format_xml_next (link->next, ctx->ns, "link"))
    {
      g_autofree char *link_rel = kh_format_xml_attr (link, "rel");
      g_autofree char *href = NULL;

      if (g_strcmp0 (link_rel ? link_rel : "alternate", rel) != 0)
        continue;
      if ((href = kh_format_xml_attr (link, "href")) != NULL)
        return kh_format_xml_resolve (link, href);
    }
  return NULL;
}

static void
parse_enclosures (AtomContext *ctx,
                  xmlNodePtr   entry,
                  KhItem      *item)
{
  for (xmlNodePtr link = kh_format_xml_child (entry, ctx->ns, "link"); link != NULL;
       link = kh_format_xml_next (link->next, ctx->ns, "link"))
    {
      g_autofree char *rel = kh_format_xml_attr (link, "rel");
      g_autofree char *href = kh_format_xml_attr (link, "href");
      g_autofree char *url = NULL;
      g_autofree char *type = NULL;
      g_autofree char *title = NULL;
      g_autofree char *length = NULL;
      g_autoptr(KhAttachment) attachment = NULL;

      if (g_strcmp0 (rel, "enclosure") != 0 || href == NULL)
        continue;
      url = kh_format_xml_resolve (link, href);
      type = kh_format_xml_attr (link, "type");
      title = kh_format_xml_attr (link, "title");
      length = kh_format_xml_attr (link, "length");
      attachment = kh_attachment_new (url, type, title, length ? g_ascii_strtoll (length, NULL, 10) : 0, 0);
      kh_item_add_attachment (item, attachment);
    }
}

/* Media RSS in Atom, as video and photo sites write it. */
static void
parse_media (xmlNodePtr  entry,
             KhItem     *item)
{
  xmlNodePtr group = kh_format_xml_child (entry, KH_NS_MEDIA, "group");
  xmlNodePtr parent = group ? group : entry;
  xmlNodePtr thumbnail = kh_format_xml_child (parent, KH_NS_MEDIA, "thumbnail");
  g_autofree char *href = NULL;
  g_autofree char *url = NULL;

  kh_format_image_from_attachments (item);
  if (kh_item_get_image (item) != NULL || thumbnail == NULL)
    return;
  href = kh_format_xml_attr (thumbnail, "url");
  url = kh_format_xml_resolve (thumbnail, href);
  kh_item_set_image (item, url);
}

static GDateTime *
parse_date (AtomContext *ctx,
            xmlNodePtr   entry,
            const char  *name)
{
  g_autofree char *text = kh_format_xml_child_text (entry, ctx->ns, name);
  GDateTime *date;

  if (text == NULL)
    return NULL;
  date = kh_date_parse_any (text);
  if (date == NULL)
    kh_feed_add_problem (ctx->base.feed, FALSE, _("Item %u: “%s” is not a date: “%s”"),
                         ctx->base.index, name, text);
  return date;
}

/* The content is the body and the summary its summary; without content,
 * the summary is the body. */
static void
parse_body (AtomContext *ctx,
            xmlNodePtr   entry,
            KhItem      *item)
{
  xmlNodePtr content = kh_format_xml_child (entry, ctx->ns, "content");
  xmlNodePtr summary = kh_format_xml_child (entry, ctx->ns, "summary");
  g_autofree char *text = NULL;
  g_autofree char *html = NULL;

  /* Content given by reference (src="…") has nothing to show here. */
  if (content != NULL && xmlHasProp (content, (const xmlChar *) "src") == NULL)
    {
      g_autofree char *summary_text = text_construct_plain (summary);

      html = text_construct_html (content, &text);
      kh_item_set_summary (item, summary_text);
    }
  else
    html = text_construct_html (summary, &text);

  kh_format_set_body (item, html, text);
}

/* Atom 0.3 called "published" "issued" (or "created"), and "updated"
 * "modified". */
static void
parse_dates (AtomContext *ctx,
             xmlNodePtr   entry,
             KhItem      *item)
{
  gboolean old = g_strcmp0 (ctx->ns, KH_NS_ATOM_0_3) == 0;
  g_autoptr(GDateTime) published = parse_date (ctx, entry, old ? "issued" : "published");
  g_autoptr(GDateTime) updated = parse_date (ctx, entry, old ? "modified" : "updated");

  if (published == NULL && old)
    published = parse_date (ctx, entry, "created");
  kh_item_set_published (item, published ? published : updated);
  kh_item_set_modified (item, updated);
}

static void
fill_item (AtomContext *ctx,
           xmlNodePtr   entry,
           KhItem      *item)
{
  g_autofree char *title = text_construct_plain (kh_format_xml_child (entry, ctx->ns, "title"));
  g_autofree char *url = find_link (ctx, entry, "alternate");
  xmlNodePtr content = kh_format_xml_child (entry, ctx->ns, "content");
  /* The content's own xml:lang, or the one it inherits; an empty one
   * means the language is unknown. */
  g_autofree char *language = kh_format_xml_lang (content ? content : entry);
  GStrv authors = parse_authors (ctx, entry);

  /* Entries without authors take the feed's, as Atom says. */
  if (authors[0] == NULL && ctx->feed_authors != NULL)
    {
      g_strfreev (authors);
      authors = g_strdupv (ctx->feed_authors);
    }

  kh_item_set_url (item, url);
  kh_item_set_title (item, title);
  parse_body (ctx, entry, item);
  parse_enclosures (ctx, entry, item);
  parse_media (entry, item);
  kh_item_set_language (item, language);
  parse_dates (ctx, entry, item);
  kh_item_set_authors (item, authors);
  kh_item_set_tags (item, parse_tags (ctx, entry));
}

static char *
synthetic_id (AtomContext *ctx,
              xmlNodePtr   entry)
{
  g_autofree char *title = kh_format_xml_child_text (entry, ctx->ns, "title");
  g_autofree char *content = kh_format_xml_child_text (entry, ctx->ns, "content");
  g_autofree char *summary = kh_format_xml_child_text (entry, ctx->ns, "summary");

  if (title == NULL && content == NULL && summary == NULL)
    return NULL;
  return kh_format_synthetic_id (title ? title : "", content ? content : "", summary ? summary : "", NULL);
}

static void
parse_entry (AtomContext *ctx,
             xmlNodePtr   entry)
{
  g_autofree char *id = kh_format_xml_child_text (entry, ctx->ns, "id");
  g_autoptr(KhItem) item = NULL;

  /* Atom requires ids; feeds that leave them out mostly have links, or
   * else an id is made from the content. */
  if (id == NULL)
    id = find_link (ctx, entry, "alternate");
  if (id == NULL)
    id = synthetic_id (ctx, entry);
  if (!kh_format_check_id (&ctx->base, &id))
    return;

  item = kh_item_new (id);
  fill_item (ctx, entry, item);
  kh_format_add_item (&ctx->base, item);
}

static void
parse_feed_fields (AtomContext *ctx,
                   xmlNodePtr   root)
{
  KhFeed *feed = ctx->base.feed;
  g_autofree char *title = text_construct_plain (kh_format_xml_child (root, ctx->ns, "title"));
  g_autofree char *home = find_link (ctx, root, "alternate");
  g_autofree char *next = find_link (ctx, root, "next");
  xmlNodePtr icon = kh_format_xml_child (root, ctx->ns, "icon");
  g_autofree char *language = kh_format_xml_lang (root);
  g_autofree char *icon_href = NULL;
  g_autofree char *icon_url = NULL;

  if (icon == NULL)
    icon = kh_format_xml_child (root, ctx->ns, "logo");
  icon_href = kh_format_xml_text (icon);
  icon_url = icon_href ? kh_format_xml_resolve (icon, icon_href) : NULL;

  ctx->feed_authors = parse_authors (ctx, root);

  kh_feed_set_title (feed, title);
  kh_feed_set_home_page_url (feed, home);
  kh_feed_set_language (feed, language);
  kh_feed_set_next_url (feed, next);
  kh_feed_set_icon (feed, icon_url);
}

KhFeed *
kh_format_atom_parse (KhDocument  *document,
                      GError     **error)
{
  g_auto(AtomContext) ctx = { { 0 } };
  xmlNodePtr root = xmlDocGetRootElement (document->xml);

  find_atom_namespace (root, &ctx.ns);
  kh_format_context_init (&ctx.base, document);
  kh_feed_set_format (ctx.base.feed, g_strcmp0 (ctx.ns, KH_NS_ATOM_0_3) == 0 ? "Atom 0.3" : "Atom 1.0");

  if (kh_format_xml_is (root, ctx.ns, "entry"))
    {
      ctx.base.index = 1;
      parse_entry (&ctx, root);
      return kh_format_context_finish (&ctx.base);
    }

  parse_feed_fields (&ctx, root);
  for (xmlNodePtr entry = kh_format_xml_child (root, ctx.ns, "entry"); entry != NULL;
       entry = kh_format_xml_next (entry->next, ctx.ns, "entry"))
    {
      ctx.base.index++;
      parse_entry (&ctx, entry);
    }
  return kh_format_context_finish (&ctx.base);
}
