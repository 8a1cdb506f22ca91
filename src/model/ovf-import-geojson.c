/* ovf-import-geojson.c: GeoJSON (RFC 7946) with times
 *
 * RFC 7946 has no times. Read are the conventions of @tmcw/togeojson:
 * properties.coordinateProperties.times, or the older properties.times,
 * an ISO 8601 string per position (an array per line for a
 * MultiLineString or a GeometryCollection). A LineString, a
 * MultiLineString (its lines joined in order) or a GeometryCollection of
 * LineStrings makes one track, untimed without times. A Point makes an
 * event when its properties have a "time", "timestamp" or "when", and a
 * place otherwise. Polygons are not read. Times need a zone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ovf-import-private.h"
#include "ovf-json.h"

static const char *
string_member (const OvfJsonNode *object,
               const char        *key)
{
  const OvfJsonNode *node = object != NULL && object->type == OVF_JSON_OBJECT
                            ? ovf_json_get_member (object, key) : NULL;

  return node != NULL && node->type == OVF_JSON_STRING ? node->value.string : NULL;
}

static const OvfJsonNode *
array_member (const OvfJsonNode *object,
              const char        *key)
{
  const OvfJsonNode *node = object != NULL && object->type == OVF_JSON_OBJECT
                            ? ovf_json_get_member (object, key) : NULL;

  return node != NULL && node->type == OVF_JSON_ARRAY ? node : NULL;
}

static gboolean
read_position (OvfImport         *import,
               const OvfJsonNode *node,
               const char        *path,
               double            *lat,
               double            *lon,
               double            *alt_m)
{
  const OvfJsonNode *values = node->value.children;

  if (node->type != OVF_JSON_ARRAY || node->n_children < 2 || node->n_children > 4 ||
      values[0].type != OVF_JSON_NUMBER || values[1].type != OVF_JSON_NUMBER ||
      (node->n_children > 2 && values[2].type != OVF_JSON_NUMBER))
    {
      ovf_import_problem (import, path, 0, 0, _("a position must be [longitude, latitude] or "
                                                "[longitude, latitude, altitude] in numbers"));
      return FALSE;
    }

  *lon = values[0].value.number;
  *lat = values[1].value.number;
  *alt_m = node->n_children > 2 ? values[2].value.number : NAN;

  return ovf_import_check_position (import, *lat, *lon, path, 0, 0);
}

/* One line's positions, with @times (an array of strings) or without. */
static void
read_line (OvfImport         *import,
           OvfImportTrack    *track,
           const OvfJsonNode *coordinates,
           const char        *path,
           const OvfJsonNode *times,
           const char        *times_path)
{
  if (coordinates == NULL)
    {
      ovf_import_problem (import, path, 0, 0, _("a line needs an array of positions"));
      return;
    }
  if (times != NULL && (times->type != OVF_JSON_ARRAY || times->n_children != coordinates->n_children))
    {
      ovf_import_problem (import, times_path, 0, 0, _("there must be one time for each of the %u positions"),
                          coordinates->n_children);
      return;
    }

  for (guint i = 0; i < coordinates->n_children; i++)
    {
      g_autofree char *at = g_strdup_printf ("%s[%u]", path, i);
      OvfTime time = OVF_TIME_NONE;
      double lat, lon, alt_m;

      if (times != NULL)
        {
          const OvfJsonNode *node = &times->value.children[i];
          g_autofree char *time_path = g_strdup_printf ("%s[%u]", times_path, i);

          if (node->type != OVF_JSON_STRING)
            {
              ovf_import_problem (import, time_path, 0, 0, _("a time must be an ISO 8601 string"));
              continue;
            }
          if (!ovf_import_parse_time (import, node->value.string, OVF_ZONE_REQUIRED, time_path, 0, 0, &time))
            continue;
        }
      if (read_position (import, &coordinates->value.children[i], at, &lat, &lon, &alt_m))
        ovf_import_add_point (import, track, time, lat, lon, alt_m, at, 0, 0);
    }
}

