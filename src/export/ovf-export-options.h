/* ovf-export-options.h: what a snapshot shows and how large, and fitting it to the data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ovf-dataset.h"
#include "ovf-map-view.h"
#include "ovf-osm-source.h"

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

GQuark           ovf_export_error_quark          (void);

/* 1920×1080 at 1×, everything shown; with a @dataset (nullable), at the
 * end of its main track and fitted to it. */
void             ovf_export_options_init         (OvfExportOptions       *options,
                                                  OvfDataset             *dataset);
/* Centres the view on the main track (or with @everything, on every track,
 * event and place) at the options' logical size. */
void             ovf_export_options_fit          (OvfExportOptions       *options,
                                                  OvfDataset             *dataset,
                                                  gboolean                everything);
/* Centres the view on what @fit names, beside the legend when it is shown. */
void             ovf_export_options_fit_to       (OvfExportOptions       *options,
                                                  OvfDataset             *dataset,
                                                  const OvfFit           *fit);
/* PNG, SVG or PDF by the extension (case-insensitive); AUTO if unknown. */
OvfExportFormat  ovf_export_format_from_path     (const char             *path);
const char      *ovf_export_format_get_extension (OvfExportFormat         format);

G_END_DECLS
