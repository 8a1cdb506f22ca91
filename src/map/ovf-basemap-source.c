/* ovf-basemap-source.c: the built-in map as a libshumate map source, drawing tiles on worker threads
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ovf-basemap-source.h"

/* The built-in offline map as a libshumate 1.0 map source: each tile is
 * drawn with cairo on a worker thread and handed over as a memory
 * texture, so the main loop never waits for drawing.
 *
 * A tile is drawn once however often it is asked for: a view wider than
 * the world at low zoom shows the same tiles several times. Besides
 * libshumate's fill_tile_async(), OvfTileLayer asks for tiles directly
 * (ovf_basemap_source_get_tile()) and may wait for one being drawn, so a
 * new view's first frame shows its map instead of an empty one. */

/* Tiles kept beyond those a layer shows (64 × 256 KiB). */
#define RECENT_TILES 64

enum {
  TILE_READY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

struct _OvfBasemapSource
{
  ShumateMapSource  parent_instance;

  OvfBasemap       *basemap;
  OvfTileTracker   *tracker;
  gboolean          dark;

  GHashTable       *rendering;     /* tile key → Render */
  GHashTable       *recent;        /* tile key → GList link in recent_order */
  GQueue            recent_order;  /* RecentTile, most recently used first */
  guint64           tiles_drawn;

  /* Workers finish their RenderJob under this lock. */
  GMutex            lock;
  GCond             finished;
};

G_DEFINE_FINAL_TYPE (OvfBasemapSource, ovf_basemap_source, SHUMATE_TYPE_MAP_SOURCE)

typedef struct {
  guint       key;
  GdkTexture *texture;
} RecentTile;

/* Shared by the worker and the main thread, which may take the result
 * before the worker's GTask reports back. */
typedef struct {
  gatomicrefcount ref_count;
  OvfBasemap *basemap;       /* nullable: then only water is drawn */
  int         zoom, x, y;
  int         size;
  gboolean    dark;

  /* Set by the worker under the source's lock. */
  gboolean    done;
  GBytes     *bytes;
  int         stride;
  GError     *error;
} RenderJob;

/* A tile being drawn, and who waits for it. */
typedef struct {
  RenderJob *job;
  GPtrArray *waiting;        /* GTasks of fill_tile_async() */
  gboolean   tracked;        /* counted in the tracker until done */
} Render;

static void
recent_tile_free (RecentTile *recent)
{
  g_object_unref (recent->texture);
  g_free (recent);
}

static GdkTexture *
recent_lookup (OvfBasemapSource *self,
               guint             key)
{
  GList *link = g_hash_table_lookup (self->recent, GUINT_TO_POINTER (key));

  if (link == NULL)
    return NULL;
  g_queue_unlink (&self->recent_order, link);
  g_queue_push_head_link (&self->recent_order, link);
  return ((RecentTile *) link->data)->texture;
}

static void
recent_store (OvfBasemapSource *self,
              guint             key,
              GdkTexture       *texture)
{
  RecentTile *recent = g_new (RecentTile, 1);

  recent->key = key;
  recent->texture = g_object_ref (texture);
  g_queue_push_head (&self->recent_order, recent);
  g_hash_table_insert (self->recent, GUINT_TO_POINTER (key), self->recent_order.head);

  while (self->recent_order.length > RECENT_TILES)
    {
      RecentTile *oldest = g_queue_pop_tail (&self->recent_order);

      g_hash_table_remove (self->recent, GUINT_TO_POINTER (oldest->key));
      recent_tile_free (oldest);
    }
}

static RenderJob *
render_job_ref (RenderJob *job)
{
  g_atomic_ref_count_inc (&job->ref_count);
  return job;
}

static void
render_job_unref (RenderJob *job)
{
  if (!g_atomic_ref_count_dec (&job->ref_count))
    return;
  g_clear_object (&job->basemap);
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_error (&job->error);
  g_free (job);
}

static void
render_free (Render *render)
{
  render_job_unref (render->job);
  g_ptr_array_unref (render->waiting);
  g_free (render);
}

/* Draws the tile into cairo's native ARGB32 layout. */
static GBytes *
draw_tile (RenderJob  *job,
           int        *stride,
           GError    **error)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, job->size, job->size);
  cr = cairo_create (surface);
  if (job->basemap != NULL)
    ovf_basemap_render_tile (job->basemap, cr, job->zoom, job->x, job->y, job->size, job->dark);
  else
    {
      double rgb[3];

      ovf_basemap_get_color (OVF_BASEMAP_COLOR_WATER, job->dark, rgb);
      cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
      cairo_paint (cr);
    }
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Tile %d/%d/%d: %s", job->zoom, job->x, job->y,
                   cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return NULL;
    }

  *stride = cairo_image_surface_get_stride (surface);
  return g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) *stride * job->size,
                                     (GDestroyNotify) cairo_surface_destroy, surface);
}

