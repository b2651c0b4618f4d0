/* kh-refresher.c
 *
 * Asks the endpoint for news on a schedule, and only for news: requests
 * are conditional, a 304 costs no parse, Cache-Control max-age and
 * Retry-After are honoured, failures back off exponentially, and a
 * superseded request is cancelled so only one is ever in flight.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kh-feed-parser.h"
#include "kh-refresher.h"

/* Hidden windows refresh this many times less often, and at least this
 * many seconds apart. */
#define BACKGROUND_FACTOR  5
#define BACKGROUND_MINIMUM (5 * 60)
#define LONGEST_FRESHNESS  (24 * 60 * 60)
#define LONGEST_RETRY      (6 * 60 * 60)

struct _KhRefresher
{
  GObject          parent_instance;

  KhFetcher       *fetcher;
  char            *uri;
  guint            interval;
  gboolean         background;
  char            *etag;
  char            *last_modified;
  gint64           max_age;

  GCancellable    *cancellable;
  guint            timeout_id;
  gint64           last_attempt;
  gint64           next_attempt;
  guint            next_delay;
  guint            failures;
  gboolean         offline;
  gboolean         started;

  GNetworkMonitor *monitor;
};

G_DEFINE_FINAL_TYPE (KhRefresher, kh_refresher, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_OFFLINE,
  PROP_FAILURES,
  PROP_NEXT_DELAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  PREVIEW,
  RECEIVED,
  UNCHANGED,
  FAILED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void schedule (KhRefresher *self,
                      guint        delay);

static gboolean
is_resource (const char *uri)
{
  return g_str_has_prefix (uri, "resource:");
}

static void
set_busy (KhRefresher  *self,
          GCancellable *cancellable)
{
  gboolean was_busy = self->cancellable != NULL;

  g_clear_object (&self->cancellable);
  self->cancellable = cancellable;
  if (was_busy != (cancellable != NULL))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
cancel_request (KhRefresher *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  set_busy (self, NULL);
}

static void
set_failures (KhRefresher *self,
              guint        failures,
              gboolean     offline)
{
  if (self->failures != failures)
    {
      self->failures = failures;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILURES]);
    }
  if (self->offline != offline)
    {
      self->offline = offline;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
    }
}

/* Seconds until the next look at an endpoint that answered. */
static guint
fresh_delay (KhRefresher *self)
{
  guint delay = self->interval;

  if (self->background)
    delay = MAX (delay * BACKGROUND_FACTOR, BACKGROUND_MINIMUM);
  if (self->max_age > delay)
    delay = MIN (self->max_age, LONGEST_FRESHNESS);
  return delay;
}

/**
 * kh_refresher_compute_backoff:
 * @failures: failures in a row, at least 1
 * @retry_after: seconds the server asked for, or -1
 *
 * Returns: seconds to wait before trying again: what the server asked for,
 *   or 15 s doubling with each failure up to 15 min
 */
guint
kh_refresher_compute_backoff (guint  failures,
                              gint64 retry_after)
{
  if (retry_after >= 0)
    return CLAMP (retry_after, 1, LONGEST_RETRY);
  if (failures == 0)
    return 0;
  if (failures > 10)
    return KH_REFRESHER_MAXIMUM_BACKOFF;
  return MIN ((guint) KH_REFRESHER_FIRST_BACKOFF << (failures - 1), KH_REFRESHER_MAXIMUM_BACKOFF);
}

static gboolean
is_connectivity_error (const GError *error)
{
  return error->domain == G_RESOLVER_ERROR ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND);
}

static void
fail (KhRefresher      *self,
      const GError     *error,
      const KhResponse *response)
{
  gboolean offline = is_connectivity_error (error) ||
                     !g_network_monitor_get_network_available (self->monitor);
  guint failures = self->failures + 1;

  set_busy (self, NULL);
  set_failures (self, failures, offline);
  schedule (self, kh_refresher_compute_backoff (failures, response ? response->retry_after : -1));
  g_signal_emit (self, signals[FAILED], 0, error);
}

static void
succeed (KhRefresher      *self,
         const KhResponse *response)
{
  set_busy (self, NULL);
  set_failures (self, 0, FALSE);
  self->max_age = response->max_age;
  if (is_resource (self->uri))
    schedule (self, 0);
  else
    schedule (self, fresh_delay (self));
}

typedef struct
{
  KhRefresher  *refresher;
  KhResponse   *response;
  /* Where the refresher lives, and whether the request still counts. */
  GMainContext *context;
  GCancellable *cancellable;
} Request;

