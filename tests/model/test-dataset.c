/* test-dataset.c: loading valid datasets, language maps, track and event
 * lookups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ovf-dataset.h"
#include "ovf-bundled.h"
#include "ovf-geo.h"
#include "ovf-import.h"

static const char * const english[] = { "en", NULL };

static OvfTime
at (const char *iso8601)
{
  OvfTime time;

  g_assert_true (ovf_time_parse_iso8601 (iso8601, &time));
  return time;
}

static OvfDataset *
load_fixture (const char         *name,
              const char * const *languages)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "model", "valid", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  OvfDataset *dataset;

  dataset = ovf_dataset_load_from_file (file, languages, NULL, &diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  g_assert_cmpuint (diagnostics->len, ==, 0);

  return dataset;
}

/* A dataset around @points, the JSON array of the track "balloon". */
static OvfDataset *
load_track (const char *points)
{
  g_autofree char *text = g_strdup_printf ("{\"format\": \"overflight-dataset\", \"version\": 1,"
                                           " \"title\": \"T\", \"description\": \"D\", \"license\": \"CC0-1.0\","
                                           " \"updated\": \"2026-11-25\", \"credits\": [\"C\"],"
                                           " \"places\": [], \"areas\": [],"
                                           " \"tracks\": [{\"id\": \"balloon\", \"name\": \"B\","
                                           " \"points\": %s}], \"events\": []}", points);
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;
  OvfDataset *dataset = ovf_dataset_load_from_bytes (bytes, english, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

static OvfEvent *
event_at (OvfDataset *dataset,
          int         index)
{
  OvfEvent *event;

  g_assert_cmpint (index, >=, 0);
  event = g_list_model_get_item (ovf_dataset_get_events (dataset), index);
  g_object_unref (event);   /* the dataset keeps it */
  return event;
}

static void
test_metadata (void)
{
  g_autoptr(OvfDataset) dataset = load_fixture ("small.json", english);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "model", "valid", "small.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *checksum = NULL;
  const char * const *credits;
  gsize length;

  g_assert_cmpstr (ovf_dataset_get_title (dataset), ==, "Small test dataset");
  g_assert_cmpstr (ovf_dataset_get_description (dataset), ==,
                   "A few points across the antimeridian, for the model's tests.");
  g_assert_cmpstr (ovf_dataset_get_license (dataset), ==, "CC0-1.0");
  g_assert_cmpstr (ovf_dataset_get_updated (dataset), ==, "2026-11-25");
  g_assert_cmpint (ovf_dataset_get_format_version (dataset), ==, 1);

  credits = ovf_dataset_get_credits (dataset);
  g_assert_cmpuint (g_strv_length ((char **) credits), ==, 2);
  g_assert_cmpstr (credits[0], ==, "Overflight tests");
  g_assert_cmpstr (credits[1], ==, "Second line");

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_assert_cmpstr (ovf_dataset_get_checksum (dataset), ==, checksum);
  g_assert_cmpuint (strlen (checksum), ==, 64);
}

static void
test_items (void)
{
  g_autoptr(OvfDataset) dataset = load_fixture ("small.json", english);
  GListModel *places = ovf_dataset_get_places (dataset);
  GListModel *areas = ovf_dataset_get_areas (dataset);
  g_autoptr(OvfPlace) billings = NULL;
  g_autoptr(OvfArea) debris = NULL;
  g_autoptr(OvfArea) aleutians = NULL;
  const OvfTrackPoint *points;
  const OvfLatLon *polygon;
  OvfTrack *track;
  OvfEvent *event;
  const OvfSource *source;
  guint n;

  g_assert_cmpuint (g_list_model_get_n_items (ovf_dataset_get_tracks (dataset)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (ovf_dataset_get_events (dataset)), ==, 5);
  g_assert_cmpuint (g_list_model_get_n_items (places), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (areas), ==, 2);
  g_assert_true (g_list_model_get_item_type (ovf_dataset_get_events (dataset)) == OVF_TYPE_EVENT);

  track = ovf_dataset_get_main_track (dataset);
  g_assert_cmpstr (ovf_track_get_id (track), ==, "balloon");
  g_assert_true (ovf_dataset_get_track (dataset, "balloon") == track);
  g_assert_null (ovf_dataset_get_track (dataset, "drone"));
  g_assert_cmpstr (ovf_track_get_name (ovf_dataset_get_track (dataset, "fighter")), ==, "Fighter");

  points = ovf_track_get_points (track, &n);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpuint (ovf_track_get_n_points (track), ==, 5);
  g_assert_cmpint (points[0].kind, ==, OVF_POINT_REPORTED);
  g_assert_cmpstr (points[0].source, ==, "https://example.org/a");
  g_assert_null (points[1].source);
  g_assert_true (isnan (points[2].alt_m));
  g_assert_cmpstr (points[2].note, ==, "No altitude here");
  /* Stored unwrapped: -179.5 follows 179.5 as 180.5. */
  g_assert_cmpfloat (points[0].lon, ==, 179.5);
  g_assert_cmpfloat (points[1].lon, ==, 180.5);
  g_assert_cmpfloat (points[3].lon, ==, 220.0);
  /* Written as 14:39 at -05:00. */
  g_assert_cmpint (points[4].time, ==, at ("2023-02-04T19:39:00Z"));
  g_assert_cmpint (ovf_track_get_start_time (track), ==, at ("2023-01-28T00:00:00Z"));
  g_assert_cmpint (ovf_track_get_end_time (track), ==, at ("2023-02-04T19:39:00Z"));

  event = ovf_dataset_get_event (dataset, "e-late");
  g_assert_nonnull (event);
  g_assert_null (ovf_dataset_get_event (dataset, "e-none"));
  g_assert_cmpstr (ovf_event_get_title (event), ==, "Shot down");
  g_assert_cmpint (ovf_event_get_category (event), ==, OVF_CATEGORY_MILITARY);
  g_assert_cmpint (ovf_event_get_confidence (event), ==, OVF_CONFIDENCE_CONFIRMED);
  g_assert_true (ovf_event_has_location (event));
  g_assert_cmpfloat (ovf_event_get_latitude (event), ==, 33.62);
  g_assert_cmpfloat (ovf_event_get_longitude (event), ==, -78.8);
  g_assert_cmpstr (ovf_event_get_location_name (event), ==, "Off Myrtle Beach");
  g_assert_cmpstr (ovf_event_get_timezone (event), ==, "America/New_York");
  g_assert_cmpstr (ovf_event_get_track_id (event), ==, "balloon");
  g_assert_cmpint (ovf_event_get_end_time (event), ==, OVF_TIME_NONE);

  event = ovf_dataset_get_event (dataset, "e-a");
  g_assert_false (ovf_event_has_location (event));
  g_assert_null (ovf_event_get_location_name (event));
  g_assert_null (ovf_event_get_timezone (event));
  g_assert_null (ovf_event_get_track_id (event));
  g_assert_cmpuint (ovf_event_get_n_sources (event), ==, 2);
  source = ovf_event_get_source (event, 1);
  g_assert_cmpstr (source->publisher, ==, "Other");
  g_assert_cmpstr (source->title, ==, "Two");
  g_assert_cmpstr (source->url, ==, "https://example.com/r3");
  g_assert_cmpstr (source->date, ==, "2023-02-02");
  g_assert_null (ovf_event_get_source (event, 0)->date);

  event = ovf_dataset_get_event (dataset, "e-span");
  g_assert_cmpint (ovf_event_get_end_time (event), ==, at ("2023-02-16T00:00:00Z"));

  billings = g_list_model_get_item (places, 1);
  g_assert_cmpstr (ovf_place_get_id (billings), ==, "billings");
  g_assert_cmpint (ovf_place_get_category (billings), ==, OVF_PLACE_CITY);
  g_assert_cmpfloat_with_epsilon (ovf_place_get_longitude (billings), -108.5, 1e-12);   /* given as 251.5 */
  g_assert_cmpstr (ovf_place_get_description (billings), ==, "Given in the 0..360 convention.");

  debris = g_list_model_get_item (areas, 0);
  g_assert_true (ovf_area_is_circle (debris));
  g_assert_cmpfloat (ovf_area_get_radius_m (debris), ==, 11000);
  g_assert_cmpfloat (ovf_area_get_center (debris).lat, ==, 33.55);
  g_assert_null (ovf_area_get_polygon (debris, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_false (ovf_area_applies_at (debris, at ("2023-02-04T19:38:59Z")));
  g_assert_true (ovf_area_applies_at (debris, at ("2023-02-04T19:39:00Z")));
  g_assert_false (ovf_area_applies_at (debris, at ("2023-02-16T00:00:01Z")));

  aleutians = g_list_model_get_item (areas, 1);
  g_assert_false (ovf_area_is_circle (aleutians));
  g_assert_cmpfloat (ovf_area_get_radius_m (aleutians), ==, 0);
  polygon = ovf_area_get_polygon (aleutians, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpfloat (polygon[1].lon, ==, 181.0);   /* continuous across the antimeridian */
  g_assert_cmpfloat_with_epsilon (ovf_area_get_center (aleutians).lat, 51.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (ovf_area_get_center (aleutians).lon, -180.0, 1e-12);
  g_assert_true (ovf_area_applies_at (aleutians, at ("1990-01-01T00:00:00Z")));
  g_assert_cmpint (ovf_area_get_time (aleutians), ==, OVF_TIME_NONE);
}

static void
test_enum_strings (void)
{
  OvfCategory category;
  OvfConfidence confidence;
  OvfPlaceCategory place_category;

  for (OvfCategory c = 0; c < OVF_N_CATEGORIES; c++)
    {
      g_assert_true (ovf_category_from_string (ovf_category_to_string (c), &category));
      g_assert_cmpint (category, ==, c);
    }
  g_assert_false (ovf_category_from_string ("Sighting", &category));
  g_assert_true (ovf_confidence_from_string ("unconfirmed", &confidence));
  g_assert_cmpint (confidence, ==, OVF_CONFIDENCE_UNCONFIRMED);
  g_assert_false (ovf_confidence_from_string (NULL, &confidence));
  g_assert_true (ovf_place_category_from_string ("region", &place_category));
  g_assert_cmpint (place_category, ==, OVF_PLACE_REGION);
  g_assert_cmpstr (ovf_place_category_to_string (OVF_PLACE_AIRPORT), ==, "airport");
}

static void
test_languages (void)
{
  const char * const chinese[] = { "zh_CN.UTF-8", "zh_CN", "zh", "C", NULL };
  const char * const german[] = { "de_DE", "de", "C", NULL };
  const char * const french[] = { "fr", NULL };
  const char * const none[] = { NULL };
  g_autoptr(OvfDataset) zh = load_fixture ("small.json", chinese);
  g_autoptr(OvfDataset) de = load_fixture ("small.json", german);
  g_autoptr(OvfDataset) fr = load_fixture ("small.json", french);
  g_autoptr(OvfDataset) fallback = load_fixture ("small.json", none);
  OvfEvent *event = ovf_dataset_get_event (zh, "e-late");
  g_autoptr(OvfPlace) place = g_list_model_get_item (ovf_dataset_get_places (zh), 1);

  g_assert_cmpstr (ovf_dataset_get_title (zh), ==, "小型测试数据集");
  g_assert_cmpstr (ovf_track_get_name (ovf_dataset_get_main_track (zh)), ==, "气球");
  g_assert_cmpstr (ovf_track_get_points (ovf_dataset_get_main_track (zh), NULL)[2].note, ==, "此处无高度");
  g_assert_cmpstr (ovf_event_get_title (event), ==, "被击落");
  g_assert_cmpstr (ovf_event_get_location_name (event), ==, "默特尔海滩外海");
  g_assert_cmpstr (ovf_event_get_description (event), ==, "The last point.");   /* plain string */
  g_assert_cmpstr (ovf_place_get_name (place), ==, "比林斯");

  /* German has a title but no track name: English fills in. */
  g_assert_cmpstr (ovf_dataset_get_title (de), ==, "Kleiner Testdatensatz");
  g_assert_cmpstr (ovf_track_get_name (ovf_dataset_get_main_track (de)), ==, "Balloon");

  g_assert_cmpstr (ovf_dataset_get_title (fr), ==, "Small test dataset");
  g_assert_cmpstr (ovf_dataset_get_title (fallback), ==, "Small test dataset");
}

static void
test_event_order (void)
{
  g_autoptr(OvfDataset) dataset = load_fixture ("small.json", english);
  const char *expected[] = { "e-a", "e-b", "e-c", "e-late", "e-span" };
  OvfTime start, end;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (ovf_event_get_id (event_at (dataset, i)), ==, expected[i]);

  /* From the first point and event to the end of the last span. */
  ovf_dataset_get_time_span (dataset, &start, &end);
  g_assert_cmpint (start, ==, at ("2023-01-28T00:00:00Z"));
  g_assert_cmpint (end, ==, at ("2023-02-16T00:00:00Z"));
}

static void
test_event_lookups (void)
{
  g_autoptr(OvfDataset) dataset = load_fixture ("small.json", english);
  OvfTime first = at ("2023-01-28T00:00:00Z");
  OvfTime pair = at ("2023-02-01T12:00:00Z");   /* e-b and e-c */
  OvfTime last = at ("2023-02-05T00:00:00Z");

  /* Before everything. */
  g_assert_cmpint (ovf_dataset_find_event_at_or_before (dataset, first - 1), ==, -1);
  g_assert_cmpint (ovf_dataset_find_previous_event (dataset, first - 1), ==, -1);
  g_assert_cmpint (ovf_dataset_find_next_event (dataset, first - 1), ==, 0);

  /* Exactly on the first. */
  g_assert_cmpint (ovf_dataset_find_event_at_or_before (dataset, first), ==, 0);
  g_assert_cmpint (ovf_dataset_find_previous_event (dataset, first), ==, -1);
  g_assert_cmpint (ovf_dataset_find_next_event (dataset, first), ==, 1);

  /* Two events at one time: at-or-before is the later in the model,
   * next skips both, previous skips both. */
  g_assert_cmpint (ovf_dataset_find_event_at_or_before (dataset, pair), ==, 2);
  g_assert_cmpint (ovf_dataset_find_next_event (dataset, pair), ==, 3);
  g_assert_cmpint (ovf_dataset_find_previous_event (dataset, pair), ==, 0);
  g_assert_cmpint (ovf_dataset_find_event_at_or_before (dataset, pair - 1), ==, 0);
  g_assert_cmpint (ovf_dataset_find_next_event (dataset, pair - 1), ==, 1);

  /* On and after the last. */
  g_assert_cmpint (ovf_dataset_find_event_at_or_before (dataset, last), ==, 4);
  g_assert_cmpint (ovf_dataset_find_next_event (dataset, last), ==, -1);
  g_assert_cmpint (ovf_dataset_find_previous_event (dataset, last), ==, 3);
  g_assert_cmpint (ovf_dataset_find_event_at_or_before (dataset, G_MAXINT64), ==, 4);
  g_assert_cmpint (ovf_dataset_find_previous_event (dataset, G_MAXINT64), ==, 4);
}

static void
test_empty_events (void)
{
  g_autoptr(OvfDataset) dataset = load_track ("[{\"time\": \"2023-01-28T00:00:00Z\", \"lat\": 1,"
                                              " \"lon\": 2, \"kind\": \"estimated\"}]");
  OvfTrackFix fix;
  OvfTime start, end;

  g_assert_cmpint (ovf_dataset_find_event_at_or_before (dataset, 0), ==, -1);
  g_assert_cmpint (ovf_dataset_find_next_event (dataset, 0), ==, -1);
  g_assert_cmpint (ovf_dataset_find_previous_event (dataset, 0), ==, -1);

  /* A one-point track: within only at that instant. */
  ovf_dataset_get_time_span (dataset, &start, &end);
  g_assert_cmpint (start, ==, end);
  g_assert_cmpint (ovf_track_locate (ovf_dataset_get_main_track (dataset), start, &fix), ==, OVF_FLIGHT_WITHIN);
  g_assert_cmpfloat (fix.lat, ==, 1);
  g_assert_cmpint (ovf_track_locate (ovf_dataset_get_main_track (dataset), start - 1, &fix), ==, OVF_FLIGHT_BEFORE);
  g_assert_cmpint (ovf_track_locate (ovf_dataset_get_main_track (dataset), start + 1, &fix), ==, OVF_FLIGHT_AFTER);
}

static void
test_locate (void)
{
  g_autoptr(OvfDataset) dataset = load_fixture ("small.json", english);
  OvfTrack *track = ovf_dataset_get_main_track (dataset);
  OvfTrackFix fix;

  /* Before: the first point's position. */
  g_assert_cmpint (ovf_track_locate (track, at ("2023-01-27T00:00:00Z"), &fix), ==, OVF_FLIGHT_BEFORE);
  g_assert_cmpint (fix.phase, ==, OVF_FLIGHT_BEFORE);
  g_assert_cmpfloat (fix.lat, ==, 50.0);
  g_assert_cmpfloat (fix.lon, ==, 179.5);
  g_assert_cmpfloat (fix.alt_m, ==, 18000);
  g_assert_cmpint (fix.kind, ==, OVF_POINT_REPORTED);

  /* Halfway across the antimeridian; the expected position is the one
   * test-geo.c checks against the navigation formulas. */
  g_assert_cmpint (ovf_track_locate (track, at ("2023-01-28T03:00:00Z"), &fix), ==, OVF_FLIGHT_WITHIN);
  g_assert_cmpuint (fix.segment, ==, 0);
  g_assert_cmpfloat (fix.fraction, ==, 0.5);
  g_assert_cmpfloat_with_epsilon (fix.lat, 50.501070679, 1e-8);
  g_assert_cmpfloat_with_epsilon (fix.lon, 179.994706597, 1e-8);
  g_assert_cmpfloat (fix.alt_m, ==, 18100);
  g_assert_cmpint (fix.kind, ==, OVF_POINT_ESTIMATED);

  /* Just past the crossing the longitude is normalized west. */
  ovf_track_locate (track, at ("2023-01-28T05:00:00Z"), &fix);
  g_assert_cmpfloat (fix.lon, <, -179.0);
  g_assert_cmpfloat (fix.lon, >=, -180.0);

  /* A segment whose end has no altitude. */
  ovf_track_locate (track, at ("2023-01-28T12:00:00Z"), &fix);
  g_assert_cmpuint (fix.segment, ==, 1);
  g_assert_true (isnan (fix.alt_m));

  /* Three quarters of 2023-01-29 → 01-30: (55, -165) → (60, -140). */
  ovf_track_locate (track, at ("2023-01-29T18:00:00Z"), &fix);
  g_assert_cmpuint (fix.segment, ==, 2);
  g_assert_cmpfloat_with_epsilon (fix.lat, 59.230326252, 1e-8);
  g_assert_cmpfloat_with_epsilon (fix.lon, -146.869362639, 1e-8);

  /* On a point: that point, whatever its neighbours. */
  ovf_track_locate (track, at ("2023-01-30T00:00:00Z"), &fix);
  g_assert_cmpuint (fix.segment, ==, 3);
  g_assert_cmpfloat (fix.fraction, ==, 0.0);
  g_assert_cmpfloat (fix.lon, ==, -140.0);
  g_assert_cmpint (fix.kind, ==, OVF_POINT_REPORTED);

  /* The last instant is within; after it, the last position. */
  g_assert_cmpint (ovf_track_locate (track, at ("2023-02-04T19:39:00Z"), &fix), ==, OVF_FLIGHT_WITHIN);
  g_assert_cmpuint (fix.segment, ==, 3);
  g_assert_cmpfloat (fix.fraction, ==, 1.0);
  g_assert_cmpfloat (fix.lat, ==, 33.62);
  g_assert_cmpint (ovf_track_locate (track, at ("2023-02-05T00:00:00Z"), &fix), ==, OVF_FLIGHT_AFTER);
  g_assert_cmpfloat (fix.lat, ==, 33.62);
  g_assert_cmpfloat_with_epsilon (fix.lon, -78.8, 1e-12);
  g_assert_cmpfloat (fix.alt_m, ==, 18900);

  /* A NULL fix is allowed when only the phase matters. */
  g_assert_cmpint (ovf_track_locate (track, 0, NULL), ==, OVF_FLIGHT_BEFORE);
}

/* Unevenly spaced points: the search must agree with a scan everywhere. */
static void
test_locate_uneven (void)
{
  g_autoptr(GString) points = g_string_new ("[");
  g_autoptr(OvfDataset) dataset = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  const OvfTrackPoint *track_points;
  OvfTrack *track;
  guint n;

  /* Gaps growing from one second to hours, then a burst of close points. */
  for (guint i = 0; i < 400; i++)
    {
      guint64 seconds = i < 300 ? (guint64) i * i * 7 : 300 * 300 * 7 + (i - 300);
      g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc (1674864000 + seconds);
      g_autofree char *iso = g_date_time_format_iso8601 (time);

      g_string_append_printf (points, "%s{\"time\": \"%s\", \"lat\": %u, \"lon\": %u, \"kind\": \"estimated\"}",
                              i > 0 ? "," : "", iso, i % 80, i % 300);
    }
  g_string_append (points, "]");

  dataset = load_track (points->str);
  track = ovf_dataset_get_main_track (dataset);
  track_points = ovf_track_get_points (track, &n);
  g_assert_cmpuint (n, ==, 400);

  for (guint k = 0; k < 20000; k++)
    {
      OvfTime time = track_points[0].time +
                     (OvfTime) (g_rand_double (rand) * (track_points[n - 1].time - track_points[0].time));
      guint expected = 0;
      OvfTrackFix fix;

      if (k < n)
        time = track_points[k].time;   /* every point exactly, too */
      while (expected + 2 < n && track_points[expected + 1].time <= time)
        expected++;

      ovf_track_locate (track, time, &fix);
      g_assert_cmpint (fix.phase, ==, OVF_FLIGHT_WITHIN);
      if (time == track_points[n - 1].time)
        g_assert_cmpuint (fix.segment, ==, n - 2);
      else
        g_assert_cmpuint (fix.segment, ==, expected);
      g_assert_cmpint (track_points[fix.segment].time, <=, time);
      g_assert_cmpint (time, <=, track_points[fix.segment + 1].time);
    }
}

/* The same crossing in each longitude convention the loader accepts. */
static void
test_conventions (void)
{
  const char *tracks[] = {
    /* -180..180 */
    "[{\"time\": \"2023-01-28T00:00:00Z\", \"lat\": 50, \"lon\": 179.5, \"kind\": \"estimated\"},"
    " {\"time\": \"2023-01-28T06:00:00Z\", \"lat\": 51, \"lon\": -179.5, \"kind\": \"estimated\"},"
    " {\"time\": \"2023-01-28T12:00:00Z\", \"lat\": 52, \"lon\": -170, \"kind\": \"estimated\"}]",
    /* 0..360 */
    "[{\"time\": \"2023-01-28T00:00:00Z\", \"lat\": 50, \"lon\": 179.5, \"kind\": \"estimated\"},"
    " {\"time\": \"2023-01-28T06:00:00Z\", \"lat\": 51, \"lon\": 180.5, \"kind\": \"estimated\"},"
    " {\"time\": \"2023-01-28T12:00:00Z\", \"lat\": 52, \"lon\": 190, \"kind\": \"estimated\"}]",
    /* unwrapped westwards from the other side */
    "[{\"time\": \"2023-01-28T00:00:00Z\", \"lat\": 50, \"lon\": -180.5, \"kind\": \"estimated\"},"
    " {\"time\": \"2023-01-28T06:00:00Z\", \"lat\": 51, \"lon\": -179.5, \"kind\": \"estimated\"},"
    " {\"time\": \"2023-01-28T12:00:00Z\", \"lat\": 52, \"lon\": -170, \"kind\": \"estimated\"}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (tracks); i++)
    {
      g_autoptr(OvfDataset) dataset = load_track (tracks[i]);
      OvfTrack *track = ovf_dataset_get_main_track (dataset);
      const OvfTrackPoint *points = ovf_track_get_points (track, NULL);
      OvfTrackFix fix;

      g_assert_cmpfloat_with_epsilon (points[2].lon - points[0].lon, 10.5, 1e-12);
      ovf_track_locate (track, at ("2023-01-28T03:00:00Z"), &fix);
      g_assert_cmpfloat_with_epsilon (fix.lat, 50.501070679, 1e-8);
      g_assert_cmpfloat_with_epsilon (fix.lon, 179.994706597, 1e-8);
      ovf_track_locate (track, at ("2023-01-28T12:00:00Z"), &fix);
      g_assert_cmpfloat_with_epsilon (fix.lon, -170, 1e-9);
    }
}

/* The app opens the bundled dataset by its resource URI. Its content is
 * checked in tests/data; here only that it loads whole and the story's
 * track is found. */
static void
test_bundled (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OvfDataset) dataset = NULL;
  OvfTrack *track;

  file = ovf_bundled_dataset_file ();
  dataset = ovf_dataset_load_from_file (file, english, NULL, &diagnostics, &error);
  g_assert_no_error (error);

  track = ovf_dataset_get_main_track (dataset);
  g_assert_cmpstr (ovf_track_get_id (track), ==, "balloon");
  g_assert_cmpuint (ovf_track_get_n_points (track), >=, 30);
  g_assert_cmpuint (g_list_model_get_n_items (ovf_dataset_get_events (dataset)), >=, 30);
  g_assert_cmpuint (g_list_model_get_n_items (ovf_dataset_get_places (dataset)), >=, 30);
  /* The flight ends with the shoot-down. */
  g_assert_cmpint (ovf_track_get_end_time (track), ==, at ("2023-02-04T19:39:00Z"));
}

/* Along the equator, a degree an hour; the second point has no altitude. */
#define EQUATOR_POINTS \
  "[{\"time\": \"2023-02-01T00:00:00Z\", \"lat\": 0, \"lon\": 0, \"alt_m\": 18000, \"kind\": \"estimated\"}," \
  " {\"time\": \"2023-02-01T01:00:00Z\", \"lat\": 0, \"lon\": 1, \"kind\": \"estimated\"}," \
  " {\"time\": \"2023-02-01T02:00:00Z\", \"lat\": 0, \"lon\": 2, \"alt_m\": 19500, \"kind\": \"estimated\"}," \
  " {\"time\": \"2023-02-01T03:00:00Z\", \"lat\": 0, \"lon\": 3, \"alt_m\": 18500, \"kind\": \"estimated\"}]"

static void
test_find_point (void)
{
  g_autoptr(OvfDataset) dataset = load_track (EQUATOR_POINTS);
  OvfTrack *track = ovf_dataset_get_main_track (dataset);

  g_assert_cmpuint (ovf_track_find_point (track, at ("2023-01-31T23:59:59Z")), ==, 0);
  g_assert_cmpuint (ovf_track_find_point (track, at ("2023-02-01T00:00:00Z")), ==, 0);
  g_assert_cmpuint (ovf_track_find_point (track, at ("2023-02-01T00:00:01Z")), ==, 1);
  g_assert_cmpuint (ovf_track_find_point (track, at ("2023-02-01T01:00:00Z")), ==, 1);
  g_assert_cmpuint (ovf_track_find_point (track, at ("2023-02-01T02:59:59Z")), ==, 3);
  g_assert_cmpuint (ovf_track_find_point (track, at ("2023-02-01T03:00:00Z")), ==, 3);
  g_assert_cmpuint (ovf_track_find_point (track, at ("2023-02-01T03:00:01Z")), ==, 4);
}

static void
test_speed (void)
{
  g_autoptr(OvfDataset) dataset = load_track (EQUATOR_POINTS);
  g_autoptr(OvfDataset) single = load_track ("[{\"time\": \"2023-02-01T00:00:00Z\", \"lat\": 0, \"lon\": 0,"
                                             " \"kind\": \"estimated\"}]");
  g_autoptr(OvfDataset) brief = load_track ("[{\"time\": \"2023-02-01T00:00:00Z\", \"lat\": 0, \"lon\": 0,"
                                            " \"kind\": \"estimated\"},"
                                            " {\"time\": \"2023-02-01T00:00:30Z\", \"lat\": 0, \"lon\": 0.01,"
                                            " \"kind\": \"estimated\"}]");
  OvfTrack *track = ovf_dataset_get_main_track (dataset);
  double degree_kmh = ovf_geo_distance_m (0, 0, 0, 1) / 1000.0;

  /* Over the hour around the time, or what of it the track covers. */
  g_assert_cmpfloat_with_epsilon (ovf_track_get_speed_kmh (track, at ("2023-02-01T01:30:00Z")), degree_kmh, 1e-6);
  g_assert_cmpfloat_with_epsilon (ovf_track_get_speed_kmh (track, at ("2023-02-01T00:00:00Z")), degree_kmh, 1e-6);
  g_assert_cmpfloat_with_epsilon (ovf_track_get_speed_kmh (track, at ("2023-02-01T03:00:00Z")), degree_kmh, 1e-6);
  /* Outside the track the window shrinks below a minute: unknown. */
  g_assert_true (isnan (ovf_track_get_speed_kmh (track, at ("2023-02-01T03:30:00Z"))));
  g_assert_true (isnan (ovf_track_get_speed_kmh (ovf_dataset_get_main_track (single),
                                                 at ("2023-02-01T00:00:00Z"))));
  g_assert_true (isnan (ovf_track_get_speed_kmh (ovf_dataset_get_main_track (brief),
                                                 at ("2023-02-01T00:00:10Z"))));
}

static void
test_max_altitude (void)
{
  g_autoptr(OvfDataset) dataset = load_track (EQUATOR_POINTS);
  g_autoptr(OvfDataset) none = load_track ("[{\"time\": \"2023-02-01T00:00:00Z\", \"lat\": 0, \"lon\": 0,"
                                           " \"kind\": \"estimated\"}]");

  /* The point without an altitude does not count. */
  g_assert_cmpfloat (ovf_track_get_max_altitude (ovf_dataset_get_main_track (dataset)), ==, 19500);
  g_assert_cmpfloat (ovf_track_get_max_altitude (ovf_dataset_get_main_track (none)), ==, 0);
}

/* Adding a dataset's tracks keeps everything of the first, appends the
 * tracks and renames those whose ids are taken. */
static void
test_add_tracks (void)
{
  g_autoptr(OvfDataset) first = load_track ("[{\"time\": \"2023-02-01T00:00:00Z\", \"lat\": 40, \"lon\": -100,"
                                            " \"kind\": \"estimated\"},"
                                            " {\"time\": \"2023-02-01T01:00:00Z\", \"lat\": 41, \"lon\": -99,"
                                            " \"kind\": \"estimated\"}]");
  g_autoptr(OvfDataset) second = load_track ("[{\"time\": \"2023-02-02T00:00:00Z\", \"lat\": 30, \"lon\": -80,"
                                             " \"kind\": \"estimated\", \"source\": \"https://example.org/s\"},"
                                             " {\"time\": \"2023-02-02T02:00:00Z\", \"lat\": 31, \"lon\": -81,"
                                             " \"kind\": \"estimated\"}]");
  g_autoptr(OvfDataset) merged = ovf_dataset_add_tracks (first, second);
  g_autoptr(OvfDataset) again = ovf_dataset_add_tracks (merged, second);
  OvfTrack *renamed;
  const OvfTrackPoint *points;
  guint n;
  OvfTime start, end;

  g_assert_cmpstr (ovf_dataset_get_title (merged), ==, "T");
  g_assert_cmpuint (g_list_model_get_n_items (ovf_dataset_get_tracks (merged)), ==, 2);
  g_assert_true (ovf_dataset_get_main_track (merged) == ovf_dataset_get_main_track (first));
  renamed = ovf_dataset_get_track (merged, "balloon-2");
  g_assert_nonnull (renamed);
  points = ovf_track_get_points (renamed, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat (points[0].lat, ==, 30);
  g_assert_cmpstr (points[0].source, ==, "https://example.org/s");
  g_assert_cmpstr (ovf_track_get_name (renamed), ==, "B");

  /* The span covers both; the first dataset is left as it was. */
  ovf_dataset_get_time_span (merged, &start, &end);
  g_assert_cmpint (start, ==, at ("2023-02-01T00:00:00Z"));
  g_assert_cmpint (end, ==, at ("2023-02-02T02:00:00Z"));
  g_assert_cmpuint (g_list_model_get_n_items (ovf_dataset_get_tracks (first)), ==, 1);
  g_assert_cmpstr (ovf_dataset_get_checksum (merged), !=, ovf_dataset_get_checksum (first));
  g_assert_cmpuint (strlen (ovf_dataset_get_checksum (merged)), ==, 64);

  g_assert_nonnull (ovf_dataset_get_track (again, "balloon-3"));
  g_assert_cmpuint (g_list_model_get_n_items (ovf_dataset_get_tracks (again)), ==, 3);
}

/* Giving a route times makes a dataset with it timed, in its place. */
static void
test_give_times (void)
{
  g_autofree char *gpx = g_strdup ("<gpx version=\"1.1\" creator=\"t\" xmlns=\"http://www.topografix.com/GPX/1/1\">"
                                   "<rte><name>R</name><rtept lat=\"0\" lon=\"0\"/><rtept lat=\"0\" lon=\"1\"/>"
                                   "<rtept lat=\"0\" lon=\"3\"/></rte></gpx>");
  g_autoptr(GBytes) bytes = g_bytes_new (gpx, strlen (gpx));
  g_autoptr(GError) error = NULL;
  g_autoptr(OvfDataset) route = ovf_import_load_bytes (bytes, "r.gpx", NULL, NULL, &error);
  g_autoptr(OvfDataset) timed = NULL;
  OvfTrack *track;
  const OvfTrackPoint *points;
  OvfTime start, end;
  guint n;

  g_assert_no_error (error);
  track = ovf_dataset_get_main_track (route);
  g_assert_false (ovf_track_has_times (track));

  timed = ovf_dataset_give_times (route, track, at ("2023-02-01T00:00:00Z"), at ("2023-02-01T03:00:00Z"));
  track = ovf_dataset_get_main_track (timed);
  g_assert_true (ovf_track_has_times (track));
  g_assert_cmpuint (g_list_model_get_n_items (ovf_dataset_get_tracks (timed)), ==, 1);
  points = ovf_track_get_points (track, &n);
  g_assert_cmpuint (n, ==, 3);
  /* By distance: a third of the way after the first degree. */
  g_assert_cmpint (points[1].time, ==, at ("2023-02-01T01:00:00Z"));
  ovf_dataset_get_time_span (timed, &start, &end);
  g_assert_cmpint (start, ==, at ("2023-02-01T00:00:00Z"));
  g_assert_cmpint (end, ==, at ("2023-02-01T03:00:00Z"));
  g_assert_cmpstr (ovf_dataset_get_title (timed), ==, ovf_dataset_get_title (route));
  g_assert_false (ovf_track_has_times (ovf_dataset_get_main_track (route)));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/dataset/bundled", test_bundled);
  g_test_add_func ("/model/dataset/metadata", test_metadata);
  g_test_add_func ("/model/dataset/items", test_items);
  g_test_add_func ("/model/dataset/enum-strings", test_enum_strings);
  g_test_add_func ("/model/dataset/languages", test_languages);
  g_test_add_func ("/model/events/order", test_event_order);
  g_test_add_func ("/model/events/lookups", test_event_lookups);
  g_test_add_func ("/model/events/empty", test_empty_events);
  g_test_add_func ("/model/dataset/add-tracks", test_add_tracks);
  g_test_add_func ("/model/dataset/give-times", test_give_times);
  g_test_add_func ("/model/track/locate", test_locate);
  g_test_add_func ("/model/track/locate-uneven", test_locate_uneven);
  g_test_add_func ("/model/track/conventions", test_conventions);
  g_test_add_func ("/model/track/find-point", test_find_point);
  g_test_add_func ("/model/track/speed", test_speed);
  g_test_add_func ("/model/track/max-altitude", test_max_altitude);

  return g_test_run ();
}
