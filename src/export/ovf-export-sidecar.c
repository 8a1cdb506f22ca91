/* ovf-export-sidecar.c: the provenance of an export, as JSON written beside the image
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ovf-exporter-private.h"
#include "ovf-geo.h"

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
  g_autofree char *when = ovf_export_format_caption_time (options->time,
                                                          event != NULL ? ovf_event_get_timezone (event) : NULL);
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
  OvfMapView view = ovf_export_logical_view (options);
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

/* Each track as drawn: its name, its colour and where it is at the time. */
static void
add_tracks (JsonBuilder            *builder,
            OvfDataset             *dataset,
            const OvfExportOptions *options)
{
  GListModel *tracks = ovf_dataset_get_tracks (dataset);
  OvfTrack *main_track = ovf_dataset_get_main_track (dataset);

  json_builder_set_member_name (builder, "tracks");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (tracks); i++)
    {
      g_autoptr(OvfTrack) track = g_list_model_get_item (tracks, i);
      g_autofree char *color = NULL;
      double rgba[4];
      OvfTrackFix fix;

      ovf_overlay_get_track_color (ovf_overlay_get_track_slot (dataset, i), options->dark, rgba);
      color = g_strdup_printf ("#%02x%02x%02x", (int) round (rgba[0] * 255), (int) round (rgba[1] * 255),
                               (int) round (rgba[2] * 255));
      json_builder_begin_object (builder);
      add_string_member (builder, "id", ovf_track_get_id (track));
      add_string_member (builder, "name", ovf_track_get_name (track));
      add_string_member (builder, "color", color);
      json_builder_set_member_name (builder, "main");
      json_builder_add_boolean_value (builder, track == main_track);
      json_builder_set_member_name (builder, "position");
      if (ovf_track_get_n_points (track) > 0)
        {
          ovf_track_locate (track, options->time, &fix);
          add_lat_lon (builder, fix.lat, fix.lon);
        }
      else
        {
          json_builder_add_null_value (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
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

  event = ovf_export_caption_event (dataset, options);
  track = ovf_dataset_get_main_track (dataset);
  if (track != NULL && ovf_track_get_n_points (track) > 0 && ovf_track_has_times (track))
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
  add_tracks (builder, dataset, options);

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
      add_string_member (builder, "id", ovf_export_basemap_id (options->dark));
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
