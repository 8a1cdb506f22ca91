/* ovf-view-options.c: one parser for where a view opens, shared by the window's command line and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ovf-view-options.h"

gboolean
ovf_view_parse_center (const char  *text,
                       double      *out_lat,
                       double      *out_lon,
                       GError     **error)
{
  g_auto(GStrv) parts = NULL;
  char *end_lat = NULL;
  char *end_lon = NULL;
  double lat, lon;

  g_return_val_if_fail (text != NULL, FALSE);

  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != 2)
    goto invalid;

  lat = g_ascii_strtod (g_strstrip (parts[0]), &end_lat);
  lon = g_ascii_strtod (g_strstrip (parts[1]), &end_lon);
  if (end_lat == parts[0] || *end_lat != '\0' || end_lon == parts[1] || *end_lon != '\0' ||
      !isfinite (lat) || !isfinite (lon))
    goto invalid;

  if (lat < -90 || lat > 90)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--center: the latitude %g is not between -90 and 90"), lat);
      return FALSE;
    }
  if (lon < -180 || lon > 180)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--center: the longitude %g is not between -180 and 180"), lon);
      return FALSE;
    }

  *out_lat = lat;
  *out_lon = lon;
  return TRUE;

invalid:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--center: “%s” is not LAT,LON in degrees, such as 33.6,-78.8"), text);
  return FALSE;
}

gboolean
ovf_view_parse_fit (const char  *text,
                    OvfFit      *out,
                    GError     **error)
{
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  *out = (OvfFit) { .kind = OVF_FIT_TRACK, .start = OVF_TIME_NONE, .end = OVF_TIME_NONE };
  if (g_strcmp0 (text, "track") == 0)
    return TRUE;
  if (g_strcmp0 (text, "all") == 0)
    {
      out->kind = OVF_FIT_ALL;
      return TRUE;
    }

  parts = g_strsplit (text, "/", -1);
  if (g_strv_length (parts) != 2 ||
      !ovf_time_parse_iso8601 (parts[0], &out->start) ||
      !ovf_time_parse_iso8601 (parts[1], &out->end))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--fit: expected “track”, “all” or START/END in ISO 8601, such as "
                     "2023-01-31T00:00:00Z/2023-02-02T00:00:00Z, not “%s”"), text);
      return FALSE;
    }
  if (out->end <= out->start)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--fit: the range “%s” ends before it starts"), text);
      return FALSE;
    }
  out->kind = OVF_FIT_SPAN;
  return TRUE;
}

gboolean
ovf_view_options_parse (GVariantDict    *options,
                        OvfViewOptions  *out,
                        GError         **error)
{
  const char *text;

  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->fit.kind = OVF_FIT_TRACK;

  if (g_variant_dict_lookup (options, "time", "&s", &text))
    {
      if (!ovf_time_parse_iso8601 (text, &out->time))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--time: “%s” is not an ISO 8601 time with a zone, such as 2023-02-04T19:39:00Z"),
                       text);
          return FALSE;
        }
      out->has_time = TRUE;
    }

  if (g_variant_dict_lookup (options, "center", "&s", &text))
    {
      if (!ovf_view_parse_center (text, &out->latitude, &out->longitude, error))
        return FALSE;
      out->has_center = TRUE;
    }

  if (g_variant_dict_lookup (options, "zoom", "d", &out->zoom))
    {
      if (!isfinite (out->zoom) || out->zoom < OVF_VIEW_MIN_ZOOM || out->zoom > OVF_VIEW_MAX_ZOOM)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--zoom: %g is not between %g and %g"), out->zoom,
                       OVF_VIEW_MIN_ZOOM, OVF_VIEW_MAX_ZOOM);
          return FALSE;
        }
      out->has_zoom = TRUE;
    }

  if (g_variant_dict_lookup (options, "fit", "&s", &text))
    {
      if (!ovf_view_parse_fit (text, &out->fit, error))
        return FALSE;
      out->has_fit = TRUE;
    }

  return TRUE;
}
