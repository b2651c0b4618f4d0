/* kh-fetcher.c
 *
 * One long-lived SoupSession for http(s); GIO for file:// and resource://.
 * Every body is read in chunks against a size limit, so a huge or endless
 * body fails early instead of filling memory; the limit counts the bytes
 * after libsoup has decompressed them, so a small gzip bomb trips it too.
 * Each fetch also has a deadline for the whole of it, since a server that
 * sends a byte now and then never lets the session's timeout expire.
 * TLS certificates are checked by the session and never ignored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "kh-error.h"
#include "kh-uri.h"
#include "kh-fetcher.h"
#include "kh-response.h"

#define CHUNK_SIZE (64 * 1024)
#define BLOCK_SIZE (1024 * 1024)

/* What is quoted from a server's answer in a message, at most. */
#define MAX_QUOTED_CHARS 200

struct _KhFetcher
{
  GObject      parent_instance;

  SoupSession *session;
  gsize        max_size;
  guint        deadline;
};

G_DEFINE_FINAL_TYPE (KhFetcher, kh_fetcher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TIMEOUT,
  PROP_MAX_SIZE,
  PROP_DEADLINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char         *uri;
  char         *etag;
  char         *last_modified;
  GInputStream *stream;
  /* The body as it arrives, read straight into blocks of BLOCK_SIZE and
   * joined in a worker thread: copying tens of megabytes into one growing
   * buffer stalled the main loop. */
  GPtrArray    *chunks;
  char         *block;
  gsize         block_used;
  gsize         received;
  gsize         max_size;
  KhResponse   *response;

  /* The operations run on a cancellable of their own, cancelled by the
   * caller's or when the deadline passes. */
  GCancellable *cancellable;
  GCancellable *caller_cancellable;
  gulong        caller_cancelled_id;
  GSource      *deadline_source;
  guint         deadline;
  gboolean      timed_out;
} FetchData;

static void
fetch_data_free (FetchData *data)
{
  if (data->deadline_source != NULL)
    g_source_destroy (data->deadline_source);
  g_clear_pointer (&data->deadline_source, g_source_unref);
  /* Not g_cancellable_disconnect(), which would wait for ever when this
   * runs inside the caller's "cancelled" emission. */
  if (data->caller_cancelled_id != 0)
    g_signal_handler_disconnect (data->caller_cancellable, data->caller_cancelled_id);
  g_clear_object (&data->caller_cancellable);
  g_clear_object (&data->cancellable);
  g_free (data->uri);
  g_free (data->etag);
  g_free (data->last_modified);
  g_clear_pointer (&data->response, kh_response_free);
  g_clear_object (&data->stream);
  g_clear_pointer (&data->chunks, g_ptr_array_unref);
  g_free (data->block);
  g_free (data);
}

static void
kh_fetcher_dispose (GObject *object)
{
  KhFetcher *self = (KhFetcher *) object;

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (kh_fetcher_parent_class)->dispose (object);
}

