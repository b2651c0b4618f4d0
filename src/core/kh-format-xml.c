/* kh-format-xml.c
 *
 * libxml2 reads the document without touching the network and without
 * substituting entities, so a feed cannot make it fetch or read files.
 * HTML's named entities, which feeds use without declaring them, are
 * known as if declared.  libxml2 recovers from errors; the caller decides whether what was recovered is
 * worth reading.  Every string taken from the tree is valid UTF-8, even
 * when the document's bytes were not.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/uri.h>
#include <string.h>

#include "kh-format-xml.h"

#define XML_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_RECOVER | \
                     XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

static void
record_error_cb (void        *user_data,
                 xmlErrorPtr  error)
{
  KhXmlError *first_error = user_data;
  g_autofree char *message = NULL;

  if (first_error->message != NULL || error->level < XML_ERR_ERROR)
    return;

  message = g_utf8_make_valid (error->message ? error->message : "", -1);
  first_error->code = error->code;
  first_error->line = MAX (error->line, 1);
  first_error->column = MAX (error->int2, 1);
  /* Some messages run over two lines. */
  first_error->message = g_strdup (g_strstrip (g_strdelimit (message, "\n", ' ')));
}

/*
 * An entity the document does not declare may be one of HTML's, as
 * "&nbsp;" in a title: it is then declared in the document's DTD.  Any
 * other is declared empty and noted: left as an error, it would make
 * libxml2 drop every later entity of the document, "&amp;" included.
 */
static xmlEntityPtr
get_entity_cb (void          *user_data,
               const xmlChar *name)
{
  xmlParserCtxtPtr ctxt = user_data;
  KhXmlError *report = ctxt->_private;
  xmlEntityPtr entity = xmlSAX2GetEntity (ctxt, name);
  const htmlEntityDesc *html;
  xmlNodePtr root;
  char value[8] = "";

  if (entity != NULL || ctxt->myDoc == NULL)
    return entity;

  if ((html = htmlEntityLookup (name)) != NULL)
    value[g_unichar_to_utf8 (html->value, value)] = '\0';
  else if (report->unknown_entity == NULL && ctxt->input != NULL)
    {
      /* libxml2 is just past the reference; point at its "&". */
      int column = ctxt->input->col - (int) strlen ((const char *) name) - 2;

      report->unknown_entity = g_utf8_make_valid ((const char *) name, -1);
      report->entity_line = MAX (ctxt->input->line, 1);
      report->entity_column = MAX (column, 1);
    }

  root = xmlDocGetRootElement (ctxt->myDoc);
  if (ctxt->myDoc->intSubset == NULL &&
      xmlCreateIntSubset (ctxt->myDoc, root ? root->name : (const xmlChar *) "rss", NULL, NULL) == NULL)
    return NULL;
  return xmlAddDocEntity (ctxt->myDoc, name, XML_INTERNAL_GENERAL_ENTITY, NULL, NULL,
                          (const xmlChar *) value);
}

/*
 * Parses @data, in @encoding when it is given (overriding the XML
 * declaration) and with @base_uri as the base of relative links.  Returns
 * NULL when nothing could be read; @first_error holds the first error
 * whenever the document was not well-formed, and always when NULL is
 * returned.
 */
xmlDocPtr
kh_format_xml_read (const char *data,
                    gsize       length,
                    const char *encoding,
                    const char *base_uri,
                    KhXmlError *first_error)
{
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;

  ctxt = length <= G_MAXINT ? xmlNewParserCtxt () : NULL;
  if (ctxt == NULL)
    {
      first_error->line = first_error->column = 1;
      first_error->message = g_strdup ("Document is too large");
      return NULL;
    }

  ctxt->sax->getEntity = get_entity_cb;
  ctxt->_private = first_error;

  /* The handler is per thread, and parsing runs in a worker thread. */
  xmlSetStructuredErrorFunc (first_error, record_error_cb);
  /* An encoding given from outside overrides the XML declaration. */
  doc = xmlCtxtReadMemory (ctxt, data, (int) length, base_uri, encoding,
                           XML_OPTIONS | (encoding ? XML_PARSE_IGNORE_ENC : 0));
  xmlSetStructuredErrorFunc (NULL, NULL);

  /* Namespace errors leave the document well-formed, and readable. */
  if (ctxt->wellFormed)
    g_clear_pointer (&first_error->message, g_free);
  else if (first_error->message == NULL)
    {
      first_error->line = first_error->column = 1;
      first_error->message = g_strdup ("Document is not well-formed");
    }
  xmlFreeParserCtxt (ctxt);

  if (doc != NULL && xmlDocGetRootElement (doc) == NULL)
    g_clear_pointer (&doc, xmlFreeDoc);
  if (doc == NULL && first_error->message == NULL)
    {
      first_error->line = first_error->column = 1;
      first_error->message = g_strdup ("Document is empty");
    }
  return doc;
}

