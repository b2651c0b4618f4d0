/* kh-article-body.c
 *
 * The body of an article as the core's blocks describe it: paragraphs,
 * headings, quotes, lists, preformatted text, rules, figures and table
 * rows, each a widget of its own laid out by Pango in the direction of its
 * own text.  Inline styles and links reach Pango as markup the core built
 * with every piece of feed text escaped.  Images load through the cache,
 * behind a placeholder of their announced shape.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "kh-article-body.h"
#include "kh-bidi.h"
#include "kh-column-layout.h"
#include "kh-fetcher.h"
#include "kh-html-blocks.h"
#include "kh-image-loader.h"

/* How far each level of quotes and lists is set in, in pixels. */
#define QUOTE_INDENT 18
#define LIST_INDENT  22

struct _KhArticleBody
{
  GtkWidget     parent_instance;

  KhImageCache *image_cache;
  GCancellable *cancellable;
  char         *feed_uri;
  gboolean      justify;
  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (KhArticleBody, kh_article_body, GTK_TYPE_WIDGET)

/* Links open only to the web and to mail; anything else a feed might
 * write (javascript:, file:, data:, custom schemes) stays inert.  The
 * fetcher holds the one rule for what a feed's links may open. */
gboolean
kh_article_body_link_is_allowed (const char *uri)
{
  return kh_fetcher_can_open_link (uri);
}

static gboolean
activate_link_cb (GtkLabel   *label,
                  const char *uri,
                  gpointer    user_data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (label));

  if (kh_article_body_link_is_allowed (uri))
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
  /* Handled either way: GTK's own handler would open any scheme. */
  return TRUE;
}

/* The address under the pointer, so a link says where it goes. */
static gboolean
query_link_tooltip_cb (GtkLabel   *label,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *uri = gtk_label_get_current_uri (label);

  if (uri == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, uri);
  return TRUE;
}

static GtkTextDirection
block_direction (KhBlock          *block,
                 GtkTextDirection  fallback)
{
  GtkTextDirection direction = kh_bidi_direction_from_core (kh_block_get_direction (block));

  return direction != GTK_TEXT_DIR_NONE ? direction : fallback;
}

static GtkWidget *
create_label (KhArticleBody *self,
              const char    *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A block's language (its lang attribute) lets Pango pick the right
 * glyphs and fonts, as for Persian or Urdu in Arabic script. */
static char *
block_markup (KhBlock *block,
              char    *markup)
{
  const char *lang = kh_block_get_lang (block);
  g_autofree char *opening = NULL;
  char *wrapped;

  if (lang == NULL || *lang == '\0')
    return markup;
  opening = g_markup_printf_escaped ("<span lang=\"%s\">", lang);
  wrapped = g_strconcat (opening, markup, "</span>", NULL);
  g_free (markup);
  return wrapped;
}

static void
set_block_markup (GtkLabel *label,
                  char     *markup)
{
  gtk_label_set_markup (label, markup);
  g_free (markup);
  g_signal_connect (label, "activate-link", G_CALLBACK (activate_link_cb), NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (label), TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (query_link_tooltip_cb), NULL);
}

static void
apply_justify (GtkWidget *label,
               gboolean   justify)
{
  gtk_label_set_justify (GTK_LABEL (label), justify ? GTK_JUSTIFY_FILL : GTK_JUSTIFY_LEFT);
}

static GtkWidget *
create_paragraph (KhArticleBody *self,
                  KhBlock       *block)
{
  GtkWidget *label = create_label (self, "kh-paragraph");

  set_block_markup (GTK_LABEL (label), block_markup (block, kh_block_to_pango_markup (block)));
  apply_justify (label, self->justify);
  return label;
}

static GtkWidget *
create_heading (KhArticleBody *self,
                KhBlock       *block)
{
  guint level = CLAMP (kh_block_get_heading_level (block), 1, 6);
  g_autofree char *level_class = g_strdup_printf ("kh-h%u", level);
  GtkWidget *label = g_object_new (GTK_TYPE_LABEL,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING,
                                   "wrap", TRUE,
                                   "wrap-mode", PANGO_WRAP_WORD_CHAR,
                                   "xalign", 0.0f,
                                   "selectable", TRUE,
                                   NULL);

  gtk_widget_add_css_class (label, "kh-heading");
  gtk_widget_add_css_class (label, level_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LEVEL, level, -1);
  set_block_markup (GTK_LABEL (label), block_markup (block, kh_block_to_pango_markup (block)));
  return label;
}

/* Preformatted text keeps its lines; a long one scrolls sideways. */
static GtkWidget *
create_preformatted (KhArticleBody *self,
                     KhBlock       *block)
{
  GtkWidget *label = create_label (self, "kh-pre");
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_label_set_wrap (GTK_LABEL (label), FALSE);
  set_block_markup (GTK_LABEL (label), block_markup (block, kh_block_to_pango_markup (block)));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  gtk_widget_add_css_class (scroller, "kh-pre-box");
  return scroller;
}

/* The marker stands on the start side of the item's own direction. */
static GtkWidget *
create_list_item (KhArticleBody *self,
                  KhBlock       *block)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *marker = gtk_label_new (kh_block_get_list_marker (block));
  GtkWidget *text = create_paragraph (self, block);

  /* Marker and text share the first line's baseline. */
  gtk_widget_add_css_class (marker, "kh-list-marker");
  gtk_widget_set_valign (marker, GTK_ALIGN_BASELINE);
  gtk_widget_set_valign (text, GTK_ALIGN_BASELINE);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_add_css_class (row, "kh-list-item");
  gtk_widget_set_margin_start (row, LIST_INDENT * MAX (kh_block_get_list_depth (block), 1) - LIST_INDENT / 2);
  gtk_box_append (GTK_BOX (row), marker);
  gtk_box_append (GTK_BOX (row), text);
  return row;
}

