/* test-exporter.c: snapshots as PNG, SVG and PDF, written atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include "map-test-util.h"
#include "ovf-exporter.h"
#include "ovf-bundled.h"
#include "ovf-legend.h"
#include "ovf-test-dataset.h"

static const double path_rgb[3] = { 0.878, 0.106, 0.141 };

static OvfDataset *
test_dataset (void)
{
  return map_test_dataset (35, -115, 42, -95, "reported", 40, -100);
}

static void
center_on (OvfExportOptions *options,
           double            lat,
           double            lon,
           double            zoom)
{
  double s = sin (lat * G_PI / 180.0);

  options->view.center_x = (lon + 180.0) / 360.0;
  options->view.center_y = 0.5 - log ((1 + s) / (1 - s)) / (4 * G_PI);
  options->view.zoom = zoom;
}

/* Every entry of @dir, to check that nothing was left behind. */
static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  g_assert_nonnull (d);
  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("ovf-export-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        remove_dir (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_exporter_png (void)
{
  g_autoptr(OvfDataset) dataset = test_dataset ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.PNG", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  OvfExportOptions options;
  cairo_surface_t *image;

  ovf_export_options_init (&options, dataset);
  options.output_path = path;
  options.width = 1000;
  options.height = 700;
  g_assert_true (ovf_exporter_render (dataset, &options, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);

  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 1000);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 700);
  cairo_surface_destroy (image);
  /* The image and nothing else. */
  g_assert_cmpuint (count_entries (dir), ==, 1);

  remove_dir (dir);
}

static gboolean
run (const char * const *argv,
     char              **out_stdout)
{
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     out_stdout, NULL, &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_exporter_svg (void)
{
  g_autoptr(OvfDataset) dataset = test_dataset ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "back.png", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  OvfExportOptions options;
  cairo_surface_t *image;

  ovf_export_options_init (&options, dataset);
  options.output_path = path;
  options.width = 800;
  options.height = 600;
  g_assert_true (ovf_exporter_render (dataset, &options, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"800px\""));

  /* librsvg parses it back at the same size. */
  {
    const char *argv[] = { "rsvg-convert", "-o", png, path, NULL };

    g_assert_true (run (argv, NULL));
  }
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 800);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 600);
  cairo_surface_destroy (image);

  remove_dir (dir);
}

static void
test_exporter_pdf (void)
{
  g_autoptr(OvfDataset) dataset = test_dataset ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *info = NULL;
  OvfExportOptions options;

  ovf_export_options_init (&options, dataset);
  options.output_path = path;
  options.width = 1920;
  options.height = 1080;
  g_assert_true (ovf_exporter_render (dataset, &options, &error));
  g_assert_no_error (error);

  {
    const char *argv[] = { "pdfinfo", path, NULL };

    g_assert_true (run (argv, &info));
  }
  /* 96 pixels to the inch: 1920 px is 1440 pt. */
  g_assert_nonnull (strstr (info, "Page size:       1440 x 810 pts"));
  g_assert_nonnull (strstr (info, "Title:           Test flight"));

  remove_dir (dir);
}

static void
test_exporter_too_large (void)
{
  g_autoptr(OvfDataset) dataset = test_dataset ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "huge.png", NULL);
  g_autoptr(GError) error = NULL;
  OvfExportOptions options;

  ovf_export_options_init (&options, dataset);
  options.output_path = path;
  options.width = OVF_EXPORT_MAX_SIZE + 1;
  options.height = 100;
  g_assert_false (ovf_exporter_render (dataset, &options, &error));
  g_assert_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "8193"));
  g_assert_cmpuint (count_entries (dir), ==, 0);

  remove_dir (dir);
}

static void
test_exporter_unknown_format (void)
{
  g_autoptr(OvfDataset) dataset = test_dataset ();
  g_autoptr(GError) error = NULL;
  OvfExportOptions options;

  ovf_export_options_init (&options, dataset);
  options.output_path = "/nonexistent/map.jpeg";
  g_assert_false (ovf_exporter_render (dataset, &options, &error));
  g_assert_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "map.jpeg"));
}

static void
test_exporter_missing_folder (void)
{
  g_autoptr(OvfDataset) dataset = test_dataset ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "missing", "map.png", NULL);
  g_autoptr(GError) error = NULL;
  OvfExportOptions options;

  ovf_export_options_init (&options, dataset);
  options.output_path = path;
  options.width = 200;
  options.height = 100;
  g_assert_false (ovf_exporter_render (dataset, &options, &error));
  g_assert_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpuint (count_entries (dir), ==, 0);

  remove_dir (dir);
}

