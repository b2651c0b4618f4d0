/* kh-bidi.c
 *
 * GTK lays a label out in its widget's direction.  Giving each label the
 * direction of its own first strong character makes an Arabic paragraph
 * start on the right in an English interface and an English one start on
 * the left in an Arabic interface.  Text with no strong character follows
 * the interface.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "kh-text.h"
#include "kh-bidi.h"

/* The core's direction as GTK's; NONE for text without a strong character. */
GtkTextDirection
kh_bidi_direction_from_core (KhTextDirection direction)
{
  switch (direction)
    {
    case KH_TEXT_DIRECTION_RTL:
      return GTK_TEXT_DIR_RTL;
    case KH_TEXT_DIRECTION_LTR:
      return GTK_TEXT_DIR_LTR;
    case KH_TEXT_DIRECTION_NEUTRAL:
    default:
      return GTK_TEXT_DIR_NONE;
    }
}

GtkTextDirection
kh_bidi_direction_for_text (const char *text)
{
  return kh_bidi_direction_from_core (kh_text_get_direction (text));
}

/* Sets plain text (never markup) and the direction that text calls for. */
void
kh_bidi_label_set_text (GtkLabel   *label,
                        const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_direction (GTK_WIDGET (label), kh_bidi_direction_for_text (text));
}

/*
 * GTK widgets without a direction of their own follow the interface's
 * default, not their parent: a group that must read in one direction sets
 * it on every widget in it.
 */
void
kh_bidi_set_direction_recursive (GtkWidget        *widget,
                                 GtkTextDirection  direction)
{
  gtk_widget_set_direction (widget, direction);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    kh_bidi_set_direction_recursive (child, direction);
}
