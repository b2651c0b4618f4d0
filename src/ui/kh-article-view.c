/* kh-article-view.c
 *
 * The article in the seed page's order: headline, meta line, lead image
 * with its caption, dateline, body.  Every piece of text is a label of its
 * own, laid out by Pango in the direction of its own text.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kh-article-body.h"
#include "kh-bidi.h"
#include "kh-clamp.h"
#include "kh-date.h"
#include "kh-image-loader.h"
#include "kh-article-view.h"

struct _KhArticleView
{
  GtkWidget     parent_instance;

  KhItem       *item;
  char         *feed_uri;
  char         *image_uri;
  KhImageCache *image_cache;
  GCancellable *image_cancellable;

  GtkStack     *stack;
  GtkScrolledWindow *scroller;
  KhClamp      *clamp;
  GtkWidget    *breaking_label;
  GtkLabel     *headline_label;
  GtkLabel     *meta_label;
  GtkLabel     *updated_label;
  GtkPicture   *picture;
  GtkLabel     *caption_label;
  GtkLabel     *dateline_label;
  KhArticleBody *body;
  GtkBox       *attachments_box;
  GtkLabel     *byline_label;
  GtkWidget    *open_button;
};

G_DEFINE_FINAL_TYPE (KhArticleView, kh_article_view, GTK_TYPE_WIDGET)

/* Sets a label that is hidden when it has nothing to say. */
static void
set_optional_label (GtkLabel   *label,
                    const char *text)
{
  gboolean has_text = text != NULL && *text != '\0';

  kh_bidi_label_set_text (label, has_text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), has_text);
}

static void
image_loaded_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(KhArticleView) self = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = kh_image_loader_load_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_widget_remove_css_class (GTK_WIDGET (self->picture), "loading");
  if (texture == NULL)
    {
      /* The caption still says what the picture showed. */
      g_debug ("Could not load the lead image: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->picture), FALSE);
      return;
    }

  gtk_picture_set_paintable (self->picture, GDK_PAINTABLE (texture));
}

static void
show_image (KhArticleView *self)
{
  g_autofree char *uri = kh_fetcher_resolve_linked_uri (self->feed_uri, kh_item_get_image (self->item));
  g_autoptr(GdkPaintable) placeholder = NULL;

  /* An update that keeps the picture does not flash it. */
  if (uri != NULL && g_strcmp0 (uri, self->image_uri) == 0)
    return;
  g_free (self->image_uri);
  self->image_uri = g_strdup (uri);

  g_cancellable_cancel (self->image_cancellable);
  g_clear_object (&self->image_cancellable);

  gtk_widget_set_visible (GTK_WIDGET (self->picture), uri != NULL && self->image_cache != NULL);
  if (uri == NULL || self->image_cache == NULL)
    return;

  /* A 16:9 placeholder holds the image's place while it loads. */
  placeholder = gdk_paintable_new_empty (16, 9);
  gtk_picture_set_paintable (self->picture, placeholder);
  gtk_widget_add_css_class (GTK_WIDGET (self->picture), "loading");

  self->image_cancellable = g_cancellable_new ();
  kh_image_loader_load_async (self->image_cache, uri, self->image_cancellable,
                              image_loaded_cb, g_object_ref (self));
}

/* Rich HTML when the item has it, its plain paragraphs otherwise, and a
 * summary alone still reads as a paragraph. */
static void
show_body (KhArticleView *self)
{
  const char *html = kh_item_get_content_html (self->item);
  const char *summary = kh_item_get_summary (self->item);
  GtkTextDirection fallback = gtk_widget_get_direction (GTK_WIDGET (self->headline_label));
  const char *base_uri = kh_item_get_url (self->item) ? kh_item_get_url (self->item) : self->feed_uri;
  const char * const *paragraphs;

  if (html != NULL && *html != '\0')
    {
      kh_article_body_show_html (self->body, html, base_uri, self->feed_uri, fallback);
      return;
    }
  /* Only a body without HTML is shown as its plain paragraphs: deriving
   * them from the HTML is a parse of its own. */
  paragraphs = kh_item_get_paragraphs (self->item);
  if (paragraphs[0] == NULL && summary != NULL)
    kh_article_body_show_paragraphs (self->body, (const char * const[]) { summary, NULL }, fallback);
  else
    kh_article_body_show_paragraphs (self->body, paragraphs, fallback);
}