static void
render_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  OvfBasemapSource *self = source_object;
  RenderJob *job = task_data;
  GError *error = NULL;
  int stride = 0;
  GBytes *bytes = draw_tile (job, &stride, &error);

  g_mutex_lock (&self->lock);
  job->bytes = bytes;
  job->stride = stride;
  job->error = error;
  job->done = TRUE;
  g_cond_broadcast (&self->finished);
  g_mutex_unlock (&self->lock);

  g_task_return_boolean (task, TRUE);
}

/* On the main thread: the tile may only be touched here. */
static void
fill_tile_task (OvfBasemapSource *self,
                GTask            *task,
                GdkTexture       *texture,
                const GError     *error)
{
  ShumateTile *tile = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      ovf_tile_tracker_end (self->tracker, FALSE);
      return;
    }
  if (texture == NULL)
    {
      ovf_tile_tracker_end (self->tracker, FALSE);
      g_task_return_error (task, g_error_copy (error));
      return;
    }

  shumate_tile_set_paintable (tile, GDK_PAINTABLE (texture));
  shumate_tile_set_fade_in (tile, FALSE);
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  ovf_tile_tracker_end (self->tracker, TRUE);
  g_task_return_boolean (task, TRUE);
}

/* Hands a finished tile to those waiting for it, on the main thread:
 * called when its worker reports back, or earlier by a layer waiting.
 * Returns the tile, kept in the recent tiles (transfer none), or NULL if
 * it could not be drawn. */
static GdkTexture *
finish_render (OvfBasemapSource *self,
               guint             key)
{
  Render *render = NULL;
  RenderJob *job;
  g_autoptr(GdkTexture) texture = NULL;

  if (!g_hash_table_steal_extended (self->rendering, GUINT_TO_POINTER (key), NULL, (gpointer *) &render))
    return NULL;

  job = render->job;
  if (job->bytes != NULL)
    {
      /* GDK_MEMORY_DEFAULT is cairo's native ARGB32 layout. */
      texture = gdk_memory_texture_new (job->size, job->size, GDK_MEMORY_DEFAULT, job->bytes, job->stride);
      recent_store (self, key, texture);
    }

  for (guint i = 0; i < render->waiting->len; i++)
    fill_tile_task (self, g_ptr_array_index (render->waiting, i), texture, job->error);
  if (render->tracked)
    ovf_tile_tracker_end (self->tracker, texture != NULL);
  render_free (render);

  if (texture != NULL)
    g_signal_emit (self, signals[TILE_READY], 0, job->zoom, job->x, job->y);
  return texture;
}

static void
on_rendered (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  OvfBasemapSource *self = OVF_BASEMAP_SOURCE (object);
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  guint key = ovf_basemap_source_tile_key (job->zoom, job->x, job->y);
  Render *render = g_hash_table_lookup (self->rendering, GUINT_TO_POINTER (key));

  /* Unless a waiting layer took it already. */
  if (render != NULL && render->job == job)
    finish_render (self, key);
}

/* Starts drawing a tile unless it is being drawn; @task, if any, waits for
 * it. A @tracked drawing counts in the tracker until it is done. */
static void
render_tile (OvfBasemapSource *self,
             int               zoom,
             int               x,
             int               y,
             GTask            *task,
             gboolean          tracked)
{
  guint key = ovf_basemap_source_tile_key (zoom, x, y);
  Render *render = g_hash_table_lookup (self->rendering, GUINT_TO_POINTER (key));
  g_autoptr(GTask) worker = NULL;
  RenderJob *job;

  if (render == NULL)
    {
      job = g_new0 (RenderJob, 1);
      g_atomic_ref_count_init (&job->ref_count);
      job->basemap = self->basemap ? g_object_ref (self->basemap) : NULL;
      job->zoom = zoom;
      job->x = x;
      job->y = y;
      job->size = shumate_map_source_get_tile_size (SHUMATE_MAP_SOURCE (self));
      job->dark = self->dark;

      render = g_new0 (Render, 1);
      render->job = job;
      render->waiting = g_ptr_array_new_with_free_func (g_object_unref);
      render->tracked = tracked;
      g_hash_table_insert (self->rendering, GUINT_TO_POINTER (key), render);
      if (tracked)
        ovf_tile_tracker_begin (self->tracker);
      self->tiles_drawn++;

      /* Not cancellable: another view may want the tile a moment later,
       * and a tile takes milliseconds. */
      worker = g_task_new (self, NULL, on_rendered, NULL);
      g_task_set_source_tag (worker, render_in_thread);
      g_task_set_task_data (worker, render_job_ref (job), (GDestroyNotify) render_job_unref);
      g_task_run_in_thread (worker, render_in_thread);
    }
  if (task != NULL)
    g_ptr_array_add (render->waiting, g_object_ref (task));
}

