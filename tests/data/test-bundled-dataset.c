/* test-bundled-dataset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Checks that the bundled dataset holds the public record issue #2 asks
 * for, read through the same loader the app uses, and that its Simplified
 * Chinese texts are complete.
 */
#include "config.h"

#include <math.h>

#include "ovf-dataset.h"
#include "ovf-geo.h"
#include "ovf-bundled.h"

#define SHOOT_DOWN_LAT 33.62
#define SHOOT_DOWN_LON -78.80

static const char * const english[] = { "en", NULL };
static const char * const chinese[] = { "zh_CN", NULL };

static OvfTime
parse_time (const char *text)
{
  OvfTime time = 0;

  g_assert_true (ovf_time_parse_iso8601 (text, &time));
  return time;
}

static OvfDataset *
load_bundled (const char * const *languages)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "datasets",
                                                 "balloon-2023.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  OvfDataset *dataset;

  dataset = ovf_dataset_load_from_file (file, languages, NULL, &diagnostics, &error);
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      g_autofree char *line = ovf_diagnostic_format (g_ptr_array_index (diagnostics, i), path);

      g_test_message ("%s", line);
    }
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  g_assert_true (diagnostics == NULL || diagnostics->len == 0);
  return dataset;
}

static gboolean
has_han (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == G_UNICODE_SCRIPT_HAN)
      return TRUE;
  return FALSE;
}

static gboolean
is_http_url (const char *url)
{
  return g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://");
}

static void
test_header (void)
{
  g_autoptr(OvfDataset) dataset = load_bundled (english);
  const char * const *credits = ovf_dataset_get_credits (dataset);

  g_assert_cmpint (ovf_dataset_get_format_version (dataset), ==, 1);
  g_assert_cmpstr (ovf_dataset_get_title (dataset), ==, "The 2023 Chinese high-altitude balloon");
  g_assert_cmpstr (ovf_dataset_get_license (dataset), ==, "CC-BY-4.0");
  g_assert_nonnull (credits);
  g_assert_cmpuint (g_strv_length ((char **) credits), >=, 3);
}

static void
test_track (void)
{
  g_autoptr(OvfDataset) dataset = load_bundled (english);
  OvfTrack *track = ovf_dataset_get_main_track (dataset);
  const OvfTrackPoint *points;
  guint n_points, n_reported = 0;
  OvfTime start, end;

  g_assert_nonnull (track);
  g_assert_cmpstr (ovf_track_get_id (track), ==, "balloon");
  g_assert_true (ovf_dataset_get_track (dataset, "balloon") == track);

  points = ovf_track_get_points (track, &n_points);
  g_assert_cmpuint (n_points, >=, 30);

  /* From Hainan on 15 January to the shoot-down. */
  g_assert_cmpint (points[0].time, >=, parse_time ("2023-01-15T00:00:00+08:00"));
  g_assert_cmpint (points[0].time, <, parse_time ("2023-01-16T00:00:00+08:00"));
  g_assert_cmpfloat (ovf_geo_distance_m (points[0].lat, points[0].lon, 19.2, 109.7), <, 200e3);
  g_assert_cmpint (points[n_points - 1].time, ==, parse_time ("2023-02-04T19:39:00Z"));
  g_assert_cmpfloat (ovf_geo_distance_m (points[n_points - 1].lat, points[n_points - 1].lon,
                                         SHOOT_DOWN_LAT, SHOOT_DOWN_LON), <, 5e3);

  ovf_dataset_get_time_span (dataset, &start, &end);
  g_assert_cmpint (start, <=, points[0].time);
  g_assert_cmpint (end, >=, parse_time ("2023-02-16T00:00:00Z"));

  for (guint i = 0; i < n_points; i++)
    {
      if (i > 0)
        g_assert_cmpint (points[i].time, >, points[i - 1].time);
      if (points[i].kind == OVF_POINT_REPORTED)
        {
          n_reported++;
          g_assert_nonnull (points[i].source);
          g_assert_true (is_http_url (points[i].source));
        }
      g_assert_nonnull (points[i].note);
    }

  /* Sightings are reported; stand-ins and interpolations are not. */
  g_assert_cmpuint (n_reported, >=, 10);
  g_assert_cmpuint (n_reported, <, n_points);
}

