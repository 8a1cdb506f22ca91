/* ovf-timeline.h: the scrubber, playback and clock along the window's bottom
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ovf-dataset.h"
#include "ovf-session.h"

G_BEGIN_DECLS

#define OVF_TYPE_TIMELINE (ovf_timeline_get_type ())
G_DECLARE_FINAL_TYPE (OvfTimeline, ovf_timeline, OVF, TIMELINE, GtkWidget)

#define OVF_TIMELINE_ERROR (ovf_timeline_error_quark ())

typedef enum
{
  OVF_TIMELINE_ERROR_OUT_OF_RANGE,   /* a time outside the dataset's span */
} OvfTimelineError;

/* Each call to the step action moves time by one of these; keyboard steps
 * on the scrubber use them too. */
#define OVF_TIMELINE_STEP_SMALL (10 * OVF_TIME_MINUTE)
#define OVF_TIMELINE_STEP_LARGE OVF_TIME_HOUR
#define OVF_TIMELINE_STEP_DAY   OVF_TIME_DAY

/* The first speed a new timeline plays at, in simulated seconds per second. */
#define OVF_TIMELINE_DEFAULT_SPEED 3600.0

GQuark       ovf_timeline_error_quark        (void);

GtkWidget   *ovf_timeline_new                (void);

OvfDataset  *ovf_timeline_get_dataset        (OvfTimeline *self);
void         ovf_timeline_set_dataset        (OvfTimeline *self,
                                              OvfDataset  *dataset);
/* The time is kept within the dataset's span. */
/* The track whose altitude, speed and profile are shown; NULL: the main one. */
OvfTrack    *ovf_timeline_get_track          (OvfTimeline *self);
void         ovf_timeline_set_track          (OvfTimeline *self,
                                              OvfTrack    *track);
OvfTime      ovf_timeline_get_time           (OvfTimeline *self);
void         ovf_timeline_set_time           (OvfTimeline *self,
                                              OvfTime      time);
gboolean     ovf_timeline_get_playing        (OvfTimeline *self);
void         ovf_timeline_set_playing        (OvfTimeline *self,
                                              gboolean     playing);
/* Simulated seconds per real second. */
double       ovf_timeline_get_speed          (OvfTimeline *self);
void         ovf_timeline_set_speed          (OvfTimeline *self,
                                              double       speed);
/* Set by clicking an event tick and by the previous/next-event actions,
 * which also move the time to the event; watch notify::selected-event to
 * follow both. Setting it does not move the time. */
OvfEvent    *ovf_timeline_get_selected_event (OvfTimeline *self);
void         ovf_timeline_set_selected_event (OvfTimeline *self,
                                              OvfEvent    *event);
/* An IANA zone name ("America/New_York") for the local-time display; NULL
 * shows UTC only. An unknown name is treated like NULL, with a warning. */
const char  *ovf_timeline_get_timezone       (OvfTimeline *self);
void         ovf_timeline_set_timezone       (OvfTimeline *self,
                                              const char  *zone_name);

/* Moves to @text, read by ovf_time_parse_typed (), as the go-to-time
 * field does; on failure the time stays and @error says why: an
 * OVF_TIME_ERROR, or OVF_TIMELINE_ERROR_OUT_OF_RANGE. */
gboolean     ovf_timeline_go_to_text         (OvfTimeline *self,
                                              const char  *text,
                                              GError     **error);

/* "1 h/s": a speed in the units the speed menu uses; free with g_free(). */
char        *ovf_timeline_format_speed       (double       speed);

/* The scrubber's mapping between time and x, for a span of start..end
 * drawn across width pixels (x = 0 is the start). x_to_time clamps to the
 * span. The scrubber draws the span inset by OVF_TIMELINE_SCRUBBER_INSET
 * on either side, so that the playhead stays whole at the ends. */
#define OVF_TIMELINE_SCRUBBER_INSET 12.0

double       ovf_timeline_time_to_x          (OvfTime      start,
                                              OvfTime      end,
                                              double       width,
                                              OvfTime      time);
OvfTime      ovf_timeline_x_to_time          (OvfTime      start,
                                              OvfTime      end,
                                              double       width,
                                              double       x);

/* Follows @session's dataset, time, selected event and followed track, and
 * moves its time and selection as the user scrubs, plays and picks events (nullable). */
void         ovf_timeline_set_session        (OvfTimeline *self,
                                              OvfSession  *session);

G_END_DECLS
