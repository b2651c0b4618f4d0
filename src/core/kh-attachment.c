/* kh-attachment.c
 *
 * An enclosure of RSS, an attachment of JSON Feed: immutable once made,
 * shared by reference.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kh-attachment.h"

struct _KhAttachment
{
  gatomicrefcount  ref_count;

  char            *url;
  char            *mime_type;
  char            *title;
  gint64           size_in_bytes;
  double           duration_in_seconds;
};

G_DEFINE_BOXED_TYPE (KhAttachment, kh_attachment, kh_attachment_ref, kh_attachment_unref)

/*
 * @size_in_bytes and @duration_in_seconds are 0 when they are unknown;
 * @mime_type and @title may be NULL.
 */
KhAttachment *
kh_attachment_new (const char *url,
                   const char *mime_type,
                   const char *title,
                   gint64      size_in_bytes,
                   double      duration_in_seconds)
{
  KhAttachment *self;

  g_return_val_if_fail (url != NULL, NULL);

  self = g_new0 (KhAttachment, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->url = g_strdup (url);
  self->mime_type = g_strdup (mime_type);
  self->title = g_strdup (title);
  self->size_in_bytes = MAX (size_in_bytes, 0);
  self->duration_in_seconds = MAX (duration_in_seconds, 0);
  return self;
}

KhAttachment *
kh_attachment_ref (KhAttachment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
kh_attachment_unref (KhAttachment *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;
  g_free (self->url);
  g_free (self->mime_type);
  g_free (self->title);
  g_free (self);
}

const char *
kh_attachment_get_url (KhAttachment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->url;
}

const char *
kh_attachment_get_mime_type (KhAttachment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->mime_type;
}

const char *
kh_attachment_get_title (KhAttachment *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->title;
}

gint64
kh_attachment_get_size (KhAttachment *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->size_in_bytes;
}

double
kh_attachment_get_duration (KhAttachment *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->duration_in_seconds;
}

gboolean
kh_attachment_is_image (KhAttachment *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->mime_type != NULL && g_ascii_strncasecmp (self->mime_type, "image/", 6) == 0;
}
