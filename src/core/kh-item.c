/* kh-item.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kh-item.h"
#include "kh-item-codec.h"
#include "kh-feed-parser.h"
#include "kh-html.h"
#include "kh-text.h"

struct _KhItem
{
  GObject     parent_instance;

  char       *id;
  char       *url;
  char       *title;
  char       *summary;
  GStrv       paragraphs;       /* derived from content_html when that is set */
  char       *image;
  char       *image_caption;
  char       *dateline;
  char       *language;
  GDateTime  *published;
  GDateTime  *modified;
  GTimeZone  *clock;
  char       *clock_label;
  GStrv       authors;
  GStrv       tags;
  gboolean    breaking;
  char       *content_html;
  char       *banner_image;
  GPtrArray  *attachments;

  /* The reader's state, not part of the content. */
  gboolean    read;
  gboolean    starred;
  char       *content_hash;
};

G_DEFINE_FINAL_TYPE (KhItem, kh_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_BREAKING,
  PROP_PUBLISHED,
  PROP_READ,
  PROP_STARRED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static const char * const empty_strv[] = { NULL };

static void
kh_item_finalize (GObject *object)
{
  KhItem *self = (KhItem *) object;

  g_free (self->id);
  g_free (self->url);
  g_free (self->title);
  g_free (self->summary);
  g_strfreev (self->paragraphs);
  g_free (self->image);
  g_free (self->image_caption);
  g_free (self->dateline);
  g_free (self->language);
  g_clear_pointer (&self->published, g_date_time_unref);
  g_clear_pointer (&self->modified, g_date_time_unref);
  g_clear_pointer (&self->clock, g_time_zone_unref);
  g_free (self->clock_label);
  g_strfreev (self->authors);
  g_strfreev (self->tags);
  g_free (self->content_hash);
  g_free (self->content_html);
  g_free (self->banner_image);
  g_ptr_array_unref (self->attachments);

  G_OBJECT_CLASS (kh_item_parent_class)->finalize (object);
}

static void
kh_item_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  KhItem *self = KH_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_BREAKING:
      g_value_set_boolean (value, self->breaking);
      break;

    case PROP_PUBLISHED:
      g_value_set_boxed (value, self->published);
      break;

    case PROP_READ:
      g_value_set_boolean (value, self->read);
      break;

    case PROP_STARRED:
      g_value_set_boolean (value, self->starred);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kh_item_set_property (GObject      *object,
                      guint         prop_id,
                      const GValue *value,
                      GParamSpec   *pspec)
{
  KhItem *self = KH_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_dup_string (value);
      break;

    case PROP_TITLE:
      kh_item_set_title (self, g_value_get_string (value));
      break;

    case PROP_BREAKING:
      kh_item_set_breaking (self, g_value_get_boolean (value));
      break;

    case PROP_PUBLISHED:
      kh_item_set_published (self, g_value_get_boxed (value));
      break;

    case PROP_READ:
      kh_item_set_read (self, g_value_get_boolean (value));
      break;

    case PROP_STARRED:
      kh_item_set_starred (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kh_item_class_init (KhItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kh_item_finalize;
  object_class->get_property = kh_item_get_property;
  object_class->set_property = kh_item_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BREAKING] =
    g_param_spec_boolean ("breaking", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PUBLISHED] =
    g_param_spec_boxed ("published", NULL, NULL, G_TYPE_DATE_TIME,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_READ] =
    g_param_spec_boolean ("read", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STARRED] =
    g_param_spec_boolean ("starred", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * KhItem::changed:
   *
   * The content was replaced by a newer version of the same item.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kh_item_init (KhItem *self)
{
  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) kh_attachment_unref);
}

KhItem *
kh_item_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (KH_TYPE_ITEM, "id", id, NULL);
}

/* Stores a copy of @value in @field; TRUE when it changed. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
replace_strv (GStrv *field,
              GStrv  value)
{
  g_strfreev (*field);
  *field = value;
}

static gboolean
replace_date (GDateTime **field,
              GDateTime  *value)
{
  if (*field == value || (*field != NULL && value != NULL && g_date_time_equal (*field, value)))
    return FALSE;
  g_clear_pointer (field, g_date_time_unref);
  *field = value ? g_date_time_ref (value) : NULL;
  return TRUE;
}

const char *
kh_item_get_id (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), NULL);
  return self->id;
}

const char *
kh_item_get_url (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), NULL);
  return self->url;
}

void
kh_item_set_url (KhItem     *self,
                 const char *url)
{
  g_return_if_fail (KH_IS_ITEM (self));
  replace_string (&self->url, url);
}

const char *
kh_item_get_title (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), NULL);
  return self->title ? self->title : "";
}

void
kh_item_set_title (KhItem     *self,
                   const char *title)
{
  g_return_if_fail (KH_IS_ITEM (self));
  if (replace_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
kh_item_get_summary (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), NULL);
  return self->summary;
}

void
kh_item_set_summary (KhItem     *self,
                     const char *summary)
{
  g_return_if_fail (KH_IS_ITEM (self));
  replace_string (&self->summary, summary);
}

/* At most KH_FEED_MAX_PARAGRAPHS paragraphs of the HTML body. */
static GStrv
paragraphs_from_html (const char *html)
{
  GStrv paragraphs = kh_html_to_paragraphs (html);

  kh_text_limit_paragraphs (paragraphs, KH_FEED_MAX_PARAGRAPHS);
  return paragraphs;
}

/*
 * The body, one plain-text paragraph per element; never NULL.
 *
 * An HTML body is split into paragraphs the first time they are asked
 * for: doing it for every item of a big feed took more than half of its
 * parse, and most items are never opened.  Any thread may ask; the first
 * answer is kept.
 */
const char * const *
kh_item_get_paragraphs (KhItem *self)
{
  GStrv paragraphs;

  g_return_val_if_fail (KH_IS_ITEM (self), NULL);

  paragraphs = g_atomic_pointer_get (&self->paragraphs);
  if (paragraphs == NULL && self->content_html != NULL)
    {
      GStrv derived = paragraphs_from_html (self->content_html);

      if (!g_atomic_pointer_compare_and_exchange (&self->paragraphs, NULL, derived))
        g_strfreev (derived);
      paragraphs = g_atomic_pointer_get (&self->paragraphs);
    }
  return paragraphs ? (const char * const *) paragraphs : empty_strv;
}

/* Takes ownership of @paragraphs: the body of an item whose feed sent
 * plain text.  An item with an HTML body derives its own. */
void
kh_item_set_paragraphs (KhItem *self,
                        GStrv   paragraphs)
{
  g_return_if_fail (KH_IS_ITEM (self));
  replace_strv (&self->paragraphs, paragraphs);
}

const char *
kh_item_get_image (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), NULL);
  return self->image;
}

