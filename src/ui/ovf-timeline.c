/* ovf-timeline.c: the scrubber, playback and clock along the window's bottom
 *
 * The widget itself: its state and properties, the clock and flight
 * labels, the time as screen readers get it, and going to a typed time.
 * The scrubber's view and input, its drawing, and the transport live in
 * the files ovf-timeline-private.h lists.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ovf-time-format.h"
#include "ovf-timeline-private.h"

G_DEFINE_FINAL_TYPE (OvfTimeline, ovf_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_TIME,
  PROP_PLAYING,
  PROP_SPEED,
  PROP_SELECTED_EVENT,
  PROP_TIMEZONE,
  N_PROPS
};

enum {
  EVENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_QUARK (ovf-timeline-error-quark, ovf_timeline_error)

/* "4 Feb 2023 19:39 UTC · 14:39 EST", or with the local date too when it
 * differs from the UTC one. */
static char *
format_clock (OvfTimeline *self)
{
  g_autoptr(GDateTime) utc = ovf_time_to_date_time (self->time, NULL);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *utc_text = NULL;
  g_autofree char *local_text = NULL;

  utc_text = ovf_time_format_short_utc (self->time);
  if (self->zone == NULL)
    return g_steal_pointer (&utc_text);

  local = g_date_time_to_timezone (utc, self->zone);
  if (g_date_time_get_day_of_month (local) == g_date_time_get_day_of_month (utc))
    local_text = ovf_time_format_clock_in_zone (self->time, self->zone);
  else
    /* Translators: local time on another day than the UTC one */
    local_text = g_date_time_format (local, _("%-d %b %H:%M %Z"));

  /* Translators: UTC time · local time */
  return g_strdup_printf (_("%s · %s"), utc_text, local_text);
}

/* What a screen reader says: "4 February 2023, 19:39 UTC (14:39 EST)". */
static char *
format_value_text (OvfTimeline *self)
{
  g_autofree char *utc_text = NULL;
  g_autofree char *local_text = NULL;

  utc_text = ovf_time_format_utc (self->time);
  if (self->zone == NULL)
    return g_steal_pointer (&utc_text);

  /* Translators: the local time for screen readers, after the UTC one */
  local_text = ovf_time_format (self->time, self->zone, _("%-d %B, %H:%M %Z"));
  /* Translators: UTC time (local time), read by screen readers */
  return g_strdup_printf (_("%s (%s)"), utc_text, local_text);
}

static char *
format_track_flight (OvfTimeline *self);

/* With several tracks the readout says whose it is. */
static char *
format_flight (OvfTimeline *self)
{
  g_autofree char *flight = format_track_flight (self);

  if (self->track == NULL || *flight == '\0' ||
      g_list_model_get_n_items (ovf_dataset_get_tracks (self->dataset)) < 2)
    return g_steal_pointer (&flight);
  /* Translators: a track's name, then its speed and altitude or where it is */
  return g_strdup_printf (_("%s: %s"), ovf_track_get_name (self->track), flight);
}

static char *
format_track_flight (OvfTimeline *self)
{
  g_autofree char *speed_text = NULL;
  g_autofree char *alt_text = NULL;
  OvfTrackFix fix;
  double kmh;

  if (self->track == NULL || ovf_track_get_n_points (self->track) == 0)
    return g_strdup ("");
  /* A route, or a line drawn by hand: a path with no clock. */
  if (!ovf_track_has_times (self->track))
    return g_strdup (_("No times in this track"));

  switch (ovf_track_locate (self->track, self->time, &fix))
    {
    case OVF_FLIGHT_BEFORE:
      return g_strdup (_("Before the first position"));
    case OVF_FLIGHT_AFTER:
      return g_strdup (_("After the last position"));
    case OVF_FLIGHT_WITHIN:
    default:
      break;
    }

  kmh = ovf_track_get_speed_kmh (self->track, self->time);
  if (isnan (kmh))
    speed_text = g_strdup (_("speed unknown"));
  else
    /* Translators: the balloon's ground speed */
    speed_text = g_strdup_printf (_("%.0f km/h"), kmh);

  if (isnan (fix.alt_m))
    alt_text = g_strdup (_("altitude unknown"));
  else
    /* Translators: altitude in kilometres, then in feet (as US reports give it) */
    alt_text = g_strdup_printf (_("%.1f km (%'.0f ft)"), fix.alt_m / 1000.0,
                                round (fix.alt_m / 0.3048 / 100) * 100);

  /* Translators: ground speed · altitude */
  return g_strdup_printf (_("%s · %s"), speed_text, alt_text);
}

