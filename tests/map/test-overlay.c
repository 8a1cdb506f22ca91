/* test-overlay.c: the drawing shared by the map and exports, checked pixel by pixel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "map-test-util.h"
#include "ovf-geo.h"
#include "ovf-legend.h"
#include "ovf-overlay.h"
#include "ovf-test-dataset.h"

/* The light palette's path colour, as ovf-overlay.c draws it. */
static const double path_rgb[3] = { 0.878, 0.106, 0.141 };

static cairo_surface_t *
draw (OvfOverlay       *overlay,
      const OvfMapView *view)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) view->width, (int) view->height);
  cairo_t *cr = cairo_create (surface);

  ovf_overlay_draw (overlay, cr, view);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

static OvfOverlay *
overlay_for (OvfDataset *dataset,
             OvfTime     time)
{
  OvfOverlay *overlay = ovf_overlay_new ();

  ovf_overlay_set_dataset (overlay, dataset);
  ovf_overlay_set_time (overlay, time);
  ovf_overlay_set_show_marker_label (overlay, FALSE);
  return overlay;
}

/* The alpha of the strongest path-coloured pixel within 2 px of (x, y). */
static double
path_alpha_near (cairo_surface_t *surface,
                 double           x,
                 double           y)
{
  double best = 0;

  for (int dy = -2; dy <= 2; dy++)
    for (int dx = -2; dx <= 2; dx++)
      {
        double p[4];

        map_test_pixel (surface, (int) x + dx, (int) y + dy, p);
        if (fabs (p[0] - path_rgb[0]) < 0.15 && fabs (p[1] - path_rgb[1]) < 0.15 &&
            fabs (p[2] - path_rgb[2]) < 0.15)
          best = MAX (best, p[3]);
      }
  return best;
}

static void
test_overlay_flown_and_future (void)
{
  g_autoptr(OvfDataset) dataset = map_test_dataset (30, -110, 30, -90, "reported", 0, 0);
  OvfTime mid = (map_test_start () + map_test_end ()) / 2;
  g_autoptr(OvfOverlay) overlay = overlay_for (dataset, mid);
  OvfMapView view = map_test_view_at (31, -100, 4, 800, 500);
  cairo_surface_t *surface = draw (overlay, &view);
  double lat, lon, x, y, flown, future, empty;

  /* A quarter of the way: flown; three quarters: still to come. */
  map_test_slerp (30, -110, 30, -90, 0.25, &lat, &lon);
  map_test_project (&view, lat, lon, &x, &y);
  flown = path_alpha_near (surface, x, y);
  map_test_slerp (30, -110, 30, -90, 0.75, &lat, &lon);
  map_test_project (&view, lat, lon, &x, &y);
  future = path_alpha_near (surface, x, y);
  /* Far from the path nothing is drawn. */
  map_test_project (&view, 20, -100, &x, &y);
  empty = path_alpha_near (surface, x, y);

  g_assert_cmpfloat (flown, >, 0.95);
  g_assert_cmpfloat (future, >, 0.2);
  g_assert_cmpfloat (future, <, 0.7);
  g_assert_cmpfloat (empty, ==, 0.0);
  cairo_surface_destroy (surface);
}

static void
test_overlay_great_circle (void)
{
  /* A long east-west flight bulges poleward on a Mercator map. */
  g_autoptr(OvfDataset) dataset = map_test_dataset (45, -120, 45, -70, "reported", 0, 0);
  g_autoptr(OvfOverlay) overlay = overlay_for (dataset, map_test_end () + OVF_TIME_HOUR);
  OvfMapView view = map_test_view_at (48, -95, 3.5, 1000, 700);
  cairo_surface_t *surface = draw (overlay, &view);
  double lat, lon, x, y, chord_y;

  map_test_slerp (45, -120, 45, -70, 0.5, &lat, &lon);
  g_assert_cmpfloat (lat, >, 47.0);
  map_test_project (&view, lat, lon, &x, &y);
  g_assert_cmpfloat (path_alpha_near (surface, x, y), >, 0.95);

  /* The straight chord at 45° is left empty. */
  map_test_project (&view, 45, -95, &x, &chord_y);
  g_assert_cmpfloat (fabs (chord_y - y), >, 10);
  g_assert_cmpfloat (path_alpha_near (surface, x, chord_y), ==, 0.0);
  cairo_surface_destroy (surface);
}