void
kh_item_set_image (KhItem     *self,
                   const char *image)
{
  g_return_if_fail (KH_IS_ITEM (self));
  replace_string (&self->image, image);
}

const char *
kh_item_get_image_caption (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), NULL);
  return self->image_caption;
}

void
kh_item_set_image_caption (KhItem     *self,
                           const char *caption)
{
  g_return_if_fail (KH_IS_ITEM (self));
  replace_string (&self->image_caption, caption);
}

const char *
kh_item_get_dateline (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), NULL);
  return self->dateline;
}

void
kh_item_set_dateline (KhItem     *self,
                      const char *dateline)
{
  g_return_if_fail (KH_IS_ITEM (self));
  replace_string (&self->dateline, dateline);
}

const char *
kh_item_get_language (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), NULL);
  return self->language;
}

void
kh_item_set_language (KhItem     *self,
                      const char *language)
{
  g_return_if_fail (KH_IS_ITEM (self));
  replace_string (&self->language, language);
}

GDateTime *
kh_item_get_published (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), NULL);
  return self->published;
}

void
kh_item_set_published (KhItem    *self,
                       GDateTime *published)
{
  g_return_if_fail (KH_IS_ITEM (self));
  if (replace_date (&self->published, published))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PUBLISHED]);
}

GDateTime *
kh_item_get_modified (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), NULL);
  return self->modified;
}

void
kh_item_set_modified (KhItem    *self,
                      GDateTime *modified)
{
  g_return_if_fail (KH_IS_ITEM (self));
  replace_date (&self->modified, modified);
}

/* The zone whose clock the item's times are given in, or NULL for the
 * reader's local time. */
GTimeZone *
kh_item_get_clock (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), NULL);
  return self->clock;
}

const char *
kh_item_get_clock_label (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), NULL);
  return self->clock_label;
}

void
kh_item_set_clock (KhItem     *self,
                   GTimeZone  *clock,
                   const char *label)
{
  g_return_if_fail (KH_IS_ITEM (self));

  g_clear_pointer (&self->clock, g_time_zone_unref);
  self->clock = clock ? g_time_zone_ref (clock) : NULL;
  replace_string (&self->clock_label, label);
}

gboolean
kh_item_get_breaking (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), FALSE);
  return self->breaking;
}

void
kh_item_set_breaking (KhItem   *self,
                      gboolean  breaking)
{
  g_return_if_fail (KH_IS_ITEM (self));

  breaking = !!breaking;
  if (self->breaking == breaking)
    return;
  self->breaking = breaking;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BREAKING]);
}

const char * const *
kh_item_get_authors (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), NULL);
  return self->authors ? (const char * const *) self->authors : empty_strv;
}

/* Takes ownership of @authors. */
void
kh_item_set_authors (KhItem *self,
                     GStrv   authors)
{
  g_return_if_fail (KH_IS_ITEM (self));
  replace_strv (&self->authors, authors);
}

const char * const *
kh_item_get_tags (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), NULL);
  return self->tags ? (const char * const *) self->tags : empty_strv;
}

