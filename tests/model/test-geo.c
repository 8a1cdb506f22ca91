/* test-geo.c: times and spherical geometry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ovf-geo.h"
#include "ovf-time.h"

/* 2023-02-04T19:39:00Z, from `date -u -d 2023-02-04T19:39:00Z +%s`. */
#define SHOOTDOWN_UNIX 1675539540

static void
test_time_parse (void)
{
  OvfTime t;

  g_assert_true (ovf_time_parse_iso8601 ("2023-02-04T19:39:00Z", &t));
  g_assert_cmpint (t, ==, (gint64) SHOOTDOWN_UNIX * G_USEC_PER_SEC);

  /* The same instant written in other zones and forms. */
  g_assert_true (ovf_time_parse_iso8601 ("2023-02-04T14:39:00-05:00", &t));
  g_assert_cmpint (t, ==, (gint64) SHOOTDOWN_UNIX * G_USEC_PER_SEC);
  g_assert_true (ovf_time_parse_iso8601 ("2023-02-05T03:39+0800", &t));
  g_assert_cmpint (t, ==, (gint64) SHOOTDOWN_UNIX * G_USEC_PER_SEC);
  g_assert_true (ovf_time_parse_iso8601 ("2023-02-04t19:39:00.250z", &t));
  g_assert_cmpint (t, ==, (gint64) SHOOTDOWN_UNIX * G_USEC_PER_SEC + 250000);

  /* Leap days, and dates before the epoch. */
  g_assert_true (ovf_time_parse_iso8601 ("2024-02-29T00:00:00Z", &t));
  g_assert_cmpint (t, ==, (gint64) 1709164800 * G_USEC_PER_SEC);
  g_assert_true (ovf_time_parse_iso8601 ("1969-12-31T23:59:59Z", &t));
  g_assert_cmpint (t, ==, -G_USEC_PER_SEC);
}

static void
test_time_parse_refuses (void)
{
  const char *bad[] = {
    "2023-02-04T19:39:00",          /* no zone */
    "2023-02-04",                   /* no time */
    "2023-02-29T00:00:00Z",         /* not a leap year */
    "2023-13-01T00:00:00Z",
    "2023-02-04T24:00:00Z",
    "2023-02-04T19:60:00Z",
    "2023-02-04T19:39:61Z",
    "2023-02-04T19:39:00+25:00",
    "2023-02-04T19:39:00.Z",
    "2023-02-04T19:39:00Zjunk",
    "2023-02-04 19:39:00Z",
    "23-02-04T19:39:00Z",
    "",
  };
  OvfTime t;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (ovf_time_parse_iso8601 (bad[i], &t));
  g_assert_false (ovf_time_parse_iso8601 (NULL, &t));
}

static void
test_time_format (void)
{
  g_autofree char *text = ovf_time_format_iso8601 ((gint64) SHOOTDOWN_UNIX * G_USEC_PER_SEC + 999999);
  g_autofree char *before_epoch = ovf_time_format_iso8601 (-1);
  g_autoptr(GTimeZone) zone = g_time_zone_new_offset (-5 * 3600);
  g_autoptr(GDateTime) local = ovf_time_to_date_time ((gint64) SHOOTDOWN_UNIX * G_USEC_PER_SEC, zone);

  g_assert_cmpstr (text, ==, "2023-02-04T19:39:00Z");   /* sub-seconds dropped */
  g_assert_cmpstr (before_epoch, ==, "1969-12-31T23:59:59Z");
  g_assert_cmpint (g_date_time_get_hour (local), ==, 14);
}

static void
test_normalize (void)
{
  g_assert_cmpfloat (ovf_geo_normalize_lon (180.0), ==, -180.0);
  g_assert_cmpfloat (ovf_geo_normalize_lon (-180.0), ==, -180.0);
  g_assert_cmpfloat (ovf_geo_normalize_lon (181.5), ==, -178.5);
  g_assert_cmpfloat (ovf_geo_normalize_lon (359.0), ==, -1.0);
  g_assert_cmpfloat (ovf_geo_normalize_lon (-540.0), ==, -180.0);
  g_assert_cmpfloat (ovf_geo_unwrap_lon (-179.5, 179.5), ==, 180.5);
  g_assert_cmpfloat (ovf_geo_unwrap_lon (179.5, -179.5), ==, -180.5);
  g_assert_cmpfloat (ovf_geo_unwrap_lon (10.0, 20.0), ==, 10.0);
}

typedef struct
{
  double lat1, lon1, lat2, lon2, fraction;
  double lat, lon;
} Expected;

/* Computed independently of ovf_geo_interpolate (which slerps unit vectors)
 * with the navigation formulas in /usr/bin/python3: the initial bearing
 * θ = atan2(sin Δλ cos φ2, cos φ1 sin φ2 − sin φ1 cos φ2 cos Δλ), the
 * haversine angle δ, then the destination at f·δ along θ:
 * φ = asin(sin φ1 cos fδ + cos φ1 sin fδ cos θ),
 * λ = λ1 + atan2(sin θ sin fδ cos φ1, cos fδ − sin φ1 sin φ). */
