/* test-labels.c: one label placement for the story and the built-in map,
 * in views and exports: no label covers another, none is cut by an edge,
 * none lies under a marker or a panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "map-test-util.h"
#include "ovf-exporter.h"
#include "ovf-geo.h"
#include "ovf-label-placer.h"
#include "ovf-overlay.h"
#include "ovf-bundled.h"

static OvfBasemap *basemap;

static gboolean
boxes_meet (double x0, double y0, double w0, double h0,
            double x1, double y1, double w1, double h1)
{
  return x0 < x1 + w1 && x1 < x0 + w0 && y0 < y1 + h1 && y1 < y0 + h0;
}

/* No two labels meet and each lies wholly inside the view; returns how
 * many came from the built-in map. */
static guint
assert_labels_sound (GArray     *labels,
                     double      width,
                     double      height,
                     const char *where)
{
  guint from_basemap = 0;

  for (guint i = 0; i < labels->len; i++)
    {
      const OvfPlacedLabel *a = &g_array_index (labels, OvfPlacedLabel, i);

      if (a->x < 0 || a->y < 0 || a->x + a->width > width || a->y + a->height > height)
        g_error ("%s: “%s” at %.1f,%.1f %.1f×%.1f crosses the edge of the %.0f×%.0f view", where, a->text,
                 a->x, a->y, a->width, a->height, width, height);
      for (guint j = i + 1; j < labels->len; j++)
        {
          const OvfPlacedLabel *b = &g_array_index (labels, OvfPlacedLabel, j);

          if (boxes_meet (a->x, a->y, a->width, a->height, b->x, b->y, b->width, b->height))
            g_error ("%s: “%s” and “%s” overlap", where, a->text, b->text);
        }
      from_basemap += a->source == OVF_LABEL_BASEMAP;
    }
  return from_basemap;
}

static const OvfPlacedLabel *
find_placed (GArray     *labels,
             const char *text)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (g_array_index (labels, OvfPlacedLabel, i).text, text) == 0)
      return &g_array_index (labels, OvfPlacedLabel, i);
  return NULL;
}

static void
draw (OvfOverlay       *overlay,
      const OvfMapView *view)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) view->width,
                                                         (int) view->height);
  cairo_t *cr = cairo_create (surface);

  ovf_overlay_draw (overlay, cr, view);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The placer itself: a box is taken only inside the view and off what is
 * there; the first free one of several wins. */
static void
test_placer_rules (void)
{
  g_autoptr(OvfLabelPlacer) placer = ovf_label_placer_new ();
  cairo_rectangle_t dot = { 95, 45, 10, 10 };
  cairo_rectangle_t spots[] = {
    { 100, 40, 60, 20 },   /* over the dot */
    { 290, 40, 60, 20 },   /* across the right edge */
    { 20, 40, 60, 20 },    /* free */
  };
  cairo_rectangle_t again = { 50, 50, 20, 20 };

  ovf_label_placer_begin (placer, 300, 200);
  ovf_label_placer_add_obstacle (placer, &dot);
  g_assert_false (ovf_label_placer_is_free (placer, &spots[0]));
  g_assert_false (ovf_label_placer_is_free (placer, &spots[1]));
  g_assert_true (ovf_label_placer_is_free (placer, &spots[2]));
  g_assert_cmpint (ovf_label_placer_place (placer, spots, G_N_ELEMENTS (spots), OVF_LABEL_PLACE, "A"), ==, 2);
  /* The label now taken is an obstacle in turn. */
  g_assert_cmpint (ovf_label_placer_place (placer, &again, 1, OVF_LABEL_PLACE, "B"), ==, -1);
  g_assert_cmpuint (ovf_label_placer_get_placed (placer)->len, ==, 1);

  /* A new frame starts empty, at its own size. */
  ovf_label_placer_begin (placer, 1000, 200);
  g_assert_true (ovf_label_placer_is_free (placer, &spots[0]));
  g_assert_true (ovf_label_placer_is_free (placer, &spots[1]));
  g_assert_cmpuint (ovf_label_placer_get_placed (placer)->len, ==, 0);
}

/* Over the flight's region at every zoom, and around the world at low
 * zooms: the basemap's labels never overlap or cross the view's edge. */
