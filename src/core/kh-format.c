/* kh-format.c
 *
 * The rules every format follows: an item needs an id no other item of
 * the feed has, and a title or some text to take one from; a broken item
 * is skipped and reported, the rest of the feed still reads.  No item, and
 * no field of one, is larger than kh-feed-parser.h allows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "kh-feed-parser.h"
#include "kh-html.h"
#include "kh-text.h"
#include "kh-uri.h"
#include "kh-format.h"

#define MAX_DERIVED_TITLE 120

/* Marks an item whose body was cut, for kh_format_add_item() to report. */
static GQuark
body_cut_quark (void)
{
  return g_quark_from_static_string ("kh-format-body-cut");
}

void
kh_format_context_init (KhFormatContext *ctx,
                        KhDocument      *document)
{
  ctx->feed = kh_feed_new ();
  ctx->seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ctx->base_uri = document->base_uri;
  ctx->index = 0;
  ctx->n_over_limit = 0;

  for (guint i = 0; document->problems != NULL && i < document->problems->len; i++)
    kh_feed_add_problem (ctx->feed, FALSE, "%s", (const char *) g_ptr_array_index (document->problems, i));
}

/* @text cut to @max_chars characters, or NULL when it is no longer. */
static char *
shorten (const char *text,
         gsize       max_chars)
{
  /* Bytes first: most text is far shorter, and counting is not free. */
  if (text == NULL || strlen (text) <= max_chars ||
      (gsize) g_utf8_strlen (text, -1) <= max_chars)
    return NULL;
  return kh_text_truncate (text, max_chars);
}

static gboolean
is_overlong_uri (const char *uri)
{
  return uri != NULL && strlen (uri) > KH_FEED_MAX_URI_LENGTH;
}

/* The feed, its items sorted newest first. */
KhFeed *
kh_format_context_finish (KhFormatContext *ctx)
{
  g_autofree char *title = shorten (kh_feed_get_title (ctx->feed), KH_FEED_MAX_TITLE_CHARS);

  if (title != NULL)
    kh_feed_set_title (ctx->feed, title);
  if (is_overlong_uri (kh_feed_get_next_url (ctx->feed)))
    kh_feed_set_next_url (ctx->feed, NULL);
  if (is_overlong_uri (kh_feed_get_icon (ctx->feed)))
    kh_feed_set_icon (ctx->feed, NULL);
  if (is_overlong_uri (kh_feed_get_home_page_url (ctx->feed)))
    kh_feed_set_home_page_url (ctx->feed, NULL);

  if (ctx->n_over_limit > 0)
    {
      kh_feed_add_problem (ctx->feed, FALSE,
                           _("The feed has %u items; only the first %u were read"),
                           KH_FEED_MAX_ITEMS + ctx->n_over_limit, KH_FEED_MAX_ITEMS);
      kh_feed_add_skipped (ctx->feed, ctx->n_over_limit);
    }

  kh_feed_sort (ctx->feed);
  return g_steal_pointer (&ctx->feed);
}

void
kh_format_context_clear (KhFormatContext *ctx)
{
  g_clear_object (&ctx->feed);
  g_clear_pointer (&ctx->seen_ids, g_hash_table_unref);
}

/*
 * FALSE, with the item reported as skipped, when *@id is missing or taken,
 * or the feed already has as many items as it may.  An id too long to
 * keep is replaced by its hash, which is as stable.
 */
gboolean
kh_format_check_id (KhFormatContext  *ctx,
                    char            **id)
{
  if (kh_feed_get_n_items (ctx->feed) >= KH_FEED_MAX_ITEMS)
    {
      /* Said once, when the feed is finished. */
      ctx->n_over_limit++;
      return FALSE;
    }
  if (*id == NULL || **id == '\0')
    {
      kh_feed_add_problem (ctx->feed, TRUE, _("Item %u has no id; skipped"), ctx->index);
      return FALSE;
    }
  if (strlen (*id) > KH_FEED_MAX_ID_LENGTH)
    {
      char *hashed = kh_format_synthetic_id (*id, NULL);

      g_free (*id);
      *id = hashed;
    }
  if (g_hash_table_contains (ctx->seen_ids, *id))
    {
      kh_feed_add_problem (ctx->feed, TRUE, _("Item %u repeats the id “%s”; skipped"),
                           ctx->index, *id);
      return FALSE;
    }
  return TRUE;
}

