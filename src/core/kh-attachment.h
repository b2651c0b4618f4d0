/* kh-attachment.h: a file that goes with a news item
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KH_TYPE_ATTACHMENT (kh_attachment_get_type ())

typedef struct _KhAttachment KhAttachment;

GType         kh_attachment_get_type      (void) G_GNUC_CONST;
KhAttachment *kh_attachment_new           (const char   *url,
                                           const char   *mime_type,
                                           const char   *title,
                                           gint64        size_in_bytes,
                                           double        duration_in_seconds);
KhAttachment *kh_attachment_ref           (KhAttachment *self);
void          kh_attachment_unref         (KhAttachment *self);
const char   *kh_attachment_get_url       (KhAttachment *self);
const char   *kh_attachment_get_mime_type (KhAttachment *self);
const char   *kh_attachment_get_title     (KhAttachment *self);
gint64        kh_attachment_get_size      (KhAttachment *self);
double        kh_attachment_get_duration  (KhAttachment *self);
gboolean      kh_attachment_is_image      (KhAttachment *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KhAttachment, kh_attachment_unref)

G_END_DECLS
