/* test-column-layout.c: a long body is laid out near the view only, and
 * ends up where a full layout would put it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kh-article-body.h"
#include "kh-column-layout.h"
#include "window-helpers.h"

#define N_PARAGRAPHS 400

typedef struct
{
  GtkWindow         *window;
  GtkScrolledWindow *scroller;
  GtkWidget         *body;
  GtkCssProvider    *font;
} Reader;

/* Paragraphs of different lengths, Arabic with Latin and digits. */
static GStrv
long_paragraphs (void)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < N_PARAGRAPHS; i++)
    {
      g_autoptr(GString) paragraph = g_string_new (NULL);

      g_string_append_printf (paragraph, "الفقرة %u: ", i + 1);
      for (guint j = 0; j < 1 + (i * 7) % 23; j++)
        g_string_append (paragraph, "قالت الوكالة إن منصة e-Gov عادت إلى العمل عند الساعة 9:30 صباحا. ");
      g_strv_builder_add (builder, paragraph->str);
    }
  return g_strv_builder_end (builder);
}

static Reader *
open_reader (gboolean in_scroller,
             guint    n_paragraphs)
{
  Reader *reader = g_new0 (Reader, 1);
  g_auto(GStrv) paragraphs = long_paragraphs ();

  reader->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (reader->window, 500, 400);
  reader->body = kh_article_body_new ();
  gtk_widget_add_css_class (reader->body, "kh-article");
  reader->font = gtk_css_provider_new ();
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (reader->font),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  if (in_scroller)
    {
      reader->scroller = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new ());
      gtk_scrolled_window_set_policy (reader->scroller, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_child (reader->scroller, reader->body);
      gtk_window_set_child (reader->window, GTK_WIDGET (reader->scroller));
    }
  else
    gtk_window_set_child (reader->window, reader->body);

  g_free (paragraphs[n_paragraphs]);
  paragraphs[n_paragraphs] = NULL;
  kh_article_body_show_paragraphs (KH_ARTICLE_BODY (reader->body), (const char * const *) paragraphs,
                                   GTK_TEXT_DIR_RTL);
  for (guint i = n_paragraphs + 1; i < N_PARAGRAPHS; i++)
    g_free (paragraphs[i]);
  gtk_window_present (reader->window);
  wait_for_frames (reader->body);
  return reader;
}

static void
close_reader (Reader *reader)
{
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (reader->font));
  g_object_unref (reader->font);
  gtk_window_destroy (reader->window);
  iterate_until_idle ();
  g_free (reader);
}

static KhColumnLayout *
column_of (Reader *reader)
{
  return KH_COLUMN_LAYOUT (gtk_widget_get_layout_manager (reader->body));
}

static guint
n_children (GtkWidget *widget)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static double
child_top (Reader    *reader,
           GtkWidget *child)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (child, reader->body, &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.y;
}

static int
exact_height (GtkWidget *child,
              int        width)
{
  int natural;

  gtk_widget_measure (child, GTK_ORIENTATION_VERTICAL, width, NULL, &natural, NULL, NULL);
  return natural;
}

/* Every child that is drawn sits right below the one before it, at the
 * height its text takes at the column's width. */
static void
assert_shown_children_exact (Reader *reader)
{
  int width = gtk_widget_get_width (reader->body);
  GtkWidget *previous = NULL;
  guint n_shown = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (reader->body); child; child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_child_visible (child))
        {
          previous = NULL;
          continue;
        }
      n_shown++;
      g_assert_cmpint (gtk_widget_get_width (child), ==, width);
      /* Paragraphs have a margin below them only, which the measured
       * height includes. */
      if (previous != NULL)
        g_assert_cmpfloat_with_epsilon (child_top (reader, child),
                                        child_top (reader, previous) + exact_height (previous, width), 0.5);
      previous = child;
    }
  g_assert_cmpuint (n_shown, ==, kh_column_layout_get_n_shown (column_of (reader)));
}

/* The view shows children, and every child it shows is drawn. */
static void
assert_view_covered (Reader *reader)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (reader->scroller);
  double top = gtk_adjustment_get_value (adjustment);
  double bottom = top + gtk_adjustment_get_page_size (adjustment);
  guint n_in_view = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (reader->body); child; child = gtk_widget_get_next_sibling (child))
    {
      double child_y;

      if (!gtk_widget_get_child_visible (child))
        continue;
      child_y = child_top (reader, child);
      if (child_y < bottom && child_y + gtk_widget_get_height (child) > top)
        n_in_view++;
    }
  g_assert_cmpuint (n_in_view, >, 0);
}

static void
scroll_to (Reader *reader,
           double  value)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (reader->scroller);

  gtk_adjustment_set_value (adjustment, value);
  wait_for_frames (reader->body);
}

static void
test_near_view_only (void)
{
  Reader *reader = open_reader (TRUE, N_PARAGRAPHS);
  guint n_shown = kh_column_layout_get_n_shown (column_of (reader));

  g_assert_cmpuint (n_children (reader->body), ==, N_PARAGRAPHS);
  g_assert_cmpuint (n_shown, >, 0);
  g_assert_cmpuint (n_shown, <, N_PARAGRAPHS / 4);
  g_assert_true (gtk_widget_get_child_visible (gtk_widget_get_first_child (reader->body)));
  g_assert_false (gtk_widget_get_child_visible (gtk_widget_get_last_child (reader->body)));
  assert_shown_children_exact (reader);
  assert_view_covered (reader);

  close_reader (reader);
}

