/* bench-model.c: how fast datasets load and positions are found
 *
 * Usage: bench-model BIG-DATASET
 * Prints the mean time to load the bundled dataset, to load BIG-DATASET
 * (made by gen-big-dataset.py) and to locate a position on its track.
 * Goals on the reference machine: under 5 ms, under 1.5 s, under 1 µs.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ovf-dataset.h"
#include "ovf-resources.h"

#define BUNDLED_LOADS 200
#define BIG_LOADS 3
#define LOOKUPS 1000000

static const char * const english[] = { "en", NULL };

static OvfDataset *
load (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  OvfDataset *dataset = ovf_dataset_load_from_bytes (bytes, english, NULL, &error);

  if (dataset == NULL)
    g_error ("%s", error->message);
  return dataset;
}

static void
bench_bundled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gint64 start;

  ovf_resources_register ();
  bytes = g_resources_lookup_data (OVF_RESOURCE_DATASET, 0, &error);
  g_assert_no_error (error);

  g_object_unref (load (bytes));   /* warm up */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < BUNDLED_LOADS; i++)
    g_object_unref (load (bytes));

  g_print ("bundled dataset (%zu bytes): %.3f ms per load, mean of %u\n",
           g_bytes_get_size (bytes),
           (g_get_monotonic_time () - start) / 1000.0 / BUNDLED_LOADS, BUNDLED_LOADS);
}

static OvfDataset *
bench_big (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);
  g_autoptr(GBytes) bytes = NULL;
  OvfDataset *dataset = NULL;
  gint64 total = 0;

  g_assert_no_error (error);
  bytes = g_mapped_file_get_bytes (mapped);

  for (guint i = 0; i < BIG_LOADS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      g_clear_object (&dataset);
      dataset = load (bytes);
      total += g_get_monotonic_time () - start;
    }

  g_print ("%u-point dataset (%zu bytes): %.3f s per load, mean of %u\n",
           ovf_track_get_n_points (ovf_dataset_get_main_track (dataset)),
           g_bytes_get_size (bytes), total / 1e6 / BIG_LOADS, BIG_LOADS);
  return dataset;
}

static void
bench_lookups (OvfTrack *track)
{
  g_autofree OvfTime *times = g_new (OvfTime, LOOKUPS);
  g_autoptr(GRand) rand = g_rand_new_with_seed (2023);
  OvfTime first = ovf_track_get_start_time (track);
  OvfTime last = ovf_track_get_end_time (track);
  double checksum = 0;
  gint64 start, elapsed;

  /* Random instants, drawn before timing, a little beyond both ends. */
  for (guint i = 0; i < LOOKUPS; i++)
    times[i] = first - OVF_TIME_HOUR + (OvfTime) (g_rand_double (rand) * (last - first + 2 * OVF_TIME_HOUR));

  start = g_get_monotonic_time ();
  for (guint i = 0; i < LOOKUPS; i++)
    {
      OvfTrackFix fix;

      ovf_track_locate (track, times[i], &fix);
      checksum += fix.lat;
    }
  elapsed = g_get_monotonic_time () - start;

  g_print ("position lookups on %u points: %.1f ns per lookup, mean of %u (mean latitude %.3f)\n",
           ovf_track_get_n_points (track), elapsed * 1000.0 / LOOKUPS, LOOKUPS, checksum / LOOKUPS);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(OvfDataset) big = NULL;

  if (argc != 2)
    {
      g_printerr ("usage: %s BIG-DATASET\n", argv[0]);
      return 1;
    }

  bench_bundled ();
  big = bench_big (argv[1]);
  bench_lookups (ovf_dataset_get_main_track (big));

  return 0;
}
