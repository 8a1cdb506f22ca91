/* ovf-exporter.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "ovf-basemap.h"
#include "ovf-basemap-source.h"
#include "ovf-exporter.h"
#include "ovf-draw.h"
#include "ovf-geo.h"
#include "ovf-time-format.h"

#define TILE_SIZE 256.0
#define MARGIN 16.0
/* Enough for a 4K view; an 8192 px square would need about a thousand. */
#define OSM_EXPORT_MAX_TILES 300
/* SVG and PDF sizes are given in CSS pixels; PDF counts in points. */
#define PT_PER_PX 0.75

G_DEFINE_QUARK (ovf-export-error-quark, ovf_export_error)

void
ovf_export_options_init (OvfExportOptions *options,
                         OvfDataset       *dataset)
{
  OvfTrack *track;
  OvfTime start = 0, end = 0;

  g_return_if_fail (options != NULL);

  *options = (OvfExportOptions) {
    .format = OVF_EXPORT_FORMAT_AUTO,
    .width = 1920,
    .height = 1080,
    .scale = 1.0,
    .view = { .center_x = 0.5, .center_y = 0.5, .zoom = 2.0, .tile_size = TILE_SIZE },
    .caption = TRUE,
    .legend = TRUE,
    .scale_bar = TRUE,
    .places = TRUE,
  };

  if (dataset == NULL)
    return;

  /* The moment the main track ends, with all of it flown. */
  track = ovf_dataset_get_main_track (dataset);
  if (track != NULL && ovf_track_get_n_points (track) > 0)
    end = ovf_track_get_end_time (track);
  else
    ovf_dataset_get_time_span (dataset, &start, &end);
  options->time = end;
  ovf_export_options_fit (options, dataset, FALSE);
}

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

/* The width the legend takes at the left edge, as render draws it. */
static double
legend_column_width (const OvfExportOptions *options)
{
  g_autoptr(OvfOverlay) overlay = NULL;
  double shrink, width, height;

  if (!options->legend)
    return 0.0;

  overlay = ovf_overlay_new ();
  shrink = CLAMP (MIN (options->view.width / 1000.0, options->view.height / 640.0), 0.55, 1.0);
  ovf_overlay_draw_legend (overlay, NULL, 0, 0, &width, &height);
  return (MARGIN + width) * shrink;
}

static void
fit_bounds (OvfExportOptions *options,
            const Bounds     *b)
{
  double legend;

  options->view.tile_size = TILE_SIZE;
  options->view.width = options->width / options->scale;
  options->view.height = options->height / options->scale;
  /* The path is fitted beside the legend's column, so no part of it hides
   * behind the legend; the padding leaves room for the caption. */
  legend = legend_column_width (options);
  options->view.width -= legend;
  ovf_map_view_fit (&options->view, b->x0, b->y0, b->x1, b->y1,
                    MAX (40.0, 0.1 * MIN (options->view.width, options->view.height)) + 40.0);
  options->view.width += legend;
  options->view.center_x -= legend / 2.0 / ovf_map_view_world_size (&options->view);
  /* Keep the centre in the first world, where other views expect it. */
  options->view.center_x -= floor (options->view.center_x);
}

void
ovf_export_options_fit (OvfExportOptions *options,
                        OvfDataset       *dataset,
                        gboolean          everything)
{
  Bounds b = { .empty = TRUE };
  OvfTrack *main_track;

  g_return_if_fail (options != NULL);
  g_return_if_fail (OVF_IS_DATASET (dataset));

  main_track = ovf_dataset_get_main_track (dataset);
  if (main_track != NULL)
    bounds_add_track (&b, main_track);

  if (everything || b.empty)
    {
      GListModel *tracks = ovf_dataset_get_tracks (dataset);
      GListModel *events = ovf_dataset_get_events (dataset);
      GListModel *places = ovf_dataset_get_places (dataset);

      for (guint i = 0; i < g_list_model_get_n_items (tracks); i++)
        {
          g_autoptr(OvfTrack) track = g_list_model_get_item (tracks, i);

          bounds_add_track (&b, track);
        }
      for (guint i = 0; i < g_list_model_get_n_items (events); i++)
        {
          g_autoptr(OvfEvent) event = g_list_model_get_item (events, i);

          if (ovf_event_has_location (event))
            bounds_add (&b, ovf_event_get_latitude (event), ovf_event_get_longitude (event));
        }
      for (guint i = 0; i < g_list_model_get_n_items (places); i++)
        {
          g_autoptr(OvfPlace) place = g_list_model_get_item (places, i);

          bounds_add (&b, ovf_place_get_latitude (place), ovf_place_get_longitude (place));
        }
    }

  if (!b.empty)
    fit_bounds (options, &b);
}


void
ovf_export_options_fit_span (OvfExportOptions *options,
                             OvfDataset       *dataset,
                             OvfTime           start,
                             OvfTime           end)
{
  Bounds b = { .empty = TRUE };
  OvfTrack *track;
  const OvfTrackPoint *points;
  OvfTrackFix fix;
  guint n;

  g_return_if_fail (options != NULL);
  g_return_if_fail (OVF_IS_DATASET (dataset));

  track = ovf_dataset_get_main_track (dataset);
  if (track == NULL || ovf_track_get_n_points (track) == 0)
    return;

  ovf_track_locate (track, start, &fix);
  bounds_add (&b, fix.lat, fix.lon);
  points = ovf_track_get_points (track, &n);
  for (guint i = 0; i < n; i++)
    if (points[i].time > start && points[i].time < end)
      bounds_add (&b, points[i].lat, points[i].lon);
  ovf_track_locate (track, end, &fix);
  bounds_add (&b, fix.lat, fix.lon);

  fit_bounds (options, &b);
}

