/* test-json-split.c: where a JSON document's "items" objects are
 *
 * Each document is copied into a buffer of exactly its length, without a
 * terminating NUL, so that a read past its end shows under AddressSanitizer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>
#include <string.h>

#include "kh-json-split.h"

/* Helpers */

/* @document without its NUL, in a buffer of its own. */
static char *
exact_copy (const char *document,
            gsize       length)
{
  char *copy = g_malloc (MAX (length, 1));

  memcpy (copy, document, length);
  return copy;
}

static gboolean
split (const char  *document,
       gsize        length,
       KhJsonItems *items)
{
  g_autofree char *copy = exact_copy (document, length);
  gboolean found = kh_json_split_items (copy, length, items);

  /* Whatever the answer, there is an array of elements to clear. */
  g_assert_nonnull (items->elements);
  return found;
}

/* The text of @span in @document. */
static char *
span_text (const char *document,
           KhJsonSpan  span)
{
  g_assert_cmpuint (span.start, <, span.end);
  return g_strndup (document + span.start, span.end - span.start);
}

/* Splits @document, which must be accepted, and checks that its elements
 * are @expected (NULL-terminated), each a whole object, and that the
 * array is @array. */
static void
assert_split (const char         *document,
              const char         *array,
              const char * const *expected)
{
  g_auto(KhJsonItems) items = { { 0 } };
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) elements = NULL;
  g_autofree char *array_text = NULL;

  g_test_message ("%s", document);
  g_assert_true (split (document, strlen (document), &items));

  array_text = span_text (document, items.array);
  g_assert_cmpstr (array_text, ==, array);
  g_assert_cmpint (document[items.array.start], ==, '[');
  g_assert_cmpint (document[items.array.end - 1], ==, ']');

  for (guint i = 0; i < items.elements->len; i++)
    {
      KhJsonSpan span = g_array_index (items.elements, KhJsonSpan, i);
      g_autofree char *text = span_text (document, span);

      /* In order, inside the array, each from its '{' to just past its '}'. */
      g_assert_cmpuint (span.start, >, items.array.start);
      g_assert_cmpuint (span.end, <, items.array.end);
      if (i > 0)
        g_assert_cmpuint (span.start, >, g_array_index (items.elements, KhJsonSpan, i - 1).end);
      g_assert_cmpint (document[span.start], ==, '{');
      g_assert_cmpint (document[span.end - 1], ==, '}');
      g_strv_builder_add (builder, text);
    }
  elements = g_strv_builder_end (builder);
  g_assert_cmpstrv (elements, expected);
}

static void
assert_declined (const char *document)
{
  g_auto(KhJsonItems) items = { { 0 } };

  g_test_message ("%s", document);
  g_assert_false (split (document, strlen (document), &items));
}

/* Elements */

static void
test_split_plain (void)
{
  const char document[] =
    "{\"version\": \"https://jsonfeed.org/version/1.1\", \"title\": \"عاجل\","
    " \"items\": [{\"id\": \"1\", \"title\": \"أول\"}, {\"id\": \"2\"}], \"language\": \"ar\"}";
  const char * const expected[] = { "{\"id\": \"1\", \"title\": \"أول\"}", "{\"id\": \"2\"}", NULL };

  assert_split (document, "[{\"id\": \"1\", \"title\": \"أول\"}, {\"id\": \"2\"}]", expected);
}

static void
test_split_one (void)
{
  const char * const expected[] = { "{}", NULL };

  assert_split ("{\"items\":[{}]}", "[{}]", expected);
}

/* Objects and arrays inside an item belong to it. */
static void
test_split_nested (void)
{
  const char first[] =
    "{\"id\": \"n1\", \"authors\": [{\"name\": \"ليلى\", \"links\": [{\"u\": 1}, [], [[]]]}],"
    " \"_khabar\": {\"breaking\": true, \"deep\": {\"deeper\": {\"deepest\": [1, [2, [3]]]}}}}";
  const char second[] = "{\"attachments\": [{\"url\": \"a\"}, {\"url\": \"b\", \"size\": [{}]}]}";
  g_autofree char *array = g_strdup_printf ("[%s,%s]", first, second);
  g_autofree char *document = g_strdup_printf ("{\"items\": %s}", array);
  const char * const expected[] = { first, second, NULL };

  assert_split (document, array, expected);
}

