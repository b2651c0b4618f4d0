/* kh-feed-parser.c
 *
 * Reads a feed in whatever format it comes: the document says whether it
 * is JSON or XML, then each known format in turn is asked whether it
 * recognises it.  A feed is accepted item by item: a broken item is
 * skipped and reported, the rest of the feed still reads.  A document
 * that would take the parsers too deep or too much memory is refused
 * before they see it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>

#include "kh-error.h"
#include "kh-format.h"
#include "kh-format-json.h"
#include "kh-format-xml.h"
#include "kh-text.h"
#include "kh-feed-parser.h"

typedef struct
{
  const char  *name;
  gboolean   (*probe) (KhDocument  *document);
  KhFeed    *(*parse) (KhDocument  *document,
                       GError     **error);
} KhFormat;

/* Every format Khabar reads, asked in this order. */
static const KhFormat formats[] = {
  /* Before JSON Feed, which takes any object with "items": its entries
   * have an "href" and a rank, and no "url". */
  { "BBC News most read", kh_format_bbc_most_read_probe, kh_format_bbc_most_read_parse },
  { "JSON Feed", kh_format_json_feed_probe, kh_format_json_feed_parse },
  { "schema.org LiveBlogPosting", kh_format_json_ld_probe, kh_format_json_ld_parse },
  { "WordPress REST API", kh_format_wordpress_probe, kh_format_wordpress_parse },
  { "BBC News live page", kh_format_bbc_live_probe, kh_format_bbc_live_parse },
  { "NewsAPI", kh_format_newsapi_probe, kh_format_newsapi_parse },
  { "RSS", kh_format_rss_probe, kh_format_rss_parse },
  { "RSS 1.0", kh_format_rdf_probe, kh_format_rdf_parse },
  { "Atom 1.0", kh_format_atom_probe, kh_format_atom_parse },
};

/* The document's bytes, once a byte order mark has been dealt with. */
typedef struct
{
  const char *data;
  gsize       length;
  /* The encoding the bytes are in when something other than the document
   * itself says so: a byte order mark or the HTTP charset. */
  const char *encoding;
  char       *converted;
} Text;