void
kh_xml_error_clear (KhXmlError *error)
{
  g_clear_pointer (&error->message, g_free);
  g_clear_pointer (&error->unknown_entity, g_free);
}

gboolean
kh_format_xml_is (xmlNodePtr  node,
                  const char *ns,
                  const char *name)
{
  const char *node_ns;

  if (node == NULL || node->type != XML_ELEMENT_NODE)
    return FALSE;
  if (strcmp ((const char *) node->name, name) != 0)
    return FALSE;

  node_ns = node->ns ? (const char *) node->ns->href : NULL;
  return g_strcmp0 (node_ns, ns) == 0;
}

/* The first element named @name in @ns (NULL for none) at or after @node. */
xmlNodePtr
kh_format_xml_next (xmlNodePtr  node,
                    const char *ns,
                    const char *name)
{
  for (; node != NULL; node = node->next)
    if (kh_format_xml_is (node, ns, name))
      return node;
  return NULL;
}

xmlNodePtr
kh_format_xml_child (xmlNodePtr  parent,
                     const char *ns,
                     const char *name)
{
  return parent ? kh_format_xml_next (parent->children, ns, name) : NULL;
}

static char *
take_xml_string (xmlChar *text)
{
  char *valid;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid ((const char *) text, -1);
  xmlFree (text);
  return valid;
}

/* The text of @node and its descendants, or NULL when there is none. */
char *
kh_format_xml_text (xmlNodePtr node)
{
  g_autofree char *text = NULL;

  if (node == NULL)
    return NULL;
  text = take_xml_string (xmlNodeGetContent (node));
  if (text == NULL || *g_strstrip (text) == '\0')
    return NULL;
  return g_steal_pointer (&text);
}

char *
kh_format_xml_child_text (xmlNodePtr  parent,
                          const char *ns,
                          const char *name)
{
  return kh_format_xml_text (kh_format_xml_child (parent, ns, name));
}

/* An attribute without a namespace, or NULL when it is absent or blank. */
char *
kh_format_xml_attr (xmlNodePtr  node,
                    const char *name)
{
  g_autofree char *value = NULL;

  if (node == NULL)
    return NULL;
  value = take_xml_string (xmlGetNoNsProp (node, (const xmlChar *) name));
  if (value == NULL || *g_strstrip (value) == '\0')
    return NULL;
  return g_steal_pointer (&value);
}

/* An attribute in namespace @ns, or NULL when it is absent or blank. */
char *
kh_format_xml_ns_attr (xmlNodePtr  node,
                       const char *ns,
                       const char *name)
{
  g_autofree char *value = NULL;

  if (node == NULL)
    return NULL;
  value = take_xml_string (xmlGetNsProp (node, (const xmlChar *) name, (const xmlChar *) ns));
  if (value == NULL || *g_strstrip (value) == '\0')
    return NULL;
  return g_steal_pointer (&value);
}

/* The xml:lang in force at @node, or NULL. */
char *
kh_format_xml_lang (xmlNodePtr node)
{
  g_autofree char *lang = take_xml_string (xmlNodeGetLang (node));

  if (lang == NULL || *g_strstrip (lang) == '\0')
    return NULL;
  return g_steal_pointer (&lang);
}

/* @uri made absolute against the xml:base in force at @node and the
 * document's own address. */
char *
kh_format_xml_resolve (xmlNodePtr  node,
                       const char *uri)
{
  g_autofree char *base = NULL;
  g_autofree char *trimmed = NULL;
  char *resolved;

  if (uri == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (uri));
  if (*trimmed == '\0')
    return NULL;

  base = take_xml_string (xmlNodeGetBase (node->doc, node));
  if (base == NULL)
    return g_steal_pointer (&trimmed);

  resolved = take_xml_string (xmlBuildURI ((const xmlChar *) trimmed, (const xmlChar *) base));
  return resolved ? resolved : g_steal_pointer (&trimmed);
}

/* The children of @node written out as markup, for XHTML content. */
char *
kh_format_xml_inner (xmlNodePtr node)
{
  xmlBufferPtr buffer = xmlBufferCreate ();
  char *markup;

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    xmlNodeDump (buffer, node->doc, child, 0, 0);

  markup = g_utf8_make_valid ((const char *) xmlBufferContent (buffer), xmlBufferLength (buffer));
  xmlBufferFree (buffer);
  return g_strstrip (markup);
}
