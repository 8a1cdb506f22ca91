/* ovf-check.c: `overflight --check`: validates files and prints located problems
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ovf-check.h"
#include "ovf-dataset.h"
#include "ovf-import.h"

static guint
count_points (OvfDataset *dataset)
{
  GListModel *tracks = ovf_dataset_get_tracks (dataset);
  guint total = 0;

  for (guint i = 0; i < g_list_model_get_n_items (tracks); i++)
    {
      g_autoptr(OvfTrack) track = g_list_model_get_item (tracks, i);

      total += ovf_track_get_n_points (track);
    }

  return total;
}

static void
print_ok (const char *filename,
          OvfDataset *dataset)
{
  guint n_points = count_points (dataset);
  guint n_events = g_list_model_get_n_items (ovf_dataset_get_events (dataset));
  guint n_places = g_list_model_get_n_items (ovf_dataset_get_places (dataset));
  g_autofree char *points = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u point", "%u points", n_points), n_points);
  g_autofree char *events = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u event", "%u events", n_events), n_events);
  g_autofree char *places = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u place", "%u places", n_places), n_places);

  /* Translators: “FILE: ok (3 points, 2 events, 1 place)”; keep “ok” for scripts if you can */
  g_print (_("%s: ok (%s, %s, %s)\n"), filename, points, events, places);
}

/* Returns TRUE when the file is a valid dataset or track file. */
static gboolean
check_file (const char *filename)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (filename);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OvfDataset) dataset = NULL;

  dataset = ovf_import_load_file (file, NULL, NULL, &diagnostics, &error);
  if (dataset == NULL)
    {
      for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
        {
          g_autofree char *line = ovf_diagnostic_format (g_ptr_array_index (diagnostics, i), filename);

          g_printerr ("%s\n", line);
        }
      if (diagnostics == NULL || diagnostics->len == 0)
        g_printerr ("%s: %s\n", filename, error->message);
      return FALSE;
    }

  print_ok (filename, dataset);
  return TRUE;
}

int
ovf_check_files (const char * const *filenames)
{
  gboolean all_valid = TRUE;

  g_return_val_if_fail (filenames != NULL, 1);

  for (guint i = 0; filenames[i] != NULL; i++)
    all_valid &= check_file (filenames[i]);

  return all_valid ? 0 : 1;
}