/* Renaming over a folder fails after the image was written: the
 * temporary file must go, and the folder stay. */
static void
test_exporter_rename_fails (void)
{
  g_autoptr(OvfDataset) dataset = test_dataset ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "taken.svg", NULL);
  g_autoptr(GError) error = NULL;
  OvfExportOptions options;

  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  ovf_export_options_init (&options, dataset);
  options.output_path = path;
  options.width = 300;
  options.height = 200;
  g_assert_false (ovf_exporter_render (dataset, &options, &error));
  g_assert_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_WRITE);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_DIR));
  g_assert_cmpuint (count_entries (dir), ==, 1);

  remove_dir (dir);
}

/* A disk that fills up mid-write, through the file size limit: the old
 * file stays as it was and nothing else is left. */
static void
test_exporter_disk_full (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;

  if (g_test_subprocess ())
    {
      g_autoptr(OvfDataset) dataset = test_dataset ();
      g_autoptr(GError) error = NULL;
      struct rlimit limit = { 4096, 4096 };
      OvfExportOptions options;

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      ovf_export_options_init (&options, dataset);
      options.output_path = g_getenv ("OVF_TEST_PATH");
      options.width = 800;
      options.height = 600;
      g_assert_false (ovf_exporter_render (dataset, &options, &error));
      g_assert_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_WRITE);
      g_printerr ("%s\n", error->message);
      return;
    }

  dir = make_temp_dir ();
  path = g_build_filename (dir, "map.png", NULL);
  g_assert_true (g_file_set_contents (path, "old image", -1, NULL));

  g_setenv ("OVF_TEST_PATH", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*Could not write*map.png*");

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old image");
  g_assert_cmpuint (count_entries (dir), ==, 1);

  remove_dir (dir);
}

static void
test_exporter_marker_and_scale (void)
{
  g_autoptr(OvfDataset) dataset = test_dataset ();
  OvfTime start = map_test_start (), end = map_test_end ();
  OvfExportOptions options;

  for (int scale = 1; scale <= 2; scale++)
    {
      g_autoptr(GError) error = NULL;
      cairo_surface_t *image;
      OvfMapView view;
      double lat, lon, ex, ey, x, y;

      ovf_export_options_init (&options, dataset);
      options.width = 900 * scale;
      options.height = 600 * scale;
      options.scale = scale;
      options.time = start + (end - start) * 3 / 10;
      options.caption = options.legend = options.scale_bar = FALSE;
      center_on (&options, 39, -105, 4.5);

      image = ovf_exporter_render_image (dataset, &options, &error);
      g_assert_no_error (error);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, 900 * scale);

      view = options.view;
      view.width = 900;
      view.height = 600;
      view.tile_size = 256;
      map_test_slerp (35, -115, 42, -95, 0.3, &lat, &lon);
      map_test_project (&view, lat, lon, &ex, &ey);
      g_assert_true (map_test_find_disc (image, ex * scale, ey * scale, 14 * scale, path_rgb, &x, &y));
      g_assert_cmpfloat (hypot (x - ex * scale, y - ey * scale), <=, 3.0);
      cairo_surface_destroy (image);
    }
}

/* Pixels that differ between two images of the same size, in a box. */
static guint
count_differences (cairo_surface_t *a,
                   cairo_surface_t *b,
                   int              x0,
                   int              y0,
                   int              x1,
                   int              y1)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        double pa[4], pb[4];

        map_test_pixel (a, x, y, pa);
        map_test_pixel (b, x, y, pb);
        if (fabs (pa[0] - pb[0]) + fabs (pa[1] - pb[1]) + fabs (pa[2] - pb[2]) > 0.05)
          n++;
      }
  return n;
}

static void
test_exporter_caption (void)
{
  g_autoptr(OvfDataset) dataset = test_dataset ();
  g_autoptr(GError) error = NULL;
  OvfExportOptions options;
  cairo_surface_t *with, *without;

  ovf_export_options_init (&options, dataset);
  options.width = 800;
  options.height = 600;
  options.legend = options.scale_bar = FALSE;
  with = ovf_exporter_render_image (dataset, &options, &error);
  g_assert_no_error (error);
  options.caption = FALSE;
  without = ovf_exporter_render_image (dataset, &options, &error);
  g_assert_no_error (error);

  /* The caption sits in the top left corner; the rest is the same. */
  g_assert_cmpuint (count_differences (with, without, 16, 16, 200, 60), >, 2000);
  g_assert_cmpuint (count_differences (with, without, 0, 200, 800, 500), ==, 0);

  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
}

