/* test-export-cli.c: `overflight --export` end to end, with no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>
#include <json-glib/json-glib.h>

#include "test-util.h"

static const char *overflight;

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("ovf-cli-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static void
test_cli_export_png (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "shot.png", NULL);
  g_autofree char *sidecar = g_strconcat (out, ".json", NULL);
  const char *args[] = {
    "--export", out, "--size", "640x360", "--time", "2023-02-01T18:00:00Z",
    "--center", "45.5,-110.5", "--zoom", "5", "--sidecar", NULL
  };
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *image;
  JsonObject *root;

  g_assert_cmpint (test_run_headless (overflight, args, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");

  image = cairo_image_surface_create_from_png (out);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, 360);
  cairo_surface_destroy (image);

  g_assert_true (json_parser_load_from_file (parser, sidecar, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "time"), ==, "2023-02-01T18:00:00Z");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_object_get_object_member (root, "view"), "zoom"),
                                  5.0, 1e-6);
  g_assert_cmpint (strlen (json_object_get_string_member (json_object_get_object_member (root, "dataset"),
                                                          "sha256")), ==, 64);
}

static void
test_cli_export_formats (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char *names[] = { "shot.svg", "shot.pdf" };
  static const char *magic[] = { "<?xml", "%PDF-" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *out = g_build_filename (fixture->dir, names[i], NULL);
      const char *args[] = {
        "--export", out, "--size", "400x300", "--no-caption", "--dark",
        "--fit", "2023-01-31T00:00:00Z/2023-02-02T00:00:00Z", NULL
      };
      g_autofree char *contents = NULL;

      g_assert_cmpint (test_run_headless (overflight, args, NULL), ==, 0);
      g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
      g_assert_true (g_str_has_prefix (contents, magic[i]));
    }
}

static void
test_cli_export_events (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *dir = g_build_filename (fixture->dir, "events", NULL);
  g_autofree char *index = g_build_filename (dir, "index.json", NULL);
  const char *args[] = { "--export-events", dir, "--size", "320x200", "--no-legend", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *images;

  g_assert_cmpint (test_run_headless (overflight, args, NULL), ==, 0);
  g_assert_true (json_parser_load_from_file (parser, index, &error));
  g_assert_no_error (error);
  images = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "images");
  g_assert_cmpuint (json_array_get_length (images), >, 0);

  for (guint i = 0; i < json_array_get_length (images); i++)
    {
      JsonObject *entry = json_array_get_object_element (images, i);
      const char *name = json_object_get_string_member (entry, "file");
      g_autofree char *path = g_build_filename (dir, name, NULL);

      /* Named by time, then id, so a listing sorts by time. */
      g_assert_true (g_ascii_isdigit (name[0]));
      g_assert_nonnull (strstr (name, json_object_get_string_member (entry, "event")));
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
}

/* --no-scale-bar takes the scale bar out, and nothing else. */
static void
test_cli_layers (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *with = g_build_filename (fixture->dir, "with.png", NULL);
  g_autofree char *without = g_build_filename (fixture->dir, "without.png", NULL);
  g_autofree char *sidecar = g_strconcat (without, ".json", NULL);
  const char *with_args[] = {
    "--export", with, "--size", "640x360", "--time", "2023-02-01T18:00:00Z",
    "--no-caption", "--no-legend", NULL
  };
  const char *without_args[] = {
    "--export", without, "--size", "640x360", "--time", "2023-02-01T18:00:00Z",
    "--no-caption", "--no-legend", "--no-scale-bar", "--sidecar", NULL
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *a, *b;
  guint n_different = 0, n_elsewhere = 0;
  JsonObject *layers;

  g_assert_cmpint (test_run_headless (overflight, with_args, NULL), ==, 0);
  g_assert_cmpint (test_run_headless (overflight, without_args, NULL), ==, 0);

  a = cairo_image_surface_create_from_png (with);
  b = cairo_image_surface_create_from_png (without);
  g_assert_cmpint (cairo_surface_status (a), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (b), ==, CAIRO_STATUS_SUCCESS);
  for (int y = 0; y < 360; y++)
    {
      const guint32 *row_a = (const guint32 *) (cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a));
      const guint32 *row_b = (const guint32 *) (cairo_image_surface_get_data (b) + y * cairo_image_surface_get_stride (b));

      for (int x = 0; x < 640; x++)
        if (row_a[x] != row_b[x])
          {
            n_different++;
            /* The scale bar sits in the bottom right corner. */
            if (x < 320 || y < 180)
              n_elsewhere++;
          }
    }
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  g_assert_cmpuint (n_different, >, 50);
  g_assert_cmpuint (n_elsewhere, ==, 0);

  g_assert_true (json_parser_load_from_file (parser, sidecar, &error));
  g_assert_no_error (error);
  layers = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "layers");
  g_assert_false (json_object_get_boolean_member (layers, "scale_bar"));
  g_assert_false (json_object_get_boolean_member (layers, "caption"));
  g_assert_false (json_object_get_boolean_member (layers, "legend"));
  g_assert_true (json_object_get_boolean_member (layers, "places"));
}

static void
test_cli_bad_arguments (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *out = g_build_filename (fixture->dir, "bad.png", NULL);
  g_autofree char *missing = g_build_filename (fixture->dir, "no-such-dataset.json", NULL);
  const struct {
    const char *args[8];
    const char *message;
  } cases[] = {
    { { "--export", out, "--size", "0x10", NULL }, "--size" },
    { { "--export", out, "--size", "9000x100", NULL }, "8192" },
    { { "--export", out, "--size", "wide", NULL }, "WIDTHxHEIGHT" },
    { { "--export", out, "--center", "north", NULL }, "--center" },
    { { "--export", out, "--zoom", "42", NULL }, "--zoom" },
    { { "--export", out, "--time", "yesterday", NULL }, "--time" },
    { { "--export", out, "--fit", "everything", NULL }, "--fit" },
    { { "--export", out, "--fit", "2023-02-02T00:00:00Z/2023-01-31T00:00:00Z", NULL }, "ends before it starts" },
    { { "--export", out, "--scale", "9", NULL }, "--scale" },
    { { "--export", out, "--source", "bing", NULL }, "--source" },
    { { "--export", "shot.gif", NULL }, "shot.gif" },
    { { "--export", out, missing, NULL }, "no-such-dataset.json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *err = NULL;

      g_test_message ("case %u: %s", i, cases[i].message);
      g_assert_cmpint (test_run_headless (overflight, cases[i].args, &err), ==, 1);
      g_assert_nonnull (strstr (err, cases[i].message));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_assert_cmpint (argc, ==, 2);
  overflight = argv[1];

  g_test_add ("/export-cli/png", Fixture, NULL, fixture_set_up, test_cli_export_png, fixture_tear_down);
  g_test_add ("/export-cli/formats", Fixture, NULL, fixture_set_up, test_cli_export_formats, fixture_tear_down);
  g_test_add ("/export-cli/events", Fixture, NULL, fixture_set_up, test_cli_export_events, fixture_tear_down);
  g_test_add ("/export-cli/layers", Fixture, NULL, fixture_set_up, test_cli_layers, fixture_tear_down);
  g_test_add ("/export-cli/bad-arguments", Fixture, NULL, fixture_set_up, test_cli_bad_arguments, fixture_tear_down);

  return g_test_run ();
}