static void
test_overlay_antimeridian (void)
{
  /* 170°E to 170°W: 20° across the seam, not 340° around the world. */
  g_autoptr(OvfDataset) dataset = map_test_dataset (50, 170, 50, -170, "reported", 0, 0);
  g_autoptr(OvfOverlay) overlay = overlay_for (dataset, map_test_end () + OVF_TIME_HOUR);
  OvfMapView view;

  /* With the view centred on either side of the seam. */
  for (int side = 0; side < 2; side++)
    {
      cairo_surface_t *surface;

      view = map_test_view_at (52, side == 0 ? 179.5 : -179.5, 4, 900, 500);
      surface = draw (overlay, &view);
      for (int i = 1; i < 10; i++)
        {
          double lat, lon, x, y;

          map_test_slerp (50, 170, 50, -170, i / 10.0, &lat, &lon);
          map_test_project (&view, lat, lon, &x, &y);
          g_assert_cmpfloat (x, >, 0);
          g_assert_cmpfloat (x, <, view.width);
          g_assert_cmpfloat (path_alpha_near (surface, x, y), >, 0.95);
        }
      cairo_surface_destroy (surface);
    }

  /* Nothing is drawn over the middle of the world, where a line the wrong
   * way round would run. */
  view = map_test_view_at (50, 0, 1, 1024, 400);
  {
    cairo_surface_t *surface = draw (overlay, &view);
    double x, y;

    map_test_project (&view, 50, 0, &x, &y);
    g_assert_cmpfloat (path_alpha_near (surface, x, y), ==, 0.0);
    cairo_surface_destroy (surface);
  }
}

static void
test_overlay_marker_position (void)
{
  g_autoptr(OvfDataset) dataset = map_test_dataset (35, -115, 42, -95, "reported", 0, 0);
  OvfTime start = map_test_start (), end = map_test_end ();

  for (int i = 0; i <= 4; i++)
    {
      double f = 0.1 + 0.2 * i;
      OvfTime t = start + (OvfTime) (f * (end - start));
      g_autoptr(OvfOverlay) overlay = overlay_for (dataset, t);
      OvfMapView view = map_test_view_at (39, -105, 4.5, 900, 600);
      cairo_surface_t *surface = draw (overlay, &view);
      double lat, lon, ex, ey, x, y;

      map_test_slerp (35, -115, 42, -95, f, &lat, &lon);
      map_test_project (&view, lat, lon, &ex, &ey);
      g_assert_true (map_test_find_disc (surface, ex, ey, 14, path_rgb, &x, &y));
      g_assert_cmpfloat (hypot (x - ex, y - ey), <=, 3.0);
      cairo_surface_destroy (surface);
    }
}

/* In flight the label gives time and altitude; outside the track it says
 * where the track starts or ends, never an altitude at the clock time. */
static void
test_overlay_marker_text (void)
{
  g_autoptr(OvfDataset) dataset = map_test_dataset (35, -115, 42, -95, "reported", 0, 0);
  OvfTime start = map_test_start (), end = map_test_end ();
  g_autoptr(OvfOverlay) overlay = overlay_for (dataset, start + (end - start) / 2);
  g_autoptr(OvfOverlay) empty = ovf_overlay_new ();
  g_autofree char *during = ovf_overlay_dup_marker_text (overlay);
  g_autofree char *after = NULL;
  g_autofree char *before = NULL;

  /* Halfway between 18,000 m and 19,000 m; the feet are grouped as the
   * locale groups thousands. */
  g_assert_true (g_str_has_prefix (during, "1 Feb 12:00 UTC\n18.5 km · 60"));
  g_assert_true (g_str_has_suffix (during, "700 ft"));

  ovf_overlay_set_time (overlay, end + 3 * OVF_TIME_HOUR);
  after = ovf_overlay_dup_marker_text (overlay);
  g_assert_cmpstr (after, ==, "Track ends\n2 Feb 00:00 UTC");

  ovf_overlay_set_time (overlay, start - OVF_TIME_HOUR);
  before = ovf_overlay_dup_marker_text (overlay);
  g_assert_cmpstr (before, ==, "Track starts\n1 Feb 00:00 UTC");

  g_assert_null (ovf_overlay_dup_marker_text (empty));
}