static void
request_free (Request *request)
{
  g_object_unref (request->refresher);
  g_clear_pointer (&request->response, kh_response_free);
  g_main_context_unref (request->context);
  g_clear_object (&request->cancellable);
  g_free (request);
}

typedef struct
{
  KhRefresher  *refresher;
  GCancellable *cancellable;
  GPtrArray    *items;
} Preview;

static void
preview_free (Preview *preview)
{
  g_object_unref (preview->refresher);
  g_object_unref (preview->cancellable);
  g_ptr_array_unref (preview->items);
  g_free (preview);
}

static gboolean
emit_preview (gpointer user_data)
{
  Preview *preview = user_data;

  /* A superseded request shows nothing.  A parse that ends is reported
   * after this, however it ends: both are queued on the same context. */
  if (!g_cancellable_is_cancelled (preview->cancellable))
    g_signal_emit (preview->refresher, signals[PREVIEW], 0, preview->items);
  return G_SOURCE_REMOVE;
}

/* In the parsing thread: the first items of a long feed, made ready to
 * show like the whole feed will be. */
static void
preview_in_thread (GPtrArray *first_items,
                   gpointer   user_data)
{
  Request *request = user_data;
  Preview *preview = g_new0 (Preview, 1);
  GSource *source = g_idle_source_new ();

  preview->refresher = g_object_ref (request->refresher);
  preview->cancellable = g_object_ref (request->cancellable);
  preview->items = g_ptr_array_ref (first_items);
  kh_item_sort_newest_first (preview->items);
  for (guint i = 0; i < preview->items->len; i++)
    kh_item_get_content_hash (preview->items->pdata[i]);

  /* Always queued, never g_main_context_invoke(): that calls the function
   * at once, in this thread, whenever it can acquire the context, as it
   * can each time the refresher's thread is between two turns of its
   * main loop. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, emit_preview, preview, (GDestroyNotify) preview_free);
  g_source_set_static_name (source, "[khabar] preview");
  g_source_attach (source, request->context);
  g_source_unref (source);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* Parsing, and the content digests the merges compare, happen here so
 * that a big document never holds up the main loop. */
static void
parse_in_thread (GTask        *task,
                 gpointer      source,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(KhFeed) feed = NULL;
  GError *error = NULL;
  GPtrArray *items;

  /* The HTTP charset may be all that says how an XML feed is encoded, and
   * the feed's address resolves its relative links.  The body is the
   * parser's to let go of as it reads: a long feed is not held twice, as
   * text and as items. */
  feed = kh_feed_parser_parse_consuming (g_steal_pointer (&request->response->body),
                                         request->response->content_type,
                                         request->refresher->uri, preview_in_thread, request,
                                         &error);
  if (feed == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  items = kh_feed_get_items (feed);
  for (guint i = 0; i < items->len && !g_cancellable_is_cancelled (cancellable); i++)
    kh_item_get_content_hash (items->pdata[i]);
  g_task_return_pointer (task, g_steal_pointer (&feed), g_object_unref);
}

static void
parsed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Request *request = g_task_get_task_data (G_TASK (result));
  KhRefresher *self = request->refresher;
  g_autoptr(KhFeed) feed = NULL;
  g_autoptr(GError) error = NULL;

  feed = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (feed == NULL)
    {
      fail (self, error, NULL);
      return;
    }

  /* Validators are kept only for a document that read, so a broken one
   * is fetched again in full. */
  kh_refresher_set_validators (self, request->response->etag, request->response->last_modified);
  succeed (self, request->response);
  g_signal_emit (self, signals[RECEIVED], 0, feed, request->response);
}

static void
parse_response (Request      *request,
                GCancellable *cancellable)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, parsed_cb, NULL);

  g_task_set_source_tag (task, parse_response);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, parse_in_thread);
}

static void
fetched_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  g_autoptr(KhResponse) failed_response = NULL;
  g_autoptr(GError) error = NULL;
  KhRefresher *self = request->refresher;

  request->response = kh_fetcher_fetch_full_finish (KH_FETCHER (source), result, &failed_response, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (request->response == NULL)
    fail (self, error, failed_response);
  else if (kh_response_is_not_modified (request->response))
    {
      succeed (self, request->response);
      g_signal_emit (self, signals[UNCHANGED], 0, request->response);
    }
  else
    parse_response (g_steal_pointer (&request), self->cancellable);
}

