/* ovf-basemap-source.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ovf-basemap-source.h"

/* The built-in offline map as a libshumate 1.0 map source: each tile is
 * drawn with cairo on a worker thread and handed to the map as a memory
 * texture, so the main loop never waits for drawing. */

struct _OvfBasemapSource
{
  ShumateMapSource  parent_instance;

  OvfBasemap       *basemap;
  OvfTileTracker   *tracker;
  gboolean          dark;
};

G_DEFINE_FINAL_TYPE (OvfBasemapSource, ovf_basemap_source, SHUMATE_TYPE_MAP_SOURCE)

typedef struct {
  OvfBasemap *basemap;       /* nullable: then only water is drawn */
  int         zoom, x, y;
  int         size;
  gboolean    dark;
  int         stride;
} RenderJob;

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

  if (g_task_return_error_if_cancelled (task))
    return;

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

/* Back on the main thread: the tile may only be touched here. */
static void
on_rendered (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  OvfBasemapSource *self = OVF_BASEMAP_SOURCE (object);
  g_autoptr(GTask) task = user_data;
  ShumateTile *tile = g_task_get_task_data (task);
  RenderJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      ovf_tile_tracker_end (self->tracker, FALSE);
      if (!g_task_return_error_if_cancelled (task))
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      ovf_tile_tracker_end (self->tracker, FALSE);
      return;
    }

  /* GDK_MEMORY_DEFAULT is cairo's native ARGB32 layout. */
  texture = gdk_memory_texture_new (job->size, job->size, GDK_MEMORY_DEFAULT, bytes, job->stride);
  shumate_tile_set_paintable (tile, GDK_PAINTABLE (texture));
  shumate_tile_set_fade_in (tile, FALSE);
  shumate_tile_set_state (tile, SHUMATE_STATE_DONE);
  ovf_tile_tracker_end (self->tracker, TRUE);
  g_task_return_boolean (task, TRUE);
}

static void
ovf_basemap_source_fill_tile_async (ShumateMapSource    *source,
                                    ShumateTile         *tile,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  OvfBasemapSource *self = OVF_BASEMAP_SOURCE (source);
  GTask *task;
  g_autoptr(GTask) render = NULL;
  RenderJob *job;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ovf_basemap_source_fill_tile_async);
  g_task_set_task_data (task, g_object_ref (tile), g_object_unref);

  job = g_new0 (RenderJob, 1);
  job->basemap = self->basemap ? g_object_ref (self->basemap) : NULL;
  job->zoom = shumate_tile_get_zoom_level (tile);
  job->x = shumate_tile_get_x (tile);
  job->y = shumate_tile_get_y (tile);
  job->size = shumate_tile_get_size (tile);
  job->dark = self->dark;

  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);
  ovf_tile_tracker_begin (self->tracker);

  render = g_task_new (self, cancellable, on_rendered, task);
  g_task_set_source_tag (render, render_in_thread);
  g_task_set_task_data (render, job, (GDestroyNotify) render_job_free);
  g_task_run_in_thread (render, render_in_thread);
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
