/* ovf-overlay-private.h: what the overlay's parts (paths, marks, labels, legend) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "ovf-label-placer.h"
#include "ovf-overlay.h"
#include "ovf-prepared-track.h"

G_BEGIN_DECLS

struct _OvfOverlay
{
  GObject     parent_instance;

  OvfDataset *dataset;
  OvfEvent   *selected_event;
  OvfTime     time;
  GPtrArray  *tracks;     /* OvfPreparedTrack; empty while being prepared */
  GArray     *slots;      /* guint8 colour slot of each track, in dataset order */
  GHashTable *hidden;     /* OvfTrack set, borrowed from the dataset */
  OvfTrack   *followed;
  GCancellable *preparing;
  GHashTable *labels;     /* key → OvfLabel, see ovf_overlay_lookup_label() */
  GHashTable *sprites;    /* sprite key → cairo_surface_t, see ovf_overlay_draw_mark() */
  double      sprite_scale;
  OvfLabelPlacer *placer;
  GArray     *reserved;   /* cairo_rectangle_t kept free of labels */
  guint       more_labels_id;
  guint       dark : 1;
  guint       show_places : 1;
  guint       show_marker_label : 1;
  guint       prepare_in_background : 1;
};

void      ovf_overlay_emit_changed (OvfOverlay *self);
OvfTrack *ovf_overlay_get_followed (OvfOverlay *self);

/* Colours */

typedef struct
{
  double r, g, b, a;
} OvfRgba;

typedef struct
{
  OvfRgba path;
  OvfRgba casing;
  OvfRgba text;
  OvfRgba halo;
  OvfRgba panel;
  OvfRgba area;
  OvfRgba place;
} OvfPalette;

const OvfPalette *ovf_overlay_palette    (gboolean dark);
OvfRgba           ovf_overlay_track_rgba (guint    slot,
                                          gboolean dark);

static inline void
ovf_set_source (cairo_t       *cr,
                const OvfRgba *c,
                double         alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

/* A frame: the view being drawn and the part of the mercator plane it
 * shows, grown by a margin. */
typedef struct
{
  const OvfMapView *view;
  double world;
  /* The visible mercator box, grown by the margin. */
  double x0, y0, x1, y1;
} OvfFrame;

void     ovf_frame_init        (OvfFrame         *frame,
                                const OvfMapView *view,
                                double            margin);
/* The range of whole-world shifts k for which [min_x, max_x] + k meets the
 * frame; FALSE when none does. */
gboolean ovf_frame_world_range (const OvfFrame   *frame,
                                double            min_x,
                                double            max_x,
                                int              *k0,
                                int              *k1);

static inline double
ovf_frame_px (const OvfFrame *frame,
              double          mx)
{
  return (mx - frame->view->center_x) * frame->world + frame->view->width / 2.0;
}

static inline double
ovf_frame_py (const OvfFrame *frame,
              double          my)
{
  return (my - frame->view->center_y) * frame->world + frame->view->height / 2.0;
}

/* Paths and areas (ovf-overlay-paths.c) */

void ovf_overlay_draw_track_path (cairo_t             *cr,
                                  const OvfFrame      *frame,
                                  const OvfPalette    *palette,
                                  const OvfRgba       *color,
                                  OvfPreparedTrack    *pt,
                                  const OvfTrackSplit *split);
void ovf_overlay_draw_areas      (OvfOverlay          *self,
                                  cairo_t             *cr,
                                  const OvfFrame      *frame,
                                  const OvfPalette    *palette);

/* Markers (ovf-overlay-marks.c) */

#define OVF_BALLOON_RADIUS 7.0

/* Markers are small shapes drawn many times, a few hundred at low zooms
 * where the world repeats; each is encoded so that ovf_overlay_draw_mark()
 * can stamp a cached image of it on raster targets. */
typedef enum
{
  OVF_MARK_EVENT,    /* variant: category | selected << 3 | still to come << 4 */
  OVF_MARK_PLACE,    /* variant: place category */
  OVF_MARK_BALLOON,  /* variant: followed track | colour slot << 1 */
} OvfMarkKind;

#define OVF_MARK(kind, variant) ((guint) (kind) | ((guint) (variant) << 2))
#define OVF_MARK_KIND(mark) ((OvfMarkKind) ((mark) & 0x3))
#define OVF_MARK_EVENT_SELECTED (1 << 3)
#define OVF_MARK_EVENT_FUTURE (1 << 4)
#define OVF_MARK_BALLOON_FOLLOWED 1

/* A marker where it is drawn in this frame; places and balloons carry
 * their name. */
typedef struct
{
  guint       mark;
  double      x, y;
  const char *name;
} OvfMarkAt;

/* The frame's markers (OvfMarkAt), in drawing order: places, events (the
 * selected one last), balloons. */
void   ovf_overlay_collect_marks (OvfOverlay          *self,
                                  const OvfFrame      *frame,
                                  const OvfTrackSplit *splits,
                                  GArray              *marks);
void   ovf_overlay_draw_mark     (OvfOverlay          *self,
                                  cairo_t             *cr,
                                  const OvfPalette    *palette,
                                  guint                mark,
                                  double               x,
                                  double               y);
/* How far a marker reaches from its centre, for labels to keep clear. */
double ovf_mark_radius           (guint                mark);
void   ovf_draw_event_dot        (cairo_t             *cr,
                                  const OvfPalette    *palette,
                                  double               x,
                                  double               y,
                                  const double         color[4],
                                  gboolean             selected,
                                  double               alpha);
void   ovf_trace_place_symbol    (cairo_t             *cr,
                                  OvfPlaceCategory     category,
                                  double               x,
                                  double               y);

/* Labels (ovf-overlay-labels.c) */

typedef struct _OvfLabel OvfLabel;

/* A place's label where it is drawn in this frame. */
typedef struct
{
  const OvfLabel *label;
  double          x, y;
} OvfPlaceLabel;

/* The cache of haloed labels, emptied between frames once full. */
GHashTable  *ovf_overlay_label_cache_new     (void);
void         ovf_overlay_trim_label_cache    (OvfOverlay          *self);
/* The label beside the main balloon's marker, placed before the other
 * labels; NULL when off view or without room. */
PangoLayout *ovf_overlay_layout_marker_label (OvfOverlay          *self,
                                              cairo_t             *cr,
                                              const OvfFrame      *frame,
                                              OvfTrack            *track,
                                              gboolean             with_name,
                                              const OvfTrackSplit *split,
                                              double              *out_x,
                                              double              *out_y);
void         ovf_overlay_draw_marker_label   (cairo_t             *cr,
                                              PangoLayout         *layout,
                                              double               x,
                                              double               y,
                                              const OvfPalette    *palette);
/* Places the labels of the places among @marks (OvfMarkAt) into
 * @out_labels (OvfPlaceLabel). */
void         ovf_overlay_place_place_labels  (OvfOverlay          *self,
                                              cairo_t             *cr,
                                              const OvfPalette    *palette,
                                              GArray              *marks,
                                              GArray              *out_labels);
/* The same for the names of the balloons among @marks other than the
 * followed one, whose panel names it. */
void         ovf_overlay_place_track_labels  (OvfOverlay          *self,
                                              cairo_t             *cr,
                                              const OvfFrame      *frame,
                                              const OvfPalette    *palette,
                                              GArray              *marks,
                                              GArray              *out_labels);
void         ovf_overlay_draw_place_label    (cairo_t             *cr,
                                              const OvfPlaceLabel *placed,
                                              const OvfPalette    *palette);

G_END_DECLS