OvfExportFormat
ovf_export_format_from_path (const char *path)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, OVF_EXPORT_FORMAT_AUTO);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".png"))
    return OVF_EXPORT_FORMAT_PNG;
  if (g_str_has_suffix (lower, ".svg"))
    return OVF_EXPORT_FORMAT_SVG;
  if (g_str_has_suffix (lower, ".pdf"))
    return OVF_EXPORT_FORMAT_PDF;
  return OVF_EXPORT_FORMAT_AUTO;
}

const char *
ovf_export_format_get_extension (OvfExportFormat format)
{
  switch (format)
    {
    case OVF_EXPORT_FORMAT_SVG:
      return "svg";
    case OVF_EXPORT_FORMAT_PDF:
      return "pdf";
    case OVF_EXPORT_FORMAT_PNG:
    case OVF_EXPORT_FORMAT_AUTO:
    default:
      return "png";
    }
}

static gboolean
check_options (const OvfExportOptions *options,
               GError                **error)
{
  if (options->width < 1 || options->height < 1 ||
      options->width > OVF_EXPORT_MAX_SIZE || options->height > OVF_EXPORT_MAX_SIZE)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_INVALID,
                   _("The image size %d×%d is out of range: each side must be 1 to %d pixels"),
                   options->width, options->height, OVF_EXPORT_MAX_SIZE);
      return FALSE;
    }
  if (!(options->scale >= 1.0 && options->scale <= 4.0))
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_INVALID,
                   _("The scale %g is out of range: it must be 1 to 4"), options->scale);
      return FALSE;
    }
  if (!(options->view.zoom >= 0.0 && options->view.zoom <= 20.0))
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_INVALID,
                   _("The zoom level %g is out of range: it must be 0 to 20"), options->view.zoom);
      return FALSE;
    }
  if (!isfinite (options->view.center_x) || !(options->view.center_y >= 0.0 && options->view.center_y <= 1.0))
    {
      g_set_error_literal (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_INVALID,
                           _("The map centre is outside the map"));
      return FALSE;
    }
  return TRUE;
}

static OvfMapView
logical_view (const OvfExportOptions *options)
{
  OvfMapView view = options->view;

  view.width = options->width / options->scale;
  view.height = options->height / options->scale;
  view.tile_size = TILE_SIZE;
  return view;
}

/* Text */

static void
set_panel_source (cairo_t  *cr,
                  gboolean  dark)
{
  if (dark)
    cairo_set_source_rgba (cr, 0.14, 0.14, 0.15, 0.9);
  else
    cairo_set_source_rgba (cr, 1.0, 1.0, 1.0, 0.9);
}

static void
set_text_source (cairo_t  *cr,
                 gboolean  dark,
                 double    alpha)
{
  if (dark)
    cairo_set_source_rgba (cr, 0.96, 0.96, 0.96, alpha);
  else
    cairo_set_source_rgba (cr, 0.14, 0.14, 0.16, alpha);
}

/* Basemap */

/* Draws the tiles whose rows meet the logical rows top..bottom. On
 * images, tiles meet at fractional pixels: each is added onto a clear
 * group, so their antialiased edges sum to full coverage instead of
 * leaving faint seams. Vector formats keep tiles as vector paths. */
static void
draw_tiles (cairo_t          *cr,
            OvfBasemap       *basemap,
            const OvfMapView *view,
            gboolean          dark,
            double            top,
            double            bottom,
            gboolean          raster)
{
  int zoom = (int) CLAMP (floor (view->zoom), 0, 20);
  int n = 1 << zoom;
  double tile_px = view->tile_size * exp2 (view->zoom - zoom);
  double world = tile_px * n;
  double ox = view->width / 2.0 - view->center_x * world;
  double oy = view->height / 2.0 - view->center_y * world;
  int tx0 = (int) floor (-ox / tile_px), tx1 = (int) floor ((view->width - ox) / tile_px);
  int ty0 = (int) MAX (floor ((top - oy) / tile_px), 0), ty1 = (int) MIN (floor ((bottom - oy) / tile_px), n - 1);
  double water[3];

  ovf_basemap_get_color (OVF_BASEMAP_COLOR_WATER, dark, water);
  cairo_set_source_rgb (cr, water[0], water[1], water[2]);
  cairo_paint (cr);

  if (raster)
    cairo_push_group (cr);
  for (int ty = ty0; ty <= ty1; ty++)
    for (int tx = tx0; tx <= tx1; tx++)
      {
        cairo_save (cr);
        cairo_translate (cr, ox + tx * tile_px, oy + ty * tile_px);
        if (raster)
          {
            cairo_rectangle (cr, -1, -1, tile_px + 2, tile_px + 2);
            cairo_clip (cr);
            cairo_push_group (cr);
          }
        ovf_basemap_render_tile (basemap, cr, zoom, tx, ty, tile_px, dark);
        if (raster)
          {
            cairo_pop_group_to_source (cr);
            cairo_set_operator (cr, CAIRO_OPERATOR_ADD);
            cairo_paint (cr);
          }
        cairo_restore (cr);
      }
  if (raster)
    {
      cairo_pop_group_to_source (cr);
      cairo_paint (cr);
    }
}

/* A horizontal band of a raster basemap, drawn on its own thread. */
typedef struct
{
  OvfBasemap       *basemap;
  const OvfMapView *view;
  gboolean          dark;
  double            scale;     /* device pixels per logical pixel */
  int               width;
  int               y0;
  int               y1;
  cairo_surface_t  *surface;
} Band;

static gpointer
draw_band (gpointer data)
{
  Band *band = data;
  cairo_t *cr;

  band->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, band->width, band->y1 - band->y0);
  cr = cairo_create (band->surface);
  cairo_translate (cr, 0, -band->y0);
  cairo_scale (cr, band->scale, band->scale);
  draw_tiles (cr, band->basemap, band->view, band->dark,
              band->y0 / band->scale, band->y1 / band->scale, TRUE);
  cairo_destroy (cr);
  return NULL;
}