/* The second balloon, seen over Latin America from 2 to 4 February: its
 * own track, after the main one, whose points are all estimated since no
 * report gives both a time and a place, each saying what is known. */
static void
test_latin_america_track (void)
{
  g_autoptr(OvfDataset) dataset = load_bundled (english);
  GListModel *tracks = ovf_dataset_get_tracks (dataset);
  OvfTrack *track = ovf_dataset_get_track (dataset, "latin-america");
  static const struct {
    const char *event;
    const char *day;
    double lat, lon;
  } sightings[] = {
    { "costa-rica-sighting", "2023-02-02T00:00:00-06:00", 9.93, -84.09 },
    { "colombia-detection", "2023-02-03T00:00:00-05:00", 10.39, -75.48 },
    { "venezuela-images", "2023-02-03T00:00:00-04:00", 10.64, -71.61 },
  };
  const OvfTrackPoint *points;
  guint n_points;

  g_assert_cmpuint (g_list_model_get_n_items (tracks), ==, 2);
  g_assert_nonnull (track);
  g_assert_true (ovf_dataset_get_main_track (dataset) != track);
  g_assert_cmpstr (ovf_track_get_name (track), ==, "Latin America balloon");

  points = ovf_track_get_points (track, &n_points);
  g_assert_cmpuint (n_points, ==, G_N_ELEMENTS (sightings));
  for (guint i = 0; i < n_points; i++)
    {
      OvfEvent *event = ovf_dataset_get_event (dataset, sightings[i].event);

      g_assert_cmpint (points[i].kind, ==, OVF_POINT_ESTIMATED);
      g_assert_true (is_http_url (points[i].source));
      g_assert_nonnull (points[i].note);
      /* On the day reported (Venezuela's images: the night of 3 to 4). */
      g_assert_cmpint (points[i].time, >=, parse_time (sightings[i].day));
      g_assert_cmpint (points[i].time, <, parse_time (sightings[i].day) + 2 * OVF_TIME_DAY);
      g_assert_cmpfloat (ovf_geo_distance_m (points[i].lat, points[i].lon, sightings[i].lat, sightings[i].lon), <, 5e3);
      g_assert_nonnull (event);
      g_assert_cmpstr (ovf_event_get_track_id (event), ==, "latin-america");
    }
  /* "Above 55,000 feet" over Colombia. */
  g_assert_cmpfloat (points[1].alt_m, >=, 55000 * 0.3048);
}

/* The flight crosses the antimeridian between the Philippine Sea and the
 * Aleutians: positions there must go the short way, through ±180°. */
static void
test_antimeridian (void)
{
  g_autoptr(OvfDataset) dataset = load_bundled (english);
  OvfTrack *track = ovf_dataset_get_main_track (dataset);
  const OvfTrackPoint *points;
  guint n_points, segment = G_MAXUINT;
  double west, east, closest = 0;
  OvfTime from, to;

  points = ovf_track_get_points (track, &n_points);
  for (guint i = 0; i + 1 < n_points && segment == G_MAXUINT; i++)
    if (ovf_geo_normalize_lon (points[i].lon) > 90 && ovf_geo_normalize_lon (points[i + 1].lon) < -90)
      segment = i;
  g_assert_cmpuint (segment, !=, G_MAXUINT);
  g_assert_cmpfloat (fabs (points[segment + 1].lon - points[segment].lon), <, 180);

  west = ovf_geo_normalize_lon (points[segment].lon);
  east = ovf_geo_normalize_lon (points[segment + 1].lon);
  from = points[segment].time;
  to = points[segment + 1].time;
  for (guint step = 1; step < 1000; step++)
    {
      OvfTime time = from + (to - from) / 1000 * step;
      OvfTrackFix fix;

      g_assert_cmpint (ovf_track_locate (track, time, &fix), ==, OVF_FLIGHT_WITHIN);
      g_assert_cmpuint (fix.segment, ==, segment);
      g_assert_cmpfloat (fix.lon, >=, -180);
      g_assert_cmpfloat (fix.lon, <, 180);
      /* Never the long way round, over Asia and Europe. */
      g_assert_true (fix.lon >= west - 1e-9 || fix.lon <= east + 1e-9);
      closest = MAX (closest, fabs (fix.lon));
    }
  g_assert_cmpfloat (closest, >, 179.5);
}

