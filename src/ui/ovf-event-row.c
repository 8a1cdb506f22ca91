/* ovf-event-row.c: one event in the sidebar's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ovf-event-format.h"
#include "ovf-event-row.h"
#include "ovf-time-format.h"

struct _OvfEventRow
{
  GtkWidget  parent_instance;

  GtkLabel  *day_label;
  GtkImage  *category_icon;
  GtkLabel  *title_label;
  GtkLabel  *meta_label;

  OvfEvent  *event;
};

G_DEFINE_FINAL_TYPE (OvfEventRow, ovf_event_row, GTK_TYPE_WIDGET)

static void
ovf_event_row_set_category_class (OvfEventRow *self,
                                  OvfEvent    *event)
{
  for (guint i = 0; i < OVF_N_CATEGORIES; i++)
    {
      g_autofree char *css_class = g_strconcat ("category-", ovf_category_to_string (i), NULL);

      if (event != NULL && ovf_event_get_category (event) == i)
        gtk_widget_add_css_class (GTK_WIDGET (self->category_icon), css_class);
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->category_icon), css_class);
    }
}

static void
ovf_event_row_update (OvfEventRow *self,
                      gboolean     show_day)
{
  g_autofree char *day = NULL;
  g_autofree char *clock = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *accessible = NULL;
  OvfCategory category;

  ovf_event_row_set_category_class (self, self->event);
  if (self->event == NULL)
    return;

  category = ovf_event_get_category (self->event);
  day = ovf_time_format_day_utc (ovf_event_get_time (self->event));
  clock = ovf_time_format_clock_utc (ovf_event_get_time (self->event));

  gtk_label_set_text (self->day_label, day);
  gtk_widget_set_visible (GTK_WIDGET (self->day_label), show_day);
  gtk_image_set_from_icon_name (self->category_icon, ovf_category_get_icon_name (category));
  gtk_label_set_text (self->title_label, ovf_event_get_title (self->event));

  /* Translators: a list row's details: time, category, confidence. */
  meta = g_strdup_printf (_("%s UTC · %s · %s"), clock, ovf_category_get_label (category),
                          ovf_confidence_get_label (ovf_event_get_confidence (self->event)));
  gtk_label_set_text (self->meta_label, meta);

  /* One sentence for screen readers instead of four fragments. */
  /* Translators: read by screen readers: day, time, category, confidence, title. */
  accessible = g_strdup_printf (_("%s, %s UTC, %s, %s: %s"), day, clock,
                                ovf_category_get_label (category),
                                ovf_confidence_get_label (ovf_event_get_confidence (self->event)),
                                ovf_event_get_title (self->event));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  /* In a list the row sits in a list item, and that is what a screen
   * reader moves through; GTK 4.8 leaves it unnamed (GtkListItem's
   * accessible-label comes with GTK 4.12). */
  if (gtk_widget_get_parent (GTK_WIDGET (self)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (GTK_WIDGET (self))),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                    -1);
}

static void
ovf_event_row_dispose (GObject *object)
{
  OvfEventRow *self = OVF_EVENT_ROW (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), OVF_TYPE_EVENT_ROW);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->event);

  G_OBJECT_CLASS (ovf_event_row_parent_class)->dispose (object);
}

static void
ovf_event_row_class_init (OvfEventRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ovf_event_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ovf-event-row.ui");
  gtk_widget_class_bind_template_child (widget_class, OvfEventRow, day_label);
  gtk_widget_class_bind_template_child (widget_class, OvfEventRow, category_icon);
  gtk_widget_class_bind_template_child (widget_class, OvfEventRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, OvfEventRow, meta_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_GRID_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ovf-event-row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ovf_event_row_init (OvfEventRow *self)
{
  GtkGridLayout *grid = GTK_GRID_LAYOUT (gtk_widget_get_layout_manager (GTK_WIDGET (self)));

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_grid_layout_set_column_spacing (grid, 12);
  gtk_grid_layout_set_row_spacing (grid, 2);
}

GtkWidget *
ovf_event_row_new (void)
{
  return g_object_new (OVF_TYPE_EVENT_ROW, NULL);
}

OvfEvent *
ovf_event_row_get_event (OvfEventRow *self)
{
  g_return_val_if_fail (OVF_IS_EVENT_ROW (self), NULL);

  return self->event;
}

void
ovf_event_row_set_event (OvfEventRow *self,
                         OvfEvent    *event,
                         gboolean     show_day)
{
  g_return_if_fail (OVF_IS_EVENT_ROW (self));
  g_return_if_fail (event == NULL || OVF_IS_EVENT (event));

  g_set_object (&self->event, event);
  ovf_event_row_update (self, show_day);
}

void
ovf_event_row_set_current (OvfEventRow *self,
                           gboolean     current)
{
  g_return_if_fail (OVF_IS_EVENT_ROW (self));

  if (current)
    gtk_widget_add_css_class (GTK_WIDGET (self), "current");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "current");
}