/* Large raster snapshots are drawn in bands on every core: the basemap
 * is most of an export's time and reads shared data only. */
static void
draw_basemap (cairo_t          *cr,
              OvfBasemap       *basemap,
              const OvfMapView *view,
              gboolean          dark)
{
  gboolean raster = cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE;
  cairo_matrix_t m;
  int width, height, n_bands;
  Band bands[4];
  GThread *threads[4] = { NULL, };

  cairo_get_matrix (cr, &m);
  if (!raster || m.xy != 0.0 || m.yx != 0.0 || m.xx != m.yy)
    {
      draw_tiles (cr, basemap, view, dark, 0, view->height, raster);
      return;
    }

  width = (int) ceil (view->width * m.xx);
  height = (int) ceil (view->height * m.yy);
  n_bands = (gint64) width * height < 1024 * 1024 ? 1 : (int) CLAMP (g_get_num_processors (), 1, 4);
  n_bands = MIN (n_bands, height);

  for (int i = 0; i < n_bands; i++)
    {
      bands[i] = (Band) {
        .basemap = basemap, .view = view, .dark = dark, .scale = m.xx, .width = width,
        .y0 = height * i / n_bands, .y1 = height * (i + 1) / n_bands,
      };
      if (i > 0)
        threads[i] = g_thread_new ("ovf-basemap-band", draw_band, &bands[i]);
    }
  draw_band (&bands[0]);

  cairo_save (cr);
  cairo_scale (cr, 1.0 / m.xx, 1.0 / m.yy);
  for (int i = 0; i < n_bands; i++)
    {
      if (threads[i] != NULL)
        g_thread_join (threads[i]);
      cairo_set_source_surface (cr, bands[i].surface, 0, bands[i].y0);
      cairo_paint (cr);
      cairo_surface_destroy (bands[i].surface);
    }
  cairo_restore (cr);
}

static const char *
basemap_id (gboolean dark)
{
  return dark ? "overflight-basemap-dark" : "overflight-basemap";
}

/* OpenStreetMap tiles */

/* The OSM tiles a view needs, fetched and decoded before anything is
 * drawn, so that a missing tile fails the export with nothing written. */
typedef struct
{
  int               zoom;
  int               tx0, tx1, ty0, ty1;
  double            tile_px;   /* logical pixels per tile */
  double            ox, oy;    /* where tile 0,0 sits */
  cairo_surface_t **surfaces;  /* by column modulo 2^zoom, then row */
} OsmTiles;

typedef struct
{
  GBytes *bytes;
  gsize   offset;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  PngReader *reader = closure;
  gsize size;
  const guint8 *bytes = g_bytes_get_data (reader->bytes, &size);

  if (size - reader->offset < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, bytes + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

static void
osm_tiles_clear (OsmTiles *tiles)
{
  int columns = MIN (tiles->tx1 - tiles->tx0 + 1, 1 << tiles->zoom);

  for (int i = 0; tiles->surfaces != NULL && i < columns * (tiles->ty1 - tiles->ty0 + 1); i++)
    g_clear_pointer (&tiles->surfaces[i], cairo_surface_destroy);
  g_clear_pointer (&tiles->surfaces, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OsmTiles, osm_tiles_clear)

static cairo_surface_t **
osm_tile_slot (OsmTiles *tiles,
               int       tx,
               int       ty)
{
  int n = 1 << tiles->zoom;
  int columns = MIN (tiles->tx1 - tiles->tx0 + 1, n);
  int column = (((tx % n) + n) % n - ((tiles->tx0 % n) + n) % n + n) % n;

  return &tiles->surfaces[(ty - tiles->ty0) * columns + column];
}

static gboolean
osm_tiles_fetch (OsmTiles          *tiles,
                 OvfOsmSource      *osm,
                 const OvfMapView  *view,
                 GError           **error)
{
  int n, count;
  double world;

  tiles->zoom = (int) CLAMP (round (view->zoom), 0, 19);
  n = 1 << tiles->zoom;
  tiles->tile_px = view->tile_size * exp2 (view->zoom - tiles->zoom);
  world = tiles->tile_px * n;
  tiles->ox = view->width / 2.0 - view->center_x * world;
  tiles->oy = view->height / 2.0 - view->center_y * world;
  tiles->tx0 = (int) floor (-tiles->ox / tiles->tile_px);
  tiles->tx1 = (int) floor ((view->width - tiles->ox) / tiles->tile_px);
  tiles->ty0 = (int) MAX (floor (-tiles->oy / tiles->tile_px), 0);
  tiles->ty1 = (int) MIN (floor ((view->height - tiles->oy) / tiles->tile_px), n - 1);
  if (tiles->ty1 < tiles->ty0)
    return TRUE;
  count = MIN (tiles->tx1 - tiles->tx0 + 1, n) * (tiles->ty1 - tiles->ty0 + 1);
  /* OpenStreetMap's tile usage policy forbids bulk downloads. */
  if (count > OSM_EXPORT_MAX_TILES)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_TILES,
                   _("This snapshot would need %d OpenStreetMap tiles, more than the %d an export may "
                     "download; choose a smaller size or the built-in map"),
                   count, OSM_EXPORT_MAX_TILES);
      return FALSE;
    }
  tiles->surfaces = g_new0 (cairo_surface_t *, (gsize) count);

  for (int ty = tiles->ty0; ty <= tiles->ty1; ty++)
    for (int tx = tiles->tx0; tx <= tiles->tx1 && tx < tiles->tx0 + n; tx++)
      {
        int x = ((tx % n) + n) % n;
        g_autoptr(GError) local_error = NULL;
        g_autoptr(GBytes) bytes = ovf_osm_source_fetch_tile_sync (osm, tiles->zoom, x, ty, NULL, &local_error);
        PngReader reader = { bytes, 0 };
        cairo_surface_t *surface;

        if (bytes == NULL)
          {
            g_set_error_literal (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_TILES, local_error->message);
            return FALSE;
          }
        surface = cairo_image_surface_create_from_png_stream (read_png, &reader);
        if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
          {
            cairo_surface_destroy (surface);
            g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_TILES,
                         _("OpenStreetMap tile %d/%d/%d is not a PNG image"), tiles->zoom, x, ty);
            return FALSE;
          }
        *osm_tile_slot (tiles, tx, ty) = surface;
      }
  return TRUE;
}

