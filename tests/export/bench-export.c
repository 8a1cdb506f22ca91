/* bench-export.c: export and overlay drawing times, and peak memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sys/resource.h>
#include <time.h>

#include "bench-util.h"
#include "ovf-exporter.h"
#include "ovf-geo.h"
#include "ovf-overlay.h"
/* The million-point track is built in memory: parsing it from JSON would
 * measure the loader, not the drawing. */
#include "ovf-bundled.h"
#include "ovf-test-dataset.h"
#include "test-util.h"

#define N_POINTS 1000000

/* CPU time of this thread: other processes building at the same time
 * on this 2-core machine would otherwise swamp a frame's few milliseconds. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* CPU time of the whole process, every thread. */
static double
process_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static OvfDataset *
load_bundled (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  OvfDataset *dataset;

  file = ovf_bundled_dataset_file ();
  dataset = ovf_dataset_load_from_file (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return dataset;
}

static void
bench_export (OvfDataset *dataset,
              const char *dir,
              int         width,
              int         height)
{
  g_autofree char *path = g_strdup_printf ("%s/bench-%dx%d.png", dir, width, height);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  OvfExportOptions options;

  ovf_export_options_init (&options, dataset);
  options.output_path = path;
  options.width = width;
  options.height = height;
  ovf_export_options_fit (&options, dataset, FALSE);

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = process_cpu_ms ();
      double ms, cpu_ms;

      g_assert_true (ovf_exporter_render (dataset, &options, &error));
      g_assert_no_error (error);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      cpu_ms = process_cpu_ms () - cpu_start;
      g_array_append_val (times, ms);
      g_array_append_val (cpu, cpu_ms);
    }
  g_unlink (path);

  g_print ("export %dx%d PNG: median %.0f ms wall (best %.0f ms of 3), median %.0f ms CPU over all threads;"
           " peak RSS so far %.0f MiB\n",
           width, height, ovf_bench_percentile (times, 0.5), ovf_bench_percentile (times, 0.0),
           ovf_bench_percentile (cpu, 0.5), peak_rss_mib ());
}

static void
bench_overlay (OvfDataset *dataset,
               const char *label,
               gboolean    decorations)
{
  g_autoptr(OvfOverlay) overlay = ovf_overlay_new ();
  OvfTrack *track = ovf_dataset_get_main_track (dataset);
  OvfTime start = ovf_track_get_start_time (track), end = ovf_track_get_end_time (track);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
  static const double zooms[] = { 2, 3.5, 5, 7, 9 };
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 prepare = g_get_monotonic_time ();
  double prepare_ms;

  ovf_overlay_set_show_places (overlay, decorations);
  ovf_overlay_set_show_marker_label (overlay, decorations);
  if (decorations)
    {
      g_autoptr(OvfBasemap) basemap = ovf_basemap_get_default (NULL);

      /* As in the window: the built-in map's labels are placed with the
       * story's. */
      ovf_overlay_set_basemap (overlay, basemap);
    }
  ovf_overlay_set_dataset (overlay, dataset);
  prepare_ms = (g_get_monotonic_time () - prepare) / 1000.0;

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    for (int i = 0; i < 60; i++)
      {
        OvfTime t = start + (end - start) * i / 60;
        OvfMapView view = { .zoom = zooms[z], .width = 1280, .height = 800, .tile_size = 256 };
        OvfTrackFix fix;
        cairo_t *cr = cairo_create (surface);
        double t0, ms;

        /* Following the balloon, as playback does. */
        ovf_track_locate (track, t, &fix);
        ovf_geo_to_mercator (fix.lat, fix.lon, &view.center_x, &view.center_y);
        ovf_overlay_set_time (overlay, t);

        cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
        cairo_paint (cr);
        cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
        t0 = thread_cpu_ms ();
        ovf_overlay_draw (overlay, cr, &view);
        cairo_surface_flush (surface);
        ms = thread_cpu_ms () - t0;
        cairo_destroy (cr);
        /* The first frame at each zoom builds that level of detail. */
        if (i > 0)
          g_array_append_val (frames, ms);
      }

  g_print ("overlay draw 1280x800 (CPU time), %s, %s: p50 %.2f ms, p95 %.2f ms, max %.2f ms over %u frames"
           " (preparing the track %.0f ms); peak RSS so far %.0f MiB\n",
           label, decorations ? "everything, with the built-in map's labels" : "without place and marker labels",
           ovf_bench_percentile (frames, 0.5), ovf_bench_percentile (frames, 0.95),
           ovf_bench_percentile (frames, 1.0), frames->len, prepare_ms, peak_rss_mib ());
  cairo_surface_destroy (surface);
}

static void
bench_export_events (const char *overflight,
                     const char *dir)
{
  g_autofree char *out = g_build_filename (dir, "events", NULL);
  const char *argv[] = { overflight, "--export-events", out, NULL };
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_print ("--export-events over the bundled dataset (1920x1080 PNG each): %.0f ms\n",
           (g_get_monotonic_time () - start) / 1000.0);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(OvfDataset) bundled = NULL;
  g_autoptr(OvfDataset) million = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ovf-bench-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_cmpint (argc, ==, 2);
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");

  bundled = load_bundled ();
  if (g_getenv ("OVF_BENCH_OVERLAY_ONLY") == NULL)
    {
      bench_export (bundled, dir, 1920, 1080);
      bench_export (bundled, dir, 3840, 2160);
    }
  bench_overlay (bundled, "bundled dataset", TRUE);
  bench_overlay (bundled, "bundled dataset", FALSE);

  million = ovf_test_flight_dataset (N_POINTS);
  bench_overlay (million, "1,000,000-point track", TRUE);

  if (g_getenv ("OVF_BENCH_OVERLAY_ONLY") == NULL)
    bench_export_events (argv[1], dir);

  test_remove_tree (dir);
  return 0;
}
