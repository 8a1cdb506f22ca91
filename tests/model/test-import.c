/* test-import.c: the track file readers, on real files and our own
 *
 * The real files are read from <source root>/../shared/corpus/import/
 * (see its README.md); those tests are skipped when the folder is absent.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <sys/resource.h>

#include "ovf-bundled.h"
#include "ovf-dataset-writer.h"
#include "ovf-geo.h"
#include "ovf-import.h"

static char *corpus;

typedef struct
{
  const char *file;
  guint       tracks;
  guint       points;
  guint       events;
  guint       places;
  gboolean    timed;      /* every track has times */
} Expected;

static const Expected good_files[] = {
  { "csv-gpsbabel-garminconnect-unicsv.csv", 1, 68, 0, 0, TRUE },
  { "csv-opentracks-export-offsets.csv", 1, 5, 0, 0, TRUE },
  { "geojson-gpsbabel-mixed-geometries.geojson", 2, 8, 0, 2, FALSE },
  { "geojson-togeojson-garminconnect-linestring-times.geojson", 1, 68, 0, 0, TRUE },
  /* Its two lines overlap in time: two tracks. */
  { "geojson-togeojson-mytracks-geometrycollection-points.geojson", 2, 26, 2, 0, TRUE },
  { "geojson-togeojson-oregon600-multilinestring-times.geojson", 1, 16, 0, 0, TRUE },
  /* The last point has no time and is left out. */
  { "gpx10-gpxpy-cerknica-no-elevation.gpx", 7, 295, 0, 7, TRUE },
  /* Every time is GPSBabel's stand-in for none: an untimed path. */
  { "gpx10-gpxpy-mojstrovka-1901-7digit-fraction.gpx", 1, 184, 0, 0, FALSE },
  { "gpx10-gpxpy-route-untimed.gpx", 1, 55, 0, 0, FALSE },
  { "gpx10-togeojson-expertgps-bluehills.gpx", 3, 1243, 0, 46, TRUE },
  { "gpx11-gdal-empty-rte-trk-segments.gpx", 2, 7, 0, 2, FALSE },
  { "gpx11-gpsbabel-garminconnect-ns-prefixed.gpx", 1, 68, 0, 0, TRUE },
  { "gpx11-gpxpy-all-fields-ext-prefix.gpx", 3, 6, 0, 2, FALSE },
  { "gpx11-gpxpy-etrex-single-line.gpx", 1, 104, 0, 0, TRUE },
  { "gpx11-gpxpy-nikeplus-offset-millis.gpx", 1, 2, 0, 0, TRUE },
  { "gpx11-opentracks-cruiser-utf16le-bom.gpx", 1, 3, 0, 0, TRUE },
  { "gpx11-opentracks-offset-0115.gpx", 1, 1, 0, 1, TRUE },
  { "gpx11-togeojson-mapsource-3trk-large.gpx", 3, 5235, 0, 0, TRUE },
  { "gpx11-togeojson-oregon600-3seg.gpx", 1, 16, 0, 0, TRUE },
  /* The second point repeats the first exactly. */
  { "gpx11-togeojson-osmand-empty-ele.gpx", 1, 1, 0, 0, TRUE },
  { "gpx11-togeojson-xcode-waypoints-only-nons.gpx", 0, 0, 0, 40, TRUE },
  { "kml22-gdal-nested-folder-linestrings.kml", 2, 4, 0, 0, FALSE },
  { "kml22-gpsbabel-opentracks-empty-coord.kml", 1, 2, 0, 0, TRUE },
  { "kml22-gpsbabel-skydrop-linestring-timespan.kml", 1, 1329, 0, 0, TRUE },
  { "kml22-togeojson-gxtrack.kml", 1, 7, 0, 0, TRUE },
  { "kml22-togeojson-multitrack-without-gx-prefix.kml", 1, 16, 2, 0, TRUE },
  { "kml22-togeojson-mytracks-gxmultitrack.kml", 2, 26, 2, 0, TRUE },
  { "kmz-wheretofly-linestring.kmz", 1, 991, 0, 0, FALSE },
  { "kmz-wheretofly-multitrack-and-linestring.kmz", 2, 1868, 0, 0, FALSE },
  { "readsb-trace-3c66b0.json", 1, 7, 0, 0, TRUE },
  { "readsb-trace_full_3c66b0.json", 1, 7, 0, 0, TRUE },
};