static void
text_clear (Text *text)
{
  g_clear_pointer (&text->converted, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Text, text_clear)

/* Byte order marks and, without one, how "<?" or "<" begins a document in
 * UTF-16 or UTF-32, as XML's appendix F describes. */
static const struct
{
  const char *bytes;
  gsize       length;
  gboolean    is_mark;
  const char *encoding;
} byte_order_marks[] = {
  /* UTF-32 first: its little-endian mark begins like UTF-16's. */
  { "\xFF\xFE\x00\x00", 4, TRUE, "UTF-32LE" },
  { "\x00\x00\xFE\xFF", 4, TRUE, "UTF-32BE" },
  { "\xEF\xBB\xBF", 3, TRUE, "UTF-8" },
  { "\xFF\xFE", 2, TRUE, "UTF-16LE" },
  { "\xFE\xFF", 2, TRUE, "UTF-16BE" },
  { "<\x00\x00\x00", 4, FALSE, "UTF-32LE" },
  { "\x00\x00\x00<", 4, FALSE, "UTF-32BE" },
  { "<\x00?\x00", 4, FALSE, "UTF-16LE" },
  { "\x00<\x00?", 4, FALSE, "UTF-16BE" },
};

/* The charset parameter of an HTTP Content-Type, or NULL. */
static char *
charset_of (const char *content_type)
{
  g_autoptr(SoupMessageHeaders) headers = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *charset;

  if (content_type == NULL)
    return NULL;
  headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  soup_message_headers_replace (headers, "Content-Type", content_type);
  if (soup_message_headers_get_content_type (headers, &params) == NULL || params == NULL)
    return NULL;
  charset = g_hash_table_lookup (params, "charset");
  return charset && *charset ? g_strdup (charset) : NULL;
}

static gboolean
is_utf8_name (const char *encoding)
{
  return g_ascii_strcasecmp (encoding, "UTF-8") == 0 || g_ascii_strcasecmp (encoding, "UTF8") == 0;
}

/*
 * A byte order mark decides the encoding, as XML and HTTP (RFC 7303) both
 * say; UTF-16 and UTF-32 are turned into UTF-8 so that JSON and XML are
 * read the same way.  Without a mark, the HTTP charset decides, and
 * without a charset, the XML declaration.
 */
static gboolean
decode_text (GBytes      *document,
             gboolean     consume,
             const char  *charset,
             Text        *text,
             GPtrArray   *problems,
             GError     **error)
{
  gsize length = 0;
  const char *data;

  /* The caller's last reference: the bytes become ours, without a copy. */
  if (consume)
    data = text->converted = g_bytes_unref_to_data (document, &length);
  else
    data = g_bytes_get_data (document, &length);

  text->data = data ? data : "";
  text->length = data ? length : 0;
  text->encoding = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (byte_order_marks); i++)
    {
      g_autoptr(GError) local_error = NULL;
      gsize converted_length = 0;
      char *converted;

      if (text->length < byte_order_marks[i].length ||
          memcmp (text->data, byte_order_marks[i].bytes, byte_order_marks[i].length) != 0)
        continue;

      if (byte_order_marks[i].is_mark)
        {
          text->data += byte_order_marks[i].length;
          text->length -= byte_order_marks[i].length;
        }
      text->encoding = "UTF-8";
      if (is_utf8_name (byte_order_marks[i].encoding))
        return TRUE;

      converted = g_convert (text->data, text->length, "UTF-8", byte_order_marks[i].encoding,
                             NULL, &converted_length, &local_error);
      g_free (text->converted);
      text->converted = converted;
      if (text->converted == NULL)
        {
          g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_INVALID_UTF8,
                       _("The document is not valid %s: %s"),
                       byte_order_marks[i].encoding, local_error->message);
          return FALSE;
        }
      text->data = text->converted;
      text->length = converted_length;
      return TRUE;
    }

  if (charset != NULL)
    {
      xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler (charset);

      if (handler == NULL)
        g_ptr_array_add (problems, g_strdup_printf (_("Unknown character encoding “%s”"), charset));
      else
        {
          text->encoding = charset;
          xmlCharEncCloseFunc (handler);
        }
    }
  return TRUE;
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
  /* json-glib quotes the bad string, which may hold half a surrogate pair
   * or other bytes that are not UTF-8. */
  g_autofree char *message = g_utf8_make_valid (json_error->message, -1);

  if (sscanf (message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 &&
      consumed > 0 && (column = byte_column_to_chars (data, length, line, column)) > 0)
    g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_SYNTAX,
                 _("Line %u, column %u: %s"), line, column, message + consumed);
  else
    g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_SYNTAX,
                 _("Not valid JSON: %s"), message);
}

/* The code unit of a "\uXXXX" escape at @data, or -1. */
static int
escaped_unit (const char *data,
              gsize       length)
{
  int unit = 0;

  if (length < 6 || data[0] != '\\' || data[1] != 'u')
    return -1;
  for (guint i = 2; i < 6; i++)
    {
      if (!g_ascii_isxdigit (data[i]))
        return -1;
      unit = unit * 16 + g_ascii_xdigit_value (data[i]);
    }
  return unit;
}

/*
 * json-glib 1.6 is lenient with escapes in ways that end in bytes that
 * are not UTF-8: it takes "\u" with fewer than four hex digits (eating
 * the character after them), escapes JSON does not have, and decodes a
 * surrogate without its partner ("\ud800") as such.  An escape that is
 * not JSON is refused at its position; each lone surrogate becomes
 * "\ufffd", of the same length, so positions in later messages stay
 * right.  *@fixed is the corrected copy, or NULL when nothing needed
 * correcting.
 */
