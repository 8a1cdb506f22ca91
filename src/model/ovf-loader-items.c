/* ovf-loader-items.c: the dataset's items (tracks, events, places, areas) as the schema has them
 *
 * Longitudes: a file may use -180..180, 0..360, or unwrapped longitudes
 * that run on past ±180 across the antimeridian; any value in -360..360 is
 * read. Consecutive track points are joined as written when their
 * longitudes differ by at most 180°. A larger difference is read as a wrap
 * across the convention's seam (179.5 → -179.5, or 359 → 1) only when the
 * short way is at most 90°, which leaves no doubt about the direction;
 * anything else is reported as a jump. Track longitudes are stored
 * unwrapped (each within 180° of the previous); all others normalized.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ovf-geo.h"
#include "ovf-loader-private.h"

#define MAX_WRAPPED_HOP 90.0
#define MIN_ALTITUDE_M -500.0
#define MAX_ALTITUDE_M 100000.0
#define MAX_RADIUS_M 20000000.0

/* The members each kind of item may have. */
static const char * const track_members[] = { "id", "name", "points", NULL };
static const char * const point_members[] = { "time", "lat", "lon", "alt_m", "kind", "source", "note", NULL };
static const char * const event_members[] = {
  "id", "time", "end_time", "title", "description", "category", "confidence", "location",
  "timezone", "track", "sources", NULL
};
static const char * const location_members[] = { "lat", "lon", "name", NULL };
static const char * const position_members[] = { "lat", "lon", NULL };
static const char * const source_members[] = { "publisher", "title", "url", "date", NULL };
static const char * const place_members[] = { "id", "name", "lat", "lon", "category", "description", NULL };
static const char * const area_members[] = {
  "id", "name", "description", "center", "radius_m", "polygon", "time", "end_time", NULL
};

/* IANA names such as “America/Denver” or “UTC”; the zone database itself
 * is not consulted, so validation does not depend on the machine. */
static gboolean
is_timezone_name (const char *name)
{
  gboolean segment_start = TRUE;

  if (name[0] == '\0')
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '/')
        {
          if (segment_start)
            return FALSE;
          segment_start = TRUE;
        }
      else if (g_ascii_isalnum (*p) || *p == '_' || *p == '-' || *p == '+')
        {
          segment_start = FALSE;
        }
      else
        {
          return FALSE;
        }
    }

  return !segment_start;
}


static gboolean
parse_point_kind (const char *text,
                  gpointer    out)
{
  OvfPointKind *kind = out;

  if (strcmp (text, "reported") == 0)
    *kind = OVF_POINT_REPORTED;
  else if (strcmp (text, "estimated") == 0)
    *kind = OVF_POINT_ESTIMATED;
  else
    return FALSE;

  return TRUE;
}

static gboolean
read_point (OvfLoader         *loader,
            const OvfJsonNode *object,
            GStringChunk      *strings,
            OvfTrackPoint     *point)
{
  guint start = loader->n_found;
  const char *source, *note;
  gboolean ok = TRUE;

  ok &= ovf_loader_read_time (loader, object, "time", OVF_REQUIRED, &point->time);
  ok &= ovf_loader_read_lat_lon (loader, object, &point->lat, &point->lon);
  ok &= ovf_loader_read_number (loader, object, "alt_m", OVF_OPTIONAL, &point->alt_m);
  if (point->alt_m < MIN_ALTITUDE_M || point->alt_m > MAX_ALTITUDE_M)   /* false for NAN */
    {
      ovf_loader_report (loader, "alt_m", _("altitude %g m is out of range (%g to %g)"),
                         point->alt_m, MIN_ALTITUDE_M, MAX_ALTITUDE_M);
      ok = FALSE;
    }
  ok &= ovf_loader_read_enum (loader, object, "kind", parse_point_kind, &point->kind, "reported, estimated");
  ok &= ovf_loader_read_url (loader, object, "source", OVF_OPTIONAL, &source);
  ok &= ovf_loader_read_text (loader, object, "note", OVF_OPTIONAL, &note);

  if (point->kind == OVF_POINT_REPORTED && !ovf_loader_has_member (object, "source"))
    {
      ovf_loader_report (loader, "source", _("a reported point must name its source"));
      ok = FALSE;
    }

  point->source = source != NULL ? g_string_chunk_insert_const (strings, source) : NULL;
  point->note = note != NULL ? g_string_chunk_insert_const (strings, note) : NULL;

  ovf_loader_check_unknown_members (loader, object, start, point_members);
  return ok;
}