static const OvfJsonNode *
find_times (const OvfJsonNode *properties,
            const char        *path,
            char             **out_path)
{
  const OvfJsonNode *coordinate_properties = properties != NULL && properties->type == OVF_JSON_OBJECT
                                             ? ovf_json_get_member (properties, "coordinateProperties") : NULL;
  const OvfJsonNode *times = array_member (coordinate_properties, "times");

  if (times != NULL)
    {
      *out_path = g_strdup_printf ("%s.properties.coordinateProperties.times", path);
      return times;
    }
  times = array_member (properties, "times");
  *out_path = g_strdup_printf ("%s.properties.times", path);

  return times;
}

static void
read_point (OvfImport         *import,
            const OvfJsonNode *coordinates,
            const OvfJsonNode *properties,
            const char        *path,
            const char        *feature_path)
{
  static const char * const time_keys[] = { "time", "timestamp", "when", NULL };
  const char *name = string_member (properties, "name");
  const char *description_text = string_member (properties, "description");
  g_autofree char *description = g_strstrip (g_strdup (description_text != NULL ? description_text : ""));
  g_autofree char *name_copy = g_strstrip (g_strdup (name != NULL ? name : ""));
  double lat, lon, alt_m;

  if (!read_position (import, coordinates, path, &lat, &lon, &alt_m))
    return;

  for (guint i = 0; time_keys[i] != NULL; i++)
    {
      const char *text = string_member (properties, time_keys[i]);
      g_autofree char *time_path = g_strdup_printf ("%s.properties.%s", feature_path, time_keys[i]);
      OvfTime time;

      if (text == NULL)
        continue;
      if (ovf_import_parse_time (import, text, OVF_ZONE_REQUIRED, time_path, 0, 0, &time) &&
          time != OVF_TIME_NONE)
        ovf_import_add_event (import, name_copy, description, time, OVF_TIME_NONE, lat, lon);
      return;
    }

  ovf_import_add_place (import, name_copy, description, lat, lon);
}

/* A geometry and the properties of its feature. */
static void
read_geometry (OvfImport         *import,
               const OvfJsonNode *geometry,
               const OvfJsonNode *properties,
               const char        *feature_path,
               const char        *path)
{
  const char *type = string_member (geometry, "type");
  const OvfJsonNode *coordinates = array_member (geometry, "coordinates");
  g_autofree char *coordinates_path = g_strdup_printf ("%s.coordinates", path);
  g_autofree char *times_path = NULL;
  const OvfJsonNode *times = find_times (properties, feature_path, &times_path);
  const OvfJsonNode *parts = NULL;
  const char *parts_key = NULL;
  OvfImportTrack *track;

  if (type == NULL)
    {
      ovf_import_problem (import, path, 0, 0, _("a geometry needs a “type”"));
      return;
    }

  if (g_str_equal (type, "Point") && coordinates != NULL)
    read_point (import, coordinates, properties, coordinates_path, feature_path);
  else if (g_str_equal (type, "MultiPoint") && coordinates != NULL)
    for (guint i = 0; i < coordinates->n_children; i++)
      {
        g_autofree char *at = g_strdup_printf ("%s[%u]", coordinates_path, i);

        read_point (import, &coordinates->value.children[i], NULL, at, feature_path);
      }
  else if (g_str_equal (type, "LineString"))
    read_line (import, ovf_import_add_track (import, string_member (properties, "name")),
               coordinates, coordinates_path, times, times_path);
  else if (g_str_equal (type, "MultiLineString"))
    parts = coordinates, parts_key = "coordinates";
  else if (g_str_equal (type, "GeometryCollection"))
    parts = array_member (geometry, "geometries"), parts_key = "geometries";

  if (parts == NULL)
    return;

  /* The lines of one feature are one journey: one track. */
  track = ovf_import_add_track (import, string_member (properties, "name"));
  for (guint i = 0; i < parts->n_children; i++)
    {
      const OvfJsonNode *part = &parts->value.children[i];
      const OvfJsonNode *part_times = times != NULL && i < times->n_children ? &times->value.children[i] : NULL;
      g_autofree char *part_path = g_strdup_printf ("%s.%s[%u]", path, parts_key, i);
      g_autofree char *part_times_path = g_strdup_printf ("%s[%u]", times_path, i);

      ovf_import_start_segment (track);
      if (times != NULL && part_times == NULL)
        ovf_import_problem (import, times_path, 0, 0, _("there must be an array of times for each line"));
      else if (g_str_equal (parts_key, "coordinates"))
        read_line (import, track, part->type == OVF_JSON_ARRAY ? part : NULL, part_path, part_times, part_times_path);
      else if (g_strcmp0 (string_member (part, "type"), "LineString") == 0)
        {
          g_autofree char *line_path = g_strdup_printf ("%s.coordinates", part_path);

          read_line (import, track, array_member (part, "coordinates"), line_path, part_times, part_times_path);
        }
      else
        read_geometry (import, part, properties, feature_path, part_path);
    }
}