static void
update_accessible_value (OvfTimeline *self)
{
  g_autofree char *text = format_value_text (self);
  g_autofree char *name = NULL;

  /* Screen readers hear each change, so only a new minute is one. */
  if (g_strcmp0 (text, self->value_text) == 0)
    return;

  g_free (self->value_text);
  self->value_text = g_steal_pointer (&text);
  /* The range's value, in seconds, is what AT-SPI reads as the slider's
   * current, minimum and maximum value. */
  self->syncing_value = TRUE;
  gtk_range_set_range (GTK_RANGE (self->scrubber),
                       (double) self->start / G_USEC_PER_SEC, (double) self->end / G_USEC_PER_SEC);
  gtk_range_set_value (GTK_RANGE (self->scrubber), (double) self->time / G_USEC_PER_SEC);
  self->syncing_value = FALSE;
  /* GTK 4.8 keeps the value text off the bus (AT-SPI's Value.Text came
   * later), so the name carries the time too: a screen reader reads it on
   * focus and again as it changes. */
  /* Translators: the timeline scrubber's name for screen readers; %s is the time */
  name = g_strdup_printf (_("Time, %s"), self->value_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scrubber),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, self->value_text,
                                  -1);
}

/* Only a screen reader sets the scrubber's value: it takes no input of
 * GtkRange's own. */
static void
scrubber_value_changed (OvfTimeline *self)
{
  if (self->syncing_value)
    return;

  ovf_timeline_set_time (self, (OvfTime) llround (gtk_range_get_value (GTK_RANGE (self->scrubber))
                                                  * G_USEC_PER_SEC));
}

static void
update_actions (OvfTimeline *self)
{
  gboolean loaded = self->dataset != NULL && self->end > self->start;

  ovf_timeline_update_transport_actions (self);
  ovf_timeline_update_view_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "timeline.go-to-time", loaded);
}

/* Everything that shows the time, after it changed. */
static void
update_time_display (OvfTimeline *self)
{
  g_autofree char *clock = NULL;
  g_autofree char *flight = NULL;

  ovf_go_to_time_set_time (self->go_to_time, self->time);
  if (self->dataset == NULL)
    {
      gtk_label_set_label (self->time_label, _("No dataset"));
      gtk_label_set_label (self->flight_label, "");
    }
  else if (self->end <= self->start && self->track != NULL && !ovf_track_has_times (self->track))
    {
      /* Nothing in the dataset has a time: no clock to show. */
      gtk_label_set_label (self->time_label, _("No times in this track"));
      gtk_label_set_label (self->flight_label, "");
    }
  else
    {
      clock = format_clock (self);
      flight = format_flight (self);
      gtk_label_set_label (self->time_label, clock);
      gtk_label_set_label (self->flight_label, flight);
      update_accessible_value (self);
    }

  update_actions (self);

  /* Playback moves the playhead by a fraction of a pixel per frame at
   * most speeds; redraw only when that would show. */
  if (fabs (ovf_timeline_scrubber_time_to_x (self, self->time) - self->drawn_playhead_x) >= 0.25)
    gtk_widget_queue_draw (GTK_WIDGET (self->scrubber));
}

/* As a click on the event's tick does. */
void
ovf_timeline_activate_event (OvfTimeline *self,
                             OvfEvent    *event)
{
  g_object_ref (event);
  ovf_timeline_set_selected_event (self, event);
  ovf_timeline_set_time (self, ovf_event_get_time (event));
  g_signal_emit (self, signals[EVENT_ACTIVATED], 0, event);
  g_object_unref (event);
}

