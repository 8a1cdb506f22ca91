/* ovf-overlay.c: everything drawn over the basemap, on screen and in exports: its state and the order of a frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ovf-legend.h"
#include "ovf-overlay-private.h"

#define PICK_RADIUS 10.0
#define MAX_WORLD_COPIES 64
#define LABEL_MIN_ZOOM 4.0
/* Datasets with more track points than this are prepared in a thread when
 * asked to (see ovf_overlay_set_prepare_in_background()): a million
 * points take a second or more. */
#define BACKGROUND_MIN_POINTS 50000
/* New basemap labels a frame may shape on screen: about a millisecond. */
#define FRAME_NEW_LABELS 8

G_DEFINE_FINAL_TYPE (OvfOverlay, ovf_overlay, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const OvfPalette light_palette = {
  .path = { 0.878, 0.106, 0.141, 1.0 },
  .casing = { 1.0, 1.0, 1.0, 0.9 },
  .text = { 0.14, 0.14, 0.16, 1.0 },
  .halo = { 1.0, 1.0, 1.0, 0.85 },
  .panel = { 1.0, 1.0, 1.0, 0.9 },
  .area = { 0.776, 0.275, 0.0, 1.0 },
  .place = { 0.24, 0.22, 0.27, 1.0 },
};

static const OvfPalette dark_palette = {
  .path = { 1.0, 0.482, 0.388, 1.0 },
  .casing = { 0.08, 0.08, 0.09, 0.85 },
  .text = { 0.96, 0.96, 0.96, 1.0 },
  .halo = { 0.1, 0.1, 0.11, 0.85 },
  .panel = { 0.14, 0.14, 0.15, 0.9 },
  .area = { 1.0, 0.639, 0.282, 1.0 },
  .place = { 0.87, 0.87, 0.85, 1.0 },
};

/* Okabe–Ito and Paul Tol's "bright" hues, which colour-blind viewers
 * tell apart: darker shades on light maps, lighter on dark ones. The main
 * track keeps the path colour of the palettes above. */
static const guint32 track_colors[OVF_N_TRACK_COLORS][2] = {
  { 0xe01b24, 0xff7b63 },  /* red */
  { 0x0072b2, 0x56b4e9 },  /* blue */
  { 0x009e73, 0x35c99b },  /* bluish green */
  { 0xc77c00, 0xe69f00 },  /* orange */
  { 0xaa3377, 0xcc79a7 },  /* reddish purple */
  { 0x33a6cc, 0x66ccee },  /* cyan */
  { 0x8f7d00, 0xf0e442 },  /* yellow */
  { 0x5e5c64, 0xbbbbbb },  /* grey */
};

/* GNOME palette: darker shades on light maps, lighter on dark ones. */
static const guint32 category_colors[OVF_N_CATEGORIES][2] = {
  [OVF_CATEGORY_DETECTION]  = { 0x1c71d8, 0x62a0ea },
  [OVF_CATEGORY_SIGHTING]   = { 0x26a269, 0x57e389 },
  [OVF_CATEGORY_AIRSPACE]   = { 0x813d9c, 0xc061cb },
  [OVF_CATEGORY_MILITARY]   = { 0xa51d2d, 0xf66151 },
  [OVF_CATEGORY_DIPLOMATIC] = { 0xc64600, 0xffa348 },
  [OVF_CATEGORY_STATEMENT]  = { 0x9c6e03, 0xf8e45c },
  [OVF_CATEGORY_RECOVERY]   = { 0x865e3c, 0xcdab8f },
  [OVF_CATEGORY_OTHER]      = { 0x5e5c64, 0xc0bfbc },
};

const OvfPalette *
ovf_overlay_palette (gboolean dark)
{
  return dark ? &dark_palette : &light_palette;
}

void
ovf_overlay_emit_changed (OvfOverlay *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
on_tracks_prepared (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(OvfOverlay) self = user_data;
  g_autoptr(GPtrArray) prepared = ovf_prepared_tracks_new_finish (result, NULL);

  /* A newer dataset replaced the one these belong to, and cancelled them. */
  if (prepared == NULL)
    return;

  g_clear_object (&self->preparing);
  g_ptr_array_extend_and_steal (self->tracks, g_steal_pointer (&prepared));
  ovf_overlay_emit_changed (self);
}

static void
ovf_overlay_finalize (GObject *object)
{
  OvfOverlay *self = OVF_OVERLAY (object);

  g_clear_object (&self->dataset);
  g_clear_object (&self->selected_event);
  g_clear_object (&self->followed);
  g_clear_pointer (&self->hidden, g_hash_table_unref);
  g_clear_object (&self->preparing);
  g_clear_pointer (&self->tracks, g_ptr_array_unref);
  g_clear_pointer (&self->slots, g_array_unref);
  g_clear_pointer (&self->labels, g_hash_table_unref);
  g_clear_pointer (&self->sprites, g_hash_table_unref);
  g_clear_object (&self->placer);
  g_clear_pointer (&self->reserved, g_array_unref);
  g_clear_handle_id (&self->more_labels_id, g_source_remove);

  G_OBJECT_CLASS (ovf_overlay_parent_class)->finalize (object);
}

static void
ovf_overlay_class_init (OvfOverlayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ovf_overlay_finalize;

  /**
   * OvfOverlay::changed:
   *
   * Emitted when anything drawn changed and views should redraw.
   */
  signals[CHANGED] = g_signal_new ("changed",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 0);
}

static void
ovf_overlay_init (OvfOverlay *self)
{
  self->tracks = g_ptr_array_new_with_free_func (ovf_prepared_track_free);
  self->labels = ovf_overlay_label_cache_new ();
  self->sprites = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cairo_surface_destroy);
  self->placer = ovf_label_placer_new ();
  self->hidden = g_hash_table_new (NULL, NULL);
  self->slots = g_array_new (FALSE, FALSE, sizeof (guint8));
  self->reserved = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  self->show_places = TRUE;
  self->show_marker_label = TRUE;
}

OvfOverlay *
ovf_overlay_new (void)
{
  return g_object_new (OVF_TYPE_OVERLAY, NULL);
}

OvfDataset *
ovf_overlay_get_dataset (OvfOverlay *self)
{
  g_return_val_if_fail (OVF_IS_OVERLAY (self), NULL);

  return self->dataset;
}

void
ovf_overlay_set_dataset (OvfOverlay *self,
                         OvfDataset *dataset)
{
  g_return_if_fail (OVF_IS_OVERLAY (self));
  g_return_if_fail (dataset == NULL || OVF_IS_DATASET (dataset));

  if (!g_set_object (&self->dataset, dataset))
    return;

  g_clear_object (&self->selected_event);
  g_clear_object (&self->followed);
  g_hash_table_remove_all (self->hidden);
  g_ptr_array_set_size (self->tracks, 0);
  g_array_set_size (self->slots, 0);
  if (self->preparing != NULL)
    {
      g_cancellable_cancel (self->preparing);
      g_clear_object (&self->preparing);
    }

  if (dataset != NULL)
    {
      GListModel *model = ovf_dataset_get_tracks (dataset);
      guint n = g_list_model_get_n_items (model);
      g_autoptr(GPtrArray) tracks = g_ptr_array_new_with_free_func (g_object_unref);
      guint64 n_points = 0;

      for (guint i = 0; i < n; i++)
        {
          OvfTrack *track = g_list_model_get_item (model, i);

          n_points += ovf_track_get_n_points (track);
          g_ptr_array_add (tracks, track);
        }
      /* Worked out once: a frame of many tracks asks for every slot. */
      g_array_set_size (self->slots, n);
      for (guint i = 0; i < n; i++)
        g_array_index (self->slots, guint8, i) = ovf_overlay_get_track_slot (dataset, i);

      if (self->prepare_in_background && n_points > BACKGROUND_MIN_POINTS)
        {
          self->preparing = g_cancellable_new ();
          ovf_prepared_tracks_new_async (tracks, self->preparing, on_tracks_prepared, g_object_ref (self));
        }
      else
        {
          g_autoptr(GPtrArray) prepared = ovf_prepared_tracks_new (tracks, 0, NULL);

          g_ptr_array_extend_and_steal (self->tracks, g_steal_pointer (&prepared));
        }
    }

  ovf_overlay_emit_changed (self);
}

/**
 * ovf_overlay_set_prepare_in_background:
 *
 * Whether ovf_overlay_set_dataset() prepares long tracks in a thread,
 * drawing no path until they are ready, instead of before it returns.
 * The map turns this on so that opening a big dataset never freezes it;
 * exports leave it off, as they draw at once. With it, a frame also shapes
 * only a few labels it has not shown before and leaves the rest to the
 * frames that follow, see ovf_label_placer_set_budget().
 */
void
ovf_overlay_set_prepare_in_background (OvfOverlay *self,
                                       gboolean    background)
{
  g_return_if_fail (OVF_IS_OVERLAY (self));

  self->prepare_in_background = !!background;
  ovf_label_placer_set_budget (self->placer, background ? FRAME_NEW_LABELS : 0);
}

/* Whether the tracks of the dataset are still being prepared. */
gboolean
ovf_overlay_is_preparing (OvfOverlay *self)
{
  g_return_val_if_fail (OVF_IS_OVERLAY (self), FALSE);

  return self->preparing != NULL;
}

OvfTime
ovf_overlay_get_time (OvfOverlay *self)
{
  g_return_val_if_fail (OVF_IS_OVERLAY (self), 0);

  return self->time;
}

void
ovf_overlay_set_time (OvfOverlay *self,
                      OvfTime     time)
{
  g_return_if_fail (OVF_IS_OVERLAY (self));

  if (self->time == time)
    return;
  self->time = time;
  ovf_overlay_emit_changed (self);
}

OvfEvent *
ovf_overlay_get_selected_event (OvfOverlay *self)
{
  g_return_val_if_fail (OVF_IS_OVERLAY (self), NULL);

  return self->selected_event;
}

void
ovf_overlay_set_selected_event (OvfOverlay *self,
                                OvfEvent   *event)
{
  g_return_if_fail (OVF_IS_OVERLAY (self));
  g_return_if_fail (event == NULL || OVF_IS_EVENT (event));

  if (g_set_object (&self->selected_event, event))
    ovf_overlay_emit_changed (self);
}

gboolean
ovf_overlay_get_dark (OvfOverlay *self)
{
  g_return_val_if_fail (OVF_IS_OVERLAY (self), FALSE);

  return self->dark;
}

void
ovf_overlay_set_dark (OvfOverlay *self,
                      gboolean    dark)
{
  g_return_if_fail (OVF_IS_OVERLAY (self));

  dark = !!dark;
  if (self->dark == dark)
    return;
  self->dark = dark;
  ovf_overlay_emit_changed (self);
}

gboolean
ovf_overlay_get_track_visible (OvfOverlay *self,
                               OvfTrack   *track)
{
  g_return_val_if_fail (OVF_IS_OVERLAY (self), FALSE);

  return !g_hash_table_contains (self->hidden, track);
}

/* Tracks are borrowed from the dataset: the set empties with it. */
void
ovf_overlay_set_track_visible (OvfOverlay *self,
                               OvfTrack   *track,
                               gboolean    visible)
{
  gboolean changed;

  g_return_if_fail (OVF_IS_OVERLAY (self));
  g_return_if_fail (OVF_IS_TRACK (track));

  if (visible)
    changed = g_hash_table_remove (self->hidden, track);
  else
    changed = g_hash_table_add (self->hidden, track);
  if (changed)
    ovf_overlay_emit_changed (self);
}

void
ovf_overlay_set_followed_track (OvfOverlay *self,
                                OvfTrack   *track)
{
  g_return_if_fail (OVF_IS_OVERLAY (self));
  g_return_if_fail (track == NULL || OVF_IS_TRACK (track));

  if (g_set_object (&self->followed, track))
    ovf_overlay_emit_changed (self);
}

/* The followed track, or the main one. */
OvfTrack *
ovf_overlay_get_followed (OvfOverlay *self)
{
  if (self->followed != NULL)
    return self->followed;
  return self->dataset != NULL ? ovf_dataset_get_main_track (self->dataset) : NULL;
}

gboolean
ovf_overlay_get_show_places (OvfOverlay *self)
{
  g_return_val_if_fail (OVF_IS_OVERLAY (self), FALSE);

  return self->show_places;
}

void
ovf_overlay_set_show_places (OvfOverlay *self,
                             gboolean    show_places)
{
  g_return_if_fail (OVF_IS_OVERLAY (self));

  show_places = !!show_places;
  if (self->show_places == show_places)
    return;
  self->show_places = show_places;
  ovf_overlay_emit_changed (self);
}

void
ovf_overlay_set_basemap (OvfOverlay *self,
                         OvfBasemap *basemap)
{
  g_return_if_fail (OVF_IS_OVERLAY (self));
  g_return_if_fail (basemap == NULL || OVF_IS_BASEMAP (basemap));

  if (ovf_label_placer_get_basemap (self->placer) == basemap)
    return;
  ovf_label_placer_set_basemap (self->placer, basemap);
  ovf_overlay_emit_changed (self);
}

void
ovf_overlay_set_reserved (OvfOverlay              *self,
                          const cairo_rectangle_t *boxes,
                          guint                    n_boxes)
{
  g_return_if_fail (OVF_IS_OVERLAY (self));
  g_return_if_fail (boxes != NULL || n_boxes == 0);

  g_array_set_size (self->reserved, 0);
  g_array_append_vals (self->reserved, boxes, n_boxes);
}

/**
 * ovf_overlay_get_placed_labels:
 *
 * Returns: (transfer none) (element-type OvfPlacedLabel): the labels the
 *   last ovf_overlay_draw() placed, the story's and the basemap's.
 */
GArray *
ovf_overlay_get_placed_labels (OvfOverlay *self)
{
  g_return_val_if_fail (OVF_IS_OVERLAY (self), NULL);

  return ovf_label_placer_get_placed (self->placer);
}

gboolean
ovf_overlay_get_show_marker_label (OvfOverlay *self)
{
  g_return_val_if_fail (OVF_IS_OVERLAY (self), FALSE);

  return self->show_marker_label;
}

void
ovf_overlay_set_show_marker_label (OvfOverlay *self,
                                   gboolean    show_label)
{
  g_return_if_fail (OVF_IS_OVERLAY (self));

  show_label = !!show_label;
  if (self->show_marker_label == show_label)
    return;
  self->show_marker_label = show_label;
  ovf_overlay_emit_changed (self);
}

void
ovf_overlay_get_category_color (OvfCategory category,
                                gboolean    dark,
                                double      rgba[4])
{
  guint32 c;

  if ((guint) category >= OVF_N_CATEGORIES)
    category = OVF_CATEGORY_OTHER;
  c = category_colors[category][dark ? 1 : 0];
  rgba[0] = ((c >> 16) & 0xff) / 255.0;
  rgba[1] = ((c >> 8) & 0xff) / 255.0;
  rgba[2] = (c & 0xff) / 255.0;
  rgba[3] = 1.0;
}

/* The main track takes the first slot, the others the rest in turn. */
guint
ovf_overlay_get_track_slot (OvfDataset *dataset,
                            guint       position)
{
  GListModel *tracks;
  OvfTrack *main_track;
  guint main_position = 0;

  g_return_val_if_fail (OVF_IS_DATASET (dataset), 0);

  tracks = ovf_dataset_get_tracks (dataset);
  main_track = ovf_dataset_get_main_track (dataset);
  for (guint i = 0; main_track != NULL && i < g_list_model_get_n_items (tracks); i++)
    {
      g_autoptr(OvfTrack) track = g_list_model_get_item (tracks, i);

      if (track == main_track)
        {
          main_position = i;
          break;
        }
    }

  if (position == main_position)
    return 0;
  return (position < main_position ? position + 1 : position) % OVF_N_TRACK_COLORS;
}

void
ovf_overlay_get_track_color (guint     slot,
                             gboolean  dark,
                             double    rgba[4])
{
  guint32 c = track_colors[slot % OVF_N_TRACK_COLORS][dark ? 1 : 0];

  rgba[0] = ((c >> 16) & 0xff) / 255.0;
  rgba[1] = ((c >> 8) & 0xff) / 255.0;
  rgba[2] = (c & 0xff) / 255.0;
  rgba[3] = 1.0;
}

OvfRgba
ovf_overlay_track_rgba (guint    slot,
                        gboolean dark)
{
  double c[4];

  ovf_overlay_get_track_color (slot, dark, c);
  return (OvfRgba) { c[0], c[1], c[2], c[3] };
}

/* Frames */

void
ovf_frame_init (OvfFrame         *frame,
                const OvfMapView *view,
                double            margin)
{
  frame->view = view;
  frame->world = ovf_map_view_world_size (view);
  frame->x0 = view->center_x - (view->width / 2.0 + margin) / frame->world;
  frame->x1 = view->center_x + (view->width / 2.0 + margin) / frame->world;
  frame->y0 = view->center_y - (view->height / 2.0 + margin) / frame->world;
  frame->y1 = view->center_y + (view->height / 2.0 + margin) / frame->world;
}

gboolean
ovf_frame_world_range (const OvfFrame *frame,
                       double          min_x,
                       double          max_x,
                       int            *k0,
                       int            *k1)
{
  double lo = ceil (frame->x0 - max_x);
  double hi = floor (frame->x1 - min_x);

  if (lo > hi)
    return FALSE;
  *k0 = (int) lo;
  *k1 = (int) MIN (hi, lo + MAX_WORLD_COPIES - 1);
  return TRUE;
}

/* Lays out a frame: its markers, then every label around them, see
 * ovf-label-placer.c. */
static PangoLayout *
layout_frame (OvfOverlay          *self,
              cairo_t             *cr,
              const OvfFrame      *frame,
              const OvfPalette    *palette,
              const OvfTrackSplit *splits,
              GArray              *marks,
              GArray              *place_labels,
              double              *marker_label_x,
              double              *marker_label_y)
{
  const OvfMapView *view = frame->view;
  OvfTrack *followed = ovf_overlay_get_followed (self);
  gboolean many = self->tracks->len > 1;
  PangoLayout *marker_label = NULL;

  ovf_overlay_collect_marks (self, frame, splits, marks);

  ovf_label_placer_begin (self->placer, view->width, view->height);
  for (guint i = 0; i < self->reserved->len; i++)
    ovf_label_placer_add_obstacle (self->placer, &g_array_index (self->reserved, cairo_rectangle_t, i));
  for (guint i = 0; i < marks->len; i++)
    {
      const OvfMarkAt *m = &g_array_index (marks, OvfMarkAt, i);
      double r = ovf_mark_radius (m->mark);

      ovf_label_placer_add_obstacle (self->placer, &(cairo_rectangle_t) { m->x - r, m->y - r, 2 * r, 2 * r });
    }

  for (guint i = 0; i < self->tracks->len && marker_label == NULL; i++)
    {
      OvfPreparedTrack *pt = g_ptr_array_index (self->tracks, i);

      if (pt->track == followed && ovf_overlay_get_track_visible (self, pt->track))
        marker_label = ovf_overlay_layout_marker_label (self, cr, frame, pt->track, many, &splits[i],
                                                        marker_label_x, marker_label_y);
    }
  if (many && self->show_marker_label)
    ovf_overlay_place_track_labels (self, cr, frame, palette, marks, place_labels);
  if (view->zoom >= LABEL_MIN_ZOOM)
    ovf_overlay_place_place_labels (self, cr, palette, marks, place_labels);
  ovf_label_placer_place_basemap (self->placer, view->center_x, view->center_y, view->zoom, frame->world);
  return marker_label;
}

static gboolean
show_more_labels (gpointer user_data)
{
  OvfOverlay *self = user_data;

  self->more_labels_id = 0;
  ovf_overlay_emit_changed (self);
  return G_SOURCE_REMOVE;
}

void
ovf_overlay_draw (OvfOverlay       *self,
                  cairo_t          *cr,
                  const OvfMapView *view)
{
  const OvfPalette *palette;
  g_autofree OvfTrackSplit *splits = NULL;
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (OvfMarkAt));
  g_autoptr(GArray) place_labels = g_array_new (FALSE, FALSE, sizeof (OvfPlaceLabel));
  g_autoptr(PangoLayout) marker_label = NULL;
  double marker_label_x = 0, marker_label_y = 0;
  OvfFrame frame;

  g_return_if_fail (OVF_IS_OVERLAY (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (view != NULL);

  ovf_label_placer_begin (self->placer, 0, 0);
  if (self->dataset == NULL || view->width <= 0 || view->height <= 0 || view->tile_size <= 0)
    return;

  palette = ovf_overlay_palette (self->dark);
  /* Markers and labels reach past their point; the margin keeps those
   * just outside the view drawn where they overlap it. */
  ovf_frame_init (&frame, view, 160.0);
  ovf_overlay_trim_label_cache (self);

  splits = g_new0 (OvfTrackSplit, self->tracks->len);
  for (guint i = 0; i < self->tracks->len; i++)
    splits[i] = ovf_prepared_track_split (g_ptr_array_index (self->tracks, i), self->time);
  marker_label = layout_frame (self, cr, &frame, palette, splits, marks, place_labels,
                               &marker_label_x, &marker_label_y);
  if (ovf_label_placer_get_deferred (self->placer) && self->more_labels_id == 0)
    self->more_labels_id = g_idle_add (show_more_labels, self);

  cairo_save (cr);
  /* A quarter pixel is finer than the eye sees on a map, and round joins
   * and markers flatten to far fewer segments than at cairo's default. */
  cairo_set_tolerance (cr, 0.25);
  ovf_overlay_draw_areas (self, cr, &frame, palette);
  /* The basemap's labels lie on the map, under the story. */
  ovf_label_placer_draw_basemap (self->placer, cr, self->dark);
  for (guint i = 0; i < self->tracks->len; i++)
    {
      OvfPreparedTrack *pt = g_ptr_array_index (self->tracks, i);
      OvfRgba color = ovf_overlay_track_rgba (g_array_index (self->slots, guint8, i), self->dark);

      if (ovf_overlay_get_track_visible (self, pt->track))
        ovf_overlay_draw_track_path (cr, &frame, palette, &color, pt, &splits[i]);
    }
  for (guint i = 0; i < marks->len; i++)
    {
      const OvfMarkAt *m = &g_array_index (marks, OvfMarkAt, i);

      ovf_overlay_draw_mark (self, cr, palette, m->mark, m->x, m->y);
    }
  for (guint i = 0; i < place_labels->len; i++)
    ovf_overlay_draw_place_label (cr, &g_array_index (place_labels, OvfPlaceLabel, i), palette);
  if (marker_label != NULL)
    ovf_overlay_draw_marker_label (cr, marker_label, marker_label_x, marker_label_y, palette);
  cairo_restore (cr);
}

OvfEvent *
ovf_overlay_pick_event (OvfOverlay       *self,
                        const OvfMapView *view,
                        double            x,
                        double            y)
{
  GListModel *events;
  OvfEvent *best = NULL;
  double best_d2 = PICK_RADIUS * PICK_RADIUS;
  double world;
  guint n;

  g_return_val_if_fail (OVF_IS_OVERLAY (self), NULL);
  g_return_val_if_fail (view != NULL, NULL);

  if (self->dataset == NULL)
    return NULL;

  world = ovf_map_view_world_size (view);
  events = ovf_dataset_get_events (self->dataset);
  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OvfEvent) event = g_list_model_get_item (events, i);
      double ex, ey, dx, dy, d2;

      if (!ovf_event_has_location (event))
        continue;

      ovf_map_view_project (view, ovf_event_get_latitude (event), ovf_event_get_longitude (event), &ex, &ey);
      /* The nearest world copy of the marker. */
      dx = x - ex;
      dx -= round (dx / world) * world;
      dy = y - ey;
      d2 = dx * dx + dy * dy;
      /* On ties the later event wins: it is drawn on top. */
      if (d2 <= best_d2)
        {
          best_d2 = d2;
          best = event;
        }
    }

  return best;
}

/* The legend of what this overlay shows, see ovf_legend_draw(); @cr may be
 * NULL to measure only. */
void
ovf_overlay_draw_legend (OvfOverlay *self,
                         cairo_t    *cr,
                         double      x,
                         double      y,
                         double     *out_width,
                         double     *out_height)
{
  g_return_if_fail (OVF_IS_OVERLAY (self));

  if (cr == NULL)
    ovf_legend_measure (self->dataset, self->show_places, out_width, out_height);
  else
    ovf_legend_draw (cr, self->dataset, self->show_places, self->dark, x, y, out_width, out_height);
}