static void
draw_osm_tiles (cairo_t  *cr,
                OsmTiles *tiles,
                gboolean  dark)
{
  double water[3];

  /* Beyond the poles' edge of the Mercator world. */
  ovf_basemap_get_color (OVF_BASEMAP_COLOR_WATER, dark, water);
  cairo_set_source_rgb (cr, water[0], water[1], water[2]);
  cairo_paint (cr);

  for (int ty = tiles->ty0; tiles->surfaces != NULL && ty <= tiles->ty1; ty++)
    for (int tx = tiles->tx0; tx <= tiles->tx1; tx++)
      {
        cairo_surface_t *surface = *osm_tile_slot (tiles, tx, ty);
        double s = tiles->tile_px / cairo_image_surface_get_width (surface);

        cairo_save (cr);
        cairo_translate (cr, tiles->ox + tx * tiles->tile_px, tiles->oy + ty * tiles->tile_px);
        cairo_scale (cr, s, s);
        cairo_set_source_surface (cr, surface, 0, 0);
        cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_GOOD);
        /* Pad so that neighbouring tiles meet without a seam. */
        cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
        cairo_rectangle (cr, 0, 0, cairo_image_surface_get_width (surface),
                         cairo_image_surface_get_height (surface));
        cairo_fill (cr);
        cairo_restore (cr);
      }
}

/* Caption */

static OvfEvent *
caption_event (OvfDataset             *dataset,
               const OvfExportOptions *options)
{
  int index;

  if (options->selected_event != NULL)
    return g_object_ref (options->selected_event);
  index = ovf_dataset_find_event_at_or_before (dataset, options->time);
  if (index < 0)
    return NULL;
  return g_list_model_get_item (ovf_dataset_get_events (dataset), index);
}

/* "4 February 2023, 19:39 UTC · 14:39 EST" */
static char *
format_caption_time (OvfTime     time,
                     const char *zone_id)
{
  g_autoptr(GTimeZone) zone = zone_id != NULL ? g_time_zone_new_identifier (zone_id) : NULL;
  g_autofree char *utc_text = ovf_time_format_utc (time);
  g_autofree char *local_text = NULL;

  if (utc_text == NULL)
    return g_strdup ("");
  if (zone == NULL)
    return g_steal_pointer (&utc_text);

  local_text = ovf_time_format_clock_in_zone (time, zone);
  if (local_text == NULL)
    return g_steal_pointer (&utc_text);
  return g_strdup_printf ("%s · %s", utc_text, local_text);
}

static void
draw_caption (OvfDataset             *dataset,
              const OvfExportOptions *options,
              cairo_t                *cr,
              const OvfMapView       *view)
{
  g_autoptr(OvfEvent) event = caption_event (dataset, options);
  g_autoptr(PangoLayout) title = ovf_draw_create_layout (cr, 22.0, PANGO_WEIGHT_BOLD);
  g_autoptr(PangoLayout) when = ovf_draw_create_layout (cr, 15.0, PANGO_WEIGHT_NORMAL);
  g_autoptr(PangoLayout) what = ovf_draw_create_layout (cr, 15.0, PANGO_WEIGHT_NORMAL);
  g_autofree char *time_text = NULL;
  int max_w = (int) MAX (view->width - 2 * MARGIN - 32, 40);
  int tw, th, ww, wh, ew = 0, eh = 0;
  double x = MARGIN, y = MARGIN, w, h;

  time_text = format_caption_time (options->time, event != NULL ? ovf_event_get_timezone (event) : NULL);
  pango_layout_set_text (title, ovf_dataset_get_title (dataset), -1);
  pango_layout_set_text (when, time_text, -1);
  pango_layout_set_width (title, max_w * PANGO_SCALE);
  pango_layout_set_width (when, max_w * PANGO_SCALE);
  pango_layout_set_width (what, MIN (max_w, 640) * PANGO_SCALE);
  pango_layout_set_wrap (title, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_wrap (what, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (title, &tw, &th);
  pango_layout_get_pixel_size (when, &ww, &wh);
  if (event != NULL)
    {
      pango_layout_set_text (what, ovf_event_get_title (event), -1);
      pango_layout_get_pixel_size (what, &ew, &eh);
    }

  w = MAX (MAX (tw, ww), ew) + 32;
  h = th + 4 + wh + (event != NULL ? 6 + eh : 0) + 24;

  cairo_save (cr);
  ovf_draw_rounded_rectangle (cr, x, y, w, h, 10.0);
  set_panel_source (cr, options->dark);
  cairo_fill (cr);

  x += 16;
  y += 12;
  set_text_source (cr, options->dark, 1.0);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, title);
  y += th + 4;
  set_text_source (cr, options->dark, 0.8);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, when);
  if (event != NULL)
    {
      double color[4];

      y += wh + 6;
      ovf_overlay_get_category_color (ovf_event_get_category (event), options->dark, color);
      cairo_arc (cr, x + 5, y + eh / 2.0, 5, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, color[0], color[1], color[2], 1.0);
      cairo_fill (cr);
      cairo_move_to (cr, x + 16, y);
      pango_layout_set_width (what, (MIN (max_w, 640) - 16) * PANGO_SCALE);
      set_text_source (cr, options->dark, 1.0);
      pango_cairo_show_layout (cr, what);
    }
  cairo_restore (cr);
}

/* Scale bar and attribution */

