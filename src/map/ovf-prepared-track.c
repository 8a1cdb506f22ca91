/* ovf-prepared-track.c: a track projected once to Web Mercator, ranked for levels of detail, prepared in a thread if long
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ovf-geo.h"
#include "ovf-prepared-track.h"

/* Long segments are split into great-circle pieces of at most this length,
 * so that they curve as the real flight did. */
#define DENSIFY_STEP_M 50000.0
/* The levels of detail built in the thread too, so that zooming out to see
 * the whole flight does not stall a frame; deeper ones hold nearly every
 * vertex and are built when first drawn. */
#define BACKGROUND_LEVELS 11

static void
path_level_free (OvfPathLevel *level)
{
  if (level == NULL)
    return;
  g_free (level->index);
  g_free (level->bbox);
  g_free (level);
}

void
ovf_prepared_track_free (gpointer data)
{
  OvfPreparedTrack *pt = data;

  for (guint i = 0; i < OVF_PREPARED_TRACK_LEVELS; i++)
    path_level_free (pt->levels[i]);
  g_free (pt->x);
  g_free (pt->y);
  g_free (pt->kind);
  g_free (pt->importance);
  g_free (pt->first_dense);
  g_clear_object (&pt->track);
  g_free (pt);
}

static OvfPointKind
segment_kind (const OvfTrackPoint *a,
              const OvfTrackPoint *b)
{
  if (a->kind == OVF_POINT_ESTIMATED || b->kind == OVF_POINT_ESTIMATED)
    return OVF_POINT_ESTIMATED;
  return OVF_POINT_REPORTED;
}

static guint
pieces_for_segment (const OvfTrackPoint *a,
                    const OvfTrackPoint *b)
{
  double d = ovf_geo_distance_m (a->lat, a->lon, b->lat, b->lon);

  return MAX (1, (guint) ceil (d / DENSIFY_STEP_M));
}

/* The track in Web Mercator, its long segments split along great circles. */
static OvfPreparedTrack *
project (OvfTrack *track)
{
  OvfPreparedTrack *pt = g_new0 (OvfPreparedTrack, 1);
  const OvfTrackPoint *points;
  guint n_points;
  guint total = 0;
  guint v = 0;

  pt->track = g_object_ref (track);
  points = ovf_track_get_points (track, &n_points);
  if (n_points == 0)
    return pt;

  for (guint i = 0; i + 1 < n_points; i++)
    total += pieces_for_segment (&points[i], &points[i + 1]);
  total += 1;

  pt->n = total;
  pt->x = g_new (double, total);
  pt->y = g_new (double, total);
  pt->kind = g_new (guint8, total);
  pt->first_dense = g_new (guint32, n_points);
  pt->min_x = pt->min_y = G_MAXDOUBLE;
  pt->max_x = pt->max_y = -G_MAXDOUBLE;

  for (guint i = 0; i < n_points; i++)
    {
      const OvfTrackPoint *a = &points[i];
      guint pieces = i + 1 < n_points ? pieces_for_segment (a, &points[i + 1]) : 1;
      OvfPointKind kind = i + 1 < n_points ? segment_kind (a, &points[i + 1]) : a->kind;
      double prev_lon = a->lon;

      pt->first_dense[i] = v;
      for (guint j = 0; j < pieces; j++, v++)
        {
          double lat = a->lat, lon = a->lon;

          if (j > 0)
            {
              const OvfTrackPoint *b = &points[i + 1];

              ovf_geo_interpolate (a->lat, a->lon, b->lat, b->lon,
                                   (double) j / pieces, &lat, &lon);
              lon = ovf_geo_unwrap_lon (lon, prev_lon);
            }
          prev_lon = lon;
          ovf_geo_to_mercator (lat, lon, &pt->x[v], &pt->y[v]);
          pt->kind[v] = kind;
          pt->min_x = MIN (pt->min_x, pt->x[v]);
          pt->max_x = MAX (pt->max_x, pt->x[v]);
          pt->min_y = MIN (pt->min_y, pt->y[v]);
          pt->max_y = MAX (pt->max_y, pt->y[v]);
        }
    }

  return pt;
}

