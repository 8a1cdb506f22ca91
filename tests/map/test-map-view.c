/* test-map-view.c: the shared --time/--center/--zoom/--fit parser, and the one fit of a dataset into a view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "map-test-util.h"
#include "ovf-exporter.h"
#include "ovf-map-view.h"
#include "ovf-bundled.h"
#include "ovf-view-options.h"

static void
assert_center_fails (const char *text,
                     const char *mention)
{
  g_autoptr(GError) error = NULL;
  double lat = 1234, lon = 1234;

  g_assert_false (ovf_view_parse_center (text, &lat, &lon, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "--center: "));
  if (strstr (error->message, mention) == NULL)
    g_error ("“%s”: “%s” does not mention %s", text, error->message, mention);
  g_assert_cmpfloat (lat, ==, 1234);
  g_assert_cmpfloat (lon, ==, 1234);
}

static void
test_center (void)
{
  static const struct {
    const char *text;
    double      lat;
    double      lon;
  } good[] = {
    { "33.62,-78.8", 33.62, -78.8 },
    { "33.62, -78.8", 33.62, -78.8 },
    { " 33.62 ,-78.8 ", 33.62, -78.8 },
    { "-90,180", -90, 180 },
    { "90,-180", 90, -180 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      double lat, lon;

      g_assert_true (ovf_view_parse_center (good[i].text, &lat, &lon, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat (lat, ==, good[i].lat);
      g_assert_cmpfloat (lon, ==, good[i].lon);
    }

  assert_center_fails ("91,10", "latitude");
  assert_center_fails ("-90.5,10", "latitude");
  assert_center_fails ("45,-200", "longitude");
  assert_center_fails ("45,180.01", "longitude");
  assert_center_fails ("Montana", "LAT,LON");
  assert_center_fails ("", "LAT,LON");
  assert_center_fails ("33.6", "LAT,LON");
  assert_center_fails ("33.6,", "LAT,LON");
  assert_center_fails ("1,2,3", "LAT,LON");
  assert_center_fails ("33.6;-78.8", "LAT,LON");
  assert_center_fails ("33.6x,-78.8", "LAT,LON");
  assert_center_fails ("nan,10", "LAT,LON");
  assert_center_fails ("10,inf", "LAT,LON");
}

static void
test_fit (void)
{
  g_autoptr(GError) error = NULL;
  OvfFit fit;

  g_assert_true (ovf_view_parse_fit ("track", &fit, &error));
  g_assert_cmpint (fit.kind, ==, OVF_FIT_TRACK);
  g_assert_true (ovf_view_parse_fit ("all", &fit, &error));
  g_assert_cmpint (fit.kind, ==, OVF_FIT_ALL);
  g_assert_true (ovf_view_parse_fit ("2023-01-31T00:00:00Z/2023-02-02T00:00:00Z", &fit, &error));
  g_assert_no_error (error);
  g_assert_cmpint (fit.kind, ==, OVF_FIT_SPAN);
  g_assert_cmpint (fit.end - fit.start, ==, 2 * 24 * OVF_TIME_HOUR);

  g_assert_false (ovf_view_parse_fit ("everything", &fit, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_true (g_str_has_prefix (error->message, "--fit: "));
  g_clear_error (&error);
  g_assert_false (ovf_view_parse_fit ("2023-01-31T00:00:00Z/", &fit, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (ovf_view_parse_fit ("2023-02-02T00:00:00Z/2023-01-31T00:00:00Z", &fit, &error));
  g_assert_nonnull (strstr (error->message, "ends before it starts"));
}

/* The whole dictionary, as the application and export both read it. */
static void
test_options (void)
{
  g_autoptr(GVariantDict) dict = g_variant_dict_new (NULL);
  g_autoptr(GError) error = NULL;
  OvfViewOptions view;

  g_assert_true (ovf_view_options_parse (dict, &view, &error));
  g_assert_false (view.has_time || view.has_center || view.has_zoom || view.has_fit);
  g_assert_cmpint (view.fit.kind, ==, OVF_FIT_TRACK);

  g_variant_dict_insert (dict, "time", "s", "2023-02-04T19:39:00Z");
  g_variant_dict_insert (dict, "center", "s", "33.6 , -78.8");
  g_variant_dict_insert (dict, "zoom", "d", 7.5);
  g_variant_dict_insert (dict, "fit", "s", "all");
  g_assert_true (ovf_view_options_parse (dict, &view, &error));
  g_assert_no_error (error);
  g_assert_true (view.has_time && view.has_center && view.has_zoom && view.has_fit);
  g_assert_cmpfloat (view.latitude, ==, 33.6);
  g_assert_cmpfloat (view.longitude, ==, -78.8);
  g_assert_cmpfloat (view.zoom, ==, 7.5);
  g_assert_cmpint (view.fit.kind, ==, OVF_FIT_ALL);

  g_variant_dict_insert (dict, "zoom", "d", 20.5);
  g_assert_false (ovf_view_options_parse (dict, &view, &error));
  g_assert_true (g_str_has_prefix (error->message, "--zoom: "));
  g_clear_error (&error);
  g_variant_dict_insert (dict, "zoom", "d", 3.0);

  g_variant_dict_insert (dict, "time", "s", "2023-02-04T19:39:00");
  g_assert_false (ovf_view_options_parse (dict, &view, &error));
  g_assert_true (g_str_has_prefix (error->message, "--time: "));
}