static void
check_order (OvfLoader *loader,
             OvfTime    previous,
             OvfTime    time)
{
  g_autofree char *before = NULL;

  if (previous == OVF_TIME_NONE || time > previous)
    return;

  before = ovf_time_format_iso8601 (previous);
  ovf_loader_report (loader, "time", _("not later than the previous point’s time (%s)"), before);
}

/* Returns @lon unwrapped to follow @previous_lon, which was written as
 * @previous_raw_lon; see the comment at the top for the rules. */
static double
follow_lon (OvfLoader *loader,
            double     previous_raw_lon,
            double     previous_lon,
            double     lon)
{
  double step = lon - previous_raw_lon;

  if (fabs (step) > 180)
    {
      step = ovf_geo_normalize_lon (step);
      if (fabs (step) > MAX_WRAPPED_HOP)
        ovf_loader_report (loader, "lon",
                           _("longitude jumps from %g to %g, more than 180°; "
                  "a wrap across the antimeridian must be shorter than 90°"),
                previous_raw_lon, lon);
    }

  return previous_lon + step;
}

/* Points with problems are left out of the track, but their times and
 * longitudes, when readable, still take part in the checks between
 * neighbours, so that one file run reports all there is. */
static void
read_points (OvfLoader         *loader,
             const OvfJsonNode *array,
             OvfTrack          *track)
{
  guint n = array->n_children;
  OvfTime previous_time = OVF_TIME_NONE;
  double previous_raw_lon = NAN, previous_lon = NAN;

  track->strings = g_string_chunk_new (4096);
  track->points = g_new (OvfTrackPoint, MAX (n, 1));

  ovf_loader_push_key (loader, "points");
  for (guint i = 0; i < n; i++)
    {
      OvfTrackPoint *point = &track->points[track->n_points];
      const OvfJsonNode *object;
      gboolean ok;

      ovf_loader_push_index (loader, i);
      object = ovf_loader_element_object (loader, array, i);
      if (object != NULL)
        {
          ok = read_point (loader, object, track->strings, point);

          if (point->time != OVF_TIME_NONE)
            {
              check_order (loader, previous_time, point->time);
              previous_time = point->time;
            }

          if (fabs (point->lon) <= 360)   /* false for NAN */
            {
              double raw_lon = point->lon;

              point->lon = isnan (previous_lon) ? ovf_geo_normalize_lon (raw_lon)
                                                : follow_lon (loader, previous_raw_lon, previous_lon, raw_lon);
              previous_raw_lon = raw_lon;
              previous_lon = point->lon;
            }

          if (ok)
            track->n_points++;
        }
      ovf_loader_pop (loader);
    }
  ovf_loader_pop (loader);
}

static OvfTrack *
read_track (OvfLoader         *loader,
            const OvfJsonNode *object,
            guint              index)
{
  g_autoptr(OvfTrack) track = g_object_new (OVF_TYPE_TRACK, NULL);
  guint start = loader->n_found;
  const char *id, *name;
  const OvfJsonNode *points = NULL;

  ovf_loader_read_id (loader, object, loader->track_ids, "tracks", index, &id);
  ovf_loader_read_text (loader, object, "name", OVF_REQUIRED, &name);
  ovf_loader_read_member (loader, object, "points", OVF_REQUIRED, ovf_loader_array_node, &points);

  track->id = g_strdup (id);
  track->name = g_strdup (name);
  if (points != NULL)
    {
      if (points->n_children == 0)
        ovf_loader_report (loader, "points", _("a track needs at least one point"));
      read_points (loader, points, track);
    }

  ovf_loader_check_unknown_members (loader, object, start, track_members);
  return g_steal_pointer (&track);
}

