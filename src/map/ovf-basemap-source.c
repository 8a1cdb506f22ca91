/* ovf-basemap-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ovf-basemap-source.h"

/* The built-in offline map as a libshumate 1.0 map source: each tile is
 * drawn with cairo on a worker thread and handed to the map as a memory
 * texture, so the main loop never waits for drawing.
 *
 * A tile is drawn once however often it is asked for: a view wider than
 * the world at low zoom shows the same tiles several times, and a view
 * fitted during allocation prefetches its tiles while the first frame is
 * painted, before the map layer asks for them. */

/* Enough for two screens of tiles at 1280×800 (64 × 256 KiB). */
#define RECENT_TILES 64

struct _OvfBasemapSource
{
  ShumateMapSource  parent_instance;

  OvfBasemap       *basemap;
  OvfTileTracker   *tracker;
  gboolean          dark;

  GHashTable       *rendering;     /* tile key → GPtrArray of waiting GTasks */
  GHashTable       *recent;        /* tile key → GList link in recent_order */
  GQueue            recent_order;  /* RecentTile, most recently used first */
  guint64           tiles_drawn;
};

G_DEFINE_FINAL_TYPE (OvfBasemapSource, ovf_basemap_source, SHUMATE_TYPE_MAP_SOURCE)

typedef struct {
  guint       key;
  GdkTexture *texture;
} RecentTile;

typedef struct {
  OvfBasemap *basemap;       /* nullable: then only water is drawn */
  int         zoom, x, y;
  int         size;
  gboolean    dark;
  int         stride;
} RenderJob;

/* Zoom ≤ 14 leaves 14 bits each for x and y. */
static guint
tile_key (int zoom,
          int x,
          int y)
{
  return ((guint) zoom << 28) | ((guint) x << 14) | (guint) y;
}

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

static void
render_job_free (RenderJob *job)
{
  g_clear_object (&job->basemap);
  g_free (job);
}

static void
render_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RenderJob *job = task_data;
  cairo_surface_t *surface;
  cairo_t *cr;
  GBytes *bytes;

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
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "Tile %d/%d/%d: %s",
                               job->zoom, job->x, job->y,
                               cairo_status_to_string (cairo_surface_status (surface)));
      cairo_surface_destroy (surface);
      return;
    }

  job->stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) job->stride * job->size,
                                      (GDestroyNotify) cairo_surface_destroy, surface);
  g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
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

static void
on_rendered (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  OvfBasemapSource *self = OVF_BASEMAP_SOURCE (object);
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  guint key = tile_key (job->zoom, job->x, job->y);
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  g_hash_table_steal_extended (self->rendering, GUINT_TO_POINTER (key), NULL, (gpointer *) &waiting);
  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes != NULL)
    {
      /* GDK_MEMORY_DEFAULT is cairo's native ARGB32 layout. */
      texture = gdk_memory_texture_new (job->size, job->size, GDK_MEMORY_DEFAULT, bytes, job->stride);
      recent_store (self, key, texture);
    }

  for (guint i = 0; waiting != NULL && i < waiting->len; i++)
    fill_tile_task (self, g_ptr_array_index (waiting, i), texture, error);
}

/* Starts drawing a tile unless it is drawn or being drawn; @task, if any,
 * waits for it. */
