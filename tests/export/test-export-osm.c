/* test-export-osm.c: `overflight --export --source osm` against a local
 * tile server (127.0.0.1 only, never the real OpenStreetMap), with no
 * display: the tiles' pixels in the image, the sidecar naming the source,
 * the cache, and a clear failure that writes nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-util.h"
#include "tile-server.h"

/* A colour no basemap, path or caption uses. */
#define TILE_RGB 0xc81ea0

static const char *overflight;

typedef struct
{
  TestTileServer  tiles;
  char           *dir;
  char           *cache;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  test_tile_server_start (&f->tiles, TILE_RGB);
  f->dir = g_dir_make_tmp ("ovf-export-osm-XXXXXX", &error);
  g_assert_no_error (error);
  f->cache = g_dir_make_tmp ("ovf-export-osm-cache-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_tile_server_stop (&f->tiles);
  test_remove_tree (f->dir);
  test_remove_tree (f->cache);
  g_free (f->dir);
  g_free (f->cache);
}

typedef struct
{
  gboolean  done;
  char     *err;
} Run;

static void
on_communicated (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Run *run = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, NULL, &run->err, &error);
  g_assert_no_error (error);
  run->done = TRUE;
}

/* Runs overflight with no display while this process serves tiles;
 * returns the exit status. */
static int
run_overflight (Fixture     *f,
                const char  *out,
                const char  *size,
                char       **out_stderr)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0 };

  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "XDG_CACHE_HOME", f->cache, TRUE);
  g_subprocess_launcher_setenv (launcher, "OVERFLIGHT_OSM_TILE_URL", f->tiles.url_template, TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, overflight, "--export", out, "--source", "osm",
                                         "--size", size, "--center", "45.5,-110.5", "--zoom", "5",
                                         "--time", "2023-02-01T18:00:00Z", "--sidecar", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicated, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_get_if_exited (process));
  *out_stderr = run.err;
  return g_subprocess_get_exit_status (process);
}

/* The share of the image's pixels that are the tiles' colour. */
static double
tile_share (const char *path)
{
  cairo_surface_t *image = cairo_image_surface_create_from_png (path);
  int width, height, stride, count = 0;
  const guint8 *data;

  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  width = cairo_image_surface_get_width (image);
  height = cairo_image_surface_get_height (image);
  g_assert_cmpint (width, ==, 640);
  g_assert_cmpint (height, ==, 360);
  stride = cairo_image_surface_get_stride (image);
  data = cairo_image_surface_get_data (image);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 p;

        memcpy (&p, data + y * stride + x * 4, 4);
        count += (p & 0xffffff) == TILE_RGB;
      }
  cairo_surface_destroy (image);
  return (double) count / (width * height);
}

static void
test_export_osm (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "osm.png", NULL);
  g_autofree char *sidecar = g_strconcat (out, ".json", NULL);
  g_autofree char *err = NULL;
  g_autofree char *again_err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *source;
  guint hits;

  g_assert_cmpint (run_overflight (f, out, "640x360", &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  /* 640×360 at zoom 5 needs a few tiles of zoom 5, asked for as an app. */
  g_assert_cmpuint (f->tiles.hits, >=, 4);
  g_assert_cmpuint (f->tiles.hits, <=, 12);
  g_assert_true (g_str_has_prefix (f->tiles.last_path, "/5/"));
  g_assert_true (g_str_has_prefix (f->tiles.user_agent, "Overflight/" PACKAGE_VERSION));
  /* The map is the tiles, under the path, markers and caption. */
  g_assert_cmpfloat (tile_share (out), >, 0.4);

  g_assert_true (json_parser_load_from_file (parser, sidecar, &error));
  g_assert_no_error (error);
  source = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "map_source");
  g_assert_cmpstr (json_object_get_string_member (source, "id"), ==, "overflight-osm");
  g_assert_cmpstr (json_object_get_string_member (source, "attribution"), ==, "© OpenStreetMap contributors");
  g_assert_cmpstr (json_object_get_string_member (source, "tiles"), ==, f->tiles.url_template);

  /* A second export comes from the cache: even a failing server is not asked. */
  hits = f->tiles.hits;
  f->tiles.status = SOUP_STATUS_SERVICE_UNAVAILABLE;
  g_unlink (out);
  g_assert_cmpint (run_overflight (f, out, "640x360", &again_err), ==, 0);
  g_assert_cmpuint (f->tiles.hits, ==, hits);
  g_assert_cmpfloat (tile_share (out), >, 0.4);
}

static void
test_export_osm_fails (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "osm.png", NULL);
  g_autofree char *sidecar = g_strconcat (out, ".json", NULL);
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GDir) dir = NULL;
  guint n_files = 0;

  /* No tile can be had: the export fails, names the tile and keeps the
   * old image, instead of drawing the built-in map under OSM's name. */
  g_assert_true (g_file_set_contents (out, "old", -1, NULL));
  f->tiles.status = SOUP_STATUS_SERVICE_UNAVAILABLE;
  g_assert_cmpint (run_overflight (f, out, "640x360", &err), ==, 1);
  g_assert_cmpuint (f->tiles.hits, ==, 1);
  g_assert_nonnull (strstr (err, "OpenStreetMap tile 5/"));
  g_assert_nonnull (strstr (err, "503"));
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_assert_false (g_file_test (sidecar, G_FILE_TEST_EXISTS));

  dir = g_dir_open (f->dir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);
}

/* A snapshot that would need hundreds of tiles is refused before any is
 * asked for: OpenStreetMap forbids bulk downloads. */
static void
test_export_osm_too_many_tiles (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *out = g_build_filename (f->dir, "osm.png", NULL);
  g_autofree char *err = NULL;

  g_assert_cmpint (run_overflight (f, out, "8192x8192", &err), ==, 1);
  g_assert_cmpuint (f->tiles.hits, ==, 0);
  g_assert_nonnull (strstr (err, "OpenStreetMap tiles"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_cmpint (argc, ==, 2);
  overflight = argv[1];

  g_test_add ("/export-osm/tiles", Fixture, NULL, fixture_set_up, test_export_osm, fixture_tear_down);
  g_test_add ("/export-osm/fails", Fixture, NULL, fixture_set_up, test_export_osm_fails, fixture_tear_down);
  g_test_add ("/export-osm/too-many-tiles", Fixture, NULL, fixture_set_up, test_export_osm_too_many_tiles,
              fixture_tear_down);
  return g_test_run ();
}