static GtkWidget *
create_rule (void)
{
  GtkWidget *rule = gtk_separator_new (GTK_ORIENTATION_HORIZONTAL);

  gtk_widget_add_css_class (rule, "kh-rule");
  return rule;
}

static GtkWidget *
create_table_row (KhArticleBody *self,
                  KhBlock       *block)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  guint n_cells = kh_block_get_n_cells (block);

  gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
  gtk_widget_add_css_class (row, kh_block_get_header_row (block) ? "kh-table-header" : "kh-table-row");
  for (guint i = 0; i < n_cells; i++)
    {
      GtkWidget *cell = create_label (self, "kh-table-cell");
      gsize start, end;

      if (!kh_block_get_cell (block, i, &start, &end))
        continue;
      set_block_markup (GTK_LABEL (cell), block_markup (block, kh_block_range_to_pango_markup (block, start, end)));
      gtk_box_append (GTK_BOX (row), cell);
    }
  return row;
}

typedef struct
{
  GtkPicture *picture;
  GtkWidget  *caption;
} Figure;

static void
figure_free (Figure *figure)
{
  g_object_unref (figure->picture);
  g_clear_object (&figure->caption);
  g_free (figure);
}

static void
figure_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Figure *figure = user_data;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = kh_image_loader_load_finish (result, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      gtk_widget_remove_css_class (GTK_WIDGET (figure->picture), "loading");
      if (texture != NULL)
        gtk_picture_set_paintable (figure->picture, GDK_PAINTABLE (texture));
      else
        {
          /* The caption, or the image's own description, stays. */
          gtk_widget_set_visible (GTK_WIDGET (figure->picture), FALSE);
          if (figure->caption != NULL)
            gtk_widget_set_visible (figure->caption, TRUE);
        }
    }
  figure_free (figure);
}

/* Until it arrives, the image holds a place of the shape it announced. */
static GdkPaintable *
create_placeholder (KhBlock *block)
{
  guint width = kh_block_get_image_width (block);
  guint height = kh_block_get_image_height (block);

  if (width == 0 || height == 0)
    return gdk_paintable_new_empty (16, 9);
  return gdk_paintable_new_empty (width, height);
}

static GtkWidget *
create_caption (KhArticleBody *self,
                KhBlock       *block)
{
  const char *alt = kh_block_get_image_alt (block);
  GtkWidget *caption;

  if (*kh_block_get_text (block) != '\0')
    {
      caption = create_label (self, "kh-caption");
      set_block_markup (GTK_LABEL (caption), block_markup (block, kh_block_to_pango_markup (block)));
      return caption;
    }
  if (alt == NULL || *alt == '\0')
    return NULL;

  /* Without a caption, the description shows only if the image fails. */
  caption = create_label (self, "kh-caption");
  kh_bidi_label_set_text (GTK_LABEL (caption), alt);
  gtk_widget_set_visible (caption, FALSE);
  return caption;
}

