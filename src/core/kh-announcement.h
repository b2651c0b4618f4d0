/* kh-announcement.h: what the desktop is told when breaking news arrives
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* More breaking items than this at once make one announcement, not many. */
#define KH_ANNOUNCEMENT_MAX_SEPARATE 3

/**
 * KhAnnouncement:
 * @id: the notification's id, one per item so a repeat replaces it
 * @title: plain text
 * @body: the body, escaped: some notification servers read it as markup
 * @item_id: (nullable): the item app.show-item opens, if just one
 */
typedef struct
{
  char *id;
  char *title;
  char *body;
  char *item_id;
} KhAnnouncement;

void       kh_announcement_free      (KhAnnouncement *announcement);
GPtrArray *kh_announce_breaking      (GPtrArray      *added);
void       kh_announcement_send      (KhAnnouncement *announcement,
                                      GApplication   *application);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KhAnnouncement, kh_announcement_free)

G_END_DECLS