/* "report.mp3 · audio/mpeg · 470.8 kB · 1:33" */
static char *
describe_attachment (KhAttachment *attachment)
{
  g_autoptr(GString) description = g_string_new (kh_attachment_get_title (attachment));
  const char *mime_type = kh_attachment_get_mime_type (attachment);
  gint64 size = kh_attachment_get_size (attachment);
  double duration = kh_attachment_get_duration (attachment);

  if (description->len == 0)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (kh_attachment_get_url (attachment));
      g_autofree char *name = g_file_get_basename (file);

      g_string_append (description, name);
    }
  if (mime_type != NULL)
    g_string_append_printf (description, " · %s", mime_type);
  if (size > 0)
    {
      g_autofree char *shown = g_format_size (size);

      g_string_append_printf (description, " · %s", shown);
    }
  if (duration >= 1)
    g_string_append_printf (description, " · %u:%02u", (guint) duration / 60, (guint) duration % 60);
  return g_string_free (g_steal_pointer (&description), FALSE);
}

/* Files that go with the item, other than its picture; only web ones. */
static void
show_attachments (KhArticleView *self)
{
  GPtrArray *attachments = kh_item_get_attachments (self->item);
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->attachments_box));
  guint n_shown = 0;

  /* The first child is the heading. */
  while (gtk_widget_get_next_sibling (child) != NULL)
    gtk_box_remove (self->attachments_box, gtk_widget_get_next_sibling (child));

  for (guint i = 0; i < attachments->len; i++)
    {
      KhAttachment *attachment = attachments->pdata[i];
      g_autofree char *label = NULL;
      GtkWidget *link;

      if (kh_attachment_is_image (attachment) || !kh_fetcher_is_web_uri (kh_attachment_get_url (attachment)))
        continue;
      label = describe_attachment (attachment);
      link = gtk_link_button_new_with_label (kh_attachment_get_url (attachment), label);
      gtk_widget_set_halign (link, GTK_ALIGN_START);
      kh_bidi_set_direction_recursive (link, kh_bidi_direction_for_text (label));
      gtk_box_append (self->attachments_box, link);
      n_shown++;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->attachments_box), n_shown > 0);
}

static void
show_meta (KhArticleView *self)
{
  g_autofree char *meta = kh_date_format_meta (kh_item_get_published (self->item),
                                               kh_item_get_clock (self->item),
                                               kh_item_get_clock_label (self->item));
  GtkTextDirection direction = kh_bidi_direction_for_text (meta);

  set_optional_label (self->meta_label, meta);
  /* A meta line of digits only follows its headline's direction. */
  if (direction == GTK_TEXT_DIR_NONE)
    gtk_widget_set_direction (GTK_WIDGET (self->meta_label),
                              gtk_widget_get_direction (GTK_WIDGET (self->headline_label)));
}

static void
show_byline (KhArticleView *self)
{
  const char * const *authors = kh_item_get_authors (self->item);
  g_autofree char *names = g_strjoinv (_(", "), (GStrv) authors);
  g_autofree char *byline = NULL;

  if (authors[0] != NULL)
    byline = g_strdup_printf (_("By %s"), names);
  set_optional_label (self->byline_label, byline);
}

static void
show_item (KhArticleView *self)
{
  const char *title = kh_item_get_title (self->item);
  const char *caption = kh_item_get_image_caption (self->item);

  gtk_widget_set_visible (self->breaking_label, kh_item_get_breaking (self->item));
  kh_bidi_label_set_text (self->headline_label, title);
  gtk_widget_set_direction (self->breaking_label, kh_bidi_direction_for_text (title));
  show_meta (self);
  show_image (self);
  set_optional_label (self->caption_label, gtk_widget_get_visible (GTK_WIDGET (self->picture)) ? caption : NULL);
  set_optional_label (self->dateline_label, kh_item_get_dateline (self->item));
  show_body (self);
  show_attachments (self);
  show_byline (self);
  gtk_widget_set_visible (self->open_button, kh_fetcher_is_web_uri (kh_item_get_url (self->item)));
  kh_bidi_set_direction_recursive (self->open_button, kh_bidi_direction_for_text (title));
  gtk_stack_set_visible_child_name (self->stack, "article");
}

/* The open item changed at its source: the new text replaces the old where
 * the reader is, and a line says when. */
static void
item_changed_cb (KhArticleView *self)
{
  g_autoptr(GDateTime) now = kh_date_now_local ();
  g_autofree char *clock = kh_date_format_clock (now);
  g_autofree char *updated = g_strdup_printf (_("Updated %s"), clock);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double position = gtk_adjustment_get_value (adjustment);

  show_item (self);
  gtk_label_set_text (self->updated_label, updated);
  gtk_widget_set_direction (GTK_WIDGET (self->updated_label),
                            gtk_widget_get_direction (GTK_WIDGET (self->headline_label)));
  gtk_widget_set_visible (GTK_WIDGET (self->updated_label), TRUE);
  gtk_adjustment_set_value (adjustment, position);
}