static void
kh_fetcher_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KhFetcher *self = KH_FETCHER (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      g_value_set_uint (value, kh_fetcher_get_timeout (self));
      break;

    case PROP_MAX_SIZE:
      g_value_set_uint64 (value, self->max_size);
      break;

    case PROP_DEADLINE:
      g_value_set_uint (value, self->deadline);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kh_fetcher_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KhFetcher *self = KH_FETCHER (object);

  switch (prop_id)
    {
    case PROP_TIMEOUT:
      kh_fetcher_set_timeout (self, g_value_get_uint (value));
      break;

    case PROP_MAX_SIZE:
      kh_fetcher_set_max_size (self, g_value_get_uint64 (value));
      break;

    case PROP_DEADLINE:
      kh_fetcher_set_deadline (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kh_fetcher_class_init (KhFetcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kh_fetcher_dispose;
  object_class->get_property = kh_fetcher_get_property;
  object_class->set_property = kh_fetcher_set_property;

  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 1, 3600, KH_FETCHER_DEFAULT_TIMEOUT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAX_SIZE] =
    g_param_spec_uint64 ("max-size", NULL, NULL, 1, G_MAXUINT32, KH_FETCHER_DEFAULT_MAX_SIZE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DEADLINE] =
    g_param_spec_uint ("deadline", NULL, NULL, 1, 24 * 3600, KH_FETCHER_DEFAULT_DEADLINE,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kh_fetcher_init (KhFetcher *self)
{
  self->max_size = KH_FETCHER_DEFAULT_MAX_SIZE;
  self->deadline = KH_FETCHER_DEFAULT_DEADLINE;
  self->session = soup_session_new_with_options ("user-agent", "Khabar/" PACKAGE_VERSION,
                                                 "timeout", KH_FETCHER_DEFAULT_TIMEOUT,
                                                 "idle-timeout", 60,
                                                 "max-conns-per-host", 4,
                                                 NULL);
}

KhFetcher *
kh_fetcher_new (void)
{
  return g_object_new (KH_TYPE_FETCHER, NULL);
}

/* Seconds without progress on a connection before a request fails. */
guint
kh_fetcher_get_timeout (KhFetcher *self)
{
  g_return_val_if_fail (KH_IS_FETCHER (self), 0);
  return soup_session_get_timeout (self->session);
}

void
kh_fetcher_set_timeout (KhFetcher *self,
                        guint      seconds)
{
  g_return_if_fail (KH_IS_FETCHER (self));

  if (soup_session_get_timeout (self->session) == seconds)
    return;
  soup_session_set_timeout (self->session, seconds);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

/* The largest body, in bytes, a fetch accepts. */
gsize
kh_fetcher_get_max_size (KhFetcher *self)
{
  g_return_val_if_fail (KH_IS_FETCHER (self), 0);
  return self->max_size;
}

void
kh_fetcher_set_max_size (KhFetcher *self,
                         gsize      max_size)
{
  g_return_if_fail (KH_IS_FETCHER (self));

  if (self->max_size == max_size)
    return;
  self->max_size = max_size;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_SIZE]);
}

/* Seconds a whole fetch may take, however steadily the bytes arrive. */
guint
kh_fetcher_get_deadline (KhFetcher *self)
{
  g_return_val_if_fail (KH_IS_FETCHER (self), 0);
  return self->deadline;
}

void
kh_fetcher_set_deadline (KhFetcher *self,
                         guint      seconds)
{
  g_return_if_fail (KH_IS_FETCHER (self));
  g_return_if_fail (seconds > 0);

  if (self->deadline == seconds)
    return;
  self->deadline = seconds;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DEADLINE]);
}

static gboolean
uri_has_scheme (const char *uri,
                const char *scheme)
{
  g_autofree char *found = g_uri_parse_scheme (uri);

  return found != NULL && g_ascii_strcasecmp (found, scheme) == 0;
}

/* file:// and resource:// URIs: read from this machine, not the network. */
gboolean
kh_fetcher_is_local_uri (const char *uri)
{
  return uri != NULL && (uri_has_scheme (uri, "file") || uri_has_scheme (uri, "resource"));
}

/* http:// and https:// URIs with a host: what a link or a remote image
 * may point to.  "https:example.org" and "https:///x" are not. */
gboolean
kh_fetcher_is_web_uri (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *host;

  if (uri == NULL || !(uri_has_scheme (uri, "http") || uri_has_scheme (uri, "https")))
    return FALSE;
  parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, NULL);
  host = parsed ? g_uri_get_host (parsed) : NULL;
  return host != NULL && *host != '\0';
}

/*
 * What a link in a feed may open in another application: web pages and
 * mail addresses, never a file, a script or anything else a handler might
 * be registered for.
 */