static void
test_basemap_labels_sound (void)
{
  g_autoptr(OvfLabelPlacer) placer = ovf_label_placer_new ();
  static const double zooms[] = { 0, 1.5, 2.5, 3, 4.3, 5, 6.7, 8, 10, 12 };
  static const double centres[][2] = {
    { 40.7, -74.0 }, { 38.5, -95.0 }, { 45.8, -108.5 }, { 33.6, -78.8 }, { 61.2, -150.0 }, { 0, 179.9 },
  };
  guint placed = 0;

  ovf_label_placer_set_basemap (placer, basemap);
  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    for (guint c = 0; c < G_N_ELEMENTS (centres); c++)
      {
        OvfMapView view = map_test_view_at (centres[c][0], centres[c][1], zooms[z], 1280, 800);
        g_autofree char *where = g_strdup_printf ("zoom %g at %g,%g", zooms[z], centres[c][0], centres[c][1]);

        ovf_label_placer_begin (placer, view.width, view.height);
        ovf_label_placer_place_basemap (placer, view.center_x, view.center_y, view.zoom,
                                        ovf_map_view_world_size (&view));
        placed += assert_labels_sound (ovf_label_placer_get_placed (placer), view.width, view.height, where);
      }
  g_assert_cmpuint (placed, >, 500);

  /* New York City's name is kept whole at the right edge: moved to the
   * left of its dot, or left out. */
  {
    OvfMapView view = map_test_view_at (40.71, -80.0, 5, 1280, 800);
    double x, y;
    const OvfPlacedLabel *nyc;

    ovf_map_view_project (&view, 40.71, -74.01, &x, &y);
    view.center_x += (x - (view.width - 12)) / ovf_map_view_world_size (&view);
    ovf_label_placer_begin (placer, view.width, view.height);
    ovf_label_placer_place_basemap (placer, view.center_x, view.center_y, view.zoom,
                                    ovf_map_view_world_size (&view));
    assert_labels_sound (ovf_label_placer_get_placed (placer), view.width, view.height, "New York");
    nyc = find_placed (ovf_label_placer_get_placed (placer), "New York City");
    if (nyc != NULL)
      g_assert_cmpfloat (nyc->x + nyc->width, <=, view.width - 12 + 5);
  }
}

/* The label of a city in an empty view, then with a story marker on the
 * city: the label moves off the marker or is left out. */
static void
test_basemap_label_under_marker (void)
{
  const double lat = 39.10, lon = -94.58;   /* Kansas City */
  g_autoptr(OvfDataset) dataset = map_test_dataset (30, -120, 30, -119, "reported", lat, lon);
  g_autoptr(OvfOverlay) overlay = ovf_overlay_new ();
  OvfMapView view = map_test_view_at (lat, lon, 7, 800, 500);
  const OvfPlacedLabel *before, *after;
  cairo_rectangle_t city;
  double x, y;

  ovf_overlay_set_basemap (overlay, basemap);
  ovf_overlay_set_time (overlay, map_test_end ());
  ovf_map_view_project (&view, lat, lon, &x, &y);

  /* Without the event, the city's name is right of its dot. */
  {
    g_autoptr(OvfDataset) empty = map_test_dataset (30, -120, 30, -119, "reported", 30, -120);

    ovf_overlay_set_dataset (overlay, empty);
    draw (overlay, &view);
    before = find_placed (ovf_overlay_get_placed_labels (overlay), "Kansas City");
    g_assert_nonnull (before);
    g_assert_true (boxes_meet (before->x, before->y, before->width, before->height, x + 5, y - 1, 2, 2));
    city = (cairo_rectangle_t) { before->x, before->y, before->width, before->height };
  }

  ovf_overlay_set_dataset (overlay, dataset);
  draw (overlay, &view);
  assert_labels_sound (ovf_overlay_get_placed_labels (overlay), view.width, view.height, "Kansas City");
  after = find_placed (ovf_overlay_get_placed_labels (overlay), "Kansas City");
  if (after != NULL)
    {
      g_assert_false (boxes_meet (after->x, after->y, after->width, after->height, x - 6, y - 6, 12, 12));
      g_assert_false (after->x == city.x && after->y == city.y);
    }
}

/* Boxes reserved for the window's legend and buttons stay free of every
 * label, the story's and the map's. */
static void
test_reserved_kept_free (void)
{
  g_autoptr(OvfDataset) dataset = map_test_dataset_with_places (2);
  g_autoptr(OvfOverlay) overlay = ovf_overlay_new ();
  OvfMapView view = map_test_view_at (40, -100, 5, 1000, 600);
  cairo_rectangle_t legend = { 12, 12, 170, 160 };
  cairo_rectangle_t place_area;
  GArray *labels;
  guint without;
  double x, y;

  ovf_overlay_set_basemap (overlay, basemap);
  ovf_overlay_set_dataset (overlay, dataset);
  draw (overlay, &view);
  labels = ovf_overlay_get_placed_labels (overlay);
  without = labels->len;
  g_assert_nonnull (find_placed (labels, "Place number 0"));

  /* A panel over the top left, and one right over the places' labels. */
  ovf_map_view_project (&view, 40, -100, &x, &y);
  place_area = (cairo_rectangle_t) { x - 300, y - 20, 600, 40 };
  ovf_overlay_set_reserved (overlay, (cairo_rectangle_t[]) { legend, place_area }, 2);
  draw (overlay, &view);
  labels = ovf_overlay_get_placed_labels (overlay);
  assert_labels_sound (labels, view.width, view.height, "reserved");
  g_assert_null (find_placed (labels, "Place number 0"));
  g_assert_cmpuint (labels->len, <, without);
  for (guint i = 0; i < labels->len; i++)
    {
      const OvfPlacedLabel *l = &g_array_index (labels, OvfPlacedLabel, i);

      g_assert_false (boxes_meet (l->x, l->y, l->width, l->height,
                                  legend.x, legend.y, legend.width, legend.height));
      g_assert_false (boxes_meet (l->x, l->y, l->width, l->height,
                                  place_area.x, place_area.y, place_area.width, place_area.height));
    }
}

