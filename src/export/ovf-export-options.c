/* ovf-export-options.c: an export's options: defaults, fitting to the data, formats and checks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ovf-exporter-private.h"

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
    .view = { .center_x = 0.5, .center_y = 0.5, .zoom = 2.0, .tile_size = OVF_EXPORT_TILE_SIZE },
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

void
ovf_export_options_fit_to (OvfExportOptions *options,
                           OvfDataset       *dataset,
                           const OvfFit     *fit)
{
  g_return_if_fail (options != NULL);
  g_return_if_fail (OVF_IS_DATASET (dataset));
  g_return_if_fail (fit != NULL);

  options->view.tile_size = OVF_EXPORT_TILE_SIZE;
  options->view.width = options->width / options->scale;
  options->view.height = options->height / options->scale;
  ovf_map_view_fit_dataset (&options->view, dataset, fit, ovf_export_legend_column_width (options));
}

void
ovf_export_options_fit (OvfExportOptions *options,
                        OvfDataset       *dataset,
                        gboolean          everything)
{
  OvfFit fit = { .kind = everything ? OVF_FIT_ALL : OVF_FIT_TRACK };

  ovf_export_options_fit_to (options, dataset, &fit);
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

gboolean
ovf_export_check_options (const OvfExportOptions *options,
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

OvfMapView
ovf_export_logical_view (const OvfExportOptions *options)
{
  OvfMapView view = options->view;

  view.width = options->width / options->scale;
  view.height = options->height / options->scale;
  view.tile_size = OVF_EXPORT_TILE_SIZE;
  return view;
}
