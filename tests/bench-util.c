/* bench-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "bench-util.h"
#include "ovf-model-private.h"

gint64
ovf_bench_cpu_ns (clockid_t clock)
{
  struct timespec now;

  clock_gettime (clock, &now);
  return (gint64) now.tv_sec * 1000000000 + now.tv_nsec;
}

double
ovf_bench_ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

gint64
ovf_bench_rss_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  return line ? g_ascii_strtoll (line + strlen (field) + 1, NULL, 10) : -1;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

double
ovf_bench_percentile (GArray *samples,
                      double  p)
{
  g_array_sort (samples, compare_double);
  return g_array_index (samples, double, MIN (samples->len - 1, (guint) floor (p * (samples->len - 1) + 0.5)));
}

/* A balloon-like flight from Hainan to South Carolina across the
 * antimeridian, with wobbles, in stretches of reported and estimated points;
 * built in memory, as parsing it would measure the loader. */
OvfDataset *
ovf_bench_flight_dataset (guint n_points)
{
  OvfDataset *dataset = g_object_new (OVF_TYPE_DATASET, NULL);
  OvfTrack *track = g_object_new (OVF_TYPE_TRACK, NULL);
  OvfTime start = 0;

  g_assert_true (ovf_time_parse_iso8601 ("2023-01-15T00:00:00Z", &start));
  track->id = g_strdup ("balloon");
  track->name = g_strdup ("Balloon");
  track->n_points = n_points;
  track->points = g_new0 (OvfTrackPoint, n_points);
  for (guint i = 0; i < n_points; i++)
    {
      double f = (double) i / (n_points - 1);
      OvfTrackPoint *p = &track->points[i];

      p->time = start + (OvfTime) (f * 20 * OVF_TIME_DAY);
      p->lon = 111.5 + f * (281.2 - 111.5) + 0.3 * sin (i / 900.0);
      p->lat = 19.3 + 40 * sin (f * G_PI) * (1 - 0.4 * f) + 0.2 * cos (i / 1300.0);
      p->alt_m = 18000;
      p->kind = (i / 50000) % 2 == 0 ? OVF_POINT_REPORTED : OVF_POINT_ESTIMATED;
    }

  dataset->title = g_strdup ("A generated flight");
  g_list_store_append (dataset->tracks, track);
  g_object_unref (track);
  ovf_dataset_finish (dataset);
  return dataset;
}
