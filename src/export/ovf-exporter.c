/* ovf-exporter.c: draws a snapshot (map, overlay, decorations) and writes it as PNG, SVG or PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>

#include "ovf-exporter-private.h"
#include "ovf-legend.h"
#include "ovf-overlay.h"

/* SVG and PDF sizes are given in CSS pixels; PDF counts in points. */
#define PT_PER_PX 0.75

gboolean
ovf_exporter_draw (OvfDataset             *dataset,
                   const OvfExportOptions *options,
                   cairo_t                *cr,
                   GError                **error)
{
  return ovf_exporter_draw_full (dataset, options, cr, NULL, NULL, error);
}

/**
 * ovf_exporter_draw_full:
 * @out_labels: (out) (optional) (element-type OvfPlacedLabel): the labels
 *   placed on the map
 * @out_panels: (out) (optional) (element-type cairo_rectangle_t): the
 *   panels drawn over it
 *
 * As ovf_exporter_draw(), with what it drew where, in logical pixels.
 */
gboolean
ovf_exporter_draw_full (OvfDataset             *dataset,
                        const OvfExportOptions *options,
                        cairo_t                *cr,
                        GArray                **out_labels,
                        GArray                **out_panels,
                        GError                **error)
{
  g_autoptr(OvfOverlay) overlay = NULL;
  g_autoptr(OvfBasemap) basemap = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GArray) panels = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  g_auto(OsmTiles) osm_tiles = { 0 };
  OvfMapView view, decorations;
  double bottom, shrink;

  g_return_val_if_fail (OVF_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  if (!ovf_export_check_options (options, error))
    return FALSE;

  basemap = ovf_basemap_get_default (&local_error);
  if (basemap == NULL)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_RENDER,
                   _("Could not load the built-in map: %s"), local_error->message);
      return FALSE;
    }

  view = ovf_export_logical_view (options);
  if (options->osm != NULL && !ovf_export_osm_tiles_fetch (&osm_tiles, options->osm, &view, error))
    return FALSE;
  overlay = ovf_overlay_new ();
  ovf_overlay_set_dataset (overlay, dataset);
  ovf_overlay_set_time (overlay, options->time);
  ovf_overlay_set_selected_event (overlay, options->selected_event);
  ovf_overlay_set_dark (overlay, options->dark);
  ovf_overlay_set_show_places (overlay, options->places);
  /* OpenStreetMap's tiles carry their own labels. */
  if (options->osm == NULL)
    ovf_overlay_set_basemap (overlay, basemap);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, options->width, options->height);
  cairo_clip (cr);
  cairo_scale (cr, options->scale, options->scale);

  /* On small images the caption, legend and credits shrink, down to a
   * limit, so that they leave the map visible. */
  shrink = CLAMP (MIN (view.width / 1000.0, view.height / 640.0), 0.55, 1.0);
  decorations = view;
  decorations.width /= shrink;
  decorations.height /= shrink;
  decorations.zoom -= log2 (shrink);

  /* The map's labels keep clear of the panels, so they are measured first. */
  cairo_save (cr);
  cairo_scale (cr, shrink, shrink);
  bottom = ovf_export_layout_panels (dataset, options, cr, &decorations, panels);
  cairo_restore (cr);
  for (guint i = 0; i < panels->len; i++)
    {
      cairo_rectangle_t *box = &g_array_index (panels, cairo_rectangle_t, i);

      *box = (cairo_rectangle_t) { box->x * shrink, box->y * shrink, box->width * shrink, box->height * shrink };
    }
  ovf_overlay_set_reserved (overlay, (const cairo_rectangle_t *) panels->data, panels->len);

  if (options->osm != NULL)
    ovf_export_draw_osm_tiles (cr, &osm_tiles, options->dark);
  else if (options->basemap_image != NULL)
    ovf_export_paint_basemap_image (cr, options);
  else
    ovf_export_draw_basemap (cr, basemap, &view, options->dark);
  ovf_overlay_draw (overlay, cr, &view);

  cairo_scale (cr, shrink, shrink);
  ovf_export_draw_attribution (dataset, options->osm, cr, &decorations, options->dark, TRUE);
  if (options->caption)
    ovf_export_draw_caption (dataset, options, cr, &decorations, TRUE);
  if (options->legend)
    {
      double lw, lh;

      ovf_legend_measure (dataset, options->places, &lw, &lh);
      ovf_legend_draw (cr, dataset, options->places, options->dark, OVF_EXPORT_MARGIN, bottom - lh, NULL, NULL);
    }
  if (options->scale_bar)
    ovf_export_draw_scale_bar (cr, &decorations, options->dark, decorations.width - OVF_EXPORT_MARGIN, bottom);
  cairo_restore (cr);

  if (cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_RENDER,
                   _("Drawing the snapshot failed: %s"), cairo_status_to_string (cairo_status (cr)));
      return FALSE;
    }
  if (out_labels != NULL)
    *out_labels = g_array_ref (ovf_overlay_get_placed_labels (overlay));
  if (out_panels != NULL)
    *out_panels = g_steal_pointer (&panels);
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

  if (!ovf_export_check_options (options, error))
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

