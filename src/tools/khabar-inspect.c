/* khabar-inspect.c: what Khabar reads in a feed, from the command line
 *
 * Reads one document, from a file or from the web, with the same core code
 * as the application, and says which format it is, what the feed and each
 * item hold and every problem found on the way.  For whoever debugs an
 * endpoint of their own.
 *
 *   khabar-inspect [--content-type TYPE] [--base URI] [--blocks] [--json] FILE|URL…
 *
 * Exit status: 0 for a feed, 1 for a document that is not one (or could
 * not be read), 2 for a mistake on the command line; with several
 * documents, the worst of theirs.  The report itself is
 * in English, like the formats it describes; the errors are translated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "kh-block.h"
#include "kh-feed-parser.h"
#include "kh-fetcher.h"
#include "kh-html-blocks.h"
#include "kh-text.h"

#define EXIT_REJECTED 1
#define EXIT_USAGE 2
#define FIRST_PARAGRAPH_LENGTH 160

static char *content_type_option;
static char *base_option;
static gboolean blocks_option;
static gboolean json_option;
static char **arguments;

static const GOptionEntry entries[] = {
  { "content-type", 't', 0, G_OPTION_ARG_STRING, &content_type_option,
    N_("Read the document as if the server had sent this Content-Type"), N_("TYPE") },
  { "base", 'b', 0, G_OPTION_ARG_STRING, &base_option,
    N_("Resolve relative links against this address"), N_("URI") },
  { "blocks", 0, 0, G_OPTION_ARG_NONE, &blocks_option,
    N_("Also show the blocks of each item’s HTML body"), NULL },
  { "json", 0, 0, G_OPTION_ARG_NONE, &json_option,
    N_("Print the report as JSON"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &arguments, NULL, N_("FILE|URL…") },
  { NULL },
};

/* The document, however it was read. */
typedef struct
{
  GBytes *body;
  char   *content_type;
  char   *base_uri;
  guint   status;
} Document;

static void
document_clear (Document *document)
{
  g_clear_pointer (&document->body, g_bytes_unref);
  g_clear_pointer (&document->content_type, g_free);
  g_clear_pointer (&document->base_uri, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Document, document_clear)

typedef struct
{
  GMainLoop  *loop;
  KhResponse *response;
  GError     *error;
} Fetch;

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetch *fetch = user_data;

  fetch->response = kh_fetcher_fetch_full_finish (KH_FETCHER (source), result, NULL, &fetch->error);
  g_main_loop_quit (fetch->loop);
}

/* http and https through the application's own fetcher, with its limits. */
static gboolean
read_web (const char  *uri,
          Document    *document,
          GError     **error)
{
  g_autoptr(KhFetcher) fetcher = kh_fetcher_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Fetch fetch = { loop, NULL, NULL };

  kh_fetcher_fetch_full_async (fetcher, uri, NULL, NULL, kh_fetcher_get_max_size (fetcher),
                               NULL, fetched_cb, &fetch);
  g_main_loop_run (loop);
  if (fetch.response == NULL)
    {
      g_propagate_error (error, fetch.error);
      return FALSE;
    }

  document->body = fetch.response->body ? g_bytes_ref (fetch.response->body) : g_bytes_new (NULL, 0);
  document->content_type = g_strdup (fetch.response->content_type);
  document->status = fetch.response->status;
  document->base_uri = g_strdup (uri);
  kh_response_free (fetch.response);
  return TRUE;
}

/* A path, a file:// or a resource:// address, through GIO. */
static gboolean
read_file (const char  *argument,
           Document    *document,
           GError     **error)
{
  g_autoptr(GFile) file = NULL;
  char *contents = NULL;
  gsize length = 0;

  /* A plain path is read without GIO's modules, which take longer to load
   * than most feeds take to parse. */
  if (g_uri_peek_scheme (argument) == NULL)
    {
      g_autofree char *absolute = g_canonicalize_filename (argument, NULL);

      if (!g_file_get_contents (absolute, &contents, &length, error))
        return FALSE;
      document->body = g_bytes_new_take (contents, length);
      document->base_uri = g_filename_to_uri (absolute, NULL, NULL);
      return TRUE;
    }

  file = g_file_new_for_uri (argument);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    return FALSE;
  document->body = g_bytes_new_take (contents, length);
  document->base_uri = g_file_get_uri (file);
  return TRUE;
}

static char *
format_date (GDateTime *date)
{
  return date ? g_date_time_format_iso8601 (date) : NULL;
}