static void
read_feature (OvfImport         *import,
              const OvfJsonNode *feature,
              const char        *path)
{
  const OvfJsonNode *geometry = ovf_json_get_member (feature, "geometry");
  const OvfJsonNode *properties = ovf_json_get_member (feature, "properties");
  g_autofree char *geometry_path = g_strdup_printf ("%s.geometry", path);

  /* A feature without a geometry is allowed and has nothing to show. */
  if (geometry != NULL && geometry->type == OVF_JSON_OBJECT)
    read_geometry (import, geometry, properties, path, geometry_path);
}

static void
read_root (OvfImport         *import,
           const OvfJsonNode *root)
{
  const char *type = string_member (root, "type");
  const OvfJsonNode *features;
  const char *title;

  if (type == NULL)
    {
      ovf_import_problem (import, "type", 1, 1, _("a GeoJSON object needs a “type”"));
      return;
    }

  title = string_member (root, "name");
  import->title = g_strdup (title != NULL ? title : string_member (root, "title"));

  if (g_str_equal (type, "FeatureCollection"))
    {
      features = array_member (root, "features");
      if (features == NULL)
        {
          ovf_import_problem (import, "features", 0, 0, _("a FeatureCollection needs an array of features"));
          return;
        }
      for (guint i = 0; i < features->n_children; i++)
        {
          g_autofree char *path = g_strdup_printf ("features[%u]", i);

          if (features->value.children[i].type == OVF_JSON_OBJECT)
            read_feature (import, &features->value.children[i], path);
          else
            ovf_import_problem (import, path, 0, 0, _("a feature must be an object"));
        }
    }
  else if (g_str_equal (type, "Feature"))
    {
      /* Paths of a lone feature start at the top: "geometry…". */
      const OvfJsonNode *geometry = ovf_json_get_member (root, "geometry");

      if (geometry != NULL && geometry->type == OVF_JSON_OBJECT)
        read_geometry (import, geometry, ovf_json_get_member (root, "properties"), "", "geometry");
    }
  else
    {
      read_geometry (import, root, NULL, "", "");
    }
}

void
ovf_import_read_geojson (OvfImport  *import,
                         const char *data,
                         gsize       length)
{
  g_autoptr(OvfJson) json = ovf_json_parse (data, length);
  guint first = import->diagnostics->len;

  import->format = g_strdup ("GeoJSON");
  if (json == NULL)
    {
      g_autoptr(OvfDiagnostic) diagnostic = ovf_json_diagnose (data, length);

      ovf_import_problem (import, NULL, diagnostic != NULL ? diagnostic->line : 0,
                          diagnostic != NULL ? diagnostic->column : 0, "%s",
                          diagnostic != NULL ? diagnostic->message : _("not valid JSON"));
      return;
    }

  read_root (import, ovf_json_get_root (json));

  if (import->diagnostics->len > first)
    {
      /* Paths like ".properties.times" of a lone geometry lose their dot. */
      for (guint i = first; i < import->diagnostics->len; i++)
        {
          OvfDiagnostic *diagnostic = g_ptr_array_index (import->diagnostics, i);

          if (diagnostic->path != NULL && diagnostic->path[0] == '.')
            memmove (diagnostic->path, diagnostic->path + 1, strlen (diagnostic->path));
        }
      ovf_json_locate (data, length, import->diagnostics);
    }
}