static void
test_events (void)
{
  g_autoptr(OvfDataset) dataset = load_bundled (english);
  GListModel *events = ovf_dataset_get_events (dataset);
  static const char * const named[] = {
    "launch-hainan", "adiz-entry", "canada-entry", "idaho-entry", "malmstrom",
    "billings-ground-stop", "public-disclosure", "blinken-postpones",
    "china-civilian-airship", "china-protest", "kansas-missouri", "faa-closures",
    "shoot-down", "call-declined", "coast-guard-zone", "surface-recovery",
    "recovery-ends", "alaska-object", "yukon-object", "lake-huron-object",
    "latin-america-balloon", "colombia-detection", "costa-rica-sighting",
  };
  guint n_events = g_list_model_get_n_items (events);
  OvfTime previous = G_MININT64, last = G_MININT64;
  OvfEvent *shoot_down;
  int found;

  g_assert_cmpuint (n_events, >=, 30);
  for (guint i = 0; i < n_events; i++)
    {
      g_autoptr(OvfEvent) event = g_list_model_get_item (events, i);
      const char *zone = ovf_event_get_timezone (event);
      guint n_sources = ovf_event_get_n_sources (event);

      g_assert_cmpint (ovf_event_get_time (event), >=, previous);
      previous = ovf_event_get_time (event);
      last = MAX (last, previous);

      g_assert_cmpuint (n_sources, >=, 1);
      for (guint s = 0; s < n_sources; s++)
        {
          const OvfSource *source = ovf_event_get_source (event, s);

          g_assert_true (is_http_url (source->url));
          g_assert_cmpstr (source->publisher, !=, "");
          g_assert_cmpstr (source->title, !=, "");
        }

      /* Local times need a zone this system knows. */
      if (zone != NULL)
        {
          g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);

          if (tz == NULL)
            g_error ("%s: unknown time zone %s", ovf_event_get_id (event), zone);
        }
    }
  g_assert_cmpint (last, >=, parse_time ("2023-02-16T00:00:00Z"));

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (ovf_dataset_get_event (dataset, named[i]) == NULL)
      g_error ("event %s is missing", named[i]);

  shoot_down = ovf_dataset_get_event (dataset, "shoot-down");
  g_assert_cmpint (ovf_event_get_time (shoot_down), ==, parse_time ("2023-02-04T14:39:00-05:00"));
  g_assert_cmpint (ovf_event_get_category (shoot_down), ==, OVF_CATEGORY_MILITARY);
  g_assert_cmpint (ovf_event_get_confidence (shoot_down), ==, OVF_CONFIDENCE_CONFIRMED);
  g_assert_cmpstr (ovf_event_get_timezone (shoot_down), ==, "America/New_York");
  g_assert_cmpstr (ovf_event_get_track_id (shoot_down), ==, "balloon");
  g_assert_true (ovf_event_has_location (shoot_down));
  g_assert_cmpfloat (ovf_geo_distance_m (ovf_event_get_latitude (shoot_down),
                                         ovf_event_get_longitude (shoot_down),
                                         SHOOT_DOWN_LAT, SHOOT_DOWN_LON), <, 5e3);

  /* Scrubbing to the shoot-down lands on it. */
  found = ovf_dataset_find_event_at_or_before (dataset, ovf_event_get_time (shoot_down));
  g_assert_cmpint (found, >=, 0);
  {
    g_autoptr(OvfEvent) event = g_list_model_get_item (events, found);

    g_assert_true (event == shoot_down);
  }

  g_assert_cmpstr (ovf_event_get_timezone (ovf_dataset_get_event (dataset, "billings-ground-stop")),
                   ==, "America/Denver");
  g_assert_cmpint (ovf_event_get_end_time (ovf_dataset_get_event (dataset, "billings-ground-stop")),
                   ==, parse_time ("2023-02-01T15:30:00-07:00"));
}

