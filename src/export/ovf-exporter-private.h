/* ovf-exporter-private.h: what the exporter's parts (options, basemap, decorations, sidecar) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "ovf-basemap.h"
#include "ovf-exporter.h"
#include "ovf-overlay.h"

G_BEGIN_DECLS

#define OVF_EXPORT_TILE_SIZE 256.0
/* Between the image's edges and the caption, legend and scale bar. */
#define OVF_EXPORT_MARGIN 16.0

/* Options */

gboolean    ovf_export_check_options       (const OvfExportOptions *options,
                                            GError                **error);
/* The view in logical pixels: the image's size over its scale. */
OvfMapView  ovf_export_logical_view        (const OvfExportOptions *options);

/* Basemap */

/* The built-in map, in bands on every core for large raster images. */
void        ovf_export_draw_basemap        (cairo_t                *cr,
                                            OvfBasemap             *basemap,
                                            const OvfMapView       *view,
                                            gboolean                dark);
const char *ovf_export_basemap_id          (gboolean                dark);
/* Paints options->basemap_image, in image pixels, under the rest. */
void        ovf_export_paint_basemap_image (cairo_t                *cr,
                                            const OvfExportOptions *options);

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

gboolean    ovf_export_osm_tiles_fetch     (OsmTiles               *tiles,
                                            OvfOsmSource           *osm,
                                            const OvfMapView       *view,
                                            GError                **error);
void        ovf_export_osm_tiles_clear     (OsmTiles               *tiles);
void        ovf_export_draw_osm_tiles      (cairo_t                *cr,
                                            OsmTiles               *tiles,
                                            gboolean                dark);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (OsmTiles, ovf_export_osm_tiles_clear)

/* Decorations */

/* The width the legend takes at the left edge, as the exporter draws it. */
double      ovf_export_legend_column_width (const OvfExportOptions *options);
void        ovf_export_set_panel_source    (cairo_t                *cr,
                                            gboolean                dark);
void        ovf_export_set_text_source     (cairo_t                *cr,
                                            gboolean                dark,
                                            double                  alpha);
/* The selected event, or the latest at the options' time; NULL if none. */
OvfEvent   *ovf_export_caption_event       (OvfDataset             *dataset,
                                            const OvfExportOptions *options);
/* "4 February 2023, 19:39 UTC · 14:39 EST" */
char       *ovf_export_format_caption_time (OvfTime                 time,
                                            const char             *zone_id);
/* Draws the caption at the top left, or with @paint FALSE only measures
 * it; either way returns its box. */
cairo_rectangle_t ovf_export_draw_caption  (OvfDataset             *dataset,
                                            const OvfExportOptions *options,
                                            cairo_t                *cr,
                                            const OvfMapView       *view,
                                            gboolean                paint);
cairo_rectangle_t ovf_export_scale_bar_box (double                  right,
                                            double                  bottom);
/* Returns the height used, drawn with its bottom right at (right, bottom). */
double      ovf_export_draw_scale_bar      (cairo_t                *cr,
                                            const OvfMapView       *view,
                                            gboolean                dark,
                                            double                  right,
                                            double                  bottom);
/* The credit line along the bottom right; its box, drawn or not. */
cairo_rectangle_t ovf_export_draw_attribution (OvfDataset          *dataset,
                                            OvfOsmSource           *osm,
                                            cairo_t                *cr,
                                            const OvfMapView       *view,
                                            gboolean                dark,
                                            gboolean                paint);
double      ovf_export_layout_panels       (OvfDataset             *dataset,
                                            const OvfExportOptions *options,
                                            cairo_t                *cr,
                                            const OvfMapView       *view,
                                            GArray                 *panels);

G_END_DECLS
