/* kh-json-split.c
 *
 * json-glib reads a whole document into a tree before anything can look
 * at it: for a feed of 10 000 items that is most of the time to the
 * first item, and the tree is larger than the document.  A JSON Feed is
 * one object whose "items" member holds the items, so its items can be
 * found in the text first, then read by json-glib a few at a time.  This
 * only finds where they are: it skips strings and counts brackets, and
 * it declines (returns FALSE) whenever the document is shaped in any other
 * way, so that json-glib, reading the whole document, has the last word
 * on it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "kh-json-split.h"

static gsize
skip_space (const char *data,
            gsize       length,
            gsize       i)
{
  while (i < length && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r'))
    i++;
  return i;
}

/* Just past the string whose opening quote is at @i, or @length. */
static gsize
skip_string (const char *data,
             gsize       length,
             gsize       i)
{
  for (i++; i < length && data[i] != '"'; i++)
    if (data[i] == '\\')
      i++;
  return i < length ? i + 1 : length;
}

/*
 * Just past the object or array that opens at @i, or 0 when it does not
 * end.  Brackets are counted, not matched: json-glib checks them when it
 * reads the element.  Outside a string, a '/' would begin a comment to
 * json-glib's scanner and a '\'' a string in single quotes, either of
 * which may hide brackets and double quotes: the document is declined.
 */
static gsize
skip_container (const char *data,
                gsize       length,
                gsize       i)
{
  gsize depth = 0;

  while (i < length)
    {
      switch (data[i])
        {
        case '"':
          i = skip_string (data, length, i);
          continue;
        case '{':
        case '[':
          depth++;
          break;
        case '}':
        case ']':
          if (--depth == 0)
            return i + 1;
          break;
        case '/':
        case '\'':
          return 0;
        default:
          break;
        }
      i++;
    }
  return 0;
}

/* The elements of the array opening at @start: objects separated by
 * commas, nothing else. */
static gboolean
split_array (const char  *data,
             gsize        length,
             gsize        start,
             KhJsonItems *items)
{
  gsize i = skip_space (data, length, start + 1);

  if (i < length && data[i] == ']')
    {
      items->array = (KhJsonSpan) { start, i + 1 };
      return TRUE;
    }

  while (i < length && data[i] == '{')
    {
      KhJsonSpan element = { i, skip_container (data, length, i) };

      if (element.end == 0)
        return FALSE;
      g_array_append_val (items->elements, element);

      i = skip_space (data, length, element.end);
      if (i < length && data[i] == ']')
        {
          items->array = (KhJsonSpan) { start, i + 1 };
          return TRUE;
        }
      if (i >= length || data[i] != ',')
        return FALSE;
      i = skip_space (data, length, i + 1);
    }
  return FALSE;
}

static gboolean
is_items_key (const char *data,
              gsize       start,
              gsize       end)
{
  return end - start == 7 && memcmp (data + start, "\"items\"", 7) == 0;
}

/**
 * kh_json_split_items:
 * @items: (out caller-allocates): where the "items" array and its
 *   elements are; cleared with kh_json_items_clear()
 *
 * Returns: TRUE when @data is one object with a single "items" member
 *   (spelt without escapes), an array whose elements are all objects
 */
gboolean
kh_json_split_items (const char  *data,
                     gsize        length,
                     KhJsonItems *items)
{
  gsize depth = 0;
  gsize i = skip_space (data, length, 0);
  gboolean found = FALSE;

  items->elements = g_array_new (FALSE, FALSE, sizeof (KhJsonSpan));
  items->array = (KhJsonSpan) { 0, 0 };
  if (i >= length || data[i] != '{')
    return FALSE;

  while (i < length)
    {
      gsize key_end, value;

      switch (data[i])
        {
        case '"':
          key_end = skip_string (data, length, i);
          value = skip_space (data, length, key_end);
          if (depth == 1 && value < length && data[value] == ':' && is_items_key (data, i, key_end))
            {
              value = skip_space (data, length, value + 1);
              if (found || value >= length || data[value] != '[' ||
                  !split_array (data, length, value, items))
                return FALSE;
              found = TRUE;
              i = items->array.end;
            }
          else
            i = key_end;
          continue;
        case '{':
        case '[':
          depth++;
          break;
        case '}':
        case ']':
          if (depth == 0)
            return FALSE;
          /* The object is the whole document. */
          if (--depth == 0)
            return found && skip_space (data, length, i + 1) == length;
          break;
        case '/':
        case '\'':
          return FALSE;
        default:
          break;
        }
      i++;
    }
  return FALSE;
}

void
kh_json_items_clear (KhJsonItems *items)
{
  g_clear_pointer (&items->elements, g_array_unref);
}

/* The text at @offset of the whole, which must not have been dropped. */
const char *
kh_json_text_at (const KhJsonText *text,
                 gsize             offset)
{
  g_return_val_if_fail (offset >= text->dropped, NULL);
  return text->data + (offset - text->dropped);
}

/*
 * Gives back the text before @offset, when the buffer is ours and that is
 * at least an eighth of the whole: the rest is moved to the front and the
 * buffer shrunk.  Moving in eighths copies the text about four times over
 * in all, a few milliseconds for tens of megabytes.
 */
void
kh_json_text_drop_before (KhJsonText *text,
                          gsize       offset)
{
  gsize remaining;

  g_return_if_fail (offset >= text->dropped && offset <= text->length);

  if (text->buffer == NULL || offset - text->dropped < MAX (text->length / 8, 1))
    return;
  remaining = text->length - offset;
  memmove (text->buffer, kh_json_text_at (text, offset), remaining);
  text->buffer = g_realloc (text->buffer, MAX (remaining, 1));
  text->data = text->buffer;
  text->dropped = offset;
}
