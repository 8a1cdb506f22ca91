/* ovf-test-dataset.c: datasets made in memory for the tests and benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ovf-test-dataset.h"

OvfDataset *
ovf_test_dataset_new (const char    *title,
                      OvfTrackPoint *points,
                      guint          n_points)
{
  g_autoptr(OvfTrack) track = ovf_track_new ("balloon", "Balloon", points, n_points);

  return ovf_dataset_new_for_track (title, track);
}

static OvfTrackPoint *
flight_points (guint  n_points,
               double shift)
{
  OvfTrackPoint *points = g_new0 (OvfTrackPoint, n_points);
  OvfTime start = 0;

  g_assert_cmpuint (n_points, >=, 2);
  g_assert_true (ovf_time_parse_iso8601 ("2023-01-15T00:00:00Z", &start));
  for (guint i = 0; i < n_points; i++)
    {
      double f = (double) i / (n_points - 1);
      OvfTrackPoint *p = &points[i];

      p->time = start + (OvfTime) (f * 20 * OVF_TIME_DAY);
      p->lon = 111.5 + shift + f * (281.2 - 111.5) + 0.3 * sin (i / 900.0);
      p->lat = 19.3 + shift / 2 + 40 * sin (f * G_PI) * (1 - 0.4 * f) + 0.2 * cos (i / 1300.0);
      p->alt_m = (i / 40000) % 5 == 3 ? NAN : 18000 + 900 * sin (i / 5000.0);
      p->kind = (i / 50000) % 2 == 0 ? OVF_POINT_REPORTED : OVF_POINT_ESTIMATED;
    }
  return points;
}

OvfDataset *
ovf_test_flight_dataset (guint n_points)
{
  return ovf_test_dataset_new ("A generated flight", flight_points (n_points, 0), n_points);
}

OvfTrack *
ovf_test_track_new (const char *id,
                    const char *name,
                    double      lat1,
                    double      lon1,
                    double      lat2,
                    double      lon2,
                    guint       n_points)
{
  OvfTrackPoint *points = g_new0 (OvfTrackPoint, n_points);
  OvfTime start = 0;

  g_assert_cmpuint (n_points, >=, 2);
  g_assert_true (ovf_time_parse_iso8601 ("2023-02-01T00:00:00Z", &start));
  for (guint i = 0; i < n_points; i++)
    {
      double f = (double) i / (n_points - 1);

      points[i].time = start + (OvfTime) (f * OVF_TIME_DAY);
      points[i].lat = lat1 + f * (lat2 - lat1);
      points[i].lon = lon1 + f * (lon2 - lon1);
      points[i].alt_m = 18000;
      points[i].kind = OVF_POINT_REPORTED;
    }
  return ovf_track_new (id, name, points, n_points);
}

OvfDataset *
ovf_test_tracks_dataset (guint n_tracks,
                         guint n_points)
{
  g_autoptr(GPtrArray) tracks = g_ptr_array_new_with_free_func (g_object_unref);

  g_assert_cmpuint (n_points, >=, 2);
  for (guint i = 0; i < n_tracks; i++)
    {
      g_autofree char *id = i == 0 ? g_strdup ("balloon") : g_strdup_printf ("track-%u", i);
      g_autofree char *name = g_strdup_printf ("Flight %u", i + 1);

      g_ptr_array_add (tracks, ovf_track_new (id, name, flight_points (n_points, i * 0.05), n_points));
    }
  return ovf_dataset_new_for_tracks ("Generated flights", (OvfTrack **) tracks->pdata, tracks->len);
}