/* Brackets, commas and quotes inside strings are text. */
static void
test_split_strings (void)
{
  const char * const elements[] = {
    "{\"title\": \"a } b ] c { d [ e , f\"}",
    "{\"title\": \"}}}]]]\", \"x\": \"[[[{{{\"}",
    /* An escaped quote does not end the string. */
    "{\"title\": \"he said \\\"}]\\\" and left\"}",
    /* An escaped backslash before the closing quote: the string ends. */
    "{\"path\": \"C:\\\\\", \"next\": \"{\"}",
    "{\"path\": \"\\\\\\\\\\\"}\\\\\"}",
    "{\"t\": \"\\u007d \\u005d \\/ \\\\u\"}",
    /* A key may be "items" inside an item. */
    "{\"items\": [1, 2], \"id\": \"items\"}",
    "{\"url\": \"https://news.example/a/b?c=[1]&d={2}\"}",
    NULL
  };
  g_autofree char *joined = g_strjoinv (",", (char **) elements);
  g_autofree char *array = g_strdup_printf ("[%s]", joined);
  g_autofree char *document = g_strdup_printf ("{\"note\": \"\\\"items\\\": [\", \"items\": %s}", array);

  assert_split (document, array, elements);
}

/* JSON's four white space characters, anywhere white space may be. */
static void
test_split_whitespace (void)
{
  const char document[] =
    " \r\n\t{ \n\t\"title\" \r: \"خبر\" ,\r\n  \"items\"\t \n:\r\n\t[ \n"
    "  {\"id\": \"a\"}\n\t,\r\n  {\n\"id\":\n\"b\"\n}\t\n ]\n , \"x\" : [ ]\r\n}\n\t \r\n";
  const char * const expected[] = { "{\"id\": \"a\"}", "{\n\"id\":\n\"b\"\n}", NULL };

  assert_split (document, "[ \n  {\"id\": \"a\"}\n\t,\r\n  {\n\"id\":\n\"b\"\n}\t\n ]", expected);
}

static void
test_split_empty_array (void)
{
  const char * const none[] = { NULL };

  assert_split ("{\"items\": []}", "[]", none);
  assert_split ("{\"items\": [ \n\t ], \"title\": \"هادئ\"}", "[ \n\t ]", none);
}

/* "items" may come anywhere among the members; others may hold arrays
 * and objects, and "items" of their own. */
static void
test_split_items_anywhere (void)
{
  const char * const one[] = { "{\"id\": \"a\"}", NULL };

  assert_split ("{\"items\": [{\"id\": \"a\"}], \"title\": \"t\"}", "[{\"id\": \"a\"}]", one);
  assert_split ("{\"a\": [1, {\"b\": []}], \"items\": [{\"id\": \"a\"}]}", "[{\"id\": \"a\"}]", one);
  assert_split ("{\"data\": {\"items\": [{\"id\": \"z\"}]}, \"items\": [{\"id\": \"a\"}],"
                " \"more\": [{\"items\": [{}]}]}", "[{\"id\": \"a\"}]", one);
  assert_split ("{\"title\": \"items\", \"items\": [{\"id\": \"a\"}]}", "[{\"id\": \"a\"}]", one);
}

/* Many elements, in order, none lost at the ends. */
static void
test_split_many (void)
{
  g_autoptr(GString) document = g_string_new ("{\"items\": [");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) expected = NULL;
  g_autofree char *array = NULL;
  gsize array_start = document->len - 1;

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *element = g_strdup_printf ("{\"id\": \"%u\", \"n\": [%u, {\"m\": \"}%u\"}]}", i, i, i);

      g_string_append_printf (document, "%s%s", i > 0 ? ", " : "", element);
      g_strv_builder_add (builder, element);
    }
  g_string_append (document, "]}");
  expected = g_strv_builder_end (builder);
  array = g_strndup (document->str + array_start, document->len - 1 - array_start);

  assert_split (document->str, array, (const char * const *) expected);
}