static void
test_exporter_sidecar (void)
{
  g_autoptr(OvfDataset) dataset = test_dataset ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "map.png", NULL);
  g_autofree char *sidecar = ovf_exporter_get_sidecar_path (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  OvfExportOptions options;
  JsonObject *root, *view, *ds;

  ovf_export_options_init (&options, dataset);
  options.output_path = path;
  options.width = 400;
  options.height = 300;
  center_on (&options, 40, -100, 5);
  g_assert_true (ovf_exporter_write_sidecar (dataset, &options, &error));
  g_assert_no_error (error);

  g_assert_true (json_parser_load_from_file (parser, sidecar, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "image"), ==, "map.png");
  g_assert_cmpstr (json_object_get_string_member (root, "time"), ==, "2023-02-02T00:00:00Z");
  g_assert_cmpint (json_object_get_int_member (root, "width"), ==, 400);
  view = json_object_get_object_member (root, "view");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_object_get_object_member (view, "center"), "lat"),
                                  40.0, 1e-4);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (view, "zoom"), 5.0, 1e-6);
  g_assert_true (json_object_has_member (json_object_get_object_member (view, "bounds"), "west"));
  ds = json_object_get_object_member (root, "dataset");
  g_assert_cmpstr (json_object_get_string_member (ds, "sha256"), ==, ovf_dataset_get_checksum (dataset));
  g_assert_cmpstr (json_object_get_string_member (ds, "license"), ==, "CC0-1.0");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "event"), "id"), ==, "ev");
  g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (root, "map_source"),
                                                   "attribution"));
  g_assert_nonnull (strstr (json_object_get_string_member (root, "generator"), PACKAGE_VERSION));

  remove_dir (dir);
}

/* Fitting the bundled track leaves its westernmost point, the launch,
 * clear of the legend's column at the left edge. */
static double
leftmost_track_x (OvfDataset             *dataset,
                  const OvfExportOptions *options)
{
  const OvfTrackPoint *points;
  double leftmost = G_MAXDOUBLE;
  guint n;

  points = ovf_track_get_points (ovf_dataset_get_main_track (dataset), &n);
  for (guint i = 0; i < n; i++)
    {
      double x, y;

      map_test_project (&options->view, points[i].lat, points[i].lon, &x, &y);
      leftmost = MIN (leftmost, x);
    }
  return leftmost;
}

