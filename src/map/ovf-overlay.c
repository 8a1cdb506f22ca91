/* ovf-overlay.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "ovf-draw.h"
#include "ovf-geo.h"
#include "ovf-label-placer.h"
#include "ovf-overlay.h"
#include "ovf-time-format.h"

/* Levels of detail, one per integer zoom; deeper zooms use the last. */
#define N_LEVELS 23
/* Segments per culling block: small enough to skip most of a long track
 * when zoomed in, large enough that the block scan itself is cheap. */
#define BLOCK_SIZE 256
/* Long segments are split into great-circle pieces of at most this length,
 * so that they curve as the real flight did. */
#define DENSIFY_STEP_M 50000.0
/* Segments are clipped to the view grown by this margin, which keeps
 * cairo's fixed-point coordinates small at deep zooms. */
#define CLIP_MARGIN 64.0
#define PICK_RADIUS 10.0
#define MAX_WORLD_COPIES 64
#define LABEL_MIN_ZOOM 4.0
#define AREA_CIRCLE_VERTICES 72
/* Above this many vertices in a level, its corners are a pixel apart. */
#define DENSE_VERTICES 4096
/* Datasets with more track points than this are prepared in a thread when
 * asked to (see ovf_overlay_set_prepare_in_background()): a million
 * points take a second or more. */
#define BACKGROUND_MIN_POINTS 50000
/* The levels of detail built there too, so that zooming out to see the
 * whole flight does not stall a frame; deeper ones hold nearly every
 * vertex and are built when first drawn. */
#define BACKGROUND_LEVELS 11
/* New basemap labels a frame may shape on screen: about a millisecond. */
#define FRAME_NEW_LABELS 8

typedef enum
{
  BUCKET_FLOWN_REPORTED,
  BUCKET_FLOWN_ESTIMATED,
  BUCKET_FUTURE_REPORTED,
  BUCKET_FUTURE_ESTIMATED,
} Bucket;

typedef struct
{
  guint32 *index;    /* into the dense vertices */
  guint    n;
  double  *bbox;     /* min x, min y, max x, max y per block */
  guint    n_blocks;
} PathLevel;

/* A track projected once to Web Mercator, densified along great circles. */
typedef struct
{
  OvfTrack  *track;
  guint      n;
  double    *x;
  double    *y;
  guint8    *kind;        /* OvfPointKind of the segment starting at each vertex */
  float     *importance;  /* Douglas-Peucker tolerance below which each vertex is kept */
  guint32   *first_dense; /* per track point: its dense vertex */
  double     min_x, min_y, max_x, max_y;
  PathLevel *levels[N_LEVELS];
} PreparedTrack;

/* Where the current time splits a track, in dense vertices. */
typedef struct
{
  gint64 segment;       /* dense segment holding the marker; -1 before, n after */
  double x, y;          /* the marker, mercator, unwrapped near that segment */
  OvfTrackFix fix;      /* the track at the time */
  gboolean valid;
} Split;

typedef struct
{
  double r, g, b, a;
} Rgba;

typedef struct
{
  Rgba path;
  Rgba casing;
  Rgba text;
  Rgba halo;
  Rgba panel;
  Rgba area;
  Rgba place;
} Palette;

struct _OvfOverlay
{
  GObject     parent_instance;

  OvfDataset *dataset;
  OvfEvent   *selected_event;
  OvfTime     time;
  GPtrArray  *tracks;     /* PreparedTrack; empty while being prepared */
  GCancellable *preparing;
  GHashTable *labels;     /* key → Label, see label_lookup() */
  GHashTable *sprites;    /* sprite key → cairo_surface_t, see draw_mark() */
  double      sprite_scale;
  OvfLabelPlacer *placer;
  GArray     *reserved;   /* cairo_rectangle_t kept free of labels */
  guint       more_labels_id;
  guint       dark : 1;
  guint       show_places : 1;
  guint       show_marker_label : 1;
  guint       prepare_in_background : 1;
};

