/* ovf-track.c: a timed path, and where it is, how high and how fast at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ovf-geo.h"
#include "ovf-model-private.h"
#include "ovf-track.h"

/* The speed is averaged over this much on either side. */
#define SPEED_WINDOW (30 * OVF_TIME_MINUTE)

G_DEFINE_FINAL_TYPE (OvfTrack, ovf_track, G_TYPE_OBJECT)

static void
ovf_track_finalize (GObject *object)
{
  OvfTrack *self = OVF_TRACK (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->points);
  if (self->strings != NULL)
    g_string_chunk_free (self->strings);

  G_OBJECT_CLASS (ovf_track_parent_class)->finalize (object);
}

static void
ovf_track_class_init (OvfTrackClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ovf_track_finalize;
}

static void
ovf_track_init (OvfTrack *self)
{
}

OvfTrack *
ovf_track_new_take (const char    *id,
                    const char    *name,
                    OvfTrackPoint *points,
                    guint          n_points,
                    GStringChunk  *strings,
                    gboolean       untimed)
{
  OvfTrack *self = g_object_new (OVF_TYPE_TRACK, NULL);

  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->points = points;
  self->n_points = n_points;
  self->strings = strings;
  self->untimed = untimed;

  return self;
}

OvfTrack *
ovf_track_new (const char    *id,
               const char    *name,
               OvfTrackPoint *points,
               guint          n_points)
{
  GStringChunk *strings = g_string_chunk_new (4096);

  for (guint i = 0; i < n_points; i++)
    {
      if (points[i].source != NULL)
        points[i].source = g_string_chunk_insert_const (strings, points[i].source);
      if (points[i].note != NULL)
        points[i].note = g_string_chunk_insert_const (strings, points[i].note);
    }
  return ovf_track_new_take (id, name, points, n_points, strings, FALSE);
}

const char *
ovf_track_get_id (OvfTrack *self)
{
  g_return_val_if_fail (OVF_IS_TRACK (self), NULL);

  return self->id;
}

const char *
ovf_track_get_name (OvfTrack *self)
{
  g_return_val_if_fail (OVF_IS_TRACK (self), NULL);

  return self->name;
}

const OvfTrackPoint *
ovf_track_get_points (OvfTrack *self,
                      guint    *n_points)
{
  g_return_val_if_fail (OVF_IS_TRACK (self), NULL);

  if (n_points != NULL)
    *n_points = self->n_points;

  return self->points;
}

guint
ovf_track_get_n_points (OvfTrack *self)
{
  g_return_val_if_fail (OVF_IS_TRACK (self), 0);

  return self->n_points;
}

OvfTime
ovf_track_get_start_time (OvfTrack *self)
{
  g_return_val_if_fail (OVF_IS_TRACK (self), OVF_TIME_NONE);

  return self->n_points > 0 ? self->points[0].time : OVF_TIME_NONE;
}

OvfTime
ovf_track_get_end_time (OvfTrack *self)
{
  g_return_val_if_fail (OVF_IS_TRACK (self), OVF_TIME_NONE);

  return self->n_points > 0 ? self->points[self->n_points - 1].time : OVF_TIME_NONE;
}

gboolean
ovf_track_has_times (OvfTrack *self)
{
  g_return_val_if_fail (OVF_IS_TRACK (self), FALSE);

  return !self->untimed;
}

OvfTrack *
ovf_track_spread_times (OvfTrack *self,
                        OvfTime   start,
                        OvfTime   end)
{
  g_autofree double *along = NULL;
  OvfTrackPoint *points;
  GStringChunk *strings = g_string_chunk_new (64);
  guint n;

  g_return_val_if_fail (OVF_IS_TRACK (self), NULL);
  g_return_val_if_fail (self->n_points > 0, NULL);
  g_return_val_if_fail (start < end, NULL);

  n = self->n_points;
  along = g_new (double, n);
  along[0] = 0;
  for (guint i = 1; i < n; i++)
    along[i] = along[i - 1] + ovf_geo_distance_m (self->points[i - 1].lat, self->points[i - 1].lon,
                                                   self->points[i].lat, self->points[i].lon);

  points = g_memdup2 (self->points, sizeof *points * n);
  for (guint i = 0; i < n; i++)
    {
      double fraction = along[n - 1] > 0 ? along[i] / along[n - 1] : n > 1 ? (double) i / (n - 1) : 0;

      points[i].time = start + (OvfTime) llround (fraction * (double) (end - start));
      points[i].kind = OVF_POINT_ESTIMATED;
      points[i].source = points[i].source != NULL ? g_string_chunk_insert_const (strings, points[i].source) : NULL;
      points[i].note = points[i].note != NULL ? g_string_chunk_insert_const (strings, points[i].note) : NULL;
    }

  /* Points closer than the clock's resolution would share a time. */
  for (guint i = 1; i < n; i++)
    if (points[i].time <= points[i - 1].time)
      points[i].time = points[i - 1].time + 1;

  return ovf_track_new_take (self->id, self->name, points, n, strings, FALSE);
}

static void
fix_at_point (OvfTrackFix         *fix,
              OvfFlightPhase       phase,
              const OvfTrackPoint *point,
              guint                segment,
              double               fraction)
{
  fix->phase = phase;
  fix->lat = point->lat;
  fix->lon = ovf_geo_normalize_lon (point->lon);
  fix->alt_m = point->alt_m;
  fix->segment = segment;
  fix->fraction = fraction;
  fix->kind = point->kind;
}

