/* kh-clamp.c
 *
 * Long lines tire the eye: the article column grows with the window only up
 * to a maximum width, then stays centred.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kh-clamp.h"

struct _KhClamp
{
  GtkWidget  parent_instance;

  GtkWidget *child;
  int        maximum_width;
};

static void kh_clamp_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KhClamp, kh_clamp, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE, kh_clamp_buildable_init))

enum {
  PROP_0,
  PROP_CHILD,
  PROP_MAXIMUM_WIDTH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

static void
kh_clamp_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  KhClamp *self = KH_CLAMP (widget);

  *minimum = *natural = 0;
  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;

  if (orientation == GTK_ORIENTATION_VERTICAL && for_size >= 0)
    for_size = MIN (for_size, self->maximum_width);

  gtk_widget_measure (self->child, orientation, for_size, minimum, natural, NULL, NULL);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, MIN (*natural, self->maximum_width));
}

/* Without this, containers treat the clamp as of constant size and measure
 * its height for no particular width: wrapped text would then come up short
 * and squeeze the lead image to nothing. */
static GtkSizeRequestMode
kh_clamp_get_request_mode (GtkWidget *widget)
{
  KhClamp *self = KH_CLAMP (widget);

  if (self->child == NULL)
    return GTK_SIZE_REQUEST_CONSTANT_SIZE;
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
kh_clamp_size_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  KhClamp *self = KH_CLAMP (widget);
  int child_minimum;
  int child_width;

  if (self->child == NULL || !gtk_widget_should_layout (self->child))
    return;

  gtk_widget_measure (self->child, GTK_ORIENTATION_HORIZONTAL, -1, &child_minimum, NULL, NULL, NULL);
  child_width = MAX (child_minimum, MIN (width, self->maximum_width));
  child_width = MIN (child_width, MAX (width, child_minimum));

  gtk_widget_size_allocate (self->child,
                            &(GtkAllocation) { (width - child_width) / 2, 0, child_width, height },
                            baseline);
}

static void
kh_clamp_dispose (GObject *object)
{
  KhClamp *self = (KhClamp *) object;

  g_clear_pointer (&self->child, gtk_widget_unparent);

  G_OBJECT_CLASS (kh_clamp_parent_class)->dispose (object);
}

static void
kh_clamp_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  KhClamp *self = KH_CLAMP (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      g_value_set_object (value, self->child);
      break;

    case PROP_MAXIMUM_WIDTH:
      g_value_set_int (value, self->maximum_width);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kh_clamp_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  KhClamp *self = KH_CLAMP (object);

  switch (prop_id)
    {
    case PROP_CHILD:
      kh_clamp_set_child (self, g_value_get_object (value));
      break;

    case PROP_MAXIMUM_WIDTH:
      kh_clamp_set_maximum_width (self, g_value_get_int (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kh_clamp_class_init (KhClampClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kh_clamp_dispose;
  object_class->get_property = kh_clamp_get_property;
  object_class->set_property = kh_clamp_set_property;
  widget_class->measure = kh_clamp_measure;
  widget_class->get_request_mode = kh_clamp_get_request_mode;
  widget_class->size_allocate = kh_clamp_size_allocate;

  properties[PROP_CHILD] =
    g_param_spec_object ("child", NULL, NULL, GTK_TYPE_WIDGET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MAXIMUM_WIDTH] =
    g_param_spec_int ("maximum-width", NULL, NULL, 0, G_MAXINT, 760,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "khclamp");
}

static void
kh_clamp_init (KhClamp *self)
{
  self->maximum_width = 760;
}

static void
kh_clamp_buildable_add_child (GtkBuildable *buildable,
                              GtkBuilder   *builder,
                              GObject      *child,
                              const char   *type)
{
  if (GTK_IS_WIDGET (child))
    kh_clamp_set_child (KH_CLAMP (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
kh_clamp_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = kh_clamp_buildable_add_child;
}

GtkWidget *
kh_clamp_get_child (KhClamp *self)
{
  g_return_val_if_fail (KH_IS_CLAMP (self), NULL);
  return self->child;
}

void
kh_clamp_set_child (KhClamp   *self,
                    GtkWidget *child)
{
  g_return_if_fail (KH_IS_CLAMP (self));

  if (self->child == child)
    return;
  g_clear_pointer (&self->child, gtk_widget_unparent);
  if (child != NULL)
    {
      self->child = child;
      gtk_widget_set_parent (child, GTK_WIDGET (self));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHILD]);
}

/* The widest, in pixels, the child is given. */
int
kh_clamp_get_maximum_width (KhClamp *self)
{
  g_return_val_if_fail (KH_IS_CLAMP (self), 0);
  return self->maximum_width;
}

void
kh_clamp_set_maximum_width (KhClamp *self,
                            int      width)
{
  g_return_if_fail (KH_IS_CLAMP (self));

  if (self->maximum_width == width)
    return;
  self->maximum_width = width;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAXIMUM_WIDTH]);
}
