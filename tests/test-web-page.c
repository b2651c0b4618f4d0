/* test-web-page.c: a web page as the endpoint
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kh-error.h"
#include "kh-feed-parser.h"

static KhFeed *
parse_fixture (const char  *name,
               const char  *base_uri,
               GError     **error)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return kh_feed_parser_parse_full (bytes, "text/html; charset=utf-8", base_uri, error);
}

static char *
joined_paragraphs (KhItem *item)
{
  return g_strjoinv ("\n", (GStrv) kh_item_get_paragraphs (item));
}

/* A page is read as its article, without the menus around it. */
static void
test_article_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = parse_fixture ("page-article.html", "https://coast.example.net/news/x?ref=1",
                                          &error);
  KhItem *item;
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) expected = g_date_time_new_from_iso8601 ("2026-11-29T05:30:00Z", NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 1);
  g_assert_cmpstr (kh_feed_get_title (feed), ==, "الساحل اليوم");
  g_assert_cmpstr (kh_feed_get_language (feed), ==, "ar");

  item = kh_feed_get_item (feed, 0);
  g_assert_cmpstr (kh_item_get_title (item), ==, "الصيادون يعودون إلى البحر بعد ثلاثة أيام من العاصفة");
  g_assert_cmpstr (kh_item_get_id (item), ==, "https://coast.example.net/news/fishermen-return");
  g_assert_cmpstr (kh_item_get_url (item), ==, "https://coast.example.net/news/fishermen-return");
  g_assert_cmpstr (kh_item_get_image (item), ==, "https://coast.example.net/images/harbour-boats.jpg");
  g_assert_true (g_date_time_equal (kh_item_get_published (item), expected));
  g_assert_cmpstr (kh_item_get_language (item), ==, "ar");

  text = joined_paragraphs (item);
  g_assert_cmpuint (g_strv_length ((GStrv) kh_item_get_paragraphs (item)), ==, 4);
  g_assert_nonnull (strstr (text, "42 قاربًا"));
  g_assert_nonnull (strstr (text, "The harbour master said"));
  g_assert_null (strstr (text, "قائمة الأقسام"));
  g_assert_null (strstr (text, "جميع الحقوق"));
  g_assert_null (strstr (text, "stolen"));
  g_assert_nonnull (strstr (kh_item_get_content_html (item), "<b>42 قاربًا</b>"));
}

/* A live blog in the page's JSON-LD is the page's news. */
static void
test_live_blog_page (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = parse_fixture ("page-live-blog.html", "https://coast.example.net/live/storm",
                                          &error);

  g_assert_no_error (error);
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 2);
  g_assert_cmpstr (kh_feed_get_title (feed), ==, "تغطية مباشرة: العاصفة على الساحل");
  g_assert_cmpstr (kh_item_get_title (kh_feed_get_item (feed, 0)), ==, "الرياح تهدأ");
  g_assert_nonnull (strstr (kh_feed_get_format (feed), "LiveBlogPosting"));
}

static void
test_page_without_article (void)
{
  const char *page = "<!DOCTYPE html><html><head><title>Menu</title></head>"
                     "<body><nav><p>Home</p></nav><div>Nothing to read here</div></body></html>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (page, strlen (page));
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = kh_feed_parser_parse (bytes, &error);

  g_assert_null (feed);
  g_assert_error (error, KH_FEED_ERROR, KH_FEED_ERROR_NOT_A_FEED);
  g_assert_nonnull (strstr (error->message, "web page"));
}

/* A doctype says nothing: the first element decides. */
static void
test_feed_with_html_doctype (void)
{
  const char *document = "<?xml version=\"1.0\"?><!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\" \"x\">\n"
                         "<!-- <html> in a comment -->\n"
                         "<rss version=\"2.0\"><channel><title>Harbour news</title>"
                         "<item><guid>1</guid><title>Boats are back</title></item></channel></rss>";
  g_autoptr(GBytes) bytes = g_bytes_new_static (document, strlen (document));
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = kh_feed_parser_parse (bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (kh_feed_get_format (feed), ==, "RSS 2.0");
  g_assert_cmpstr (kh_feed_get_title (feed), ==, "Harbour news");
  g_assert_cmpuint (kh_feed_get_n_items (feed), ==, 1);
}

/* Deeply nested markup is walked to a bounded depth, without a crash. */
static void
test_deep_page (void)
{
  g_autoptr(GString) page = g_string_new ("<!DOCTYPE html><html><body>");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(KhFeed) feed = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append (page, "<div>");
  g_string_append (page, "<p>Buried paragraph.</p></body></html>");
  bytes = g_bytes_new (page->str, page->len);
  feed = kh_feed_parser_parse (bytes, &error);
  g_assert_true (feed != NULL || error != NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/web-page/article", test_article_page);
  g_test_add_func ("/web-page/live-blog", test_live_blog_page);
  g_test_add_func ("/web-page/without-article", test_page_without_article);
  g_test_add_func ("/web-page/deep", test_deep_page);
  g_test_add_func ("/web-page/feed-with-html-doctype", test_feed_with_html_doctype);

  return g_test_run ();
}
