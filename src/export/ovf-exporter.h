/* ovf-exporter.h: snapshots of the map as PNG, SVG or PDF, with no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ovf-dataset.h"
#include "ovf-osm-source.h"
#include "ovf-overlay.h"

G_BEGIN_DECLS

#define OVF_EXPORT_ERROR (ovf_export_error_quark ())

typedef enum
{
  OVF_EXPORT_ERROR_INVALID,   /* options out of range */
  OVF_EXPORT_ERROR_FORMAT,    /* no known format for the file name */
  OVF_EXPORT_ERROR_RENDER,    /* cairo failed while drawing */
  OVF_EXPORT_ERROR_WRITE,     /* the file could not be written */
  OVF_EXPORT_ERROR_TILES,     /* a map tile could not be had */
} OvfExportError;

typedef enum
{
  OVF_EXPORT_FORMAT_AUTO,     /* from the output path's extension */
  OVF_EXPORT_FORMAT_PNG,
  OVF_EXPORT_FORMAT_SVG,
  OVF_EXPORT_FORMAT_PDF,
} OvfExportFormat;

/* The largest image side, in pixels. */
#define OVF_EXPORT_MAX_SIZE 8192

typedef struct
{
  const char      *output_path;
  OvfExportFormat  format;
  /* The image's size in pixels (SVG and PDF: CSS pixels, 96 per inch). */
  int              width;
  int              height;
  /* Logical pixels are scale image pixels: 2 draws everything twice as
   * large, showing the area of a width/2 × height/2 window. */
  double           scale;
  /* Centre and zoom; the size and tile size are set from the fields above. */
  OvfMapView       view;
  OvfTime          time;
  OvfEvent        *selected_event;   /* nullable; otherwise the caption names the latest event */
  gboolean         dark;
  gboolean         caption;
  gboolean         legend;
  gboolean         scale_bar;
  gboolean         places;
  /* Nullable, not owned: draws OpenStreetMap's tiles instead of the
   * built-in map, failing if any cannot be fetched. */
  OvfOsmSource    *osm;
  /* Nullable, not owned: this view's basemap as ovf_exporter_render_basemap
   * drew it, painted instead of drawing the basemap again (a video under
   * a still camera draws it once). Ignored with @osm. */
  cairo_surface_t *basemap_image;
} OvfExportOptions;

GQuark           ovf_export_error_quark         (void);

/* 1920×1080 at 1×, everything shown; with a @dataset (nullable), at the
 * end of its main track and fitted to it. */
void             ovf_export_options_init        (OvfExportOptions       *options,
                                                 OvfDataset             *dataset);
/* Centres the view on the main track (or with @everything, on every track,
 * event and place) at the options' logical size. */
void             ovf_export_options_fit         (OvfExportOptions       *options,
                                                 OvfDataset             *dataset,
                                                 gboolean                everything);
/* PNG, SVG or PDF by the extension (case-insensitive); AUTO if unknown. */
/* Centres the view on the part of the main track flown between @start
 * and @end. */
void             ovf_export_options_fit_span    (OvfExportOptions       *options,
                                                 OvfDataset             *dataset,
                                                 OvfTime                 start,
                                                 OvfTime                 end);
OvfExportFormat  ovf_export_format_from_path    (const char             *path);
const char      *ovf_export_format_get_extension (OvfExportFormat        format);

/* Draws the whole snapshot onto @cr, in image pixels. */
gboolean         ovf_exporter_draw              (OvfDataset             *dataset,
                                                 const OvfExportOptions *options,
                                                 cairo_t                *cr,
                                                 GError                **error);
/* An ARGB32 image of the snapshot, for previews and comparisons. */
cairo_surface_t *ovf_exporter_render_image      (OvfDataset             *dataset,
                                                 const OvfExportOptions *options,
                                                 GError                **error);
/* An ARGB32 image of the built-in basemap alone, pixel for pixel what
 * ovf_exporter_draw paints under everything else at these options. */
cairo_surface_t *ovf_exporter_render_basemap    (const OvfExportOptions *options,
                                                 GError                **error);
/* Renders and writes options->output_path atomically: on failure the
 * file is untouched and no temporary file is left behind. */
gboolean         ovf_exporter_render            (OvfDataset             *dataset,
                                                 const OvfExportOptions *options,
                                                 GError                **error);

/* "<output>.json", the provenance file written beside an image. */
char            *ovf_exporter_get_sidecar_path  (const char             *output_path);
/* The provenance of an export: dataset, time, view, sources, licence. */
JsonNode        *ovf_exporter_describe          (OvfDataset             *dataset,
                                                 const OvfExportOptions *options);
gboolean         ovf_exporter_write_sidecar     (OvfDataset             *dataset,
                                                 const OvfExportOptions *options,
                                                 GError                **error);

/* Writes @contents to @path atomically (a temporary file in the same
 * folder, renamed into place). */
gboolean         ovf_export_write_file_atomically (const char           *path,
                                                   const char           *contents,
                                                   gsize                 length,
                                                   GError              **error);

G_END_DECLS
