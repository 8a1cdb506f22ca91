/* test-basemap-source.c: the built-in map through libshumate's source API.
 * meson runs this under `unshare -n`, so any network use would fail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ovf-basemap-source.h"

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
} Fill;

static void
on_filled (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fill *fill = user_data;

  fill->ok = shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, &fill->error);
  fill->done = TRUE;
}

static void
wait_for_fill (Fill *fill)
{
  while (!fill->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
fill_and_wait (ShumateMapSource *source,
               ShumateTile      *tile,
               GCancellable     *cancellable,
               Fill             *fill)
{
  shumate_map_source_fill_tile_async (source, tile, cancellable, on_filled, fill);
  wait_for_fill (fill);
}

static void
test_properties (void)
{
  g_autoptr(OvfBasemapSource) light = ovf_basemap_source_new (FALSE);
  g_autoptr(OvfBasemapSource) dark = ovf_basemap_source_new (TRUE);
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (light);

  g_assert_cmpstr (shumate_map_source_get_id (source), ==, OVF_BASEMAP_SOURCE_ID);
  g_assert_cmpstr (shumate_map_source_get_id (SHUMATE_MAP_SOURCE (dark)), ==, OVF_BASEMAP_SOURCE_ID_DARK);
  g_assert_cmpuint (shumate_map_source_get_min_zoom_level (source), ==, 0);
  g_assert_cmpuint (shumate_map_source_get_max_zoom_level (source), >=, 12);
  g_assert_cmpuint (shumate_map_source_get_tile_size (source), ==, 256);
  g_assert_nonnull (strstr (shumate_map_source_get_license (source), "Natural Earth"));
  g_assert_nonnull (strstr (shumate_map_source_get_license (source), "GeoNames"));
  g_assert_nonnull (ovf_basemap_source_get_basemap (light));
  g_assert_true (ovf_basemap_source_get_dark (dark));
}

static void
test_fill (void)
{
  g_autoptr(OvfTileTracker) tracker = ovf_tile_tracker_new ();
  g_autoptr(OvfBasemap) basemap = ovf_basemap_get_default (NULL);
  g_autoptr(OvfBasemapSource) source = ovf_basemap_source_new_full (basemap, FALSE, tracker);
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (1, 2, 256, 3);
  Fill fill = { 0 };
  GdkPaintable *paintable;

  fill_and_wait (SHUMATE_MAP_SOURCE (source), tile, NULL, &fill);
  g_assert_no_error (fill.error);
  g_assert_true (fill.ok);
  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  paintable = shumate_tile_get_paintable (tile);
  g_assert_true (GDK_IS_TEXTURE (paintable));
  g_assert_cmpint (gdk_texture_get_width (GDK_TEXTURE (paintable)), ==, 256);
  g_assert_cmpint (gdk_texture_get_height (GDK_TEXTURE (paintable)), ==, 256);
  g_assert_cmpuint (ovf_tile_tracker_get_requested (tracker), ==, 1);
  g_assert_cmpuint (ovf_tile_tracker_get_completed (tracker), ==, 1);
  g_assert_cmpuint (ovf_tile_tracker_get_pending (tracker), ==, 0);
}

static void
test_cancel (void)
{
  g_autoptr(OvfTileTracker) tracker = ovf_tile_tracker_new ();
  g_autoptr(OvfBasemap) basemap = ovf_basemap_get_default (NULL);
  g_autoptr(OvfBasemapSource) source = ovf_basemap_source_new_full (basemap, FALSE, tracker);
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (5, 11, 256, 5);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Fill fill = { 0 };

  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, cancellable, on_filled, &fill);
  g_cancellable_cancel (cancellable);
  wait_for_fill (&fill);

  g_assert_error (fill.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&fill.error);
  g_assert_false (fill.ok);
  g_assert_null (shumate_tile_get_paintable (tile));
  g_assert_cmpuint (ovf_tile_tracker_get_pending (tracker), ==, 0);
  g_assert_cmpuint (ovf_tile_tracker_get_failed (tracker), ==, 1);
}

static void
on_idle (OvfTileTracker *tracker,
         guint          *count)
{
  (*count)++;
}

static void
test_many_tiles_and_wait (void)
{
  g_autoptr(OvfTileTracker) tracker = ovf_tile_tracker_new ();
  g_autoptr(OvfBasemap) basemap = ovf_basemap_get_default (NULL);
  g_autoptr(OvfBasemapSource) source = ovf_basemap_source_new_full (basemap, TRUE, tracker);
  g_autoptr(GPtrArray) tiles = g_ptr_array_new_with_free_func (g_object_unref);
  Fill fills[24] = { 0 };
  guint idle = 0;

  g_signal_connect (tracker, "idle", G_CALLBACK (on_idle), &idle);
  g_assert_true (ovf_tile_tracker_wait_idle (tracker, 10));

  /* A 6×4 view over the northern Pacific and North America at zoom 4. */
  for (guint i = 0; i < G_N_ELEMENTS (fills); i++)
    {
      ShumateTile *tile = shumate_tile_new_full (i % 6, 3 + i / 6 % 4, 256, 4);

      g_ptr_array_add (tiles, tile);
      shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, on_filled, &fills[i]);
    }
  g_assert_cmpuint (ovf_tile_tracker_get_pending (tracker), ==, G_N_ELEMENTS (fills));
  g_assert_true (ovf_tile_tracker_wait_idle (tracker, 30000));
  g_assert_cmpuint (idle, ==, 1);

  /* The callbacks may still be queued behind the tracker's signal. */
  for (guint i = 0; i < G_N_ELEMENTS (fills); i++)
    {
      wait_for_fill (&fills[i]);
      g_assert_true (fills[i].ok);
      g_assert_nonnull (shumate_tile_get_paintable (g_ptr_array_index (tiles, i)));
    }
  g_assert_cmpuint (ovf_tile_tracker_get_completed (tracker), ==, G_N_ELEMENTS (fills));
}