G_DEFINE_FINAL_TYPE (OvfOverlay, ovf_overlay, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const Palette light_palette = {
  .path = { 0.878, 0.106, 0.141, 1.0 },
  .casing = { 1.0, 1.0, 1.0, 0.9 },
  .text = { 0.14, 0.14, 0.16, 1.0 },
  .halo = { 1.0, 1.0, 1.0, 0.85 },
  .panel = { 1.0, 1.0, 1.0, 0.9 },
  .area = { 0.776, 0.275, 0.0, 1.0 },
  .place = { 0.24, 0.22, 0.27, 1.0 },
};

static const Palette dark_palette = {
  .path = { 1.0, 0.482, 0.388, 1.0 },
  .casing = { 0.08, 0.08, 0.09, 0.85 },
  .text = { 0.96, 0.96, 0.96, 1.0 },
  .halo = { 0.1, 0.1, 0.11, 0.85 },
  .panel = { 0.14, 0.14, 0.15, 0.9 },
  .area = { 1.0, 0.639, 0.282, 1.0 },
  .place = { 0.87, 0.87, 0.85, 1.0 },
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

static void
path_level_free (PathLevel *level)
{
  if (level == NULL)
    return;
  g_free (level->index);
  g_free (level->bbox);
  g_free (level);
}

static void
prepared_track_free (gpointer data)
{
  PreparedTrack *pt = data;

  for (guint i = 0; i < N_LEVELS; i++)
    path_level_free (pt->levels[i]);
  g_free (pt->x);
  g_free (pt->y);
  g_free (pt->kind);
  g_free (pt->importance);
  g_free (pt->first_dense);
  g_clear_object (&pt->track);
  g_free (pt);
}

/* Shaping and stroking a haloed label costs far more than the rest of a
 * frame, so each is drawn once: into a small image at the target's
 * resolution for raster targets, or kept as a layout for vector ones. */
typedef struct
{
  cairo_surface_t *surface;
  PangoLayout     *layout;
  double           width;
  double           height;
} Label;

#define LABEL_PAD 3.0
#define MAX_CACHED_LABELS 1024

static void
label_free (gpointer data)
{
  Label *label = data;

  g_clear_pointer (&label->surface, cairo_surface_destroy);
  g_clear_object (&label->layout);
  g_free (label);
}

static OvfPointKind
segment_kind (const OvfTrackPoint *a,
              const OvfTrackPoint *b)
{
  if (a->kind == OVF_POINT_ESTIMATED || b->kind == OVF_POINT_ESTIMATED)
    return OVF_POINT_ESTIMATED;
  return OVF_POINT_REPORTED;
}

static guint
pieces_for_segment (const OvfTrackPoint *a,
                    const OvfTrackPoint *b)
{
  double d = ovf_geo_distance_m (a->lat, a->lon, b->lat, b->lon);

  return MAX (1, (guint) ceil (d / DENSIFY_STEP_M));
}

static PreparedTrack *
prepared_track_new (OvfTrack *track)
{
  PreparedTrack *pt = g_new0 (PreparedTrack, 1);
  const OvfTrackPoint *points;
  guint n_points;
  guint total = 0;
  guint v = 0;

  pt->track = g_object_ref (track);
  points = ovf_track_get_points (track, &n_points);
  if (n_points == 0)
    return pt;

  for (guint i = 0; i + 1 < n_points; i++)
    total += pieces_for_segment (&points[i], &points[i + 1]);
  total += 1;

  pt->n = total;
  pt->x = g_new (double, total);
  pt->y = g_new (double, total);
  pt->kind = g_new (guint8, total);
  pt->first_dense = g_new (guint32, n_points);
  pt->min_x = pt->min_y = G_MAXDOUBLE;
  pt->max_x = pt->max_y = -G_MAXDOUBLE;

  for (guint i = 0; i < n_points; i++)
    {
      const OvfTrackPoint *a = &points[i];
      guint pieces = i + 1 < n_points ? pieces_for_segment (a, &points[i + 1]) : 1;
      OvfPointKind kind = i + 1 < n_points ? segment_kind (a, &points[i + 1]) : a->kind;
      double prev_lon = a->lon;

      pt->first_dense[i] = v;
      for (guint j = 0; j < pieces; j++, v++)
        {
          double lat = a->lat, lon = a->lon;

          if (j > 0)
            {
              const OvfTrackPoint *b = &points[i + 1];

              ovf_geo_interpolate (a->lat, a->lon, b->lat, b->lon,
                                   (double) j / pieces, &lat, &lon);
              lon = ovf_geo_unwrap_lon (lon, prev_lon);
            }
          prev_lon = lon;
          ovf_geo_to_mercator (lat, lon, &pt->x[v], &pt->y[v]);
          pt->kind[v] = kind;
          pt->min_x = MIN (pt->min_x, pt->x[v]);
          pt->max_x = MAX (pt->max_x, pt->x[v]);
          pt->min_y = MIN (pt->min_y, pt->y[v]);
          pt->max_y = MAX (pt->max_y, pt->y[v]);
        }
    }

  return pt;
}

static void
path_level_add_blocks (PathLevel           *level,
                       const PreparedTrack *pt)
{
  guint n_segments = level->n > 0 ? level->n - 1 : 0;

  level->n_blocks = (n_segments + BLOCK_SIZE - 1) / BLOCK_SIZE;
  level->bbox = g_new (double, 4 * (gsize) level->n_blocks);

  for (guint b = 0; b < level->n_blocks; b++)
    {
      guint first = b * BLOCK_SIZE;
      guint last = MIN (first + BLOCK_SIZE, n_segments);
      double *box = &level->bbox[4 * b];

      box[0] = box[1] = G_MAXDOUBLE;
      box[2] = box[3] = -G_MAXDOUBLE;
      for (guint j = first; j <= last; j++)
        {
          guint32 i = level->index[j];

          box[0] = MIN (box[0], pt->x[i]);
          box[1] = MIN (box[1], pt->y[i]);
          box[2] = MAX (box[2], pt->x[i]);
          box[3] = MAX (box[3], pt->y[i]);
        }
    }
}

/* The squared distance from vertex i to the segment a-b, in mercator units. */
static inline double
distance2_to_segment (const PreparedTrack *pt,
                      guint32              i,
                      guint32              a,
                      guint32              b)
{
  double dx = pt->x[b] - pt->x[a], dy = pt->y[b] - pt->y[a];
  double px = pt->x[i] - pt->x[a], py = pt->y[i] - pt->y[a];
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? CLAMP ((px * dx + py * dy) / len2, 0.0, 1.0) : 0.0;

  px -= t * dx;
  py -= t * dy;
  return px * px + py * py;
}

typedef struct
{
  guint32 a;
  guint32 b;
  float   cap;
} Span;

/* One Douglas-Peucker pass to full depth records, for each vertex, the
 * largest tolerance at which it is still kept (capped by the split that
 * made its span, so the levels nest). Every level is then a filter of
 * this, instead of a simplification of its own. The ends and every
 * change of kind are always kept, so the reported/estimated styling
 * survives simplification. */
static void
prepared_track_rank (PreparedTrack *pt)
{
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (Span));
  guint32 last_forced = 0;

  pt->importance = g_new0 (float, MAX (pt->n, 1));
  if (pt->n == 0)
    return;

  for (guint32 i = 0; i < pt->n; i++)
    if (i == 0 || i + 1 == pt->n || pt->kind[i] != pt->kind[i - 1])
      {
        pt->importance[i] = G_MAXFLOAT;
        if (i > 0)
          g_array_append_val (stack, ((Span) { last_forced, i, G_MAXFLOAT }));
        last_forced = i;
      }

  while (stack->len > 0)
    {
      Span span = g_array_index (stack, Span, stack->len - 1);
      double worst = 0;
      guint32 split = span.a;

      g_array_set_size (stack, stack->len - 1);
      for (guint32 i = span.a + 1; i < span.b; i++)
        {
          double d = distance2_to_segment (pt, i, span.a, span.b);

          if (d > worst)
            {
              worst = d;
              split = i;
            }
        }
      /* Points on the segment itself are never needed; stopping here
       * also keeps straight runs from splitting one vertex at a time. */
      if (worst <= 1e-24)
        continue;

      pt->importance[split] = MIN ((float) sqrt (worst), span.cap);
      g_array_append_val (stack, ((Span) { span.a, split, pt->importance[split] }));
      g_array_append_val (stack, ((Span) { split, span.b, pt->importance[split] }));
    }
}

/* The vertices that matter at half a pixel at this zoom. */
static PathLevel *
path_level_new (const PreparedTrack *pt,
                guint                zoom)
{
  PathLevel *level = g_new0 (PathLevel, 1);
  float tolerance = 0.5 / (256.0 * ldexp (1.0, zoom));

  level->index = g_new (guint32, MAX (pt->n, 1));
  for (guint32 i = 0; i < pt->n; i++)
    if (pt->importance[i] >= tolerance)
      level->index[level->n++] = i;

  level->index = g_renew (guint32, level->index, MAX (level->n, 1));
  path_level_add_blocks (level, pt);
  return level;
}

static PathLevel *
prepared_track_get_level (PreparedTrack *pt,
                          double         zoom)
{
  guint z = (guint) CLAMP (floor (zoom), 0, N_LEVELS - 1);

  if (pt->levels[z] == NULL)
    pt->levels[z] = path_level_new (pt, z);
  return pt->levels[z];
}

static Split
prepared_track_split (PreparedTrack *pt,
                      OvfTime        time)
{
  Split split = { 0 };
  const OvfTrackFix *fix = &split.fix;
  double ref_lon;
  gint64 dense;

  if (pt->n == 0)
    return split;
  /* A path without a clock is drawn whole, with no balloon on it. */
  if (!ovf_track_has_times (pt->track))
    {
      split.segment = pt->n;
      return split;
    }

  ovf_track_locate (pt->track, time, &split.fix);
  split.valid = TRUE;

  if (fix->phase == OVF_FLIGHT_BEFORE)
    {
      split.segment = -1;
      dense = 0;
    }
  else if (fix->phase == OVF_FLIGHT_AFTER)
    {
      split.segment = pt->n;
      dense = pt->n - 1;
    }
  else
    {
      guint32 first = pt->first_dense[fix->segment];
      guint32 next = fix->segment + 1 < ovf_track_get_n_points (pt->track)
                     ? pt->first_dense[fix->segment + 1] : first + 1;
      guint32 pieces = MAX (next - first, 1);
      guint32 piece = MIN ((guint32) floor (fix->fraction * pieces), pieces - 1);

      dense = first + piece;
      split.segment = dense;
    }

  ref_lon = pt->x[dense] * 360.0 - 180.0;
  ovf_geo_to_mercator (fix->lat, ovf_geo_unwrap_lon (fix->lon, ref_lon), &split.x, &split.y);
  return split;
}

static void
ovf_overlay_emit_changed (OvfOverlay *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Projects and ranks each track and builds its first @n_levels levels of
 * detail; NULL if cancelled. Reads the tracks only, so it may run in any
 * thread. */
static GPtrArray *
prepare_tracks (GPtrArray    *tracks,
                guint         n_levels,
                GCancellable *cancellable)
{
  g_autoptr(GPtrArray) prepared = g_ptr_array_new_with_free_func (prepared_track_free);

  for (guint i = 0; i < tracks->len; i++)
    {
      PreparedTrack *pt;

      if (g_cancellable_is_cancelled (cancellable))
        return NULL;
      pt = prepared_track_new (g_ptr_array_index (tracks, i));
      prepared_track_rank (pt);
      for (guint z = 0; z < n_levels; z++)
        prepared_track_get_level (pt, z);
      g_ptr_array_add (prepared, pt);
    }
  return g_steal_pointer (&prepared);
}

static void
prepare_tracks_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  GPtrArray *prepared = prepare_tracks (task_data, BACKGROUND_LEVELS, cancellable);

  if (prepared == NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Cancelled");
  else
    g_task_return_pointer (task, prepared, (GDestroyNotify) g_ptr_array_unref);
}

static void
on_tracks_prepared (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  OvfOverlay *self = OVF_OVERLAY (object);
  g_autoptr(GPtrArray) prepared = g_task_propagate_pointer (G_TASK (result), NULL);

  /* A newer dataset replaced the one these belong to. */
  if (prepared == NULL || g_task_get_cancellable (G_TASK (result)) != self->preparing)
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
  g_clear_object (&self->preparing);
  g_clear_pointer (&self->tracks, g_ptr_array_unref);
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
  self->tracks = g_ptr_array_new_with_free_func (prepared_track_free);
  self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, label_free);
  self->sprites = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cairo_surface_destroy);
  self->placer = ovf_label_placer_new ();
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
  g_ptr_array_set_size (self->tracks, 0);
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

      if (self->prepare_in_background && n_points > BACKGROUND_MIN_POINTS)
        {
          g_autoptr(GTask) task = NULL;

          self->preparing = g_cancellable_new ();
          task = g_task_new (self, self->preparing, on_tracks_prepared, NULL);
          g_task_set_source_tag (task, ovf_overlay_set_dataset);
          g_task_set_task_data (task, g_steal_pointer (&tracks), (GDestroyNotify) g_ptr_array_unref);
          g_task_run_in_thread (task, prepare_tracks_thread);
        }
      else
        {
          g_autoptr(GPtrArray) prepared = prepare_tracks (tracks, 0, NULL);

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

typedef struct
{
  const OvfMapView *view;
  double world;
  /* The visible mercator box, grown by the margin. */
  double x0, y0, x1, y1;
} Frame;

static void
frame_init (Frame            *frame,
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

/* The range of whole-world shifts k for which [min_x, max_x] + k meets the
 * frame; FALSE when none does. */
static gboolean
frame_world_range (const Frame *frame,
                   double       min_x,
                   double       max_x,
                   int         *k0,
                   int         *k1)
{
  double lo = ceil (frame->x0 - max_x);
  double hi = floor (frame->x1 - min_x);

  if (lo > hi)
    return FALSE;
  *k0 = (int) lo;
  *k1 = (int) MIN (hi, lo + MAX_WORLD_COPIES - 1);
  return TRUE;
}

static inline double
frame_px (const Frame *frame,
          double       mx)
{
  return (mx - frame->view->center_x) * frame->world + frame->view->width / 2.0;
}

static inline double
frame_py (const Frame *frame,
          double       my)
{
  return (my - frame->view->center_y) * frame->world + frame->view->height / 2.0;
}

static void
set_source (cairo_t    *cr,
            const Rgba *c,
            double      alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

/* Path drawing */

typedef struct
{
  cairo_t *cr;
  double xmin, ymin, xmax, ymax;  /* clip rectangle in pixels */
  gboolean down;
  double last_x, last_y;
} Pen;

/* Liang-Barsky clipping of the segment to the pen's rectangle. */
static gboolean
clip_segment (const Pen *pen,
              double    *ax,
              double    *ay,
              double    *bx,
              double    *by)
{
  double dx = *bx - *ax, dy = *by - *ay;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { *ax - pen->xmin, pen->xmax - *ax, *ay - pen->ymin, pen->ymax - *ay };
  double t0 = 0.0, t1 = 1.0;
  double sx = *ax, sy = *ay;

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0.0)
        {
          if (q[i] < 0.0)
            return FALSE;
          continue;
        }
      if (p[i] < 0.0)
        t0 = MAX (t0, q[i] / p[i]);
      else
        t1 = MIN (t1, q[i] / p[i]);
      if (t0 > t1)
        return FALSE;
    }

  *ax = sx + t0 * dx;
  *ay = sy + t0 * dy;
  *bx = sx + t1 * dx;
  *by = sy + t1 * dy;
  return TRUE;
}

static void
pen_segment (Pen    *pen,
             double  ax,
             double  ay,
             double  bx,
             double  by)
{
  if (!clip_segment (pen, &ax, &ay, &bx, &by))
    {
      pen->down = FALSE;
      return;
    }

  if (!pen->down || ax != pen->last_x || ay != pen->last_y)
    cairo_move_to (pen->cr, ax, ay);
  /* Sub-pixel steps are merged into the next segment's line. */
  cairo_line_to (pen->cr, bx, by);
  pen->down = TRUE;
  pen->last_x = bx;
  pen->last_y = by;
}

static gboolean
bucket_is_flown (Bucket bucket)
{
  return bucket == BUCKET_FLOWN_REPORTED || bucket == BUCKET_FLOWN_ESTIMATED;
}

static OvfPointKind
bucket_kind (Bucket bucket)
{
  return (bucket == BUCKET_FLOWN_ESTIMATED || bucket == BUCKET_FUTURE_ESTIMATED)
         ? OVF_POINT_ESTIMATED : OVF_POINT_REPORTED;
}

/* Adds the bucket's segments of one world copy (shifted by k) to cr's path. */
static void
trace_bucket (const PreparedTrack *pt,
              const PathLevel     *level,
              const Split         *split,
              const Frame         *frame,
              Pen                 *pen,
              int                  k,
              Bucket               bucket)
{
  gboolean flown = bucket_is_flown (bucket);
  OvfPointKind kind = bucket_kind (bucket);
  guint n_segments = level->n - 1;

  pen->down = FALSE;
  for (guint b = 0; b < level->n_blocks; b++)
    {
      const double *box = &level->bbox[4 * b];
      guint last = MIN ((b + 1) * BLOCK_SIZE, n_segments);

      if (box[2] + k < frame->x0 || box[0] + k > frame->x1 ||
          box[3] < frame->y0 || box[1] > frame->y1)
        {
          pen->down = FALSE;
          continue;
        }

      for (guint j = b * BLOCK_SIZE; j < last; j++)
        {
          guint32 a = level->index[j];
          guint32 z = level->index[j + 1];
          double ax, ay, zx, zy;

          if (pt->kind[a] != kind)
            {
              pen->down = FALSE;
              continue;
            }

          ax = frame_px (frame, pt->x[a] + k);
          ay = frame_py (frame, pt->y[a]);
          zx = frame_px (frame, pt->x[z] + k);
          zy = frame_py (frame, pt->y[z]);

          if ((gint64) z <= split->segment)
            {
              if (flown)
                pen_segment (pen, ax, ay, zx, zy);
              else
                pen->down = FALSE;
            }
          else if ((gint64) a > split->segment)
            {
              if (!flown)
                pen_segment (pen, ax, ay, zx, zy);
              else
                pen->down = FALSE;
            }
          else
            {
              double mx = frame_px (frame, split->x + k);
              double my = frame_py (frame, split->y);

              if (flown)
                {
                  pen_segment (pen, ax, ay, mx, my);
                  pen->down = FALSE;
                }
              else
                {
                  pen->down = FALSE;
                  pen_segment (pen, mx, my, zx, zy);
                }
            }
        }
    }
}

static void
stroke_bucket (cairo_t       *cr,
               const Palette *palette,
               Bucket         bucket,
               gboolean       dense)
{
  static const double flown_dash[] = { 7.0, 5.0 };
  static const double future_dash[] = { 4.0, 5.0 };
  gboolean flown = bucket_is_flown (bucket);
  gboolean estimated = bucket_kind (bucket) == OVF_POINT_ESTIMATED;

  /* Round joins cost an arc each; on dense tracks, where every vertex is
   * a pixel from the next, bevels look the same. */
  cairo_set_line_join (cr, dense ? CAIRO_LINE_JOIN_BEVEL : CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, estimated ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
  if (estimated)
    cairo_set_dash (cr, flown ? flown_dash : future_dash, 2, 0.0);
  else
    cairo_set_dash (cr, NULL, 0, 0.0);

  if (flown)
    {
      /* A casing keeps the line readable over any basemap colour. */
      cairo_set_line_width (cr, 6.5);
      set_source (cr, &palette->casing, 1.0);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, 3.5);
      set_source (cr, &palette->path, 1.0);
    }
  else
    {
      cairo_set_line_width (cr, 2.0);
      set_source (cr, &palette->path, 0.45);
    }
  cairo_stroke (cr);
}

static void
draw_track_path (OvfOverlay    *self,
                 cairo_t       *cr,
                 const Frame   *frame,
                 const Palette *palette,
                 PreparedTrack *pt,
                 const Split   *split)
{
  static const Bucket order[] = {
    BUCKET_FUTURE_REPORTED, BUCKET_FUTURE_ESTIMATED,
    BUCKET_FLOWN_REPORTED, BUCKET_FLOWN_ESTIMATED,
  };
  const OvfMapView *view = frame->view;
  PathLevel *level;
  Pen pen = {
    .cr = cr,
    .xmin = -CLIP_MARGIN, .ymin = -CLIP_MARGIN,
    .xmax = view->width + CLIP_MARGIN, .ymax = view->height + CLIP_MARGIN,
  };
  int k0, k1;

  if (pt->n < 2 || !frame_world_range (frame, pt->min_x, pt->max_x, &k0, &k1))
    return;
  if (pt->max_y < frame->y0 || pt->min_y > frame->y1)
    return;

  level = prepared_track_get_level (pt, view->zoom);
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      cairo_new_path (cr);
      for (int k = k0; k <= k1; k++)
        trace_bucket (pt, level, split, frame, &pen, k, order[i]);
      stroke_bucket (cr, palette, order[i], level->n > DENSE_VERTICES);
    }
  cairo_set_dash (cr, NULL, 0, 0.0);
}

/* Text */

static void
draw_halo_text (cairo_t       *cr,
                const Label   *label,
                double         x,
                double         y,
                const Palette *palette)
{
  PangoLayout *layout = label->layout;

  /* A soft plate under the halo: where the story's labels meet the
   * basemap's own, the basemap's text fades behind instead of tangling. */
  cairo_save (cr);
  ovf_draw_rounded_rectangle (cr, x - LABEL_PAD, y - LABEL_PAD / 2, label->width + 2 * LABEL_PAD,
                              label->height + LABEL_PAD, LABEL_PAD);
  set_source (cr, &palette->halo, 0.7);
  cairo_fill (cr);
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 3.0);
  set_source (cr, &palette->halo, 1.0);
  cairo_stroke (cr);
  cairo_move_to (cr, x, y);
  set_source (cr, &palette->text, 1.0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static const Label *
label_lookup (OvfOverlay    *self,
              cairo_t       *cr,
              const char    *text,
              double         size_px,
              const Palette *palette)
{
  gboolean raster = cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE;
  double dx = 1.0, dy = 0.0, sx = 1.0, sy = 1.0, scale;
  g_autofree char *key = NULL;
  Label *label;
  int w, h;

  /* In the target's own pixels, which are finer than the device space
   * on a high-density screen. */
  cairo_user_to_device_distance (cr, &dx, &dy);
  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  scale = MAX (hypot (dx, dy) * sx, 0.01);
  key = g_strdup_printf ("%c%c%.3f|%.1f|%s", raster ? 'r' : 'v', self->dark ? 'd' : 'l', scale, size_px, text);
  label = g_hash_table_lookup (self->labels, key);
  if (label != NULL)
    return label;

  label = g_new0 (Label, 1);
  label->layout = ovf_draw_create_layout (cr, size_px, PANGO_WEIGHT_BOLD);
  pango_layout_set_text (label->layout, text, -1);
  pango_layout_get_pixel_size (label->layout, &w, &h);
  label->width = w;
  label->height = h;

  if (raster)
    {
      cairo_t *label_cr;

      label->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                   (int) ceil ((w + 2 * LABEL_PAD) * scale),
                                                   (int) ceil ((h + 2 * LABEL_PAD) * scale));
      cairo_surface_set_device_scale (label->surface, scale, scale);
      label_cr = cairo_create (label->surface);
      pango_cairo_update_layout (label_cr, label->layout);
      draw_halo_text (label_cr, label, LABEL_PAD, LABEL_PAD, palette);
      cairo_destroy (label_cr);
      g_clear_object (&label->layout);
    }

  g_hash_table_insert (self->labels, g_steal_pointer (&key), label);
  return label;
}

static void
label_draw (cairo_t       *cr,
            const Label   *label,
            double         x,
            double         y,
            const Palette *palette)
{
  if (label->surface == NULL)
    {
      draw_halo_text (cr, label, x, y, palette);
      return;
    }

  /* On whole device pixels, so the text stays sharp. */
  x -= LABEL_PAD;
  y -= LABEL_PAD;
  cairo_user_to_device (cr, &x, &y);
  x = round (x);
  y = round (y);
  cairo_device_to_user (cr, &x, &y);
  cairo_set_source_surface (cr, label->surface, x, y);
  cairo_paint (cr);
}

/* Markers */

/* Outside its track the marker stands where the track starts or ends: the
 * label says so, rather than lend the clock time an altitude the balloon
 * did not have then. */
static char *
format_marker_text (OvfTrack          *track,
                    OvfTime            time,
                    const OvfTrackFix *fix)
{
  g_autofree char *when = NULL;

  switch (fix->phase)
    {
    case OVF_FLIGHT_BEFORE:
      when = ovf_time_format_brief_utc (ovf_track_get_start_time (track));
      /* TRANSLATORS: the balloon marker's label before its track begins; %s is a time */
      return when != NULL ? g_strdup_printf (_("Track starts\n%s"), when) : NULL;
    case OVF_FLIGHT_AFTER:
      when = ovf_time_format_brief_utc (ovf_track_get_end_time (track));
      /* TRANSLATORS: the balloon marker's label after its track ends; %s is a time */
      return when != NULL ? g_strdup_printf (_("Track ends\n%s"), when) : NULL;
    case OVF_FLIGHT_WITHIN:
    default:
      break;
    }

  when = ovf_time_format_brief_utc (time);
  if (when == NULL || isnan (fix->alt_m))
    return g_steal_pointer (&when);
  /* TRANSLATORS: time, then altitude in kilometres and in feet (rounded to hundreds) */
  return g_strdup_printf (_("%s\n%.1f km · %'.0f ft"), when, fix->alt_m / 1000.0,
                          round (fix->alt_m / 0.3048 / 100) * 100);
}

/**
 * ovf_overlay_dup_marker_text:
 *
 * Returns: (nullable) (transfer full): what the label beside the balloon
 *   says at the overlay's time: the time and altitude in flight, or where
 *   the track starts or ends outside it; %NULL without a track.
 */
char *
ovf_overlay_dup_marker_text (OvfOverlay *self)
{
  OvfTrack *track;
  OvfTrackFix fix;

  g_return_val_if_fail (OVF_IS_OVERLAY (self), NULL);

  track = self->dataset != NULL ? ovf_dataset_get_main_track (self->dataset) : NULL;
  if (track == NULL || ovf_track_get_n_points (track) == 0 || !ovf_track_has_times (track))
    return NULL;
  ovf_track_locate (track, self->time, &fix);
  return format_marker_text (track, self->time, &fix);
}

#define BALLOON_RADIUS 7.0

#define MARKER_LABEL_PAD 4.0

/* Whether @box meets one of the reserved boxes. */
static gboolean
meets_reserved (OvfOverlay              *self,
                const cairo_rectangle_t *box)
{
  for (guint i = 0; i < self->reserved->len; i++)
    {
      const cairo_rectangle_t *o = &g_array_index (self->reserved, cairo_rectangle_t, i);

      if (box->x < o->x + o->width && o->x < box->x + box->width &&
          box->y < o->y + o->height && o->y < box->y + box->height)
        return TRUE;
    }
  return FALSE;
}

/* The label beside the main balloon's marker, placed before the other
 * labels so that they keep clear of it; NULL when off view or without
 * room. Its text changes with every frame of playback, so it sits on a
 * small panel rather than behind a stroked halo, which would cost more
 * than the rest of the frame. */
static PangoLayout *
layout_marker_label (OvfOverlay  *self,
                     cairo_t     *cr,
                     const Frame *frame,
                     OvfTrack    *track,
                     const Split *split,
                     double      *out_x,
                     double      *out_y)
{
  g_autofree char *text = NULL;
  PangoLayout *layout;
  double x, y, offset = BALLOON_RADIUS * 2.2 + 2 + MARKER_LABEL_PAD;
  double d = offset * M_SQRT1_2;
  cairo_rectangle_t spots[8];
  int w, h, spot;

  if (!split->valid || !self->show_marker_label)
    return NULL;
  /* The copy of the marker nearest the centre carries the label. */
  x = frame_px (frame, split->x + round (frame->view->center_x - split->x));
  y = frame_py (frame, split->y);
  if (x < 0 || x > frame->view->width || y < 0 || y > frame->view->height)
    return NULL;
  text = format_marker_text (track, self->time, &split->fix);
  if (text == NULL)
    return NULL;

  layout = ovf_draw_create_layout (cr, 12.0, PANGO_WEIGHT_BOLD);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);

  /* Its panel on the right, the left, above or below the marker, or in
   * a corner beside it, which is where it fits near a corner of the view. */
  spots[0] = (cairo_rectangle_t) { x + offset, y - h / 2.0, w, h };
  spots[1] = (cairo_rectangle_t) { x - offset - w, y - h / 2.0, w, h };
  spots[2] = (cairo_rectangle_t) { x - w / 2.0, y - offset - h, w, h };
  spots[3] = (cairo_rectangle_t) { x - w / 2.0, y + offset, w, h };
  spots[4] = (cairo_rectangle_t) { x + d, y - d - h, w, h };
  spots[5] = (cairo_rectangle_t) { x - d - w, y - d - h, w, h };
  spots[6] = (cairo_rectangle_t) { x + d, y + d, w, h };
  spots[7] = (cairo_rectangle_t) { x - d - w, y + d, w, h };
  for (guint i = 0; i < G_N_ELEMENTS (spots); i++)
    {
      spots[i].x -= MARKER_LABEL_PAD;
      spots[i].y -= MARKER_LABEL_PAD;
      spots[i].width += 2 * MARKER_LABEL_PAD;
      spots[i].height += 2 * MARKER_LABEL_PAD;
    }

  spot = ovf_label_placer_place (self->placer, spots, G_N_ELEMENTS (spots), OVF_LABEL_MARKER, text);
  /* Among the story's markers it may cover some, but it stays inside the
   * view and off the panels. */
  for (guint i = 0; spot < 0 && i < G_N_ELEMENTS (spots); i++)
    if (spots[i].x >= 0 && spots[i].y >= 0 && spots[i].x + spots[i].width <= frame->view->width &&
        spots[i].y + spots[i].height <= frame->view->height && !meets_reserved (self, &spots[i]))
      {
        ovf_label_placer_take (self->placer, &spots[i], OVF_LABEL_MARKER, text);
        spot = (int) i;
      }
  if (spot < 0)
    {
      g_object_unref (layout);
      return NULL;
    }

  *out_x = spots[spot].x + MARKER_LABEL_PAD;
  *out_y = spots[spot].y + MARKER_LABEL_PAD;
  return layout;
}