static double
nice_length (double max)
{
  double magnitude = pow (10.0, floor (log10 (max)));

  if (5 * magnitude <= max)
    return 5 * magnitude;
  if (2 * magnitude <= max)
    return 2 * magnitude;
  return magnitude;
}

static void
draw_scale_row (cairo_t  *cr,
                gboolean  dark,
                double    x,
                double    y,
                double    length_px,
                const char *label)
{
  g_autoptr(PangoLayout) layout = ovf_draw_create_layout (cr, 12.0, PANGO_WEIGHT_NORMAL);
  int w, h;

  pango_layout_set_text (layout, label, -1);
  pango_layout_get_pixel_size (layout, &w, &h);

  cairo_new_path (cr);
  cairo_move_to (cr, x, y - 5);
  cairo_line_to (cr, x, y);
  cairo_line_to (cr, x + length_px, y);
  cairo_line_to (cr, x + length_px, y - 5);
  cairo_set_line_width (cr, 2.0);
  set_text_source (cr, dark, 1.0);
  cairo_stroke (cr);
  cairo_move_to (cr, x + length_px + 6, y - h + 3);
  pango_cairo_show_layout (cr, layout);
}

/* Returns the height used, drawn with its bottom right at (right, bottom). */
static double
draw_scale_bar (cairo_t          *cr,
                const OvfMapView *view,
                gboolean          dark,
                double            right,
                double            bottom)
{
  const double max_px = 140.0;
  double lat, lon, m_per_px, km, mi;
  g_autofree char *km_label = NULL;
  g_autofree char *mi_label = NULL;
  double x, w = max_px + 60;

  ovf_geo_from_mercator (view->center_x, view->center_y, &lat, &lon);
  m_per_px = cos (lat * G_PI / 180.0) * 2 * G_PI * OVF_EARTH_RADIUS_M / ovf_map_view_world_size (view);
  km = nice_length (max_px * m_per_px / 1000.0);
  mi = nice_length (max_px * m_per_px / 1609.344);
  /* TRANSLATORS: scale bar lengths */
  km_label = g_strdup_printf (_("%g km"), km);
  mi_label = g_strdup_printf (_("%g mi"), mi);

  x = right - w;
  cairo_save (cr);
  ovf_draw_rounded_rectangle (cr, x - 10, bottom - 50, w + 10, 50, 8.0);
  set_panel_source (cr, dark);
  cairo_fill (cr);
  draw_scale_row (cr, dark, x, bottom - 28, km * 1000.0 / m_per_px, km_label);
  draw_scale_row (cr, dark, x, bottom - 8, mi * 1609.344 / m_per_px, mi_label);
  cairo_restore (cr);
  return 50;
}

/* The short credit line an image carries; the sidecar has the full
 * attribution and the dataset's credits. */
static char *
attribution_text (OvfDataset   *dataset,
                  OvfOsmSource *osm)
{
  GString *text = g_string_new (osm != NULL
                                ? shumate_map_source_get_license (SHUMATE_MAP_SOURCE (osm))
                                : ovf_basemap_source_license ());
  const char *license = ovf_dataset_get_license (dataset);

  g_string_append (text, " · ");
  /* TRANSLATORS: credit for the dataset: its title follows */
  g_string_append_printf (text, _("Data: %s"), ovf_dataset_get_title (dataset));
  if (license != NULL && *license != '\0')
    g_string_append_printf (text, " (%s)", license);
  g_string_append_printf (text, " · Overflight %s", PACKAGE_VERSION);
  return g_string_free (text, FALSE);
}

/* Returns the height used, along the bottom right. */
static double
draw_attribution (OvfDataset       *dataset,
                  OvfOsmSource     *osm,
                  cairo_t          *cr,
                  const OvfMapView *view,
                  gboolean          dark)
{
  g_autoptr(PangoLayout) layout = ovf_draw_create_layout (cr, 11.0, PANGO_WEIGHT_NORMAL);
  g_autofree char *text = attribution_text (dataset, osm);
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) MAX (view->width - 8, 20) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  pango_layout_get_pixel_size (layout, &w, &h);

  cairo_save (cr);
  cairo_rectangle (cr, view->width - w - 8, view->height - h - 4, w + 8, h + 4);
  set_panel_source (cr, dark);
  cairo_fill (cr);
  set_text_source (cr, dark, 0.85);
  /* A right-aligned layout draws from its own width's left edge. */
  cairo_move_to (cr, 4, view->height - h - 2);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  return h + 4;
}

/* The image is in image pixels, and opaque: painting it copies it. */
static void
paint_basemap_image (cairo_t                *cr,
                     const OvfExportOptions *options)
{
  cairo_save (cr);
  cairo_scale (cr, 1.0 / options->scale, 1.0 / options->scale);
  cairo_set_source_surface (cr, options->basemap_image, 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);
}

cairo_surface_t *
ovf_exporter_render_basemap (const OvfExportOptions *options,
                             GError                **error)
{
  g_autoptr(OvfBasemap) basemap = NULL;
  g_autoptr(GError) local_error = NULL;
  cairo_surface_t *surface;
  OvfMapView view;
  cairo_t *cr;

  g_return_val_if_fail (options != NULL, NULL);

  if (!check_options (options, error))
    return NULL;
  basemap = ovf_basemap_get_default (&local_error);
  if (basemap == NULL)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_RENDER,
                   _("Could not load the built-in map: %s"), local_error->message);
      return NULL;
    }

  view = logical_view (options);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options->width, options->height);
  cr = cairo_create (surface);
  cairo_rectangle (cr, 0, 0, options->width, options->height);
  cairo_clip (cr);
  cairo_scale (cr, options->scale, options->scale);
  draw_basemap (cr, basemap, &view, options->dark);
  cairo_destroy (cr);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_RENDER,
                   _("Drawing the snapshot failed: %s"), cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }
  return surface;
}