static void
open_button_clicked_cb (KhArticleView *self)
{
  const char *url = self->item ? kh_item_get_url (self->item) : NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (kh_fetcher_is_web_uri (url))
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static void
kh_article_view_dispose (GObject *object)
{
  KhArticleView *self = (KhArticleView *) object;

  g_cancellable_cancel (self->image_cancellable);
  g_clear_object (&self->image_cancellable);
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  g_clear_object (&self->item);
  g_clear_object (&self->image_cache);
  gtk_widget_dispose_template (GTK_WIDGET (self), KH_TYPE_ARTICLE_VIEW);

  G_OBJECT_CLASS (kh_article_view_parent_class)->dispose (object);
}

static void
kh_article_view_finalize (GObject *object)
{
  KhArticleView *self = (KhArticleView *) object;

  g_free (self->feed_uri);
  g_free (self->image_uri);

  G_OBJECT_CLASS (kh_article_view_parent_class)->finalize (object);
}

static void
kh_article_view_class_init (KhArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kh_article_view_dispose;
  object_class->finalize = kh_article_view_finalize;

  g_type_ensure (KH_TYPE_CLAMP);
  g_type_ensure (KH_TYPE_ARTICLE_BODY);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/kh-article-view.ui");
  gtk_widget_class_bind_template_child (widget_class, KhArticleView, stack);
  gtk_widget_class_bind_template_child (widget_class, KhArticleView, scroller);
  gtk_widget_class_bind_template_child (widget_class, KhArticleView, clamp);
  gtk_widget_class_bind_template_child (widget_class, KhArticleView, breaking_label);
  gtk_widget_class_bind_template_child (widget_class, KhArticleView, headline_label);
  gtk_widget_class_bind_template_child (widget_class, KhArticleView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, KhArticleView, updated_label);
  gtk_widget_class_bind_template_child (widget_class, KhArticleView, picture);
  gtk_widget_class_bind_template_child (widget_class, KhArticleView, caption_label);
  gtk_widget_class_bind_template_child (widget_class, KhArticleView, dateline_label);
  gtk_widget_class_bind_template_child (widget_class, KhArticleView, body);
  gtk_widget_class_bind_template_child (widget_class, KhArticleView, attachments_box);
  gtk_widget_class_bind_template_child (widget_class, KhArticleView, byline_label);
  gtk_widget_class_bind_template_child (widget_class, KhArticleView, open_button);
  gtk_widget_class_bind_template_callback (widget_class, open_button_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "khabararticle");
}

static void
kh_article_view_init (KhArticleView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

KhItem *
kh_article_view_get_item (KhArticleView *self)
{
  g_return_val_if_fail (KH_IS_ARTICLE_VIEW (self), NULL);
  return self->item;
}

/**
 * kh_article_view_set_item:
 * @item: (nullable): the item to show, or %NULL for the empty state
 * @feed_uri: where the item's feed came from, to resolve its image
 */
void
kh_article_view_set_item (KhArticleView *self,
                          KhItem        *item,
                          const char    *feed_uri)
{
  g_return_if_fail (KH_IS_ARTICLE_VIEW (self));
  g_return_if_fail (item == NULL || KH_IS_ITEM (item));

  if (self->item != item)
    {
      if (self->item != NULL)
        g_signal_handlers_disconnect_by_data (self->item, self);
      g_set_object (&self->item, item);
      if (item != NULL)
        g_signal_connect_object (item, "changed", G_CALLBACK (item_changed_cb), self, G_CONNECT_SWAPPED);
    }
  g_free (self->feed_uri);
  self->feed_uri = g_strdup (feed_uri);
  g_clear_pointer (&self->image_uri, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->updated_label), FALSE);

  if (item == NULL)
    {
      g_cancellable_cancel (self->image_cancellable);
      kh_article_body_clear (self->body);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  show_item (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/* Where images are loaded through: the window's, shared. */
void
kh_article_view_set_image_cache (KhArticleView *self,
                                 KhImageCache  *cache)
{
  g_return_if_fail (KH_IS_ARTICLE_VIEW (self));
  g_set_object (&self->image_cache, cache);
  kh_article_body_set_image_cache (self->body, cache);
}

void
kh_article_view_set_maximum_width (KhArticleView *self,
                                   int            width)
{
  g_return_if_fail (KH_IS_ARTICLE_VIEW (self));
  kh_clamp_set_maximum_width (self->clamp, width);
}

/* Paragraphs flush with both sides of the column, or ragged at their end. */
void
kh_article_view_set_justify (KhArticleView *self,
                             gboolean       justify)
{
  g_return_if_fail (KH_IS_ARTICLE_VIEW (self));
  kh_article_body_set_justify (self->body, justify);
}

gboolean
kh_article_view_get_justify (KhArticleView *self)
{
  g_return_val_if_fail (KH_IS_ARTICLE_VIEW (self), FALSE);
  return kh_article_body_get_justify (self->body);
}
