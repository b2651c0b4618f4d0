/* kh-settings.h: the application's settings as object properties
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define KH_TYPE_SETTINGS (kh_settings_get_type ())

G_DECLARE_FINAL_TYPE (KhSettings, kh_settings, KH, SETTINGS, GObject)

KhSettings *kh_settings_new              (GSettings  *settings);
GSettings  *kh_settings_get_gsettings    (KhSettings *self);
int         kh_settings_get_font_scale   (KhSettings *self);
void        kh_settings_set_font_scale   (KhSettings *self,
                                          int         percent);
const char *kh_settings_get_endpoint_url (KhSettings *self);
void        kh_settings_set_endpoint_url (KhSettings *self,
                                          const char *url);

G_END_DECLS