gboolean
kh_fetcher_can_open_link (const char *uri)
{
  if (kh_fetcher_is_web_uri (uri))
    return TRUE;
  /* "mailto:" and an address; nothing that hides another scheme. */
  return uri != NULL && uri_has_scheme (uri, "mailto") && uri[strlen ("mailto:")] != '\0' &&
         g_utf8_validate (uri, -1, NULL) && strpbrk (uri, " \t\r\n") == NULL;
}

gboolean
kh_fetcher_supports_uri (const char *uri)
{
  return kh_fetcher_is_web_uri (uri) || kh_fetcher_is_local_uri (uri);
}

static void
set_too_large (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  g_autofree char *limit = g_format_size (data->max_size);

  g_task_return_new_error (task, KH_FETCH_ERROR, KH_FETCH_ERROR_TOO_LARGE,
                           _("The document is larger than the limit of %s"), limit);
}

/*
 * Text from a server for a message: valid UTF-8, without control
 * characters, and short.  NULL stays NULL.
 */
static char *
quote_server_text (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) quoted = NULL;
  guint n_chars = 0;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  quoted = g_string_new (NULL);
  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (++n_chars > MAX_QUOTED_CHARS)
        {
          g_string_append (quoted, "…");
          break;
        }
      if (g_unichar_iscntrl (c))
        c = 0xFFFD;
      g_string_append_unichar (quoted, c);
    }
  return g_string_free (g_steal_pointer (&quoted), FALSE);
}

static const char *
describe_certificate_errors (GTlsCertificateFlags flags)
{
  if (flags & G_TLS_CERTIFICATE_REVOKED)
    return _("The server’s security certificate has been revoked, so the connection was refused");
  if (flags & G_TLS_CERTIFICATE_EXPIRED)
    return _("The server’s security certificate has expired, so the connection was refused");
  if (flags & G_TLS_CERTIFICATE_NOT_ACTIVATED)
    return _("The server’s security certificate is not valid yet, so the connection was refused");
  if (flags & G_TLS_CERTIFICATE_BAD_IDENTITY)
    return _("The server’s security certificate belongs to another site, so the connection was refused");
  if (flags & G_TLS_CERTIFICATE_UNKNOWN_CA)
    return _("The server’s security certificate is not signed by a known authority, "
             "so the connection was refused");
  if (flags & G_TLS_CERTIFICATE_INSECURE)
    return _("The server’s security certificate is insecure, so the connection was refused");
  return _("The server’s security certificate could not be verified, so the connection was refused");
}

/*
 * Errors said in Khabar's words where libsoup's would not tell a reader
 * what happened: a deadline that passed, a certificate that was refused, a
 * redirect that was not followed, a connection that broke off.
 */
static void
return_error (GTask       *task,
              SoupMessage *message,
              GError      *error)
{
  FetchData *data = g_task_get_task_data (task);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && data->timed_out)
    {
      g_task_return_new_error (task, KH_FETCH_ERROR, KH_FETCH_ERROR_TOO_SLOW,
                               g_dngettext (GETTEXT_PACKAGE,
                                            "The server did not send the whole document within %u second",
                                            "The server did not send the whole document within %u seconds",
                                            data->deadline),
                               data->deadline);
      g_error_free (error);
      return;
    }

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    {
      GTlsCertificateFlags flags = message ? soup_message_get_tls_peer_certificate_errors (message) : 0;

      g_task_return_new_error (task, KH_FETCH_ERROR, KH_FETCH_ERROR_TLS, "%s",
                               describe_certificate_errors (flags));
      g_error_free (error);
      return;
    }

  if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_TOO_MANY_REDIRECTS))
    {
      g_task_return_new_error (task, KH_FETCH_ERROR, KH_FETCH_ERROR_REDIRECT,
                               _("The server redirected the request too many times"));
      g_error_free (error);
      return;
    }

  if (g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_REDIRECT_BAD_URI) ||
      g_error_matches (error, SOUP_SESSION_ERROR, SOUP_SESSION_ERROR_REDIRECT_NO_LOCATION))
    {
      SoupMessageHeaders *headers = message ? soup_message_get_response_headers (message) : NULL;
      g_autofree char *location = quote_server_text (headers ? soup_message_headers_get_one (headers, "Location")
                                                             : NULL);

      g_task_return_new_error (task, KH_FETCH_ERROR, KH_FETCH_ERROR_REDIRECT,
                               _("The server redirected to “%s”; only http and https addresses are followed"),
                               location ? location : "");
      g_error_free (error);
      return;
    }

  /* A body cut short: say how much arrived, keep the cause's domain and
   * code, which tell a broken connection from a missing network. */
  if (data->chunks != NULL && error->domain != KH_FETCH_ERROR && !kh_fetcher_is_local_uri (data->uri))
    {
      g_autofree char *size = g_format_size (data->received);

      g_prefix_error (&error, _("The connection broke off after %s of the document: "), size);
    }

  g_task_return_error (task, error);
}