static void
draw_marker_label (cairo_t       *cr,
                   PangoLayout   *layout,
                   double         x,
                   double         y,
                   const Palette *palette)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_new_path (cr);
  ovf_draw_rounded_rectangle (cr, x - MARKER_LABEL_PAD, y - MARKER_LABEL_PAD,
                     w + 2 * MARKER_LABEL_PAD, h + 2 * MARKER_LABEL_PAD, 5.0);
  set_source (cr, &palette->panel, 1.0);
  cairo_fill (cr);
  cairo_move_to (cr, x, y);
  set_source (cr, &palette->text, 1.0);
  pango_cairo_show_layout (cr, layout);
}

/* Markers are small shapes drawn many times, a few hundred at low zooms
 * where the world repeats; each is encoded so that draw_mark() can stamp
 * a cached image of it on raster targets. */
typedef enum
{
  MARK_EVENT,    /* variant: category | selected << 3 | still to come << 4 */
  MARK_PLACE,    /* variant: place category */
  MARK_BALLOON,  /* variant: main track */
} MarkKind;

#define MARK(kind, variant) ((guint) (kind) | ((guint) (variant) << 2))
#define MARK_EVENT_SELECTED (1 << 3)
#define MARK_EVENT_FUTURE (1 << 4)

static void draw_mark (OvfOverlay    *self,
                       cairo_t       *cr,
                       const Palette *palette,
                       guint          mark,
                       double         x,
                       double         y);