static gboolean
check_escapes (const char  *data,
                       gsize        length,
                       char       **fixed,
                       gsize       *bad_offset)
{
  *fixed = NULL;
  for (gsize i = 0; i + 1 < length; i++)
    {
      int unit;

      if (data[i] != '\\')
        continue;
      if (data[i + 1] != 'u')
        {
          /* json-glib also reads escapes JSON does not have, such as
           * octal ones ("\377"), into bytes that are not UTF-8. */
          if (strchr ("\"\\/bfnrt", data[i + 1]) == NULL || data[i + 1] == '\0')
            {
              g_clear_pointer (fixed, g_free);
              *bad_offset = i;
              return FALSE;
            }
          i++;
          continue;
        }
      unit = escaped_unit (data + i, length - i);
      if (unit < 0)
        {
          g_clear_pointer (fixed, g_free);
          *bad_offset = i;
          return FALSE;
        }
      if (unit >= 0xd800 && unit <= 0xdbff)
        {
          int low = escaped_unit (data + i + 6, length - i - 6);

          if (low >= 0xdc00 && low <= 0xdfff)
            {
              i += 11;
              continue;
            }
        }
      if (unit >= 0xd800 && unit <= 0xdfff)
        {
          if (*fixed == NULL)
            *fixed = g_memdup2 (data, length);
          memcpy (*fixed + i, "\\ufffd", 6);
        }
      i += 5;
    }
  return TRUE;
}

/*
 * json-glib builds the whole tree before anything can look at it, and
 * recurses once per level of nesting: 100 000 nested arrays overflow the
 * stack, a million tiny items take a gigabyte.  One pass over the bytes,
 * strings skipped, counts both first.  Each value but the first follows
 * a comma or opens a container, so the count is at most one too high.
 */
static gboolean
check_json_limits (const char  *data,
                   gsize        length,
                   GError     **error)
{
  gsize depth = 0;
  gsize values = 1;

  for (gsize i = 0; i < length; i++)
    {
      switch (data[i])
        {
        case '"':
          /* To the closing quote; a backslash escapes the next byte. */
          for (i++; i < length && data[i] != '"'; i++)
            if (data[i] == '\\')
              i++;
          break;

        case '[':
        case '{':
          values++;
          if (++depth > KH_FEED_MAX_DEPTH)
            {
              guint line, column;

              kh_text_position_of_offset (data, i, &line, &column);
              g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_TOO_COMPLEX,
                           _("Line %u, column %u: the document is nested more than %u levels deep"),
                           line, column, KH_FEED_MAX_DEPTH);
              return FALSE;
            }
          break;

        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;

        case ',':
          values++;
          break;

        default:
          break;
        }

      if (values > KH_FEED_MAX_JSON_VALUES)
        {
          g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_TOO_COMPLEX,
                       _("The document has more than %u values, far more than a news feed needs"),
                       KH_FEED_MAX_JSON_VALUES);
          return FALSE;
        }
    }
  return TRUE;
}

/* JSON is UTF-8; a document in another charset the server named is
 * converted first.  Then what json-glib would choke on is checked. */
static gboolean
prepare_json (Text     *text,
              GError  **error)
{
  char *fixed = NULL;
  gsize bad_offset = 0;

  if (text->encoding != NULL && !is_utf8_name (text->encoding) &&
      !g_utf8_validate_len (text->data, text->length, NULL))
    {
      gsize converted_length = 0;
      char *converted = g_convert (text->data, text->length, "UTF-8", text->encoding,
                                   NULL, &converted_length, NULL);

      if (converted != NULL)
        {
          g_free (text->converted);
          text->data = text->converted = converted;
          text->length = converted_length;
        }
    }

  if (!check_utf8 (text->data, text->length, error) ||
      !check_json_limits (text->data, text->length, error))
    return FALSE;
  if (!check_escapes (text->data, text->length, &fixed, &bad_offset))
    {
      guint line, column;

      kh_text_position_of_offset (text->data, bad_offset, &line, &column);
      g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_SYNTAX, _("Line %u, column %u: %s"),
                   line, column, _("not a valid JSON escape"));
      return FALSE;
    }
  if (fixed != NULL)
    {
      g_free (text->converted);
      text->data = text->converted = fixed;
    }
  return TRUE;
}