/* Writing */

static cairo_status_t
append_to_buffer (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

gboolean
ovf_export_write_file_atomically (const char  *path,
                                  const char  *contents,
                                  gsize        length,
                                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  /* GLib writes a temporary file beside @path, syncs it and renames it
   * into place, removing it if anything fails. */
  if (g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_CONSISTENT, 0666, &local_error))
    return TRUE;
  g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_WRITE,
               _("Could not write “%s”: %s"), path, local_error->message);
  return FALSE;
}

static gboolean
check_surface (cairo_surface_t *surface,
               const char      *path,
               GError         **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_RENDER,
               _("Could not write “%s”: %s"), path, cairo_status_to_string (status));
  return FALSE;
}

/* The whole file in memory, so that nothing is written unless drawing
 * succeeded. */
static gboolean
encode_png (OvfDataset             *dataset,
            const OvfExportOptions *options,
            GByteArray             *buffer,
            GError                **error)
{
  cairo_surface_t *image = ovf_exporter_render_image (dataset, options, error);
  cairo_status_t status;

  if (image == NULL)
    return FALSE;
  status = cairo_surface_write_to_png_stream (image, append_to_buffer, buffer);
  cairo_surface_destroy (image);
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_RENDER,
               _("Could not write “%s”: %s"), options->output_path, cairo_status_to_string (status));
  return FALSE;
}

static gboolean
encode_vector (OvfDataset             *dataset,
               const OvfExportOptions *options,
               OvfExportFormat         format,
               GByteArray             *buffer,
               GError                **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;
  gboolean ok;

  if (format == OVF_EXPORT_FORMAT_SVG)
    {
      surface = cairo_svg_surface_create_for_stream (append_to_buffer, buffer, options->width, options->height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
    }
  else
    {
      surface = cairo_pdf_surface_create_for_stream (append_to_buffer, buffer,
                                                     options->width * PT_PER_PX,
                                                     options->height * PT_PER_PX);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, ovf_dataset_get_title (dataset));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Overflight " PACKAGE_VERSION);
    }

  cr = cairo_create (surface);
  if (format == OVF_EXPORT_FORMAT_PDF)
    cairo_scale (cr, PT_PER_PX, PT_PER_PX);
  ok = ovf_exporter_draw (dataset, options, cr, error);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  ok = ok && check_surface (surface, options->output_path, error);
  cairo_surface_destroy (surface);
  return ok;
}

gboolean
ovf_exporter_render (OvfDataset             *dataset,
                     const OvfExportOptions *options,
                     GError                **error)
{
  g_autoptr(GByteArray) buffer = NULL;
  OvfExportFormat format;
  gboolean ok;

  g_return_val_if_fail (OVF_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (options->output_path != NULL, FALSE);

  format = options->format;
  if (format == OVF_EXPORT_FORMAT_AUTO)
    format = ovf_export_format_from_path (options->output_path);
  if (format == OVF_EXPORT_FORMAT_AUTO)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_FORMAT,
                   _("Cannot tell the format of “%s”: use a name ending in .png, .svg or .pdf"),
                   options->output_path);
      return FALSE;
    }
  if (!ovf_export_check_options (options, error))
    return FALSE;

  buffer = g_byte_array_new ();
  if (format == OVF_EXPORT_FORMAT_PNG)
    ok = encode_png (dataset, options, buffer, error);
  else
    ok = encode_vector (dataset, options, format, buffer, error);
  return ok && ovf_export_write_file_atomically (options->output_path, (const char *) buffer->data,
                                                 buffer->len, error);
}
