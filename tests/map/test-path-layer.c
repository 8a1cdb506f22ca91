/* test-path-layer.c: the overlay as a map layer; needs a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "map-test-util.h"
#include "ovf-basemap-source.h"
#include "ovf-path-layer.h"

typedef struct
{
  GtkWindow    *window;
  ShumateMap   *map;
  OvfPathLayer *layer;
  OvfOverlay   *overlay;
  OvfDataset   *dataset;
} Fixture;

static void
wait_for_size (GtkWidget *widget)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (gtk_widget_get_width (widget) == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gtk_widget_get_width (widget), >, 0);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(OvfBasemapSource) source = ovf_basemap_source_new (FALSE);

  fixture->dataset = map_test_dataset (30, -110, 30, -90, "reported", 40, -100);
  fixture->overlay = ovf_overlay_new ();
  ovf_overlay_set_dataset (fixture->overlay, fixture->dataset);
  ovf_overlay_set_time (fixture->overlay, map_test_end ());

  fixture->map = shumate_map_new ();
  shumate_map_set_map_source (fixture->map, SHUMATE_MAP_SOURCE (source));
  fixture->layer = ovf_path_layer_new (shumate_map_get_viewport (fixture->map), fixture->overlay);
  shumate_map_add_layer (fixture->map, SHUMATE_LAYER (fixture->layer));

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 800, 600);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->map));
  gtk_window_present (fixture->window);
  wait_for_size (GTK_WIDGET (fixture->layer));

  shumate_viewport_set_zoom_level (shumate_map_get_viewport (fixture->map), 6);
  shumate_map_center_on (fixture->map, 40, -100);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  g_clear_object (&fixture->overlay);
  g_clear_object (&fixture->dataset);
}

static void
test_path_layer_map_view (Fixture       *fixture,
                          gconstpointer  data)
{
  OvfMapView view;
  double x, y;

  g_assert_true (ovf_path_layer_get_overlay (fixture->layer) == fixture->overlay);
  ovf_path_layer_get_map_view (fixture->layer, &view);
  g_assert_cmpfloat (view.width, ==, gtk_widget_get_width (GTK_WIDGET (fixture->layer)));
  g_assert_cmpfloat (view.height, ==, gtk_widget_get_height (GTK_WIDGET (fixture->layer)));
  g_assert_cmpfloat_with_epsilon (view.zoom, 6.0, 1e-9);
  g_assert_cmpfloat (view.tile_size, ==, 256);

  /* The map's own projection puts the centre where ours does. */
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (fixture->map),
                                              GTK_WIDGET (fixture->layer), 40, -100, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, view.width / 2, 0.5);
  g_assert_cmpfloat_with_epsilon (y, view.height / 2, 0.5);
}

static void
test_path_layer_clicks (Fixture       *fixture,
                        gconstpointer  data)
{
  GtkWidget *layer = GTK_WIDGET (fixture->layer);
  double cx = gtk_widget_get_width (layer) / 2.0, cy = gtk_widget_get_height (layer) / 2.0;
  GtkWidget *picked;

  /* The event marker at the centre takes clicks; elsewhere they reach
   * the map below, so it can still be dragged. */
  g_assert_true (gtk_widget_contains (layer, cx + 2, cy - 2));
  g_assert_false (gtk_widget_contains (layer, cx + 60, cy));

  picked = gtk_widget_pick (GTK_WIDGET (fixture->map), cx, cy, GTK_PICK_DEFAULT);
  g_assert_true (picked == layer);
  picked = gtk_widget_pick (GTK_WIDGET (fixture->map), cx + 60, cy, GTK_PICK_DEFAULT);
  g_assert_true (picked != layer);
}

/* With a session, the overlay shows its dataset, time and selection, and
 * a marker's click selects its event there. */
static void
test_path_layer_session (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(OvfSession) session = ovf_session_new ();
  g_autoptr(OvfEvent) event = g_list_model_get_item (ovf_dataset_get_events (fixture->dataset), 0);
  g_autoptr(OvfDataset) other = map_test_dataset (10, 10, 20, 20, "estimated", 15, 15);

  ovf_session_set_dataset (session, fixture->dataset);
  ovf_session_set_time (session, map_test_start ());
  ovf_path_layer_set_session (fixture->layer, session);
  g_assert_true (ovf_overlay_get_dataset (fixture->overlay) == fixture->dataset);
  g_assert_cmpint (ovf_overlay_get_time (fixture->overlay), ==, map_test_start ());
  g_assert_null (ovf_overlay_get_selected_event (fixture->overlay));

  g_signal_emit_by_name (fixture->layer, "event-activated", event);
  g_assert_true (ovf_session_get_selected_event (session) == event);
  g_assert_true (ovf_overlay_get_selected_event (fixture->overlay) == event);
  g_assert_cmpint (ovf_overlay_get_time (fixture->overlay), ==, ovf_event_get_time (event));

  ovf_session_set_dataset (session, other);
  g_assert_true (ovf_overlay_get_dataset (fixture->overlay) == other);
  g_assert_null (ovf_overlay_get_selected_event (fixture->overlay));

  /* Let go of, the session no longer drives the overlay. */
  ovf_path_layer_set_session (fixture->layer, NULL);
  ovf_session_set_dataset (session, fixture->dataset);
  g_assert_true (ovf_overlay_get_dataset (fixture->overlay) == other);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/path-layer/map-view", Fixture, NULL, fixture_set_up, test_path_layer_map_view, fixture_tear_down);
  g_test_add ("/path-layer/clicks", Fixture, NULL, fixture_set_up, test_path_layer_clicks, fixture_tear_down);
  g_test_add ("/path-layer/session", Fixture, NULL, fixture_set_up, test_path_layer_session, fixture_tear_down);

  return g_test_run ();
}
