/* kh-response.h: what a server said about a document, besides its body
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KH_TYPE_RESPONSE (kh_response_get_type ())

typedef struct _KhResponse KhResponse;

/**
 * KhResponse:
 * @status: the HTTP status, 0 for file:// and resource://
 * @body: (nullable): the body; %NULL when the server answered 304, and
 *   once a #KhRefresher has read it (see KhRefresher::received)
 * @body_size: how many bytes the body had, also once it is let go
 * @content_type: (nullable): the Content-Type header, with its charset
 * @etag: (nullable): the ETag header, to send back as If-None-Match
 * @last_modified: (nullable): the Last-Modified header, to send back as
 *   If-Modified-Since
 * @max_age: seconds the document stays fresh (Cache-Control), or -1
 * @retry_after: seconds the server asked to wait (Retry-After), or -1
 */
struct _KhResponse
{
  guint   status;
  GBytes *body;
  gsize   body_size;
  char   *content_type;
  char   *etag;
  char   *last_modified;
  gint64  max_age;
  gint64  retry_after;
};

GType       kh_response_get_type         (void) G_GNUC_CONST;
KhResponse *kh_response_new              (void);
KhResponse *kh_response_copy             (const KhResponse *self);
void        kh_response_free             (KhResponse       *self);
gboolean    kh_response_is_not_modified  (const KhResponse *self);

gint64      kh_response_parse_max_age     (const char       *cache_control);
gint64      kh_response_parse_retry_after (const char       *retry_after,
                                           GDateTime        *now);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KhResponse, kh_response_free)

G_END_DECLS