static gboolean
read_source (OvfLoader         *loader,
             const OvfJsonNode *object,
             GStringChunk      *strings,
             OvfSource         *source)
{
  guint start = loader->n_found;
  const char *publisher, *title, *url, *date;
  gboolean ok = TRUE;

  ok &= ovf_loader_read_string (loader, object, "publisher", OVF_REQUIRED, &publisher);
  ok &= ovf_loader_read_text (loader, object, "title", OVF_REQUIRED, &title);
  ok &= ovf_loader_read_url (loader, object, "url", OVF_REQUIRED, &url);
  ok &= ovf_loader_read_date (loader, object, "date", OVF_OPTIONAL, &date);
  ovf_loader_check_unknown_members (loader, object, start, source_members);

  source->publisher = publisher != NULL ? g_string_chunk_insert_const (strings, publisher) : NULL;
  source->title = title != NULL ? g_string_chunk_insert_const (strings, title) : NULL;
  source->url = url != NULL ? g_string_chunk_insert_const (strings, url) : NULL;
  source->date = date != NULL ? g_string_chunk_insert_const (strings, date) : NULL;

  return ok;
}

static void
read_sources (OvfLoader         *loader,
              const OvfJsonNode *object,
              OvfEvent          *event)
{
  const OvfJsonNode *array = NULL;
  guint n;

  if (!ovf_loader_read_member (loader, object, "sources", OVF_REQUIRED, ovf_loader_array_node, &array) ||
      array == NULL)
    return;

  n = array->n_children;
  if (n == 0)
    ovf_loader_report (loader, "sources", _("an event needs at least one source"));

  ovf_loader_push_key (loader, "sources");
  for (guint i = 0; i < n; i++)
    {
      OvfSource source = { NULL };
      const OvfJsonNode *element;

      ovf_loader_push_index (loader, i);
      element = ovf_loader_element_object (loader, array, i);
      if (element != NULL && read_source (loader, element, event->strings, &source))
        g_array_append_val (event->sources, source);
      ovf_loader_pop (loader);
    }
  ovf_loader_pop (loader);
}

static void
read_location (OvfLoader         *loader,
               const OvfJsonNode *object,
               OvfEvent          *event)
{
  const OvfJsonNode *location = NULL;
  const char *name;
  guint start;

  if (!ovf_loader_read_member (loader, object, "location", OVF_OPTIONAL, ovf_loader_object_node, &location) ||
      location == NULL)
    return;

  ovf_loader_push_key (loader, "location");
  start = loader->n_found;
  event->has_location = ovf_loader_read_lat_lon (loader, location, &event->lat, &event->lon);
  event->lon = ovf_geo_normalize_lon (event->lon);
  ovf_loader_read_text (loader, location, "name", OVF_OPTIONAL, &name);
  event->location_name = g_strdup (name);
  ovf_loader_check_unknown_members (loader, location, start, location_members);
  ovf_loader_pop (loader);
}

static gboolean
parse_category (const char *text,
                gpointer    out)
{
  return ovf_category_from_string (text, out);
}

static gboolean
parse_confidence (const char *text,
                  gpointer    out)
{
  return ovf_confidence_from_string (text, out);
}

static gboolean
parse_place_category (const char *text,
                      gpointer    out)
{
  return ovf_place_category_from_string (text, out);
}

/* Reports an end before the start at @key. */
static void
check_span (OvfLoader  *loader,
            OvfTime     start,
            OvfTime     end,
            const char *key)
{
  if (start != OVF_TIME_NONE && end != OVF_TIME_NONE && end < start)
    ovf_loader_report (loader, key, _("ends before it begins"));
}