/* A marker where it is drawn in this frame; places carry their name. */
typedef struct
{
  guint       mark;
  double      x, y;
  const char *name;
} MarkAt;

static void
add_mark (GArray     *marks,
          guint       mark,
          double      x,
          double      y,
          const char *name)
{
  MarkAt m = { mark, x, y, name };

  g_array_append_val (marks, m);
}

static void
collect_balloon (const Frame *frame,
                 const Split *split,
                 gboolean     main_track,
                 GArray      *marks)
{
  int k0, k1;

  if (!split->valid || !frame_world_range (frame, split->x, split->x, &k0, &k1))
    return;
  if (split->y < frame->y0 || split->y > frame->y1)
    return;

  for (int k = k0; k <= k1; k++)
    add_mark (marks, MARK (MARK_BALLOON, main_track), frame_px (frame, split->x + k), frame_py (frame, split->y),
              NULL);
}

static void
paint_balloon (cairo_t       *cr,
               const Palette *palette,
               double         x,
               double         y,
               gboolean       main_track)
{
  double radius = main_track ? BALLOON_RADIUS : 5.0;

  cairo_new_path (cr);
  cairo_arc (cr, x, y, radius * 2.2, 0, 2 * G_PI);
  set_source (cr, &palette->path, 0.22);
  cairo_fill (cr);

  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  set_source (cr, &palette->path, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 2.5);
  set_source (cr, &palette->casing, 1.0 / palette->casing.a);
  cairo_stroke (cr);
}

