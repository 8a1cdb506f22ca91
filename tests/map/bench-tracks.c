/* bench-tracks.c: the overlay's frame time with many tracks on one timeline
 *
 * 200 generated flights of 5,000 points each, drawn at 1280×800 as the
 * map draws a frame while following the main one: every path in its
 * colour, every marker, and each marker's name through the label placer.
 * The goal is the one track's: a p95 under 4 ms of CPU time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bench-util.h"
#include "ovf-geo.h"
#include "ovf-overlay.h"
#include "ovf-test-dataset.h"

#define N_TRACKS 200
#define N_POINTS 5000

static void
bench (OvfDataset *dataset,
       gboolean    labels)
{
  g_autoptr(OvfOverlay) overlay = ovf_overlay_new ();
  OvfTrack *track = ovf_dataset_get_main_track (dataset);
  OvfTime start = ovf_track_get_start_time (track), end = ovf_track_get_end_time (track);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
  static const double zooms[] = { 2, 3.5, 5, 7 };
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 prepare = ovf_bench_cpu_ns (CLOCK_THREAD_CPUTIME_ID);
  double prepare_ms;

  ovf_overlay_set_show_marker_label (overlay, labels);
  ovf_overlay_set_dataset (overlay, dataset);
  prepare_ms = (ovf_bench_cpu_ns (CLOCK_THREAD_CPUTIME_ID) - prepare) / 1e6;

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    for (int i = 0; i < 60; i++)
      {
        OvfTime t = start + (end - start) * i / 60;
        OvfMapView view = { .zoom = zooms[z], .width = 1280, .height = 800, .tile_size = 256 };
        cairo_t *cr = cairo_create (surface);
        OvfTrackFix fix;
        gint64 t0;
        double ms;

        /* Following the main balloon, as playback does. */
        ovf_track_locate (track, t, &fix);
        ovf_geo_to_mercator (fix.lat, fix.lon, &view.center_x, &view.center_y);
        ovf_overlay_set_time (overlay, t);

        cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
        cairo_paint (cr);
        cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
        t0 = ovf_bench_cpu_ns (CLOCK_THREAD_CPUTIME_ID);
        ovf_overlay_draw (overlay, cr, &view);
        cairo_surface_flush (surface);
        ms = (ovf_bench_cpu_ns (CLOCK_THREAD_CPUTIME_ID) - t0) / 1e6;
        cairo_destroy (cr);
        /* The first frame at each zoom builds that level of detail. */
        if (i > 0)
          g_array_append_val (frames, ms);
      }

  g_print ("overlay draw 1280x800 (CPU time), %u tracks of %u points, %s: p50 %.2f ms, p95 %.2f ms,"
           " max %.2f ms over %u frames (preparing the tracks %.0f ms)\n",
           N_TRACKS, N_POINTS, labels ? "with marker labels and names" : "without labels",
           ovf_bench_percentile (frames, 0.5), ovf_bench_percentile (frames, 0.95),
           ovf_bench_percentile (frames, 1.0), frames->len, prepare_ms);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(OvfDataset) dataset = ovf_test_tracks_dataset (N_TRACKS, N_POINTS);

  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  bench (dataset, TRUE);
  bench (dataset, FALSE);
  return 0;
}
