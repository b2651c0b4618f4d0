/* fuzz-common.h: what the fuzz targets share
 *
 * Each target is one LLVMFuzzerTestOneInput().  Built with clang and
 * -Dfuzzing=true it is a libFuzzer program; built by the normal build with
 * fuzz-replay.c it runs every seed and regression file as a test.  A
 * finding is any crash, sanitizer report, failed assertion, GLib warning
 * or critical.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

G_BEGIN_DECLS

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t  *data,
                            size_t          size);

/* GLib stops on a fatal message with a breakpoint trap, which libFuzzer
 * does not take for a crash: abort instead, so the input is kept. */
static inline GLogWriterOutput
kh_fuzz_log_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  const char *domain = NULL;

  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "GLIB_DOMAIN"))
      domain = fields[i].value;
  if (g_log_writer_default_would_drop (log_level, domain))
    return G_LOG_WRITER_HANDLED;

  /* Not g_log_writer_default(): it would trap on a fatal message itself. */
  g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return G_LOG_WRITER_HANDLED;
}

/* Warnings and criticals abort, as G_DEBUG=fatal-warnings makes them in
 * the tests; debug messages stay quiet. */
static inline void
kh_fuzz_init (void)
{
  g_log_set_writer_func (kh_fuzz_log_writer, NULL, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("TZ", "UTC", TRUE);
  g_setenv ("LANG", "C.UTF-8", TRUE);
}

/* Bytes 0x01 to 0x08 and 0x0e to 0x1f never begin a document (0x00 may,
 * in UTF-16 or UTF-32), so a first byte in those ranges is taken as a
 * choice of variant and the document begins after it.  Returns the choice,
 * 1 to 26, or 0 when the input is a document only. */
static inline guint
kh_fuzz_take_selector (const uint8_t **data,
                       size_t         *size)
{
  uint8_t first;

  if (*size == 0)
    return 0;
  first = (*data)[0];
  if (first >= 0x01 && first <= 0x08)
    {
      (*data)++;
      (*size)--;
      return first;
    }
  if (first >= 0x0e && first <= 0x1f)
    {
      (*data)++;
      (*size)--;
      return first - 0x0e + 9;
    }
  return 0;
}

/* Aborts unless @text is NULL or valid UTF-8: everything the core hands
 * to the interface must be. */
#define kh_fuzz_assert_utf8(text) \
  G_STMT_START { \
    const char *kh_fuzz_text_ = (text); \
    if (kh_fuzz_text_ != NULL && !g_utf8_validate (kh_fuzz_text_, -1, NULL)) \
      g_error ("%s:%d: %s is not valid UTF-8", __FILE__, __LINE__, #text); \
  } G_STMT_END

static inline void
kh_fuzz_assert_strv_utf8 (const char * const *strv)
{
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    kh_fuzz_assert_utf8 (strv[i]);
}

G_END_DECLS