/* Jumping to the end shows the last paragraph, laid out in full. */
static void
test_scroll_to_end (void)
{
  Reader *reader = open_reader (TRUE, N_PARAGRAPHS);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (reader->scroller);
  GtkWidget *last = gtk_widget_get_last_child (reader->body);

  /* Measured heights replace estimates as they come into view, so the end
   * moves until the last screen is measured. */
  for (guint i = 0; i < 5; i++)
    scroll_to (reader, gtk_adjustment_get_upper (adjustment));

  g_assert_true (gtk_widget_get_child_visible (last));
  g_assert_false (gtk_widget_get_child_visible (gtk_widget_get_first_child (reader->body)));
  g_assert_cmpfloat_with_epsilon (child_top (reader, last) + exact_height (last, gtk_widget_get_width (reader->body)),
                                  gtk_widget_get_height (reader->body), 0.5);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment),
                                  gtk_adjustment_get_upper (adjustment), 0.5);
  assert_shown_children_exact (reader);
  assert_view_covered (reader);

  close_reader (reader);
}

/* Once the reader has been everywhere, the column is as tall as all its
 * paragraphs measured one by one. */
static void
test_heights_converge (void)
{
  Reader *reader = open_reader (TRUE, N_PARAGRAPHS / 4);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (reader->scroller);
  int width = gtk_widget_get_width (reader->body);
  int total = 0;
  double previous;

  /* Two pages at a time, as a screen on either side of the view is laid
   * out too, until the view no longer moves. */
  do
    {
      previous = gtk_adjustment_get_value (adjustment);
      scroll_to (reader, previous + 2 * gtk_adjustment_get_page_size (adjustment));
      assert_shown_children_exact (reader);
      assert_view_covered (reader);
    }
  while (gtk_adjustment_get_value (adjustment) > previous);

  for (GtkWidget *child = gtk_widget_get_first_child (reader->body); child; child = gtk_widget_get_next_sibling (child))
    total += exact_height (child, width);
  g_assert_cmpint (gtk_widget_get_height (reader->body), ==, total);

  close_reader (reader);
}

/* A new text size measures the paragraphs in view again, and only them. */
static void
test_font_change (void)
{
  Reader *reader = open_reader (TRUE, N_PARAGRAPHS);
  GtkWidget *first = gtk_widget_get_first_child (reader->body);
  int width = gtk_widget_get_width (reader->body);
  int before = exact_height (first, width);

  gtk_css_provider_load_from_data (reader->font, ".kh-article { font-size: 24pt; }", -1);
  wait_for_frames (reader->body);
  wait_for_frames (reader->body);

  g_assert_cmpint (exact_height (first, gtk_widget_get_width (reader->body)), >, before);
  g_assert_cmpuint (kh_column_layout_get_n_shown (column_of (reader)), <, N_PARAGRAPHS / 4);
  assert_shown_children_exact (reader);
  assert_view_covered (reader);

  close_reader (reader);
}

/* The paragraph at the top of the view, and how far below the view's top
 * it starts. */
static GtkWidget *
top_of_view (Reader *reader,
             double *offset)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (reader->scroller);
  graphene_point_t view;

  g_assert_true (gtk_widget_compute_point (GTK_WIDGET (reader->scroller), reader->body,
                                           &GRAPHENE_POINT_INIT (0, 0), &view));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  for (GtkWidget *child = gtk_widget_get_first_child (reader->body); child; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_child_visible (child) &&
        child_top (reader, child) + gtk_widget_get_height (child) > view.y)
      {
        *offset = child_top (reader, child) - view.y;
        return child;
      }
  g_assert_not_reached ();
}

/* A reader in the middle of a long article keeps their place when the
 * text grows or shrinks, and as paragraphs above are measured. */
static void
test_keeps_place (void)
{
  Reader *reader = open_reader (TRUE, N_PARAGRAPHS);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (reader->scroller);
  const char *sizes[] = { ".kh-article { font-size: 20pt; }", ".kh-article { font-size: 9pt; }" };
  GtkWidget *anchor;
  double offset;

  scroll_to (reader, gtk_adjustment_get_upper (adjustment) / 2);
  wait_for_frames (reader->body);
  anchor = top_of_view (reader, &offset);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      double offset_after;

      gtk_css_provider_load_from_data (reader->font, sizes[i], -1);
      for (guint j = 0; j < 4; j++)
        wait_for_frames (reader->body);

      g_assert_true (top_of_view (reader, &offset_after) == anchor);
      /* Its first line stays in view, where it was, give or take a line. */
      g_assert_cmpfloat (ABS (offset_after - offset), <, 40);
      assert_shown_children_exact (reader);
      offset = offset_after;
    }

  close_reader (reader);
}

/* A short body is laid out whole, like a box. */
static void
test_short_body_whole (void)
{
  Reader *reader = open_reader (TRUE, 3);

  g_assert_cmpuint (kh_column_layout_get_n_shown (column_of (reader)), ==, 3);
  assert_shown_children_exact (reader);

  close_reader (reader);
}

/* Outside a scrolled window nothing can be left for later. */
static void
test_without_scroller (void)
{
  Reader *reader = open_reader (FALSE, 12);

  g_assert_cmpuint (kh_column_layout_get_n_shown (column_of (reader)), ==, 12);
  assert_shown_children_exact (reader);

  close_reader (reader);
}

int
main (int   argc,
      char *argv[])
{
  init_ui_test (&argc, &argv);

  g_test_add_func ("/column/near-view-only", test_near_view_only);
  g_test_add_func ("/column/scroll-to-end", test_scroll_to_end);
  g_test_add_func ("/column/heights-converge", test_heights_converge);
  g_test_add_func ("/column/font-change", test_font_change);
  g_test_add_func ("/column/keeps-place", test_keeps_place);
  g_test_add_func ("/column/short-body-whole", test_short_body_whole);
  g_test_add_func ("/column/without-scroller", test_without_scroller);

  return g_test_run ();
}
