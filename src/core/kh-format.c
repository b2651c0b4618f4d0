/* kh-format.c
 *
 * The rules every format follows: an item needs an id no other item of
 * the feed has, and a title or some text to take one from; a broken item
 * is skipped and reported, the rest of the feed still reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kh-html.h"
#include "kh-text.h"
#include "kh-format.h"

#define MAX_DERIVED_TITLE 120

void
kh_format_context_init (KhFormatContext *ctx,
                        KhDocument      *document)
{
  ctx->feed = kh_feed_new ();
  ctx->seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->base_uri = document->base_uri;
  ctx->index = 0;

  for (guint i = 0; document->problems != NULL && i < document->problems->len; i++)
    kh_feed_add_problem (ctx->feed, FALSE, "%s", (const char *) g_ptr_array_index (document->problems, i));
}

/* The feed, its items sorted newest first. */
KhFeed *
kh_format_context_finish (KhFormatContext *ctx)
{
  kh_feed_sort (ctx->feed);
  return g_steal_pointer (&ctx->feed);
}

void
kh_format_context_clear (KhFormatContext *ctx)
{
  g_clear_object (&ctx->feed);
  g_clear_pointer (&ctx->seen_ids, g_hash_table_unref);
}

/* FALSE, with the item reported as skipped, when @id is missing or taken. */
gboolean
kh_format_check_id (KhFormatContext *ctx,
                    const char      *id)
{
  if (id == NULL || *id == '\0')
    {
      kh_feed_add_problem (ctx->feed, TRUE, _("Item %u has no id; skipped"), ctx->index);
      return FALSE;
    }
  if (g_hash_table_contains (ctx->seen_ids, id))
    {
      kh_feed_add_problem (ctx->feed, TRUE, _("Item %u repeats the id “%s”; skipped"),
                           ctx->index, id);
      return FALSE;
    }
  return TRUE;
}

/* A title for an item that has none, as microblog-style feeds send them. */
static char *
derive_title (KhItem *item)
{
  const char *summary = kh_item_get_summary (item);
  const char * const *paragraphs = kh_item_get_paragraphs (item);
  const char *source = summary;
  g_autofree char *first_line = NULL;

  if (source == NULL || *source == '\0')
    source = paragraphs[0];
  if (source == NULL)
    return NULL;

  first_line = g_strndup (source, strcspn (source, "\n"));
  return kh_text_truncate (first_line, MAX_DERIVED_TITLE);
}

/* Adds @item, whose id kh_format_check_id() accepted, unless it has
 * nothing to show. */
void
kh_format_add_item (KhFormatContext *ctx,
                    KhItem          *item)
{
  const char *id = kh_item_get_id (item);

  if (*kh_item_get_title (item) == '\0')
    {
      g_autofree char *title = derive_title (item);

      if (title == NULL || *title == '\0')
        {
          kh_feed_add_problem (ctx->feed, TRUE,
                               _("Item %u (“%s”) has neither a title nor any text; skipped"),
                               ctx->index, id);
          return;
        }
      kh_item_set_title (item, title);
    }

  g_hash_table_add (ctx->seen_ids, g_strdup (id));
  kh_feed_add_item (ctx->feed, item);
}

/* @uri made absolute against the document's address when it is relative
 * and the address is known. */
char *
kh_format_resolve_uri (KhFormatContext *ctx,
                       const char      *uri)
{
  g_autofree char *trimmed = NULL;
  char *resolved;

  if (uri == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (uri));
  if (*trimmed == '\0')
    return NULL;
  if (ctx->base_uri == NULL)
    return g_steal_pointer (&trimmed);

  resolved = g_uri_resolve_relative (ctx->base_uri, trimmed, G_URI_FLAGS_NONE, NULL);
  return resolved ? resolved : g_steal_pointer (&trimmed);
}

/*
 * An id for an item whose feed gives none (RSS, schema.org), made from
 * what the item says, so that it stays the same from one fetch to the next.
 */
char *
kh_format_synthetic_id (const char *first,
                        ...)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *part = first;
  va_list args;

  va_start (args, first);
  for (; part != NULL; part = va_arg (args, const char *))
    {
      g_checksum_update (checksum, (const guchar *) part, -1);
      g_checksum_update (checksum, (const guchar *) "\x1f", 1);
    }
  va_end (args);

  return g_strdup_printf ("sha256:%.32s", g_checksum_get_string (checksum));
}

/* The body from HTML when there is some, from plain text otherwise. */
void
kh_format_set_body (KhItem     *item,
                    const char *html,
                    const char *text)
{
  if (html != NULL && *html != '\0')
    {
      kh_item_set_content_html (item, html);
      kh_item_set_paragraphs (item, kh_html_to_paragraphs (html));
      return;
    }
  kh_item_set_content_html (item, NULL);
  kh_item_set_paragraphs (item, kh_text_split_paragraphs (text));
}

/*
 * Whether text that may be plain or HTML (schema.org's articleBody, RSS
 * titles) holds markup: a tag or a character reference.
 */
gboolean
kh_format_looks_like_html (const char *text)
{
  if (text == NULL)
    return FALSE;

  for (const char *p = strchr (text, '<'); p != NULL; p = strchr (p + 1, '<'))
    if (g_ascii_isalpha (p[1]) || (p[1] == '/' && g_ascii_isalpha (p[2])))
      return TRUE;

  for (const char *p = strchr (text, '&'); p != NULL; p = strchr (p + 1, '&'))
    {
      gsize n = strspn (p + 1, "#abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789");

      if (n > 0 && n < 32 && p[1 + n] == ';')
        return TRUE;
    }
  return FALSE;
}

/* One line of plain text, or NULL when there is none. */
char *
kh_format_text (const char *text,
                gboolean    is_html)
{
  g_autofree char *plain = NULL;

  if (text == NULL)
    return NULL;
  plain = is_html ? kh_html_to_text (text) : kh_text_collapse_whitespace (text);
  return *plain != '\0' ? g_steal_pointer (&plain) : NULL;
}

/* An item without an image shows its first image attachment. */
void
kh_format_image_from_attachments (KhItem *item)
{
  GPtrArray *attachments = kh_item_get_attachments (item);

  if (kh_item_get_image (item) != NULL)
    return;
  for (guint i = 0; i < attachments->len; i++)
    {
      KhAttachment *attachment = g_ptr_array_index (attachments, i);

      if (kh_attachment_is_image (attachment))
        {
          kh_item_set_image (item, kh_attachment_get_url (attachment));
          return;
        }
    }
}