/* Each refused file and the start of its first problem. */
static const struct { const char *file; const char *first; } broken_files[] = {
  { "broken-bad-coordinates.kml", "16:17: Track/coord: “-122,204678 37,373939 147,000000” is not" },
  { "broken-bad-time.csv", "4:52: Time: “2023-01-16T18:62:28” is not an ISO 8601 time" },
  { "broken-billion-laughs.gpx", "3:20: the file declares the entity “lol”" },
  { "broken-empty.gpx", "1:1: the file is empty" },
  { "broken-html-saved-as.gpx", "1:15: this is a web page (HTML)" },
  { "broken-latlon-swapped.geojson", "156:11: features[0].geometry.coordinates[0]: latitude -105.178 is out of range" },
  { "broken-readsb-doc-example-unclosed.json", "20:1: unexpected ‘}’" },
  { "broken-truncated.gpx", "407:61: not well-formed XML" },
  { "broken-utf16-lone-surrogate.gpx", "4:11: the text is not valid in its encoding (UTF-16)" },
};

static gboolean
have_corpus (void)
{
  if (g_file_test (corpus, G_FILE_TEST_IS_DIR))
    return TRUE;
  g_test_skip ("../shared/corpus/import is absent");
  return FALSE;
}

static OvfDataset *
load_bytes (const char  *text,
            gssize       length,
            const char  *name,
            GPtrArray  **diagnostics)
{
  g_autoptr(GBytes) bytes = g_bytes_new (text, length < 0 ? strlen (text) : (gsize) length);
  g_autoptr(GError) error = NULL;
  OvfDataset *dataset = ovf_import_load_bytes (bytes, name, NULL, diagnostics, &error);

  g_assert_true ((dataset == NULL) == (error != NULL));
  return dataset;
}

static OvfDataset *
load_corpus (const char  *file,
             GPtrArray  **diagnostics,
             GError     **error)
{
  g_autofree char *path = g_build_filename (corpus, file, NULL);
  g_autoptr(GFile) gfile = g_file_new_for_path (path);

  return ovf_import_load_file (gfile, NULL, NULL, diagnostics, error);
}

static guint
count_points (OvfDataset *dataset,
              gboolean   *all_timed)
{
  GListModel *tracks = ovf_dataset_get_tracks (dataset);
  guint total = 0;

  *all_timed = TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (tracks); i++)
    {
      g_autoptr(OvfTrack) track = g_list_model_get_item (tracks, i);
      guint n;
      const OvfTrackPoint *points = ovf_track_get_points (track, &n);

      total += n;
      *all_timed &= ovf_track_has_times (track);
      for (guint j = 1; ovf_track_has_times (track) && j < n; j++)
        g_assert_cmpint (points[j].time, >, points[j - 1].time);
      for (guint j = 0; j < n; j++)
        {
          g_assert_true (points[j].lat >= -90 && points[j].lat <= 90);
          g_assert_cmpstr (points[j].source, !=, NULL);
        }
    }

  return total;
}

