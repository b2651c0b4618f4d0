/* kh-format-xml.h: reading XML feed documents with libxml2
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "kh-format.h"

G_BEGIN_DECLS

#define KH_NS_ATOM    "http://www.w3.org/2005/Atom"
#define KH_NS_CONTENT "http://purl.org/rss/1.0/modules/content/"
#define KH_NS_DC      "http://purl.org/dc/elements/1.1/"
#define KH_NS_MEDIA   "http://search.yahoo.com/mrss/"
#define KH_NS_RDF     "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define KH_NS_RSS_0_9 "http://my.netscape.com/rdf/simple/0.9/"
#define KH_NS_RSS_1_0 "http://purl.org/rss/1.0/"
#define KH_NS_XHTML   "http://www.w3.org/1999/xhtml"

/* The first error libxml2 met, when the document was not well-formed,
 * and the first entity nobody declared, which reads as nothing. */
typedef struct
{
  int    code;
  guint  line;
  guint  column;
  char  *message;
  guint  entity_line;
  guint  entity_column;
  char  *unknown_entity;
} KhXmlError;

xmlDocPtr   kh_format_xml_read       (const char  *data,
                                      gsize        length,
                                      const char  *encoding,
                                      const char  *base_uri,
                                      KhXmlError  *first_error);
void        kh_xml_error_clear       (KhXmlError  *error);
gboolean    kh_format_xml_is         (xmlNodePtr   node,
                                      const char  *ns,
                                      const char  *name);
xmlNodePtr  kh_format_xml_child      (xmlNodePtr   parent,
                                      const char  *ns,
                                      const char  *name);
xmlNodePtr  kh_format_xml_next       (xmlNodePtr   node,
                                      const char  *ns,
                                      const char  *name);
char       *kh_format_xml_text       (xmlNodePtr   node);
char       *kh_format_xml_child_text (xmlNodePtr   parent,
                                      const char  *ns,
                                      const char  *name);
char       *kh_format_xml_attr       (xmlNodePtr   node,
                                      const char  *name);
char       *kh_format_xml_ns_attr    (xmlNodePtr   node,
                                      const char  *ns,
                                      const char  *name);
char       *kh_format_xml_lang       (xmlNodePtr   node);
char       *kh_format_xml_resolve    (xmlNodePtr   node,
                                      const char  *uri);
char       *kh_format_xml_inner      (xmlNodePtr   node);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (KhXmlError, kh_xml_error_clear)

G_END_DECLS