static JsonParser *
read_json (Text     *text,
           GError  **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) json_error = NULL;

  if (!json_parser_load_from_data (parser, text->data, text->length, &json_error))
    {
      set_syntax_error (error, json_error, text->data, text->length);
      return NULL;
    }
  return g_steal_pointer (&parser);
}

/*
 * A JSON Feed read an item at a time (see kh-json-split.c), or NULL when
 * the document is not plainly one: it is then read whole.  Only a feed
 * that names its JSON Feed version is, since the format table's other
 * readers look at the items to tell their formats apart.
 */
static KhFeed *
read_json_feed_in_pieces (Text                *text,
                          KhDocument          *document,
                          KhFeedParserPreview  preview,
                          gpointer             user_data)
{
  g_auto(KhJsonItems) items = { { 0 } };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) skeleton = NULL;
  KhJsonText pieces = { NULL, text->data, 0, text->length };
  JsonNode *root;
  KhFeed *feed;

  if (!kh_json_split_items (text->data, text->length, &items) || items.elements->len == 0)
    return NULL;

  /* The document with "items": [], for the feed's own fields. */
  skeleton = g_string_new_len (text->data, items.array.start + 1);
  g_string_append_len (skeleton, text->data + items.array.end - 1, text->length - items.array.end + 1);
  if (!json_parser_load_from_data (parser, skeleton->str, skeleton->len, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !g_str_has_prefix (kh_format_json_member_string (json_node_get_object (root), "version") ?: "",
                         "https://jsonfeed.org/version/1"))
    return NULL;

  /* A buffer of our own is given back as the items are read. */
  pieces.buffer = g_steal_pointer (&text->converted);
  document->json = root;
  feed = kh_format_json_feed_parse_pieces (document, &pieces, items.elements, preview, user_data);
  document->json = NULL;
  text->converted = pieces.buffer;
  text->data = pieces.data;
  text->length -= pieces.dropped;
  /* Only a feed that read may have dropped text: one that did not is read
   * again whole. */
  g_return_val_if_fail (feed != NULL || pieces.dropped == 0, feed);
  if (feed != NULL && kh_feed_get_format (feed) == NULL)
    kh_feed_set_format (feed, "JSON Feed");
  return feed;
}

/* Where @needle next occurs in the @length bytes at @data, or NULL. */
static const char *
find_bytes (const char *data,
            gsize       length,
            const char *needle)
{
  gsize needle_length = strlen (needle);
  const char *end = data + length;

  for (const char *p = data;
       (gsize) (end - p) >= needle_length && (p = memchr (p, needle[0], end - p)) != NULL;
       p++)
    if ((gsize) (end - p) >= needle_length && memcmp (p, needle, needle_length) == 0)
      return p;
  return NULL;
}

/*
 * libxml2 limits nesting (to 256 levels) but not the number of elements,
 * and its tree of a million tiny items takes half a gigabyte.  Start tags
 * are counted first; those in comments and CDATA sections are text.
 */
static gboolean
check_xml_limits (const char  *data,
                  gsize        length,
                  GError     **error)
{
  const char *end = data + length;
  gsize elements = 0;

  for (const char *p = data; p < end && (p = memchr (p, '<', end - p)) != NULL; )
    {
      gsize rest = end - p;
      const char *close = NULL;

      if (rest >= 9 && memcmp (p, "<![CDATA[", 9) == 0)
        close = "]]>";
      else if (rest >= 4 && memcmp (p, "<!--", 4) == 0)
        close = "-->";

      if (close != NULL)
        {
          p = find_bytes (p, rest, close);
          if (p == NULL)
            break;
          p += strlen (close);
          continue;
        }

      if (rest >= 2 && (g_ascii_isalpha (p[1]) || p[1] == '_' || p[1] == ':' || (guchar) p[1] >= 0x80) &&
          ++elements > KH_FEED_MAX_XML_ELEMENTS)
        {
          g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_TOO_COMPLEX,
                       _("The document has more than %u elements, far more than a news feed needs"),
                       KH_FEED_MAX_XML_ELEMENTS);
          return FALSE;
        }
      p++;
    }
  return TRUE;
}