static void
test_overlay_estimated_dashed (void)
{
  g_autoptr(OvfDataset) dataset = map_test_dataset (30, -110, 30, -90, "estimated", 0, 0);
  g_autoptr(OvfOverlay) overlay = overlay_for (dataset, map_test_end () + OVF_TIME_HOUR);
  OvfMapView view = map_test_view_at (30, -100, 4, 800, 400);
  cairo_surface_t *surface = draw (overlay, &view);
  int on = 0, off = 0;

  /* Along the line, dashes and gaps alternate. */
  for (int i = 0; i < 200; i++)
    {
      double lat, lon, x, y, p[4];

      map_test_slerp (30, -110, 30, -90, 0.2 + 0.3 * i / 200.0, &lat, &lon);
      map_test_project (&view, lat, lon, &x, &y);
      map_test_pixel (surface, (int) x, (int) y, p);
      if (p[3] > 0.9 && fabs (p[0] - path_rgb[0]) < 0.15)
        on++;
      else if (p[3] < 0.1)
        off++;
    }
  g_assert_cmpint (on, >, 40);
  g_assert_cmpint (off, >, 40);
  cairo_surface_destroy (surface);
}

static void
test_overlay_pick_event (void)
{
  g_autoptr(OvfDataset) dataset = map_test_dataset (30, -110, 30, -90, "reported", 40, -100);
  g_autoptr(OvfOverlay) overlay = overlay_for (dataset, map_test_end ());
  OvfMapView view = map_test_view_at (38, -100, 5, 800, 600);
  OvfEvent *event;
  double x, y;

  map_test_project (&view, 40, -100, &x, &y);
  event = ovf_overlay_pick_event (overlay, &view, x + 3, y - 2);
  g_assert_nonnull (event);
  g_assert_cmpstr (ovf_event_get_id (event), ==, "ev");
  g_assert_null (ovf_overlay_pick_event (overlay, &view, x + 30, y));

  /* One world to the east, the same marker is still found. */
  view.center_x += 1.0;
  g_assert_nonnull (ovf_overlay_pick_event (overlay, &view, x, y));
}

static void
test_overlay_selected_event (void)
{
  g_autoptr(OvfDataset) dataset = map_test_dataset (30, -110, 30, -90, "reported", 40, -100);
  g_autoptr(OvfOverlay) overlay = overlay_for (dataset, map_test_end ());
  OvfMapView view = map_test_view_at (40, -100, 5, 200, 200);
  g_autoptr(OvfEvent) event = g_list_model_get_item (ovf_dataset_get_events (dataset), 0);
  cairo_surface_t *plain = draw (overlay, &view);
  cairo_surface_t *selected;
  double p[4];

  ovf_overlay_set_selected_event (overlay, event);
  selected = draw (overlay, &view);

  /* 9 px from the centre: outside the plain dot, inside the selection ring. */
  map_test_pixel (plain, 109, 100, p);
  g_assert_cmpfloat (p[3], <, 0.1);
  map_test_pixel (selected, 109, 100, p);
  g_assert_cmpfloat (p[3], >, 0.2);
  cairo_surface_destroy (plain);
  cairo_surface_destroy (selected);
}

/* Whether the two images match outside the place symbol at the centre,
 * which is drawn once per place. */
static gboolean
labels_equal (cairo_surface_t *a,
              cairo_surface_t *b)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double pa[4], pb[4];

        if (abs (x - width / 2) <= 7 && abs (y - height / 2) <= 7)
          continue;
        map_test_pixel (a, x, y, pa);
        map_test_pixel (b, x, y, pb);
        if (fabs (pa[3] - pb[3]) > 0.01)
          return FALSE;
      }
  return TRUE;
}

static guint
count_opaque (cairo_surface_t *image,
              int              x0,
              int              y0,
              int              x1,
              int              y1)
{
  guint n = 0;

  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        double p[4];

        map_test_pixel (image, x, y, p);
        n += p[3] > 0.5;
      }
  return n;
}

