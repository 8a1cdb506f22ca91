/* map-test-util.h: datasets and pixel probes shared by the map and export tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "ovf-dataset.h"
#include "ovf-overlay.h"

G_BEGIN_DECLS

/* A dataset with one track "balloon" from (lat1, lon1) at 2023-02-01T00Z
 * to (lat2, lon2) at 2023-02-02T00Z, both points of @kind ("reported" or
 * "estimated"), and one event "ev" at (event_lat, event_lon) at 12:00. */
OvfDataset *map_test_dataset             (double      lat1,
                                          double      lon1,
                                          double      lat2,
                                          double      lon2,
                                          const char *kind,
                                          double      event_lat,
                                          double      event_lon);
/* No track; @n_places places all at 40°N 100°W. */
OvfDataset *map_test_dataset_with_places    (guint n_places);
OvfTime     map_test_start               (void);
OvfTime     map_test_end                 (void);

/* Great-circle interpolation written out here, independent of ovf-geo. */
void        map_test_slerp               (double      lat1,
                                          double      lon1,
                                          double      lat2,
                                          double      lon2,
                                          double      f,
                                          double     *out_lat,
                                          double     *out_lon);
/* Web Mercator onto @view, from the formulas, without ovf-geo. */
/* A @width × @height view centred on (@lat, @lon) at @zoom. */
OvfMapView  map_test_view_at             (double      lat,
                                          double      lon,
                                          double      zoom,
                                          double      width,
                                          double      height);
void        map_test_project             (const OvfMapView *view,
                                          double      lat,
                                          double      lon,
                                          double     *out_x,
                                          double     *out_y);

/* Un-premultiplied RGBA of an ARGB32 pixel, each 0..1. */
void        map_test_pixel               (cairo_surface_t *surface,
                                          int         x,
                                          int         y,
                                          double      rgba[4]);
/* The centre of the largest disc of nearly opaque pixels close to
 * @rgb within @radius of (x, y): found by the columns where it is
 * much taller than a line. FALSE when there is none. */
gboolean    map_test_find_disc           (cairo_surface_t *surface,
                                          double      x,
                                          double      y,
                                          double      radius,
                                          const double rgb[3],
                                          double     *out_x,
                                          double     *out_y);

G_END_DECLS