static void
path_level_add_blocks (OvfPathLevel           *level,
                       const OvfPreparedTrack *pt)
{
  guint n_segments = level->n > 0 ? level->n - 1 : 0;

  level->n_blocks = (n_segments + OVF_PREPARED_TRACK_BLOCK - 1) / OVF_PREPARED_TRACK_BLOCK;
  level->bbox = g_new (double, 4 * (gsize) level->n_blocks);

  for (guint b = 0; b < level->n_blocks; b++)
    {
      guint first = b * OVF_PREPARED_TRACK_BLOCK;
      guint last = MIN (first + OVF_PREPARED_TRACK_BLOCK, n_segments);
      double *box = &level->bbox[4 * b];

      box[0] = box[1] = G_MAXDOUBLE;
      box[2] = box[3] = -G_MAXDOUBLE;
      for (guint j = first; j <= last; j++)
        {
          guint32 i = level->index[j];

          box[0] = MIN (box[0], pt->x[i]);
          box[1] = MIN (box[1], pt->y[i]);
          box[2] = MAX (box[2], pt->x[i]);
          box[3] = MAX (box[3], pt->y[i]);
        }
    }
}

/* The squared distance from vertex i to the segment a-b, in mercator units. */
static inline double
distance2_to_segment (const OvfPreparedTrack *pt,
                      guint32                 i,
                      guint32                 a,
                      guint32                 b)
{
  double dx = pt->x[b] - pt->x[a], dy = pt->y[b] - pt->y[a];
  double px = pt->x[i] - pt->x[a], py = pt->y[i] - pt->y[a];
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP ((px * dx + py * dy) / len2, 0.0, 1.0) : 0.0;

  px -= t * dx;
  py -= t * dy;
  return px * px + py * py;
}

typedef struct
{
  guint32 a;
  guint32 b;
  float   cap;
} Span;

/* One Douglas-Peucker pass to full depth records, for each vertex, the
 * largest tolerance at which it is still kept (capped by the split that
 * made its span, so the levels nest). Every level is then a filter of
 * this, instead of a simplification of its own. The ends and every
 * change of kind are always kept, so the reported/estimated styling
 * survives simplification. */
static void
rank (OvfPreparedTrack *pt)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Span));
  guint32 last_forced = 0;

  pt->importance = g_new0 (float, MAX (pt->n, 1));
  if (pt->n == 0)
    return;

  for (guint32 i = 0; i < pt->n; i++)
    if (i == 0 || i + 1 == pt->n || pt->kind[i] != pt->kind[i - 1])
      {
        pt->importance[i] = G_MAXFLOAT;
        if (i > 0)
          g_array_append_val (stack, ((Span) { last_forced, i, G_MAXFLOAT }));
        last_forced = i;
      }

  while (stack->len > 0)
    {
      Span span = g_array_index (stack, Span, stack->len - 1);
      double worst = 0;
      guint32 split = span.a;

      g_array_set_size (stack, stack->len - 1);
      for (guint32 i = span.a + 1; i < span.b; i++)
        {
          double d = distance2_to_segment (pt, i, span.a, span.b);

          if (d > worst)
            {
              worst = d;
              split = i;
            }
        }
      /* Points on the segment itself are never needed; stopping here
       * also keeps straight runs from splitting one vertex at a time. */
      if (worst <= 1e-24)
        continue;

      pt->importance[split] = MIN ((float) sqrt (worst), span.cap);
      g_array_append_val (stack, ((Span) { span.a, split, pt->importance[split] }));
      g_array_append_val (stack, ((Span) { split, span.b, pt->importance[split] }));
    }
}

OvfPreparedTrack *
ovf_prepared_track_new (OvfTrack *track)
{
  OvfPreparedTrack *pt = project (track);

  rank (pt);
  return pt;
}