static OvfDataset *
bundled_dataset (void)
{
  g_autoptr(GFile) file = ovf_bundled_dataset_file ();
  g_autoptr(GError) error = NULL;
  OvfDataset *dataset;

  dataset = ovf_dataset_load_from_file (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return dataset;
}

/* The window's first view fits the main track into the map as it is;
 * --fit track does the same at the image's size, beside the legend. For
 * the same size without a legend, they frame the same rectangle. */
static void
test_first_view_is_fit_track (void)
{
  g_autoptr(OvfDataset) dataset = bundled_dataset ();
  OvfTrack *track = ovf_dataset_get_main_track (dataset);
  const OvfTrackPoint *points;
  OvfFit fit = { .kind = OVF_FIT_TRACK };
  OvfMapView window = { .width = 1100, .height = 700, .tile_size = 256 };
  OvfExportOptions export;
  double padding = MAX (40.0, 0.1 * 700) + 40.0;
  double shift;
  double min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  guint n;

  g_assert_true (ovf_map_view_fit_dataset (&window, dataset, &fit, 0.0));

  ovf_export_options_init (&export, dataset);
  export.width = 1100;
  export.height = 700;
  export.legend = FALSE;
  ovf_export_options_fit_to (&export, dataset, &fit);
  g_assert_cmpfloat_with_epsilon (export.view.center_x, window.center_x, 1e-12);
  g_assert_cmpfloat_with_epsilon (export.view.center_y, window.center_y, 1e-12);
  g_assert_cmpfloat_with_epsilon (export.view.zoom, window.zoom, 1e-12);

  /* That rectangle holds the whole track, touching the padding on one side. */
  points = ovf_track_get_points (track, &n);
  for (guint i = 0; i < n; i++)
    {
      double x, y;

      ovf_map_view_project (&window, points[i].lat, points[i].lon, &x, &y);
      min_x = MIN (min_x, x);
      max_x = MAX (max_x, x);
      min_y = MIN (min_y, y);
      max_y = MAX (max_y, y);
    }
  g_assert_cmpfloat (min_x, >=, padding - 0.5);
  g_assert_cmpfloat (max_x, <=, window.width - padding + 0.5);
  g_assert_cmpfloat (min_y, >=, padding - 0.5);
  g_assert_cmpfloat (max_y, <=, window.height - padding + 0.5);
  g_assert_true (fabs (min_x - padding) < 0.5 || fabs (min_y - padding) < 0.5);

  /* With the legend, the export keeps the track right of it. */
  export.legend = TRUE;
  ovf_export_options_fit_to (&export, dataset, &fit);
  shift = export.view.center_x - window.center_x;
  shift -= round (shift);
  g_assert_cmpfloat (shift, <, 0.0);
  g_assert_cmpfloat (export.view.zoom, <=, window.zoom);
}

/* A track across the antimeridian is framed as the short way round. */
static void
test_fit_antimeridian (void)
{
  g_autoptr(OvfDataset) dataset = map_test_dataset (50, 170, 52, -170, "reported", 51, 179);
  OvfFit fit = { .kind = OVF_FIT_TRACK };
  OvfMapView view = { .width = 800, .height = 600, .tile_size = 256 };
  double lon;

  g_assert_true (ovf_map_view_fit_dataset (&view, dataset, &fit, 0.0));
  g_assert_cmpfloat (view.zoom, >, 3.0);
  g_assert_cmpfloat (view.center_x, >=, 0.0);
  g_assert_cmpfloat (view.center_x, <, 1.0);
  lon = view.center_x * 360.0 - 180.0;
  g_assert_cmpfloat (fabs (fabs (lon) - 180.0), <, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/view-options/center", test_center);
  g_test_add_func ("/view-options/fit", test_fit);
  g_test_add_func ("/view-options/options", test_options);
  g_test_add_func ("/map-view/first-view-is-fit-track", test_first_view_is_fit_track);
  g_test_add_func ("/map-view/fit-antimeridian", test_fit_antimeridian);

  return g_test_run ();
}
