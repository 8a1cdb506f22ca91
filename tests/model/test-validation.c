/* test-validation.c: broken datasets are refused with located diagnostics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include "ovf-dataset.h"

static const char * const english[] = { "en", NULL };

/* Loads @bytes, which must fail; returns the diagnostics. */
static GPtrArray *
load_broken (GBytes  *bytes,
             GError **error)
{
  g_autoptr(OvfDataset) dataset = NULL;
  GPtrArray *diagnostics = NULL;

  dataset = ovf_dataset_load_from_bytes (bytes, english, &diagnostics, error);
  g_assert_null (dataset);
  g_assert_nonnull (diagnostics);
  g_assert_cmpuint (diagnostics->len, >, 0);

  return diagnostics;
}

static int
code_from_name (const char *name)
{
  if (g_str_equal (name, "syntax"))
    return OVF_DATASET_ERROR_SYNTAX;
  if (g_str_equal (name, "invalid"))
    return OVF_DATASET_ERROR_INVALID;
  if (g_str_equal (name, "unsupported"))
    return OVF_DATASET_ERROR_UNSUPPORTED;
  g_error ("unknown error code “%s” in EXPECTED", name);
}

/* Each file in broken/ must fail with its first diagnostic where
 * broken/EXPECTED (written by make-broken-corpus.py) says. */
static void
test_corpus (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "model", "broken", NULL);
  g_autofree char *list = g_build_filename (dir, "EXPECTED", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_cases = 0;

  g_assert_true (g_file_get_contents (list, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;
      g_autofree char *path = NULL;
      g_autofree char *located = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GPtrArray) diagnostics = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(OvfDataset) dataset = NULL;
      const OvfDiagnostic *first;
      guint line, column;

      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;

      fields = g_strsplit (lines[i], " ", 4);
      g_assert_cmpuint (g_strv_length (fields), ==, 4);
      g_assert_cmpint (sscanf (fields[2], "%u:%u", &line, &column), ==, 2);

      path = g_build_filename (dir, fields[0], NULL);
      file = g_file_new_for_path (path);
      dataset = ovf_dataset_load_from_file (file, english, NULL, &diagnostics, &error);
      if (dataset != NULL)
        g_error ("%s loaded", fields[0]);
      g_assert_error (error, OVF_DATASET_ERROR, code_from_name (fields[1]));
      g_assert_cmpuint (diagnostics->len, >, 0);

      first = g_ptr_array_index (diagnostics, 0);
      located = ovf_diagnostic_format (first, fields[0]);
      g_test_message ("%s", located);
      if (first->line != line || first->column != column)
        g_error ("%s: expected %u:%u, got %s", fields[0], line, column, located);

      if (g_str_equal (fields[3], "-"))
        g_assert_true (first->path == NULL || first->path[0] == '\0');
      else if (first->path == NULL || strstr (first->path, fields[3]) == NULL)
        g_error ("%s: expected the path %s, got %s", fields[0], fields[3], located);

      /* The summary names the first problem, located. */
      g_assert_nonnull (strstr (error->message, first->message));
      n_cases++;
    }

  g_assert_cmpuint (n_cases, >=, 40);
}

#define HEAD "{\"format\": \"overflight-dataset\", \"version\": 1, \"license\": \"CC0-1.0\", " \
             "\"description\": \"D\", \"updated\": \"2026-11-25\", \"credits\": [\"C\"], " \
             "\"places\": [], \"areas\": [],\n"

/* The document that each broken one edits once is valid. */
static void
test_corpus_base (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "model", "valid", "minimal.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(OvfDataset) dataset = ovf_dataset_load_from_file (file, english, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (ovf_dataset_get_events (dataset)), ==, 1);
}

/* Every problem is reported, in document order, each at its own place. */
static void
test_all_reported (void)
{
  const char *text =
    HEAD
    "\"title\": 5,\n"
    "\"tracks\": [{\"id\": \"t\", \"name\": \"T\", \"points\": [\n"
    "  {\"time\": \"2023-01-01T00:00:00Z\", \"lat\": 95, \"lon\": 0, \"kind\": \"estimated\"},\n"
    "  {\"time\": \"2023-01-01T00:00:00Z\", \"lat\": 0, \"lon\": 0, \"kind\": \"reported\"}]}],\n"
    "\"events\": [{\"id\": \"e\", \"time\": \"yesterday\", \"title\": \"E\", \"description\": \"D\",\n"
    "  \"category\": \"sighting\", \"confidence\": \"sure\", \"track\": \"x\",\n"
    "  \"sources\": [{\"publisher\": \"P\", \"title\": \"S\", \"url\": \"file:///etc/passwd\"}]}]}\n";
  /* Positions counted with Python's str.index on these lines. */
  struct {
    const char *path;
    guint line, column;
  } expected[] = {
    { "title", 2, 10 },
    { "tracks[0].points[0].lat", 4, 43 },
    { "tracks[0].points[1].source", 5, 3 },
    { "tracks[0].points[1].time", 5, 12 },
    { "events[0].time", 6, 32 },
    { "events[0].confidence", 7, 41 },
    { "events[0].track", 7, 58 },
    { "events[0].sources[0].url", 8, 55 },
  };
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnostics = load_broken (bytes, &error);

  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = ovf_diagnostic_format (g_ptr_array_index (diagnostics, i), "x.json");

      g_test_message ("%s", line);
    }

  g_assert_error (error, OVF_DATASET_ERROR, OVF_DATASET_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "The dataset has 8 problems; the first: 2:10: title: "));

  g_assert_cmpuint (diagnostics->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const OvfDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      g_assert_cmpstr (diagnostic->path, ==, expected[i].path);
      g_assert_cmpuint (diagnostic->line, ==, expected[i].line);
      g_assert_cmpuint (diagnostic->column, ==, expected[i].column);
    }
}

