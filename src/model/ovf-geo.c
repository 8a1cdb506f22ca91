/* ovf-geo.c: spherical and Web Mercator geometry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ovf-geo.h"

#define DEG_TO_RAD (G_PI / 180.0)
#define RAD_TO_DEG (180.0 / G_PI)

double
ovf_geo_normalize_lon (double lon)
{
  double wrapped = fmod (lon + 180.0, 360.0);

  if (wrapped < 0)
    wrapped += 360.0;

  return wrapped - 180.0;
}

double
ovf_geo_unwrap_lon (double lon,
                    double reference)
{
  return reference + ovf_geo_normalize_lon (lon - reference);
}

/* Haversine, which stays accurate for short distances. */
double
ovf_geo_distance_m (double lat1,
                    double lon1,
                    double lat2,
                    double lon2)
{
  double phi1 = lat1 * DEG_TO_RAD;
  double phi2 = lat2 * DEG_TO_RAD;
  double dphi = phi2 - phi1;
  double dlambda = (lon2 - lon1) * DEG_TO_RAD;
  double a = sin (dphi / 2) * sin (dphi / 2) +
             cos (phi1) * cos (phi2) * sin (dlambda / 2) * sin (dlambda / 2);

  return 2 * OVF_EARTH_RADIUS_M * asin (MIN (1.0, sqrt (a)));
}

static void
to_vector (double  lat,
           double  lon,
           double  v[3])
{
  double phi = lat * DEG_TO_RAD;
  double lambda = lon * DEG_TO_RAD;

  v[0] = cos (phi) * cos (lambda);
  v[1] = cos (phi) * sin (lambda);
  v[2] = sin (phi);
}

void
ovf_geo_interpolate (double  lat1,
                     double  lon1,
                     double  lat2,
                     double  lon2,
                     double  fraction,
                     double *out_lat,
                     double *out_lon)
{
  double a[3], b[3], v[3];
  double cross[3];
  double angle, sin_angle, wa, wb;

  to_vector (lat1, lon1, a);
  to_vector (lat2, lon2, b);
  cross[0] = a[1] * b[2] - a[2] * b[1];
  cross[1] = a[2] * b[0] - a[0] * b[2];
  cross[2] = a[0] * b[1] - a[1] * b[0];
  /* For unit vectors |a × b| is the sine of the angle between them, and
   * atan2 of it and the dot product keeps precision for tiny angles. */
  sin_angle = sqrt (cross[0] * cross[0] + cross[1] * cross[1] + cross[2] * cross[2]);
  angle = atan2 (sin_angle, a[0] * b[0] + a[1] * b[1] + a[2] * b[2]);

  if (sin_angle < 1e-12)
    {
      /* Coincident (or antipodal, where no great circle is preferred):
       * blend linearly, which is exact for coincident points. */
      wa = 1.0 - fraction;
      wb = fraction;
    }
  else
    {
      wa = sin ((1.0 - fraction) * angle) / sin_angle;
      wb = sin (fraction * angle) / sin_angle;
    }

  for (int i = 0; i < 3; i++)
    v[i] = wa * a[i] + wb * b[i];

  if (out_lat != NULL)
    *out_lat = atan2 (v[2], sqrt (v[0] * v[0] + v[1] * v[1])) * RAD_TO_DEG;
  if (out_lon != NULL)
    *out_lon = ovf_geo_normalize_lon (atan2 (v[1], v[0]) * RAD_TO_DEG);
}

void
ovf_geo_to_mercator (double  lat,
                     double  lon,
                     double *out_x,
                     double *out_y)
{
  double phi = CLAMP (lat, -OVF_MERCATOR_MAX_LAT, OVF_MERCATOR_MAX_LAT) * DEG_TO_RAD;

  if (out_x != NULL)
    *out_x = (lon + 180.0) / 360.0;
  if (out_y != NULL)
    *out_y = (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0;
}

void
ovf_geo_from_mercator (double  x,
                       double  y,
                       double *out_lat,
                       double *out_lon)
{
  if (out_lat != NULL)
    *out_lat = atan (sinh (G_PI * (1.0 - 2.0 * y))) * RAD_TO_DEG;
  if (out_lon != NULL)
    *out_lon = x * 360.0 - 180.0;
}