static void
draw_event_dot (cairo_t       *cr,
                const Palette *palette,
                double         x,
                double         y,
                const double   color[4],
                gboolean       selected,
                double         alpha)
{
  double radius = selected ? 7.5 : 5.0;

  cairo_new_path (cr);
  if (selected)
    {
      cairo_arc (cr, x, y, radius + 5.0, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, color[0], color[1], color[2], 0.25);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 2.0);
      cairo_set_source_rgba (cr, color[0], color[1], color[2], 0.9);
      cairo_stroke (cr);
    }
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, color[0], color[1], color[2], alpha);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.5);
  set_source (cr, &palette->casing, alpha / palette->casing.a);
  cairo_stroke (cr);
}

static void
collect_events (OvfOverlay  *self,
                const Frame *frame,
                GArray      *marks)
{
  GListModel *events = ovf_dataset_get_events (self->dataset);
  guint n = g_list_model_get_n_items (events);

  /* The selected event goes last, on top of the others. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(OvfEvent) event = g_list_model_get_item (events, i);
        gboolean selected = event == self->selected_event;
        double mx, my;
        guint mark;
        int k0, k1;

        if (selected != (pass == 1) || !ovf_event_has_location (event))
          continue;

        ovf_geo_to_mercator (ovf_event_get_latitude (event), ovf_event_get_longitude (event), &mx, &my);
        if (my < frame->y0 || my > frame->y1 || !frame_world_range (frame, mx, mx, &k0, &k1))
          continue;

        mark = MARK (MARK_EVENT, MIN ((guint) ovf_event_get_category (event), OVF_N_CATEGORIES - 1) |
                     (selected ? MARK_EVENT_SELECTED : 0) |
                     (ovf_event_get_time (event) > self->time ? MARK_EVENT_FUTURE : 0));
        for (int k = k0; k <= k1; k++)
          add_mark (marks, mark, frame_px (frame, mx + k), frame_py (frame, my), NULL);
      }
}

/* Places */

static void
trace_place_symbol (cairo_t          *cr,
                    OvfPlaceCategory  category,
                    double            x,
                    double            y)
{
  const double r = 4.5;

  cairo_new_path (cr);
  switch (category)
    {
    case OVF_PLACE_MILITARY:
      /* A diamond, like a map's military symbol. */
      cairo_move_to (cr, x, y - r - 1);
      cairo_line_to (cr, x + r + 1, y);
      cairo_line_to (cr, x, y + r + 1);
      cairo_line_to (cr, x - r - 1, y);
      cairo_close_path (cr);
      break;
    case OVF_PLACE_AIRPORT:
      cairo_move_to (cr, x, y - r - 1);
      cairo_line_to (cr, x + r + 0.5, y + r);
      cairo_line_to (cr, x - r - 0.5, y + r);
      cairo_close_path (cr);
      break;
    case OVF_PLACE_REGION:
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case OVF_PLACE_CITY:
    case OVF_PLACE_OTHER:
    default:
      cairo_arc (cr, x, y, r - 0.5, 0, 2 * G_PI);
      break;
    }
}

/* Sprites */

/* A quarter of a pixel: markers are stamped at most an eighth of a pixel
 * from where they would be drawn. */
#define SPRITE_PHASES 4
/* Half the side of a sprite, in logical pixels: room for the largest mark,
 * the balloon's glow. */
#define SPRITE_EXTENT 18.0
#define MAX_CACHED_SPRITES 4096

static void
paint_mark (OvfOverlay    *self,
            cairo_t       *cr,
            const Palette *palette,
            guint          mark,
            double         x,
            double         y)
{
  guint variant = mark >> 2;
  double color[4];

  switch ((MarkKind) (mark & 0x3))
    {
    case MARK_EVENT:
      ovf_overlay_get_category_color (variant & 0x7, self->dark, color);
      draw_event_dot (cr, palette, x, y, color, (variant & MARK_EVENT_SELECTED) != 0,
                      /* Events still to come are shown, but quieter. */
                      (variant & MARK_EVENT_FUTURE) != 0 ? 0.45 : 1.0);
      break;
    case MARK_PLACE:
      trace_place_symbol (cr, variant, x, y);
      set_source (cr, &palette->place, 1.0);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.5);
      set_source (cr, &palette->halo, 1.0);
      cairo_stroke (cr);
      break;
    case MARK_BALLOON:
    default:
      paint_balloon (cr, palette, x, y, variant != 0);
      break;
    }
}

