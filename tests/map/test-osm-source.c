/* test-osm-source.c: the OpenStreetMap option against a local tile server
 * (127.0.0.1 only): User-Agent, file cache, and the built-in map filling in
 * when tiles cannot be had.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "ovf-osm-source.h"
#include "tile-server.h"

typedef struct {
  gboolean  done;
  gboolean  ok;
} Fill;

static void
on_filled (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fill *fill = user_data;

  fill->ok = shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, NULL);
  fill->done = TRUE;
}

static ShumateTile *
fill_tile (OvfOsmSource *source,
           int           x,
           int           y,
           int           zoom)
{
  ShumateTile *tile = shumate_tile_new_full (x, y, 256, zoom);
  Fill fill = { 0 };

  shumate_map_source_fill_tile_async (SHUMATE_MAP_SOURCE (source), tile, NULL, on_filled, &fill);
  while (!fill.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (fill.ok);
  g_assert_cmpint (shumate_tile_get_state (tile), ==, SHUMATE_STATE_DONE);
  g_assert_true (GDK_IS_TEXTURE (shumate_tile_get_paintable (tile)));
  return tile;
}

/* The centre pixel of the tile's texture, as 0xRRGGBB. */
static guint32
centre_pixel (ShumateTile *tile)
{
  GdkTexture *texture = GDK_TEXTURE (shumate_tile_get_paintable (tile));
  g_autofree guint8 *data = g_malloc (256 * 256 * 4);
  guint32 p;

  gdk_texture_download (texture, data, 256 * 4);
  memcpy (&p, data + 128 * 256 * 4 + 128 * 4, 4);
  return p & 0xffffff;
}

static guint32
water_pixel (void)
{
  double rgb[3];

  ovf_basemap_get_color (OVF_BASEMAP_COLOR_WATER, FALSE, rgb);
  return (guint32) (rgb[0] * 255 + 0.5) << 16 | (guint32) (rgb[1] * 255 + 0.5) << 8 | (guint32) (rgb[2] * 255 + 0.5);
}

static gboolean
is_whole_png (const char *path)
{
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_filename (path, NULL);

  return texture != NULL;
}

static void
test_download_and_cache (void)
{
  TestTileServer ts = { 0 };
  g_autofree char *cache = g_dir_make_tmp ("ovf-osm-cache-XXXXXX", NULL);
  g_autoptr(OvfTileTracker) tracker = ovf_tile_tracker_new ();
  g_autoptr(OvfBasemap) basemap = ovf_basemap_get_default (NULL);
  g_autoptr(OvfOsmSource) source = NULL;
  g_autoptr(ShumateTile) first = NULL;
  g_autoptr(ShumateTile) again = NULL;
  g_autofree char *cached_file = NULL;

  test_tile_server_start (&ts, 0xff0000);
  source = ovf_osm_source_new_full (ts.url_template, cache, basemap, FALSE, tracker);

  first = fill_tile (source, 3, 5, 4);
  g_assert_cmpuint (ts.hits, ==, 1);
  g_assert_cmpstr (ts.user_agent, ==, ovf_osm_source_get_user_agent ());
  g_assert_true (g_str_has_prefix (ts.user_agent, "Overflight/" PACKAGE_VERSION));
  g_assert_cmphex (centre_pixel (first), ==, 0xff0000);

  /* Let the cache write land (it runs on a worker thread, and the file
   * exists before its last byte is written), then the same tile comes
   * from disk. */
  cached_file = g_build_filename (cache, "osm", "4", "3", "5.png", NULL);
  for (guint i = 0; i < 3000 && !is_whole_png (cached_file); i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
    }
  g_assert_true (is_whole_png (cached_file));
  again = fill_tile (source, 3, 5, 4);
  g_assert_cmpuint (ts.hits, ==, 1);
  g_assert_cmphex (centre_pixel (again), ==, 0xff0000);
  g_assert_cmpuint (ovf_tile_tracker_get_completed (tracker), ==, 2);
  g_assert_cmpuint (ovf_tile_tracker_get_pending (tracker), ==, 0);

  g_clear_object (&source);
  test_tile_server_stop (&ts);
  g_unlink (cached_file);
}

static void
test_http_error_falls_back (void)
{
  TestTileServer ts = { 0 };
  g_autofree char *cache = g_dir_make_tmp ("ovf-osm-cache-XXXXXX", NULL);
  g_autoptr(OvfBasemap) basemap = ovf_basemap_get_default (NULL);
  g_autoptr(OvfOsmSource) source = NULL;
  g_autoptr(ShumateTile) tile = NULL;

  test_tile_server_start (&ts, 0xff0000);
  ts.status = SOUP_STATUS_SERVICE_UNAVAILABLE;
  source = ovf_osm_source_new_full (ts.url_template, cache, basemap, FALSE, NULL);

  /* Mid-Atlantic at zoom 5: the built-in map's sea, not a hole. */
  tile = fill_tile (source, 12, 13, 5);
  g_assert_cmpuint (ts.hits, ==, 1);
  g_assert_cmphex (centre_pixel (tile), ==, water_pixel ());
  g_assert_false (ovf_osm_source_get_offline (source));

  g_clear_object (&source);
  test_tile_server_stop (&ts);
}