static OvfPlace *
find_place (GListModel *places,
            const char *id)
{
  for (guint i = 0; i < g_list_model_get_n_items (places); i++)
    {
      g_autoptr(OvfPlace) place = g_list_model_get_item (places, i);

      if (g_strcmp0 (ovf_place_get_id (place), id) == 0)
        return place;
    }

  g_error ("place %s is missing", id);
}

static void
assert_place (GListModel       *places,
              const char       *id,
              OvfPlaceCategory  category,
              double            lat,
              double            lon)
{
  OvfPlace *place = find_place (places, id);

  g_assert_cmpint (ovf_place_get_category (place), ==, category);
  g_assert_cmpfloat (ovf_geo_distance_m (ovf_place_get_latitude (place),
                                         ovf_place_get_longitude (place), lat, lon), <, 3e3);
  g_assert_cmpstr (ovf_place_get_description (place), !=, "");
}

static void
test_places (void)
{
  g_autoptr(OvfDataset) dataset = load_bundled (english);
  GListModel *places = ovf_dataset_get_places (dataset);

  g_assert_cmpuint (g_list_model_get_n_items (places), >=, 30);

  /* Checked against published coordinates, not against the file. */
  assert_place (places, "malmstrom-afb", OVF_PLACE_MILITARY, 47.505, -111.183);
  assert_place (places, "billings", OVF_PLACE_CITY, 45.783, -108.501);
  assert_place (places, "billings-airport", OVF_PLACE_AIRPORT, 45.808, -108.543);
  assert_place (places, "langley", OVF_PLACE_MILITARY, 37.083, -76.361);
  assert_place (places, "myrtle-beach-airport", OVF_PLACE_AIRPORT, 33.680, -78.928);
  assert_place (places, "charleston-airport", OVF_PLACE_AIRPORT, 32.899, -80.041);
  assert_place (places, "wilmington-airport", OVF_PLACE_AIRPORT, 34.271, -77.903);
  assert_place (places, "myrtle-beach", OVF_PLACE_CITY, 33.689, -78.887);
  g_assert_cmpint (ovf_place_get_category (find_place (places, "malmstrom-missile-field")),
                   ==, OVF_PLACE_REGION);
  g_assert_nonnull (find_place (places, "hainan"));
  g_assert_nonnull (find_place (places, "aleutians"));
  g_assert_nonnull (find_place (places, "shoot-down-area"));
}

static void
test_areas (void)
{
  g_autoptr(OvfDataset) dataset = load_bundled (english);
  GListModel *areas = ovf_dataset_get_areas (dataset);
  OvfArea *debris = NULL;
  OvfLatLon center;

  for (guint i = 0; i < g_list_model_get_n_items (areas); i++)
    {
      g_autoptr(OvfArea) area = g_list_model_get_item (areas, i);

      if (g_strcmp0 (ovf_area_get_id (area), "debris-field") == 0)
        debris = area;
    }
  g_assert_nonnull (debris);

  /* About seven miles across, around the shoot-down, while recovery lasted. */
  g_assert_true (ovf_area_is_circle (debris));
  center = ovf_area_get_center (debris);
  g_assert_cmpfloat (ovf_geo_distance_m (center.lat, center.lon, SHOOT_DOWN_LAT, SHOOT_DOWN_LON),
                     <, ovf_area_get_radius_m (debris));
  g_assert_cmpfloat_with_epsilon (ovf_area_get_radius_m (debris), 3.5 * 1609.344, 100);
  g_assert_false (ovf_area_applies_at (debris, parse_time ("2023-02-04T12:00:00Z")));
  g_assert_true (ovf_area_applies_at (debris, parse_time ("2023-02-05T12:00:00Z")));
  g_assert_false (ovf_area_applies_at (debris, parse_time ("2023-02-20T12:00:00Z")));
}

static void
assert_translated (const char *en,
                   const char *zh,
                   const char *what)
{
  if (!has_han (zh) || g_strcmp0 (en, zh) == 0)
    g_error ("%s has no Chinese text: “%s”", what, zh);
}

