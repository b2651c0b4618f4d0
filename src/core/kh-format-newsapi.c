/* kh-format-newsapi.c
 *
 * Answers of NewsAPI.org (/v2/top-headlines, /v2/everything):
 * { "status": "ok", "totalResults": N, "articles": [ { "source": { "id",
 * "name" }, "author", "title", "description", "url", "urlToImage",
 * "publishedAt", "content" } ] }, or { "status": "error", "code",
 * "message" }.  Any field may be null.  "content" is the start of the
 * article in plain text, cut short and marked "[+1234 chars]"; for pages
 * in Arabic and other scripts it often comes with its letters stripped,
 * leaving digits and punctuation, and is then left out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kh-error.h"
#include "kh-html.h"
#include "kh-text.h"
#include "kh-format-json.h"

/* NewsAPI's own messages are a sentence or two. */
#define MAX_MESSAGE_CHARS 300

/* The codes NewsAPI's errors carry (newsapi.org/docs/errors). */
static const char * const error_codes[] = {
  "apiKeyDisabled", "apiKeyExhausted", "apiKeyInvalid", "apiKeyMissing",
  "parameterInvalid", "parametersMissing", "rateLimited", "sourcesTooMany",
  "sourceDoesNotExist", "unexpectedError",
};

static gboolean
is_error_code (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (error_codes); i++)
    if (strcmp (code, error_codes[i]) == 0)
      return TRUE;
  return FALSE;
}

/* "articles" beside a "status" or a "totalResults", or one of NewsAPI's
 * errors. */
gboolean
kh_format_newsapi_probe (KhDocument *document)
{
  JsonObject *object;
  const char *status;

  if (document->json == NULL || !JSON_NODE_HOLDS_OBJECT (document->json))
    return FALSE;
  object = json_node_get_object (document->json);
  status = kh_format_json_member_string (object, "status");

  if (json_object_has_member (object, "articles"))
    return status != NULL || json_object_has_member (object, "totalResults");
  return g_strcmp0 (status, "error") == 0 &&
         is_error_code (kh_format_json_member_string (object, "code"));
}

static void
set_service_error (JsonObject  *object,
                   GError     **error)
{
  g_autofree char *message = kh_format_text (kh_format_json_member_string (object, "message"), FALSE);
  const char *code = kh_format_json_member_string (object, "code");

  if (message == NULL && code != NULL)
    message = kh_format_text (code, FALSE);
  if (message == NULL)
    {
      g_set_error_literal (error, KH_FEED_ERROR, KH_FEED_ERROR_SERVICE,
                           _("NewsAPI answered with an error and gave no reason"));
      return;
    }
  if ((gsize) g_utf8_strlen (message, -1) > MAX_MESSAGE_CHARS)
    {
      char *cut = kh_text_truncate (message, MAX_MESSAGE_CHARS);

      g_free (message);
      message = cut;
    }
  g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_SERVICE,
               /* Translators: %s is NewsAPI's own message, in English. */
               _("NewsAPI answered with an error: %s"), message);
}

/* Browsers read a backslash in a web address as a slash, and some sites
 * write their image addresses that way. */
static char *
web_address (KhFormatContext *ctx,
             const char      *uri)
{
  g_autofree char *copy = g_strdup (uri);

  if (copy != NULL && (g_str_has_prefix (copy, "http://") || g_str_has_prefix (copy, "https://")))
    g_strdelimit (copy, "\\", '/');
  return kh_format_resolve_uri (ctx, copy);
}

/* The script of the first letter of @text outside the Latin alphabet, or
 * G_UNICODE_SCRIPT_INVALID_CODE when all its letters are Latin. */
static GUnicodeScript
other_script (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeScript script;

      if (!g_unichar_isalpha (c))
        continue;
      script = g_unichar_get_script (c);
      if (script != G_UNICODE_SCRIPT_LATIN && script != G_UNICODE_SCRIPT_COMMON &&
          script != G_UNICODE_SCRIPT_INHERITED)
        return script;
    }
  return G_UNICODE_SCRIPT_INVALID_CODE;
}

/* Whether @text has a letter, of @script unless it is
 * G_UNICODE_SCRIPT_INVALID_CODE. */
static gboolean
has_letter (const char     *text,
            GUnicodeScript  script)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c) &&
          (script == G_UNICODE_SCRIPT_INVALID_CODE || g_unichar_get_script (c) == script))
        return TRUE;
    }
  return FALSE;
}

/* "… [+1234 chars]" at the end says how much was cut; the ellipsis is
 * enough. */
static void
strip_length_marker (char *text)
{
  char *open;
  gsize digits;

  g_strchomp (text);
  open = strrchr (text, '[');
  if (open == NULL || !g_str_has_prefix (open, "[+"))
    return;
  digits = strspn (open + 2, "0123456789");
  if (digits > 0 && strcmp (open + 2 + digits, " chars]") == 0)
    {
      *open = '\0';
      g_strchomp (text);
    }
}

/*
 * The text of "content", or NULL when nothing of it is left to read: no
 * letter at all, or, under a title in Arabic (or another script beyond
 * Latin), no letter of that script, which is what NewsAPI leaves of such
 * articles.
 */
static char *
article_text (const char *content,
              const char *title)
{
  g_autofree char *text = NULL;
  GUnicodeScript script;

  if (content == NULL)
    return NULL;
  text = g_strdup (content);
  strip_length_marker (text);
  if (kh_format_looks_like_html (text))
    {
      char *plain = kh_html_to_text (text);

      g_free (text);
      text = plain;
    }
  else
    {
      g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);

      g_free (text);
      text = g_strjoinv ("\n", lines);
      g_strdelimit (text, "\r", '\n');
    }

  script = other_script (title);
  if (!has_letter (text, script))
    return NULL;
  return g_steal_pointer (&text);
}