static void read_next_chunk (GTask *task);

static void
join_in_thread (GTask        *join,
                gpointer      source,
                gpointer      task_data,
                GCancellable *cancellable)
{
  FetchData *data = task_data;
  char *joined = g_malloc (data->received);
  gsize offset = 0;

  /* Each block goes as soon as it is copied, so the body is held about
   * once, not twice. */
  for (guint i = 0; i < data->chunks->len; i++)
    {
      g_autoptr(GBytes) chunk = g_steal_pointer (&data->chunks->pdata[i]);
      gsize size;
      const void *bytes = g_bytes_get_data (chunk, &size);

      memcpy (joined + offset, bytes, size);
      offset += size;
    }
  g_ptr_array_set_size (data->chunks, 0);
  g_task_return_pointer (join, g_bytes_new_take (joined, data->received), (GDestroyNotify) g_bytes_unref);
}

static void
return_body (GTask  *task,
             GBytes *body)
{
  FetchData *data = g_task_get_task_data (task);

  data->response->body_size = g_bytes_get_size (body);
  data->response->body = body;
  g_task_return_pointer (task, g_steal_pointer (&data->response), (GDestroyNotify) kh_response_free);
}

static void
joined_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  GBytes *body = g_task_propagate_pointer (G_TASK (result), NULL);
  GError *error = NULL;

  /* Cancelled, or past the deadline, while the chunks were joined. */
  if (g_cancellable_set_error_if_cancelled (data->cancellable, &error))
    {
      g_bytes_unref (body);
      return_error (task, NULL, error);
      return;
    }
  return_body (task, body);
}

/* One chunk, or none, is the body as it is; more are joined off the main
 * thread. */
static void
finish_body (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GTask) join = NULL;

  if (data->chunks->len <= 1)
    {
      return_body (task, data->chunks->len == 1 ? g_bytes_ref (data->chunks->pdata[0])
                                                : g_bytes_new (NULL, 0));
      return;
    }
  join = g_task_new (NULL, NULL, joined_cb, g_object_ref (task));
  g_task_set_source_tag (join, finish_body);
  g_task_set_task_data (join, data, NULL);
  g_task_run_in_thread (join, join_in_thread);
}

/* The block read into so far, as a chunk of the body. */
static void
close_block (FetchData *data)
{
  if (data->block == NULL)
    return;
  if (data->block_used == 0)
    g_clear_pointer (&data->block, g_free);
  else
    g_ptr_array_add (data->chunks, g_bytes_new_take (g_realloc (g_steal_pointer (&data->block), data->block_used),
                                                     data->block_used));
  data->block_used = 0;
}

static void
chunk_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n_read;

  n_read = g_input_stream_read_finish (G_INPUT_STREAM (source), result, &error);
  if (n_read < 0)
    {
      return_error (task, NULL, g_steal_pointer (&error));
      return;
    }

  if (n_read == 0)
    {
      close_block (data);
      finish_body (task);
      return;
    }

  if (data->received + n_read > data->max_size)
    {
      set_too_large (task);
      return;
    }

  data->received += n_read;
  data->block_used += n_read;
  read_next_chunk (g_steal_pointer (&task));
}

