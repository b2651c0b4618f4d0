/* kh-sidebar-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "kh-bidi.h"
#include "kh-date.h"
#include "kh-sidebar-row.h"

struct _KhSidebarRow
{
  GtkWidget  parent_instance;

  KhItem    *item;

  GtkWidget *box;
  GtkLabel  *time_label;
  GtkWidget *breaking_label;
  GtkWidget *unread_dot;
  GtkWidget *star_icon;
  GtkInscription *title_label;
};

G_DEFINE_FINAL_TYPE (KhSidebarRow, kh_sidebar_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void update_state (KhSidebarRow *self);

static void
update_row (KhSidebarRow *self)
{
  g_autoptr(GDateTime) now = kh_date_now_local ();
  g_autofree char *time = NULL;
  const char *title = "";
  gboolean breaking = FALSE;

  if (self->item != NULL)
    {
      time = kh_date_format_row_time (kh_item_get_published (self->item), now);
      title = kh_item_get_title (self->item);
      breaking = kh_item_get_breaking (self->item);
    }

  gtk_label_set_text (self->time_label, time ? time : "");
  gtk_widget_set_visible (self->breaking_label, breaking);
  gtk_inscription_set_text (self->title_label, title);
  /* The whole row reads in its title's direction: time and mark at its
   * start.  A row between two items keeps its direction: a flip there and
   * back restyles every widget in it, and the list rebinds its rows each
   * time items go in above them. */
  if (self->item != NULL)
    kh_bidi_set_direction_recursive (GTK_WIDGET (self), kh_bidi_direction_for_text (title));
  update_state (self);
}

/* Read and starred are said in words too, for screen readers. */
static void
update_state (KhSidebarRow *self)
{
  gboolean unread = self->item != NULL && !kh_item_get_read (self->item);
  gboolean starred = self->item != NULL && kh_item_get_starred (self->item);
  g_autofree char *state = kh_sidebar_row_describe_state (self);

  gtk_widget_set_visible (self->unread_dot, unread);
  gtk_widget_set_visible (self->star_icon, starred);
  if (unread)
    gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "unread");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "unread");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_inscription_get_text (self->title_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, state,
                                  -1);
}

static void
connect_item (KhSidebarRow *self)
{
  g_signal_connect_object (self->item, "changed", G_CALLBACK (update_row), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->item, "notify::read", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->item, "notify::starred", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
}

static void
disconnect_item (KhSidebarRow *self)
{
  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
}

static void
kh_sidebar_row_dispose (GObject *object)
{
  KhSidebarRow *self = (KhSidebarRow *) object;

  disconnect_item (self);
  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), KH_TYPE_SIDEBAR_ROW);

  G_OBJECT_CLASS (kh_sidebar_row_parent_class)->dispose (object);
}

static void
kh_sidebar_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KhSidebarRow *self = KH_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kh_sidebar_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KhSidebarRow *self = KH_SIDEBAR_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      kh_sidebar_row_set_item (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kh_sidebar_row_class_init (KhSidebarRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kh_sidebar_row_dispose;
  object_class->get_property = kh_sidebar_row_get_property;
  object_class->set_property = kh_sidebar_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, KH_TYPE_ITEM,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/kh-sidebar-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KhSidebarRow, box);
  gtk_widget_class_bind_template_child (widget_class, KhSidebarRow, time_label);
  gtk_widget_class_bind_template_child (widget_class, KhSidebarRow, breaking_label);
  gtk_widget_class_bind_template_child (widget_class, KhSidebarRow, unread_dot);
  gtk_widget_class_bind_template_child (widget_class, KhSidebarRow, star_icon);
  gtk_widget_class_bind_template_child (widget_class, KhSidebarRow, title_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "khsidebarrow");
}

static void
kh_sidebar_row_init (KhSidebarRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

KhItem *
kh_sidebar_row_get_item (KhSidebarRow *self)
{
  g_return_val_if_fail (KH_IS_SIDEBAR_ROW (self), NULL);
  return self->item;
}

void
kh_sidebar_row_set_item (KhSidebarRow *self,
                         KhItem       *item)
{
  g_return_if_fail (KH_IS_SIDEBAR_ROW (self));
  g_return_if_fail (item == NULL || KH_IS_ITEM (item));

  if (self->item == item)
    return;
  disconnect_item (self);
  g_set_object (&self->item, item);
  if (item != NULL)
    connect_item (self);
  update_row (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/**
 * kh_sidebar_row_describe_state:
 *
 * Returns: (transfer full): the row's state in words, e.g. "Unread,
 *   starred", as given to assistive technologies; empty for a read item
 */
char *
kh_sidebar_row_describe_state (KhSidebarRow *self)
{
  gboolean unread, starred;

  g_return_val_if_fail (KH_IS_SIDEBAR_ROW (self), NULL);

  unread = self->item != NULL && !kh_item_get_read (self->item);
  starred = self->item != NULL && kh_item_get_starred (self->item);
  if (unread && starred)
    return g_strdup (_("Unread, starred"));
  if (unread)
    return g_strdup (_("Unread"));
  if (starred)
    return g_strdup (_("Starred"));
  return g_strdup ("");
}