/* Past the limit, one more diagnostic says so; the error counts them all. */
static void
test_limit (void)
{
  g_autoptr(GString) text = g_string_new (HEAD "\"title\": \"T\", \"events\": [],\n"
                                          "\"tracks\": [{\"id\": \"t\", \"name\": \"T\", \"points\": [\n");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  const OvfDiagnostic *last;
  guint n_bad = 3 * OVF_DATASET_MAX_DIAGNOSTICS;

  for (guint i = 0; i < n_bad; i++)
    g_string_append_printf (text, "%s{\"time\": \"2023-01-01T00:%02u:%02uZ\", \"lat\": 100, \"lon\": 0,"
                            " \"kind\": \"estimated\"}\n", i > 0 ? "," : "", i / 60, i % 60);
  g_string_append (text, "]}]}\n");
  bytes = g_string_free_to_bytes (g_steal_pointer (&text));

  diagnostics = load_broken (bytes, &error);
  g_assert_cmpuint (diagnostics->len, ==, OVF_DATASET_MAX_DIAGNOSTICS + 1);
  last = g_ptr_array_index (diagnostics, OVF_DATASET_MAX_DIAGNOSTICS);
  g_assert_null (last->path);
  g_assert_cmpuint (((OvfDiagnostic *) g_ptr_array_index (diagnostics, 99))->line, ==, 103);

  /* Every point's latitude. */
  g_assert_nonnull (strstr (error->message, "The dataset has 300 problems"));
}

/* Whatever the cut, a truncated file is refused with a location. */
static void
test_truncated (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "model", "valid", "small.json", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));

  for (gsize cut = 0; cut < length - 1; cut++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (contents, cut);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) diagnostics = load_broken (bytes, &error);
      const OvfDiagnostic *first = g_ptr_array_index (diagnostics, 0);

      g_assert_error (error, OVF_DATASET_ERROR, OVF_DATASET_ERROR_SYNTAX);
      g_assert_cmpuint (first->line, >, 0);
      g_assert_cmpuint (first->column, >, 0);
    }
}

static void
test_diagnostic_format (void)
{
  g_autoptr(OvfDiagnostic) full = ovf_diagnostic_new ("tracks[0].lat", 3, 7, "bad");
  g_autoptr(OvfDiagnostic) copy = ovf_diagnostic_copy (full);
  g_autoptr(OvfDiagnostic) bare = ovf_diagnostic_new (NULL, 0, 0, "worse");
  g_autofree char *a = ovf_diagnostic_format (copy, "f.json");
  g_autofree char *b = ovf_diagnostic_format (bare, "f.json");
  g_autofree char *c = ovf_diagnostic_format (full, NULL);

  g_assert_cmpstr (a, ==, "f.json:3:7: tracks[0].lat: bad");
  g_assert_cmpstr (b, ==, "f.json: worse");
  g_assert_cmpstr (c, ==, "3:7: tracks[0].lat: bad");
}

static void
test_unreadable_file (void)
{
  g_autoptr(GFile) file = g_file_new_for_path ("/nonexistent/overflight.json");
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OvfDataset) dataset = ovf_dataset_load_from_file (file, english, NULL, &diagnostics, &error);

  g_assert_null (dataset);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (diagnostics);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/validation/corpus-base", test_corpus_base);
  g_test_add_func ("/model/validation/corpus", test_corpus);
  g_test_add_func ("/model/validation/all-reported", test_all_reported);
  g_test_add_func ("/model/validation/limit", test_limit);
  g_test_add_func ("/model/validation/truncated", test_truncated);
  g_test_add_func ("/model/validation/diagnostic-format", test_diagnostic_format);
  g_test_add_func ("/model/validation/unreadable-file", test_unreadable_file);

  return g_test_run ();
}