/* Titles often end with " - " and the site's name; the name goes when
 * it is "source.name", which the byline then shows.  Other names stay:
 * most are the site's own name for itself ("… - الصحيفة" from
 * "Sahifa.example"), and only they say which site an aggregator's
 * article is from. */
static char *
clean_title (const char *title,
             const char *source_name)
{
  g_autofree char *text = kh_format_text (title, kh_format_looks_like_html (title));
  g_autofree char *name = kh_format_text (source_name, FALSE);
  g_autofree char *folded_suffix = NULL;
  g_autofree char *folded_name = NULL;
  char *suffix;

  if (text == NULL || name == NULL || (suffix = g_strrstr (text, " - ")) == NULL || suffix == text)
    return g_steal_pointer (&text);

  folded_suffix = g_utf8_casefold (suffix + 3, -1);
  folded_name = g_utf8_casefold (name, -1);
  if (strcmp (folded_suffix, folded_name) == 0)
    *suffix = '\0';
  return g_steal_pointer (&text);
}

static gboolean
is_web_address (const char *text)
{
  return g_str_has_prefix (text, "http://") || g_str_has_prefix (text, "https://") ||
         g_str_has_prefix (text, "www.");
}

/* Adds @text as a name; FALSE when it is none. */
static gboolean
add_name (GStrvBuilder *names,
          const char   *text)
{
  g_autofree char *name = kh_format_text (text, FALSE);

  if (name == NULL || is_web_address (name))
    return FALSE;
  g_strv_builder_add (names, name);
  return TRUE;
}

/*
 * "author": a name, a list of links to the writers' pages, or the address
 * of a social network page.  Without a name, the byline is the source's.
 */
static GStrv
parse_authors (const char *author,
               const char *source_name)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  guint n_names = 0;

  if (kh_format_looks_like_html (author))
    {
      g_autofree char *text = kh_html_to_text (author);
      g_auto(GStrv) parts = g_strsplit (text, ",", -1);

      for (guint i = 0; parts[i] != NULL; i++)
        n_names += add_name (names, parts[i]);
    }
  else
    n_names += add_name (names, author);

  if (n_names == 0)
    add_name (names, source_name);
  return g_strv_builder_end (names);
}

static const char *
get_source_name (KhFormatContext *ctx,
                 JsonObject      *article)
{
  JsonObject *source = kh_format_json_get_object (ctx, article, "source");

  return source ? kh_format_json_get_string (ctx, source, "name") : NULL;
}

static void
parse_article (KhFormatContext *ctx,
               JsonNode        *node)
{
  g_autofree char *id = NULL;
  g_autofree char *title = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *text = NULL;
  g_autofree char *url = NULL;
  g_autofree char *image = NULL;
  g_autoptr(GDateTime) published = NULL;
  g_autoptr(KhItem) item = NULL;
  const char *source_name;
  const char *raw_title;
  const char *description;
  JsonObject *article;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      kh_feed_add_problem (ctx->feed, TRUE, _("Item %u is %s, not an object; skipped"),
                           ctx->index, kh_format_json_describe (node));
      return;
    }
  article = json_node_get_object (node);
  source_name = get_source_name (ctx, article);
  raw_title = kh_format_json_get_string (ctx, article, "title");

  /* The article's address is its id; without one, its title and time. */
  id = kh_format_json_get_id (article, "url");
  if ((id == NULL || *id == '\0') && raw_title != NULL)
    {
      const char *date = kh_format_json_member_string (article, "publishedAt");

      g_free (id);
      id = kh_format_synthetic_id (source_name ? source_name : "", raw_title, date ? date : "", NULL);
    }
  if (!kh_format_check_id (ctx, &id))
    return;

  description = kh_format_json_get_string (ctx, article, "description");
  title = clean_title (raw_title, source_name);
  summary = kh_format_text (description, kh_format_looks_like_html (description));
  text = article_text (kh_format_json_get_string (ctx, article, "content"), raw_title);
  url = web_address (ctx, kh_format_json_get_string (ctx, article, "url"));
  image = web_address (ctx, kh_format_json_get_string (ctx, article, "urlToImage"));
  published = kh_format_json_get_time (ctx, article, "publishedAt");

  item = kh_item_new (id);
  kh_item_set_url (item, url);
  kh_item_set_title (item, title);
  kh_item_set_summary (item, summary);
  kh_format_set_body (item, NULL, text);
  kh_item_set_image (item, image);
  kh_item_set_published (item, published);
  kh_item_set_authors (item, parse_authors (kh_format_json_get_string (ctx, article, "author"), source_name));
  kh_format_add_item (ctx, item);
}

KhFeed *
kh_format_newsapi_parse (KhDocument  *document,
                         GError     **error)
{
  g_auto(KhFormatContext) ctx = { 0 };
  JsonObject *object = json_node_get_object (document->json);
  JsonNode *articles = json_object_get_member (object, "articles");
  JsonArray *array;

  if (g_strcmp0 (kh_format_json_member_string (object, "status"), "error") == 0)
    {
      set_service_error (object, error);
      return NULL;
    }
  /* The probe saw "articles". */
  if (!JSON_NODE_HOLDS_ARRAY (articles))
    {
      g_set_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED,
                   _("Not a news feed: “%s” is %s, not an array"), "articles",
                   kh_format_json_describe (articles));
      return NULL;
    }

  kh_format_context_init (&ctx, document);
  kh_feed_set_format (ctx.feed, "NewsAPI");
  array = json_node_get_array (articles);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      ctx.index = i + 1;
      parse_article (&ctx, json_array_get_element (array, i));
    }

  return kh_format_context_finish (&ctx);
}
