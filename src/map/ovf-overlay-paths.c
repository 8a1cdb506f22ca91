/* ovf-overlay-paths.c: the overlay's lines: each track's path, flown and to come, and the areas in effect
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ovf-geo.h"
#include "ovf-overlay-private.h"

/* Segments are clipped to the view grown by this margin, which keeps
 * cairo's fixed-point coordinates small at deep zooms. */
#define CLIP_MARGIN 64.0
/* Above this many vertices in a level, its corners are a pixel apart. */
#define DENSE_VERTICES 4096
#define AREA_CIRCLE_VERTICES 72

/* A track is stroked in four passes, one per style. */
typedef enum
{
  BUCKET_FLOWN_REPORTED,
  BUCKET_FLOWN_ESTIMATED,
  BUCKET_FUTURE_REPORTED,
  BUCKET_FUTURE_ESTIMATED,
} Bucket;

typedef struct
{
  cairo_t *cr;
  double xmin, ymin, xmax, ymax;  /* clip rectangle in pixels */
  gboolean down;
  double last_x, last_y;
} Pen;

/* Liang-Barsky clipping of the segment to the pen's rectangle. */
static gboolean
clip_segment (const Pen *pen,
              double    *ax,
              double    *ay,
              double    *bx,
              double    *by)
{
  double dx = *bx - *ax, dy = *by - *ay;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { *ax - pen->xmin, pen->xmax - *ax, *ay - pen->ymin, pen->ymax - *ay };
  double t0 = 0.0, t1 = 1.0;
  double sx = *ax, sy = *ay;

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0.0)
        {
          if (q[i] < 0.0)
            return FALSE;
          continue;
        }
      if (p[i] < 0.0)
        t0 = MAX (t0, q[i] / p[i]);
      else
        t1 = MIN (t1, q[i] / p[i]);
      if (t0 > t1)
        return FALSE;
    }

  *ax = sx + t0 * dx;
  *ay = sy + t0 * dy;
  *bx = sx + t1 * dx;
  *by = sy + t1 * dy;
  return TRUE;
}

static void
pen_segment (Pen    *pen,
             double  ax,
             double  ay,
             double  bx,
             double  by)
{
  if (!clip_segment (pen, &ax, &ay, &bx, &by))
    {
      pen->down = FALSE;
      return;
    }

  if (!pen->down || ax != pen->last_x || ay != pen->last_y)
    cairo_move_to (pen->cr, ax, ay);
  /* Sub-pixel steps are merged into the next segment's line. */
  cairo_line_to (pen->cr, bx, by);
  pen->down = TRUE;
  pen->last_x = bx;
  pen->last_y = by;
}

static gboolean
bucket_is_flown (Bucket bucket)
{
  return bucket == BUCKET_FLOWN_REPORTED || bucket == BUCKET_FLOWN_ESTIMATED;
}

static OvfPointKind
bucket_kind (Bucket bucket)
{
  return (bucket == BUCKET_FLOWN_ESTIMATED || bucket == BUCKET_FUTURE_ESTIMATED)
         ? OVF_POINT_ESTIMATED : OVF_POINT_REPORTED;
}