/* Target pixels per user unit when user space is an unrotated, unskewed
 * scale of an image target's pixels; 0 when marks must be drawn as paths. */
static double
raster_scale (cairo_t *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_matrix_t m;
  double sx, sy;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return 0;
  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (target, &sx, &sy);
  if (m.xy != 0 || m.yx != 0 || m.xx <= 0 || m.xx * sx != m.yy * sy)
    return 0;
  return m.xx * sx;
}

static cairo_surface_t *
sprite_new (OvfOverlay    *self,
            const Palette *palette,
            guint          mark,
            double         scale,
            double         phase_x,
            double         phase_y)
{
  int extent = (int) ceil (SPRITE_EXTENT * scale);
  cairo_surface_t *sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * extent + 1, 2 * extent + 1);
  cairo_t *cr;

  cairo_surface_set_device_scale (sprite, scale, scale);
  cr = cairo_create (sprite);
  cairo_set_tolerance (cr, 0.25);
  paint_mark (self, cr, palette, mark, (extent + phase_x) / scale, (extent + phase_y) / scale);
  cairo_destroy (cr);
  return sprite;
}

/* Draws @mark centred on (x, y). On raster targets it is stamped from a
 * small image drawn once per sub-pixel phase, which costs a fraction of
 * filling and stroking its curves again. */
static void
draw_mark (OvfOverlay    *self,
           cairo_t       *cr,
           const Palette *palette,
           guint          mark,
           double         x,
           double         y)
{
  double scale = raster_scale (cr);
  double ox, oy, sx, sy, px, py;
  cairo_surface_t *sprite;
  gint64 qx, qy;
  guint key;
  int extent;

  if (scale == 0)
    {
      paint_mark (self, cr, palette, mark, x, y);
      return;
    }

  if (scale != self->sprite_scale || g_hash_table_size (self->sprites) >= MAX_CACHED_SPRITES)
    {
      g_hash_table_remove_all (self->sprites);
      self->sprite_scale = scale;
    }

  /* Where the centre falls in the target's pixels. */
  cairo_surface_get_device_offset (cairo_get_target (cr), &ox, &oy);
  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  px = x;
  py = y;
  cairo_user_to_device (cr, &px, &py);
  qx = (gint64) round ((px * sx + ox) * SPRITE_PHASES);
  qy = (gint64) round ((py * sy + oy) * SPRITE_PHASES);
  /* The whole pixel is the floor of the quantised position, the phase
   * its remainder, 0 to SPRITE_PHASES - 1. */
  px = floor ((double) qx / SPRITE_PHASES);
  py = floor ((double) qy / SPRITE_PHASES);
  qx -= (gint64) px * SPRITE_PHASES;
  qy -= (gint64) py * SPRITE_PHASES;

  key = mark << 5 | (guint) qx << 3 | (guint) qy << 1 | self->dark;
  sprite = g_hash_table_lookup (self->sprites, GUINT_TO_POINTER (key));
  if (sprite == NULL)
    {
      sprite = sprite_new (self, palette, mark, scale, (double) qx / SPRITE_PHASES,
                           (double) qy / SPRITE_PHASES);
      g_hash_table_insert (self->sprites, GUINT_TO_POINTER (key), sprite);
    }

  /* The sprite's top left, on a whole target pixel, back in user space. */
  extent = (int) ceil (SPRITE_EXTENT * scale);
  px = (px - extent - ox) / sx;
  py = (py - extent - oy) / sy;
  cairo_device_to_user (cr, &px, &py);
  cairo_set_source_surface (cr, sprite, px, py);
  cairo_paint (cr);
}

/* How far a marker reaches from its centre, for labels to keep clear. */
static double
mark_radius (guint mark)
{
  switch ((MarkKind) (mark & 0x3))
    {
    case MARK_EVENT:
      return (mark >> 2) & MARK_EVENT_SELECTED ? 13.5 : 6.0;
    case MARK_PLACE:
      return 6.5;
    case MARK_BALLOON:
    default:
      return ((mark >> 2) != 0 ? BALLOON_RADIUS : 5.0) * 2.2;
    }
}

/* Between a place's symbol and its label's plate. */
#define PLACE_LABEL_GAP 7.0

typedef struct
{
  const Label *label;
  double       x, y;
} PlaceLabel;

static void
collect_places (OvfOverlay  *self,
                const Frame *frame,
                GArray      *marks)
{
  GListModel *places = ovf_dataset_get_places (self->dataset);
  guint n = g_list_model_get_n_items (places);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OvfPlace) place = g_list_model_get_item (places, i);
      double mx, my;
      int k0, k1;

      ovf_geo_to_mercator (ovf_place_get_latitude (place), ovf_place_get_longitude (place), &mx, &my);
      if (my < frame->y0 || my > frame->y1 || !frame_world_range (frame, mx, mx, &k0, &k1))
        continue;
      for (int k = k0; k <= k1; k++)
        add_mark (marks, MARK (MARK_PLACE, ovf_place_get_category (place) & 0x7), frame_px (frame, mx + k),
                  frame_py (frame, my), ovf_place_get_name (place));
    }
}

/* Each place's label goes right of its symbol if free, else left;
 * otherwise it is left out. */
