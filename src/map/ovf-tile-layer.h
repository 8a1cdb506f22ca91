/* ovf-tile-layer.h: the built-in map's tiles on the map widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "ovf-basemap-source.h"

G_BEGIN_DECLS

#define OVF_TYPE_TILE_LAYER (ovf_tile_layer_get_type ())
G_DECLARE_FINAL_TYPE (OvfTileLayer, ovf_tile_layer, OVF, TILE_LAYER, ShumateLayer)

OvfTileLayer     *ovf_tile_layer_new                  (ShumateViewport  *viewport,
                                                       OvfBasemapSource *source);

void              ovf_tile_layer_prefetch             (OvfTileLayer     *self,
                                                       int               width,
                                                       int               height);
void              ovf_tile_layer_set_first_frame_wait (OvfTileLayer     *self,
                                                       GTimeSpan         wait);
guint             ovf_tile_layer_get_drawn            (OvfTileLayer     *self);
guint             ovf_tile_layer_get_missing          (OvfTileLayer     *self);

G_END_DECLS
