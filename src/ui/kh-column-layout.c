/* kh-column-layout.c
 *
 * A vertical column for an article's body.  Shaping text is what makes a
 * long article slow to show: a 100 KB one took a second to lay out, and as
 * long again when the text size changed.  This layout measures and draws
 * only the children near the scrolled window's view.  The others hold a
 * height estimated from their length in characters, scaled by how the
 * children measured so far compared with their own estimates, until the
 * reader scrolls near them.
 *
 * Children with no length set (images, rules, tables) are always measured.
 * Outside a scrolled window every child is measured.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "kh-column-layout.h"

/* The height of the view before the layout has seen it: about a screen. */
#define UNKNOWN_VIEW_HEIGHT 1200
/* The width estimates assume when asked for a height at no width. */
#define UNKNOWN_WIDTH 600

typedef struct
{
  guint n_chars;
  int   width;        /* what it was measured at, or -1 */
  int   height;
  guint generation;   /* of the font it was measured with */
} ChildSize;

struct _KhColumnLayout
{
  GtkLayoutManager  parent_instance;

  GtkWidget        *scroller;
  GtkAdjustment    *vadjustment;

  /* The font the sizes were measured with, and its metrics. */
  guint             font_key;
  guint             generation;
  double            char_width;
  double            line_height;

  /* Measured against estimated heights, at one width. */
  int               calibration_width;
  double            measured_sum;
  double            estimated_sum;

  /* The scrolled window's view, in the widget's coordinates. */
  double            view_top;
  double            view_bottom;
  int               last_width;

  /* The child at the top of the view, and where it stands in the scrolled
   * content: when heights above it change, as paragraphs are measured or
   * the text size changes, the view moves with it, so the reader keeps
   * their place. */
  GtkWidget        *anchor;
  double            anchor_content_y;
  double            anchor_value;
  double            scroll_target;    /* < 0: none */

  guint             relayout_source;
  gboolean          resize_needed;
  guint             n_shown;
};

G_DEFINE_FINAL_TYPE (KhColumnLayout, kh_column_layout, GTK_TYPE_LAYOUT_MANAGER)

static GQuark child_size_quark;

/* NULL for a child that is always measured. */
static ChildSize *
get_child_size (GtkWidget *child)
{
  return g_object_get_qdata (G_OBJECT (child), child_size_quark);
}

static void
reset_calibration (KhColumnLayout *self,
                   int             width)
{
  self->calibration_width = width;
  self->measured_sum = 0;
  self->estimated_sum = 0;
}

/* A new font, size or resolution makes every measured height stale. */
static void
update_font (KhColumnLayout *self,
             GtkWidget      *widget)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  guint key = pango_font_description_hash (font) ^ (guint) (pango_cairo_context_get_resolution (context) * 64);
  PangoFontMetrics *metrics;

  if (key == self->font_key && self->char_width > 0)
    return;

  metrics = pango_context_get_metrics (context, NULL, NULL);
  self->char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics) / (double) PANGO_SCALE, 1);
  self->line_height = MAX (pango_font_metrics_get_height (metrics) / (double) PANGO_SCALE, 1);
  pango_font_metrics_unref (metrics);

  self->font_key = key;
  self->generation++;
  reset_calibration (self, -1);
}

static double
raw_estimate (KhColumnLayout *self,
              guint           n_chars,
              int             width)
{
  double lines = ceil (n_chars * self->char_width / MAX (width, 1));

  return MAX (lines, 1) * self->line_height;
}

static int
estimate_height (KhColumnLayout *self,
                 guint           n_chars,
                 int             width)
{
  double scale = 1.0;

  if (width == self->calibration_width && self->estimated_sum > 0)
    scale = self->measured_sum / self->estimated_sum;
  return (int) ceil (raw_estimate (self, n_chars, width) * scale);
}

static int
measure_height (GtkWidget *child,
                int        width)
{
  int natural;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  return natural;
}