static void
place_place_labels (OvfOverlay    *self,
                    cairo_t       *cr,
                    const Palette *palette,
                    GArray        *marks,
                    GArray        *out_labels)
{
  for (guint i = 0; i < marks->len; i++)
    {
      const MarkAt *m = &g_array_index (marks, MarkAt, i);
      const Label *label;
      cairo_rectangle_t spots[2];
      double w, h;
      int spot;

      if ((m->mark & 0x3) != MARK_PLACE)
        continue;
      /* Bold, to tell them from the basemap's own labels. */
      label = label_lookup (self, cr, m->name, 11.5, palette);
      w = label->width + 2 * LABEL_PAD;
      h = label->height + LABEL_PAD;
      spots[0] = (cairo_rectangle_t) { m->x + PLACE_LABEL_GAP, m->y - h / 2.0, w, h };
      spots[1] = (cairo_rectangle_t) { m->x - PLACE_LABEL_GAP - w, m->y - h / 2.0, w, h };
      spot = ovf_label_placer_place (self->placer, spots, G_N_ELEMENTS (spots), OVF_LABEL_PLACE, m->name);
      if (spot >= 0)
        {
          PlaceLabel placed = { label, spots[spot].x + LABEL_PAD, spots[spot].y + LABEL_PAD / 2 };

          g_array_append_val (out_labels, placed);
        }
    }
}

/* Areas */

/* The point at @distance_m from (lat, lon) on @bearing, on the sphere. */
static void
destination (double  lat,
             double  lon,
             double  bearing,
             double  distance_m,
             double *out_lat,
             double *out_lon)
{
  double d = distance_m / OVF_EARTH_RADIUS_M;
  double p1 = lat * G_PI / 180.0, l1 = lon * G_PI / 180.0;
  double p2 = asin (sin (p1) * cos (d) + cos (p1) * sin (d) * cos (bearing));
  double l2 = l1 + atan2 (sin (bearing) * sin (d) * cos (p1), cos (d) - sin (p1) * sin (p2));

  *out_lat = p2 * 180.0 / G_PI;
  *out_lon = l2 * 180.0 / G_PI;
}

/* Fills xs/ys with the area's outline in mercator, longitudes kept
 * continuous; returns the vertex count. */
static guint
area_outline (OvfArea  *area,
              GArray   *xs,
              GArray   *ys)
{
  guint n;
  double prev_lon;
  OvfLatLon center = ovf_area_get_center (area);
  const OvfLatLon *polygon = NULL;

  if (ovf_area_is_circle (area))
    n = AREA_CIRCLE_VERTICES;
  else
    polygon = ovf_area_get_polygon (area, &n);

  g_array_set_size (xs, n);
  g_array_set_size (ys, n);
  prev_lon = center.lon;
  for (guint i = 0; i < n; i++)
    {
      double lat, lon;

      if (polygon != NULL)
        {
          lat = polygon[i].lat;
          lon = polygon[i].lon;
        }
      else
        {
          destination (center.lat, center.lon, 2 * G_PI * i / n, ovf_area_get_radius_m (area), &lat, &lon);
        }
      lon = ovf_geo_unwrap_lon (lon, prev_lon);
      prev_lon = lon;
      ovf_geo_to_mercator (lat, lon, &g_array_index (xs, double, i), &g_array_index (ys, double, i));
    }
  return n;
}

static void
draw_areas (OvfOverlay    *self,
            cairo_t       *cr,
            const Frame   *frame,
            const Palette *palette)
{
  GListModel *areas = ovf_dataset_get_areas (self->dataset);
  guint n = g_list_model_get_n_items (areas);
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OvfArea) area = g_list_model_get_item (areas, i);
      double min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, min_y = G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
      guint nv;
      int k0, k1;

      if (!ovf_area_applies_at (area, self->time))
        continue;

      nv = area_outline (area, xs, ys);
      for (guint v = 0; v < nv; v++)
        {
          min_x = MIN (min_x, g_array_index (xs, double, v));
          max_x = MAX (max_x, g_array_index (xs, double, v));
          min_y = MIN (min_y, g_array_index (ys, double, v));
          max_y = MAX (max_y, g_array_index (ys, double, v));
        }
      if (nv < 3 || max_y < frame->y0 || min_y > frame->y1 ||
          !frame_world_range (frame, min_x, max_x, &k0, &k1))
        continue;

      for (int k = k0; k <= k1; k++)
        {
          cairo_new_path (cr);
          for (guint v = 0; v < nv; v++)
            cairo_line_to (cr, frame_px (frame, g_array_index (xs, double, v) + k),
                           frame_py (frame, g_array_index (ys, double, v)));
          cairo_close_path (cr);
          set_source (cr, &palette->area, 0.22);
          cairo_fill_preserve (cr);
          cairo_set_line_width (cr, 1.5);
          set_source (cr, &palette->area, 0.9);
          cairo_stroke (cr);
        }
    }
}

/* Lays out a frame: its markers, then every label around them, see
 * ovf-label-placer.c. */