OvfEvent *
ovf_loader_read_event (OvfLoader         *loader,
                       const OvfJsonNode *object,
                       GHashTable        *ids,
                       guint              index)
{
  g_autoptr(OvfEvent) event = g_object_new (OVF_TYPE_EVENT, NULL);
  guint start = loader->n_found;
  const char *id, *title, *description, *zone_name, *track;

  ovf_loader_read_id (loader, object, ids, "events", index, &id);
  ovf_loader_read_time (loader, object, "time", OVF_REQUIRED, &event->time);
  ovf_loader_read_time (loader, object, "end_time", OVF_OPTIONAL, &event->end_time);
  check_span (loader, event->time, event->end_time, "end_time");
  ovf_loader_read_text (loader, object, "title", OVF_REQUIRED, &title);
  ovf_loader_read_text (loader, object, "description", OVF_REQUIRED, &description);
  ovf_loader_read_enum (loader, object, "category", parse_category, &event->category,
                        "detection, sighting, airspace, military, diplomatic, statement, recovery, other");
  ovf_loader_read_enum (loader, object, "confidence", parse_confidence, &event->confidence,
                        "confirmed, reported, unconfirmed");
  read_location (loader, object, event);

  if (ovf_loader_read_string (loader, object, "timezone", OVF_OPTIONAL, &zone_name) &&
      zone_name != NULL && !is_timezone_name (zone_name))
    {
      ovf_loader_report (loader, "timezone", _("“%s” is not a time zone name such as “America/Denver”"),
                         zone_name);
      zone_name = NULL;
    }

  if (ovf_loader_read_string (loader, object, "track", OVF_OPTIONAL, &track) &&
      track != NULL && !g_hash_table_contains (loader->track_ids, track))
    ovf_loader_report (loader, "track", _("names the track “%s”, which the dataset does not have"), track);

  read_sources (loader, object, event);
  ovf_loader_check_unknown_members (loader, object, start, event_members);

  event->id = g_strdup (id);
  event->title = g_strdup (title);
  event->description = g_strdup (description);
  event->timezone = g_strdup (zone_name);
  event->track_id = g_strdup (track);

  return g_steal_pointer (&event);
}

OvfPlace *
ovf_loader_read_place (OvfLoader         *loader,
                       const OvfJsonNode *object,
                       GHashTable        *ids,
                       guint              index)
{
  g_autoptr(OvfPlace) place = g_object_new (OVF_TYPE_PLACE, NULL);
  guint start = loader->n_found;
  const char *id, *name, *description;

  ovf_loader_read_id (loader, object, ids, "places", index, &id);
  ovf_loader_read_text (loader, object, "name", OVF_REQUIRED, &name);
  ovf_loader_read_lat_lon (loader, object, &place->lat, &place->lon);
  ovf_loader_read_enum (loader, object, "category", parse_place_category, &place->category,
                        "military, airport, city, region, other");
  ovf_loader_read_text (loader, object, "description", OVF_REQUIRED, &description);
  ovf_loader_check_unknown_members (loader, object, start, place_members);

  place->id = g_strdup (id);
  place->name = g_strdup (name);
  place->lon = ovf_geo_normalize_lon (place->lon);
  place->description = g_strdup (description);

  return g_steal_pointer (&place);
}

/* A {"lat", "lon"} object: a circle's centre or a polygon's vertex. */
static gboolean
read_position (OvfLoader         *loader,
               const OvfJsonNode *object,
               OvfLatLon         *position)
{
  guint start = loader->n_found;
  gboolean ok = ovf_loader_read_lat_lon (loader, object, &position->lat, &position->lon);

  ovf_loader_check_unknown_members (loader, object, start, position_members);
  return ok;
}

/* Vertices are {"lat", "lon"} objects; longitudes are unwrapped along the
 * ring so that a polygon across the antimeridian stays whole. */
static void
read_polygon (OvfLoader         *loader,
              const OvfJsonNode *array,
              OvfArea           *area)
{
  guint n = array->n_children;
  double lat_sum = 0, lon_sum = 0;

  if (n < 3)
    ovf_loader_report (loader, "polygon", _("a polygon needs at least three vertices"));

  ovf_loader_push_key (loader, "polygon");
  for (guint i = 0; i < n; i++)
    {
      OvfLatLon vertex;
      const OvfJsonNode *object;

      ovf_loader_push_index (loader, i);
      object = ovf_loader_element_object (loader, array, i);
      if (object != NULL && read_position (loader, object, &vertex))
        {
          if (area->polygon->len > 0)
            vertex.lon = ovf_geo_unwrap_lon (vertex.lon,
                                             g_array_index (area->polygon, OvfLatLon,
                                                            area->polygon->len - 1).lon);
          else
            vertex.lon = ovf_geo_normalize_lon (vertex.lon);
          g_array_append_val (area->polygon, vertex);
          lat_sum += vertex.lat;
          lon_sum += vertex.lon;
        }
      ovf_loader_pop (loader);
    }
  ovf_loader_pop (loader);

  if (area->polygon->len > 0)
    {
      area->center.lat = lat_sum / area->polygon->len;
      area->center.lon = ovf_geo_normalize_lon (lon_sum / area->polygon->len);
    }
}