static void
record_height (KhColumnLayout *self,
               ChildSize      *size,
               int             width,
               int             height)
{
  if (width != self->calibration_width)
    reset_calibration (self, width);
  self->measured_sum += height;
  self->estimated_sum += raw_estimate (self, size->n_chars, width);
  size->width = width;
  size->height = height;
  size->generation = self->generation;
}

typedef struct
{
  int      width;
  double   near_top;
  double   near_bottom;
  gboolean measured;   /* a child was measured for the first time */
} Pass;

/* The child's height at the pass's width, measured when it lies near the
 * view at @y, estimated when it lies further off. */
static int
child_height (KhColumnLayout *self,
              GtkWidget      *child,
              double          y,
              Pass           *pass)
{
  ChildSize *size = get_child_size (child);
  int estimate;
  int height;

  if (size == NULL)
    return measure_height (child, pass->width);
  if (size->width == pass->width && size->generation == self->generation)
    return size->height;

  estimate = estimate_height (self, size->n_chars, pass->width);
  if (y + estimate < pass->near_top || y > pass->near_bottom)
    return estimate;

  height = measure_height (child, pass->width);
  record_height (self, size, pass->width, height);
  pass->measured = TRUE;
  return height;
}

/* A screen above and below the view is measured too, so that scrolling
 * finds its text ready. */
static void
begin_pass (KhColumnLayout *self,
            int             width,
            Pass           *pass)
{
  double page = self->view_bottom - self->view_top;

  pass->width = width;
  pass->measured = FALSE;
  /* A height for no width in particular is an estimate through and
   * through: nothing is measured for it. */
  if (width < 0)
    {
      pass->width = self->last_width > 0 ? self->last_width : UNKNOWN_WIDTH;
      pass->near_top = G_MAXDOUBLE;
      pass->near_bottom = -G_MAXDOUBLE;
      return;
    }
  if (self->scroller == NULL)
    {
      pass->near_top = -G_MAXDOUBLE;
      pass->near_bottom = G_MAXDOUBLE;
      return;
    }
  pass->near_top = self->view_top - page;
  pass->near_bottom = self->view_bottom + page;
}

static void
measure_width (KhColumnLayout *self,
               GtkWidget      *widget,
               int            *minimum,
               int            *natural)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      ChildSize *size = get_child_size (child);
      int child_minimum, child_natural;

      if (!gtk_widget_get_visible (child))
        continue;
      /* A wrapping paragraph can be as narrow as a few characters, and
       * would be as wide as its whole text on one line. */
      if (size != NULL)
        {
          child_minimum = (int) ceil (self->char_width * 2);
          child_natural = (int) ceil (self->char_width * size->n_chars);
        }
      else
        gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_minimum, &child_natural, NULL, NULL);
      *minimum = MAX (*minimum, child_minimum);
      *natural = MAX (*natural, child_natural);
    }
}

static void
kh_column_layout_measure (GtkLayoutManager *manager,
                          GtkWidget        *widget,
                          GtkOrientation    orientation,
                          int               for_size,
                          int              *minimum,
                          int              *natural,
                          int              *minimum_baseline,
                          int              *natural_baseline)
{
  KhColumnLayout *self = KH_COLUMN_LAYOUT (manager);
  Pass pass;
  double y = 0;

  update_font (self, widget);
  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      measure_width (self, widget, minimum, natural);
      return;
    }

  begin_pass (self, for_size, &pass);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child))
      y += child_height (self, child, y, &pass);
  *minimum = *natural = (int) ceil (y);
}

/* Where the scrolled window's view falls on the column now. */
static void
locate_view (KhColumnLayout *self,
             GtkWidget      *widget)
{
  graphene_rect_t bounds;

  if (self->scroller == NULL || !gtk_widget_compute_bounds (self->scroller, widget, &bounds))
    return;
  self->view_top = bounds.origin.y;
  self->view_bottom = bounds.origin.y + bounds.size.height;
}