static void
test_overlay_place_labels (void)
{
  OvfMapView view = map_test_view_at (40, -100, 6, 600, 200);
  cairo_surface_t *images[4];

  for (guint n = 1; n <= 3; n++)
    {
      g_autoptr(OvfDataset) dataset = map_test_dataset_with_places (n);
      g_autoptr(OvfOverlay) overlay = overlay_for (dataset, 0);

      images[n] = draw (overlay, &view);
    }

  /* The second label goes to the left of the first; a third has no room
   * and is left out rather than drawn over them. */
  g_assert_false (labels_equal (images[1], images[2]));
  g_assert_true (labels_equal (images[2], images[3]));

  /* Below the labels' zoom, only the symbols are drawn. */
  {
    g_autoptr(OvfDataset) dataset = map_test_dataset_with_places (1);
    g_autoptr(OvfOverlay) overlay = overlay_for (dataset, 0);
    OvfMapView far = map_test_view_at (40, -100, 3, 600, 200);
    cairo_surface_t *image = draw (overlay, &far);

    g_assert_cmpuint (count_opaque (image, 310, 90, 500, 110), ==, 0);
    g_assert_cmpuint (count_opaque (images[1], 310, 90, 500, 110), >, 50);
    cairo_surface_destroy (image);
  }

  for (guint n = 1; n <= 3; n++)
    cairo_surface_destroy (images[n]);
}

static void
count_changed (OvfOverlay *overlay,
               int        *count)
{
  (*count)++;
}

static void
test_overlay_changed (void)
{
  g_autoptr(OvfDataset) dataset = map_test_dataset (30, -110, 30, -90, "reported", 40, -100);
  g_autoptr(OvfOverlay) overlay = ovf_overlay_new ();
  int count = 0;

  g_signal_connect (overlay, "changed", G_CALLBACK (count_changed), &count);
  ovf_overlay_set_dataset (overlay, dataset);
  g_assert_cmpint (count, ==, 1);
  ovf_overlay_set_time (overlay, map_test_start ());
  ovf_overlay_set_time (overlay, map_test_start ());
  g_assert_cmpint (count, ==, 2);
  ovf_overlay_set_dark (overlay, TRUE);
  ovf_overlay_set_show_places (overlay, FALSE);
  g_assert_cmpint (count, ==, 4);
}

static void
test_overlay_legend (void)
{
  g_autoptr(OvfDataset) dataset = map_test_dataset (30, -110, 30, -90, "reported", 40, -100);
  g_autoptr(OvfOverlay) overlay = overlay_for (dataset, map_test_end ());
  cairo_surface_t *light = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cairo_surface_t *dark = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cairo_t *cr;
  double w, h, w2, h2, pl[4], pd[4];

  ovf_overlay_draw_legend (overlay, NULL, 0, 0, &w, &h);
  g_assert_cmpfloat (w, >, 60);
  g_assert_cmpfloat (h, >, 5 * 18);

  cr = cairo_create (light);
  ovf_overlay_draw_legend (overlay, cr, 10, 10, &w2, &h2);
  cairo_destroy (cr);
  g_assert_cmpfloat (w2, ==, w);
  g_assert_cmpfloat (h2, ==, h);

  ovf_overlay_set_dark (overlay, TRUE);
  cr = cairo_create (dark);
  ovf_overlay_draw_legend (overlay, cr, 10, 10, NULL, NULL);
  cairo_destroy (cr);

  /* Inside the box, outside it, and the two palettes differ. */
  map_test_pixel (light, 14, (int) (10 + h - 4), pl);
  map_test_pixel (dark, 14, (int) (10 + h - 4), pd);
  g_assert_cmpfloat (pl[3], >, 0.8);
  g_assert_cmpfloat (pl[0], >, pd[0] + 0.5);
  map_test_pixel (light, (int) (10 + w + 5), 12, pl);
  g_assert_cmpfloat (pl[3], ==, 0.0);

  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
}