static void
test_corpus_good (void)
{
  if (!have_corpus ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (good_files); i++)
    {
      const Expected *expected = &good_files[i];
      g_autoptr(GPtrArray) diagnostics = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(OvfDataset) dataset = load_corpus (expected->file, &diagnostics, &error);
      gboolean timed;

      if (dataset == NULL)
        g_error ("%s: %s", expected->file, error->message);
      g_assert_cmpuint (diagnostics->len, ==, 0);
      g_test_message ("%s: %s", expected->file, ovf_dataset_get_import_format (dataset));
      g_assert_cmpuint (g_list_model_get_n_items (ovf_dataset_get_tracks (dataset)), ==, expected->tracks);
      g_assert_cmpuint (count_points (dataset, &timed), ==, expected->points);
      g_assert_cmpuint (g_list_model_get_n_items (ovf_dataset_get_events (dataset)), ==, expected->events);
      g_assert_cmpuint (g_list_model_get_n_items (ovf_dataset_get_places (dataset)), ==, expected->places);
      g_assert_cmpint (timed, ==, expected->timed);
      g_assert_nonnull (ovf_dataset_get_import_format (dataset));
      g_assert_true (ovf_dataset_get_title (dataset)[0] != '\0');
    }
}

static void
test_corpus_broken (void)
{
  if (!have_corpus ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (broken_files); i++)
    {
      g_autoptr(GPtrArray) diagnostics = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(OvfDataset) dataset = load_corpus (broken_files[i].file, &diagnostics, &error);
      g_autofree char *line = NULL;

      g_assert_null (dataset);
      g_assert_error (error, OVF_DATASET_ERROR, OVF_DATASET_ERROR_INVALID);
      g_assert_cmpuint (diagnostics->len, >, 0);
      line = ovf_diagnostic_format (g_ptr_array_index (diagnostics, 0), NULL);
      if (!g_str_has_prefix (line, broken_files[i].first))
        g_error ("%s: %s", broken_files[i].file, line);
    }
}

/* Every bad point is reported, not only the first. */
static void
test_all_problems (void)
{
  const char *gpx =
    "<gpx version=\"1.1\"><trk><trkseg>\n"
    "<trkpt lat=\"95\" lon=\"1\"><time>2023-01-01T00:00:00Z</time></trkpt>\n"
    "<trkpt lat=\"nan\" lon=\"1\"><time>2023-01-01T00:00:01Z</time></trkpt>\n"
    "<trkpt lat=\"1\" lon=\"1\"><time>2023-01-01T00:00:05Z</time></trkpt>\n"
    "<trkpt lat=\"1\" lon=\"2\"><time>2023-01-01T00:00:05Z</time></trkpt>\n"
    "<trkpt lat=\"1\" lon=\"3\"><time>2023-01-01T00:00:04Z</time></trkpt>\n"
    "<trkpt lat=\"1\" lon=\"-200\"><time>2023-01-01T00:00:06Z</time></trkpt>\n"
    "</trkseg></trk></gpx>\n";
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(OvfDataset) dataset = load_bytes (gpx, -1, "bad.gpx", &diagnostics);
  static const char * const expected[] = {
    "2:24: trkpt: latitude 95 is out of range",
    "3:25: trkpt/@lat: “nan” is not a number",
    "5:30: trkpt/time: the time repeats the previous point’s",
    "6:30: trkpt/time: the time is before the previous point’s",
    "7:26: trkpt: longitude -200 is out of range",
  };

  g_assert_null (dataset);
  g_assert_cmpuint (diagnostics->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *line = ovf_diagnostic_format (g_ptr_array_index (diagnostics, i), NULL);

      if (!g_str_has_prefix (line, expected[i]))
        g_error ("expected “%s…”, got “%s”", expected[i], line);
    }
}

/* GPX times without a zone are UTC, as GPX's schema says; KML and
 * GeoJSON times need one. */