static void
go_to_time_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  gtk_menu_button_popup (self->time_button);
}

static void
go_to_time_entered (OvfTimeline *self,
                    const char  *text)
{
  g_autoptr(GError) error = NULL;

  if (!ovf_timeline_go_to_text (self, text, &error))
    ovf_go_to_time_set_error (self->go_to_time, error->message);
}

gboolean
ovf_timeline_go_to_text (OvfTimeline  *self,
                         const char   *text,
                         GError      **error)
{
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  OvfTime time;

  g_return_val_if_fail (OVF_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!ovf_time_parse_typed (text, &time, error))
    return FALSE;

  if (self->dataset == NULL)
    {
      g_set_error_literal (error, OVF_TIMELINE_ERROR, OVF_TIMELINE_ERROR_OUT_OF_RANGE,
                           _("No dataset is open"));
      return FALSE;
    }

  if (time < self->start || time > self->end)
    {
      /* Translators: the dataset's first and last times; see g_date_time_format() */
      first_text = ovf_time_format (self->start, NULL, _("%-d %b %Y %H:%M"));
      last_text = ovf_time_format (self->end, NULL, _("%-d %b %Y %H:%M"));
      g_set_error (error, OVF_TIMELINE_ERROR, OVF_TIMELINE_ERROR_OUT_OF_RANGE,
                   _("That is outside this dataset, which runs from %s to %s UTC."),
                   first_text, last_text);
      return FALSE;
    }

  ovf_timeline_set_time (self, time);
  return TRUE;
}