static GtkWidget *
create_figure (KhArticleBody *self,
               KhBlock       *block)
{
  g_autofree char *uri = kh_fetcher_resolve_linked_uri (self->feed_uri, kh_block_get_image_uri (block));
  g_autoptr(GdkPaintable) placeholder = create_placeholder (block);
  GtkWidget *figure = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *picture = gtk_picture_new_for_paintable (placeholder);
  GtkWidget *caption = create_caption (self, block);
  Figure *loading;

  gtk_widget_add_css_class (figure, "kh-figure");
  gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
  gtk_picture_set_content_fit (GTK_PICTURE (picture), GTK_CONTENT_FIT_CONTAIN);
  gtk_widget_add_css_class (picture, "kh-figure-image");
  if (kh_block_get_image_alt (block) != NULL)
    gtk_picture_set_alternative_text (GTK_PICTURE (picture), kh_block_get_image_alt (block));
  gtk_box_append (GTK_BOX (figure), picture);
  if (caption != NULL)
    gtk_box_append (GTK_BOX (figure), caption);

  if (uri == NULL || self->image_cache == NULL)
    {
      gtk_widget_set_visible (picture, FALSE);
      if (caption != NULL)
        gtk_widget_set_visible (caption, TRUE);
      return figure;
    }

  gtk_widget_add_css_class (picture, "loading");
  loading = g_new0 (Figure, 1);
  loading->picture = GTK_PICTURE (g_object_ref (picture));
  loading->caption = caption ? g_object_ref (caption) : NULL;
  kh_image_loader_load_async (self->image_cache, uri, self->cancellable, figure_loaded_cb, loading);
  return figure;
}

/* Quotes are set in, with a bar on the start side of their own direction. */
static GtkWidget *
wrap_in_quote (GtkWidget *child,
               guint      depth)
{
  GtkWidget *quote = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_widget_add_css_class (quote, "kh-quote");
  gtk_widget_set_margin_start (quote, QUOTE_INDENT * (depth - 1));
  gtk_box_append (GTK_BOX (quote), child);
  return quote;
}

static GtkWidget *
create_block_widget (KhArticleBody *self,
                     KhBlock       *block)
{
  switch (kh_block_get_kind (block))
    {
    case KH_BLOCK_HEADING:
      return create_heading (self, block);
    case KH_BLOCK_PREFORMATTED:
      return create_preformatted (self, block);
    case KH_BLOCK_LIST_ITEM:
      return create_list_item (self, block);
    case KH_BLOCK_RULE:
      return create_rule ();
    case KH_BLOCK_IMAGE:
      return create_figure (self, block);
    case KH_BLOCK_TABLE_ROW:
      return create_table_row (self, block);
    case KH_BLOCK_PARAGRAPH:
    default:
      return create_paragraph (self, block);
    }
}

/* Text that wraps into lines, whose height the column can estimate from
 * its length while it is far from view. */
static gboolean
is_running_text (KhBlock *block)
{
  switch (kh_block_get_kind (block))
    {
    case KH_BLOCK_PARAGRAPH:
    case KH_BLOCK_HEADING:
    case KH_BLOCK_LIST_ITEM:
      return TRUE;
    default:
      return FALSE;
    }
}

static void
set_text_length (KhArticleBody *self,
                 GtkWidget     *widget,
                 const char    *text)
{
  KhColumnLayout *layout = KH_COLUMN_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  kh_column_layout_set_child_length (layout, widget, g_utf8_strlen (text, -1));
}

static void
append_blocks (KhArticleBody    *self,
               GPtrArray        *blocks,
               GtkTextDirection  fallback)
{
  for (guint i = 0; i < blocks->len; i++)
    {
      KhBlock *block = blocks->pdata[i];
      GtkWidget *widget = create_block_widget (self, block);
      guint depth = kh_block_get_quote_depth (block);

      if (depth > 0)
        widget = wrap_in_quote (widget, depth);
      kh_bidi_set_direction_recursive (widget, block_direction (block, fallback));
      if (is_running_text (block))
        set_text_length (self, widget, kh_block_get_text (block));
      gtk_widget_set_parent (widget, GTK_WIDGET (self));
    }
}

static void
set_busy (KhArticleBody *self,
          gboolean       busy)
{
  self->busy = busy;
}

/* Removes every block and stops the images and conversions under way. */
void
kh_article_body_clear (KhArticleBody *self)
{
  GtkWidget *child;

  g_return_if_fail (KH_IS_ARTICLE_BODY (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, FALSE);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  kh_column_layout_restart (KH_COLUMN_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self))));
}

typedef struct
{
  char             *html;
  char             *base_uri;
  GtkTextDirection  fallback;
} Conversion;

static void
conversion_free (Conversion *conversion)
{
  g_free (conversion->html);
  g_free (conversion->base_uri);
  g_free (conversion);
}

static void
convert_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Conversion *conversion = task_data;

  g_task_return_pointer (task, kh_html_to_blocks (conversion->html, conversion->base_uri),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
converted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  KhArticleBody *self = KH_ARTICLE_BODY (source);
  Conversion *conversion = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) blocks = g_task_propagate_pointer (G_TASK (result), NULL);

  if (blocks == NULL)
    return;
  set_busy (self, FALSE);
  append_blocks (self, blocks, conversion->fallback);
}

