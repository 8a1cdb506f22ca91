/* ovf-map-view.c: projection onto a map view, and fitting a dataset into one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ovf-geo.h"
#include "ovf-map-view.h"

double
ovf_map_view_world_size (const OvfMapView *view)
{
  return view->tile_size * exp2 (view->zoom);
}

void
ovf_map_view_project (const OvfMapView *view,
                      double            lat,
                      double            lon,
                      double           *out_x,
                      double           *out_y)
{
  double world = ovf_map_view_world_size (view);
  double mx, my;

  ovf_geo_to_mercator (lat, lon, &mx, &my);
  /* The copy of the point nearest the centre, as the map shows it. */
  mx -= round (mx - view->center_x);
  *out_x = (mx - view->center_x) * world + view->width / 2.0;
  *out_y = (my - view->center_y) * world + view->height / 2.0;
}

void
ovf_map_view_fit (OvfMapView *view,
                  double      x0,
                  double      y0,
                  double      x1,
                  double      y1,
                  double      padding)
{
  double avail_w = MAX (view->width - 2 * padding, 1.0);
  double avail_h = MAX (view->height - 2 * padding, 1.0);
  double dx = MAX (fabs (x1 - x0), 1e-9);
  double dy = MAX (fabs (y1 - y0), 1e-9);
  double world = MIN (avail_w / dx, avail_h / dy);

  view->center_x = (x0 + x1) / 2.0;
  view->center_y = (y0 + y1) / 2.0;
  view->zoom = CLAMP (log2 (world / view->tile_size), OVF_VIEW_MIN_ZOOM, OVF_VIEW_MAX_ZOOM);
}

/* A box in Web Mercator, grown point by point. */
typedef struct
{
  double x0, y0, x1, y1;
  double ref_lon;
  gboolean empty;
} Bounds;

static void
bounds_add (Bounds *b,
            double  lat,
            double  lon)
{
  double x, y;

  /* Unwrapped near what was added before, so a box across the
   * antimeridian stays small. */
  if (!b->empty)
    lon = ovf_geo_unwrap_lon (lon, b->ref_lon);
  b->ref_lon = lon;
  ovf_geo_to_mercator (lat, lon, &x, &y);
  if (b->empty)
    {
      b->x0 = b->x1 = x;
      b->y0 = b->y1 = y;
      b->empty = FALSE;
      return;
    }
  b->x0 = MIN (b->x0, x);
  b->x1 = MAX (b->x1, x);
  b->y0 = MIN (b->y0, y);
  b->y1 = MAX (b->y1, y);
}

static void
bounds_add_track (Bounds   *b,
                  OvfTrack *track)
{
  const OvfTrackPoint *points;
  guint n;

  points = ovf_track_get_points (track, &n);
  for (guint i = 0; i < n; i++)
    bounds_add (b, points[i].lat, points[i].lon);
}

static void
bounds_add_everything (Bounds     *b,
                       OvfDataset *dataset)
{
  GListModel *tracks = ovf_dataset_get_tracks (dataset);
  GListModel *events = ovf_dataset_get_events (dataset);
  GListModel *places = ovf_dataset_get_places (dataset);

  for (guint i = 0; i < g_list_model_get_n_items (tracks); i++)
    {
      g_autoptr(OvfTrack) track = g_list_model_get_item (tracks, i);

      bounds_add_track (b, track);
    }
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(OvfEvent) event = g_list_model_get_item (events, i);

      if (ovf_event_has_location (event))
        bounds_add (b, ovf_event_get_latitude (event), ovf_event_get_longitude (event));
    }
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(OvfPlace) place = g_list_model_get_item (places, i);

      bounds_add (b, ovf_place_get_latitude (place), ovf_place_get_longitude (place));
    }
}

/* The part of @track flown between @start and @end, ends included. */
static void
bounds_add_span (Bounds   *b,
                 OvfTrack *track,
                 OvfTime   start,
                 OvfTime   end)
{
  const OvfTrackPoint *points;
  OvfTrackFix fix;
  guint n;

  ovf_track_locate (track, start, &fix);
  bounds_add (b, fix.lat, fix.lon);
  points = ovf_track_get_points (track, &n);
  for (guint i = 0; i < n; i++)
    if (points[i].time > start && points[i].time < end)
      bounds_add (b, points[i].lat, points[i].lon);
  ovf_track_locate (track, end, &fix);
  bounds_add (b, fix.lat, fix.lon);
}

gboolean
ovf_map_view_fit_dataset (OvfMapView   *view,
                          OvfDataset   *dataset,
                          const OvfFit *fit,
                          double        left_inset)
{
  Bounds b = { .empty = TRUE };
  OvfTrack *main_track;
  gboolean has_track;
  double padding;

  g_return_val_if_fail (view != NULL, FALSE);
  g_return_val_if_fail (OVF_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (fit != NULL, FALSE);

  main_track = ovf_dataset_get_main_track (dataset);
  has_track = main_track != NULL && ovf_track_get_n_points (main_track) > 0;
  if (fit->kind == OVF_FIT_SPAN)
    {
      if (!has_track || !ovf_track_has_times (main_track))
        return FALSE;
      bounds_add_span (&b, main_track, fit->start, fit->end);
    }
  else
    {
      if (has_track)
        bounds_add_track (&b, main_track);
      if (fit->kind == OVF_FIT_ALL || b.empty)
        bounds_add_everything (&b, dataset);
    }
  if (b.empty)
    return FALSE;

  /* Fitted beside the inset, so no part hides behind a legend there; the
   * padding leaves room for a caption above and credits below. */
  view->width -= left_inset;
  padding = MAX (40.0, 0.1 * MIN (view->width, view->height)) + 40.0;
  ovf_map_view_fit (view, b.x0, b.y0, b.x1, b.y1, padding);
  view->width += left_inset;
  view->center_x -= left_inset / 2.0 / ovf_map_view_world_size (view);
  /* Keep the centre in the first world, where other views expect it. */
  view->center_x -= floor (view->center_x);
  return TRUE;
}