static void
place_child (GtkWidget *child,
             int        width,
             int        height,
             double     y)
{
  GskTransform *transform = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (0, y));

  gtk_widget_allocate (child, width, height, -1, transform);
}

static gboolean
relayout_cb (gpointer data)
{
  KhColumnLayout *self = data;
  GtkWidget *widget = gtk_layout_manager_get_widget (GTK_LAYOUT_MANAGER (self));

  self->relayout_source = 0;
  if (widget == NULL)
    return G_SOURCE_REMOVE;
  if (self->scroll_target >= 0 && self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, self->scroll_target);
  self->scroll_target = -1;
  if (self->resize_needed)
    gtk_layout_manager_layout_changed (GTK_LAYOUT_MANAGER (self));
  else
    gtk_widget_queue_allocate (widget);
  self->resize_needed = FALSE;
  return G_SOURCE_REMOVE;
}

/* Sizes found during an allocation, or a view moved by the scrolled
 * window's own allocation, cannot change the layout under way: the next
 * frame takes them. */
static void
queue_relayout (KhColumnLayout *self,
                gboolean        resize)
{
  self->resize_needed |= resize;
  if (self->relayout_source == 0)
    self->relayout_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, relayout_cb, self, NULL);
}

/* Moves the view by as much as the anchor moved in the content, from
 * where the view was when the anchor was chosen: GTK may meanwhile have
 * pulled the view up into a column that shrank.  A reader at the very top
 * stays there. */
static void
follow_anchor (KhColumnLayout *self,
               double          anchor_y,
               double          body_offset,
               GtkWidget      *top_child,
               double          top_child_y)
{
  double value = gtk_adjustment_get_value (self->vadjustment);

  if (anchor_y >= 0 && self->anchor_value > 0)
    {
      double shift = anchor_y + body_offset - self->anchor_content_y;

      if (fabs (shift) >= 0.5)
        {
          self->anchor_content_y += shift;
          self->anchor_value += shift;
          self->scroll_target = self->anchor_value;
          queue_relayout (self, FALSE);
          return;
        }
    }
  self->anchor = top_child;
  self->anchor_content_y = top_child_y + body_offset;
  self->anchor_value = value;
}

static void
kh_column_layout_allocate (GtkLayoutManager *manager,
                           GtkWidget        *widget,
                           int               width,
                           int               height,
                           int               baseline)
{
  KhColumnLayout *self = KH_COLUMN_LAYOUT (manager);
  Pass pass;
  double y = 0;
  double body_offset;
  double anchor_y = -1;
  double top_child_y = 0;
  GtkWidget *top_child = NULL;

  update_font (self, widget);
  locate_view (self, widget);
  /* Where the column starts in the scrolled content. */
  body_offset = (self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0) - self->view_top;
  self->last_width = width;
  begin_pass (self, width, &pass);
  self->n_shown = 0;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int child_height_now;
      gboolean near;

      if (!gtk_widget_get_visible (child))
        continue;
      child_height_now = child_height (self, child, y, &pass);
      if (child == self->anchor)
        anchor_y = y;
      if (top_child == NULL && y + child_height_now > self->view_top)
        {
          top_child = child;
          top_child_y = y;
        }
      near = y + child_height_now >= pass.near_top && y <= pass.near_bottom;
      /* Children far from the view are neither laid out nor drawn. */
      gtk_widget_set_child_visible (child, near);
      if (near)
        {
          place_child (child, width, child_height_now, y);
          self->n_shown++;
        }
      y += child_height_now;
    }

  if (self->scroller != NULL)
    follow_anchor (self, anchor_y, body_offset, top_child, top_child_y);

  /* Heights measured for the first time replace estimates the column's
   * own size was made of. */
  if (pass.measured)
    queue_relayout (self, TRUE);
}