static void
ovf_timeline_dispose (GObject *object)
{
  OvfTimeline *self = OVF_TIMELINE (object);
  GtkWidget *child;

  ovf_timeline_stop_ticking (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), OVF_TYPE_TIMELINE);
  /* Template children without an id are ours to unparent too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->hover_event = NULL;
  self->press_event = NULL;
  self->track = NULL;
  g_clear_object (&self->selected_event);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (ovf_timeline_parent_class)->dispose (object);
}

static void
ovf_timeline_finalize (GObject *object)
{
  OvfTimeline *self = OVF_TIMELINE (object);

  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_free (self->timezone);
  g_free (self->profile);
  g_free (self->value_text);

  G_OBJECT_CLASS (ovf_timeline_parent_class)->finalize (object);
}

static void
ovf_timeline_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  OvfTimeline *self = OVF_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_TIME:
      g_value_set_int64 (value, self->time);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    case PROP_SELECTED_EVENT:
      g_value_set_object (value, self->selected_event);
      break;
    case PROP_TIMEZONE:
      g_value_set_string (value, self->timezone);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ovf_timeline_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  OvfTimeline *self = OVF_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      ovf_timeline_set_dataset (self, g_value_get_object (value));
      break;
    case PROP_TIME:
      ovf_timeline_set_time (self, g_value_get_int64 (value));
      break;
    case PROP_PLAYING:
      ovf_timeline_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_SPEED:
      ovf_timeline_set_speed (self, g_value_get_double (value));
      break;
    case PROP_SELECTED_EVENT:
      ovf_timeline_set_selected_event (self, g_value_get_object (value));
      break;
    case PROP_TIMEZONE:
      ovf_timeline_set_timezone (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ovf_timeline_class_init (OvfTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ovf_timeline_dispose;
  object_class->finalize = ovf_timeline_finalize;
  object_class->get_property = ovf_timeline_get_property;
  object_class->set_property = ovf_timeline_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, OVF_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_int64 ("time", NULL, NULL, G_MININT64 + 1, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 1, 7 * 86400, OVF_TIMELINE_DEFAULT_SPEED,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_EVENT] =
    g_param_spec_object ("selected-event", NULL, NULL, OVF_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEZONE] =
    g_param_spec_string ("timezone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when the user clicks an event's tick; the timeline has already
   * selected the event and moved to its time. */
  signals[EVENT_ACTIVATED] =
    g_signal_new ("event-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, OVF_TYPE_EVENT);

  ovf_timeline_class_init_transport (widget_class);
  ovf_timeline_class_init_view (widget_class);
  gtk_widget_class_install_action (widget_class, "timeline.go-to-time", NULL, go_to_time_action);

  g_type_ensure (OVF_TYPE_GO_TO_TIME);
  g_type_ensure (OVF_TYPE_SCRUBBER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ovf-timeline.ui");
  gtk_widget_class_bind_template_child (widget_class, OvfTimeline, play_button);
  gtk_widget_class_bind_template_child (widget_class, OvfTimeline, speed_button);
  gtk_widget_class_bind_template_child (widget_class, OvfTimeline, time_button);
  gtk_widget_class_bind_template_child (widget_class, OvfTimeline, time_label);
  gtk_widget_class_bind_template_child (widget_class, OvfTimeline, flight_label);
  gtk_widget_class_bind_template_child (widget_class, OvfTimeline, go_to_time);
  gtk_widget_class_bind_template_child (widget_class, OvfTimeline, scrubber);
  gtk_widget_class_bind_template_callback (widget_class, go_to_time_entered);

  gtk_widget_class_set_css_name (widget_class, "timeline");
}

static void
ovf_timeline_init (OvfTimeline *self)
{
  self->speed = OVF_TIMELINE_DEFAULT_SPEED;

  gtk_widget_init_template (GTK_WIDGET (self));

  ovf_timeline_init_transport (self);
  ovf_timeline_init_view (self);
  g_signal_connect_swapped (self->scrubber, "value-changed", G_CALLBACK (scrubber_value_changed), self);
  update_time_display (self);
}

GtkWidget *
ovf_timeline_new (void)
{
  return g_object_new (OVF_TYPE_TIMELINE, NULL);
}

OvfDataset *
ovf_timeline_get_dataset (OvfTimeline *self)
{
  g_return_val_if_fail (OVF_IS_TIMELINE (self), NULL);

  return self->dataset;
}

void
ovf_timeline_set_dataset (OvfTimeline *self,
                          OvfDataset  *dataset)
{
  gboolean had_dataset;

  g_return_if_fail (OVF_IS_TIMELINE (self));
  g_return_if_fail (dataset == NULL || OVF_IS_DATASET (dataset));

  if (self->dataset == dataset)
    return;

  had_dataset = self->dataset != NULL;
  g_set_object (&self->dataset, dataset);
  self->track = dataset != NULL ? ovf_dataset_get_main_track (dataset) : NULL;
  self->max_altitude = self->track != NULL ? ovf_track_get_max_altitude (self->track) : 0;
  self->hover_event = NULL;
  self->press_event = NULL;
  g_clear_pointer (&self->profile, g_free);
  self->profile_width = 0;
  g_clear_pointer (&self->value_text, g_free);
  gtk_widget_queue_draw (GTK_WIDGET (self->scrubber));

  if (dataset != NULL)
    ovf_dataset_get_time_span (dataset, &self->start, &self->end);
  else
    self->start = self->end = 0;
  ovf_timeline_set_view (self, self->start, self->end);

  /* Events of another dataset are other objects, even after a reload. */
  ovf_timeline_set_selected_event (self, NULL);
  if (dataset == NULL)
    ovf_timeline_set_playing (self, FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);

  /* A reload keeps the moment; a first dataset starts at its beginning. */
  if (had_dataset)
    ovf_timeline_set_time (self, self->time);
  else
    ovf_timeline_set_time (self, self->start);
  update_time_display (self);
}

/**
 * ovf_timeline_set_track:
 * @track: (nullable): a track of the timeline's dataset, or %NULL for its
 *   main track
 *
 * Chooses the track whose altitude profile, speed and altitude the
 * timeline shows. A new dataset starts with its main track.
 */
void
ovf_timeline_set_track (OvfTimeline *self,
                        OvfTrack    *track)
{
  g_return_if_fail (OVF_IS_TIMELINE (self));
  g_return_if_fail (track == NULL || OVF_IS_TRACK (track));

  if (track == NULL && self->dataset != NULL)
    track = ovf_dataset_get_main_track (self->dataset);
  if (self->track == track)
    return;

  self->track = track;
  self->max_altitude = track != NULL ? ovf_track_get_max_altitude (track) : 0;
  g_clear_pointer (&self->profile, g_free);
  self->profile_width = 0;
  g_clear_pointer (&self->value_text, g_free);
  gtk_widget_queue_draw (GTK_WIDGET (self->scrubber));
  update_time_display (self);
}

OvfTrack *
ovf_timeline_get_track (OvfTimeline *self)
{
  g_return_val_if_fail (OVF_IS_TIMELINE (self), NULL);

  return self->track;
}

OvfTime
ovf_timeline_get_time (OvfTimeline *self)
{
  g_return_val_if_fail (OVF_IS_TIMELINE (self), 0);

  return self->time;
}

void
ovf_timeline_set_time (OvfTimeline *self,
                       OvfTime      time)
{
  g_return_if_fail (OVF_IS_TIMELINE (self));

  if (self->dataset != NULL)
    time = CLAMP (time, self->start, self->end);

  if (self->time == time)
    return;

  self->time = time;
  /* A time outside a zoomed-in view pages the view to it, as playback
   * runs off its right edge; dragging stays within the view anyway. */
  if (!ovf_timeline_in_view (self, time))
    {
      OvfTime width = self->view_end - self->view_start;
      OvfTime lead = time > self->view_end ? width / 10 : width * 9 / 10;

      ovf_timeline_set_view (self, time - lead, time - lead + width);
    }
  update_time_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}

gboolean
ovf_timeline_get_playing (OvfTimeline *self)
{
  g_return_val_if_fail (OVF_IS_TIMELINE (self), FALSE);

  return self->playing;
}

void
ovf_timeline_set_playing (OvfTimeline *self,
                          gboolean     playing)
{
  g_return_if_fail (OVF_IS_TIMELINE (self));

  playing = !!playing && self->dataset != NULL && self->end > self->start;
  if (self->playing == playing)
    return;

  self->playing = playing;
  if (playing)
    ovf_timeline_start_ticking (self);
  else
    ovf_timeline_stop_ticking (self);

  ovf_timeline_update_play_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

double
ovf_timeline_get_speed (OvfTimeline *self)
{
  g_return_val_if_fail (OVF_IS_TIMELINE (self), 0);

  return self->speed;
}

void
ovf_timeline_set_speed (OvfTimeline *self,
                        double       speed)
{
  g_autofree char *label = NULL;

  g_return_if_fail (OVF_IS_TIMELINE (self));
  g_return_if_fail (speed > 0);

  speed = CLAMP (speed, G_PARAM_SPEC_DOUBLE (properties[PROP_SPEED])->minimum,
                 G_PARAM_SPEC_DOUBLE (properties[PROP_SPEED])->maximum);
  if (self->speed == speed)
    return;

  self->speed = speed;
  label = ovf_timeline_format_speed (speed);
  gtk_menu_button_set_label (self->speed_button, label);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

OvfEvent *
ovf_timeline_get_selected_event (OvfTimeline *self)
{
  g_return_val_if_fail (OVF_IS_TIMELINE (self), NULL);

  return self->selected_event;
}

void
ovf_timeline_set_selected_event (OvfTimeline *self,
                                 OvfEvent    *event)
{
  g_return_if_fail (OVF_IS_TIMELINE (self));
  g_return_if_fail (event == NULL || OVF_IS_EVENT (event));

  if (g_set_object (&self->selected_event, event))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self->scrubber));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
    }
}