/* Documents it declines */

static void
test_declined_not_an_object (void)
{
  assert_declined ("");
  assert_declined (" \n\t");
  assert_declined ("[{\"items\": [{\"id\": \"a\"}]}]");
  assert_declined ("\"items\"");
  assert_declined ("42");
  assert_declined ("null");
  /* A byte order mark is not white space: json-glib has the last word. */
  assert_declined ("\xef\xbb\xbf{\"items\": [{\"id\": \"a\"}]}");
}

static void
test_declined_without_items (void)
{
  assert_declined ("{}");
  assert_declined ("{\"entries\": [{\"id\": \"a\"}]}");
  assert_declined ("{\"data\": {\"items\": [{\"id\": \"a\"}]}}");
  assert_declined ("{\"title\": \"items\"}");
  assert_declined ("{\"title\": \"\\\"items\\\": [{}]\"}");
  /* Spelt with an escape, the key is "items" to json-glib but not here. */
  assert_declined ("{\"it\\u0065ms\": [{\"id\": \"a\"}]}");
  assert_declined ("{\"ITEMS\": [{\"id\": \"a\"}]}");
}

static void
test_declined_comments (void)
{
  assert_declined ("{/* note */ \"items\": [{\"id\": \"a\"}]}");
  assert_declined ("{\"items\": [{\"id\": \"a\"} // note\n]}");
  /* A comment would hide this bracket from json-glib. */
  assert_declined ("{\"items\": [{\"id\": \"a\", \"n\": 1 /* } */}]}");
  assert_declined ("{\"items\": [{\"id\": \"a\"}], \"n\": 1 /* ] */}");
  assert_declined ("{\"items\": [{\"id\": \"a\"}]} // the end");
  assert_declined ("{\"items\": [{\"id\": \"a\"}]}/");
}

/* A slash inside a string is no comment. */
static void
test_split_slash_in_string (void)
{
  const char * const expected[] = { "{\"url\": \"https://news.example/a//b\", \"c\": \"/* no */\"}", NULL };

  assert_split ("{\"home\": \"//x\", \"items\": [{\"url\": \"https://news.example/a//b\", \"c\": \"/* no */\"}]}",
                "[{\"url\": \"https://news.example/a//b\", \"c\": \"/* no */\"}]", expected);
}

/* json-glib reads strings in single quotes too; they may hide brackets
 * and double quotes. */
static void
test_declined_single_quotes (void)
{
  const char * const expected[] = { "{\"title\": \"it's {not} ['quoted']\"}", NULL };

  assert_declined ("{\"items\": [{\"id\": \"a\", \"q\": '\"'}]}");
  assert_declined ("{\"items\": [{\"id\": \"a\", \"q\": '}'}]}");
  assert_declined ("{\"version\": \"1\", \"note\": '\"items\": [{\"id\": \"ghost\"}]'}");
  assert_declined ("{\"title\": 'x', \"items\": [{\"id\": \"a\"}]}");
  assert_declined ("{'items': [{\"id\": \"a\"}]}");
  /* An apostrophe in a string is text. */
  assert_split ("{\"items\": [{\"title\": \"it's {not} ['quoted']\"}], \"by\": \"'\"}",
                "[{\"title\": \"it's {not} ['quoted']\"}]", expected);
}

static void
test_declined_second_items (void)
{
  assert_declined ("{\"items\": [{\"id\": \"a\"}], \"items\": [{\"id\": \"b\"}]}");
  assert_declined ("{\"items\": [], \"items\": []}");
  assert_declined ("{\"items\": [{\"id\": \"a\"}], \"title\": \"t\", \"items\": {}}");
}