static void
test_zone_rule (void)
{
  const char *gpx = "<gpx version=\"1.1\"><trk><trkseg>"
                    "<trkpt lat=\"1\" lon=\"1\"><time>2023-02-04T19:39:00</time></trkpt>"
                    "</trkseg></trk></gpx>";
  const char *kml = "<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Placemark>\n"
                    "<TimeStamp><when>2023-02-04T19:39:00</when></TimeStamp>"
                    "<Point><coordinates>1,2</coordinates></Point></Placemark></kml>";
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(OvfDataset) timed = load_bytes (gpx, -1, "t.gpx", NULL);
  g_autoptr(OvfDataset) refused = load_bytes (kml, -1, "t.kml", &diagnostics);
  g_autoptr(OvfTrack) track = g_list_model_get_item (ovf_dataset_get_tracks (timed), 0);
  g_autofree char *line = NULL;

  g_assert_cmpint (ovf_track_get_start_time (track), ==, G_GINT64_CONSTANT (1675539540) * G_USEC_PER_SEC);
  g_assert_null (refused);
  line = ovf_diagnostic_format (g_ptr_array_index (diagnostics, 0), "t.kml");
  g_assert_cmpstr (line, ==, "t.kml:2:18: when: “2023-02-04T19:39:00” has no time zone: "
                             "add Z for UTC or an offset such as +01:00");
}

static void
assert_refused (const char *text,
                gssize      length,
                const char *name,
                const char *first)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(OvfDataset) dataset = load_bytes (text, length, name, &diagnostics);
  g_autofree char *line = NULL;

  g_assert_null (dataset);
  line = ovf_diagnostic_format (g_ptr_array_index (diagnostics, 0), NULL);
  if (strstr (line, first) == NULL)
    g_error ("%s: expected “%s” in “%s”", name, first, line);
}

