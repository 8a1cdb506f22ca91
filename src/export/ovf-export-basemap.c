/* ovf-export-basemap.c: the map under an export: the built-in basemap in bands, or OpenStreetMap tiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ovf-exporter-private.h"

/* Enough for a 4K view; an 8192 px square would need about a thousand. */
#define OSM_EXPORT_MAX_TILES 300

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
void
ovf_export_draw_basemap (cairo_t          *cr,
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

const char *
ovf_export_basemap_id (gboolean dark)
{
  return dark ? "overflight-basemap-dark" : "overflight-basemap";
}

/* OpenStreetMap tiles */

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

void
ovf_export_osm_tiles_clear (OsmTiles *tiles)
{
  int columns = MIN (tiles->tx1 - tiles->tx0 + 1, 1 << tiles->zoom);

  for (int i = 0; tiles->surfaces != NULL && i < columns * (tiles->ty1 - tiles->ty0 + 1); i++)
    g_clear_pointer (&tiles->surfaces[i], cairo_surface_destroy);
  g_clear_pointer (&tiles->surfaces, g_free);
}

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

gboolean
ovf_export_osm_tiles_fetch (OsmTiles          *tiles,
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

void
ovf_export_draw_osm_tiles (cairo_t  *cr,
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

/* The image is in image pixels, and opaque: painting it copies it. */
void
ovf_export_paint_basemap_image (cairo_t                *cr,
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

  if (!ovf_export_check_options (options, error))
    return NULL;
  basemap = ovf_basemap_get_default (&local_error);
  if (basemap == NULL)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_RENDER,
                   _("Could not load the built-in map: %s"), local_error->message);
      return NULL;
    }

  view = ovf_export_logical_view (options);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, options->width, options->height);
  cr = cairo_create (surface);
  cairo_rectangle (cr, 0, 0, options->width, options->height);
  cairo_clip (cr);
  cairo_scale (cr, options->scale, options->scale);
  ovf_export_draw_basemap (cr, basemap, &view, options->dark);
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