static GtkSizeRequestMode
kh_column_layout_get_request_mode (GtkLayoutManager *manager,
                                   GtkWidget        *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
view_changed_cb (KhColumnLayout *self)
{
  queue_relayout (self, FALSE);
}

static void
set_scroller (KhColumnLayout *self,
              GtkWidget      *scroller)
{
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);
  self->scroller = scroller;
  if (scroller == NULL)
    return;

  self->vadjustment = g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)));
  g_signal_connect_swapped (self->vadjustment, "value-changed", G_CALLBACK (view_changed_cb), self);
  g_signal_connect_swapped (self->vadjustment, "changed", G_CALLBACK (view_changed_cb), self);
}

static void
kh_column_layout_root (GtkLayoutManager *manager)
{
  GtkWidget *widget = gtk_layout_manager_get_widget (manager);

  set_scroller (KH_COLUMN_LAYOUT (manager), gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW));
}

static void
kh_column_layout_unroot (GtkLayoutManager *manager)
{
  set_scroller (KH_COLUMN_LAYOUT (manager), NULL);
}

static void
kh_column_layout_dispose (GObject *object)
{
  KhColumnLayout *self = KH_COLUMN_LAYOUT (object);

  g_clear_handle_id (&self->relayout_source, g_source_remove);
  set_scroller (self, NULL);

  G_OBJECT_CLASS (kh_column_layout_parent_class)->dispose (object);
}

static void
kh_column_layout_class_init (KhColumnLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkLayoutManagerClass *layout_class = GTK_LAYOUT_MANAGER_CLASS (klass);

  object_class->dispose = kh_column_layout_dispose;
  layout_class->get_request_mode = kh_column_layout_get_request_mode;
  layout_class->measure = kh_column_layout_measure;
  layout_class->allocate = kh_column_layout_allocate;
  layout_class->root = kh_column_layout_root;
  layout_class->unroot = kh_column_layout_unroot;

  child_size_quark = g_quark_from_static_string ("kh-column-layout-child-size");
}

static void
kh_column_layout_init (KhColumnLayout *self)
{
  self->calibration_width = -1;
  self->view_bottom = UNKNOWN_VIEW_HEIGHT;
  self->scroll_target = -1;
}

GtkLayoutManager *
kh_column_layout_new (void)
{
  return g_object_new (KH_TYPE_COLUMN_LAYOUT, NULL);
}

/**
 * kh_column_layout_set_child_length:
 * @n_chars: how many characters of text @child shows
 *
 * Lets the layout estimate @child's height while it is far from the view,
 * rather than measure it.
 */
void
kh_column_layout_set_child_length (KhColumnLayout *self,
                                   GtkWidget      *child,
                                   guint           n_chars)
{
  ChildSize *size;

  g_return_if_fail (KH_IS_COLUMN_LAYOUT (self));
  g_return_if_fail (GTK_IS_WIDGET (child));

  size = g_new0 (ChildSize, 1);
  size->n_chars = MAX (n_chars, 1);
  size->width = -1;
  g_object_set_qdata_full (G_OBJECT (child), child_size_quark, size, g_free);
}

/* New children from the top: the view is at their start again, and the
 * old children's heights say nothing about the new ones. */
void
kh_column_layout_restart (KhColumnLayout *self)
{
  double page;

  g_return_if_fail (KH_IS_COLUMN_LAYOUT (self));

  page = self->view_bottom - self->view_top;
  self->anchor = NULL;
  self->scroll_target = -1;
  self->view_top = 0;
  self->view_bottom = page > 0 ? page : UNKNOWN_VIEW_HEIGHT;
  reset_calibration (self, -1);
}

/* How many children the last allocation laid out and drew. */
guint
kh_column_layout_get_n_shown (KhColumnLayout *self)
{
  g_return_val_if_fail (KH_IS_COLUMN_LAYOUT (self), 0);
  return self->n_shown;
}
