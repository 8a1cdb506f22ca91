/* fuzz-dataset.c: libFuzzer target for the dataset loader
 *
 * Whatever the bytes, loading must end in either a dataset whose lookups
 * work or an error with located diagnostics, without crashing, leaking or
 * undefined behaviour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>

#include "ovf-dataset.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
exercise (OvfDataset *dataset)
{
  OvfTrack *track = ovf_dataset_get_main_track (dataset);
  GListModel *events = ovf_dataset_get_events (dataset);
  OvfTime start, end;

  ovf_dataset_get_time_span (dataset, &start, &end);
  g_assert (start <= end);
  g_assert (strlen (ovf_dataset_get_checksum (dataset)) == 64);

  if (track != NULL)
    {
      OvfTrackFix fix;

      for (int i = -1; i <= 8; i++)
        {
          ovf_track_locate (track, start + (end - start) / 8 * i, &fix);
          g_assert (fix.lat >= -90 && fix.lat <= 90);
          g_assert (fix.lon >= -180 && fix.lon < 180);
        }
    }

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(OvfEvent) event = g_list_model_get_item (events, i);
      OvfTime time = ovf_event_get_time (event);

      g_assert (ovf_dataset_find_event_at_or_before (dataset, time) >= (int) i);
      g_assert (ovf_dataset_find_next_event (dataset, time) != (int) i);
      g_assert (ovf_event_get_n_sources (event) > 0);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char * const languages[] = { "zh_CN", "de", NULL };
  g_autoptr(GBytes) bytes = g_bytes_new_static (data, size);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OvfDataset) dataset = NULL;

  dataset = ovf_dataset_load_from_bytes (bytes, languages, &diagnostics, &error);
  if (dataset != NULL)
    {
      g_assert (error == NULL && diagnostics->len == 0);
      exercise (dataset);
      return 0;
    }

  g_assert (error != NULL && error->domain == OVF_DATASET_ERROR);
  g_assert (diagnostics->len > 0 && diagnostics->len <= OVF_DATASET_MAX_DIAGNOSTICS + 1);
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = ovf_diagnostic_format (g_ptr_array_index (diagnostics, i), "fuzz.json");

      g_assert (g_utf8_validate (line, -1, NULL));
    }

  return 0;
}
