/* ovf-tile-tracker.h: counts the tiles asked for and still coming
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define OVF_TYPE_TILE_TRACKER (ovf_tile_tracker_get_type ())
G_DECLARE_FINAL_TYPE (OvfTileTracker, ovf_tile_tracker, OVF, TILE_TRACKER, GObject)

OvfTileTracker *ovf_tile_tracker_new           (void);
OvfTileTracker *ovf_tile_tracker_get_default   (void);

void            ovf_tile_tracker_begin         (OvfTileTracker *self);
void            ovf_tile_tracker_end           (OvfTileTracker *self,
                                                gboolean        filled);

guint           ovf_tile_tracker_get_pending   (OvfTileTracker *self);
guint64         ovf_tile_tracker_get_requested (OvfTileTracker *self);
guint64         ovf_tile_tracker_get_completed (OvfTileTracker *self);
guint64         ovf_tile_tracker_get_failed    (OvfTileTracker *self);

gboolean        ovf_tile_tracker_wait_idle     (OvfTileTracker *self,
                                                guint           timeout_ms);

G_END_DECLS