static const char *
coverage_name (KhCoverageState state)
{
  switch (state)
    {
    case KH_COVERAGE_STATE_LIVE:
      return "live";
    case KH_COVERAGE_STATE_ENDED:
      return "ended";
    case KH_COVERAGE_STATE_UNKNOWN:
    default:
      return "unknown";
    }
}

static const char *
block_kind_name (KhBlock *block)
{
  static const char * const names[] = {
    [KH_BLOCK_PARAGRAPH] = "paragraph",
    [KH_BLOCK_HEADING] = "heading",
    [KH_BLOCK_PREFORMATTED] = "preformatted",
    [KH_BLOCK_LIST_ITEM] = "list-item",
    [KH_BLOCK_RULE] = "rule",
    [KH_BLOCK_IMAGE] = "image",
    [KH_BLOCK_TABLE_ROW] = "table-row",
  };
  KhBlockKind kind = kh_block_get_kind (block);

  return kind < G_N_ELEMENTS (names) && names[kind] ? names[kind] : "block";
}

/* The first paragraph, on one line and not too long. */
static char *
first_paragraph (KhItem *item)
{
  const char * const *paragraphs = kh_item_get_paragraphs (item);
  g_autofree char *line = NULL;

  if (paragraphs == NULL || paragraphs[0] == NULL)
    return NULL;
  line = kh_text_collapse_whitespace (paragraphs[0]);
  return kh_text_truncate (line, FIRST_PARAGRAPH_LENGTH);
}

static GPtrArray *
item_blocks (KhItem     *item,
             const char *base_uri)
{
  const char *html = kh_item_get_content_html (item);

  if (!blocks_option || html == NULL)
    return NULL;
  return kh_html_to_blocks (html, base_uri);
}

/* The plain-text report */

static void
print_field (const char *name,
             const char *value)
{
  if (value != NULL && *value != '\0')
    printf ("%-13s %s\n", name, value);
}

static void
print_strv (const char         *name,
            const char * const *values)
{
  g_autofree char *joined = NULL;

  if (values == NULL || values[0] == NULL)
    return;
  joined = g_strjoinv (", ", (char **) values);
  print_field (name, joined);
}

static void
print_blocks (GPtrArray *blocks)
{
  for (guint i = 0; blocks != NULL && i < blocks->len; i++)
    {
      KhBlock *block = g_ptr_array_index (blocks, i);
      g_autofree char *text = kh_text_collapse_whitespace (kh_block_get_text (block));
      const char *uri = kh_block_get_image_uri (block);

      printf ("      %s%s%s: %s\n", block_kind_name (block),
              uri ? " " : "", uri ? uri : "", text);
    }
}

static void
print_item (KhItem     *item,
            guint       position,
            const char *base_uri)
{
  g_autofree char *published = format_date (kh_item_get_published (item));
  g_autofree char *modified = format_date (kh_item_get_modified (item));
  g_autofree char *paragraph = first_paragraph (item);
  g_autoptr(GPtrArray) blocks = item_blocks (item, base_uri);
  GPtrArray *attachments = kh_item_get_attachments (item);

  printf ("\n[%u] %s\n", position, kh_item_get_id (item));
  print_field ("  title", kh_item_get_title (item));
  print_field ("  published", published);
  print_field ("  modified", modified);
  print_field ("  url", kh_item_get_url (item));
  print_field ("  image", kh_item_get_image (item));
  print_field ("  caption", kh_item_get_image_caption (item));
  print_field ("  dateline", kh_item_get_dateline (item));
  print_field ("  language", kh_item_get_language (item));
  print_strv ("  authors", kh_item_get_authors (item));
  print_strv ("  tags", kh_item_get_tags (item));
  if (kh_item_get_breaking (item))
    print_field ("  breaking", "yes");
  for (guint i = 0; i < attachments->len; i++)
    print_field ("  attachment", kh_attachment_get_url (g_ptr_array_index (attachments, i)));
  print_field ("  text", paragraph);
  if (blocks != NULL)
    {
      printf ("    blocks:\n");
      print_blocks (blocks);
    }
}

