/* kh-settings.c
 *
 * Windows take a KhSettings rather than reading GSettings themselves, so a
 * test can hand each window settings of its own on the memory backend.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kh-font-scale.h"
#include "kh-settings.h"

struct _KhSettings
{
  GObject    parent_instance;

  GSettings *settings;
  char      *endpoint_url;
  int        font_scale;
};

G_DEFINE_FINAL_TYPE (KhSettings, kh_settings, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_FONT_SCALE,
  PROP_ENDPOINT_URL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
kh_settings_constructed (GObject *object)
{
  KhSettings *self = (KhSettings *) object;

  G_OBJECT_CLASS (kh_settings_parent_class)->constructed (object);

  g_settings_bind (self->settings, "font-scale", self, "font-scale", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "endpoint-url", self, "endpoint-url", G_SETTINGS_BIND_DEFAULT);
}

static void
kh_settings_dispose (GObject *object)
{
  KhSettings *self = (KhSettings *) object;

  if (self->settings != NULL)
    {
      g_settings_unbind (self, "font-scale");
      g_settings_unbind (self, "endpoint-url");
    }
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kh_settings_parent_class)->dispose (object);
}

static void
kh_settings_finalize (GObject *object)
{
  KhSettings *self = (KhSettings *) object;

  g_free (self->endpoint_url);

  G_OBJECT_CLASS (kh_settings_parent_class)->finalize (object);
}

static void
kh_settings_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KhSettings *self = KH_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_FONT_SCALE:
      g_value_set_int (value, self->font_scale);
      break;

    case PROP_ENDPOINT_URL:
      g_value_set_string (value, self->endpoint_url);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kh_settings_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  KhSettings *self = KH_SETTINGS (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_FONT_SCALE:
      kh_settings_set_font_scale (self, g_value_get_int (value));
      break;

    case PROP_ENDPOINT_URL:
      kh_settings_set_endpoint_url (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kh_settings_class_init (KhSettingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = kh_settings_constructed;
  object_class->dispose = kh_settings_dispose;
  object_class->finalize = kh_settings_finalize;
  object_class->get_property = kh_settings_get_property;
  object_class->set_property = kh_settings_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FONT_SCALE] =
    g_param_spec_int ("font-scale", NULL, NULL,
                      KH_FONT_SCALE_MIN, KH_FONT_SCALE_MAX, KH_FONT_SCALE_DEFAULT,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ENDPOINT_URL] =
    g_param_spec_string ("endpoint-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kh_settings_init (KhSettings *self)
{
  self->font_scale = KH_FONT_SCALE_DEFAULT;
}

KhSettings *
kh_settings_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (KH_TYPE_SETTINGS, "settings", settings, NULL);
}

GSettings *
kh_settings_get_gsettings (KhSettings *self)
{
  g_return_val_if_fail (KH_IS_SETTINGS (self), NULL);
  return self->settings;
}

/* The reading text size in percent, always one of the fixed steps. */
int
kh_settings_get_font_scale (KhSettings *self)
{
  g_return_val_if_fail (KH_IS_SETTINGS (self), KH_FONT_SCALE_DEFAULT);
  return self->font_scale;
}

void
kh_settings_set_font_scale (KhSettings *self,
                            int         percent)
{
  g_return_if_fail (KH_IS_SETTINGS (self));

  percent = kh_font_scale_snap (percent);
  if (self->font_scale == percent)
    return;
  self->font_scale = percent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FONT_SCALE]);
}

const char *
kh_settings_get_endpoint_url (KhSettings *self)
{
  g_return_val_if_fail (KH_IS_SETTINGS (self), NULL);
  return self->endpoint_url ? self->endpoint_url : DEFAULT_ENDPOINT;
}

void
kh_settings_set_endpoint_url (KhSettings *self,
                              const char *url)
{
  g_return_if_fail (KH_IS_SETTINGS (self));

  if (g_strcmp0 (self->endpoint_url, url) == 0)
    return;
  g_free (self->endpoint_url);
  self->endpoint_url = g_strdup (url);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENDPOINT_URL]);
}