static gpointer
init_libxml2 (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

/*
 * XML that is not well-formed is still read when libxml2 could recover a
 * feed from it; the first error becomes a problem of the feed.  Otherwise
 * the first error is the error.
 */
static xmlDocPtr
read_xml (Text        *text,
          const char  *base_uri,
          GPtrArray   *problems,
          GError     **error)
{
  static GOnce once = G_ONCE_INIT;
  g_auto(KhXmlError) first_error = { 0 };
  xmlDocPtr doc;
  KhDocument probe_document = { NULL, NULL, base_uri, NULL };

  g_once (&once, init_libxml2, NULL);

  if (!check_xml_limits (text->data, text->length, error))
    return NULL;
  doc = kh_format_xml_read (text->data, text->length, text->encoding, base_uri, &first_error);
  if (first_error.unknown_entity != NULL)
    {
      g_autofree char *message = g_strdup_printf ("Entity '%s' not defined", first_error.unknown_entity);

      g_ptr_array_add (problems, g_strdup_printf (_("Line %u, column %u: %s"), first_error.entity_line,
                                                  first_error.entity_column, message));
    }
  if (first_error.message == NULL)
    return doc;

  /* An encoding libxml2 does not know: UTF-8 is the likeliest. */
  if (first_error.code == XML_ERR_UNSUPPORTED_ENCODING && text->encoding == NULL)
    {
      g_ptr_array_add (problems, g_strdup_printf (_("Line %u, column %u: %s"), first_error.line,
                                                  first_error.column, first_error.message));
      g_clear_pointer (&doc, xmlFreeDoc);
      kh_xml_error_clear (&first_error);
      doc = kh_format_xml_read (text->data, text->length, "UTF-8", base_uri, &first_error);
      if (first_error.message == NULL)
        return doc;
    }

  probe_document.xml = doc;
  for (guint i = 0; doc != NULL && i < G_N_ELEMENTS (formats); i++)
    {
      if (!formats[i].probe (&probe_document))
        continue;
      g_ptr_array_add (problems, g_strdup_printf (_("Line %u, column %u: %s"), first_error.line,
                                                  first_error.column, first_error.message));
      return doc;
    }

  /* A web page is not XML, and saying where its HTML breaks XML's rules
   * would not help. */
  if (doc != NULL && xmlDocGetRootElement (doc) != NULL &&
      g_ascii_strcasecmp ((const char *) xmlDocGetRootElement (doc)->name, "html") == 0)
    g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED,
                 _("Not a news feed: a web page"));
  else
    g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_SYNTAX, _("Line %u, column %u: %s"),
                 first_error.line, first_error.column, first_error.message);
  g_clear_pointer (&doc, xmlFreeDoc);
  return NULL;
}

/* <name> or <prefix:name>, for messages. */
static char *
describe_xml_root (xmlDocPtr doc)
{
  xmlNodePtr root = xmlDocGetRootElement (doc);
  g_autofree char *name = g_utf8_make_valid ((const char *) root->name, -1);

  if (root->ns != NULL && root->ns->prefix != NULL)
    {
      g_autofree char *prefix = g_utf8_make_valid ((const char *) root->ns->prefix, -1);

      return g_strdup_printf (_("an XML document whose root element is <%s:%s>"), prefix, name);
    }
  return g_strdup_printf (_("an XML document whose root element is <%s>"), name);
}

