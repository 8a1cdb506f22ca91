/* ovf-area.h: a region on the map, such as the debris field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ovf-time.h"

G_BEGIN_DECLS

#define OVF_TYPE_AREA (ovf_area_get_type ())
G_DECLARE_FINAL_TYPE (OvfArea, ovf_area, OVF, AREA, GObject)

typedef struct
{
  double lat;
  double lon;
} OvfLatLon;

const char      *ovf_area_get_id          (OvfArea  *self);
const char      *ovf_area_get_name        (OvfArea  *self);
const char      *ovf_area_get_description (OvfArea  *self);
/* An area is either a circle (radius_m > 0) or a polygon (n_vertices >= 3). */
gboolean         ovf_area_is_circle       (OvfArea  *self);
OvfLatLon        ovf_area_get_center      (OvfArea  *self);   /* the circle's centre, or the polygon's vertex mean */
double           ovf_area_get_radius_m    (OvfArea  *self);   /* 0 for a polygon */
const OvfLatLon *ovf_area_get_polygon     (OvfArea  *self,
                                           guint    *n_vertices);
OvfTime          ovf_area_get_time        (OvfArea  *self);   /* OVF_TIME_NONE: always applies from the start */
OvfTime          ovf_area_get_end_time    (OvfArea  *self);   /* OVF_TIME_NONE: applies to the end */
gboolean         ovf_area_applies_at      (OvfArea  *self,
                                           OvfTime   time);

G_END_DECLS
