/* ovf-timeline-view.c: the timeline's scrubber, its view and its input
 *
 * Where times fall across the scrubber, which part of the span it shows
 * (zoomed and paged), and what pointer, wheel and keys do on it: drag the
 * playhead, click an event's tick, zoom and pan, step with the arrows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ovf-time-format.h"
#include "ovf-timeline-private.h"

#define PICK_DISTANCE   5.0
#define DRAG_THRESHOLD  3.0
/* Zooming stops at this much time across the scrubber. */
#define MIN_VIEW       (2 * OVF_TIME_HOUR)
#define ZOOM_STEP      1.25

double
ovf_timeline_time_to_x (OvfTime start,
                        OvfTime end,
                        double  width,
                        OvfTime time)
{
  if (end <= start)
    return 0;

  return width * ((double) (time - start) / (double) (end - start));
}

OvfTime
ovf_timeline_x_to_time (OvfTime start,
                        OvfTime end,
                        double  width,
                        double  x)
{
  if (end <= start || width <= 0)
    return start;

  x = CLAMP (x, 0, width);
  return start + (OvfTime) llround ((x / width) * (double) (end - start));
}

double
ovf_timeline_track_width (OvfTimeline *self)
{
  return MAX (1.0, gtk_widget_get_width (GTK_WIDGET (self->scrubber)) - 2 * PAD_X);
}

double
ovf_timeline_scrubber_time_to_x (OvfTimeline *self,
                                 OvfTime      time)
{
  return PAD_X + ovf_timeline_time_to_x (self->view_start, self->view_end,
                                         ovf_timeline_track_width (self), time);
}

static OvfTime
scrubber_x_to_time (OvfTimeline *self,
                    double       x)
{
  return ovf_timeline_x_to_time (self->view_start, self->view_end,
                                 ovf_timeline_track_width (self), x - PAD_X);
}

gboolean
ovf_timeline_in_view (OvfTimeline *self,
                      OvfTime      time)
{
  return time >= self->view_start && time <= self->view_end;
}

void
ovf_timeline_update_view_actions (OvfTimeline *self)
{
  gboolean loaded = self->dataset != NULL && self->end > self->start;
  gboolean zoomed = self->view_start > self->start || self->view_end < self->end;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "timeline.zoom-in",
                                 loaded && self->view_end - self->view_start > MIN_VIEW);
  gtk_widget_action_set_enabled (widget, "timeline.zoom-out", loaded && zoomed);
  gtk_widget_action_set_enabled (widget, "timeline.zoom-reset", loaded && zoomed);
}

/* Shows start..end, kept within the span and no narrower than MIN_VIEW
 * (or the whole span when that is shorter). */
void
ovf_timeline_set_view (OvfTimeline *self,
                       OvfTime      start,
                       OvfTime      end)
{
  OvfTime span = self->end - self->start;
  OvfTime width = CLAMP (end - start, MIN (MIN_VIEW, span), span);

  start = CLAMP (start, self->start, self->end - width);
  if (start == self->view_start && start + width == self->view_end)
    return;

  self->view_start = start;
  self->view_end = start + width;
  ovf_timeline_update_view_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->scrubber));
}

/* Zooms by @factor (> 1: out) keeping @anchor where it is on screen.
 * The arithmetic stays in doubles clamped to the span, so no factor a
 * scroll device sends can overflow the conversion back. */
static void
zoom_view (OvfTimeline *self,
           double       factor,
           OvfTime      anchor)
{
  double width = (double) (self->view_end - self->view_start);
  double span = (double) (self->end - self->start);
  double new_width = CLAMP (width * factor, 0, span);
  double start = anchor - (double) (anchor - self->view_start) * (new_width / MAX (width, 1));

  start = CLAMP (start, (double) self->start, (double) self->end - new_width);
  ovf_timeline_set_view (self, (OvfTime) start, (OvfTime) (start + new_width));
}

/* The event whose tick is nearest to x, within PICK_DISTANCE; NULL if
 * none. */