static void
read_next_chunk (GTask *task)
{
  FetchData *data = g_task_get_task_data (task);

  if (data->block != NULL && data->block_used == BLOCK_SIZE)
    close_block (data);
  if (data->block == NULL)
    data->block = g_malloc (BLOCK_SIZE);
  g_input_stream_read_async (data->stream, data->block + data->block_used,
                             MIN (CHUNK_SIZE, BLOCK_SIZE - data->block_used), G_PRIORITY_DEFAULT,
                             data->cancellable, chunk_read_cb, task);
}

static void
read_stream (GTask        *task,
             GInputStream *stream)
{
  FetchData *data = g_task_get_task_data (task);

  data->stream = g_object_ref (stream);
  data->chunks = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  read_next_chunk (task);
}

static void
read_response_headers (KhResponse  *response,
                       SoupMessage *message)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  response->status = soup_message_get_status (message);
  response->content_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  response->etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
  response->last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
  response->max_age = kh_response_parse_max_age (soup_message_headers_get_list (headers, "Cache-Control"));
  response->retry_after = kh_response_parse_retry_after (soup_message_headers_get_one (headers, "Retry-After"),
                                                         now);
}

static void
http_sent_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *data = g_task_get_task_data (task);
  SoupMessage *message = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  SoupStatus status;
  goffset length;

  stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (stream == NULL)
    {
      return_error (task, message, g_steal_pointer (&error));
      return;
    }

  read_response_headers (data->response, message);
  status = data->response->status;
  if (status == SOUP_STATUS_NOT_MODIFIED)
    {
      /* Nothing to read, nothing to parse: the document is what we have. */
      g_input_stream_close_async (stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
      g_task_return_pointer (task, g_steal_pointer (&data->response),
                             (GDestroyNotify) kh_response_free);
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      /* The reason phrase is whatever bytes the server sent. */
      g_autofree char *reason = quote_server_text (soup_message_get_reason_phrase (message));
      const char *known = soup_status_get_phrase (status);

      g_task_return_new_error (task, KH_FETCH_ERROR, KH_FETCH_ERROR_HTTP,
                               _("The server answered HTTP %u %s"), status,
                               reason && *reason ? reason : known ? known : "");
      return;
    }

  length = soup_message_headers_get_content_length (soup_message_get_response_headers (message));
  if (length > 0 && (guint64) length > data->max_size)
    {
      set_too_large (task);
      return;
    }

  read_stream (g_steal_pointer (&task), stream);
}

static void
file_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;

  stream = g_file_read_finish (G_FILE (source), result, &error);
  if (stream == NULL)
    {
      return_error (task, NULL, g_steal_pointer (&error));
      return;
    }

  read_stream (g_steal_pointer (&task), G_INPUT_STREAM (stream));
}

static void
add_request_headers (SoupMessageHeaders *headers,
                     FetchData          *data)
{
  soup_message_headers_append (headers, "Accept",
                               "application/feed+json, application/json;q=0.9, "
                               "application/rss+xml, application/atom+xml, "
                               "application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5");
  if (data->etag != NULL)
    soup_message_headers_append (headers, "If-None-Match", data->etag);
  if (data->last_modified != NULL)
    soup_message_headers_append (headers, "If-Modified-Since", data->last_modified);
}

static void
start_http (KhFetcher  *self,
            GTask      *task,
            const char *uri)
{
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(SoupMessage) message = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) parsed = g_uri_parse (uri, SOUP_HTTP_URI_FLAGS, &error);

  if (parsed == NULL || g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0')
    {
      g_task_return_new_error (task, KH_FETCH_ERROR, KH_FETCH_ERROR_UNSUPPORTED_URI,
                               _("Not a valid web address"));
      g_object_unref (task);
      return;
    }

  message = soup_message_new_from_uri (SOUP_METHOD_GET, parsed);
  add_request_headers (soup_message_get_request_headers (message), data);
  soup_session_send_async (self->session, message, G_PRIORITY_DEFAULT,
                           data->cancellable, http_sent_cb, task);
}