static void
print_report (const char *argument,
              Document   *document,
              KhFeed     *feed,
              GError     *error)
{
  const char * const *problems;

  print_field ("Document", argument);
  if (document->status != 0)
    {
      g_autofree char *status = g_strdup_printf ("%u", document->status);

      print_field ("HTTP status", status);
    }
  print_field ("Content-Type", document->content_type);
  if (document->body != NULL)
    {
      g_autofree char *size = g_strdup_printf ("%zu bytes", g_bytes_get_size (document->body));

      print_field ("Size", size);
    }

  if (feed == NULL)
    {
      print_field ("Result", "not a feed");
      print_field ("Error", error->message);
      return;
    }

  {
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autofree char *start = format_date (kh_feed_get_coverage_start (feed));
    g_autofree char *end = format_date (kh_feed_get_coverage_end (feed));
    g_autofree char *count = g_strdup_printf ("%u (%u skipped)", kh_feed_get_n_items (feed),
                                              kh_feed_get_n_skipped (feed));

    print_field ("Format", kh_feed_get_format (feed));
    print_field ("Title", kh_feed_get_title (feed));
    print_field ("Home page", kh_feed_get_home_page_url (feed));
    print_field ("Language", kh_feed_get_language (feed));
    print_field ("Icon", kh_feed_get_icon (feed));
    print_field ("Next page", kh_feed_get_next_url (feed));
    print_field ("Coverage", coverage_name (kh_feed_get_coverage_state (feed, now)));
    print_field ("Started", start);
    print_field ("Ended", end);
    if (kh_feed_get_expired (feed))
      print_field ("Expired", "yes");
    print_field ("Items", count);
  }

  problems = kh_feed_get_problems (feed);
  if (problems != NULL && problems[0] != NULL)
    {
      printf ("Problems:\n");
      for (guint i = 0; problems[i] != NULL; i++)
        printf ("  - %s\n", problems[i]);
    }

  for (guint i = 0; i < kh_feed_get_n_items (feed); i++)
    print_item (kh_feed_get_item (feed, i), i + 1, document->base_uri);
}

/* The JSON report */

