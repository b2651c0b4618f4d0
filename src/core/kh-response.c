/* kh-response.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <libsoup/soup.h>
#include <stdlib.h>

#include "kh-response.h"

G_DEFINE_BOXED_TYPE (KhResponse, kh_response, kh_response_copy, kh_response_free)

KhResponse *
kh_response_new (void)
{
  KhResponse *self = g_new0 (KhResponse, 1);

  self->max_age = -1;
  self->retry_after = -1;
  return self;
}

KhResponse *
kh_response_copy (const KhResponse *self)
{
  KhResponse *copy = kh_response_new ();

  copy->status = self->status;
  copy->body = self->body ? g_bytes_ref (self->body) : NULL;
  copy->body_size = self->body_size;
  copy->content_type = g_strdup (self->content_type);
  copy->etag = g_strdup (self->etag);
  copy->last_modified = g_strdup (self->last_modified);
  copy->max_age = self->max_age;
  copy->retry_after = self->retry_after;
  return copy;
}

void
kh_response_free (KhResponse *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->body, g_bytes_unref);
  g_free (self->content_type);
  g_free (self->etag);
  g_free (self->last_modified);
  g_free (self);
}

gboolean
kh_response_is_not_modified (const KhResponse *self)
{
  return self->status == SOUP_STATUS_NOT_MODIFIED;
}

static gboolean
parse_seconds (const char *text,
               gint64     *seconds)
{
  char *end = NULL;
  gint64 value;

  while (g_ascii_isspace (*text))
    text++;
  if (!g_ascii_isdigit (*text))
    return FALSE;
  value = g_ascii_strtoll (text, &end, 10);
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0' && *end != ',' && *end != ';')
    return FALSE;
  *seconds = value;
  return TRUE;
}

/* "no-store" and "no-cache" mean the document is never fresh; otherwise
 * max-age, in seconds, or -1 when the header says nothing about it. */
gint64
kh_response_parse_max_age (const char *cache_control)
{
  g_autoptr(GHashTable) directives = NULL;
  const char *max_age;
  gint64 seconds;

  if (cache_control == NULL)
    return -1;

  directives = soup_header_parse_param_list (cache_control);
  if (g_hash_table_contains (directives, "no-store") || g_hash_table_contains (directives, "no-cache"))
    return 0;
  max_age = g_hash_table_lookup (directives, "max-age");
  if (max_age == NULL || !parse_seconds (max_age, &seconds))
    return -1;
  return seconds;
}

/* Retry-After is either a number of seconds or an HTTP date. */
gint64
kh_response_parse_retry_after (const char *retry_after,
                               GDateTime  *now)
{
  g_autoptr(GDateTime) when = NULL;
  gint64 seconds;

  if (retry_after == NULL)
    return -1;
  if (parse_seconds (retry_after, &seconds))
    return seconds;

  when = soup_date_time_new_from_http_string (retry_after);
  if (when == NULL)
    return -1;
  return MAX (0, g_date_time_difference (when, now) / G_TIME_SPAN_SECOND);
}
