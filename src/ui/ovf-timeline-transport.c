/* ovf-timeline-transport.c: the timeline's playback and stepping
 *
 * Play and pause on the frame clock, the speed menu, stepping by a given
 * time, going to the start or the end and to the previous or next event:
 * the timeline.* actions that the buttons, the scrubber's keys and the
 * window's keys all activate. Each stops at the ends of the span.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ovf-lazy-menu.h"
#include "ovf-timeline-private.h"

/* A stalled frame clock (a suspended laptop, a debugger) must not make
 * playback leap. */
#define MAX_FRAME_STEP (G_USEC_PER_SEC / 4)

/* The speed menu's choices, in simulated seconds per second. */
static const double speed_presets[] = { 60, 600, 3600, 6 * 3600, 24 * 3600 };

char *
ovf_timeline_format_speed (double speed)
{
  guint n;

  if (speed >= 86400 && fmod (speed, 86400) == 0)
    {
      n = (guint) (speed / 86400);
      /* Translators: playback speed, simulated days per real second */
      return g_strdup_printf (ngettext ("%u day/s", "%u days/s", n), n);
    }
  if (speed >= 3600 && fmod (speed, 3600) == 0)
    {
      /* Translators: playback speed, simulated hours per real second */
      return g_strdup_printf (_("%u h/s"), (guint) (speed / 3600));
    }
  if (speed >= 60 && fmod (speed, 60) == 0)
    {
      /* Translators: playback speed, simulated minutes per real second */
      return g_strdup_printf (_("%u min/s"), (guint) (speed / 60));
    }

  /* Translators: playback speed, simulated seconds per real second */
  return g_strdup_printf (_("%.0f s/s"), speed);
}

static gboolean
playback_tick (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  OvfTimeline *self = OVF_TIMELINE (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  gint64 elapsed = self->last_frame_time == 0 ? 0 : MIN (now - self->last_frame_time, MAX_FRAME_STEP);
  OvfTime next;

  self->last_frame_time = now;

  /* While the user drags the playhead, playback holds still. */
  if (self->scrubbing || elapsed <= 0)
    return G_SOURCE_CONTINUE;

  next = self->time + (OvfTime) llround (elapsed * self->speed);
  if (next < self->end)
    {
      ovf_timeline_set_time (self, next);
      return G_SOURCE_CONTINUE;
    }

  self->tick_id = 0;
  ovf_timeline_set_time (self, self->end);
  ovf_timeline_set_playing (self, FALSE);
  return G_SOURCE_REMOVE;
}

void
ovf_timeline_update_play_button (OvfTimeline *self)
{
  GtkWidget *button = GTK_WIDGET (self->play_button);

  if (self->playing)
    {
      gtk_button_set_icon_name (self->play_button, "media-playback-pause-symbolic");
      gtk_widget_set_tooltip_text (button, _("Pause"));
    }
  else
    {
      gtk_button_set_icon_name (self->play_button, "media-playback-start-symbolic");
      gtk_widget_set_tooltip_text (button, _("Play"));
    }
}

/* Playing from the end replays the story. */
void
ovf_timeline_start_ticking (OvfTimeline *self)
{
  if (self->time >= self->end)
    ovf_timeline_set_time (self, self->start);
  self->last_frame_time = 0;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), playback_tick, NULL, NULL);
}

void
ovf_timeline_stop_ticking (OvfTimeline *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
}

static void
go_to_event (OvfTimeline *self,
             int          index)
{
  g_autoptr(OvfEvent) event = NULL;

  if (index < 0)
    return;

  event = g_list_model_get_item (ovf_dataset_get_events (self->dataset), index);
  ovf_timeline_set_selected_event (self, event);
  ovf_timeline_set_time (self, ovf_event_get_time (event));
}

static void
previous_event_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  go_to_event (self, ovf_dataset_find_previous_event (self->dataset, self->time));
}