/* Takes ownership of @tags. */
void
kh_item_set_tags (KhItem *self,
                  GStrv   tags)
{
  g_return_if_fail (KH_IS_ITEM (self));
  replace_strv (&self->tags, tags);
}

/*
 * Newest first; items without a date go last, in feed order (the sort
 * used on them is stable).
 */
int
kh_item_compare_newest_first (gconstpointer a,
                              gconstpointer b)
{
  GDateTime *date_a = kh_item_get_published ((KhItem *) a);
  GDateTime *date_b = kh_item_get_published ((KhItem *) b);

  if (date_a == NULL || date_b == NULL)
    return (date_a == NULL) - (date_b == NULL);
  return g_date_time_compare (date_b, date_a);
}

gboolean
kh_item_get_read (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), FALSE);
  return self->read;
}

void
kh_item_set_read (KhItem   *self,
                  gboolean  read)
{
  g_return_if_fail (KH_IS_ITEM (self));

  read = !!read;
  if (self->read == read)
    return;
  self->read = read;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ]);
}

gboolean
kh_item_get_starred (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), FALSE);
  return self->starred;
}

void
kh_item_set_starred (KhItem   *self,
                     gboolean  starred)
{
  g_return_if_fail (KH_IS_ITEM (self));

  starred = !!starred;
  if (self->starred == starred)
    return;
  self->starred = starred;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STARRED]);
}

/**
 * kh_item_get_content_hash:
 *
 * A digest of everything the item shows, so two versions of an item can be
 * told apart without comparing field by field.  Computed once, when first
 * asked, and again after kh_item_update_from(): ask only once the item is
 * complete.
 */
const char *
kh_item_get_content_hash (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), NULL);

  if (self->content_hash == NULL)
    {
      g_autofree char *json = kh_item_to_json_string (self);

      self->content_hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, json, -1);
    }
  return self->content_hash;
}

/* For an item read back from the store, with the digest stored beside it. */
void
kh_item_set_content_hash (KhItem     *self,
                          const char *hash)
{
  g_return_if_fail (KH_IS_ITEM (self));
  replace_string (&self->content_hash, hash);
}

/**
 * kh_item_update_from:
 * @newer: another version of the same item
 *
 * Takes the content of @newer, keeping this object (and so the rows and
 * views that show it) and the reader's state.  Emits KhItem::changed.
 */
void
kh_item_update_from (KhItem *self,
                     KhItem *newer)
{
  g_autoptr(JsonNode) content = NULL;

  g_return_if_fail (KH_IS_ITEM (self));
  g_return_if_fail (KH_IS_ITEM (newer));
  g_return_if_fail (g_strcmp0 (self->id, newer->id) == 0);

  content = kh_item_to_json (newer);
  g_object_freeze_notify (G_OBJECT (self));
  kh_item_load_json (self, content);
  g_clear_pointer (&self->content_hash, g_free);
  self->content_hash = g_strdup (kh_item_get_content_hash (newer));
  g_object_thaw_notify (G_OBJECT (self));

  g_signal_emit (self, signals[CHANGED], 0);
}

static int
compare_indirect (gconstpointer a,
                  gconstpointer b)
{
  return kh_item_compare_newest_first (*(KhItem **) a, *(KhItem **) b);
}

/* g_ptr_array_sort() is a stable merge sort, so equal dates keep their order. */
void
kh_item_sort_newest_first (GPtrArray *items)
{
  g_ptr_array_sort (items, compare_indirect);
}

/* The body as the feed sent it, HTML, or NULL when the body was plain
 * text.  Not sanitised: never show it as it is. */
const char *
kh_item_get_content_html (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), NULL);
  return self->content_html;
}

void
kh_item_set_content_html (KhItem     *self,
                          const char *html)
{
  g_return_if_fail (KH_IS_ITEM (self));
  if (g_strcmp0 (self->content_html, html) == 0)
    return;
  replace_string (&self->content_html, html);
  /* Paragraphs are the new body's, derived again when asked for. */
  if (html != NULL)
    g_clear_pointer (&self->paragraphs, g_strfreev);
}

const char *
kh_item_get_banner_image (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), NULL);
  return self->banner_image;
}

void
kh_item_set_banner_image (KhItem     *self,
                          const char *banner_image)
{
  g_return_if_fail (KH_IS_ITEM (self));
  replace_string (&self->banner_image, banner_image);
}

/* The item's KhAttachments, in feed order; never NULL. */
GPtrArray *
kh_item_get_attachments (KhItem *self)
{
  g_return_val_if_fail (KH_IS_ITEM (self), NULL);
  return self->attachments;
}

void
kh_item_add_attachment (KhItem       *self,
                        KhAttachment *attachment)
{
  g_return_if_fail (KH_IS_ITEM (self));
  g_return_if_fail (attachment != NULL);
  g_ptr_array_add (self->attachments, kh_attachment_ref (attachment));
}

void
kh_item_clear_attachments (KhItem *self)
{
  g_return_if_fail (KH_IS_ITEM (self));
  g_ptr_array_set_size (self->attachments, 0);
}