static KhFeed *
parse_document (KhDocument  *document,
                GError     **error)
{
  g_autofree char *description = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      KhFeed *feed;

      if (!formats[i].probe (document))
        continue;
      feed = formats[i].parse (document, error);
      if (feed != NULL && kh_feed_get_format (feed) == NULL)
        kh_feed_set_format (feed, formats[i].name);
      return feed;
    }

  if (document->json != NULL)
    description = kh_format_json_describe_root (document->json);
  else
    description = describe_xml_root (document->xml);
  g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED,
               /* Translators: %s says what the document is instead, e.g.
                * “a JSON array of numbers”. */
               _("Not a news feed: %s"), description);
  return NULL;
}

/* The first character that is not white space, or '\0'. */
static char
first_character (const Text *text)
{
  for (gsize i = 0; i < text->length; i++)
    if (!g_ascii_isspace (text->data[i]))
      return text->data[i];
  return '\0';
}

static KhFeed *parse (GBytes               *document,
                      gboolean              consume,
                      const char           *content_type,
                      const char           *base_uri,
                      gboolean              in_pieces,
                      KhFeedParserPreview   preview,
                      gpointer              user_data,
                      GError              **error);

/**
 * kh_feed_parser_parse_full:
 * @document: the bytes of a feed document
 * @content_type: (nullable): the HTTP Content-Type it came with, whose
 *   charset names the encoding of an XML document without a byte order mark
 * @base_uri: (nullable): the address it came from, against which relative
 *   links and images are resolved
 *
 * Parses a whole document: JSON Feed, schema.org LiveBlogPosting, the
 * WordPress REST API, a BBC News live page or "most read" list, a NewsAPI
 * answer, RSS or Atom.  This may take a while on a large feed:
 * call it from a worker thread, as kh_feed_parser_parse_full_async() does.
 *
 * Returns: (transfer full): the feed, its items newest first
 */
KhFeed *
kh_feed_parser_parse_full (GBytes      *document,
                           const char  *content_type,
                           const char  *base_uri,
                           GError     **error)
{
  return kh_feed_parser_parse_with_preview (document, content_type, base_uri, NULL, NULL, error);
}

/**
 * kh_feed_parser_parse_with_preview:
 * @preview: (nullable): called with the first items of a long JSON Feed
 *   while the rest is read; see #KhFeedParserPreview
 *
 * kh_feed_parser_parse_full(), showing the first items early.
 *
 * Returns: (transfer full): the feed, its items newest first
 */
KhFeed *
kh_feed_parser_parse_with_preview (GBytes               *document,
                                   const char           *content_type,
                                   const char           *base_uri,
                                   KhFeedParserPreview   preview,
                                   gpointer              user_data,
                                   GError              **error)
{
  return parse (document, FALSE, content_type, base_uri, TRUE, preview, user_data, error);
}

/**
 * kh_feed_parser_parse_consuming:
 * @document: (transfer full): the bytes of a feed document, the caller's
 *   last reference to them
 *
 * kh_feed_parser_parse_with_preview(), letting go of @document as it is
 * read: a long JSON Feed and the items made from it are then never both
 * held whole.
 *
 * Returns: (transfer full): the feed, its items newest first
 */
KhFeed *
kh_feed_parser_parse_consuming (GBytes               *document,
                                const char           *content_type,
                                const char           *base_uri,
                                KhFeedParserPreview   preview,
                                gpointer              user_data,
                                GError              **error)
{
  return parse (document, TRUE, content_type, base_uri, TRUE, preview, user_data, error);
}

/**
 * kh_feed_parser_parse_whole:
 *
 * kh_feed_parser_parse_full(), reading a JSON document as one json-glib
 * tree, never an item at a time: the reference that reading in pieces is
 * checked against, by the tests and the fuzzer.
 *
 * Returns: (transfer full): the feed, its items newest first
 */
KhFeed *
kh_feed_parser_parse_whole (GBytes      *document,
                            const char  *content_type,
                            const char  *base_uri,
                            GError     **error)
{
  return parse (document, FALSE, content_type, base_uri, FALSE, NULL, NULL, error);
}