gboolean
ovf_exporter_draw (OvfDataset             *dataset,
                   const OvfExportOptions *options,
                   cairo_t                *cr,
                   GError                **error)
{
  g_autoptr(OvfOverlay) overlay = NULL;
  g_autoptr(OvfBasemap) basemap = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(OsmTiles) osm_tiles = { 0 };
  OvfMapView view, decorations;
  double bottom, shrink;

  g_return_val_if_fail (OVF_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  if (!check_options (options, error))
    return FALSE;

  basemap = ovf_basemap_get_default (&local_error);
  if (basemap == NULL)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_RENDER,
                   _("Could not load the built-in map: %s"), local_error->message);
      return FALSE;
    }

  view = logical_view (options);
  if (options->osm != NULL && !osm_tiles_fetch (&osm_tiles, options->osm, &view, error))
    return FALSE;
  overlay = ovf_overlay_new ();
  ovf_overlay_set_dataset (overlay, dataset);
  ovf_overlay_set_time (overlay, options->time);
  ovf_overlay_set_selected_event (overlay, options->selected_event);
  ovf_overlay_set_dark (overlay, options->dark);
  ovf_overlay_set_show_places (overlay, options->places);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, options->width, options->height);
  cairo_clip (cr);
  cairo_scale (cr, options->scale, options->scale);

  if (options->osm != NULL)
    draw_osm_tiles (cr, &osm_tiles, options->dark);
  else if (options->basemap_image != NULL)
    paint_basemap_image (cr, options);
  else
    draw_basemap (cr, basemap, &view, options->dark);
  ovf_overlay_draw (overlay, cr, &view);

  /* On small images the caption, legend and credits shrink, down to a
   * limit, so that they leave the map visible. */
  shrink = CLAMP (MIN (view.width / 1000.0, view.height / 640.0), 0.55, 1.0);
  decorations = view;
  decorations.width /= shrink;
  decorations.height /= shrink;
  decorations.zoom -= log2 (shrink);
  cairo_scale (cr, shrink, shrink);

  bottom = decorations.height - draw_attribution (dataset, options->osm, cr, &decorations, options->dark) - MARGIN / 2;
  if (options->caption)
    draw_caption (dataset, options, cr, &decorations);
  if (options->legend)
    {
      double lw, lh;

      ovf_overlay_draw_legend (overlay, NULL, 0, 0, &lw, &lh);
      ovf_overlay_draw_legend (overlay, cr, MARGIN, bottom - lh, NULL, NULL);
    }
  if (options->scale_bar)
    draw_scale_bar (cr, &decorations, options->dark, decorations.width - MARGIN, bottom);
  cairo_restore (cr);

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_RENDER,
                   _("Drawing the snapshot failed: %s"), cairo_status_to_string (cairo_status (cr)));
      return FALSE;
    }
  return TRUE;
}

cairo_surface_t *
ovf_exporter_render_image (OvfDataset             *dataset,
                           const OvfExportOptions *options,
                           GError                **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  g_return_val_if_fail (OVF_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (!check_options (options, error))
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options->width, options->height);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_RENDER,
                   _("Could not create a %d×%d image: %s"), options->width, options->height,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }

  cr = cairo_create (surface);
  ok = ovf_exporter_draw (dataset, options, cr, error);
  cairo_destroy (cr);
  if (!ok)
    g_clear_pointer (&surface, cairo_surface_destroy);
  return surface;
}

/* Atomic writing */

typedef gboolean (*WriteFunc) (FILE     *file,
                               gpointer  user_data,
                               GError  **error);

typedef struct
{
  FILE *file;
  int   saved_errno;
} Stream;

static cairo_status_t
stream_write (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  Stream *stream = closure;

  if (fwrite (data, 1, length, stream->file) != length)
    {
      stream->saved_errno = errno;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static void
set_write_error (GError    **error,
                 const char *path,
                 int         saved_errno)
{
  g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_WRITE,
               _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
}

static gboolean
write_atomically (const char *path,
                  WriteFunc   func,
                  gpointer    user_data,
                  GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *temp_name = g_strdup_printf (".%s.XXXXXX", base);
  g_autofree char *temp_path = g_build_filename (dir, temp_name, NULL);
  g_autoptr(GError) local_error = NULL;
  gboolean ok;
  FILE *file;
  int fd;

  fd = g_mkstemp_full (temp_path, O_WRONLY, 0666);
  if (fd < 0)
    {
      set_write_error (error, path, errno);
      return FALSE;
    }
  file = fdopen (fd, "wb");
  if (file == NULL)
    {
      set_write_error (error, path, errno);
      close (fd);
      g_unlink (temp_path);
      return FALSE;
    }

  ok = func (file, user_data, &local_error);
  if (ok && (fflush (file) != 0 || fsync (fileno (file)) != 0))
    {
      set_write_error (&local_error, path, errno);
      ok = FALSE;
    }
  if (fclose (file) != 0 && ok)
    {
      set_write_error (&local_error, path, errno);
      ok = FALSE;
    }
  if (ok && g_rename (temp_path, path) != 0)
    {
      set_write_error (&local_error, path, errno);
      ok = FALSE;
    }

  if (!ok)
    {
      g_unlink (temp_path);
      g_propagate_error (error, g_steal_pointer (&local_error));
    }
  return ok;
}

typedef struct
{
  OvfDataset             *dataset;
  const OvfExportOptions *options;
  cairo_surface_t        *image;
  OvfExportFormat         format;
  const char             *contents;
  gsize                   length;
} WriteJob;

static gboolean
check_stream (Stream         *stream,
              cairo_status_t  status,
              const char     *path,
              GError        **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  if (stream->saved_errno != 0)
    set_write_error (error, path, stream->saved_errno);
  else
    g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_RENDER,
                 _("Could not write “%s”: %s"), path, cairo_status_to_string (status));
  return FALSE;
}

static gboolean
write_png (FILE     *file,
           gpointer  user_data,
           GError  **error)
{
  WriteJob *job = user_data;
  Stream stream = { file, 0 };

  return check_stream (&stream, cairo_surface_write_to_png_stream (job->image, stream_write, &stream),
                       job->options->output_path, error);
}

static gboolean
write_vector (FILE     *file,
              gpointer  user_data,
              GError  **error)
{
  WriteJob *job = user_data;
  const OvfExportOptions *options = job->options;
  Stream stream = { file, 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  gboolean ok;

  if (job->format == OVF_EXPORT_FORMAT_SVG)
    {
      surface = cairo_svg_surface_create_for_stream (stream_write, &stream, options->width, options->height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
    }
  else
    {
      surface = cairo_pdf_surface_create_for_stream (stream_write, &stream,
                                                     options->width * PT_PER_PX,
                                                     options->height * PT_PER_PX);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, ovf_dataset_get_title (job->dataset));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Overflight " PACKAGE_VERSION);
    }

  cr = cairo_create (surface);
  if (job->format == OVF_EXPORT_FORMAT_PDF)
    cairo_scale (cr, PT_PER_PX, PT_PER_PX);
  ok = ovf_exporter_draw (job->dataset, options, cr, error);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return ok && check_stream (&stream, status, options->output_path, error);
}

gboolean
ovf_exporter_render (OvfDataset             *dataset,
                     const OvfExportOptions *options,
                     GError                **error)
{
  WriteJob job = { dataset, options, NULL, options->format };
  gboolean ok;

  g_return_val_if_fail (OVF_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->output_path != NULL, FALSE);

  if (job.format == OVF_EXPORT_FORMAT_AUTO)
    job.format = ovf_export_format_from_path (options->output_path);
  if (job.format == OVF_EXPORT_FORMAT_AUTO)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_FORMAT,
                   _("Cannot tell the format of “%s”: use a name ending in .png, .svg or .pdf"),
                   options->output_path);
      return FALSE;
    }
  if (!check_options (options, error))
    return FALSE;

  if (job.format != OVF_EXPORT_FORMAT_PNG)
    return write_atomically (options->output_path, write_vector, &job, error);

  /* Drawn before the file is opened, so a failure touches nothing. */
  job.image = ovf_exporter_render_image (dataset, options, error);
  if (job.image == NULL)
    return FALSE;
  ok = write_atomically (options->output_path, write_png, &job, error);
  cairo_surface_destroy (job.image);
  return ok;
}