/* The vertices that matter at half a pixel at this zoom. */
static OvfPathLevel *
path_level_new (const OvfPreparedTrack *pt,
                guint                   zoom)
{
  OvfPathLevel *level = g_new0 (OvfPathLevel, 1);
  float tolerance = 0.5 / (256.0 * ldexp (1.0, zoom));

  level->index = g_new (guint32, MAX (pt->n, 1));
  for (guint32 i = 0; i < pt->n; i++)
    if (pt->importance[i] >= tolerance)
      level->index[level->n++] = i;

  level->index = g_renew (guint32, level->index, MAX (level->n, 1));
  path_level_add_blocks (level, pt);
  return level;
}

OvfPathLevel *
ovf_prepared_track_get_level (OvfPreparedTrack *pt,
                              double            zoom)
{
  guint z = (guint) CLAMP (floor (zoom), 0, OVF_PREPARED_TRACK_LEVELS - 1);

  if (pt->levels[z] == NULL)
    pt->levels[z] = path_level_new (pt, z);
  return pt->levels[z];
}

OvfTrackSplit
ovf_prepared_track_split (OvfPreparedTrack *pt,
                          OvfTime           time)
{
  OvfTrackSplit split = { 0 };
  const OvfTrackFix *fix = &split.fix;
  double ref_lon;
  gint64 dense;

  if (pt->n == 0)
    return split;
  /* A path without a clock is drawn whole, with no balloon on it. */
  if (!ovf_track_has_times (pt->track))
    {
      split.segment = pt->n;
      return split;
    }

  ovf_track_locate (pt->track, time, &split.fix);
  split.valid = TRUE;

  if (fix->phase == OVF_FLIGHT_BEFORE)
    {
      split.segment = -1;
      dense = 0;
    }
  else if (fix->phase == OVF_FLIGHT_AFTER)
    {
      split.segment = pt->n;
      dense = pt->n - 1;
    }
  else
    {
      guint32 first = pt->first_dense[fix->segment];
      guint32 next = fix->segment + 1 < ovf_track_get_n_points (pt->track)
                     ? pt->first_dense[fix->segment + 1] : first + 1;
      guint32 pieces = MAX (next - first, 1);
      guint32 piece = MIN ((guint32) floor (fix->fraction * pieces), pieces - 1);

      dense = first + piece;
      split.segment = dense;
    }

  ref_lon = pt->x[dense] * 360.0 - 180.0;
  ovf_geo_to_mercator (fix->lat, ovf_geo_unwrap_lon (fix->lon, ref_lon), &split.x, &split.y);
  return split;
}

GPtrArray *
ovf_prepared_tracks_new (GPtrArray    *tracks,
                         guint         n_levels,
                         GCancellable *cancellable)
{
  g_autoptr(GPtrArray) prepared = g_ptr_array_new_with_free_func (ovf_prepared_track_free);

  for (guint i = 0; i < tracks->len; i++)
    {
      OvfPreparedTrack *pt;

      if (g_cancellable_is_cancelled (cancellable))
        return NULL;
      pt = ovf_prepared_track_new (g_ptr_array_index (tracks, i));
      for (guint z = 0; z < n_levels; z++)
        ovf_prepared_track_get_level (pt, z);
      g_ptr_array_add (prepared, pt);
    }
  return g_steal_pointer (&prepared);
}

static void
prepare_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GPtrArray *prepared = ovf_prepared_tracks_new (task_data, BACKGROUND_LEVELS, cancellable);

  if (prepared == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  else
    g_task_return_pointer (task, prepared, (GDestroyNotify) g_ptr_array_unref);
}

/* Keeps a reference to @tracks until done. */
void
ovf_prepared_tracks_new_async (GPtrArray           *tracks,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, ovf_prepared_tracks_new_async);
  g_task_set_task_data (task, g_ptr_array_ref (tracks), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, prepare_thread);
}

/* Returns: (transfer full) (element-type OvfPreparedTrack): the tracks,
 *   or NULL with G_IO_ERROR_CANCELLED once the cancellable was cancelled,
 *   even if they were ready by then. */
GPtrArray *
ovf_prepared_tracks_new_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