const char *
ovf_timeline_get_timezone (OvfTimeline *self)
{
  g_return_val_if_fail (OVF_IS_TIMELINE (self), NULL);

  return self->timezone;
}

void
ovf_timeline_set_timezone (OvfTimeline *self,
                           const char  *zone_name)
{
  g_return_if_fail (OVF_IS_TIMELINE (self));

  if (g_strcmp0 (self->timezone, zone_name) == 0)
    return;

  g_free (self->timezone);
  self->timezone = g_strdup (zone_name);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  /* GLib maps an unknown name to UTC, which would pass for local time. */
  if (zone_name != NULL)
    {
      self->zone = g_time_zone_new_identifier (zone_name);
      if (self->zone == NULL)
        g_debug ("Unknown time zone “%s”; showing UTC only", zone_name);
    }

  g_clear_pointer (&self->value_text, g_free);
  update_time_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEZONE]);
}

/* Following a session ------------------------------------------------------
 *
 * Only through the timeline's public API; the session is kept as object
 * data, as nothing else in the timeline needs it. */

#define SESSION_KEY "ovf-timeline-session"

static void
time_to_session (OvfTimeline *self,
                 GParamSpec  *pspec,
                 OvfSession  *session)
{
  ovf_session_set_time (session, ovf_timeline_get_time (self));
}

