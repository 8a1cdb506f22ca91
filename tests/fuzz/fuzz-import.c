/* fuzz-import.c: libFuzzer target for one track file reader
 *
 * Built once per reader, with OVF_FUZZ_READER naming it (ovf_import_read_xml,
 * _csv or _trace). Whatever the bytes, the reader must end with either
 * points that pass the import rules or located problems, without crashing,
 * leaking or undefined behaviour; and a dataset built from the same bytes
 * must answer its lookups.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdint.h>

#include "ovf-import-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_import (OvfImport *import)
{
  for (guint i = 0; i < import->diagnostics->len; i++)
    {
      g_autofree char *line = ovf_diagnostic_format (g_ptr_array_index (import->diagnostics, i), "fuzz");

      g_assert (g_utf8_validate (line, -1, NULL));
    }
  g_assert (import->diagnostics->len <= OVF_DATASET_MAX_DIAGNOSTICS + 1);
  g_assert ((import->n_problems == 0) == (import->diagnostics->len == 0));
  if (import->n_problems > 0)
    return;

  for (guint i = 0; i < import->tracks->len; i++)
    {
      OvfImportTrack *track = g_ptr_array_index (import->tracks, i);

      for (guint j = 0; j < track->points->len; j++)
        {
          OvfTrackPoint *point = &g_array_index (track->points, OvfTrackPoint, j);

          g_assert (point->lat >= -90 && point->lat <= 90 && isfinite (point->lon));
        }
    }
}

static void
check_dataset (const uint8_t *data,
               size_t         size)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(OvfDataset) dataset = ovf_import_load_bytes (bytes, "fuzz", NULL, NULL, &error);
  GListModel *tracks;

  if (dataset == NULL)
    return;
  tracks = ovf_dataset_get_tracks (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (tracks); i++)
    {
      g_autoptr(OvfTrack) track = g_list_model_get_item (tracks, i);
      OvfTrackFix fix;

      g_assert (ovf_track_get_n_points (track) > 0);
      if (ovf_track_has_times (track))
        ovf_track_locate (track, ovf_track_get_start_time (track) + 1, &fix);
      else
        g_object_unref (ovf_track_spread_times (track, 0, OVF_TIME_HOUR));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) diagnostics = g_ptr_array_new_with_free_func ((GDestroyNotify) ovf_diagnostic_free);
  OvfImport import;

  ovf_import_init (&import, "fuzz", diagnostics);
  OVF_FUZZ_READER (&import, (const char *) data, size);
  check_import (&import);
  ovf_import_clear (&import);

  check_dataset (data, size);
  return 0;
}