/**
 * kh_refresher_refresh:
 *
 * Asks the endpoint now, whatever the schedule says; a request already in
 * flight is cancelled, as this one supersedes it.
 */
void
kh_refresher_refresh (KhRefresher *self)
{
  Request *request;

  g_return_if_fail (KH_IS_REFRESHER (self));

  cancel_request (self);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->next_attempt = 0;
  self->last_attempt = g_get_monotonic_time ();
  set_busy (self, g_cancellable_new ());

  request = g_new0 (Request, 1);
  request->refresher = g_object_ref (self);
  request->context = g_main_context_ref_thread_default ();
  request->cancellable = g_object_ref (self->cancellable);
  kh_fetcher_fetch_full_async (self->fetcher, self->uri, self->etag, self->last_modified,
                               kh_fetcher_get_max_size (self->fetcher), self->cancellable,
                               fetched_cb, request);
}

static gboolean
timeout_cb (gpointer user_data)
{
  KhRefresher *self = user_data;

  self->timeout_id = 0;
  if (self->cancellable == NULL)
    kh_refresher_refresh (self);
  return G_SOURCE_REMOVE;
}

/* A delay of 0 means no further look, for documents that cannot change. */
static void
schedule (KhRefresher *self,
          guint        delay)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->next_attempt = 0;
  if (delay > 0 && self->started)
    {
      self->next_attempt = g_get_monotonic_time () + delay * G_TIME_SPAN_SECOND;
      self->timeout_id = g_timeout_add_seconds (delay, timeout_cb, self);
    }
  if (self->next_delay != delay)
    {
      self->next_delay = delay;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEXT_DELAY]);
    }
}

/* After a change of pace, the time already waited counts. */
static void
reschedule (KhRefresher *self)
{
  gint64 waited;
  gint64 delay;

  if (!self->started || self->cancellable != NULL || self->failures > 0 || is_resource (self->uri))
    return;
  waited = (g_get_monotonic_time () - self->last_attempt) / G_TIME_SPAN_SECOND;
  delay = (gint64) fresh_delay (self) - waited;
  if (delay <= 0)
    kh_refresher_refresh (self);
  else
    schedule (self, delay);
}

static void
network_changed_cb (KhRefresher *self,
                    gboolean     available)
{
  if (available && self->started && self->failures > 0 && self->cancellable == NULL)
    kh_refresher_refresh (self);
}

static void
kh_refresher_dispose (GObject *object)
{
  KhRefresher *self = (KhRefresher *) object;

  kh_refresher_stop (self);
  if (self->monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->monitor, self);
  g_clear_object (&self->monitor);
  g_clear_object (&self->fetcher);

  G_OBJECT_CLASS (kh_refresher_parent_class)->dispose (object);
}

static void
kh_refresher_finalize (GObject *object)
{
  KhRefresher *self = (KhRefresher *) object;

  g_free (self->uri);
  g_free (self->etag);
  g_free (self->last_modified);

  G_OBJECT_CLASS (kh_refresher_parent_class)->finalize (object);
}

