/* ovf-overlay.h: everything drawn over the basemap, on screen and in exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "ovf-dataset.h"
#include "ovf-label-placer.h"
#include "ovf-map-view.h"

G_BEGIN_DECLS

#define OVF_TYPE_OVERLAY (ovf_overlay_get_type ())
G_DECLARE_FINAL_TYPE (OvfOverlay, ovf_overlay, OVF, OVERLAY, GObject)

OvfOverlay *ovf_overlay_new                 (void);

OvfDataset *ovf_overlay_get_dataset         (OvfOverlay       *self);
void        ovf_overlay_set_dataset         (OvfOverlay       *self,
                                             OvfDataset       *dataset);
OvfTime     ovf_overlay_get_time            (OvfOverlay       *self);
void        ovf_overlay_set_time            (OvfOverlay       *self,
                                             OvfTime           time);
OvfEvent   *ovf_overlay_get_selected_event  (OvfOverlay       *self);
void        ovf_overlay_set_selected_event  (OvfOverlay       *self,
                                             OvfEvent         *event);
gboolean    ovf_overlay_get_dark            (OvfOverlay       *self);
void        ovf_overlay_set_dark            (OvfOverlay       *self,
                                             gboolean          dark);
/* Hidden tracks are left out of the frame: path, marker and label. */
gboolean    ovf_overlay_get_track_visible   (OvfOverlay       *self,
                                             OvfTrack         *track);
void        ovf_overlay_set_track_visible   (OvfOverlay       *self,
                                             OvfTrack         *track,
                                             gboolean          visible);
/* The track whose marker is largest and carries the time and altitude;
 * NULL for the dataset's main track. */
void        ovf_overlay_set_followed_track  (OvfOverlay       *self,
                                             OvfTrack         *track);
gboolean    ovf_overlay_get_show_places     (OvfOverlay       *self);
void        ovf_overlay_set_show_places     (OvfOverlay       *self,
                                             gboolean          show_places);
/* The built-in map whose labels are placed and drawn with the overlay's,
 * clear of them; NULL for a map with labels in its tiles. */
void        ovf_overlay_set_basemap         (OvfOverlay       *self,
                                             OvfBasemap       *basemap);
/* Boxes over the view, in its logical pixels, that the next frames keep
 * free of labels: the panels drawn over the map. */
void        ovf_overlay_set_reserved        (OvfOverlay              *self,
                                             const cairo_rectangle_t *boxes,
                                             guint                    n_boxes);
/* The labels placed by the last ovf_overlay_draw(), as OvfPlacedLabel. */
GArray     *ovf_overlay_get_placed_labels   (OvfOverlay       *self);
/* The labels beside the balloon markers: the followed one's time and
 * altitude, and with several tracks each one's name. */
gboolean    ovf_overlay_get_show_marker_label (OvfOverlay     *self);
char       *ovf_overlay_dup_marker_text       (OvfOverlay     *self);
void        ovf_overlay_set_show_marker_label (OvfOverlay     *self,
                                               gboolean        show_label);
/* Long tracks prepared in a thread (the map's choice), or before
 * ovf_overlay_set_dataset() returns (the default, for exports). */
void        ovf_overlay_set_prepare_in_background (OvfOverlay *self,
                                                   gboolean    background);
gboolean    ovf_overlay_is_preparing        (OvfOverlay       *self);

/* Draws in the view's logical pixels, (0, 0) at the top left; tracks
 * still being prepared are left out. */
void        ovf_overlay_draw                (OvfOverlay       *self,
                                             cairo_t          *cr,
                                             const OvfMapView *view);
/* The event whose marker is under (x, y), within a few pixels; NULL if none. */
OvfEvent   *ovf_overlay_pick_event          (OvfOverlay       *self,
                                             const OvfMapView *view,
                                             double            x,
                                             double            y);
/* Draws the legend box with its top left at (x, y); @cr may be NULL to
 * measure only. */
void        ovf_overlay_draw_legend         (OvfOverlay       *self,
                                             cairo_t          *cr,
                                             double            x,
                                             double            y,
                                             double           *out_width,
                                             double           *out_height);

/* The colour of an event category's markers, for the timeline's ticks too. */
void        ovf_overlay_get_category_color  (OvfCategory       category,
                                             gboolean          dark,
                                             double            rgba[4]);

/* Tracks take their colours in turn, the main track first: a palette
 * told apart by colour-blind viewers, in both map styles. */
#define OVF_N_TRACK_COLORS 8
/* The slot of the track at @position in @dataset's tracks. */
guint       ovf_overlay_get_track_slot      (OvfDataset       *dataset,
                                             guint             position);
void        ovf_overlay_get_track_color     (guint             slot,
                                             gboolean          dark,
                                             double            rgba[4]);

G_END_DECLS