static KhFeed *
parse (GBytes               *document,
       gboolean              consume,
       const char           *content_type,
       const char           *base_uri,
       gboolean              in_pieces,
       KhFeedParserPreview   preview,
       gpointer              user_data,
       GError              **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *charset = charset_of (content_type);
  g_auto(Text) text = { 0 };
  KhDocument parsed = { NULL, NULL, base_uri, problems };
  char first;

  g_return_val_if_fail (document != NULL, NULL);

  if (!decode_text (document, consume, charset, &text, problems, error))
    return NULL;

  first = first_character (&text);
  if (first == '\0')
    {
      g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED, _("The document is empty"));
      return NULL;
    }

  /* A page, not a feed: its live blog, or the article it is. */
  if (first == '<' && kh_format_looks_like_web_page (text.data, text.length))
    return kh_format_web_page_parse (text.data, text.length, text.encoding, base_uri, error);

  if (first == '<')
    {
      KhFeed *feed;

      parsed.xml = read_xml (&text, base_uri, problems, error);
      if (parsed.xml == NULL)
        return NULL;
      feed = parse_document (&parsed, error);
      xmlFreeDoc (parsed.xml);
      return feed;
    }
  else
    {
      g_autoptr(JsonParser) parser = NULL;
      KhFeed *feed;

      if (!prepare_json (&text, error))
        return NULL;
      feed = in_pieces ? read_json_feed_in_pieces (&text, &parsed, preview, user_data) : NULL;
      if (feed != NULL)
        return feed;

      parser = read_json (&text, error);
      if (parser == NULL)
        return NULL;
      parsed.json = json_parser_get_root (parser);
      /* json-glib reads a document of byte order marks as no value. */
      if (parsed.json == NULL)
        {
          g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED, _("The document is empty"));
          return NULL;
        }
      return parse_document (&parsed, error);
    }
}

/**
 * kh_feed_parser_parse:
 * @document: the bytes of a feed document
 *
 * kh_feed_parser_parse_full() without a Content-Type or an address.
 *
 * Returns: (transfer full): the feed, its items newest first
 */
KhFeed *
kh_feed_parser_parse (GBytes  *document,
                      GError **error)
{
  return kh_feed_parser_parse_full (document, NULL, NULL, error);
}

typedef struct
{
  GBytes *document;
  char   *content_type;
  char   *base_uri;
} ParseData;

static void
parse_data_free (ParseData *data)
{
  g_bytes_unref (data->document);
  g_free (data->content_type);
  g_free (data->base_uri);
  g_free (data);
}

static void
parse_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  ParseData *data = task_data;
  GError *error = NULL;
  KhFeed *feed = kh_feed_parser_parse_full (data->document, data->content_type,
                                            data->base_uri, &error);

  if (feed != NULL)
    g_task_return_pointer (task, feed, g_object_unref);
  else
    g_task_return_error (task, error);
}

/* Parses in a worker thread; finish with kh_feed_parser_parse_finish(). */
void
kh_feed_parser_parse_full_async (GBytes              *document,
                                 const char          *content_type,
                                 const char          *base_uri,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ParseData *data;

  g_return_if_fail (document != NULL);

  data = g_new0 (ParseData, 1);
  data->document = g_bytes_ref (document);
  data->content_type = g_strdup (content_type);
  data->base_uri = g_strdup (base_uri);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, kh_feed_parser_parse_full_async);
  g_task_set_task_data (task, data, (GDestroyNotify) parse_data_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, parse_in_thread);
}

void
kh_feed_parser_parse_async (GBytes              *document,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  kh_feed_parser_parse_full_async (document, NULL, NULL, cancellable, callback, user_data);
}

/* Finishes kh_feed_parser_parse_async() and kh_feed_parser_parse_full_async(). */
KhFeed *
kh_feed_parser_parse_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == kh_feed_parser_parse_full_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
