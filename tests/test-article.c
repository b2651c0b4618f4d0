/* test-article.c: a rich HTML article, rendered as native widgets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "kh-article-body.h"
#include "kh-article-view.h"
#include "kh-window.h"
#include "window-helpers.h"

static GtkWidget *
article_body (KhWindow *window)
{
  GtkWidget *view = template_child (window, KH_TYPE_WINDOW, "article_view");

  return template_child (view, KH_TYPE_ARTICLE_VIEW, "body");
}

static void
collect_with_class (GtkWidget  *widget,
                    const char *css_class,
                    GPtrArray  *found)
{
  if (gtk_widget_has_css_class (widget, css_class))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_with_class (child, css_class, found);
}

static GPtrArray *
all_with_class (KhWindow   *window,
                const char *css_class)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_with_class (article_body (window), css_class, found);
  return found;
}

static void
collect_text (GtkWidget *widget,
              GString   *text)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (text, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, text);
}

static KhWindow *
open_rich_article (KhSettings *settings)
{
  g_autofree char *uri = fixture_uri ("ui-rich.json");
  KhWindow *window = open_window (settings, uri);

  wait_for_frames (GTK_WIDGET (window));
  return window;
}

static void
test_blocks_become_widgets (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  KhWindow *window = open_rich_article (settings);
  g_autoptr(GPtrArray) headings = all_with_class (window, "kh-h2");
  g_autoptr(GPtrArray) quotes = all_with_class (window, "kh-quote");
  g_autoptr(GPtrArray) list_items = all_with_class (window, "kh-list-item");
  g_autoptr(GPtrArray) rows = all_with_class (window, "kh-table-row");
  g_autoptr(GPtrArray) headers = all_with_class (window, "kh-table-header");
  g_autoptr(GPtrArray) pre = all_with_class (window, "kh-pre");
  g_autoptr(GPtrArray) rules = all_with_class (window, "kh-rule");
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_cmpuint (headings->len, ==, 1);
  g_assert_cmpstr (gtk_label_get_text (headings->pdata[0]), ==, "ما الذي نعرفه حتى الآن");
  g_assert_cmpint (gtk_accessible_get_accessible_role (headings->pdata[0]), ==, GTK_ACCESSIBLE_ROLE_HEADING);

  g_assert_cmpuint (quotes->len, ==, 1);
  g_assert_cmpint (gtk_widget_get_direction (quotes->pdata[0]), ==, GTK_TEXT_DIR_RTL);

  g_assert_cmpuint (list_items->len, ==, 4);
  g_assert_cmpuint (headers->len, ==, 1);
  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpuint (pre->len, ==, 1);
  g_assert_false (gtk_label_get_wrap (pre->pdata[0]));
  g_assert_cmpstr (gtk_label_get_text (pre->pdata[0]), ==, "wind  90 km/h\ngusts 120 km/h");
  g_assert_cmpuint (rules->len, ==, 1);

  /* Scripts are dropped with their text. */
  collect_text (article_body (window), text);
  g_assert_null (strstr (text->str, "stolen"));
  g_assert_nonnull (strstr (text->str, "The coast guard said all boats are back in port."));

  close_window (window);
}

static GtkWidget *
first_label_child (GtkWidget *box,
                   gboolean   marker)
{
  for (GtkWidget *child = gtk_widget_get_first_child (box);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, "kh-list-marker") == marker)
      return child;
  g_assert_not_reached ();
}

