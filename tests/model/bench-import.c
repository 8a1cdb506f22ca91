/* bench-import.c: how fast a big track file opens, and GPSBabel beside it
 *
 * Usage: bench-import FILE FORMAT
 * Prints the time to read FILE (made by gen-big-track.py) into a dataset,
 * wall-clock and CPU, the process's peak memory, and, when gpsbabel is
 * installed, the time GPSBabel takes to convert the same file to GeoJSON
 * (FORMAT is its input format: gpx or unicsv). Goal: under 2 s for a
 * million points, and faster than GPSBabel.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <time.h>

#include "bench-util.h"
#include "ovf-import.h"

static void
bench_gpsbabel (const char *path,
                const char *format)
{
  g_autofree char *gpsbabel = g_find_program_in_path ("gpsbabel");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  gint64 start;

  if (gpsbabel == NULL)
    {
      g_print ("gpsbabel: not installed, no comparison\n");
      return;
    }

  start = g_get_monotonic_time ();
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                              gpsbabel, "-i", format, "-f", path, "-o", "geojson", "-F", "/dev/null", NULL);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
  g_print ("gpsbabel -i %s -f FILE -o geojson: %.0f ms\n", format, ovf_bench_ms_since (start));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OvfDataset) dataset = NULL;
  g_autoptr(OvfTrack) track = NULL;
  gint64 start, cpu_start;

  if (argc != 3)
    g_error ("usage: %s FILE GPSBABEL-FORMAT", argv[0]);

  file = g_file_new_for_path (argv[1]);
  start = g_get_monotonic_time ();
  cpu_start = ovf_bench_cpu_ns (CLOCK_PROCESS_CPUTIME_ID);
  dataset = ovf_import_load_file (file, NULL, NULL, NULL, &error);
  if (dataset == NULL)
    g_error ("%s", error->message);
  track = g_list_model_get_item (ovf_dataset_get_tracks (dataset), 0);

  g_print ("%s (%s, %u points): %.0f ms (CPU %.0f ms), peak memory %" G_GINT64_FORMAT " MiB\n",
           argv[1], ovf_dataset_get_import_format (dataset), ovf_track_get_n_points (track),
           ovf_bench_ms_since (start), (ovf_bench_cpu_ns (CLOCK_PROCESS_CPUTIME_ID) - cpu_start) / 1e6,
           ovf_bench_rss_kib ("VmHWM:") / 1024);
  bench_gpsbabel (argv[1], argv[2]);

  return 0;
}