static void
test_exporter_fit_beside_legend (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(OvfDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  OvfExportOptions options;
  double legend_width, legend_height, with_legend, without_legend;

  file = ovf_bundled_dataset_file ();
  dataset = ovf_dataset_load_from_file (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  ovf_legend_measure (NULL, TRUE, &legend_width, &legend_height);

  ovf_export_options_init (&options, dataset);
  options.width = 1920;
  options.height = 1080;
  ovf_export_options_fit (&options, dataset, FALSE);
  with_legend = leftmost_track_x (dataset, &options);
  g_assert_cmpfloat (with_legend, >, legend_width);

  options.legend = FALSE;
  ovf_export_options_fit (&options, dataset, FALSE);
  without_legend = leftmost_track_x (dataset, &options);
  g_assert_cmpfloat (without_legend, <, with_legend - legend_width / 2);
}

/* The sidecar lists every track with the colour it is drawn in, the main
 * one first in the palette; the image shows both colours. */
static void
test_exporter_tracks (void)
{
  OvfTrack *tracks[2] = {
    ovf_test_track_new ("balloon", "Main balloon", 30, -110, 30, -90, 2),
    ovf_test_track_new ("other", "Other balloon", 36, -110, 36, -90, 2),
  };
  g_autoptr(OvfDataset) dataset = ovf_dataset_new_for_tracks ("Two flights", tracks, 2);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  OvfExportOptions options;
  JsonArray *listed;
  OvfMapView view;
  double rgba[2][4];

  g_object_unref (tracks[0]);
  g_object_unref (tracks[1]);
  ovf_export_options_init (&options, dataset);
  options.time = (map_test_start () + map_test_end ()) / 2;
  options.width = 800;
  options.height = 500;
  center_on (&options, 33, -100, 4);
  node = ovf_exporter_describe (dataset, &options);
  listed = json_object_get_array_member (json_node_get_object (node), "tracks");
  g_assert_cmpuint (json_array_get_length (listed), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *track = json_array_get_object_element (listed, i);
      g_autofree char *expected = NULL;

      ovf_overlay_get_track_color (i, FALSE, rgba[i]);
      expected = g_strdup_printf ("#%02x%02x%02x", (int) round (rgba[i][0] * 255), (int) round (rgba[i][1] * 255),
                                  (int) round (rgba[i][2] * 255));
      g_assert_cmpstr (json_object_get_string_member (track, "id"), ==, i == 0 ? "balloon" : "other");
      g_assert_cmpstr (json_object_get_string_member (track, "name"), ==, i == 0 ? "Main balloon" : "Other balloon");
      g_assert_cmpstr (json_object_get_string_member (track, "color"), ==, expected);
      /* The red of one-track datasets. */
      if (i == 0)
        g_assert_cmpstr (expected, ==, "#e01b24");
      g_assert_true (json_object_get_boolean_member (track, "main") == (i == 0));
      g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_object_get_object_member (track, "position"),
                                                                     "lat"), i == 0 ? 30 : 36, 0.5);
    }

  image = ovf_exporter_render_image (dataset, &options, &error);
  g_assert_no_error (error);
  view = map_test_view_at (33, -100, 4, 800, 500);
  for (guint i = 0; i < 2; i++)
    {
      double lat, lon, x, y, best = 0;

      map_test_slerp (i == 0 ? 30 : 36, -110, i == 0 ? 30 : 36, -90, 0.25, &lat, &lon);
      map_test_project (&view, lat, lon, &x, &y);
      for (int dy = -2; dy <= 2; dy++)
        for (int dx = -2; dx <= 2; dx++)
          {
            double p[4];

            map_test_pixel (image, (int) x + dx, (int) y + dy, p);
            if (fabs (p[0] - rgba[i][0]) < 0.1 && fabs (p[1] - rgba[i][1]) < 0.1 && fabs (p[2] - rgba[i][2]) < 0.1)
              best = MAX (best, p[3]);
          }
      g_assert_cmpfloat (best, >, 0.9);
    }
  cairo_surface_destroy (image);
}

static char *
alt_text_at (OvfDataset *dataset,
             OvfTime     time)
{
  g_autoptr(JsonNode) node = NULL;
  OvfExportOptions options;

  ovf_export_options_init (&options, dataset);
  options.time = time;
  node = ovf_exporter_describe (dataset, &options);
  return g_strdup (json_object_get_string_member (json_node_get_object (node), "alt_text"));
}

/* The alt text places the balloon in flight, and says where its track
 * starts or ended outside it. */
static void
test_exporter_alt_text (void)
{
  g_autoptr(OvfDataset) dataset = map_test_dataset (35, -115, 42, -95, "reported", 0, 0);
  OvfTime start = map_test_start (), end = map_test_end ();
  g_autofree char *during = alt_text_at (dataset, start + (end - start) / 2);
  g_autofree char *after = alt_text_at (dataset, end + OVF_TIME_HOUR);
  g_autofree char *before = alt_text_at (dataset, start - OVF_TIME_HOUR);

  g_assert_nonnull (strstr (during, " The balloon is at "));
  g_assert_nonnull (strstr (after, " The balloon’s track ended at 42.00°, -95.00°."));
  g_assert_nonnull (strstr (before, " The balloon’s track starts at 35.00°, -115.00°."));
}

int
main (int   argc,
      char *argv[])
{
  /* Nothing here may need a display. */
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/exporter/png", test_exporter_png);
  g_test_add_func ("/exporter/alt-text", test_exporter_alt_text);
  g_test_add_func ("/exporter/svg", test_exporter_svg);
  g_test_add_func ("/exporter/pdf", test_exporter_pdf);
  g_test_add_func ("/exporter/too-large", test_exporter_too_large);
  g_test_add_func ("/exporter/unknown-format", test_exporter_unknown_format);
  g_test_add_func ("/exporter/missing-folder", test_exporter_missing_folder);
  g_test_add_func ("/exporter/rename-fails", test_exporter_rename_fails);
  g_test_add_func ("/exporter/disk-full", test_exporter_disk_full);
  g_test_add_func ("/exporter/marker-and-scale", test_exporter_marker_and_scale);
  g_test_add_func ("/exporter/caption", test_exporter_caption);
  g_test_add_func ("/exporter/sidecar", test_exporter_sidecar);
  g_test_add_func ("/exporter/tracks", test_exporter_tracks);
  g_test_add_func ("/exporter/fit-beside-legend", test_exporter_fit_beside_legend);

  return g_test_run ();
}
