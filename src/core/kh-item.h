/* kh-item.h: one news item of a live coverage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "kh-attachment.h"

G_BEGIN_DECLS

#define KH_TYPE_ITEM (kh_item_get_type ())

G_DECLARE_FINAL_TYPE (KhItem, kh_item, KH, ITEM, GObject)

KhItem             *kh_item_new                 (const char          *id);

const char         *kh_item_get_id              (KhItem              *self);
const char         *kh_item_get_url             (KhItem              *self);
void                kh_item_set_url             (KhItem              *self,
                                                 const char          *url);
const char         *kh_item_get_title           (KhItem              *self);
void                kh_item_set_title           (KhItem              *self,
                                                 const char          *title);
const char         *kh_item_get_summary         (KhItem              *self);
void                kh_item_set_summary         (KhItem              *self,
                                                 const char          *summary);
const char * const *kh_item_get_paragraphs      (KhItem              *self);
void                kh_item_set_paragraphs      (KhItem              *self,
                                                 GStrv                paragraphs);
const char         *kh_item_get_image           (KhItem              *self);
void                kh_item_set_image           (KhItem              *self,
                                                 const char          *image);
const char         *kh_item_get_image_caption   (KhItem              *self);
void                kh_item_set_image_caption   (KhItem              *self,
                                                 const char          *caption);
const char         *kh_item_get_dateline        (KhItem              *self);
void                kh_item_set_dateline        (KhItem              *self,
                                                 const char          *dateline);
const char         *kh_item_get_language        (KhItem              *self);
void                kh_item_set_language        (KhItem              *self,
                                                 const char          *language);
GDateTime          *kh_item_get_published       (KhItem              *self);
void                kh_item_set_published       (KhItem              *self,
                                                 GDateTime           *published);
GDateTime          *kh_item_get_modified        (KhItem              *self);
void                kh_item_set_modified        (KhItem              *self,
                                                 GDateTime           *modified);
GTimeZone          *kh_item_get_clock           (KhItem              *self);
const char         *kh_item_get_clock_label     (KhItem              *self);
void                kh_item_set_clock           (KhItem              *self,
                                                 GTimeZone           *clock,
                                                 const char          *label);
gboolean            kh_item_get_breaking        (KhItem              *self);
void                kh_item_set_breaking        (KhItem              *self,
                                                 gboolean             breaking);
const char * const *kh_item_get_authors         (KhItem              *self);
void                kh_item_set_authors         (KhItem              *self,
                                                 GStrv                authors);
const char * const *kh_item_get_tags            (KhItem              *self);
void                kh_item_set_tags            (KhItem              *self,
                                                 GStrv                tags);

gboolean            kh_item_get_read            (KhItem              *self);
void                kh_item_set_read            (KhItem              *self,
                                                 gboolean             read);
gboolean            kh_item_get_starred         (KhItem              *self);
void                kh_item_set_starred         (KhItem              *self,
                                                 gboolean             starred);
const char         *kh_item_get_content_hash    (KhItem              *self);
void                kh_item_set_content_hash    (KhItem              *self,
                                                 const char          *hash);
void                kh_item_update_from         (KhItem              *self,
                                                 KhItem              *newer);

int                 kh_item_compare_newest_first (gconstpointer       a,
                                                  gconstpointer       b);
void                kh_item_sort_newest_first   (GPtrArray           *items);

const char         *kh_item_get_content_html    (KhItem              *self);
void                kh_item_set_content_html    (KhItem              *self,
                                                 const char          *html);
const char         *kh_item_get_banner_image    (KhItem              *self);
void                kh_item_set_banner_image    (KhItem              *self,
                                                 const char          *banner_image);
GPtrArray          *kh_item_get_attachments     (KhItem              *self);
void                kh_item_add_attachment      (KhItem              *self,
                                                 KhAttachment        *attachment);
void                kh_item_clear_attachments   (KhItem              *self);

G_END_DECLS