static OvfEvent *
pick_event (OvfTimeline *self,
            double       x)
{
  GListModel *events;
  OvfEvent *best = NULL;
  double best_distance = PICK_DISTANCE;
  guint n;

  if (self->dataset == NULL || self->end <= self->start)
    return NULL;

  events = ovf_dataset_get_events (self->dataset);
  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OvfEvent) event = g_list_model_get_item (events, i);
      double distance = fabs (ovf_timeline_scrubber_time_to_x (self, ovf_event_get_time (event)) - x);

      if (distance <= best_distance && ovf_timeline_in_view (self, ovf_event_get_time (event)))
        {
          best = event;
          best_distance = distance;
        }
    }

  return best;
}

static gboolean
in_event_lane (OvfTimeline *self,
               double       y)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->scrubber));

  return y >= height - EVENT_LANE - BASELINE_GAP / 2;
}

static void
scrubber_drag_begin (GtkGestureDrag *gesture,
                     double          x,
                     double          y,
                     OvfTimeline    *self)
{
  if (self->dataset == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self->scrubber));
  self->press_x = x;
  self->press_event = in_event_lane (self, y) ? pick_event (self, x) : NULL;

  /* A press on a tick waits to see whether it is a click or a drag. */
  if (self->press_event == NULL)
    {
      self->scrubbing = TRUE;
      ovf_timeline_set_time (self, scrubber_x_to_time (self, x));
    }
}

static void
scrubber_drag_update (GtkGestureDrag *gesture,
                      double          dx,
                      double          dy,
                      OvfTimeline    *self)
{
  if (self->press_event != NULL && fabs (dx) >= DRAG_THRESHOLD)
    {
      self->press_event = NULL;
      self->scrubbing = TRUE;
    }

  if (self->scrubbing)
    ovf_timeline_set_time (self, scrubber_x_to_time (self, self->press_x + dx));
}

static void
scrubber_drag_end (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   OvfTimeline    *self)
{
  OvfEvent *event = g_steal_pointer (&self->press_event);

  self->scrubbing = FALSE;
  if (event != NULL)
    ovf_timeline_activate_event (self, event);
}

/* A broken grab must not leave playback held still. */
static void
scrubber_drag_cancel (GtkGesture       *gesture,
                      GdkEventSequence *sequence,
                      OvfTimeline      *self)
{
  self->press_event = NULL;
  self->scrubbing = FALSE;
}

static void
set_hover_event (OvfTimeline *self,
                 OvfEvent    *event)
{
  if (self->hover_event == event)
    return;

  self->hover_event = event;
  gtk_widget_queue_draw (GTK_WIDGET (self->scrubber));
}

static void
scrubber_motion (GtkEventControllerMotion *controller,
                 double                    x,
                 double                    y,
                 OvfTimeline              *self)
{
  self->pointer_x = x;
  set_hover_event (self, in_event_lane (self, y) ? pick_event (self, x) : NULL);
}

/* Vertical scrolling zooms around the pointer; horizontal scrolling (or
 * Shift with a wheel) pans. */
static gboolean
scrubber_scroll (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 OvfTimeline              *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double width = (double) (self->view_end - self->view_start);

  if (self->dataset == NULL || self->end <= self->start)
    return FALSE;

  if (state & GDK_SHIFT_MASK)
    {
      dx += dy;
      dy = 0;
    }

  /* A tenth of the view per step; a flung touchpad gives many at once. */
  dx = CLAMP (dx, -10, 10);
  dy = CLAMP (dy, -10, 10);
  if (dx != 0)
    ovf_timeline_set_view (self, self->view_start + (OvfTime) (dx * width / 10),
                           self->view_end + (OvfTime) (dx * width / 10));
  if (dy != 0)
    zoom_view (self, pow (ZOOM_STEP, dy), scrubber_x_to_time (self, self->pointer_x));

  return TRUE;
}

static void
scrubber_leave (GtkEventControllerMotion *controller,
                OvfTimeline              *self)
{
  set_hover_event (self, NULL);
}