/* Bullets and numbers stand at the start of each item's own direction. */
static void
test_list_markers_on_start_side (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  KhWindow *window = open_rich_article (settings);
  g_autoptr(GPtrArray) items = all_with_class (window, "kh-list-item");
  GtkWidget *arabic = items->pdata[0];
  GtkWidget *english = items->pdata[2];
  graphene_point_t marker_point, text_point;

  g_assert_true (gtk_widget_compute_point (first_label_child (arabic, TRUE), arabic,
                                           &GRAPHENE_POINT_INIT (0, 0), &marker_point));
  g_assert_true (gtk_widget_compute_point (first_label_child (arabic, FALSE), arabic,
                                           &GRAPHENE_POINT_INIT (0, 0), &text_point));
  g_assert_cmpfloat (marker_point.x, >, text_point.x);

  g_assert_true (gtk_widget_compute_point (first_label_child (english, TRUE), english,
                                           &GRAPHENE_POINT_INIT (0, 0), &marker_point));
  g_assert_true (gtk_widget_compute_point (first_label_child (english, FALSE), english,
                                           &GRAPHENE_POINT_INIT (0, 0), &text_point));
  g_assert_cmpfloat (marker_point.x, <, text_point.x);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (first_label_child (english, TRUE))), ==, "3.");

  close_window (window);
}

static gboolean
caption_shown (gpointer data)
{
  g_autoptr(GPtrArray) figures = all_with_class (data, "kh-figure-image");

  return figures->len == 1 && !gtk_widget_get_visible (figures->pdata[0]);
}

/* An image that cannot load leaves its caption, not a hole. */
static void
test_failed_image_keeps_caption (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  KhWindow *window = open_rich_article (settings);
  g_autoptr(GPtrArray) captions = NULL;

  wait_until (caption_shown, window);
  captions = all_with_class (window, "kh-caption");
  g_assert_cmpuint (captions->len, >=, 1);
  g_assert_cmpstr (gtk_label_get_text (captions->pdata[captions->len - 1]), ==,
                   "أمواج عالية على الكورنيش صباح اليوم");
  g_assert_true (gtk_widget_get_visible (captions->pdata[captions->len - 1]));

  close_window (window);
}

static void
test_links (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  KhWindow *window = open_rich_article (settings);
  g_autoptr(GPtrArray) paragraphs = all_with_class (window, "kh-paragraph");
  const char *markup = NULL;
  gboolean handled = FALSE;

  for (guint i = 0; i < paragraphs->len && markup == NULL; i++)
    if (strstr (gtk_label_get_label (paragraphs->pdata[i]), "<a ") != NULL)
      markup = gtk_label_get_label (paragraphs->pdata[i]);

  /* The web link stays a link; the script one is text only. */
  g_assert_nonnull (markup);
  g_assert_nonnull (strstr (markup, "href=\"https://example.org/forecast\""));
  g_assert_null (strstr (markup, "javascript"));
  g_assert_nonnull (strstr (markup, "رابط خبيث"));

  /* Whatever a label is asked to open, only web and mail addresses go out. */
  g_signal_emit_by_name (paragraphs->pdata[0], "activate-link", "javascript:alert(1)", &handled);
  g_assert_true (handled);
  g_assert_true (kh_article_body_link_is_allowed ("https://example.org/"));
  g_assert_true (kh_article_body_link_is_allowed ("HTTP://example.org/"));
  g_assert_true (kh_article_body_link_is_allowed ("mailto:desk@example.org"));
  g_assert_false (kh_article_body_link_is_allowed ("javascript:alert(1)"));
  g_assert_false (kh_article_body_link_is_allowed ("file:///etc/passwd"));
  g_assert_false (kh_article_body_link_is_allowed ("data:text/html,hi"));
  g_assert_false (kh_article_body_link_is_allowed ("resource:///io/github/khabar/Khabar/x"));
  g_assert_false (kh_article_body_link_is_allowed ("/relative/path"));
  g_assert_false (kh_article_body_link_is_allowed (NULL));

  close_window (window);
}

