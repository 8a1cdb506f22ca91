/* ovf-path-layer.h: the overlay as a libshumate layer, with clickable events
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "ovf-overlay.h"
#include "ovf-session.h"

G_BEGIN_DECLS

#define OVF_TYPE_PATH_LAYER (ovf_path_layer_get_type ())
G_DECLARE_FINAL_TYPE (OvfPathLayer, ovf_path_layer, OVF, PATH_LAYER, ShumateLayer)

OvfPathLayer *ovf_path_layer_new         (ShumateViewport *viewport,
                                          OvfOverlay      *overlay);
OvfOverlay   *ovf_path_layer_get_overlay (OvfPathLayer    *self);
void          ovf_path_layer_add_reserved_widget (OvfPathLayer *self,
                                                  GtkWidget    *widget);
/* The layer's current view at its own size, for export; a map rotation
 * is left out, as exports are always north up. */
void          ovf_path_layer_get_map_view (OvfPathLayer   *self,
                                           OvfMapView     *out_view);

/* The overlay then shows @session's dataset, time and selected event, and
 * a click on an event's marker selects it in @session (nullable). */
void          ovf_path_layer_set_session (OvfPathLayer    *self,
                                          OvfSession      *session);

G_END_DECLS