static void
render_tile (OvfBasemapSource *self,
             int               zoom,
             int               x,
             int               y,
             int               size,
             GTask            *task)
{
  guint key = tile_key (zoom, x, y);
  GPtrArray *waiting = g_hash_table_lookup (self->rendering, GUINT_TO_POINTER (key));
  g_autoptr(GTask) render = NULL;
  RenderJob *job;

  if (waiting == NULL)
    {
      waiting = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->rendering, GUINT_TO_POINTER (key), waiting);

      self->tiles_drawn++;
      job = g_new0 (RenderJob, 1);
      job->basemap = self->basemap ? g_object_ref (self->basemap) : NULL;
      job->zoom = zoom;
      job->x = x;
      job->y = y;
      job->size = size;
      job->dark = self->dark;

      /* Not cancellable: another view may want the tile a moment later,
       * and a tile takes milliseconds. */
      render = g_task_new (self, NULL, on_rendered, NULL);
      g_task_set_source_tag (render, render_in_thread);
      g_task_set_task_data (render, job, (GDestroyNotify) render_job_free);
      g_task_run_in_thread (render, render_in_thread);
    }
  if (task != NULL)
    g_ptr_array_add (waiting, g_object_ref (task));
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

  texture = recent_lookup (self, tile_key (zoom, x, y));
  if (texture != NULL)
    {
      fill_tile_task (self, task, texture, NULL);
      return;
    }

  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);
  render_tile (self, zoom, x, y, shumate_tile_get_size (tile), task);
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
ovf_basemap_source_class_init (OvfBasemapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->dispose = ovf_basemap_source_dispose;
  source_class->fill_tile_async = ovf_basemap_source_fill_tile_async;
  source_class->fill_tile_finish = ovf_basemap_source_fill_tile_finish;
}

static void
ovf_basemap_source_init (OvfBasemapSource *self)
{
  self->rendering = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
  self->recent = g_hash_table_new (NULL, NULL);
  g_queue_init (&self->recent_order);
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

static int
positive_mod (int value,
              int divisor)
{
  return ((value % divisor) + divisor) % divisor;
}

/**
 * ovf_basemap_source_prefetch_view:
 * @viewport: the view about to be shown
 * @width: its width in pixels
 * @height: its height in pixels
 *
 * Starts drawing the tiles a #ShumateMapLayer of @width × @height will
 * ask for at @viewport, the same grid with its margin of one tile, so
 * they are ready when it does.
 */
void
ovf_basemap_source_prefetch_view (OvfBasemapSource *self,
                                  ShumateViewport  *viewport,
                                  int               width,
                                  int               height)
{
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (self);
  int zoom, tile_size, columns, rows;
  int first_column, last_column, first_row, last_row;
  double center_x, center_y, rotation, half_x, half_y;

  g_return_if_fail (OVF_IS_BASEMAP_SOURCE (self));
  g_return_if_fail (SHUMATE_IS_VIEWPORT (viewport));

  zoom = CLAMP ((int) shumate_viewport_get_zoom_level (viewport), 0, OVF_BASEMAP_MAX_ZOOM);
  tile_size = shumate_map_source_get_tile_size (source);
  columns = shumate_map_source_get_column_count (source, zoom);
  rows = shumate_map_source_get_row_count (source, zoom);
  center_x = shumate_map_source_get_x (source, zoom, shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  center_y = shumate_map_source_get_y (source, zoom, shumate_location_get_latitude (SHUMATE_LOCATION (viewport)));

  /* Half the rotated view's bounding box. */
  rotation = shumate_viewport_get_rotation (viewport);
  half_x = (fabs (cos (rotation)) * width + fabs (sin (rotation)) * height) / 2;
  half_y = (fabs (sin (rotation)) * width + fabs (cos (rotation)) * height) / 2;
  first_column = floor ((center_x - half_x) / tile_size) - 1;
  last_column = ceil ((center_x + half_x) / tile_size) + 1;
  first_row = floor ((center_y - half_y) / tile_size) - 1;
  last_row = ceil ((center_y + half_y) / tile_size) + 1;

  /* Columns wrap around the antimeridian; rows wrap too in libshumate's
   * grid, so ask for the same tiles. */
  for (int x = first_column; x < last_column; x++)
    for (int y = first_row; y < last_row; y++)
      {
        int column = positive_mod (x, columns);
        int row = positive_mod (y, rows);

        if (!g_hash_table_contains (self->recent, GUINT_TO_POINTER (tile_key (zoom, column, row))))
          render_tile (self, zoom, column, row, tile_size, NULL);
      }
}