/* The exporter measures the legend without an overlay: the same box. */
static void
test_overlay_legend_alone (void)
{
  g_autoptr(OvfDataset) dataset = map_test_dataset (30, -110, 30, -90, "reported", 40, -100);
  g_autoptr(OvfOverlay) overlay = overlay_for (dataset, map_test_end ());
  double w, h, alone_w, alone_h, every_w, every_h;

  ovf_overlay_draw_legend (overlay, NULL, 0, 0, &w, &h);
  ovf_legend_measure (dataset, TRUE, &alone_w, &alone_h);
  g_assert_cmpfloat (alone_w, ==, w);
  g_assert_cmpfloat (alone_h, ==, h);

  /* Without a dataset every row shows, the places and areas this one
   * lacks too. */
  ovf_legend_measure (NULL, TRUE, &every_w, &every_h);
  g_assert_cmpfloat (every_h, >, h);
  g_assert_cmpfloat (every_w, >=, w);
}

/* The strongest alpha of a pixel within 2 px of (x, y) whose colour is
 * near @rgb. */
static double
color_alpha_near (cairo_surface_t *surface,
                  double           x,
                  double           y,
                  const double     rgb[3])
{
  double best = 0;

  for (int dy = -2; dy <= 2; dy++)
    for (int dx = -2; dx <= 2; dx++)
      {
        double p[4];

        map_test_pixel (surface, (int) x + dx, (int) y + dy, p);
        if (fabs (p[0] - rgb[0]) < 0.1 && fabs (p[1] - rgb[1]) < 0.1 && fabs (p[2] - rgb[2]) < 0.1)
          best = MAX (best, p[3]);
      }
  return best;
}

/* The main track "balloon" along 30°N, a second one along 36°N. */
static OvfDataset *
two_tracks_dataset (void)
{
  OvfTrack *tracks[2] = {
    ovf_test_track_new ("other", "Other balloon", 36, -110, 36, -90, 2),
    ovf_test_track_new ("balloon", "Main balloon", 30, -110, 30, -90, 2),
  };
  OvfDataset *dataset = ovf_dataset_new_for_tracks ("Two flights", tracks, 2);

  g_object_unref (tracks[0]);
  g_object_unref (tracks[1]);
  return dataset;
}

/* Each track in its own colour, the main one in the red of one-track
 * datasets even when it is not the first; in both styles. */
static void
test_overlay_track_colors (void)
{
  g_autoptr(OvfDataset) dataset = two_tracks_dataset ();
  OvfTime mid = (map_test_start () + map_test_end ()) / 2;
  g_autoptr(OvfOverlay) overlay = overlay_for (dataset, mid);
  OvfMapView view = map_test_view_at (33, -100, 4, 800, 500);

  g_assert_cmpuint (ovf_overlay_get_track_slot (dataset, 1), ==, 0);
  g_assert_cmpuint (ovf_overlay_get_track_slot (dataset, 0), ==, 1);

  for (int dark = 0; dark <= 1; dark++)
    {
      double main_rgba[4], other_rgba[4], lat, lon, x_main, y_main, x_other, y_other;
      cairo_surface_t *surface;

      ovf_overlay_set_dark (overlay, dark);
      surface = draw (overlay, &view);
      ovf_overlay_get_track_color (0, dark, main_rgba);
      ovf_overlay_get_track_color (1, dark, other_rgba);
      /* Far apart in colour, not only a shade. */
      g_assert_cmpfloat (fabs (main_rgba[0] - other_rgba[0]) + fabs (main_rgba[1] - other_rgba[1]) +
                         fabs (main_rgba[2] - other_rgba[2]), >, 0.6);
      if (!dark)
        g_assert_cmpfloat (fabs (main_rgba[0] - path_rgb[0]) + fabs (main_rgba[1] - path_rgb[1]) +
                           fabs (main_rgba[2] - path_rgb[2]), <, 0.01);

      map_test_slerp (30, -110, 30, -90, 0.25, &lat, &lon);
      map_test_project (&view, lat, lon, &x_main, &y_main);
      map_test_slerp (36, -110, 36, -90, 0.25, &lat, &lon);
      map_test_project (&view, lat, lon, &x_other, &y_other);
      g_assert_cmpfloat (color_alpha_near (surface, x_main, y_main, main_rgba), >, 0.9);
      g_assert_cmpfloat (color_alpha_near (surface, x_main, y_main, other_rgba), ==, 0.0);
      g_assert_cmpfloat (color_alpha_near (surface, x_other, y_other, other_rgba), >, 0.9);
      g_assert_cmpfloat (color_alpha_near (surface, x_other, y_other, main_rgba), ==, 0.0);
      cairo_surface_destroy (surface);
    }
}