static void
test_wait_times_out (void)
{
  g_autoptr(OvfTileTracker) tracker = ovf_tile_tracker_new ();

  /* A request that never ends must not hang the waiter. */
  ovf_tile_tracker_begin (tracker);
  g_assert_false (ovf_tile_tracker_wait_idle (tracker, 50));
  ovf_tile_tracker_end (tracker, TRUE);
  g_assert_true (ovf_tile_tracker_wait_idle (tracker, 50));
}

static void
test_without_data (void)
{
  g_autoptr(OvfTileTracker) tracker = ovf_tile_tracker_new ();
  g_autoptr(OvfBasemapSource) source = ovf_basemap_source_new_full (NULL, FALSE, tracker);
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (0, 0, 256, 0);
  Fill fill = { 0 };

  /* Even without data the map gets tiles (plain sea), never holes. */
  fill_and_wait (SHUMATE_MAP_SOURCE (source), tile, NULL, &fill);
  g_assert_true (fill.ok);
  g_assert_nonnull (shumate_tile_get_paintable (tile));
}

/* The grid a 1280×800 ShumateMapLayer asks for, margin included. */
static GPtrArray *
fill_view_grid (OvfBasemapSource *source,
                int               zoom,
                int               first_column,
                int               first_row,
                Fill             *fills)
{
  GPtrArray *tiles = g_ptr_array_new_with_free_func (g_object_unref);
  int side = 1 << zoom;

  for (int i = 0; i < 48; i++)
    {
      int x = ((first_column + i % 8) % side + side) % side;
      int y = ((first_row + i / 8) % side + side) % side;
      ShumateTile *tile = shumate_tile_new_full (x, y, 256, zoom);

      g_ptr_array_add (tiles, tile);
      shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, on_filled, &fills[i]);
    }
  for (int i = 0; i < 48; i++)
    {
      wait_for_fill (&fills[i]);
      g_assert_true (fills[i].ok);
    }
  return tiles;
}

static void
test_shared_tiles (void)
{
  g_autoptr(OvfTileTracker) tracker = ovf_tile_tracker_new ();
  g_autoptr(OvfBasemap) basemap = ovf_basemap_get_default (NULL);
  g_autoptr(OvfBasemapSource) source = ovf_basemap_source_new_full (basemap, FALSE, tracker);
  g_autoptr(GPtrArray) tiles = NULL;
  g_autoptr(ShumateTile) again = shumate_tile_new_full (3, 2, 256, 2);
  Fill fills[48] = { 0 };
  Fill fill = { 0 };

  /* At zoom 2 the world is 4 × 4 tiles: a view wider than the world asks
   * for each several times, and each is drawn once. */
  tiles = fill_view_grid (source, 2, -2, -1, fills);
  g_assert_cmpuint (ovf_basemap_source_get_tiles_drawn (source), ==, 16);
  g_assert_cmpuint (ovf_tile_tracker_get_completed (tracker), ==, 48);
  for (guint i = 0; i < tiles->len; i++)
    for (guint j = 0; j < tiles->len; j++)
      {
        ShumateTile *a = g_ptr_array_index (tiles, i), *b = g_ptr_array_index (tiles, j);
        gboolean same_place = shumate_tile_get_x (a) == shumate_tile_get_x (b) &&
                              shumate_tile_get_y (a) == shumate_tile_get_y (b);

        g_assert_true ((shumate_tile_get_paintable (a) == shumate_tile_get_paintable (b)) == same_place);
      }

  /* A recent tile is there at once, before the call returns. */
  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), again, NULL, on_filled, &fill);
  g_assert_cmpint (shumate_tile_get_state (again), ==, SHUMATE_STATE_DONE);
  g_assert_nonnull (shumate_tile_get_paintable (again));
  wait_for_fill (&fill);
  g_assert_true (fill.ok);
  g_assert_cmpuint (ovf_basemap_source_get_tiles_drawn (source), ==, 16);
}