static void
selection_to_session (OvfTimeline *self,
                      GParamSpec  *pspec,
                      OvfSession  *session)
{
  ovf_session_select_event (session, ovf_timeline_get_selected_event (self));
}

/* What the session says is not written back to it: the timeline's own
 * changes on the way (a new dataset clears its selection) would undo it. */
static void
block_writes (OvfTimeline *self,
              OvfSession  *session,
              gboolean     block)
{
  if (block)
    g_signal_handlers_block_matched (self, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, session);
  else
    g_signal_handlers_unblock_matched (self, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, session);
}

static void
session_time_changed (OvfTimeline *self,
                      GParamSpec  *pspec,
                      OvfSession  *session)
{
  block_writes (self, session, TRUE);
  ovf_timeline_set_time (self, ovf_session_get_time (session));
  block_writes (self, session, FALSE);
}

static void
session_selection_changed (OvfTimeline *self,
                           GParamSpec  *pspec,
                           OvfSession  *session)
{
  block_writes (self, session, TRUE);
  ovf_timeline_set_selected_event (self, ovf_session_get_selected_event (session));
  block_writes (self, session, FALSE);
}

static void
session_followed_changed (OvfTimeline *self,
                          GParamSpec  *pspec,
                          OvfSession  *session)
{
  ovf_timeline_set_track (self, ovf_session_get_followed_track (session));
}

static void
session_dataset_changed (OvfTimeline *self,
                         GParamSpec  *pspec,
                         OvfSession  *session)
{
  block_writes (self, session, TRUE);
  ovf_timeline_set_dataset (self, ovf_session_get_dataset (session));
  ovf_timeline_set_time (self, ovf_session_get_time (session));
  ovf_timeline_set_selected_event (self, ovf_session_get_selected_event (session));
  ovf_timeline_set_track (self, ovf_session_get_followed_track (session));
  block_writes (self, session, FALSE);
}

void
ovf_timeline_set_session (OvfTimeline *self,
                          OvfSession  *session)
{
  OvfSession *old;

  g_return_if_fail (OVF_IS_TIMELINE (self));
  g_return_if_fail (session == NULL || OVF_IS_SESSION (session));

  old = g_object_get_data (G_OBJECT (self), SESSION_KEY);
  if (old == session)
    return;

  if (old != NULL)
    {
      g_signal_handlers_disconnect_by_data (old, self);
      g_signal_handlers_disconnect_by_data (self, old);
    }
  g_object_set_data_full (G_OBJECT (self), SESSION_KEY,
                          session != NULL ? g_object_ref (session) : NULL, g_object_unref);
  if (session == NULL)
    return;

  g_signal_connect_object (session, "notify::dataset", G_CALLBACK (session_dataset_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::time", G_CALLBACK (session_time_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::followed-track", G_CALLBACK (session_followed_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::selected-event", G_CALLBACK (session_selection_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::time", G_CALLBACK (time_to_session), session, 0);
  g_signal_connect_object (self, "notify::selected-event", G_CALLBACK (selection_to_session), session, 0);
  session_dataset_changed (self, NULL, session);
}