static void
test_entities (void)
{
  const char *laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx [\n<!ENTITY a \"aaaaaaaaaa\">\n"
                       "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n]>\n<gpx><trk><name>&b;</name></trk></gpx>";
  const char *external = "<?xml version=\"1.0\"?>\n<!DOCTYPE kml [\n"
                         "<!ENTITY secret SYSTEM \"file:///etc/passwd\">\n]>\n"
                         "<kml><Placemark><name>&secret;</name></Placemark></kml>";
  const char *undeclared = "<gpx><trk><name>&secret;</name></trk></gpx>";
  const char *remote_dtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE gpx SYSTEM \"http://127.0.0.1:9/gpx.dtd\">\n"
                           "<gpx><wpt lat=\"1\" lon=\"2\"><name>a &amp; b</name></wpt></gpx>";
  g_autoptr(OvfDataset) dataset = NULL;
  g_autoptr(OvfPlace) place = NULL;

  assert_refused (laughs, -1, "laughs.gpx", "3:24: the file declares the entity “a”");
  assert_refused (external, -1, "xxe.kml", "the file declares the entity “secret”");
  assert_refused (undeclared, -1, "undeclared.gpx", "not well-formed XML: Entity 'secret' not defined");

  /* An external DTD is never fetched; the predefined entities work. */
  dataset = load_bytes (remote_dtd, -1, "dtd.gpx", NULL);
  g_assert_nonnull (dataset);
  place = g_list_model_get_item (ovf_dataset_get_places (dataset), 0);
  g_assert_cmpstr (ovf_place_get_name (place), ==, "a & b");
}

/* A KMZ whose doc.kml unpacks to 40 MB of spaces, 40 kB packed. */
static GBytes *
make_zip_bomb (void)
{
  struct archive *zip = archive_write_new ();
  struct archive_entry *entry = archive_entry_new ();
  gsize size = 40 * 1024 * 1024, used = 0;
  g_autofree char *buffer = g_malloc (size / 10);
  g_autofree char *chunk = g_malloc (1024 * 1024);

  archive_write_set_format_zip (zip);
  archive_write_open_memory (zip, buffer, size / 10, &used);
  archive_entry_set_pathname (entry, "doc.kml");
  archive_entry_set_filetype (entry, AE_IFREG);
  archive_entry_set_perm (entry, 0644);
  archive_entry_set_size (entry, size);
  archive_write_header (zip, entry);
  memset (chunk, ' ', 1024 * 1024);
  memcpy (chunk, "<kml>", 5);
  for (gsize written = 0; written < size; written += 1024 * 1024)
    {
      archive_write_data (zip, chunk, 1024 * 1024);
      chunk[0] = ' ';
      memset (chunk, ' ', 5);
    }
  archive_entry_free (entry);
  archive_write_close (zip);
  archive_write_free (zip);

  return g_bytes_new (buffer, used);
}

static void
test_zip_bomb (void)
{
  g_autoptr(GBytes) bomb = make_zip_bomb ();
  gsize length;
  const char *data = g_bytes_get_data (bomb, &length);

  g_assert_cmpuint (length, <, 1024 * 1024);
  assert_refused (data, length, "bomb.kmz", "doc.kml: the file unpacks to more than 16 MiB");
}

static void
test_bad_input (void)
{
  const guchar utf16_csv[] = { 0xff, 0xfe, 'l', 0, 'a', 0, 't', 0 };

  assert_refused ("", 0, "empty.csv", "the file is empty");
  assert_refused ("  \n\t ", -1, "blank.kml", "the file is empty");
  assert_refused ((const char *) utf16_csv, sizeof utf16_csv, "u.csv", "1:1: the file is UTF-16: save it as UTF-8");
  assert_refused ("\x89PNG\r\n\x1a\n\0\0", 10, "image.gpx", "neither UTF-8 text nor a known format");
  assert_refused ("name,value\nx,1\n", -1, "other.csv", "1:1: not a file Overflight can read");
  assert_refused ("<svg></svg>", -1, "image.kml", "the root element <svg> is neither");
  assert_refused ("lat,lon,time\n1,2,2023-01-01T00:00:00Z\n1,,2023-01-01T00:00:01Z\n", -1, "gap.csv",
                  "3:3: lon: the value is missing");
  assert_refused ("{\"type\": \"Feature\", \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[1, 2], [3, 4]]},\n"
                  " \"properties\": {\"times\": [\"2023-01-01T00:00:00Z\"]}}", -1, "x.geojson",
                  "2:26: properties.times: there must be one time for each of the 2 positions");
}

/* A row or a line of megabytes is read like any other. */
static void
test_long_lines (void)
{
  g_autoptr(GString) csv = g_string_new ("time,lat,lon,callsign,note\n");
  g_autoptr(GString) gpx = g_string_new ("<gpx version=\"1.1\"><trk><trkseg>");
  g_autoptr(OvfDataset) from_csv = NULL;
  g_autoptr(OvfDataset) from_gpx = NULL;
  gboolean timed;

  g_string_append (csv, "1675539540,33.6,-78.8,BALLOON,\"");
  for (guint i = 0; i < 3 * 1024 * 1024; i++)
    g_string_append_c (csv, i % 61 == 60 ? '\n' : 'x');
  g_string_append (csv, "\"\n1675539541,33.7,-78.8,BALLOON,\n");
  for (guint i = 0; i < 50000; i++)
    g_string_append_printf (gpx, "<trkpt lat=\"%u.5\" lon=\"1\"><time>2023-02-04T19:%02u:%02uZ</time></trkpt>",
                            i / 1000 % 80, i / 60 % 60, i % 60);
  g_string_append (gpx, "</trkseg></trk></gpx>");

  from_csv = load_bytes (csv->str, csv->len, "long.csv", NULL);
  g_assert_nonnull (from_csv);
  g_assert_cmpuint (count_points (from_csv, &timed), ==, 2);
  /* Only 3600 distinct times: the rest repeat, and are refused. */
  from_gpx = load_bytes (gpx->str, gpx->len, "long.gpx", NULL);
  g_assert_null (from_gpx);
}

static void
test_csv_forms (void)
{
  const char *semicolons = "Zeit;ICAO24;Latitude;Longitude;Altitude (ft)\n"
                           "2023-02-04T19:39:00Z;a1;33.5;-78.5;60000\n"
                           "2023-02-04T19:39:00Z;b2;34.5;-79.5;1000\n"
                           "2023-02-04T19:40:00Z;a1;33.6;-78.6;59000\n";
  const char *tabs = "timestamp\tlat\tlng\n1675539540\t1\t2\n1675539540.5\t1\t2.1\n";
  g_autoptr(OvfDataset) split = load_bytes (semicolons, -1, "s.csv", NULL);
  g_autoptr(OvfDataset) unix_times = load_bytes (tabs, -1, "t.tsv", NULL);
  g_autoptr(OvfTrack) a1 = NULL;
  g_autoptr(OvfTrack) tab_track = NULL;
  const OvfTrackPoint *points;
  guint n;

  /* "Zeit" names no time column: the tracks are untimed paths. */
  g_assert_nonnull (split);
  g_assert_cmpuint (g_list_model_get_n_items (ovf_dataset_get_tracks (split)), ==, 2);
  a1 = g_list_model_get_item (ovf_dataset_get_tracks (split), 0);
  g_assert_cmpstr (ovf_track_get_name (a1), ==, "a1");
  g_assert_false (ovf_track_has_times (a1));
  points = ovf_track_get_points (a1, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpfloat_with_epsilon (points[0].alt_m, 18288.0, 1e-6);

  tab_track = g_list_model_get_item (ovf_dataset_get_tracks (unix_times), 0);
  points = ovf_track_get_points (tab_track, &n);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (points[1].time - points[0].time, ==, G_USEC_PER_SEC / 2);
}

/* Content decides, not the name. */
static void
test_detection (void)
{
  g_assert_cmpint (ovf_import_detect ("\n <?xml version=\"1.0\"?><gpx/>", 29), ==, OVF_IMPORT_XML);
  g_assert_cmpint (ovf_import_detect ("PK\x03\x04", 4), ==, OVF_IMPORT_KMZ);
  g_assert_cmpint (ovf_import_detect ("\x1f\x8b\x08", 3), ==, OVF_IMPORT_GZIP);
  g_assert_cmpint (ovf_import_detect ("{\"type\": \"FeatureCollection\"}", 29), ==, OVF_IMPORT_GEOJSON);
  g_assert_cmpint (ovf_import_detect ("{\"timestamp\": 1, \"trace\": []}", 29), ==, OVF_IMPORT_TRACE);
  g_assert_cmpint (ovf_import_detect ("{\"format\": \"overflight-dataset\"}", 32), ==, OVF_IMPORT_DATASET);
  g_assert_cmpint (ovf_import_detect ("lat,lon\n", 8), ==, OVF_IMPORT_CSV);
  g_assert_cmpint (ovf_import_detect ("", 0), ==, OVF_IMPORT_UNKNOWN);
}

/* An untimed path gets times from a start and an end, by distance. */
static void
test_spread (void)
{
  const char *route = "<gpx version=\"1.0\"><rte>"
                      "<rtept lat=\"0\" lon=\"0\"/><rtept lat=\"0\" lon=\"1\"/><rtept lat=\"0\" lon=\"3\"/>"
                      "</rte></gpx>";
  g_autoptr(OvfDataset) dataset = load_bytes (route, -1, "route.gpx", NULL);
  g_autoptr(OvfTrack) untimed = g_list_model_get_item (ovf_dataset_get_tracks (dataset), 0);
  g_autoptr(OvfTrack) timed = NULL;
  OvfTime start = 1000 * OVF_TIME_SECOND, end = 1300 * OVF_TIME_SECOND;
  const OvfTrackPoint *points;
  OvfTime span_start, span_end;

  g_assert_false (ovf_track_has_times (untimed));
  g_assert_cmpint (ovf_track_get_start_time (untimed), ==, OVF_TIME_NONE);
  ovf_dataset_get_time_span (dataset, &span_start, &span_end);
  g_assert_cmpint (span_start, ==, OVF_TIME_NONE);

  timed = ovf_track_spread_times (untimed, start, end);
  g_assert_true (ovf_track_has_times (timed));
  points = ovf_track_get_points (timed, NULL);
  g_assert_cmpint (points[0].time, ==, start);
  g_assert_cmpint (points[1].time, ==, 1100 * OVF_TIME_SECOND);
  g_assert_cmpint (points[2].time, ==, end);
  g_assert_cmpint (points[1].kind, ==, OVF_POINT_ESTIMATED);
}

static void
assert_same_points (OvfDataset *a,
                    OvfDataset *b)
{
  GListModel *tracks_a = ovf_dataset_get_tracks (a);
  GListModel *tracks_b = ovf_dataset_get_tracks (b);

  g_assert_cmpuint (g_list_model_get_n_items (tracks_a), ==, g_list_model_get_n_items (tracks_b));
  for (guint i = 0; i < g_list_model_get_n_items (tracks_a); i++)
    {
      g_autoptr(OvfTrack) ta = g_list_model_get_item (tracks_a, i);
      g_autoptr(OvfTrack) tb = g_list_model_get_item (tracks_b, i);
      guint na, nb;
      const OvfTrackPoint *pa = ovf_track_get_points (ta, &na);
      const OvfTrackPoint *pb = ovf_track_get_points (tb, &nb);

      g_assert_cmpstr (ovf_track_get_name (ta), ==, ovf_track_get_name (tb));
      g_assert_cmpuint (na, ==, nb);
      for (guint j = 0; j < na; j++)
        {
          g_assert_cmpint (pa[j].time, ==, pb[j].time);
          g_assert_cmpfloat (pa[j].lat, ==, pb[j].lat);
          g_assert_cmpfloat (ovf_geo_normalize_lon (pa[j].lon), ==, ovf_geo_normalize_lon (pb[j].lon));
          g_assert_true (pa[j].alt_m == pb[j].alt_m || (isnan (pa[j].alt_m) && isnan (pb[j].alt_m)));
        }
    }
}

/* import → write → load gives the same points and times. */
static void
test_round_trip (void)
{
  static const char * const files[] = {
    "gpx11-togeojson-mapsource-3trk-large.gpx", "kml22-togeojson-mytracks-gxmultitrack.kml",
    "geojson-togeojson-oregon600-multilinestring-times.geojson", "csv-opentracks-export-offsets.csv",
    "readsb-trace_full_3c66b0.json", "gpx10-gpxpy-cerknica-no-elevation.gpx",
  };
  const char * const credits[] = { "Test", NULL };
  OvfDatasetHeader header = { "Round trip", "Written by the tests.", "CC0-1.0", "2024-01-01", credits,
                              "https://example.org/tracks" };
  g_autofree char *dir = NULL;

  if (!have_corpus ())
    return;

  dir = g_dir_make_tmp ("ovf-import-XXXXXX", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(OvfDataset) imported = load_corpus (files[i], NULL, &error);
      g_autoptr(GPtrArray) datasets = g_ptr_array_new ();
      g_autofree char *path = g_build_filename (dir, "out.json", NULL);
      g_autoptr(GFile) out = g_file_new_for_path (path);
      g_autoptr(OvfDataset) loaded = NULL;

      g_assert_no_error (error);
      g_ptr_array_add (datasets, imported);
      header.source_url = i % 2 == 0 ? "https://example.org/tracks" : NULL;
      g_assert_true (ovf_dataset_write (datasets, &header, out, NULL, &error));
      g_assert_no_error (error);
      loaded = ovf_dataset_load_from_file (out, NULL, NULL, NULL, &error);
      if (loaded == NULL)
        g_error ("%s: %s", files[i], error->message);
      assert_same_points (imported, loaded);
      g_assert_cmpuint (g_list_model_get_n_items (ovf_dataset_get_places (loaded)), ==,
                        g_list_model_get_n_items (ovf_dataset_get_places (imported)) +
                        (header.source_url == NULL ? g_list_model_get_n_items (ovf_dataset_get_events (imported)) : 0));
      g_unlink (path);
    }
  g_rmdir (dir);
}

/* A write that fails part way (here, past a file-size limit, as on a full
 * disk) leaves no new file behind and an old one as it was. */
static void
test_failed_write (void)
{
  const char * const credits[] = { "Test", NULL };
  OvfDatasetHeader header = { "Failed write", "Written by the tests.", "CC0-1.0", "2024-01-01", credits,
                              "https://example.org/tracks" };
  g_autofree char *dir = NULL;
  g_autofree char *fresh = NULL;
  g_autofree char *old = NULL;
  g_autofree char *kept = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(GFile) bundled = ovf_bundled_dataset_file ();
      g_autoptr(OvfDataset) dataset = ovf_dataset_load_from_file (bundled, NULL, NULL, NULL, NULL);
      g_autoptr(GPtrArray) datasets = g_ptr_array_new ();
      struct rlimit limit = { 4096, 4096 };

      g_ptr_array_add (datasets, dataset);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      for (guint i = 0; i < 2; i++)
        {
          g_autofree char *path = g_build_filename (g_getenv ("OVF_TEST_WRITE_DIR"), i == 0 ? "new.json" : "old.json",
                                                    NULL);
          g_autoptr(GFile) out = g_file_new_for_path (path);
          g_autoptr(GError) error = NULL;

          g_assert_false (ovf_dataset_write (datasets, &header, out, NULL, &error));
          g_assert_nonnull (error);
        }
      return;
    }

  dir = g_dir_make_tmp ("ovf-write-XXXXXX", NULL);
  fresh = g_build_filename (dir, "new.json", NULL);
  old = g_build_filename (dir, "old.json", NULL);
  g_assert_true (g_file_set_contents (old, "{}\n", -1, NULL));
  g_setenv ("OVF_TEST_WRITE_DIR", dir, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  g_assert_false (g_file_test (fresh, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (old, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "{}\n");
  g_unlink (old);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_format_time (void)
{
  static const char * const times[] = {
    "2023-02-04T19:39:00Z", "1901-12-13T20:45:52.207343Z", "2000-02-29T23:59:59.5Z", "1970-01-01T00:00:00.000001Z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      OvfTime time;
      g_autofree char *text = NULL;

      g_assert_true (ovf_time_parse_iso8601 (times[i], &time));
      text = ovf_dataset_format_time (time);
      g_assert_cmpstr (text, ==, times[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *root = g_getenv ("OVERFLIGHT_SOURCE_ROOT");

  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (root);
  corpus = g_build_filename (root, "..", "shared", "corpus", "import", NULL);

  g_test_add_func ("/import/corpus/good", test_corpus_good);
  g_test_add_func ("/import/corpus/broken", test_corpus_broken);
  g_test_add_func ("/import/all-problems", test_all_problems);
  g_test_add_func ("/import/zone-rule", test_zone_rule);
  g_test_add_func ("/import/entities", test_entities);
  g_test_add_func ("/import/zip-bomb", test_zip_bomb);
  g_test_add_func ("/import/bad-input", test_bad_input);
  g_test_add_func ("/import/long-lines", test_long_lines);
  g_test_add_func ("/import/csv-forms", test_csv_forms);
  g_test_add_func ("/import/detection", test_detection);
  g_test_add_func ("/import/spread", test_spread);
  g_test_add_func ("/import/round-trip", test_round_trip);
  g_test_add_func ("/import/failed-write", test_failed_write);
  g_test_add_func ("/import/format-time", test_format_time);

  return g_test_run ();
}