static gboolean
write_contents (FILE     *file,
                gpointer  user_data,
                GError  **error)
{
  WriteJob *job = user_data;

  if (fwrite (job->contents, 1, job->length, file) != job->length)
    {
      set_write_error (error, job->options->output_path, errno);
      return FALSE;
    }
  return TRUE;
}

gboolean
ovf_export_write_file_atomically (const char  *path,
                                  const char  *contents,
                                  gsize        length,
                                  GError     **error)
{
  OvfExportOptions target = { .output_path = path };
  WriteJob job = { .options = &target, .contents = contents, .length = length };

  g_return_val_if_fail (path != NULL, FALSE);

  return write_atomically (path, write_contents, &job, error);
}

/* Provenance */

char *
ovf_exporter_get_sidecar_path (const char *output_path)
{
  g_return_val_if_fail (output_path != NULL, NULL);

  return g_strconcat (output_path, ".json", NULL);
}

static void
add_lat_lon (JsonBuilder *builder,
             double       lat,
             double       lon)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "lat");
  json_builder_add_double_value (builder, round (lat * 1e6) / 1e6);
  json_builder_set_member_name (builder, "lon");
  json_builder_add_double_value (builder, round (ovf_geo_normalize_lon (lon) * 1e6) / 1e6);
  json_builder_end_object (builder);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static char *
describe_alt_text (OvfDataset             *dataset,
                   const OvfExportOptions *options,
                   const OvfTrackFix      *fix,
                   OvfEvent               *event)
{
  g_autofree char *when = format_caption_time (options->time, event != NULL ? ovf_event_get_timezone (event) : NULL);
  GString *text = g_string_new (NULL);

  /* TRANSLATORS: alt text for an exported map: dataset title, time */
  g_string_append_printf (text, _("Map: %s, at %s."), ovf_dataset_get_title (dataset), when);
  if (fix != NULL && fix->phase == OVF_FLIGHT_BEFORE)
    /* TRANSLATORS: in the alt text, before the balloon's track begins; degrees */
    g_string_append_printf (text, _(" The balloon’s track starts at %.2f°, %.2f°."), fix->lat, fix->lon);
  else if (fix != NULL && fix->phase == OVF_FLIGHT_AFTER)
    /* TRANSLATORS: in the alt text, after the balloon's track ends; degrees */
    g_string_append_printf (text, _(" The balloon’s track ended at %.2f°, %.2f°."), fix->lat, fix->lon);
  else if (fix != NULL)
    /* TRANSLATORS: the balloon's position in the alt text, in degrees */
    g_string_append_printf (text, _(" The balloon is at %.2f°, %.2f°."), fix->lat, fix->lon);
  if (event != NULL)
    /* TRANSLATORS: the event named in the alt text */
    g_string_append_printf (text, _(" Latest event: %s."), ovf_event_get_title (event));
  return g_string_free (text, FALSE);
}