static void
test_declined_not_objects (void)
{
  assert_declined ("{\"items\": [1]}");
  assert_declined ("{\"items\": [{\"id\": \"a\"}, 1]}");
  assert_declined ("{\"items\": [{\"id\": \"a\"}, \"b\"]}");
  assert_declined ("{\"items\": [null, {\"id\": \"a\"}]}");
  assert_declined ("{\"items\": [{\"id\": \"a\"}, []]}");
  assert_declined ("{\"items\": [[{\"id\": \"a\"}]]}");
  assert_declined ("{\"items\": [true]}");
}

static void
test_declined_commas (void)
{
  assert_declined ("{\"items\": [{\"id\": \"a\"},]}");
  assert_declined ("{\"items\": [{\"id\": \"a\"}, \n ]}");
  assert_declined ("{\"items\": [,{\"id\": \"a\"}]}");
  assert_declined ("{\"items\": [{\"id\": \"a\"},,{\"id\": \"b\"}]}");
  assert_declined ("{\"items\": [{\"id\": \"a\"} {\"id\": \"b\"}]}");
  assert_declined ("{\"items\": [{\"id\": \"a\"}{\"id\": \"b\"}]}");
  assert_declined ("{\"items\": [{\"id\": \"a\"}; {\"id\": \"b\"}]}");
}

static void
test_declined_text_after (void)
{
  assert_declined ("{\"items\": [{\"id\": \"a\"}]} x");
  assert_declined ("{\"items\": [{\"id\": \"a\"}]}{}");
  assert_declined ("{\"items\": [{\"id\": \"a\"}]}\n{\"items\": []}");
  assert_declined ("{\"items\": [{\"id\": \"a\"}]}}");
  assert_declined ("{\"items\": [{\"id\": \"a\"}]}]");
  assert_declined ("{\"items\": [{\"id\": \"a\"}]}\n\f");
  assert_declined ("{\"items\": [{\"id\": \"a\"}]},");
}

static void
test_declined_items_not_array (void)
{
  assert_declined ("{\"items\": {\"a\": {\"id\": \"a\"}}}");
  assert_declined ("{\"items\": \"[{}]\"}");
  assert_declined ("{\"items\": null}");
  assert_declined ("{\"items\": 3}");
  assert_declined ("{\"items\"}");
  assert_declined ("{\"items\": }");
}

/* Every document cut short: whatever is missing, nothing is found, and
 * nothing past the end is read. */
static void
test_declined_unterminated (void)
{
  static const char * const documents[] = {
    "{\"title\": \"a\", \"items\": [{\"id\": \"a\", \"n\": [1, {\"b\": \"c\\\"}\"}]}, {\"id\": \"\\\\\"}], \"x\": 1}",
    "{\"items\": [{\"id\": \"a\"}]}",
    "{\"items\": [{}, {}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    {
      gsize length = strlen (documents[i]);

      for (gsize cut = 0; cut < length; cut++)
        {
          g_auto(KhJsonItems) items = { { 0 } };

          if (split (documents[i], cut, &items))
            g_error ("“%.*s” is cut short, yet its items were found", (int) cut, documents[i]);
        }
    }

  assert_declined ("{\"items\": [{\"id\": \"a\"}]");
  assert_declined ("{\"items\": [{\"id\": \"a\"}");
  assert_declined ("{\"items\": [{\"id\": \"a");
  assert_declined ("{\"items\": [{\"id\": \"a\\");
  assert_declined ("{\"items\": [");
  assert_declined ("{\"items\": [{\"id\": \"a\"}], \"title\": \"t");
}

/* Brackets are counted, not matched: a mismatch is for json-glib to
 * report when it reads the element, which ends where the count says. */