/* A hidden track leaves no path nor marker; shown again, it is back. */
static void
test_overlay_hidden_track (void)
{
  g_autoptr(OvfDataset) dataset = two_tracks_dataset ();
  OvfTime mid = (map_test_start () + map_test_end ()) / 2;
  g_autoptr(OvfOverlay) overlay = overlay_for (dataset, mid);
  OvfTrack *other = ovf_dataset_get_track (dataset, "other");
  OvfMapView view = map_test_view_at (33, -100, 4, 800, 500);
  double other_rgba[4], lat, lon, x, y, mx, my, found_x, found_y;
  cairo_surface_t *surface;
  int changed = 0;

  ovf_overlay_get_track_color (1, FALSE, other_rgba);
  map_test_slerp (36, -110, 36, -90, 0.25, &lat, &lon);
  map_test_project (&view, lat, lon, &x, &y);
  map_test_slerp (36, -110, 36, -90, 0.5, &lat, &lon);
  map_test_project (&view, lat, lon, &mx, &my);

  g_signal_connect (overlay, "changed", G_CALLBACK (count_changed), &changed);
  ovf_overlay_set_track_visible (overlay, other, FALSE);
  ovf_overlay_set_track_visible (overlay, other, FALSE);
  g_assert_cmpint (changed, ==, 1);
  g_assert_false (ovf_overlay_get_track_visible (overlay, other));
  surface = draw (overlay, &view);
  g_assert_cmpfloat (color_alpha_near (surface, x, y, other_rgba), ==, 0.0);
  g_assert_false (map_test_find_disc (surface, mx, my, 14, other_rgba, &found_x, &found_y));
  /* The main track is still drawn. */
  map_test_slerp (30, -110, 30, -90, 0.25, &lat, &lon);
  map_test_project (&view, lat, lon, &found_x, &found_y);
  g_assert_cmpfloat (path_alpha_near (surface, found_x, found_y), >, 0.9);
  cairo_surface_destroy (surface);

  ovf_overlay_set_track_visible (overlay, other, TRUE);
  surface = draw (overlay, &view);
  g_assert_cmpfloat (color_alpha_near (surface, x, y, other_rgba), >, 0.9);
  g_assert_true (map_test_find_disc (surface, mx, my, 14, other_rgba, &found_x, &found_y));
  cairo_surface_destroy (surface);
}

/* Before its first point another track shows no marker: it was not seen
 * there yet. The followed track keeps its marker, whose label says the
 * track starts later. */
static void
test_overlay_track_before_start (void)
{
  g_autoptr(OvfDataset) dataset = two_tracks_dataset ();
  g_autoptr(OvfOverlay) overlay = overlay_for (dataset, map_test_start () - OVF_TIME_HOUR);
  OvfMapView view = map_test_view_at (33, -100, 4, 800, 500);
  double other_rgba[4], main_rgba[4], x, y, found_x, found_y;
  cairo_surface_t *surface;

  ovf_overlay_get_track_color (1, FALSE, other_rgba);
  ovf_overlay_get_track_color (0, FALSE, main_rgba);
  surface = draw (overlay, &view);
  map_test_project (&view, 36, -110, &x, &y);
  g_assert_false (map_test_find_disc (surface, x, y, 14, other_rgba, &found_x, &found_y));
  map_test_project (&view, 30, -110, &x, &y);
  g_assert_true (map_test_find_disc (surface, x, y, 14, main_rgba, &found_x, &found_y));
  cairo_surface_destroy (surface);

  /* In flight, it is there. */
  ovf_overlay_set_time (overlay, (map_test_start () + map_test_end ()) / 2);
  surface = draw (overlay, &view);
  map_test_project (&view, 36, -100, &x, &y);
  g_assert_true (map_test_find_disc (surface, x, y, 14, other_rgba, &found_x, &found_y));
  cairo_surface_destroy (surface);
}

