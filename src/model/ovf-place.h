/* ovf-place.h: a named place of interest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define OVF_TYPE_PLACE (ovf_place_get_type ())
G_DECLARE_FINAL_TYPE (OvfPlace, ovf_place, OVF, PLACE, GObject)

typedef enum
{
  OVF_PLACE_MILITARY,
  OVF_PLACE_AIRPORT,
  OVF_PLACE_CITY,
  OVF_PLACE_REGION,
  OVF_PLACE_OTHER,
} OvfPlaceCategory;

const char       *ovf_place_get_id          (OvfPlace *self);
const char       *ovf_place_get_name        (OvfPlace *self);
double            ovf_place_get_latitude    (OvfPlace *self);
double            ovf_place_get_longitude   (OvfPlace *self);
OvfPlaceCategory  ovf_place_get_category    (OvfPlace *self);
const char       *ovf_place_get_description (OvfPlace *self);

const char       *ovf_place_category_to_string   (OvfPlaceCategory  category);
gboolean          ovf_place_category_from_string (const char       *text,
                                                  OvfPlaceCategory *out_category);

G_END_DECLS