/**
 * kh_article_body_show_html:
 * @base_uri: (nullable): what relative links and images are resolved
 *   against, the item's address
 * @feed_uri: the feed's address, which decides where images may come from
 * @fallback: the direction of blocks with no strong character of their own
 *
 * Shows an HTML body.  A long one is converted in a worker thread and shown
 * when ready.
 */
void
kh_article_body_show_html (KhArticleBody    *self,
                           const char       *html,
                           const char       *base_uri,
                           const char       *feed_uri,
                           GtkTextDirection  fallback)
{
  g_autoptr(GTask) task = NULL;
  Conversion *conversion;

  g_return_if_fail (KH_IS_ARTICLE_BODY (self));
  g_return_if_fail (html != NULL);

  kh_article_body_clear (self);
  g_free (self->feed_uri);
  self->feed_uri = g_strdup (feed_uri);

  if (strlen (html) <= KH_ARTICLE_BODY_SYNC_LIMIT)
    {
      g_autoptr(GPtrArray) blocks = kh_html_to_blocks (html, base_uri);

      append_blocks (self, blocks, fallback);
      return;
    }

  conversion = g_new0 (Conversion, 1);
  conversion->html = g_strdup (html);
  conversion->base_uri = g_strdup (base_uri);
  conversion->fallback = fallback;
  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, converted_cb, NULL);
  g_task_set_source_tag (task, kh_article_body_show_html);
  g_task_set_task_data (task, conversion, (GDestroyNotify) conversion_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, convert_in_thread);
}

/* Shows a plain-text body, a paragraph a string. */
void
kh_article_body_show_paragraphs (KhArticleBody      *self,
                                 const char * const *paragraphs,
                                 GtkTextDirection    fallback)
{
  g_return_if_fail (KH_IS_ARTICLE_BODY (self));

  kh_article_body_clear (self);
  for (guint i = 0; paragraphs[i] != NULL; i++)
    {
      GtkWidget *label = create_label (self, "kh-paragraph");
      GtkTextDirection direction = kh_bidi_direction_for_text (paragraphs[i]);

      gtk_label_set_text (GTK_LABEL (label), paragraphs[i]);
      apply_justify (label, self->justify);
      gtk_widget_set_direction (label, direction != GTK_TEXT_DIR_NONE ? direction : fallback);
      set_text_length (self, label, paragraphs[i]);
      gtk_widget_set_parent (label, GTK_WIDGET (self));
    }
}

static void
justify_labels (GtkWidget *widget,
                gboolean   justify)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "kh-paragraph"))
    apply_justify (widget, justify);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    justify_labels (child, justify);
}

/* Paragraphs flush with both sides of the column, or ragged at their end. */
void
kh_article_body_set_justify (KhArticleBody *self,
                             gboolean       justify)
{
  g_return_if_fail (KH_IS_ARTICLE_BODY (self));

  self->justify = !!justify;
  justify_labels (GTK_WIDGET (self), self->justify);
}

gboolean
kh_article_body_get_justify (KhArticleBody *self)
{
  g_return_val_if_fail (KH_IS_ARTICLE_BODY (self), FALSE);
  return self->justify;
}

/* TRUE while a long body is being converted. */
gboolean
kh_article_body_get_busy (KhArticleBody *self)
{
  g_return_val_if_fail (KH_IS_ARTICLE_BODY (self), FALSE);
  return self->busy;
}

/* Where images are loaded through: the window's, shared. */
void
kh_article_body_set_image_cache (KhArticleBody *self,
                                 KhImageCache  *cache)
{
  g_return_if_fail (KH_IS_ARTICLE_BODY (self));
  g_set_object (&self->image_cache, cache);
}

static void
kh_article_body_dispose (GObject *object)
{
  KhArticleBody *self = (KhArticleBody *) object;
  GtkWidget *child;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->image_cache);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (kh_article_body_parent_class)->dispose (object);
}

static void
kh_article_body_finalize (GObject *object)
{
  KhArticleBody *self = (KhArticleBody *) object;

  g_free (self->feed_uri);

  G_OBJECT_CLASS (kh_article_body_parent_class)->finalize (object);
}

static void
kh_article_body_class_init (KhArticleBodyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kh_article_body_dispose;
  object_class->finalize = kh_article_body_finalize;

  gtk_widget_class_set_layout_manager_type (widget_class, KH_TYPE_COLUMN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "khabarbody");
}

static void
kh_article_body_init (KhArticleBody *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "kh-body");
  self->cancellable = g_cancellable_new ();
}

GtkWidget *
kh_article_body_new (void)
{
  return g_object_new (KH_TYPE_ARTICLE_BODY, NULL);
}