/* The balloon's label stays inside the view: at the right edge it goes
 * left of the marker, at the bottom edge above it. */
static void
test_marker_label_inside (void)
{
  g_autoptr(OvfDataset) dataset = map_test_dataset (30, -110, 30, -90, "reported", 0, 0);
  g_autoptr(OvfOverlay) overlay = ovf_overlay_new ();
  OvfTime mid = (map_test_start () + map_test_end ()) / 2;
  static const double offsets[][2] = { { 390, 0 }, { 0, 240 }, { 390, 240 }, { -390, -240 } };

  ovf_overlay_set_dataset (overlay, dataset);
  ovf_overlay_set_time (overlay, mid);
  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      OvfMapView view = map_test_view_at (30.5, -100, 6, 800, 500);
      double world = ovf_map_view_world_size (&view);
      const OvfPlacedLabel *marker = NULL;
      GArray *labels;

      /* The balloon, mid-way at about 30.4°N 100°W, is moved near an edge. */
      view.center_x -= offsets[i][0] / world;
      view.center_y -= offsets[i][1] / world;
      draw (overlay, &view);
      labels = ovf_overlay_get_placed_labels (overlay);
      assert_labels_sound (labels, view.width, view.height, "marker");
      for (guint j = 0; j < labels->len; j++)
        if (g_array_index (labels, OvfPlacedLabel, j).source == OVF_LABEL_MARKER)
          marker = &g_array_index (labels, OvfPlacedLabel, j);
      g_assert_nonnull (marker);
    }
}

/* A 1600×900 export of the bundled story on 3 February: labels from the
 * map and the story, none overlapping, cut or under a panel. */
static void
test_export_labels (void)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(OvfDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) labels = NULL;
  g_autoptr(GArray) panels = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2023, 2, 3, 20, 0, 0);
  static const double zooms[] = { 0, 5 };
  OvfExportOptions options;

  file = ovf_bundled_dataset_file ();
  dataset = ovf_dataset_load_from_file (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1600, 900);
      cairo_t *cr = cairo_create (surface);
      g_autofree char *where = NULL;

      ovf_export_options_init (&options, dataset);
      options.width = 1600;
      options.height = 900;
      options.time = g_date_time_to_unix (when) * OVF_TIME_SECOND;
      ovf_export_options_fit (&options, dataset, FALSE);
      if (zooms[z] > 0)
        {
          ovf_geo_to_mercator (38.5, -95, &options.view.center_x, &options.view.center_y);
          options.view.zoom = zooms[z];
        }
      where = g_strdup_printf ("export at zoom %.2f", options.view.zoom);
      g_assert_true (ovf_exporter_draw_full (dataset, &options, cr, &labels, &panels, &error));
      g_assert_no_error (error);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);

      g_assert_cmpuint (assert_labels_sound (labels, 1600, 900, where), >, 10);
      g_assert_cmpuint (panels->len, ==, 4);
      for (guint i = 0; i < labels->len; i++)
        for (guint j = 0; j < panels->len; j++)
          {
            const OvfPlacedLabel *l = &g_array_index (labels, OvfPlacedLabel, i);
            const cairo_rectangle_t *p = &g_array_index (panels, cairo_rectangle_t, j);

            if (boxes_meet (l->x, l->y, l->width, l->height, p->x, p->y, p->width, p->height))
              g_error ("%s: “%s” is under a panel", where, l->text);
          }
      g_clear_pointer (&labels, g_array_unref);
      g_clear_pointer (&panels, g_array_unref);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  /* Nothing here may need a display. */
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  g_test_init (&argc, &argv, NULL);

  basemap = ovf_basemap_get_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/labels/placer-rules", test_placer_rules);
  g_test_add_func ("/labels/basemap-sound", test_basemap_labels_sound);
  g_test_add_func ("/labels/basemap-under-marker", test_basemap_label_under_marker);
  g_test_add_func ("/labels/reserved-kept-free", test_reserved_kept_free);
  g_test_add_func ("/labels/marker-label-inside", test_marker_label_inside);
  g_test_add_func ("/labels/export", test_export_labels);

  return g_test_run ();
}