/* An area is a circle (“center” and “radius_m”) or a “polygon”. */
static void
read_area_shape (OvfLoader         *loader,
                 const OvfJsonNode *object,
                 OvfArea           *area)
{
  const OvfJsonNode *center = NULL;
  const OvfJsonNode *polygon = NULL;
  double radius;

  ovf_loader_read_member (loader, object, "center", OVF_OPTIONAL, ovf_loader_object_node, &center);
  ovf_loader_read_number (loader, object, "radius_m", OVF_OPTIONAL, &radius);
  ovf_loader_read_member (loader, object, "polygon", OVF_OPTIONAL, ovf_loader_array_node, &polygon);

  if (polygon != NULL)
    {
      if (ovf_loader_has_member (object, "center") || ovf_loader_has_member (object, "radius_m"))
        ovf_loader_report (loader, "polygon", _("an area is a circle or a polygon, not both"));
      read_polygon (loader, polygon, area);
      return;
    }

  if (ovf_loader_has_member (object, "polygon"))
    return;   /* reported as the wrong type */

  if (!ovf_loader_has_member (object, "center") && !ovf_loader_has_member (object, "radius_m"))
    {
      ovf_loader_report (loader, NULL, _("an area needs a “center” and “radius_m”, or a “polygon”"));
      return;
    }

  if (center != NULL)
    {
      ovf_loader_push_key (loader, "center");
      read_position (loader, center, &area->center);
      area->center.lon = ovf_geo_normalize_lon (area->center.lon);
      ovf_loader_pop (loader);
    }
  else if (!ovf_loader_has_member (object, "center"))
    {
      ovf_loader_report (loader, "center", _("this required field is missing"));
    }

  if (!isnan (radius) && (radius <= 0 || radius > MAX_RADIUS_M))
    ovf_loader_report (loader, "radius_m", _("the radius must be greater than 0 and at most %g m"), MAX_RADIUS_M);
  else if (!ovf_loader_has_member (object, "radius_m"))
    ovf_loader_report (loader, "radius_m", _("this required field is missing"));
  else
    area->radius_m = radius;
}

OvfArea *
ovf_loader_read_area (OvfLoader         *loader,
                      const OvfJsonNode *object,
                      GHashTable        *ids,
                      guint              index)
{
  g_autoptr(OvfArea) area = g_object_new (OVF_TYPE_AREA, NULL);
  guint start = loader->n_found;
  const char *id, *name, *description;

  ovf_loader_read_id (loader, object, ids, "areas", index, &id);
  ovf_loader_read_text (loader, object, "name", OVF_REQUIRED, &name);
  ovf_loader_read_text (loader, object, "description", OVF_REQUIRED, &description);
  read_area_shape (loader, object, area);
  ovf_loader_read_time (loader, object, "time", OVF_OPTIONAL, &area->time);
  ovf_loader_read_time (loader, object, "end_time", OVF_OPTIONAL, &area->end_time);
  check_span (loader, area->time, area->end_time, "end_time");
  ovf_loader_check_unknown_members (loader, object, start, area_members);

  area->id = g_strdup (id);
  area->name = g_strdup (name);
  area->description = g_strdup (description);

  return g_steal_pointer (&area);
}

OvfTrack *
ovf_loader_read_track (OvfLoader         *loader,
                       const OvfJsonNode *object,
                       GHashTable        *ids,
                       guint              index)
{
  return read_track (loader, object, index);
}