static void
kh_refresher_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  KhRefresher *self = KH_REFRESHER (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->cancellable != NULL);
      break;

    case PROP_OFFLINE:
      g_value_set_boolean (value, self->offline);
      break;

    case PROP_FAILURES:
      g_value_set_uint (value, self->failures);
      break;

    case PROP_NEXT_DELAY:
      g_value_set_uint (value, self->next_delay);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kh_refresher_class_init (KhRefresherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kh_refresher_dispose;
  object_class->finalize = kh_refresher_finalize;
  object_class->get_property = kh_refresher_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FAILURES] =
    g_param_spec_uint ("failures", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NEXT_DELAY] =
    g_param_spec_uint ("next-delay", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KhRefresher::preview:
   * @items: (element-type KhItem): the first items of a long feed, newest
   *   first, their content hashes computed
   *
   * Emitted while the rest of the feed is read, before ::received or
   * ::failed, so a reader with nothing to read yet has the news sooner.
   */
  signals[PREVIEW] =
    g_signal_new ("preview", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_PTR_ARRAY);
  /**
   * KhRefresher::received:
   * @feed: the parsed document, each item's content hash computed
   * @response: what the server said with it; its body, once read, is
   *   let go (only its size is kept)
   */
  signals[RECEIVED] =
    g_signal_new ("received", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, KH_TYPE_FEED, KH_TYPE_RESPONSE);
  /**
   * KhRefresher::unchanged:
   *
   * The server answered 304 Not Modified: nothing was read or parsed.
   */
  signals[UNCHANGED] =
    g_signal_new ("unchanged", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, KH_TYPE_RESPONSE);
  /**
   * KhRefresher::failed:
   * @error: what went wrong; the next attempt is already scheduled
   */
  signals[FAILED] =
    g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
kh_refresher_init (KhRefresher *self)
{
  self->interval = KH_REFRESHER_DEFAULT_INTERVAL;
  self->max_age = -1;
}

KhRefresher *
kh_refresher_new (KhFetcher  *fetcher,
                  const char *uri)
{
  KhRefresher *self;

  g_return_val_if_fail (KH_IS_FETCHER (fetcher), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  self = g_object_new (KH_TYPE_REFRESHER, NULL);
  self->fetcher = g_object_ref (fetcher);
  self->uri = g_strdup (uri);
  self->monitor = g_object_ref (g_network_monitor_get_default ());
  g_signal_connect_swapped (self->monitor, "network-changed", G_CALLBACK (network_changed_cb), self);
  return self;
}

const char *
kh_refresher_get_uri (KhRefresher *self)
{
  g_return_val_if_fail (KH_IS_REFRESHER (self), NULL);
  return self->uri;
}

guint
kh_refresher_get_interval (KhRefresher *self)
{
  g_return_val_if_fail (KH_IS_REFRESHER (self), 0);
  return self->interval;
}

/* Seconds between looks while the endpoint answers; any value is taken
 * here, the settings keep readers above KH_REFRESHER_MINIMUM_INTERVAL. */
void
kh_refresher_set_interval (KhRefresher *self,
                           guint        seconds)
{
  g_return_if_fail (KH_IS_REFRESHER (self));
  g_return_if_fail (seconds > 0);

  if (self->interval == seconds)
    return;
  self->interval = seconds;
  reschedule (self);
}

gboolean
kh_refresher_get_background (KhRefresher *self)
{
  g_return_val_if_fail (KH_IS_REFRESHER (self), FALSE);
  return self->background;
}

/* While nobody looks, the endpoint is asked less often. */
void
kh_refresher_set_background (KhRefresher *self,
                             gboolean     background)
{
  g_return_if_fail (KH_IS_REFRESHER (self));

  background = !!background;
  if (self->background == background)
    return;
  self->background = background;
  reschedule (self);
}

/* What the copy we have was served with, e.g. as kept in the store. */
void
kh_refresher_set_validators (KhRefresher *self,
                             const char  *etag,
                             const char  *last_modified)
{
  g_return_if_fail (KH_IS_REFRESHER (self));

  g_free (self->etag);
  self->etag = g_strdup (etag);
  g_free (self->last_modified);
  self->last_modified = g_strdup (last_modified);
}

const char *
kh_refresher_get_etag (KhRefresher *self)
{
  g_return_val_if_fail (KH_IS_REFRESHER (self), NULL);
  return self->etag;
}

gboolean
kh_refresher_get_busy (KhRefresher *self)
{
  g_return_val_if_fail (KH_IS_REFRESHER (self), FALSE);
  return self->cancellable != NULL;
}

/* TRUE when the last attempt failed for want of a network. */
gboolean
kh_refresher_get_offline (KhRefresher *self)
{
  g_return_val_if_fail (KH_IS_REFRESHER (self), FALSE);
  return self->offline;
}

guint
kh_refresher_get_failures (KhRefresher *self)
{
  g_return_val_if_fail (KH_IS_REFRESHER (self), 0);
  return self->failures;
}

/* Seconds between the last answer and the next attempt; 0 when none is
 * planned. */
guint
kh_refresher_get_next_delay (KhRefresher *self)
{
  g_return_val_if_fail (KH_IS_REFRESHER (self), 0);
  return self->next_delay;
}

/* When the next attempt is due, in g_get_monotonic_time(); 0 when none. */
gint64
kh_refresher_get_next_attempt (KhRefresher *self)
{
  g_return_val_if_fail (KH_IS_REFRESHER (self), 0);
  return self->next_attempt;
}

/* Asks at once, then keeps the schedule. */
void
kh_refresher_start (KhRefresher *self)
{
  g_return_if_fail (KH_IS_REFRESHER (self));

  self->started = TRUE;
  kh_refresher_refresh (self);
}

void
kh_refresher_stop (KhRefresher *self)
{
  g_return_if_fail (KH_IS_REFRESHER (self));

  self->started = FALSE;
  cancel_request (self);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->next_attempt = 0;
}