static void
add_member (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_strv_member (JsonBuilder        *builder,
                 const char         *name,
                 const char * const *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_blocks (JsonBuilder *builder,
            GPtrArray   *blocks)
{
  json_builder_set_member_name (builder, "blocks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < blocks->len; i++)
    {
      KhBlock *block = g_ptr_array_index (blocks, i);
      g_autofree char *markup = kh_block_to_pango_markup (block);

      json_builder_begin_object (builder);
      add_member (builder, "kind", block_kind_name (block));
      add_member (builder, "text", kh_block_get_text (block));
      add_member (builder, "markup", markup);
      add_member (builder, "image", kh_block_get_image_uri (block));
      add_member (builder, "lang", kh_block_get_lang (block));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_item (JsonBuilder *builder,
          KhItem      *item,
          const char  *base_uri)
{
  g_autofree char *published = format_date (kh_item_get_published (item));
  g_autofree char *modified = format_date (kh_item_get_modified (item));
  g_autofree char *paragraph = first_paragraph (item);
  g_autoptr(GPtrArray) blocks = item_blocks (item, base_uri);
  GPtrArray *attachments = kh_item_get_attachments (item);

  json_builder_begin_object (builder);
  add_member (builder, "id", kh_item_get_id (item));
  add_member (builder, "title", kh_item_get_title (item));
  add_member (builder, "published", published);
  add_member (builder, "modified", modified);
  add_member (builder, "url", kh_item_get_url (item));
  add_member (builder, "image", kh_item_get_image (item));
  add_member (builder, "image_caption", kh_item_get_image_caption (item));
  add_member (builder, "dateline", kh_item_get_dateline (item));
  add_member (builder, "language", kh_item_get_language (item));
  add_member (builder, "summary", kh_item_get_summary (item));
  add_member (builder, "first_paragraph", paragraph);
  add_strv_member (builder, "authors", kh_item_get_authors (item));
  add_strv_member (builder, "tags", kh_item_get_tags (item));
  json_builder_set_member_name (builder, "breaking");
  json_builder_add_boolean_value (builder, kh_item_get_breaking (item));
  json_builder_set_member_name (builder, "attachments");
  json_builder_begin_array (builder);
  for (guint i = 0; i < attachments->len; i++)
    json_builder_add_string_value (builder, kh_attachment_get_url (g_ptr_array_index (attachments, i)));
  json_builder_end_array (builder);
  if (blocks != NULL)
    add_blocks (builder, blocks);
  json_builder_end_object (builder);
}

static void
add_json_report (JsonBuilder *builder,
                 const char  *argument,
                 Document    *document,
                 KhFeed      *feed,
                 GError      *error)
{
  json_builder_begin_object (builder);
  add_member (builder, "document", argument);
  add_member (builder, "content_type", document->content_type);
  if (document->status != 0)
    {
      json_builder_set_member_name (builder, "http_status");
      json_builder_add_int_value (builder, document->status);
    }
  if (document->body != NULL)
    {
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, g_bytes_get_size (document->body));
    }
  json_builder_set_member_name (builder, "feed");
  json_builder_add_boolean_value (builder, feed != NULL);

  if (feed == NULL)
    {
      json_builder_set_member_name (builder, "error");
      json_builder_begin_object (builder);
      add_member (builder, "domain", g_quark_to_string (error->domain));
      json_builder_set_member_name (builder, "code");
      json_builder_add_int_value (builder, error->code);
      add_member (builder, "message", error->message);
      json_builder_end_object (builder);
    }
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autofree char *start = format_date (kh_feed_get_coverage_start (feed));
      g_autofree char *end = format_date (kh_feed_get_coverage_end (feed));

      add_member (builder, "format", kh_feed_get_format (feed));
      add_member (builder, "title", kh_feed_get_title (feed));
      add_member (builder, "home_page_url", kh_feed_get_home_page_url (feed));
      add_member (builder, "language", kh_feed_get_language (feed));
      add_member (builder, "icon", kh_feed_get_icon (feed));
      add_member (builder, "next_url", kh_feed_get_next_url (feed));
      add_member (builder, "coverage", coverage_name (kh_feed_get_coverage_state (feed, now)));
      add_member (builder, "coverage_start", start);
      add_member (builder, "coverage_end", end);
      json_builder_set_member_name (builder, "expired");
      json_builder_add_boolean_value (builder, kh_feed_get_expired (feed));
      json_builder_set_member_name (builder, "skipped");
      json_builder_add_int_value (builder, kh_feed_get_n_skipped (feed));
      add_strv_member (builder, "problems", kh_feed_get_problems (feed));
      json_builder_set_member_name (builder, "items");
      json_builder_begin_array (builder);
      for (guint i = 0; i < kh_feed_get_n_items (feed); i++)
        add_item (builder, kh_feed_get_item (feed, i), document->base_uri);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

/* Reads, parses and reports one document, to @json when it is given.
 * Returns the exit status it deserves. */
static int
inspect (const char  *argument,
         JsonBuilder *json)
{
  g_auto(Document) document = { NULL, };
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = NULL;
  gboolean is_web = kh_fetcher_is_web_uri (argument);

  if (!(is_web ? read_web (argument, &document, &error) : read_file (argument, &document, &error)))
    {
      /* Translators: %s is the file or address, the second %s why it
       * could not be read. */
      g_printerr (_("khabar-inspect: cannot read %s: %s\n"), argument, error->message);
      if (json != NULL)
        add_json_report (json, argument, &document, NULL, error);
      return EXIT_REJECTED;
    }

  if (content_type_option != NULL)
    {
      g_free (document.content_type);
      document.content_type = g_strdup (content_type_option);
    }
  if (base_option != NULL)
    {
      g_free (document.base_uri);
      document.base_uri = g_strdup (base_option);
    }

  feed = kh_feed_parser_parse_full (document.body, document.content_type, document.base_uri, &error);
  if (json != NULL)
    add_json_report (json, argument, &document, feed, error);
  else
    print_report (argument, &document, feed, error);

  if (feed == NULL)
    {
      g_printerr (_("khabar-inspect: %s is not a feed: %s\n"), argument, error->message);
      return EXIT_REJECTED;
    }
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) json = NULL;
  guint n_documents;
  int status = 0;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Shows what Khabar reads in a feed document."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("khabar-inspect: %s\n", error->message);
      return EXIT_USAGE;
    }
  n_documents = arguments != NULL ? g_strv_length (arguments) : 0;
  if (n_documents == 0)
    {
      g_printerr ("khabar-inspect: %s\n", _("Give a file or an address to read"));
      return EXIT_USAGE;
    }

  /* One report, or an array of them when there are several documents. */
  if (json_option)
    json = json_builder_new ();
  if (json != NULL && n_documents > 1)
    json_builder_begin_array (json);
  for (guint i = 0; i < n_documents; i++)
    {
      int document_status;

      if (json == NULL && i > 0)
        printf ("\n");
      document_status = inspect (arguments[i], json);
      status = MAX (status, document_status);
      fflush (stdout);
    }
  if (json != NULL && n_documents > 1)
    json_builder_end_array (json);
  if (json != NULL)
    print_json (json);

  g_strfreev (arguments);
  return status;
}
