/* bench-model.c: how fast datasets load and positions are found
 *
 * Usage: bench-model BIG-DATASET
 * Prints the mean time to load the bundled dataset, to load BIG-DATASET
 * (made by gen-big-dataset.py) and to locate a position on its track.
 * Goals on the reference machine: under 5 ms, under 1.5 s, under 1 µs.
 * Each figure is given as wall-clock time and as the CPU time the process
 * used, which stays meaningful on a busy machine.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <time.h>

#include "bench-util.h"
#include "ovf-dataset.h"
#include "ovf-bundled.h"

#define BUNDLED_LOADS 200
#define BIG_LOADS 3
#define LOOKUPS 1000000

static const char * const english[] = { "en", NULL };

typedef struct
{
  gint64 wall;
  gint64 cpu;
} Clock;

/* Microseconds, as g_get_monotonic_time () counts. */
static gint64
cpu_now (void)
{
  return ovf_bench_cpu_ns (CLOCK_PROCESS_CPUTIME_ID) / 1000;
}

static Clock
clock_start (void)
{
  return (Clock) { g_get_monotonic_time (), cpu_now () };
}

/* Microseconds since @start, wall and CPU. */
static Clock
clock_since (Clock start)
{
  return (Clock) { g_get_monotonic_time () - start.wall, cpu_now () - start.cpu };
}

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
  g_autoptr(GBytes) bytes = NULL;
  Clock start, elapsed;

  bytes = ovf_bundled_dataset_bytes ();
  g_assert_nonnull (bytes);

  g_object_unref (load (bytes));   /* warm up */
  start = clock_start ();
  for (guint i = 0; i < BUNDLED_LOADS; i++)
    g_object_unref (load (bytes));
  elapsed = clock_since (start);

  g_print ("bundled dataset (%zu bytes): %.3f ms per load (CPU %.3f ms), mean of %u\n",
           g_bytes_get_size (bytes), elapsed.wall / 1000.0 / BUNDLED_LOADS,
           elapsed.cpu / 1000.0 / BUNDLED_LOADS, BUNDLED_LOADS);
}

static OvfDataset *
bench_big (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);
  g_autoptr(GBytes) bytes = NULL;
  OvfDataset *dataset = NULL;
  Clock total = { 0, 0 };

  g_assert_no_error (error);
  bytes = g_mapped_file_get_bytes (mapped);

  for (guint i = 0; i < BIG_LOADS; i++)
    {
      Clock start, elapsed;

      g_clear_object (&dataset);
      start = clock_start ();
      dataset = load (bytes);
      elapsed = clock_since (start);
      total.wall += elapsed.wall;
      total.cpu += elapsed.cpu;
    }

  g_print ("%u-point dataset (%zu bytes): %.3f s per load (CPU %.3f s), mean of %u\n",
           ovf_track_get_n_points (ovf_dataset_get_main_track (dataset)), g_bytes_get_size (bytes),
           total.wall / 1e6 / BIG_LOADS, total.cpu / 1e6 / BIG_LOADS, BIG_LOADS);
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
  Clock start, elapsed;

  /* Random instants, drawn before timing, a little beyond both ends. */
  for (guint i = 0; i < LOOKUPS; i++)
    times[i] = first - OVF_TIME_HOUR + (OvfTime) (g_rand_double (rand) * (last - first + 2 * OVF_TIME_HOUR));

  start = clock_start ();
  for (guint i = 0; i < LOOKUPS; i++)
    {
      OvfTrackFix fix;

      ovf_track_locate (track, times[i], &fix);
      checksum += fix.lat;
    }
  elapsed = clock_since (start);

  g_print ("position lookups on %u points: %.1f ns per lookup (CPU %.1f ns), mean of %u"
           " (mean latitude %.3f)\n", ovf_track_get_n_points (track), elapsed.wall * 1000.0 / LOOKUPS,
           elapsed.cpu * 1000.0 / LOOKUPS, LOOKUPS, checksum / LOOKUPS);
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
