/* test-overlay-cache.c: the overlay's speed-ups must not change what it draws
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "map-test-util.h"
#include "ovf-overlay.h"
#include "ovf-bundled.h"
/* The long track is built in memory, as in the benchmarks. */
#include "ovf-test-dataset.h"

#define LONG_TRACK_POINTS 60000

/* Draws into an image of @scale pixels per logical pixel: through the
 * image itself, where markers are stamped from cached sprites, or through
 * a recording surface replayed onto it, where they are drawn as paths. */
static cairo_surface_t *
draw (OvfOverlay       *overlay,
      const OvfMapView *view,
      double            scale,
      gboolean          as_paths)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) (view->width * scale),
                                                       (int) (view->height * scale));
  cairo_t *cr;

  cairo_surface_set_device_scale (image, scale, scale);
  cr = cairo_create (image);
  if (as_paths)
    {
      cairo_surface_t *recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
      cairo_t *rcr = cairo_create (recording);

      ovf_overlay_draw (overlay, rcr, view);
      g_assert_cmpint (cairo_status (rcr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (rcr);
      cairo_set_source_surface (cr, recording, 0, 0);
      cairo_paint (cr);
      cairo_surface_destroy (recording);
    }
  else
    {
      ovf_overlay_draw (overlay, cr, view);
    }
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (image);
  return image;
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

/* Stamped markers sit where drawn ones do, within an eighth of a pixel:
 * only their anti-aliased rims may differ, and only a little; a marker
 * a pixel off would differ along its whole rim. */
static void
test_stamped_markers (void)
{
  g_autoptr(OvfDataset) dataset = load_bundled ();
  g_autoptr(OvfOverlay) overlay = ovf_overlay_new ();
  static const double scales[] = { 1.0, 2.0 };
  OvfTime start, end;

  ovf_dataset_get_time_span (dataset, &start, &end);
  ovf_overlay_set_dataset (overlay, dataset);
  ovf_overlay_set_time (overlay, start + (end - start) / 2);
  ovf_overlay_set_show_marker_label (overlay, FALSE);
  ovf_overlay_set_selected_event (overlay, g_list_model_get_item (ovf_dataset_get_events (dataset), 3));
  g_object_unref (ovf_overlay_get_selected_event (overlay));

  for (guint dark = 0; dark < 2; dark++)
    for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
      {
        /* Zoom 0 repeats the world, and with it every marker; below the
         * zoom where place labels appear, which are text, not markers. */
        OvfMapView views[] = {
          map_test_view_at (45, -150, 0.0, 900, 500),
          map_test_view_at (42, -100, 3.3, 900, 500),
        };

        ovf_overlay_set_dark (overlay, dark);
        for (guint v = 0; v < G_N_ELEMENTS (views); v++)
          {
            cairo_surface_t *stamped = draw (overlay, &views[v], scales[s], FALSE);
            cairo_surface_t *drawn = draw (overlay, &views[v], scales[s], TRUE);
            int w = cairo_image_surface_get_width (drawn), h = cairo_image_surface_get_height (drawn);
            guint inked = 0, far = 0;
            double total = 0;

            for (int y = 0; y < h; y++)
              for (int x = 0; x < w; x++)
                {
                  double a[4], b[4], d = 0;

                  map_test_pixel (stamped, x, y, a);
                  map_test_pixel (drawn, x, y, b);
                  for (int c = 0; c < 4; c++)
                    d = MAX (d, fabs (a[c] * a[3] - b[c] * b[3]));
                  inked += b[3] > 0.5;
                  far += d > 0.25;
                  total += d;
                }

            g_test_message ("scale %g, view %u, dark %u: %u inked pixels, %u far apart, mean difference %g",
                            scales[s], v, dark, inked, far, total / (w * h));
            g_assert_cmpuint (inked, >, 2000);
            g_assert_cmpuint (far, <=, inked / 200);
            g_assert_cmpfloat (total / (w * h), <, 0.002);
            cairo_surface_destroy (stamped);
            cairo_surface_destroy (drawn);
          }
      }
}

/* A track along the 40th parallel from 120°W to 80°W over a day. */
static OvfDataset *
long_track_dataset (void)
{
  OvfTrackPoint *points = g_new0 (OvfTrackPoint, LONG_TRACK_POINTS);

  for (guint i = 0; i < LONG_TRACK_POINTS; i++)
    {
      double f = (double) i / (LONG_TRACK_POINTS - 1);
      OvfTrackPoint *p = &points[i];

      p->time = map_test_start () + (OvfTime) (f * (map_test_end () - map_test_start ()));
      p->lat = 40.0;
      p->lon = -120.0 + 40.0 * f;
      p->alt_m = 18000;
      p->kind = OVF_POINT_REPORTED;
    }

  return ovf_test_dataset_new ("A long track", points, LONG_TRACK_POINTS);
}

/* The opacity of the overlay at the view's centre. */
static double
centre_alpha (OvfOverlay       *overlay,
              const OvfMapView *view)
{
  cairo_surface_t *image = draw (overlay, view, 1.0, FALSE);
  double p[4];

  map_test_pixel (image, (int) (view->width / 2), (int) (view->height / 2), p);
  cairo_surface_destroy (image);
  return p[3];
}

static void
count_changes (OvfOverlay *overlay,
               guint      *n_changes)
{
  (*n_changes)++;
}

static void
wait_until_prepared (OvfOverlay *overlay)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (ovf_overlay_is_preparing (overlay) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (ovf_overlay_is_preparing (overlay));
}

/* On the map, a long track is prepared in a thread: setting it returns at
 * once, the path appears when ready and the map is told to redraw. */
static void
test_background_preparation (void)
{
  g_autoptr(OvfDataset) dataset = long_track_dataset ();
  g_autoptr(OvfOverlay) overlay = ovf_overlay_new ();
  OvfMapView view = map_test_view_at (40, -100, 4, 600, 400);
  guint n_changes = 0;

  ovf_overlay_set_prepare_in_background (overlay, TRUE);
  ovf_overlay_set_time (overlay, map_test_end ());
  g_signal_connect (overlay, "changed", G_CALLBACK (count_changes), &n_changes);

  ovf_overlay_set_dataset (overlay, dataset);
  g_assert_true (ovf_overlay_is_preparing (overlay));
  g_assert_cmpfloat (centre_alpha (overlay, &view), ==, 0.0);

  n_changes = 0;
  wait_until_prepared (overlay);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpfloat (centre_alpha (overlay, &view), >, 0.8);
}

/* A dataset replaced while its track is prepared never shows up. */
static void
test_background_replaced (void)
{
  g_autoptr(OvfDataset) long_track = long_track_dataset ();
  g_autoptr(OvfDataset) other = map_test_dataset (30, -110, 30, -90, "reported", 30, -100);
  g_autoptr(OvfOverlay) overlay = ovf_overlay_new ();
  OvfMapView view = map_test_view_at (40, -100, 4, 600, 400);
  gint64 until;

  ovf_overlay_set_prepare_in_background (overlay, TRUE);
  ovf_overlay_set_time (overlay, map_test_end ());
  ovf_overlay_set_dataset (overlay, long_track);
  ovf_overlay_set_dataset (overlay, other);
  /* Short tracks are prepared at once, even on the map. */
  g_assert_false (ovf_overlay_is_preparing (overlay));

  /* Long enough for the abandoned thread to finish and report. */
  until = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (ovf_overlay_get_dataset (overlay) == other);
  g_assert_cmpfloat (centre_alpha (overlay, &view), ==, 0.0);
}

/* Exports draw at once: without the map's request, nothing is deferred. */
static void
test_foreground_preparation (void)
{
  g_autoptr(OvfDataset) dataset = long_track_dataset ();
  g_autoptr(OvfOverlay) overlay = ovf_overlay_new ();
  OvfMapView view = map_test_view_at (40, -100, 4, 600, 400);

  ovf_overlay_set_time (overlay, map_test_end ());
  ovf_overlay_set_dataset (overlay, dataset);
  g_assert_false (ovf_overlay_is_preparing (overlay));
  g_assert_cmpfloat (centre_alpha (overlay, &view), >, 0.8);
}

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/overlay-cache/stamped-markers", test_stamped_markers);
  g_test_add_func ("/overlay-cache/background-preparation", test_background_preparation);
  g_test_add_func ("/overlay-cache/background-replaced", test_background_replaced);
  g_test_add_func ("/overlay-cache/foreground-preparation", test_foreground_preparation);

  return g_test_run ();
}
