/* ovf-track.h: a timed path, such as the balloon's flight
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ovf-time.h"

G_BEGIN_DECLS

#define OVF_TYPE_TRACK (ovf_track_get_type ())
G_DECLARE_FINAL_TYPE (OvfTrack, ovf_track, OVF, TRACK, GObject)

typedef enum
{
  OVF_POINT_REPORTED,
  OVF_POINT_ESTIMATED,
} OvfPointKind;

typedef struct
{
  OvfTime       time;
  double        lat;
  double        lon;      /* unwrapped: within 180° of the previous point's, so it may leave [-180, 180) */
  double        alt_m;    /* NAN when the dataset gives none */
  OvfPointKind  kind;
  const char   *source;   /* NULL when absent */
  const char   *note;     /* NULL when absent */
} OvfTrackPoint;

typedef enum
{
  OVF_FLIGHT_BEFORE,      /* t precedes the first point: the position is the first point's */
  OVF_FLIGHT_WITHIN,
  OVF_FLIGHT_AFTER,       /* t follows the last point: the position is the last point's */
} OvfFlightPhase;

typedef struct
{
  OvfFlightPhase phase;
  double         lat;
  double         lon;       /* normalized to [-180, 180) */
  double         alt_m;     /* linear between the bracketing points; NAN if either lacks one */
  guint          segment;   /* index of the bracketing segment's first point */
  double         fraction;  /* 0..1 along that segment, by time */
  OvfPointKind   kind;      /* ESTIMATED when either end of the segment is */
} OvfTrackFix;

/* A track made in memory rather than read, such as a generated flight. It
 * takes over @points (from g_new (), in time order, longitudes unwrapped)
 * and copies their source and note strings. */
OvfTrack            *ovf_track_new              (const char    *id,
                                                 const char    *name,
                                                 OvfTrackPoint *points,
                                                 guint          n_points);
const char          *ovf_track_get_id           (OvfTrack    *self);
const char          *ovf_track_get_name         (OvfTrack    *self);
const OvfTrackPoint *ovf_track_get_points       (OvfTrack    *self,
                                                 guint       *n_points);
guint                ovf_track_get_n_points     (OvfTrack    *self);
OvfTime              ovf_track_get_start_time   (OvfTrack    *self);
OvfTime              ovf_track_get_end_time     (OvfTrack    *self);
/* FALSE for a path without a clock, such as an imported route: its
 * points' times are OVF_TIME_NONE and it cannot be located in time. */
gboolean             ovf_track_has_times        (OvfTrack    *self);
/* A copy of @self whose times run from @start to @end, spread in
 * proportion to the distance travelled (evenly by point when the path
 * does not move); its points are estimated. @start < @end. */
OvfTrack            *ovf_track_spread_times     (OvfTrack    *self,
                                                 OvfTime      start,
                                                 OvfTime      end);
/* O(log n): binary search for the bracketing points, then great-circle
 * interpolation between them. The track must have times. */
OvfFlightPhase       ovf_track_locate           (OvfTrack    *self,
                                                 OvfTime      time,
                                                 OvfTrackFix *fix);
/* The index of the first point at or after @time; the number of points
 * when there is none. O(log n). */
guint                ovf_track_find_point       (OvfTrack    *self,
                                                 OvfTime      time);
/* Ground speed in km/h over the half hour on either side of @time, within
 * the track; NAN when the track covers less than a minute of that. */
double               ovf_track_get_speed_kmh    (OvfTrack    *self,
                                                 OvfTime      time);
/* The highest altitude of any point, in metres; 0 when none is higher. */
double               ovf_track_get_max_altitude (OvfTrack    *self);

G_END_DECLS