/**
 * kh_fetcher_fetch_async:
 * @uri: an http, https, file or resource URI
 *
 * Reads the whole body at @uri without blocking.  HTTP answers other than
 * 2xx, bodies over the size limit, timeouts and connections closed early are
 * errors.
 */
void
kh_fetcher_fetch_async (KhFetcher           *self,
                        const char          *uri,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (KH_IS_FETCHER (self));

  kh_fetcher_fetch_full_async (self, uri, NULL, NULL, self->max_size, cancellable, callback, user_data);
}

/* Like kh_fetcher_fetch_async(), with a size limit of its own, for images. */
void
kh_fetcher_fetch_limited_async (KhFetcher           *self,
                                const char          *uri,
                                gsize                max_size,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  kh_fetcher_fetch_full_async (self, uri, NULL, NULL, max_size, cancellable, callback, user_data);
}

static void
start_local (GTask      *task,
             const char *uri)
{
  FetchData *data = g_task_get_task_data (task);
  g_autoptr(GFile) file = g_file_new_for_uri (uri);

  g_file_read_async (file, G_PRIORITY_DEFAULT, data->cancellable, file_read_cb, task);
}

static void
caller_cancelled_cb (GCancellable *caller_cancellable,
                     GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

static gboolean
deadline_passed_cb (gpointer user_data)
{
  FetchData *data = user_data;

  data->timed_out = TRUE;
  g_cancellable_cancel (data->cancellable);
  g_clear_pointer (&data->deadline_source, g_source_unref);
  return G_SOURCE_REMOVE;
}

/**
 * kh_fetcher_fetch_full_async:
 * @etag: (nullable): the ETag of the copy we have, sent as If-None-Match
 * @last_modified: (nullable): its Last-Modified, sent as If-Modified-Since
 * @max_size: the largest body accepted, in bytes
 *
 * A conditional fetch: when the server answers 304 Not Modified, the
 * response has no body and nothing was read.  The response also carries the
 * caching headers the next request needs.
 */
void
kh_fetcher_fetch_full_async (KhFetcher           *self,
                             const char          *uri,
                             const char          *etag,
                             const char          *last_modified,
                             gsize                max_size,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  FetchData *data;

  g_return_if_fail (KH_IS_FETCHER (self));
  g_return_if_fail (uri != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kh_fetcher_fetch_full_async);
  data = g_new0 (FetchData, 1);
  data->uri = g_strdup (uri);
  data->etag = g_strdup (etag);
  data->last_modified = g_strdup (last_modified);
  data->max_size = max_size;
  data->response = kh_response_new ();
  data->deadline = self->deadline;
  data->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);

  if (cancellable != NULL)
    {
      data->caller_cancellable = g_object_ref (cancellable);
      data->caller_cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (caller_cancelled_cb),
                                                         g_object_ref (data->cancellable),
                                                         g_object_unref);
    }
  data->deadline_source = g_timeout_source_new_seconds (data->deadline);
  g_source_set_callback (data->deadline_source, deadline_passed_cb, data, NULL);
  g_source_set_static_name (data->deadline_source, "[khabar] fetch deadline");
  g_source_attach (data->deadline_source, g_main_context_get_thread_default ());

  if (kh_fetcher_is_local_uri (uri))
    start_local (task, uri);
  else if (kh_fetcher_supports_uri (uri))
    start_http (self, task, uri);
  else
    {
      g_task_return_new_error (task, KH_FETCH_ERROR, KH_FETCH_ERROR_UNSUPPORTED_URI,
                               _("Only http, https, file and resource addresses can be read"));
      g_object_unref (task);
    }
}