static gboolean
scrubber_query_tooltip (GtkWidget   *widget,
                        int          x,
                        int          y,
                        gboolean     keyboard_mode,
                        GtkTooltip  *tooltip,
                        OvfTimeline *self)
{
  g_autofree char *when = NULL;
  OvfEvent *event;

  if (self->dataset == NULL || self->end <= self->start)
    return FALSE;

  event = keyboard_mode ? NULL : (in_event_lane (self, y) ? pick_event (self, x) : NULL);
  when = ovf_time_format_short_utc (event != NULL ? ovf_event_get_time (event)
                                   : keyboard_mode ? self->time
                                                   : scrubber_x_to_time (self, x));

  if (event != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s\n%s", ovf_event_get_title (event), when);

      /* Titles are plain text from the dataset, never markup. */
      gtk_tooltip_set_text (tooltip, text);
    }
  else
    {
      gtk_tooltip_set_text (tooltip, when);
    }

  return TRUE;
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  zoom_view (self, 1 / (ZOOM_STEP * ZOOM_STEP), self->time);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  zoom_view (self, ZOOM_STEP * ZOOM_STEP, self->time);
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  ovf_timeline_set_view (self, self->start, self->end);
}

static void
add_scrubber_shortcut (GtkShortcutController *controller,
                       guint                  keyval,
                       GdkModifierType        modifiers,
                       const char            *action,
                       GVariant              *arguments)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_named_action_new (action));

  if (arguments != NULL)
    gtk_shortcut_set_arguments (shortcut, arguments);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

/* Gives the scrubber its drawing, pointer and keys. The keys work while
 * it has the focus, the arrows in finer steps than the window's; Page
 * Up/Down step through events as the window's keys and presentation
 * clickers do. */
void
ovf_timeline_init_view (OvfTimeline *self)
{
  GtkWidget *scrubber = GTK_WIDGET (self->scrubber);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkShortcutController *sc = GTK_SHORTCUT_CONTROLLER (shortcuts);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  const struct {
    guint keyval;
    GdkModifierType modifiers;
    gint64 step;
  } steps[] = {
    { GDK_KEY_Left, 0, -OVF_TIMELINE_STEP_SMALL },
    { GDK_KEY_Right, 0, OVF_TIMELINE_STEP_SMALL },
    { GDK_KEY_Left, GDK_SHIFT_MASK, -OVF_TIMELINE_STEP_LARGE },
    { GDK_KEY_Right, GDK_SHIFT_MASK, OVF_TIMELINE_STEP_LARGE },
    { GDK_KEY_Left, GDK_CONTROL_MASK, -OVF_TIMELINE_STEP_DAY },
    { GDK_KEY_Right, GDK_CONTROL_MASK, OVF_TIMELINE_STEP_DAY },
    { GDK_KEY_Down, 0, -OVF_TIMELINE_STEP_SMALL },
    { GDK_KEY_Up, 0, OVF_TIMELINE_STEP_SMALL },
  };

  ovf_scrubber_set_draw_func (self->scrubber, ovf_timeline_draw_scrubber, self, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    add_scrubber_shortcut (sc, steps[i].keyval, steps[i].modifiers, "timeline.step",
                           g_variant_new_int64 (steps[i].step));
  add_scrubber_shortcut (sc, GDK_KEY_Home, 0, "timeline.go-to-start", NULL);
  add_scrubber_shortcut (sc, GDK_KEY_End, 0, "timeline.go-to-end", NULL);
  add_scrubber_shortcut (sc, GDK_KEY_Page_Up, 0, "timeline.previous-event", NULL);
  add_scrubber_shortcut (sc, GDK_KEY_Page_Down, 0, "timeline.next-event", NULL);
  add_scrubber_shortcut (sc, GDK_KEY_space, 0, "timeline.play", NULL);
  gtk_widget_add_controller (scrubber, shortcuts);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (scrubber_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (scrubber_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (scrubber_drag_end), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (scrubber_drag_cancel), self);
  gtk_widget_add_controller (scrubber, GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (motion, "motion", G_CALLBACK (scrubber_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (scrubber_leave), self);
  gtk_widget_add_controller (scrubber, motion);

  g_signal_connect (scroll, "scroll", G_CALLBACK (scrubber_scroll), self);
  gtk_widget_add_controller (scrubber, scroll);

  g_signal_connect (scrubber, "query-tooltip", G_CALLBACK (scrubber_query_tooltip), self);
  g_signal_connect_swapped (scrubber, "notify::has-focus", G_CALLBACK (gtk_widget_queue_draw), scrubber);
}

void
ovf_timeline_class_init_view (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-reset", NULL, zoom_reset_action);
}
