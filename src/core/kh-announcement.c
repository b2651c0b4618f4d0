/* kh-announcement.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "kh-announcement.h"
#include "kh-item.h"

void
kh_announcement_free (KhAnnouncement *announcement)
{
  if (announcement == NULL)
    return;
  g_free (announcement->id);
  g_free (announcement->title);
  g_free (announcement->body);
  g_free (announcement->item_id);
  g_free (announcement);
}

static KhAnnouncement *
announce_item (KhItem *item)
{
  KhAnnouncement *announcement = g_new0 (KhAnnouncement, 1);

  announcement->id = g_strconcat ("breaking-", kh_item_get_id (item), NULL);
  announcement->title = g_strdup (_("Breaking news"));
  announcement->body = g_markup_escape_text (kh_item_get_title (item), -1);
  announcement->item_id = g_strdup (kh_item_get_id (item));
  return announcement;
}

static KhAnnouncement *
announce_count (guint n_items)
{
  KhAnnouncement *announcement = g_new0 (KhAnnouncement, 1);

  announcement->id = g_strdup ("breaking");
  announcement->title = g_strdup (_("Breaking news"));
  announcement->body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%u breaking item arrived",
                                                     "%u breaking items arrived", n_items),
                                        n_items);
  return announcement;
}

/**
 * kh_announce_breaking:
 * @added: (element-type KhItem): items new in a refresh
 *
 * Returns: (transfer full) (element-type KhAnnouncement): one announcement
 *   per breaking item, or one for them all when there are many
 */
GPtrArray *
kh_announce_breaking (GPtrArray *added)
{
  GPtrArray *announcements = g_ptr_array_new_with_free_func ((GDestroyNotify) kh_announcement_free);
  g_autoptr(GPtrArray) breaking = g_ptr_array_new ();

  for (guint i = 0; i < added->len; i++)
    if (kh_item_get_breaking (added->pdata[i]))
      g_ptr_array_add (breaking, added->pdata[i]);

  if (breaking->len > KH_ANNOUNCEMENT_MAX_SEPARATE)
    {
      g_ptr_array_add (announcements, announce_count (breaking->len));
      return announcements;
    }
  for (guint i = 0; i < breaking->len; i++)
    g_ptr_array_add (announcements, announce_item (breaking->pdata[i]));
  return announcements;
}

void
kh_announcement_send (KhAnnouncement *announcement,
                      GApplication   *application)
{
  g_autoptr(GNotification) notification = g_notification_new (announcement->title);

  g_notification_set_body (notification, announcement->body);
  g_notification_set_priority (notification, G_NOTIFICATION_PRIORITY_HIGH);
  if (announcement->item_id != NULL)
    g_notification_set_default_action_and_target (notification, "app.show-item", "s",
                                                  announcement->item_id);
  g_application_send_notification (application, announcement->id, notification);
}