/**
 * kh_fetcher_fetch_full_finish:
 * @failed_response: (out) (optional) (nullable): on an HTTP error, what the
 *   server answered (its status and Retry-After)
 *
 * Returns: (transfer full): the response, or %NULL with @error set
 */
KhResponse *
kh_fetcher_fetch_full_finish (KhFetcher     *self,
                              GAsyncResult  *result,
                              KhResponse   **failed_response,
                              GError       **error)
{
  FetchData *data;
  KhResponse *response;

  g_return_val_if_fail (KH_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  response = g_task_propagate_pointer (G_TASK (result), error);
  if (failed_response != NULL)
    *failed_response = response == NULL && data->response != NULL && data->response->status != 0
                       ? kh_response_copy (data->response) : NULL;
  return response;
}

GBytes *
kh_fetcher_fetch_finish (KhFetcher     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_autoptr(KhResponse) response = kh_fetcher_fetch_full_finish (self, result, NULL, error);

  if (response == NULL)
    return NULL;
  /* Plain fetches send no validators, so a body always comes back. */
  return g_bytes_ref (response->body);
}

/*
 * The path of a file: or resource: URI as this machine reads it: decoded
 * ("%2e%2e" is "..") and canonical ("a/../b" is "b").  NULL when it is
 * not one, names another host, or hides a NUL or a "/" in an escape.
 */
static char *
local_path_of (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *path = NULL;
  const char *host;

  parsed = g_uri_parse (uri, G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL)
    return NULL;
  host = g_uri_get_host (parsed);
  if (host != NULL && *host != '\0' && g_ascii_strcasecmp (host, "localhost") != 0)
    return NULL;
  path = g_uri_unescape_string (g_uri_get_path (parsed), "/");
  if (path == NULL || !g_path_is_absolute (path))
    return NULL;
  return g_canonicalize_filename (path, "/");
}

/* Whether @uri is @feed_uri's folder or inside it, with the same scheme. */
static gboolean
is_beside_or_below (const char *feed_uri,
                    const char *uri)
{
  g_autofree char *feed_scheme = g_uri_parse_scheme (feed_uri);
  g_autofree char *feed_path = local_path_of (feed_uri);
  g_autofree char *path = local_path_of (uri);
  g_autofree char *folder = NULL;

  if (feed_scheme == NULL || feed_path == NULL || path == NULL || !uri_has_scheme (uri, feed_scheme))
    return FALSE;
  folder = g_path_get_dirname (feed_path);
  if (g_str_equal (folder, "/"))
    return TRUE;
  return g_str_has_prefix (path, folder) && path[strlen (folder)] == '/';
}

/**
 * kh_fetcher_resolve_linked_uri:
 * @feed_uri: the address the feed was read from
 * @reference: what the feed points to (an image, its next page), maybe
 *   relative
 *
 * Where something a feed points to may be loaded from: web addresses
 * always.  A local feed (file: or resource:) may also point to what lies
 * in its own folder or below it, with its own scheme; nothing else of this
 * machine, however the path is spelled ("..", "%2e%2e", "//host").  A
 * remote feed can never make the reader open a file or a resource.
 *
 * Returns: (nullable): the absolute URI, or %NULL when it may not be loaded
 */
char *
kh_fetcher_resolve_linked_uri (const char *feed_uri,
                               const char *reference)
{
  g_autofree char *resolved = NULL;

  if (feed_uri == NULL || reference == NULL || *reference == '\0')
    return NULL;

  resolved = kh_uri_resolve_relative (feed_uri, reference, G_URI_FLAGS_NONE, NULL);
  if (resolved == NULL)
    return NULL;
  if (kh_fetcher_is_web_uri (resolved))
    return g_steal_pointer (&resolved);
  if (kh_fetcher_is_local_uri (resolved) && kh_fetcher_is_local_uri (feed_uri) &&
      is_beside_or_below (feed_uri, resolved))
    return g_steal_pointer (&resolved);
  return NULL;
}
