/* ovf-geo.h: spherical and Web Mercator geometry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define OVF_EARTH_RADIUS_M 6371008.8
/* Web Mercator's latitude limit: the unit square's edge. */
#define OVF_MERCATOR_MAX_LAT 85.0511287798066

/* Wraps any longitude into [-180, 180). */
double ovf_geo_normalize_lon        (double lon);
/* Returns lon moved by a multiple of 360 to lie within 180 of reference,
 * so that a path crossing the antimeridian stays continuous. */
double ovf_geo_unwrap_lon           (double lon,
                                     double reference);
double ovf_geo_distance_m           (double lat1,
                                     double lon1,
                                     double lat2,
                                     double lon2);
/* Great-circle (spherical linear) interpolation; fraction 0 gives point 1,
 * 1 gives point 2. The result's longitude is normalized. */
void   ovf_geo_interpolate          (double  lat1,
                                     double  lon1,
                                     double  lat2,
                                     double  lon2,
                                     double  fraction,
                                     double *out_lat,
                                     double *out_lon);
/* Web Mercator in the unit square: x in [0, 1) eastwards from -180°,
 * y in [0, 1] southwards from the top edge. Longitudes outside
 * [-180, 180) give x outside [0, 1), which keeps unwrapped paths
 * continuous; latitudes are clamped to the Mercator limit. */
void   ovf_geo_to_mercator          (double  lat,
                                     double  lon,
                                     double *out_x,
                                     double *out_y);
void   ovf_geo_from_mercator        (double  x,
                                     double  y,
                                     double *out_lat,
                                     double *out_lon);

G_END_DECLS