static void
ovf_basemap_source_fill_tile_async (ShumateMapSource    *source,
                                    ShumateTile         *tile,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  OvfBasemapSource *self = OVF_BASEMAP_SOURCE (source);
  int zoom = shumate_tile_get_zoom_level (tile);
  int x = shumate_tile_get_x (tile);
  int y = shumate_tile_get_y (tile);
  g_autoptr(GTask) task = NULL;
  GdkTexture *texture;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ovf_basemap_source_fill_tile_async);
  g_task_set_task_data (task, g_object_ref (tile), g_object_unref);
  ovf_tile_tracker_begin (self->tracker);

  texture = recent_lookup (self, ovf_basemap_source_tile_key (zoom, x, y));
  if (texture != NULL)
    {
      fill_tile_task (self, task, texture, NULL);
      return;
    }

  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);
  render_tile (self, zoom, x, y, task, FALSE);
}

static gboolean
ovf_basemap_source_fill_tile_finish (ShumateMapSource  *source,
                                     GAsyncResult      *result,
                                     GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ovf_basemap_source_dispose (GObject *object)
{
  OvfBasemapSource *self = OVF_BASEMAP_SOURCE (object);

  g_clear_object (&self->basemap);
  g_clear_object (&self->tracker);
  g_clear_pointer (&self->rendering, g_hash_table_unref);
  g_clear_pointer (&self->recent, g_hash_table_unref);
  g_queue_clear_full (&self->recent_order, (GDestroyNotify) recent_tile_free);

  G_OBJECT_CLASS (ovf_basemap_source_parent_class)->dispose (object);
}

static void
ovf_basemap_source_finalize (GObject *object)
{
  OvfBasemapSource *self = OVF_BASEMAP_SOURCE (object);

  g_mutex_clear (&self->lock);
  g_cond_clear (&self->finished);

  G_OBJECT_CLASS (ovf_basemap_source_parent_class)->finalize (object);
}

static void
ovf_basemap_source_class_init (OvfBasemapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->dispose = ovf_basemap_source_dispose;
  object_class->finalize = ovf_basemap_source_finalize;
  source_class->fill_tile_async = ovf_basemap_source_fill_tile_async;
  source_class->fill_tile_finish = ovf_basemap_source_fill_tile_finish;

  /**
   * OvfBasemapSource::tile-ready:
   *
   * A tile asked for with ovf_basemap_source_get_tile() or
   * fill_tile_async() is drawn.
   */
  signals[TILE_READY] =
    g_signal_new ("tile-ready", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT, G_TYPE_INT, G_TYPE_INT);
}

static void
ovf_basemap_source_init (OvfBasemapSource *self)
{
  self->rendering = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) render_free);
  self->recent = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->recent_order);
  g_mutex_init (&self->lock);
  g_cond_init (&self->finished);
}

/**
 * ovf_basemap_source_license:
 *
 * Returns: the attribution every view of the built-in map must show.
 */
const char *
ovf_basemap_source_license (void)
{
  return _("Natural Earth · Lakes © OpenStreetMap contributors · Cities © GeoNames (CC BY 4.0)");
}

/**
 * ovf_basemap_source_new_full:
 * @basemap: (nullable): the data to draw; %NULL draws only water
 * @tracker: (nullable): where tile requests are reported; %NULL for the
 *   default tracker
 */
OvfBasemapSource *
ovf_basemap_source_new_full (OvfBasemap     *basemap,
                             gboolean        dark,
                             OvfTileTracker *tracker)
{
  OvfBasemapSource *self;

  g_return_val_if_fail (basemap == NULL || OVF_IS_BASEMAP (basemap), NULL);
  g_return_val_if_fail (tracker == NULL || OVF_IS_TILE_TRACKER (tracker), NULL);

  /* Distinct ids keep libshumate's memory cache from mixing the palettes. */
  self = g_object_new (OVF_TYPE_BASEMAP_SOURCE,
                       "id", dark ? OVF_BASEMAP_SOURCE_ID_DARK : OVF_BASEMAP_SOURCE_ID,
                       "name", dark ? _("Built-in Map (Dark)") : _("Built-in Map"),
                       "license", ovf_basemap_source_license (),
                       "license-uri", "https://www.naturalearthdata.com/about/terms-of-use/",
                       "min-zoom-level", 0,
                       "max-zoom-level", OVF_BASEMAP_MAX_ZOOM,
                       "tile-size", 256,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
  self->basemap = basemap ? g_object_ref (basemap) : NULL;
  self->tracker = g_object_ref (tracker ? tracker : ovf_tile_tracker_get_default ());
  self->dark = dark;
  return self;
}

/**
 * ovf_basemap_source_new:
 *
 * The built-in basemap from the app's resources.
 */
OvfBasemapSource *
ovf_basemap_source_new (gboolean dark)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(OvfBasemap) basemap = ovf_basemap_get_default (&error);

  if (basemap == NULL)
    g_critical ("The built-in basemap cannot be loaded: %s", error->message);
  return ovf_basemap_source_new_full (basemap, dark, NULL);
}