/* The index of the last point with time <= @time, given
 * points[0].time <= @time < points[n - 1].time. The first probe is where
 * @time would fall if the points were evenly spaced in time; the search
 * then gallops from there, so it costs O(log d) for a guess d points off:
 * a few probes on typical tracks, O(log n) at worst. */
static guint
find_segment (const OvfTrackPoint *points,
              guint                n_points,
              OvfTime              time)
{
  double span = (double) (points[n_points - 1].time - points[0].time);
  guint guess = (guint) ((double) (time - points[0].time) / span * (n_points - 1));
  guint low, high, step;

  guess = MIN (guess, n_points - 2);
  if (points[guess].time <= time)
    {
      low = guess;
      for (step = 1; low + step < n_points - 1 && points[low + step].time <= time; step *= 2)
        low += step;
      high = MIN (low + step, n_points - 1);
    }
  else
    {
      high = guess;
      for (step = 1; high >= step && points[high - step].time > time; step *= 2)
        high -= step;
      low = high >= step ? high - step : 0;
    }

  /* Now points[low].time <= time < points[high].time: the answer is low
   * or one of the points between. */
  return low + ovf_time_count_before (&points[low + 1].time, sizeof (OvfTrackPoint), high - low - 1, time, TRUE);
}

OvfFlightPhase
ovf_track_locate (OvfTrack    *self,
                  OvfTime      time,
                  OvfTrackFix *fix)
{
  const OvfTrackPoint *a, *b;
  OvfTrackFix local;
  guint n, i;
  double fraction;

  g_return_val_if_fail (OVF_IS_TRACK (self), OVF_FLIGHT_BEFORE);
  g_return_val_if_fail (self->n_points > 0, OVF_FLIGHT_BEFORE);
  g_return_val_if_fail (!self->untimed, OVF_FLIGHT_BEFORE);

  if (fix == NULL)
    fix = &local;

  n = self->n_points;
  if (time < self->points[0].time)
    {
      fix_at_point (fix, OVF_FLIGHT_BEFORE, &self->points[0], 0, 0.0);
      return fix->phase;
    }
  if (time > self->points[n - 1].time)
    {
      fix_at_point (fix, OVF_FLIGHT_AFTER, &self->points[n - 1], n > 1 ? n - 2 : 0, 1.0);
      return fix->phase;
    }
  if (time == self->points[n - 1].time)
    {
      fix_at_point (fix, OVF_FLIGHT_WITHIN, &self->points[n - 1], n > 1 ? n - 2 : 0, n > 1 ? 1.0 : 0.0);
      return fix->phase;
    }

  i = find_segment (self->points, n, time);
  a = &self->points[i];
  b = &self->points[i + 1];
  if (time == a->time)
    {
      /* Exactly at a point: it is what it is, whatever its neighbour. */
      fix_at_point (fix, OVF_FLIGHT_WITHIN, a, i, 0.0);
      return fix->phase;
    }

  fraction = (double) (time - a->time) / (double) (b->time - a->time);
  fix->phase = OVF_FLIGHT_WITHIN;
  fix->segment = i;
  fix->fraction = fraction;
  /* Longitudes are stored unwrapped, so this takes the short way across
   * the antimeridian. */
  ovf_geo_interpolate (a->lat, a->lon, b->lat, b->lon, fraction, &fix->lat, &fix->lon);
  fix->alt_m = a->alt_m + (b->alt_m - a->alt_m) * fraction;   /* NAN propagates */
  fix->kind = a->kind == OVF_POINT_REPORTED && b->kind == OVF_POINT_REPORTED
              ? OVF_POINT_REPORTED : OVF_POINT_ESTIMATED;

  return fix->phase;
}

guint
ovf_track_find_point (OvfTrack *self,
                      OvfTime   time)
{
  g_return_val_if_fail (OVF_IS_TRACK (self), 0);

  if (self->n_points == 0)
    return 0;
  return ovf_time_count_before (&self->points[0].time, sizeof (OvfTrackPoint), self->n_points, time, FALSE);
}

double
ovf_track_get_speed_kmh (OvfTrack *self,
                         OvfTime   time)
{
  OvfTime t0, t1;
  OvfTrackFix a, b;

  g_return_val_if_fail (OVF_IS_TRACK (self), NAN);

  if (self->n_points == 0)
    return NAN;

  t0 = MAX (time - SPEED_WINDOW, ovf_track_get_start_time (self));
  t1 = MIN (time + SPEED_WINDOW, ovf_track_get_end_time (self));
  if (t1 - t0 < OVF_TIME_MINUTE)
    return NAN;

  ovf_track_locate (self, t0, &a);
  ovf_track_locate (self, t1, &b);

  return ovf_geo_distance_m (a.lat, a.lon, b.lat, b.lon) / 1000.0
         / ((double) (t1 - t0) / OVF_TIME_HOUR);
}

double
ovf_track_get_max_altitude (OvfTrack *self)
{
  double max = 0;

  g_return_val_if_fail (OVF_IS_TRACK (self), 0);

  for (guint i = 0; i < self->n_points; i++)
    if (self->points[i].alt_m > max)
      max = self->points[i].alt_m;

  return max;
}