static void
test_attachments_and_lang (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  KhWindow *window = open_rich_article (settings);
  GtkWidget *view = template_child (window, KH_TYPE_WINDOW, "article_view");
  GtkWidget *box = template_child (view, KH_TYPE_ARTICLE_VIEW, "attachments_box");
  g_autoptr(GPtrArray) paragraphs = all_with_class (window, "kh-paragraph");
  GtkWidget *link = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));
  const char *persian = NULL;

  /* The web attachment is listed, the local one is not. */
  g_assert_true (gtk_widget_get_visible (box));
  g_assert_true (GTK_IS_LINK_BUTTON (link));
  g_assert_null (gtk_widget_get_next_sibling (link));
  g_assert_cmpstr (gtk_link_button_get_uri (GTK_LINK_BUTTON (link)), ==,
                   "https://media.example.org/storm/report.mp3");
  g_assert_nonnull (strstr (gtk_button_get_label (GTK_BUTTON (link)), "التقرير الصوتي · audio/mpeg"));
  g_assert_nonnull (strstr (gtk_button_get_label (GTK_BUTTON (link)), "1:33"));

  for (guint i = 0; i < paragraphs->len; i++)
    if (strstr (gtk_label_get_label (paragraphs->pdata[i]), "فارسی") != NULL)
      persian = gtk_label_get_label (paragraphs->pdata[i]);
  g_assert_nonnull (persian);
  g_assert_true (g_str_has_prefix (persian, "<span lang=\"fa\">"));

  close_window (window);
}

static void
test_justify_rich (void)
{
  g_autoptr(KhSettings) settings = create_settings ();
  KhWindow *window = open_rich_article (settings);
  g_autoptr(GPtrArray) paragraphs = NULL;

  g_settings_set_boolean (kh_settings_get_gsettings (settings), "justify-text", TRUE);
  paragraphs = all_with_class (window, "kh-paragraph");
  g_assert_cmpuint (paragraphs->len, >=, 3);
  for (guint i = 0; i < paragraphs->len; i++)
    g_assert_cmpint (gtk_label_get_justify (paragraphs->pdata[i]), ==, GTK_JUSTIFY_FILL);

  g_settings_reset (kh_settings_get_gsettings (settings), "justify-text");
  close_window (window);
}

static gboolean
body_ready (gpointer data)
{
  return !kh_article_body_get_busy (data) && gtk_widget_get_first_child (data) != NULL;
}

/* A long body is converted in a worker thread, then shown whole. */
static void
test_long_body_in_thread (void)
{
  KhArticleBody *body = KH_ARTICLE_BODY (g_object_ref_sink (kh_article_body_new ()));
  g_autoptr(GString) html = g_string_new (NULL);
  guint n_children = 0;

  while (html->len <= KH_ARTICLE_BODY_SYNC_LIMIT)
    g_string_append_printf (html, "<p>فقرة رقم %u من نص طويل جدًا.</p>", n_children++);

  kh_article_body_show_html (body, html->str, NULL, "https://example.org/feed.json", GTK_TEXT_DIR_RTL);
  g_assert_true (kh_article_body_get_busy (body));
  wait_until (body_ready, body);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (body));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n_children--;
  g_assert_cmpuint (n_children, ==, 0);

  /* Cleared while converting, nothing arrives late. */
  kh_article_body_show_html (body, html->str, NULL, "https://example.org/feed.json", GTK_TEXT_DIR_RTL);
  kh_article_body_clear (body);
  iterate_until_idle ();
  g_usleep (G_USEC_PER_SEC / 10);
  iterate_until_idle ();
  g_assert_null (gtk_widget_get_first_child (GTK_WIDGET (body)));

  g_object_unref (body);
}

int
main (int   argc,
      char *argv[])
{
  init_ui_test (&argc, &argv);

  g_test_add_func ("/article/blocks-become-widgets", test_blocks_become_widgets);
  g_test_add_func ("/article/list-markers", test_list_markers_on_start_side);
  g_test_add_func ("/article/failed-image-keeps-caption", test_failed_image_keeps_caption);
  g_test_add_func ("/article/links", test_links);
  g_test_add_func ("/article/justify", test_justify_rich);
  g_test_add_func ("/article/attachments-and-lang", test_attachments_and_lang);
  g_test_add_func ("/article/long-body-in-thread", test_long_body_in_thread);

  return g_test_run ();
}