/* Every text the bundled file translates must reach the user in Chinese
 * under LANGUAGE=zh_CN, and in English otherwise. */
static void
test_chinese (void)
{
  g_autoptr(OvfDataset) en = load_bundled (english);
  g_autoptr(OvfDataset) zh = load_bundled (chinese);
  GListModel *lists[3][2] = {
    { ovf_dataset_get_events (en), ovf_dataset_get_events (zh) },
    { ovf_dataset_get_places (en), ovf_dataset_get_places (zh) },
    { ovf_dataset_get_areas (en), ovf_dataset_get_areas (zh) },
  };

  g_assert_false (has_han (ovf_dataset_get_title (en)));
  assert_translated (ovf_dataset_get_title (en), ovf_dataset_get_title (zh), "title");
  assert_translated (ovf_dataset_get_description (en), ovf_dataset_get_description (zh), "description");
  assert_translated (ovf_track_get_name (ovf_dataset_get_main_track (en)),
                     ovf_track_get_name (ovf_dataset_get_main_track (zh)), "track name");
  g_assert_cmpstr (ovf_event_get_title (ovf_dataset_get_event (zh, "shoot-down")),
                   ==, "在南卡罗来纳州近海被击落");

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      guint n = g_list_model_get_n_items (lists[l][0]);

      g_assert_cmpuint (g_list_model_get_n_items (lists[l][1]), ==, n);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GObject) a = g_list_model_get_item (lists[l][0], i);
          g_autoptr(GObject) b = g_list_model_get_item (lists[l][1], i);

          if (OVF_IS_EVENT (a))
            {
              const char *id = ovf_event_get_id (OVF_EVENT (a));

              g_assert_false (has_han (ovf_event_get_title (OVF_EVENT (a))));
              assert_translated (ovf_event_get_title (OVF_EVENT (a)), ovf_event_get_title (OVF_EVENT (b)), id);
              assert_translated (ovf_event_get_description (OVF_EVENT (a)),
                                 ovf_event_get_description (OVF_EVENT (b)), id);
              if (ovf_event_get_location_name (OVF_EVENT (a)) != NULL)
                assert_translated (ovf_event_get_location_name (OVF_EVENT (a)),
                                   ovf_event_get_location_name (OVF_EVENT (b)), id);
            }
          else if (OVF_IS_PLACE (a))
            {
              const char *id = ovf_place_get_id (OVF_PLACE (a));

              assert_translated (ovf_place_get_name (OVF_PLACE (a)), ovf_place_get_name (OVF_PLACE (b)), id);
              assert_translated (ovf_place_get_description (OVF_PLACE (a)),
                                 ovf_place_get_description (OVF_PLACE (b)), id);
            }
          else
            {
              const char *id = ovf_area_get_id (OVF_AREA (a));

              assert_translated (ovf_area_get_name (OVF_AREA (a)), ovf_area_get_name (OVF_AREA (b)), id);
              assert_translated (ovf_area_get_description (OVF_AREA (a)),
                                 ovf_area_get_description (OVF_AREA (b)), id);
            }
        }
    }
}

/* The app reads the copy compiled into its resources: it must be this file. */
static void
test_resource (void)
{
  g_autoptr(OvfDataset) from_file = load_bundled (english);
  g_autoptr(GFile) file = NULL;
  g_autoptr(OvfDataset) from_resource = NULL;
  g_autoptr(GError) error = NULL;

  file = ovf_bundled_dataset_file ();
  from_resource = ovf_dataset_load_from_file (file, english, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ovf_dataset_get_checksum (from_resource), ==, ovf_dataset_get_checksum (from_file));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/bundled/header", test_header);
  g_test_add_func ("/bundled/track", test_track);
  g_test_add_func ("/bundled/latin-america-track", test_latin_america_track);
  g_test_add_func ("/bundled/antimeridian", test_antimeridian);
  g_test_add_func ("/bundled/events", test_events);
  g_test_add_func ("/bundled/places", test_places);
  g_test_add_func ("/bundled/areas", test_areas);
  g_test_add_func ("/bundled/chinese", test_chinese);
  g_test_add_func ("/bundled/resource", test_resource);

  return g_test_run ();
}