OvfBasemap *
ovf_basemap_source_get_basemap (OvfBasemapSource *self)
{
  g_return_val_if_fail (OVF_IS_BASEMAP_SOURCE (self), NULL);
  return self->basemap;
}

gboolean
ovf_basemap_source_get_dark (OvfBasemapSource *self)
{
  g_return_val_if_fail (OVF_IS_BASEMAP_SOURCE (self), FALSE);
  return self->dark;
}

/**
 * ovf_basemap_source_get_tiles_drawn:
 *
 * Returns: how many tiles this source has started drawing; a tile asked
 * for again while it is drawn or still recent is not drawn again.
 */
guint64
ovf_basemap_source_get_tiles_drawn (OvfBasemapSource *self)
{
  g_return_val_if_fail (OVF_IS_BASEMAP_SOURCE (self), 0);
  return self->tiles_drawn;
}

/**
 * ovf_basemap_source_peek_tile:
 *
 * Returns: (transfer none) (nullable): the tile if it is drawn and still
 *   kept, without drawing it otherwise
 */
GdkTexture *
ovf_basemap_source_peek_tile (OvfBasemapSource *self,
                              int               zoom,
                              int               x,
                              int               y)
{
  GList *link;

  g_return_val_if_fail (OVF_IS_BASEMAP_SOURCE (self), NULL);

  link = g_hash_table_lookup (self->recent, GUINT_TO_POINTER (ovf_basemap_source_tile_key (zoom, x, y)));
  return link != NULL ? ((RecentTile *) link->data)->texture : NULL;
}

/**
 * ovf_basemap_source_get_tile:
 *
 * Returns the tile if it is drawn; otherwise starts drawing it, counted in
 * the source's tracker, and #OvfBasemapSource::tile-ready tells when it is.
 *
 * Returns: (transfer none) (nullable): the tile, or %NULL while it is drawn
 */
GdkTexture *
ovf_basemap_source_get_tile (OvfBasemapSource *self,
                             int               zoom,
                             int               x,
                             int               y)
{
  GdkTexture *texture;

  g_return_val_if_fail (OVF_IS_BASEMAP_SOURCE (self), NULL);
  g_return_val_if_fail (zoom >= 0 && zoom <= OVF_BASEMAP_MAX_ZOOM, NULL);
  g_return_val_if_fail (x >= 0 && x < 1 << zoom && y >= 0 && y < 1 << zoom, NULL);

  texture = recent_lookup (self, ovf_basemap_source_tile_key (zoom, x, y));
  if (texture == NULL)
    render_tile (self, zoom, x, y, NULL, TRUE);
  return texture;
}

/**
 * ovf_basemap_source_wait_tile:
 * @deadline: the monotonic time to give up at
 *
 * Blocks until the tile, which ovf_basemap_source_get_tile() started
 * drawing, is drawn, or until @deadline. For a first frame: drawing a tile
 * takes a few milliseconds, a frame without a map is seen.
 *
 * Returns: (transfer none) (nullable): the tile, or %NULL if it is not
 *   drawn by @deadline or could not be drawn
 */
GdkTexture *
ovf_basemap_source_wait_tile (OvfBasemapSource *self,
                              int               zoom,
                              int               x,
                              int               y,
                              gint64            deadline)
{
  guint key = ovf_basemap_source_tile_key (zoom, x, y);
  Render *render;
  gboolean done;

  g_return_val_if_fail (OVF_IS_BASEMAP_SOURCE (self), NULL);

  render = g_hash_table_lookup (self->rendering, GUINT_TO_POINTER (key));
  if (render == NULL)
    return ovf_basemap_source_peek_tile (self, zoom, x, y);

  g_mutex_lock (&self->lock);
  while (!render->job->done && g_cond_wait_until (&self->finished, &self->lock, deadline))
    ;
  done = render->job->done;
  g_mutex_unlock (&self->lock);

  return done ? finish_render (self, key) : NULL;
}