static void
next_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  go_to_event (self, ovf_dataset_find_next_event (self->dataset, self->time));
}

static void
faster_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  for (guint i = 0; i < G_N_ELEMENTS (speed_presets); i++)
    if (speed_presets[i] > self->speed)
      {
        ovf_timeline_set_speed (self, speed_presets[i]);
        return;
      }
}

static void
slower_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  for (guint i = G_N_ELEMENTS (speed_presets); i > 0; i--)
    if (speed_presets[i - 1] < self->speed)
      {
        ovf_timeline_set_speed (self, speed_presets[i - 1]);
        return;
      }
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);
  gint64 step = g_variant_get_int64 (parameter);

  /* Saturate rather than overflow near the ends of gint64. */
  if (step > 0 && self->time > G_MAXINT64 - step)
    ovf_timeline_set_time (self, self->end);
  else if (step < 0 && self->time < G_MININT64 + 1 - step)
    ovf_timeline_set_time (self, self->start);
  else
    ovf_timeline_set_time (self, self->time + step);
}

static void
go_to_start_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  ovf_timeline_set_time (self, self->start);
}

static void
go_to_end_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  ovf_timeline_set_time (self, self->end);
}

static GMenuModel *
create_speed_menu (void)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (speed_presets); i++)
    {
      g_autofree char *label = ovf_timeline_format_speed (speed_presets[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "timeline.speed",
                                               g_variant_new_double (speed_presets[i]));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

void
ovf_timeline_update_transport_actions (OvfTimeline *self)
{
  gboolean loaded = self->dataset != NULL && self->end > self->start;
  gboolean has_previous = loaded && ovf_dataset_find_previous_event (self->dataset, self->time) >= 0;
  gboolean has_next = loaded && ovf_dataset_find_next_event (self->dataset, self->time) >= 0;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "timeline.play", loaded);
  gtk_widget_action_set_enabled (widget, "timeline.step", loaded);
  gtk_widget_action_set_enabled (widget, "timeline.go-to-start", loaded);
  gtk_widget_action_set_enabled (widget, "timeline.go-to-end", loaded);
  gtk_widget_action_set_enabled (widget, "timeline.previous-event", has_previous);
  gtk_widget_action_set_enabled (widget, "timeline.next-event", has_next);
  gtk_widget_action_set_enabled (widget, "timeline.faster",
                                 self->speed < speed_presets[G_N_ELEMENTS (speed_presets) - 1]);
  gtk_widget_action_set_enabled (widget, "timeline.slower", self->speed > speed_presets[0]);
}

/* After the timeline's properties: two actions stand for them. */
void
ovf_timeline_class_init_transport (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_property_action (widget_class, "timeline.play", "playing");
  gtk_widget_class_install_property_action (widget_class, "timeline.speed", "speed");
  gtk_widget_class_install_action (widget_class, "timeline.previous-event", NULL, previous_event_action);
  gtk_widget_class_install_action (widget_class, "timeline.next-event", NULL, next_event_action);
  gtk_widget_class_install_action (widget_class, "timeline.faster", NULL, faster_action);
  gtk_widget_class_install_action (widget_class, "timeline.slower", NULL, slower_action);
  gtk_widget_class_install_action (widget_class, "timeline.step", "x", step_action);
  gtk_widget_class_install_action (widget_class, "timeline.go-to-start", NULL, go_to_start_action);
  gtk_widget_class_install_action (widget_class, "timeline.go-to-end", NULL, go_to_end_action);
}

void
ovf_timeline_init_transport (OvfTimeline *self)
{
  g_autoptr(GMenuModel) speed_menu = create_speed_menu ();
  g_autofree char *speed_label = ovf_timeline_format_speed (self->speed);

  ovf_menu_button_set_lazy_menu (self->speed_button, speed_menu);
  gtk_menu_button_set_label (self->speed_button, speed_label);
  ovf_timeline_update_play_button (self);
}
