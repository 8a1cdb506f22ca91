/* ovf-timeline-private.h: what the timeline's files share
 *
 * The timeline is one widget written in four files: ovf-timeline.c (its
 * state, properties and labels), ovf-timeline-view.c (the part of the span
 * the scrubber shows, and what pointer and keys do on it),
 * ovf-timeline-drawing.c (how the scrubber looks) and
 * ovf-timeline-transport.c (playback, speed, stepping and events).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ovf-go-to-time.h"
#include "ovf-scrubber.h"
#include "ovf-timeline.h"

G_BEGIN_DECLS

/* Scrubber geometry, in logical pixels. The horizontal padding keeps the
 * playhead's knob whole at both ends. */
#define PAD_X          OVF_TIMELINE_SCRUBBER_INSET
#define LABEL_HEIGHT   14.0
#define EVENT_LANE     14.0
#define BASELINE_GAP    6.0

struct _OvfTimeline
{
  GtkWidget       parent_instance;

  GtkButton      *play_button;
  GtkMenuButton  *speed_button;
  GtkMenuButton  *time_button;
  GtkLabel       *time_label;
  GtkLabel       *flight_label;
  OvfGoToTime    *go_to_time;
  OvfScrubber    *scrubber;

  OvfDataset     *dataset;
  OvfTrack       *track;          /* the track shown, borrowed from the dataset */
  OvfTime         start;
  OvfTime         end;
  /* The part of the span the scrubber shows; all of it unless zoomed. */
  OvfTime         view_start;
  OvfTime         view_end;
  OvfTime         time;
  gboolean        playing;
  double          speed;
  OvfEvent       *selected_event;
  char           *timezone;
  GTimeZone      *zone;           /* NULL: UTC only */

  guint           tick_id;
  gint64          last_frame_time;

  /* The altitude profile, one value per pixel column; NAN where unknown.
   * Its scale is the whole track's highest altitude, so zooming and
   * paging keep the heights comparable. */
  float          *profile;
  int             profile_width;
  OvfTime         profile_view_start;
  OvfTime         profile_view_end;
  double          max_altitude;

  double          drawn_playhead_x;
  OvfEvent       *hover_event;    /* borrowed from the dataset */
  OvfEvent       *press_event;
  double          press_x;
  double          pointer_x;
  gboolean        scrubbing;
  char           *value_text;     /* the last accessible value text */
  gboolean        syncing_value;  /* setting the scrubber's value from the time */
};

/* ovf-timeline.c */
void     ovf_timeline_activate_event           (OvfTimeline    *self,
                                                OvfEvent       *event);

/* ovf-timeline-view.c */
void     ovf_timeline_class_init_view          (GtkWidgetClass *widget_class);
void     ovf_timeline_init_view                (OvfTimeline    *self);
void     ovf_timeline_update_view_actions      (OvfTimeline    *self);
double   ovf_timeline_track_width              (OvfTimeline    *self);
double   ovf_timeline_scrubber_time_to_x       (OvfTimeline    *self,
                                                OvfTime         time);
gboolean ovf_timeline_in_view                  (OvfTimeline    *self,
                                                OvfTime         time);
void     ovf_timeline_set_view                 (OvfTimeline    *self,
                                                OvfTime         start,
                                                OvfTime         end);

/* ovf-timeline-drawing.c */
void     ovf_timeline_draw_scrubber            (OvfScrubber    *scrubber,
                                                cairo_t        *cr,
                                                int             width,
                                                int             height,
                                                gpointer        user_data);

/* ovf-timeline-transport.c */
void     ovf_timeline_class_init_transport     (GtkWidgetClass *widget_class);
void     ovf_timeline_init_transport           (OvfTimeline    *self);
void     ovf_timeline_update_transport_actions (OvfTimeline    *self);
void     ovf_timeline_start_ticking            (OvfTimeline    *self);
void     ovf_timeline_stop_ticking             (OvfTimeline    *self);
void     ovf_timeline_update_play_button       (OvfTimeline    *self);

G_END_DECLS