static void
test_split_mismatched_brackets (void)
{
  const char document[] = "{\"items\": [{\"n\": [}], {\"id\": \"b\"}]}";
  g_auto(KhJsonItems) items = { { 0 } };
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_true (split (document, strlen (document), &items));
  g_assert_cmpuint (items.elements->len, ==, 2);
  first = span_text (document, g_array_index (items.elements, KhJsonSpan, 0));
  second = span_text (document, g_array_index (items.elements, KhJsonSpan, 1));
  g_assert_cmpstr (first, ==, "{\"n\": [}]");
  g_assert_cmpstr (second, ==, "{\"id\": \"b\"}");
}

/* An empty object is cleared, as is one that was never filled. */
static void
test_items_clear (void)
{
  KhJsonItems items = { { 0 } };

  kh_json_items_clear (&items);
  g_assert_null (items.elements);
  g_assert_true (kh_json_split_items ("{\"items\": [{}]}", 15, &items));
  g_assert_cmpuint (items.elements->len, ==, 1);
  kh_json_items_clear (&items);
  g_assert_null (items.elements);
  kh_json_items_clear (&items);
}

/* Text read front to back: an owned buffer gives back what was read, in
 * eighths at least; a lent one never does.  Offsets keep their meaning. */
static void
test_text_drop (void)
{
  const char *document = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  gsize length = strlen (document);
  KhJsonText owned = { exact_copy (document, length), NULL, 0, length };
  KhJsonText lent = { NULL, document, 0, length };

  owned.data = owned.buffer;

  /* Less than an eighth: kept. */
  kh_json_text_drop_before (&owned, 3);
  g_assert_cmpuint (owned.dropped, ==, 0);
  g_assert_cmpint (*kh_json_text_at (&owned, 0), ==, '0');

  kh_json_text_drop_before (&owned, 10);
  g_assert_cmpuint (owned.dropped, ==, 10);
  g_assert_true (owned.data == owned.buffer);
  g_assert_cmpint (*kh_json_text_at (&owned, 10), ==, 'a');
  g_assert_cmpint (*kh_json_text_at (&owned, length - 1), ==, 'Z');

  kh_json_text_drop_before (&owned, length);
  g_assert_cmpuint (owned.dropped, ==, length);
  g_free (owned.buffer);

  kh_json_text_drop_before (&lent, 40);
  g_assert_cmpuint (lent.dropped, ==, 0);
  g_assert_true (kh_json_text_at (&lent, 40) == document + 40);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-split/plain", test_split_plain);
  g_test_add_func ("/json-split/one", test_split_one);
  g_test_add_func ("/json-split/nested", test_split_nested);
  g_test_add_func ("/json-split/strings", test_split_strings);
  g_test_add_func ("/json-split/whitespace", test_split_whitespace);
  g_test_add_func ("/json-split/empty-array", test_split_empty_array);
  g_test_add_func ("/json-split/items-anywhere", test_split_items_anywhere);
  g_test_add_func ("/json-split/many", test_split_many);
  g_test_add_func ("/json-split/slash-in-string", test_split_slash_in_string);
  g_test_add_func ("/json-split/mismatched-brackets", test_split_mismatched_brackets);
  g_test_add_func ("/json-split/clear", test_items_clear);

  g_test_add_func ("/json-split/declined/not-an-object", test_declined_not_an_object);
  g_test_add_func ("/json-split/declined/without-items", test_declined_without_items);
  g_test_add_func ("/json-split/declined/comments", test_declined_comments);
  g_test_add_func ("/json-split/declined/single-quotes", test_declined_single_quotes);
  g_test_add_func ("/json-split/declined/second-items", test_declined_second_items);
  g_test_add_func ("/json-split/declined/not-objects", test_declined_not_objects);
  g_test_add_func ("/json-split/declined/commas", test_declined_commas);
  g_test_add_func ("/json-split/declined/text-after", test_declined_text_after);
  g_test_add_func ("/json-split/declined/items-not-array", test_declined_items_not_array);
  g_test_add_func ("/json-split/declined/unterminated", test_declined_unterminated);

  g_test_add_func ("/json-split/text/drop", test_text_drop);

  return g_test_run ();
}