/* Adds the bucket's segments of one world copy (shifted by k) to cr's path. */
static void
trace_bucket (const OvfPreparedTrack *pt,
              const OvfPathLevel     *level,
              const OvfTrackSplit    *split,
              const OvfFrame         *frame,
              Pen                    *pen,
              int                     k,
              Bucket                  bucket)
{
  gboolean flown = bucket_is_flown (bucket);
  OvfPointKind kind = bucket_kind (bucket);
  guint n_segments = level->n - 1;

  pen->down = FALSE;
  for (guint b = 0; b < level->n_blocks; b++)
    {
      const double *box = &level->bbox[4 * b];
      guint last = MIN ((b + 1) * OVF_PREPARED_TRACK_BLOCK, n_segments);

      if (box[2] + k < frame->x0 || box[0] + k > frame->x1 ||
          box[3] < frame->y0 || box[1] > frame->y1)
        {
          pen->down = FALSE;
          continue;
        }

      for (guint j = b * OVF_PREPARED_TRACK_BLOCK; j < last; j++)
        {
          guint32 a = level->index[j];
          guint32 z = level->index[j + 1];
          double ax, ay, zx, zy;

          if (pt->kind[a] != kind)
            {
              pen->down = FALSE;
              continue;
            }

          ax = ovf_frame_px (frame, pt->x[a] + k);
          ay = ovf_frame_py (frame, pt->y[a]);
          zx = ovf_frame_px (frame, pt->x[z] + k);
          zy = ovf_frame_py (frame, pt->y[z]);

          if ((gint64) z <= split->segment)
            {
              if (flown)
                pen_segment (pen, ax, ay, zx, zy);
              else
                pen->down = FALSE;
            }
          else if ((gint64) a > split->segment)
            {
              if (!flown)
                pen_segment (pen, ax, ay, zx, zy);
              else
                pen->down = FALSE;
            }
          else
            {
              double mx = ovf_frame_px (frame, split->x + k);
              double my = ovf_frame_py (frame, split->y);

              if (flown)
                {
                  pen_segment (pen, ax, ay, mx, my);
                  pen->down = FALSE;
                }
              else
                {
                  pen->down = FALSE;
                  pen_segment (pen, mx, my, zx, zy);
                }
            }
        }
    }
}

static void
stroke_bucket (cairo_t          *cr,
               const OvfPalette *palette,
               const OvfRgba    *color,
               Bucket            bucket,
               gboolean          dense)
{
  static const double flown_dash[] = { 7.0, 5.0 };
  static const double future_dash[] = { 4.0, 5.0 };
  gboolean flown = bucket_is_flown (bucket);
  gboolean estimated = bucket_kind (bucket) == OVF_POINT_ESTIMATED;

  /* Round joins cost an arc each; on dense tracks, where every vertex is
   * a pixel from the next, bevels look the same. */
  cairo_set_line_join (cr, dense ? CAIRO_LINE_JOIN_BEVEL : CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, estimated ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
  if (estimated)
    cairo_set_dash (cr, flown ? flown_dash : future_dash, 2, 0.0);
  else
    cairo_set_dash (cr, NULL, 0, 0.0);

  if (flown)
    {
      /* A casing keeps the line readable over any basemap colour. */
      cairo_set_line_width (cr, 6.5);
      ovf_set_source (cr, &palette->casing, 1.0);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, 3.5);
      ovf_set_source (cr, color, 1.0);
    }
  else
    {
      cairo_set_line_width (cr, 2.0);
      ovf_set_source (cr, color, 0.45);
    }
  cairo_stroke (cr);
}

void
ovf_overlay_draw_track_path (cairo_t             *cr,
                             const OvfFrame      *frame,
                             const OvfPalette    *palette,
                             const OvfRgba       *color,
                             OvfPreparedTrack    *pt,
                             const OvfTrackSplit *split)
{
  static const Bucket order[] = {
    BUCKET_FUTURE_REPORTED, BUCKET_FUTURE_ESTIMATED,
    BUCKET_FLOWN_REPORTED, BUCKET_FLOWN_ESTIMATED,
  };
  const OvfMapView *view = frame->view;
  OvfPathLevel *level;
  Pen pen = {
    .cr = cr,
    .xmin = -CLIP_MARGIN, .ymin = -CLIP_MARGIN,
    .xmax = view->width + CLIP_MARGIN, .ymax = view->height + CLIP_MARGIN,
  };
  int k0, k1;

  if (pt->n < 2 || !ovf_frame_world_range (frame, pt->min_x, pt->max_x, &k0, &k1))
    return;
  if (pt->max_y < frame->y0 || pt->min_y > frame->y1)
    return;

  level = ovf_prepared_track_get_level (pt, view->zoom);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      cairo_new_path (cr);
      for (int k = k0; k <= k1; k++)
        trace_bucket (pt, level, split, frame, &pen, k, order[i]);
      stroke_bucket (cr, palette, color, order[i], level->n > DENSE_VERTICES);
    }
  cairo_set_dash (cr, NULL, 0, 0.0);
}

