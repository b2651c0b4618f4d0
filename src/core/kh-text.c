/* kh-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fribidi.h>
#include <string.h>

#include "kh-text.h"

/*
 * The base direction of a paragraph, from its first strong character
 * (Unicode rules P2 and P3), as FriBidi computes it.  Digits and
 * punctuation are weak, so "2019 NATO" is LTR and "2019 الناتو" is RTL.
 */
KhTextDirection
kh_text_get_direction (const char *text)
{
  g_autofree FriBidiChar *chars = NULL;
  g_autofree FriBidiCharType *types = NULL;
  glong n_chars = 0;
  FriBidiParType direction;

  if (text == NULL || *text == '\0')
    return KH_TEXT_DIRECTION_NEUTRAL;

  chars = (FriBidiChar *) g_utf8_to_ucs4 (text, -1, NULL, &n_chars, NULL);
  if (chars == NULL || n_chars == 0)
    return KH_TEXT_DIRECTION_NEUTRAL;

  types = g_new (FriBidiCharType, n_chars);
  fribidi_get_bidi_types (chars, n_chars, types);
  direction = fribidi_get_par_direction (types, n_chars);

  if (direction == FRIBIDI_PAR_RTL)
    return KH_TEXT_DIRECTION_RTL;
  if (direction == FRIBIDI_PAR_LTR)
    return KH_TEXT_DIRECTION_LTR;
  return KH_TEXT_DIRECTION_NEUTRAL;
}

/*
 * Collapses runs of white space into one space and trims both ends, as a
 * browser does with HTML text.  Non-breaking spaces are kept.
 */
char *
kh_text_collapse_whitespace (const char *text)
{
  GString *out;
  gboolean pending_space = FALSE;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Whether @text (@length bytes, or up to its end when negative) holds
 * nothing but white space; no-break spaces count as white space, so
 * "&nbsp;" alone is blank. */
gboolean
kh_text_is_blank (const char *text,
                  gssize      length)
{
  const char *end;

  if (text == NULL)
    return TRUE;

  end = length < 0 ? text + strlen (text) : text + length;
  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static void
add_paragraph (GPtrArray  *paragraphs,
               GString    *lines)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (lines->str));

  if (*trimmed != '\0')
    g_ptr_array_add (paragraphs, g_steal_pointer (&trimmed));
  g_string_truncate (lines, 0);
}

/* Drops the paragraphs after the first @max; TRUE when there were any. */
gboolean
kh_text_limit_paragraphs (GStrv paragraphs,
                          guint max)
{
  if (paragraphs == NULL || g_strv_length (paragraphs) <= max)
    return FALSE;
  for (guint i = max; paragraphs[i] != NULL; i++)
    g_clear_pointer (&paragraphs[i], g_free);
  return TRUE;
}

/*
 * Splits plain text into paragraphs at blank lines.  Single line breaks stay
 * inside their paragraph; spaces within each line are collapsed.
 */
GStrv
kh_text_split_paragraphs (const char *text)
{
  g_autoptr(GPtrArray) paragraphs = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) current = g_string_new (NULL);

  if (text == NULL)
    text = "";

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = kh_text_collapse_whitespace (lines[i]);

      if (*line == '\0')
        {
          add_paragraph (paragraphs, current);
          continue;
        }
      if (current->len > 0)
        g_string_append_c (current, '\n');
      g_string_append (current, line);
    }
  add_paragraph (paragraphs, current);

  g_ptr_array_add (paragraphs, NULL);
  return (GStrv) g_ptr_array_steal (paragraphs, NULL);
}

/* Shortens @text to at most @max_chars characters, at a word boundary when
 * one is near, ending with an ellipsis. */
char *
kh_text_truncate (const char *text,
                  gsize       max_chars)
{
  const char *end;
  const char *space;

  if (text == NULL)
    return g_strdup ("");
  if ((gsize) g_utf8_strlen (text, -1) <= max_chars)
    return g_strdup (text);

  end = g_utf8_offset_to_pointer (text, max_chars);
  /* Cut at the last word boundary when one is near, unless the cut is
   * already at the end of a word. */
  space = g_utf8_strrchr (text, end - text, ' ');
  if (*end != ' ' && space != NULL && g_utf8_strlen (space, end - space) < 20)
    end = space;

  {
    g_autofree char *head = g_strndup (text, end - text);

    g_strchomp (head);
    return g_strconcat (head, "…", NULL);
  }
}

/* The 1-based line and column (in characters) of byte @offset in @data,
 * for error messages that point into a document. */
void
kh_text_position_of_offset (const char *data,
                            gsize       offset,
                            guint      *line,
                            guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          line_start = data + i + 1;
        }
    }

  /* The text up to the offset may itself be invalid; count bytes then. */
  if (g_utf8_validate (line_start, data + offset - line_start, NULL))
    *column = g_utf8_strlen (line_start, data + offset - line_start) + 1;
  else
    *column = (data + offset - line_start) + 1;
}