/* With several tracks each marker is named, through the label placer; the
 * followed one's panel carries its name over the time and altitude. */
static void
test_overlay_track_names (void)
{
  g_autoptr(OvfDataset) dataset = two_tracks_dataset ();
  OvfTime mid = (map_test_start () + map_test_end ()) / 2;
  g_autoptr(OvfOverlay) overlay = overlay_for (dataset, mid);
  OvfMapView view = map_test_view_at (33, -100, 4, 800, 500);
  const char *named = NULL, *panel = NULL;
  cairo_surface_t *surface;
  GArray *labels;

  ovf_overlay_set_show_marker_label (overlay, TRUE);
  ovf_overlay_set_followed_track (overlay, ovf_dataset_get_track (dataset, "other"));
  surface = draw (overlay, &view);
  labels = ovf_overlay_get_placed_labels (overlay);
  for (guint i = 0; i < labels->len; i++)
    {
      const OvfPlacedLabel *l = &g_array_index (labels, OvfPlacedLabel, i);

      if (l->source == OVF_LABEL_TRACK)
        named = l->text;
      else if (l->source == OVF_LABEL_MARKER)
        panel = l->text;
    }
  g_assert_cmpstr (named, ==, "Main balloon");
  g_assert_nonnull (panel);
  g_assert_true (g_str_has_prefix (panel, "Other balloon\n"));
  cairo_surface_destroy (surface);
}

/* The legend names each track instead of one "Balloon now" row. */
static void
test_overlay_legend_tracks (void)
{
  g_autoptr(OvfDataset) one = map_test_dataset (30, -110, 30, -90, "reported", 40, -100);
  g_autoptr(OvfDataset) two = two_tracks_dataset ();
  g_autoptr(OvfDataset) three = ovf_test_tracks_dataset (3, 2);
  g_autoptr(OvfDataset) many = ovf_test_tracks_dataset (20, 2);
  double w1, h1, w2, h2, w3, h3, wm, hm, row;

  ovf_legend_measure (one, FALSE, &w1, &h1);
  ovf_legend_measure (two, FALSE, &w2, &h2);
  ovf_legend_measure (three, FALSE, &w3, &h3);
  ovf_legend_measure (many, FALSE, &wm, &hm);
  row = h3 - h2;
  g_assert_cmpfloat (row, >, 10);
  /* Two tracks without events: the event row gives way to a second track. */
  g_assert_cmpfloat (h2, ==, h1);
  g_assert_cmpfloat (w2, >, w1 - 40);
  /* Eight tracks by name and a line for the rest. */
  g_assert_cmpfloat (hm, ==, h2 + 7 * row);
  g_assert_cmpfloat (wm, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* Nothing here may need a display. */
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/overlay/flown-and-future", test_overlay_flown_and_future);
  g_test_add_func ("/overlay/great-circle", test_overlay_great_circle);
  g_test_add_func ("/overlay/antimeridian", test_overlay_antimeridian);
  g_test_add_func ("/overlay/marker-position", test_overlay_marker_position);
  g_test_add_func ("/overlay/marker-text", test_overlay_marker_text);
  g_test_add_func ("/overlay/estimated-dashed", test_overlay_estimated_dashed);
  g_test_add_func ("/overlay/pick-event", test_overlay_pick_event);
  g_test_add_func ("/overlay/selected-event", test_overlay_selected_event);
  g_test_add_func ("/overlay/place-labels", test_overlay_place_labels);
  g_test_add_func ("/overlay/changed", test_overlay_changed);
  g_test_add_func ("/overlay/legend", test_overlay_legend);
  g_test_add_func ("/overlay/legend-alone", test_overlay_legend_alone);
  g_test_add_func ("/overlay/track-colors", test_overlay_track_colors);
  g_test_add_func ("/overlay/hidden-track", test_overlay_hidden_track);
  g_test_add_func ("/overlay/track-names", test_overlay_track_names);
  g_test_add_func ("/overlay/track-before-start", test_overlay_track_before_start);
  g_test_add_func ("/overlay/legend-tracks", test_overlay_legend_tracks);

  return g_test_run ();
}
