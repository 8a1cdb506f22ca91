/* test-check.c: `overflight --check`, run as a user would
 *
 * The first argument is the built overflight program.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <stdio.h>

static char *overflight;

/* Runs overflight with @args in the tests' directory and English messages;
 * returns the exit status and the output. */
static int
run_check (const char * const *args,
           char              **out,
           char              **err)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "model", NULL);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) overflight);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_set_cwd (launcher, dir);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  /* --check must not need a display. */
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

static void
test_valid (void)
{
  const char *args[] = { "--check", "valid/small.json", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_check (args, &out, &err), ==, 0);
  g_assert_cmpstr (out, ==, "valid/small.json: ok (7 points, 5 events, 3 places)\n");
  g_assert_cmpstr (err, ==, "");
}

static void
test_broken (void)
{
  const char *args[] = { "--check", "broken/meaning-longitude-jump.json", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_check (args, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "broken/meaning-longitude-jump.json:12:58: tracks[0].points[1].lon: "));
  g_assert_true (g_str_has_suffix (err, "\n"));
}

static void
test_syntax_and_bytes (void)
{
  const char *args[] = { "--check", "broken/syntax-nul-byte.json", "broken/syntax-invalid-utf8.json",
                         "broken/syntax-very-deep-nesting.json", "broken/syntax-empty.json", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run_check (args, &out, &err), ==, 1);
  lines = g_strsplit (err, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_true (g_str_has_prefix (lines[0], "broken/syntax-nul-byte.json:4:14: NUL byte"));
  g_assert_true (g_str_has_prefix (lines[1], "broken/syntax-invalid-utf8.json:4:14: invalid UTF-8"));
  g_assert_true (g_str_has_prefix (lines[2], "broken/syntax-very-deep-nesting.json:1:65: "));
  g_assert_cmpstr (lines[3], ==, "broken/syntax-empty.json:1:1: the file is empty");
}

/* One bad file fails the run, but every file is still checked. */
static void
test_mixed (void)
{
  const char *args[] = { "--check", "broken/unsupported-version.json", "valid/small.json",
                         "no-such-file.json", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (run_check (args, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "valid/small.json: ok (7 points, 5 events, 3 places)\n");
  g_assert_true (g_str_has_prefix (err, "broken/unsupported-version.json:3:14: version: version 2 is newer"));
  g_assert_nonnull (strstr (err, "\nno-such-file.json: "));
}

/* The corpus, in one run: each file gets a line with its line and column. */
static void
test_corpus (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "model", "broken", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) located = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  const char *name;

  g_ptr_array_add (args, g_strdup ("--check"));
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (args, g_build_filename ("broken", name, NULL));
  g_ptr_array_add (args, NULL);

  g_assert_cmpint (run_check ((const char * const *) args->pdata, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");

  /* "broken/FILE.json:LINE:COLUMN: …" */
  lines = g_strsplit (err, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *end = strstr (lines[i], ".json:");
      guint line, column;

      if (end != NULL && sscanf (end + strlen (".json:"), "%u:%u:", &line, &column) == 2 &&
          line > 0 && column > 0)
        g_hash_table_add (located, g_strndup (lines[i], end + strlen (".json") - lines[i]));
    }

  for (guint i = 1; i + 1 < args->len; i++)
    if (!g_hash_table_contains (located, g_ptr_array_index (args, i)))
      g_error ("%s: no located message in:\n%s", (char *) g_ptr_array_index (args, i), err);
}

/* --check reads track files too, with the same summary line; --convert
 * writes a dataset that --check accepts, and nothing when an input is
 * bad. The real files live beside the checkout. */
static void
test_convert (void)
{
  const char *root = g_getenv ("OVERFLIGHT_SOURCE_ROOT");
  g_autofree char *gpx = g_build_filename (root, "..", "shared", "corpus", "import",
                                           "gpx11-togeojson-oregon600-3seg.gpx", NULL);
  g_autofree char *trace = g_build_filename (root, "..", "shared", "corpus", "import",
                                             "readsb-trace_full_3c66b0.json", NULL);
  g_autofree char *broken = g_build_filename (root, "..", "shared", "corpus", "import",
                                              "broken-truncated.gpx", NULL);
  g_autofree char *dir = g_dir_make_tmp ("ovf-convert-XXXXXX", NULL);
  g_autofree char *output = g_build_filename (dir, "out.json", NULL);
  g_autofree char *expected = NULL;
  const char *check_track[] = { "--check", gpx, NULL };
  const char *convert[] = { "--convert", gpx, trace, "-o", output, "--source-url", "https://example.org/t", NULL };
  const char *check_output[] = { "--check", output, NULL };
  const char *convert_broken[] = { "--convert", gpx, broken, "-o", output, NULL };
  const char *no_output[] = { "--convert", gpx, NULL };
  char *out, *err;

  if (!g_file_test (gpx, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("../shared/corpus/import is absent");
      return;
    }

  g_assert_cmpint (run_check (check_track, &out, &err), ==, 0);
  expected = g_strdup_printf ("%s: ok (16 points, 0 events, 0 places)\n", gpx);
  g_assert_cmpstr (out, ==, expected);
  g_free (out), g_free (err);

  g_assert_cmpint (run_check (convert, &out, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_free (out), g_free (err);
  g_assert_cmpint (run_check (check_output, &out, &err), ==, 0);
  g_assert_true (g_str_has_suffix (out, ": ok (23 points, 0 events, 0 places)\n"));
  g_free (out), g_free (err);

  /* A bad input leaves the earlier output as it was. */
  g_assert_cmpint (run_check (convert_broken, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "broken-truncated.gpx:407:61: not well-formed XML"));
  g_free (out), g_free (err);
  g_assert_cmpint (run_check (check_output, &out, &err), ==, 0);
  g_free (out), g_free (err);

  g_assert_cmpint (run_check (no_output, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "-o OUT.json"));
  g_free (out), g_free (err);

  g_unlink (output);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    g_error ("usage: %s OVERFLIGHT-PROGRAM", argv[0]);
  /* Meson passes it relative to the build directory; the runs below
   * start in the tests' source directory. */
  overflight = g_canonicalize_filename (argv[1], NULL);

  g_test_add_func ("/model/check/valid", test_valid);
  g_test_add_func ("/model/check/broken", test_broken);
  g_test_add_func ("/model/check/syntax-and-bytes", test_syntax_and_bytes);
  g_test_add_func ("/model/check/mixed", test_mixed);
  g_test_add_func ("/model/check/corpus", test_corpus);
  g_test_add_func ("/model/check/convert", test_convert);

  status = g_test_run ();
  g_free (overflight);
  return status;
}