static const Expected great_circle[] = {
  /* Across the antimeridian near the Aleutians: the short way. */
  { 50, 179.5, 51, -179.5, 0.5, 50.501070679, 179.994706597 },
  /* Northern Canada towards the Carolinas. */
  { 60, -140, 33.62, -78.8, 0.25, 56.922120977, -118.126846437 },
  /* Hainan to Myrtle Beach: the great circle passes near the pole. */
  { 19.3, 111.5, 33.62, -78.8, 0.5, 77.619886502, 161.600469580 },
  { 55, -165, 60, -140, 0.75, 59.230326252, -146.869362639 },
  /* On the equator the midpoint is exact. */
  { 0, 0, 0, 90, 0.5, 0, 45 },
};

static void
test_interpolate (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (great_circle); i++)
    {
      const Expected *e = &great_circle[i];
      double lat, lon;

      ovf_geo_interpolate (e->lat1, e->lon1, e->lat2, e->lon2, e->fraction, &lat, &lon);
      g_assert_cmpfloat_with_epsilon (lat, e->lat, 1e-8);
      g_assert_cmpfloat_with_epsilon (lon, e->lon, 1e-8);
    }
}

static void
test_interpolate_ends (void)
{
  double lat, lon;

  ovf_geo_interpolate (50, 179.5, 51, -179.5, 0.0, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, 50, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, 179.5, 1e-9);
  ovf_geo_interpolate (50, 179.5, 51, -179.5, 1.0, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, 51, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, -179.5, 1e-9);

  /* Unwrapped input gives the same point as wrapped. */
  ovf_geo_interpolate (50, 179.5, 51, 180.5, 0.5, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, 50.501070679, 1e-8);
  g_assert_cmpfloat_with_epsilon (lon, 179.994706597, 1e-8);

  /* Coincident points stay put. */
  ovf_geo_interpolate (10, 20, 10, 20, 0.3, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, 10, 1e-12);
  g_assert_cmpfloat_with_epsilon (lon, 20, 1e-12);
}

static void
test_distance (void)
{
  /* One degree of a great circle: 2πR / 360. */
  g_assert_cmpfloat_with_epsilon (ovf_geo_distance_m (0, 0, 0, 1), 111195.0802, 0.001);
  /* The antimeridian hop above: 131780.656 m by the haversine in Python. */
  g_assert_cmpfloat_with_epsilon (ovf_geo_distance_m (50, 179.5, 51, -179.5), 131780.656, 0.01);
  g_assert_cmpfloat (ovf_geo_distance_m (33.6, -78.8, 33.6, -78.8), ==, 0.0);
}

static void
test_mercator (void)
{
  double x, y, lat, lon;

  ovf_geo_to_mercator (0, 0, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0.5, 1e-12);

  ovf_geo_to_mercator (OVF_MERCATOR_MAX_LAT, -180, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, 0.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (y, 0.0, 1e-9);
  ovf_geo_to_mercator (89.9, 180.5, &x, &y);   /* clamped; unwrapped x runs past 1 */
  g_assert_cmpfloat_with_epsilon (y, 0.0, 1e-9);
  g_assert_cmpfloat (x, >, 1.0);

  ovf_geo_to_mercator (33.62, -78.8, &x, &y);
  ovf_geo_from_mercator (x, y, &lat, &lon);
  g_assert_cmpfloat_with_epsilon (lat, 33.62, 1e-9);
  g_assert_cmpfloat_with_epsilon (lon, -78.8, 1e-9);
}

static void
test_time_count_before (void)
{
  const OvfTime times[] = { 10, 20, 20, 30 };
  const struct { OvfTime time; double value; } items[] = { { 10, 1.0 }, { 20, 2.0 }, { 30, 3.0 } };

  g_assert_cmpuint (ovf_time_count_before (times, sizeof (OvfTime), 4, 5, FALSE), ==, 0);
  g_assert_cmpuint (ovf_time_count_before (times, sizeof (OvfTime), 4, 20, FALSE), ==, 1);
  g_assert_cmpuint (ovf_time_count_before (times, sizeof (OvfTime), 4, 20, TRUE), ==, 3);
  g_assert_cmpuint (ovf_time_count_before (times, sizeof (OvfTime), 4, 25, FALSE), ==, 3);
  g_assert_cmpuint (ovf_time_count_before (times, sizeof (OvfTime), 4, 30, TRUE), ==, 4);
  g_assert_cmpuint (ovf_time_count_before (times, sizeof (OvfTime), 0, 30, TRUE), ==, 0);

  /* The time member of an array of structs. */
  g_assert_cmpuint (ovf_time_count_before (&items[0].time, sizeof items[0], 3, 20, FALSE), ==, 1);
  g_assert_cmpuint (ovf_time_count_before (&items[0].time, sizeof items[0], 3, 20, TRUE), ==, 2);
  g_assert_cmpuint (ovf_time_count_before (&items[0].time, sizeof items[0], 3, 31, TRUE), ==, 3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/time/parse", test_time_parse);
  g_test_add_func ("/model/time/parse-refuses", test_time_parse_refuses);
  g_test_add_func ("/model/time/format", test_time_format);
  g_test_add_func ("/model/time/count-before", test_time_count_before);
  g_test_add_func ("/model/geo/normalize", test_normalize);
  g_test_add_func ("/model/geo/interpolate", test_interpolate);
  g_test_add_func ("/model/geo/interpolate-ends", test_interpolate_ends);
  g_test_add_func ("/model/geo/distance", test_distance);
  g_test_add_func ("/model/geo/mercator", test_mercator);

  return g_test_run ();
}
