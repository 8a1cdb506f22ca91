/* ovf-exporter.h: snapshots of the map as PNG, SVG or PDF, with no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "ovf-export-options.h"

G_BEGIN_DECLS

/* Draws the whole snapshot onto @cr, in image pixels. */
gboolean         ovf_exporter_draw              (OvfDataset             *dataset,
                                                 const OvfExportOptions *options,
                                                 cairo_t                *cr,
                                                 GError                **error);
/* The same, telling where labels and the panels over the map went (as
 * OvfPlacedLabel and cairo_rectangle_t, in logical pixels); for tests. */
gboolean         ovf_exporter_draw_full         (OvfDataset             *dataset,
                                                 const OvfExportOptions *options,
                                                 cairo_t                *cr,
                                                 GArray                **out_labels,
                                                 GArray                **out_panels,
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

/* Writes @contents to @path atomically: on failure the file is as it
 * was and no temporary file is left behind. */
gboolean         ovf_export_write_file_atomically (const char           *path,
                                                   const char           *contents,
                                                   gsize                 length,
                                                   GError              **error);

G_END_DECLS