static void
test_offline_falls_back_quietly (void)
{
  g_autofree char *cache = g_dir_make_tmp ("ovf-osm-cache-XXXXXX", NULL);
  g_autoptr(OvfBasemap) basemap = ovf_basemap_get_default (NULL);
  g_autoptr(OvfOsmSource) source = NULL;
  g_autoptr(ShumateTile) first = NULL;
  g_autoptr(ShumateTile) second = NULL;

  /* Port 1 on the loopback refuses connections: as good as no network. */
  source = ovf_osm_source_new_full ("http://127.0.0.1:1/{z}/{x}/{y}.png", cache, basemap, FALSE, NULL);
  first = fill_tile (source, 12, 13, 5);
  g_assert_cmphex (centre_pixel (first), ==, water_pixel ());
  g_assert_true (ovf_osm_source_get_offline (source));
  g_assert_cmpuint (ovf_osm_source_get_downloads (source), ==, 1);

  /* Once offline, tiles come from the built-in map without retrying. */
  second = fill_tile (source, 12, 12, 5);
  g_assert_cmpuint (ovf_osm_source_get_downloads (source), ==, 1);
}

typedef struct {
  OvfOsmSource *source;
  int           zoom, x, y;
  GBytes       *bytes;
  GError       *error;
  gboolean      done;
} SyncFetch;

static gpointer
sync_fetch_thread (gpointer user_data)
{
  SyncFetch *fetch = user_data;

  fetch->bytes = ovf_osm_source_fetch_tile_sync (fetch->source, fetch->zoom, fetch->x, fetch->y,
                                                 NULL, &fetch->error);
  g_atomic_int_set (&fetch->done, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

/* The fetch blocks, so it runs on a thread while the test's main loop
 * serves the tile. */
static GBytes *
fetch_sync (OvfOsmSource  *source,
            int            zoom,
            int            x,
            int            y,
            GError       **error)
{
  SyncFetch fetch = { source, zoom, x, y, NULL, NULL, FALSE };
  GThread *thread = g_thread_new ("fetch", sync_fetch_thread, &fetch);

  while (!g_atomic_int_get (&fetch.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  if (fetch.error != NULL)
    g_propagate_error (error, fetch.error);
  return fetch.bytes;
}

static void
test_fetch_sync (void)
{
  TestTileServer ts = { 0 };
  g_autofree char *cache = g_dir_make_tmp ("ovf-osm-cache-XXXXXX", NULL);
  g_autoptr(OvfBasemap) basemap = ovf_basemap_get_default (NULL);
  g_autoptr(OvfOsmSource) source = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GBytes) missing = NULL;
  g_autoptr(GBytes) outside = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cached_file = NULL;

  test_tile_server_start (&ts, 0xff0000);
  source = ovf_osm_source_new_full (ts.url_template, cache, basemap, FALSE, NULL);

  first = fetch_sync (source, 4, 3, 5, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, ts.png));
  g_assert_cmpuint (ts.hits, ==, 1);
  g_assert_true (g_str_has_prefix (ts.user_agent, "Overflight/" PACKAGE_VERSION));

  /* Stored before returning, so the next fetch is the cache's. */
  again = fetch_sync (source, 4, 3, 5, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (again, ts.png));
  g_assert_cmpuint (ts.hits, ==, 1);

  /* No built-in map stands in: the error names the tile. */
  ts.status = SOUP_STATUS_SERVICE_UNAVAILABLE;
  missing = fetch_sync (source, 4, 2, 5, &error);
  g_assert_null (missing);
  g_assert_nonnull (strstr (error->message, "OpenStreetMap tile 4/2/5"));
  g_assert_nonnull (strstr (error->message, "503"));
  g_clear_error (&error);

  outside = fetch_sync (source, 4, 16, 0, &error);
  g_assert_null (outside);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_assert_cmpuint (ts.hits, ==, 2);

  g_clear_object (&source);
  test_tile_server_stop (&ts);
  cached_file = g_build_filename (cache, "osm", "4", "3", "5.png", NULL);
  g_unlink (cached_file);
}

static void
test_defaults (void)
{
  g_autoptr(ShumateMapSource) source = ovf_osm_source_new ();
  g_autofree char *expected = g_build_filename (g_get_user_cache_dir (), "overflight", "tiles", NULL);

  /* Creating the source reaches no server: only tiles do. */
  g_assert_cmpstr (shumate_map_source_get_license (source), ==, "© OpenStreetMap contributors");
  g_assert_cmpstr (shumate_map_source_get_id (source), ==, OVF_OSM_SOURCE_ID);
  g_assert_cmpstr (ovf_osm_source_get_cache_dir (OVF_OSM_SOURCE (source)), ==, expected);
  g_assert_cmpuint (ovf_osm_source_get_downloads (OVF_OSM_SOURCE (source)), ==, 0);
  g_assert_cmpint (OVF_OSM_MAX_CONNECTIONS, <=, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = g_dir_make_tmp ("ovf-osm-home-XXXXXX", NULL);

  /* Keep the cache folder of the default source out of the user's home. */
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  g_test_add_func ("/osm-source/defaults", test_defaults);
  g_test_add_func ("/osm-source/download-and-cache", test_download_and_cache);
  g_test_add_func ("/osm-source/http-error-falls-back", test_http_error_falls_back);
  g_test_add_func ("/osm-source/offline-falls-back-quietly", test_offline_falls_back_quietly);
  g_test_add_func ("/osm-source/fetch-sync", test_fetch_sync);
  return g_test_run ();
}
