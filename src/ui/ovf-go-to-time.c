/* ovf-go-to-time.c: the popover that takes a typed time to go to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ovf-go-to-time.h"
#include "ovf-time-format.h"

/* It opens on the current time, ready to be typed over, and hands what
 * was typed to its owner, which reads it and says why when it cannot go
 * there; the popover closes once it can. */

struct _OvfGoToTime
{
  GtkPopover  parent_instance;

  GtkEntry   *entry;
  GtkLabel   *error_label;

  OvfTime     time;
};

G_DEFINE_FINAL_TYPE (OvfGoToTime, ovf_go_to_time, GTK_TYPE_POPOVER)

enum {
  ENTERED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
ovf_go_to_time_set_error (OvfGoToTime *self,
                          const char  *message)
{
  GtkWidget *entry;

  g_return_if_fail (OVF_IS_GO_TO_TIME (self));

  entry = GTK_WIDGET (self->entry);
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
ovf_go_to_time_show (GtkWidget *widget)
{
  OvfGoToTime *self = OVF_GO_TO_TIME (widget);
  g_autofree char *text = ovf_time_format (self->time, NULL, "%Y-%m-%d %H:%M");

  GTK_WIDGET_CLASS (ovf_go_to_time_parent_class)->show (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  ovf_go_to_time_set_error (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

static void
entry_changed (OvfGoToTime *self)
{
  ovf_go_to_time_set_error (self, NULL);
}

static void
entry_activate (OvfGoToTime *self)
{
  ovf_go_to_time_set_error (self, NULL);
  g_signal_emit (self, signals[ENTERED], 0, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    gtk_popover_popdown (GTK_POPOVER (self));
}

static void
ovf_go_to_time_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), OVF_TYPE_GO_TO_TIME);

  G_OBJECT_CLASS (ovf_go_to_time_parent_class)->dispose (object);
}

static void
ovf_go_to_time_class_init (OvfGoToTimeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ovf_go_to_time_dispose;
  widget_class->show = ovf_go_to_time_show;

  /* Emitted with the text when the user presses Enter or Go. A handler
   * that cannot go there calls ovf_go_to_time_set_error(); otherwise the
   * popover closes. */
  signals[ENTERED] =
    g_signal_new ("entered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ovf-go-to-time.ui");
  gtk_widget_class_bind_template_child (widget_class, OvfGoToTime, entry);
  gtk_widget_class_bind_template_child (widget_class, OvfGoToTime, error_label);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate);
}

static void
ovf_go_to_time_init (OvfGoToTime *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ovf_go_to_time_new (void)
{
  return g_object_new (OVF_TYPE_GO_TO_TIME, NULL);
}

void
ovf_go_to_time_set_time (OvfGoToTime *self,
                         OvfTime      time)
{
  g_return_if_fail (OVF_IS_GO_TO_TIME (self));

  self->time = time;
}