static void
add_view (JsonBuilder            *builder,
          const OvfExportOptions *options)
{
  OvfMapView view = logical_view (options);
  double world = ovf_map_view_world_size (&view);
  double lat, lon, north, west, south, east;

  ovf_geo_from_mercator (view.center_x - floor (view.center_x), view.center_y, &lat, &lon);
  ovf_geo_from_mercator (view.center_x - view.width / 2 / world, MAX (view.center_y - view.height / 2 / world, 0.0),
                         &north, &west);
  ovf_geo_from_mercator (view.center_x + view.width / 2 / world, MIN (view.center_y + view.height / 2 / world, 1.0),
                         &south, &east);

  json_builder_set_member_name (builder, "view");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "center");
  add_lat_lon (builder, lat, lon);
  json_builder_set_member_name (builder, "zoom");
  json_builder_add_double_value (builder, round (view.zoom * 1000) / 1000);
  json_builder_set_member_name (builder, "bounds");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "west");
  json_builder_add_double_value (builder, round (ovf_geo_normalize_lon (west) * 1e6) / 1e6);
  json_builder_set_member_name (builder, "south");
  json_builder_add_double_value (builder, round (south * 1e6) / 1e6);
  json_builder_set_member_name (builder, "east");
  json_builder_add_double_value (builder, round (ovf_geo_normalize_lon (east) * 1e6) / 1e6);
  json_builder_set_member_name (builder, "north");
  json_builder_add_double_value (builder, round (north * 1e6) / 1e6);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

static void
add_dataset (JsonBuilder *builder,
             OvfDataset  *dataset)
{
  const char * const *credits = ovf_dataset_get_credits (dataset);

  json_builder_set_member_name (builder, "dataset");
  json_builder_begin_object (builder);
  add_string_member (builder, "title", ovf_dataset_get_title (dataset));
  add_string_member (builder, "updated", ovf_dataset_get_updated (dataset));
  json_builder_set_member_name (builder, "format_version");
  json_builder_add_int_value (builder, ovf_dataset_get_format_version (dataset));
  add_string_member (builder, "sha256", ovf_dataset_get_checksum (dataset));
  add_string_member (builder, "license", ovf_dataset_get_license (dataset));
  json_builder_set_member_name (builder, "credits");
  json_builder_begin_array (builder);
  for (guint i = 0; credits != NULL && credits[i] != NULL; i++)
    json_builder_add_string_value (builder, credits[i]);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

JsonNode *
ovf_exporter_describe (OvfDataset             *dataset,
                       const OvfExportOptions *options)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(OvfEvent) event = NULL;
  g_autoptr(OvfBasemap) basemap = ovf_basemap_get_default (NULL);
  g_autofree char *time_text = NULL;
  g_autofree char *alt_text = NULL;
  g_autofree char *image = NULL;
  OvfTrack *track;
  OvfTrackFix fix;
  gboolean have_fix = FALSE;

  g_return_val_if_fail (OVF_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  event = caption_event (dataset, options);
  track = ovf_dataset_get_main_track (dataset);
  if (track != NULL && ovf_track_get_n_points (track) > 0)
    {
      ovf_track_locate (track, options->time, &fix);
      have_fix = TRUE;
    }
  time_text = ovf_time_format_iso8601 (options->time);
  alt_text = describe_alt_text (dataset, options, have_fix ? &fix : NULL, event);
  image = options->output_path != NULL ? g_path_get_basename (options->output_path) : NULL;

  json_builder_begin_object (builder);
  add_string_member (builder, "generator", "Overflight " PACKAGE_VERSION);
  add_string_member (builder, "image", image);
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, options->width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, options->height);
  json_builder_set_member_name (builder, "scale");
  json_builder_add_double_value (builder, options->scale);
  add_string_member (builder, "time", time_text);
  add_view (builder, options);

  json_builder_set_member_name (builder, "balloon");
  if (have_fix)
    add_lat_lon (builder, fix.lat, fix.lon);
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "event");
  if (event != NULL)
    {
      g_autofree char *event_time = ovf_time_format_iso8601 (ovf_event_get_time (event));

      json_builder_begin_object (builder);
      add_string_member (builder, "id", ovf_event_get_id (event));
      add_string_member (builder, "title", ovf_event_get_title (event));
      add_string_member (builder, "time", event_time);
      json_builder_set_member_name (builder, "sources");
      json_builder_begin_array (builder);
      for (guint i = 0; i < ovf_event_get_n_sources (event); i++)
        json_builder_add_string_value (builder, ovf_event_get_source (event, i)->url);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  else
    {
      json_builder_add_null_value (builder);
    }

  add_dataset (builder, dataset);

  json_builder_set_member_name (builder, "map_source");
  json_builder_begin_object (builder);
  if (options->osm != NULL)
    {
      ShumateMapSource *osm = SHUMATE_MAP_SOURCE (options->osm);

      add_string_member (builder, "id", shumate_map_source_get_id (osm));
      add_string_member (builder, "name", shumate_map_source_get_name (osm));
      add_string_member (builder, "attribution", shumate_map_source_get_license (osm));
      add_string_member (builder, "license_uri", shumate_map_source_get_license_uri (osm));
      add_string_member (builder, "tiles", ovf_osm_source_get_url_template (options->osm));
    }
  else
    {
      add_string_member (builder, "id", basemap_id (options->dark));
      add_string_member (builder, "attribution", basemap != NULL ? ovf_basemap_get_attribution (basemap) : NULL);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "layers");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "caption");
  json_builder_add_boolean_value (builder, options->caption);
  json_builder_set_member_name (builder, "legend");
  json_builder_add_boolean_value (builder, options->legend);
  json_builder_set_member_name (builder, "scale_bar");
  json_builder_add_boolean_value (builder, options->scale_bar);
  json_builder_set_member_name (builder, "places");
  json_builder_add_boolean_value (builder, options->places);
  json_builder_set_member_name (builder, "dark");
  json_builder_add_boolean_value (builder, options->dark);
  json_builder_end_object (builder);

  add_string_member (builder, "alt_text", alt_text);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

gboolean
ovf_exporter_write_sidecar (OvfDataset             *dataset,
                            const OvfExportOptions *options,
                            GError                **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (OVF_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (options != NULL && options->output_path != NULL, FALSE);

  root = ovf_exporter_describe (dataset, options);
  text = json_to_string (root, TRUE);
  path = ovf_exporter_get_sidecar_path (options->output_path);
  return ovf_export_write_file_atomically (path, text, strlen (text), error);
}