/* Areas */

/* The point at @distance_m from (lat, lon) on @bearing, on the sphere. */
static void
destination (double  lat,
             double  lon,
             double  bearing,
             double  distance_m,
             double *out_lat,
             double *out_lon)
{
  double d = distance_m / OVF_EARTH_RADIUS_M;
  double p1 = lat * G_PI / 180.0, l1 = lon * G_PI / 180.0;
  double p2 = asin (sin (p1) * cos (d) + cos (p1) * sin (d) * cos (bearing));
  double l2 = l1 + atan2 (sin (bearing) * sin (d) * cos (p1), cos (d) - sin (p1) * sin (p2));

  *out_lat = p2 * 180.0 / G_PI;
  *out_lon = l2 * 180.0 / G_PI;
}

/* Fills xs/ys with the area's outline in mercator, longitudes kept
 * continuous; returns the vertex count. */
static guint
area_outline (OvfArea  *area,
              GArray   *xs,
              GArray   *ys)
{
  guint n;
  double prev_lon;
  OvfLatLon center = ovf_area_get_center (area);
  const OvfLatLon *polygon = NULL;

  if (ovf_area_is_circle (area))
    n = AREA_CIRCLE_VERTICES;
  else
    polygon = ovf_area_get_polygon (area, &n);

  g_array_set_size (xs, n);
  g_array_set_size (ys, n);
  prev_lon = center.lon;
  for (guint i = 0; i < n; i++)
    {
      double lat, lon;

      if (polygon != NULL)
        {
          lat = polygon[i].lat;
          lon = polygon[i].lon;
        }
      else
        {
          destination (center.lat, center.lon, 2 * G_PI * i / n, ovf_area_get_radius_m (area), &lat, &lon);
        }
      lon = ovf_geo_unwrap_lon (lon, prev_lon);
      prev_lon = lon;
      ovf_geo_to_mercator (lat, lon, &g_array_index (xs, double, i), &g_array_index (ys, double, i));
    }
  return n;
}

void
ovf_overlay_draw_areas (OvfOverlay       *self,
                        cairo_t          *cr,
                        const OvfFrame   *frame,
                        const OvfPalette *palette)
{
  GListModel *areas = ovf_dataset_get_areas (self->dataset);
  guint n = g_list_model_get_n_items (areas);
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OvfArea) area = g_list_model_get_item (areas, i);
      double min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
      guint nv;
      int k0, k1;

      if (!ovf_area_applies_at (area, self->time))
        continue;

      nv = area_outline (area, xs, ys);
      for (guint v = 0; v < nv; v++)
        {
          min_x = MIN (min_x, g_array_index (xs, double, v));
          max_x = MAX (max_x, g_array_index (xs, double, v));
          min_y = MIN (min_y, g_array_index (ys, double, v));
          max_y = MAX (max_y, g_array_index (ys, double, v));
        }
      if (nv < 3 || max_y < frame->y0 || min_y > frame->y1 ||
          !ovf_frame_world_range (frame, min_x, max_x, &k0, &k1))
        continue;

      for (int k = k0; k <= k1; k++)
        {
          cairo_new_path (cr);
          for (guint v = 0; v < nv; v++)
            cairo_line_to (cr, ovf_frame_px (frame, g_array_index (xs, double, v) + k),
                           ovf_frame_py (frame, g_array_index (ys, double, v)));
          cairo_close_path (cr);
          ovf_set_source (cr, &palette->area, 0.22);
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, 1.5);
          ovf_set_source (cr, &palette->area, 0.9);
          cairo_stroke (cr);
        }
    }
}