static void
count_ready (OvfBasemapSource *source,
             int               zoom,
             int               x,
             int               y,
             guint            *count)
{
  (*count)++;
}

static void
test_get_and_wait (void)
{
  g_autoptr(OvfTileTracker) tracker = ovf_tile_tracker_new ();
  g_autoptr(OvfBasemap) basemap = ovf_basemap_get_default (NULL);
  g_autoptr(OvfBasemapSource) source = ovf_basemap_source_new_full (basemap, FALSE, tracker);
  g_autoptr(ShumateTile) tile = shumate_tile_new_full (4, 5, 256, 4);
  GdkTexture *texture;
  guint ready = 0;
  Fill fill = { 0 };

  g_signal_connect (source, "tile-ready", G_CALLBACK (count_ready), &ready);

  /* Asked for, a tile not drawn yet is started and counted. */
  g_assert_null (ovf_basemap_source_peek_tile (source, 4, 4, 5));
  g_assert_null (ovf_basemap_source_get_tile (source, 4, 4, 5));
  g_assert_null (ovf_basemap_source_get_tile (source, 4, 4, 5));
  g_assert_cmpuint (ovf_basemap_source_get_tiles_drawn (source), ==, 1);
  g_assert_cmpuint (ovf_tile_tracker_get_pending (tracker), ==, 1);

  /* A first frame can wait for it without the main loop. */
  texture = ovf_basemap_source_wait_tile (source, 4, 4, 5, g_get_monotonic_time () + 30 * G_USEC_PER_SEC);
  g_assert_nonnull (texture);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 256);
  g_assert_true (ovf_basemap_source_peek_tile (source, 4, 4, 5) == texture);
  g_assert_true (ovf_basemap_source_get_tile (source, 4, 4, 5) == texture);
  g_assert_cmpuint (ovf_tile_tracker_get_pending (tracker), ==, 0);
  g_assert_cmpuint (ready, ==, 1);

  /* The worker reporting back later changes nothing, and libshumate's
   * requests get the same texture. */
  fill_and_wait (SHUMATE_MAP_SOURCE (source), tile, NULL, &fill);
  g_assert_true (fill.ok);
  g_assert_true (shumate_tile_get_paintable (tile) == GDK_PAINTABLE (texture));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (ready, ==, 1);
  g_assert_cmpuint (ovf_basemap_source_get_tiles_drawn (source), ==, 1);
  g_assert_cmpuint (ovf_tile_tracker_get_completed (tracker), ==, 2);
}

static void
test_wait_gives_up (void)
{
  g_autoptr(OvfBasemap) basemap = ovf_basemap_get_default (NULL);
  g_autoptr(OvfBasemapSource) source = ovf_basemap_source_new_full (basemap, FALSE, NULL);

  /* Nothing asked for: nothing to wait for. */
  g_assert_null (ovf_basemap_source_wait_tile (source, 2, 1, 1, g_get_monotonic_time () + G_USEC_PER_SEC));
  /* A deadline already past returns at once, the tile still coming. */
  g_assert_null (ovf_basemap_source_get_tile (source, 2, 1, 1));
  (void) ovf_basemap_source_wait_tile (source, 2, 1, 1, 0);
  while (ovf_basemap_source_peek_tile (source, 2, 1, 1) == NULL)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/basemap-source/properties", test_properties);
  g_test_add_func ("/basemap-source/fill", test_fill);
  g_test_add_func ("/basemap-source/cancel", test_cancel);
  g_test_add_func ("/basemap-source/many-tiles-and-wait", test_many_tiles_and_wait);
  g_test_add_func ("/basemap-source/wait-times-out", test_wait_times_out);
  g_test_add_func ("/basemap-source/without-data", test_without_data);
  g_test_add_func ("/basemap-source/shared-tiles", test_shared_tiles);
  g_test_add_func ("/basemap-source/get-and-wait", test_get_and_wait);
  g_test_add_func ("/basemap-source/wait-gives-up", test_wait_gives_up);
  return g_test_run ();
}