static PangoLayout *
layout_frame (OvfOverlay    *self,
              cairo_t       *cr,
              const Frame   *frame,
              const Palette *palette,
              const Split   *splits,
              GArray        *marks,
              GArray        *place_labels,
              double        *marker_label_x,
              double        *marker_label_y)
{
  const OvfMapView *view = frame->view;
  OvfTrack *main_track = ovf_dataset_get_main_track (self->dataset);
  PangoLayout *marker_label = NULL;

  if (self->show_places)
    collect_places (self, frame, marks);
  collect_events (self, frame, marks);
  for (guint i = 0; i < self->tracks->len; i++)
    {
      PreparedTrack *pt = g_ptr_array_index (self->tracks, i);

      collect_balloon (frame, &splits[i], pt->track == main_track, marks);
    }

  ovf_label_placer_begin (self->placer, view->width, view->height);
  for (guint i = 0; i < self->reserved->len; i++)
    ovf_label_placer_add_obstacle (self->placer, &g_array_index (self->reserved, cairo_rectangle_t, i));
  for (guint i = 0; i < marks->len; i++)
    {
      const MarkAt *m = &g_array_index (marks, MarkAt, i);
      double r = mark_radius (m->mark);

      ovf_label_placer_add_obstacle (self->placer, &(cairo_rectangle_t) { m->x - r, m->y - r, 2 * r, 2 * r });
    }

  for (guint i = 0; i < self->tracks->len && marker_label == NULL; i++)
    {
      PreparedTrack *pt = g_ptr_array_index (self->tracks, i);

      if (pt->track == main_track)
        marker_label = layout_marker_label (self, cr, frame, pt->track, &splits[i], marker_label_x, marker_label_y);
    }
  if (view->zoom >= LABEL_MIN_ZOOM)
    place_place_labels (self, cr, palette, marks, place_labels);
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
  const Palette *palette;
  g_autofree Split *splits = NULL;
  g_autoptr(GArray) marks = g_array_new (FALSE, FALSE, sizeof (MarkAt));
  g_autoptr(GArray) place_labels = g_array_new (FALSE, FALSE, sizeof (PlaceLabel));
  g_autoptr(PangoLayout) marker_label = NULL;
  double marker_label_x = 0, marker_label_y = 0;
  Frame frame;

  g_return_if_fail (OVF_IS_OVERLAY (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (view != NULL);

  ovf_label_placer_begin (self->placer, 0, 0);
  if (self->dataset == NULL || view->width <= 0 || view->height <= 0 || view->tile_size <= 0)
    return;

  palette = self->dark ? &dark_palette : &light_palette;
  /* Markers and labels reach past their point; the margin keeps those
   * just outside the view drawn where they overlap it. */
  frame_init (&frame, view, 160.0);
  /* Trimmed between frames only: a frame keeps its labels until drawn. */
  if (g_hash_table_size (self->labels) >= MAX_CACHED_LABELS)
    g_hash_table_remove_all (self->labels);

  splits = g_new0 (Split, self->tracks->len);
  for (guint i = 0; i < self->tracks->len; i++)
    splits[i] = prepared_track_split (g_ptr_array_index (self->tracks, i), self->time);
  marker_label = layout_frame (self, cr, &frame, palette, splits, marks, place_labels,
                               &marker_label_x, &marker_label_y);
  if (ovf_label_placer_get_deferred (self->placer) && self->more_labels_id == 0)
    self->more_labels_id = g_idle_add (show_more_labels, self);

  cairo_save (cr);
  /* A quarter pixel is finer than the eye sees on a map, and round joins
   * and markers flatten to far fewer segments than at cairo's default. */
  cairo_set_tolerance (cr, 0.25);
  draw_areas (self, cr, &frame, palette);
  /* The basemap's labels lie on the map, under the story. */
  ovf_label_placer_draw_basemap (self->placer, cr, self->dark);
  for (guint i = 0; i < self->tracks->len; i++)
    draw_track_path (self, cr, &frame, palette, g_ptr_array_index (self->tracks, i), &splits[i]);
  for (guint i = 0; i < marks->len; i++)
    {
      const MarkAt *m = &g_array_index (marks, MarkAt, i);

      draw_mark (self, cr, palette, m->mark, m->x, m->y);
    }
  for (guint i = 0; i < place_labels->len; i++)
    {
      const PlaceLabel *p = &g_array_index (place_labels, PlaceLabel, i);

      label_draw (cr, p->label, p->x, p->y, palette);
    }
  if (marker_label != NULL)
    draw_marker_label (cr, marker_label, marker_label_x, marker_label_y, palette);
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

/* Legend */

typedef enum
{
  SAMPLE_FLOWN,
  SAMPLE_FUTURE,
  SAMPLE_REPORTED,
  SAMPLE_ESTIMATED,
  SAMPLE_BALLOON,
  SAMPLE_EVENT,
  SAMPLE_PLACE,
  SAMPLE_AREA,
} Sample;

static const struct {
  Sample sample;
  const char *label;
} legend_rows[] = {
  { SAMPLE_BALLOON, N_("Balloon now") },
  /* Translators: legend: the part of the path flown before the current time */
  { SAMPLE_FLOWN, N_("Flown") },
  /* Translators: legend: the part of the path still to be flown */
  { SAMPLE_FUTURE, N_("To come") },
  { SAMPLE_REPORTED, N_("Reported position") },
  { SAMPLE_ESTIMATED, N_("Estimated position") },
  { SAMPLE_EVENT, N_("Event, by category") },
  { SAMPLE_PLACE, N_("Place") },
  { SAMPLE_AREA, N_("Area in effect") },
};

#define LEGEND_PADDING 10.0
#define LEGEND_ROW 21.0
#define LEGEND_SAMPLE 34.0

static void
draw_sample (OvfOverlay    *self,
             cairo_t       *cr,
             const Palette *palette,
             Sample         sample,
             double         x,
             double         y)
{
  static const double dash[] = { 7.0, 5.0 };
  double cy = y + LEGEND_ROW / 2.0;
  double color[4];

  cairo_new_path (cr);
  switch (sample)
    {
    case SAMPLE_FLOWN:
    case SAMPLE_REPORTED:
    case SAMPLE_ESTIMATED:
      cairo_move_to (cr, x + 2, cy);
      cairo_line_to (cr, x + LEGEND_SAMPLE - 2, cy);
      cairo_set_dash (cr, sample == SAMPLE_ESTIMATED ? dash : NULL, sample == SAMPLE_ESTIMATED ? 2 : 0, 0);
      cairo_set_line_width (cr, 6.5);
      set_source (cr, &palette->casing, 1.0);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, 3.5);
      set_source (cr, &palette->path, 1.0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    case SAMPLE_FUTURE:
      cairo_move_to (cr, x + 2, cy);
      cairo_line_to (cr, x + LEGEND_SAMPLE - 2, cy);
      cairo_set_line_width (cr, 2.0);
      set_source (cr, &palette->path, 0.45);
      cairo_stroke (cr);
      break;
    case SAMPLE_BALLOON:
      cairo_arc (cr, x + LEGEND_SAMPLE / 2, cy, 6.0, 0, 2 * G_PI);
      set_source (cr, &palette->path, 1.0);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 2.0);
      set_source (cr, &palette->casing, 1.0 / palette->casing.a);
      cairo_stroke (cr);
      break;
    case SAMPLE_EVENT:
      for (int i = 0; i < 4; i++)
        {
          static const OvfCategory shown[] = {
            OVF_CATEGORY_DETECTION, OVF_CATEGORY_SIGHTING, OVF_CATEGORY_MILITARY, OVF_CATEGORY_DIPLOMATIC,
          };

          ovf_overlay_get_category_color (shown[i], self->dark, color);
          draw_event_dot (cr, palette, x + 5 + i * 8, cy, color, FALSE, 1.0);
        }
      break;
    case SAMPLE_PLACE:
      trace_place_symbol (cr, OVF_PLACE_MILITARY, x + LEGEND_SAMPLE / 2, cy);
      set_source (cr, &palette->place, 1.0);
      cairo_fill (cr);
      break;
    case SAMPLE_AREA:
    default:
      cairo_rectangle (cr, x + 6, cy - 6, LEGEND_SAMPLE - 12, 12);
      set_source (cr, &palette->area, 0.22);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.5);
      set_source (cr, &palette->area, 0.9);
      cairo_stroke (cr);
      break;
    }
}

static gboolean
legend_row_shown (OvfOverlay *self,
                  Sample      sample)
{
  if (self->dataset == NULL)
    return TRUE;
  switch (sample)
    {
    case SAMPLE_PLACE:
      return self->show_places && g_list_model_get_n_items (ovf_dataset_get_places (self->dataset)) > 0;
    case SAMPLE_AREA:
      return g_list_model_get_n_items (ovf_dataset_get_areas (self->dataset)) > 0;
    case SAMPLE_EVENT:
      return g_list_model_get_n_items (ovf_dataset_get_events (self->dataset)) > 0;
    default:
      return TRUE;
    }
}


void
ovf_overlay_draw_legend (OvfOverlay *self,
                         cairo_t    *cr,
                         double      x,
                         double      y,
                         double     *out_width,
                         double     *out_height)
{
  const Palette *palette;
  cairo_surface_t *scratch = NULL;
  cairo_t *measure_cr = cr;
  g_autoptr(PangoLayout) layout = NULL;
  int text_w = 0;
  guint rows = 0;
  double width, height;

  g_return_if_fail (OVF_IS_OVERLAY (self));

  palette = self->dark ? &dark_palette : &light_palette;
  if (measure_cr == NULL)
    {
      scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      measure_cr = cairo_create (scratch);
    }

  layout = ovf_draw_create_layout (measure_cr, 12.5, PANGO_WEIGHT_NORMAL);
  for (guint i = 0; i < G_N_ELEMENTS (legend_rows); i++)
    {
      int w;

      if (!legend_row_shown (self, legend_rows[i].sample))
        continue;
      pango_layout_set_text (layout, _(legend_rows[i].label), -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      text_w = MAX (text_w, w);
      rows++;
    }

  width = 2 * LEGEND_PADDING + LEGEND_SAMPLE + 8 + text_w;
  height = 2 * LEGEND_PADDING + rows * LEGEND_ROW;

  if (cr != NULL)
    {
      double row_y = y + LEGEND_PADDING;

      cairo_save (cr);
      ovf_draw_rounded_rectangle (cr, x, y, width, height, 8.0);
      set_source (cr, &palette->panel, 1.0);
      cairo_fill (cr);

      for (guint i = 0; i < G_N_ELEMENTS (legend_rows); i++)
        {
          int h;

          if (!legend_row_shown (self, legend_rows[i].sample))
            continue;
          draw_sample (self, cr, palette, legend_rows[i].sample, x + LEGEND_PADDING, row_y);
          pango_layout_set_text (layout, _(legend_rows[i].label), -1);
          pango_layout_get_pixel_size (layout, NULL, &h);
          cairo_move_to (cr, x + LEGEND_PADDING + LEGEND_SAMPLE + 8, row_y + (LEGEND_ROW - h) / 2.0);
          set_source (cr, &palette->text, 1.0);
          pango_cairo_show_layout (cr, layout);
          row_y += LEGEND_ROW;
        }
      cairo_restore (cr);
    }

  if (scratch != NULL)
    {
      g_clear_object (&layout);
      cairo_destroy (measure_cr);
      cairo_surface_destroy (scratch);
    }

  if (out_width != NULL)
    *out_width = width;
  if (out_height != NULL)
    *out_height = height;
}