static GStrv
bound_names (const char * const *names)
{
  g_autoptr(GStrvBuilder) bounded = g_strv_builder_new ();

  for (guint i = 0; names[i] != NULL && i < KH_FEED_MAX_NAMES; i++)
    {
      g_autofree char *shortened = shorten (names[i], KH_FEED_MAX_LINE_CHARS);

      g_strv_builder_add (bounded, shortened ? shortened : names[i]);
    }
  return g_strv_builder_end (bounded);
}

/* Cuts what a feed may make as long as it likes to what can be shown. */
static void
bound_item (KhItem *item)
{
  g_autofree char *title = shorten (kh_item_get_title (item), KH_FEED_MAX_TITLE_CHARS);
  g_autofree char *summary = shorten (kh_item_get_summary (item), KH_FEED_MAX_SUMMARY_CHARS);
  g_autofree char *caption = shorten (kh_item_get_image_caption (item), KH_FEED_MAX_CAPTION_CHARS);
  g_autofree char *dateline = shorten (kh_item_get_dateline (item), KH_FEED_MAX_LINE_CHARS);
  g_autofree char *clock_label = shorten (kh_item_get_clock_label (item), KH_FEED_MAX_LINE_CHARS);
  GPtrArray *attachments = kh_item_get_attachments (item);

  if (title != NULL)
    kh_item_set_title (item, title);
  if (summary != NULL)
    kh_item_set_summary (item, summary);
  if (caption != NULL)
    kh_item_set_image_caption (item, caption);
  if (dateline != NULL)
    kh_item_set_dateline (item, dateline);
  if (clock_label != NULL)
    {
      /* Held here: setting the clock drops the item's reference first. */
      GTimeZone *clock = kh_item_get_clock (item);
      g_autoptr(GTimeZone) held = clock ? g_time_zone_ref (clock) : NULL;

      kh_item_set_clock (item, held, clock_label);
    }
  kh_item_set_authors (item, bound_names (kh_item_get_authors (item)));
  kh_item_set_tags (item, bound_names (kh_item_get_tags (item)));

  /* An address that long is no address. */
  if (is_overlong_uri (kh_item_get_url (item)))
    kh_item_set_url (item, NULL);
  if (is_overlong_uri (kh_item_get_image (item)))
    kh_item_set_image (item, NULL);
  if (is_overlong_uri (kh_item_get_banner_image (item)))
    kh_item_set_banner_image (item, NULL);
  if (attachments->len > KH_FEED_MAX_NAMES)
    g_ptr_array_set_size (attachments, KH_FEED_MAX_NAMES);
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

  bound_item (item);
  if (g_object_steal_qdata (G_OBJECT (item), body_cut_quark ()) != NULL)
    kh_feed_add_problem (ctx->feed, FALSE, _("Item %u is longer than Khabar shows; its text was cut short"),
                         ctx->index);
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

  resolved = kh_uri_resolve_relative (ctx->base_uri, trimmed, G_URI_FLAGS_NONE, NULL);
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

/* @text cut to at most KH_FEED_MAX_BODY_LENGTH bytes, at a character's
 * start, or NULL when it is not longer. */
static char *
cut_body (const char *text)
{
  gsize length;

  if (text == NULL || strlen (text) <= KH_FEED_MAX_BODY_LENGTH)
    return NULL;
  length = KH_FEED_MAX_BODY_LENGTH;
  while (length > 0 && ((guchar) text[length] & 0xC0) == 0x80)
    length--;
  return g_strndup (text, length);
}

/*
 * The body from HTML when there is some, from plain text otherwise.
 * Paragraphs take time and memory in proportion to a body's elements and
 * lines: a body is cut at KH_FEED_MAX_BODY_LENGTH bytes first and
 * KH_FEED_MAX_PARAGRAPHS paragraphs after (an HTML body's when they are
 * derived, see kh_item_get_paragraphs()).
 */
void
kh_format_set_body (KhItem     *item,
                    const char *html,
                    const char *text)
{
  gboolean is_html = html != NULL && *html != '\0';
  g_autofree char *cut = cut_body (is_html ? html : text);
  GStrv paragraphs;

  if (cut != NULL)
    {
      if (is_html)
        html = cut;
      else
        text = cut;
    }

  kh_item_set_content_html (item, is_html ? html : NULL);
  /* An HTML body's paragraphs are derived when first asked for. */
  paragraphs = is_html ? NULL : kh_text_split_paragraphs (text);
  if (kh_text_limit_paragraphs (paragraphs, KH_FEED_MAX_PARAGRAPHS) && cut == NULL)
    cut = g_strdup ("");
  kh_item_set_paragraphs (item, paragraphs);
  g_object_set_qdata (G_OBJECT (item), body_cut_quark (), GINT_TO_POINTER (cut != NULL));
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
