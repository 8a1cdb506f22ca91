/* ovf-osm-source.c: OpenStreetMap tiles with a cache, and the built-in map where they fail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "ovf-basemap-source.h"
#include "ovf-osm-source.h"

/* OpenStreetMap's raster tiles, the online option. libshumate 1.0's tile
 * downloader sends its own User-Agent and caches in its own folder, so
 * this source does the fetching itself, within the tile usage policy: a
 * User-Agent naming the app, at most two connections, a file cache that is
 * used first, and only the tiles a view asks for. Any tile that cannot be
 * had is drawn by the built-in basemap instead, so the map never has holes;
 * after a network failure the source stays offline for a while rather
 * than retrying every tile. */

#define CACHE_SIZE_LIMIT (200 * 1000 * 1000)
#define FRESH_SECONDS    (7 * 24 * 3600)
#define OFFLINE_SECONDS  60

struct _OvfOsmSource
{
  ShumateMapSource  parent_instance;

  char             *url_template;
  ShumateFileCache *cache;
  SoupSession      *session;      /* created on the first download */
  ShumateMapSource *fallback;
  OvfTileTracker   *tracker;
  gint64            offline_until;
  guint             downloads;

  GMutex            fetch_lock;   /* serialises headless fetches */
  SoupSession      *fetch_session;
};

G_DEFINE_FINAL_TYPE (OvfOsmSource, ovf_osm_source, SHUMATE_TYPE_MAP_SOURCE)

typedef struct {
  ShumateTile *tile;
  GBytes      *cached;       /* a stale copy, used if the network fails */
  char        *etag;
} FillData;

static void
fill_data_free (FillData *data)
{
  g_clear_object (&data->tile);
  g_clear_pointer (&data->cached, g_bytes_unref);
  g_free (data->etag);
  g_free (data);
}

const char *
ovf_osm_source_get_user_agent (void)
{
  return "Overflight/" PACKAGE_VERSION " (+https://github.com/overflight/overflight)";
}

static void
finish_tile (GTask    *task,
             gboolean  filled)
{
  OvfOsmSource *self = g_task_get_source_object (task);

  ovf_tile_tracker_end (self->tracker, filled);
  if (filled)
    g_task_return_boolean (task, TRUE);
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "Tile could not be drawn");
}

static void
on_fallback_filled (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  finish_tile (task, shumate_map_source_fill_tile_finish (SHUMATE_MAP_SOURCE (object), result, NULL));
}

static void
use_fallback (GTask *task)
{
  OvfOsmSource *self = g_task_get_source_object (task);
  FillData *data = g_task_get_task_data (task);

  shumate_map_source_fill_tile_async (self->fallback, data->tile, g_task_get_cancellable (task),
                                      on_fallback_filled, task);
}

static gboolean
show_png (FillData *data,
          GBytes   *bytes)
{
  g_autoptr(GdkTexture) texture = gdk_texture_new_from_bytes (bytes, NULL);

  if (texture == NULL)
    return FALSE;
  shumate_tile_set_paintable (data->tile, GDK_PAINTABLE (texture));
  shumate_tile_set_fade_in (data->tile, FALSE);
  shumate_tile_set_state (data->tile, SHUMATE_STATE_DONE);
  return TRUE;
}

static void
on_stored (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!shumate_file_cache_store_tile_finish (SHUMATE_FILE_CACHE (object), result, &error))
    g_debug ("Tile not cached: %s", error->message);
}

/* Falls back to the stale cached copy, else to the built-in map. */
static void
download_failed (GTask *task)
{
  FillData *data = g_task_get_task_data (task);

  if (g_task_return_error_if_cancelled (task))
    {
      OvfOsmSource *self = g_task_get_source_object (task);

      ovf_tile_tracker_end (self->tracker, FALSE);
      return;
    }
  if (data->cached != NULL && show_png (data, data->cached))
    finish_tile (task, TRUE);
  else
    use_fallback (g_object_ref (task));
}

static void
on_downloaded (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OvfOsmSource *self = g_task_get_source_object (task);
  FillData *data = g_task_get_task_data (task);
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (object), result);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);
  guint status = msg ? soup_message_get_status (msg) : 0;

  if (bytes == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_debug ("OpenStreetMap unreachable, using the built-in map for %d s: %s",
                   OFFLINE_SECONDS, error->message);
          self->offline_until = g_get_monotonic_time () + OFFLINE_SECONDS * G_USEC_PER_SEC;
        }
      download_failed (task);
      return;
    }

  if (status == SOUP_STATUS_NOT_MODIFIED && data->cached != NULL)
    {
      shumate_file_cache_mark_up_to_date (self->cache,
                                          shumate_tile_get_x (data->tile),
                                          shumate_tile_get_y (data->tile),
                                          shumate_tile_get_zoom_level (data->tile));
      download_failed (task);   /* shows the cached copy */
      return;
    }

  if (!SOUP_STATUS_IS_SUCCESSFUL (status) || !show_png (data, bytes))
    {
      g_debug ("OpenStreetMap tile %d/%d/%d: HTTP %u", shumate_tile_get_zoom_level (data->tile),
               shumate_tile_get_x (data->tile), shumate_tile_get_y (data->tile), status);
      download_failed (task);
      return;
    }

  shumate_file_cache_store_tile_async (self->cache,
                                       shumate_tile_get_x (data->tile),
                                       shumate_tile_get_y (data->tile),
                                       shumate_tile_get_zoom_level (data->tile),
                                       bytes,
                                       soup_message_headers_get_one (soup_message_get_response_headers (msg), "ETag"),
                                       NULL, on_stored, NULL);
  finish_tile (task, TRUE);
}

static char *
tile_uri_for (OvfOsmSource *self,
              guint         zoom,
              guint         tile_x,
              guint         tile_y)
{
  g_autofree char *z = g_strdup_printf ("%u", zoom);
  g_autofree char *x = g_strdup_printf ("%u", tile_x);
  g_autofree char *y = g_strdup_printf ("%u", tile_y);
  GString *uri = g_string_new (self->url_template);

  g_string_replace (uri, "{z}", z, 0);
  g_string_replace (uri, "{x}", x, 0);
  g_string_replace (uri, "{y}", y, 0);
  return g_string_free (uri, FALSE);
}

static char *
tile_uri (OvfOsmSource *self,
          ShumateTile  *tile)
{
  return tile_uri_for (self, shumate_tile_get_zoom_level (tile),
                       shumate_tile_get_x (tile), shumate_tile_get_y (tile));
}

static void
download (GTask *task)
{
  OvfOsmSource *self = g_task_get_source_object (task);
  FillData *data = g_task_get_task_data (task);
  g_autofree char *uri = tile_uri (self, data->tile);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, uri);

  if (msg == NULL)
    {
      g_debug ("Bad tile address %s", uri);
      download_failed (task);
      return;
    }
  if (self->session == NULL)
    self->session = soup_session_new_with_options ("user-agent", ovf_osm_source_get_user_agent (),
                                                   "max-conns", OVF_OSM_MAX_CONNECTIONS,
                                                   "max-conns-per-host", OVF_OSM_MAX_CONNECTIONS,
                                                   NULL);
  if (data->etag != NULL)
    soup_message_headers_append (soup_message_get_request_headers (msg), "If-None-Match", data->etag);
  self->downloads++;
  soup_session_send_and_read_async (self->session, msg, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_downloaded, g_object_ref (task));
}

static gboolean
is_fresh (GDateTime *modtime)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return modtime != NULL && g_date_time_difference (now, modtime) < (GTimeSpan) FRESH_SECONDS * G_TIME_SPAN_SECOND;
}

static void
on_cache_read (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  OvfOsmSource *self = g_task_get_source_object (task);
  FillData *data = g_task_get_task_data (task);
  g_autoptr(GDateTime) modtime = NULL;

  data->cached = shumate_file_cache_get_tile_finish (SHUMATE_FILE_CACHE (object), &data->etag,
                                                     &modtime, result, NULL);
  if (data->cached != NULL && is_fresh (modtime) && show_png (data, data->cached))
    finish_tile (task, TRUE);
  else if (g_get_monotonic_time () < self->offline_until)
    download_failed (task);
  else
    download (task);
}

static void
ovf_osm_source_fill_tile_async (ShumateMapSource    *source,
                                ShumateTile         *tile,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  OvfOsmSource *self = OVF_OSM_SOURCE (source);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  FillData *data = g_new0 (FillData, 1);

  g_task_set_source_tag (task, ovf_osm_source_fill_tile_async);
  data->tile = g_object_ref (tile);
  g_task_set_task_data (task, data, (GDestroyNotify) fill_data_free);
  ovf_tile_tracker_begin (self->tracker);
  shumate_tile_set_state (tile, SHUMATE_STATE_LOADING);

  shumate_file_cache_get_tile_async (self->cache,
                                     shumate_tile_get_x (tile),
                                     shumate_tile_get_y (tile),
                                     shumate_tile_get_zoom_level (tile),
                                     cancellable, on_cache_read, task);
}

static gboolean
ovf_osm_source_fill_tile_finish (ShumateMapSource  *source,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
ovf_osm_source_dispose (GObject *object)
{
  OvfOsmSource *self = OVF_OSM_SOURCE (object);

  g_clear_object (&self->session);
  g_clear_object (&self->cache);
  g_clear_object (&self->fallback);
  g_clear_object (&self->tracker);
  g_clear_object (&self->fetch_session);

  G_OBJECT_CLASS (ovf_osm_source_parent_class)->dispose (object);
}

static void
ovf_osm_source_finalize (GObject *object)
{
  OvfOsmSource *self = OVF_OSM_SOURCE (object);

  g_free (self->url_template);
  g_mutex_clear (&self->fetch_lock);

  G_OBJECT_CLASS (ovf_osm_source_parent_class)->finalize (object);
}

static void
ovf_osm_source_class_init (OvfOsmSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateMapSourceClass *source_class = SHUMATE_MAP_SOURCE_CLASS (klass);

  object_class->dispose = ovf_osm_source_dispose;
  object_class->finalize = ovf_osm_source_finalize;
  source_class->fill_tile_async = ovf_osm_source_fill_tile_async;
  source_class->fill_tile_finish = ovf_osm_source_fill_tile_finish;
}

static void
ovf_osm_source_init (OvfOsmSource *self)
{
  g_mutex_init (&self->fetch_lock);
}

/**
 * ovf_osm_source_new_full:
 * @url_template: a tile address with {z}, {x} and {y}
 * @cache_dir: the folder for the file cache
 * @fallback: (nullable): what draws tiles that cannot be downloaded
 * @tracker: (nullable): where tile requests are reported; %NULL for the
 *   default tracker
 */
OvfOsmSource *
ovf_osm_source_new_full (const char     *url_template,
                         const char     *cache_dir,
                         OvfBasemap     *fallback,
                         gboolean        dark,
                         OvfTileTracker *tracker)
{
  OvfOsmSource *self;
  g_autoptr(OvfTileTracker) private_tracker = NULL;

  g_return_val_if_fail (url_template != NULL, NULL);
  g_return_val_if_fail (cache_dir != NULL, NULL);

  self = g_object_new (OVF_TYPE_OSM_SOURCE,
                       "id", OVF_OSM_SOURCE_ID,
                       "name", _("OpenStreetMap"),
                       "license", _("© OpenStreetMap contributors"),
                       "license-uri", "https://www.openstreetmap.org/copyright",
                       "min-zoom-level", 0,
                       "max-zoom-level", 19,
                       "tile-size", 256,
                       "projection", SHUMATE_MAP_PROJECTION_MERCATOR,
                       NULL);
  self->url_template = g_strdup (url_template);
  self->cache = shumate_file_cache_new_full (CACHE_SIZE_LIMIT, "osm", cache_dir);
  self->tracker = g_object_ref (tracker ? tracker : ovf_tile_tracker_get_default ());
  /* The fallback reports to a private tracker: its tiles are counted once,
   * as this source's. */
  private_tracker = ovf_tile_tracker_new ();
  self->fallback = SHUMATE_MAP_SOURCE (ovf_basemap_source_new_full (fallback, dark, private_tracker));
  return self;
}

/**
 * ovf_osm_source_new:
 *
 * OpenStreetMap's standard tiles, cached in the user's cache folder, with
 * the built-in basemap filling in whatever cannot be downloaded. The
 * environment variable `OVERFLIGHT_OSM_TILE_URL` replaces the tile address.
 */
ShumateMapSource *
ovf_osm_source_new (void)
{
  g_autofree char *cache_dir = g_build_filename (g_get_user_cache_dir (), "overflight", "tiles", NULL);
  g_autoptr(OvfBasemap) basemap = ovf_basemap_get_default (NULL);
  const char *url = g_getenv (OVF_OSM_URL_ENV);

  if (url == NULL || *url == '\0')
    url = OVF_OSM_URL_TEMPLATE;
  return SHUMATE_MAP_SOURCE (ovf_osm_source_new_full (url, cache_dir, basemap, FALSE, NULL));
}

const char *
ovf_osm_source_get_cache_dir (OvfOsmSource *self)
{
  g_return_val_if_fail (OVF_IS_OSM_SOURCE (self), NULL);
  return shumate_file_cache_get_cache_dir (self->cache);
}

gboolean
ovf_osm_source_get_offline (OvfOsmSource *self)
{
  g_return_val_if_fail (OVF_IS_OSM_SOURCE (self), FALSE);
  return g_get_monotonic_time () < self->offline_until;
}

/**
 * ovf_osm_source_get_downloads:
 *
 * Returns: how many tiles were requested from the network.
 */
guint
ovf_osm_source_get_downloads (OvfOsmSource *self)
{
  g_return_val_if_fail (OVF_IS_OSM_SOURCE (self), 0);
  return self->downloads;
}

const char *
ovf_osm_source_get_url_template (OvfOsmSource *self)
{
  g_return_val_if_fail (OVF_IS_OSM_SOURCE (self), NULL);
  return self->url_template;
}

/* Headless fetching. The file cache has only an async API: it runs on a
 * private main context so that any thread may wait on it. */

typedef struct {
  GBytes    *bytes;
  GDateTime *modtime;
  gboolean   done;
} CacheRead;

static void
on_sync_cache_read (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CacheRead *read = user_data;

  read->bytes = shumate_file_cache_get_tile_finish (SHUMATE_FILE_CACHE (object), NULL,
                                                    &read->modtime, result, NULL);
  read->done = TRUE;
}

static void
on_sync_stored (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  on_stored (object, result, NULL);
  *(gboolean *) user_data = TRUE;
}

static GBytes *
read_cache_sync (OvfOsmSource *self,
                 GMainContext *context,
                 int           zoom,
                 int           x,
                 int           y,
                 gboolean     *fresh)
{
  CacheRead read = { 0 };

  shumate_file_cache_get_tile_async (self->cache, x, y, zoom, NULL, on_sync_cache_read, &read);
  while (!read.done)
    g_main_context_iteration (context, TRUE);
  *fresh = is_fresh (read.modtime);
  g_clear_pointer (&read.modtime, g_date_time_unref);
  return read.bytes;
}

static GBytes *
download_sync (OvfOsmSource  *self,
               const char    *uri,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_GET, uri);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  guint status;

  if (msg == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("Bad tile address “%s”"), uri);
      return NULL;
    }
  if (self->fetch_session == NULL)
    self->fetch_session = soup_session_new_with_options ("user-agent", ovf_osm_source_get_user_agent (),
                                                         "max-conns", OVF_OSM_MAX_CONNECTIONS,
                                                         "max-conns-per-host", OVF_OSM_MAX_CONNECTIONS,
                                                         "timeout", OVF_OSM_FETCH_TIMEOUT_SECONDS,
                                                         NULL);
  self->downloads++;
  bytes = soup_session_send_and_read (self->fetch_session, msg, cancellable, error);
  if (bytes == NULL)
    return NULL;
  status = soup_message_get_status (msg);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The server answered HTTP %u %s"),
                   status, soup_message_get_reason_phrase (msg));
      return NULL;
    }
  /* Only an image is worth caching. */
  texture = gdk_texture_new_from_bytes (bytes, NULL);
  if (texture == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The server sent no image"));
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

/**
 * ovf_osm_source_fetch_tile_sync:
 *
 * The PNG of one tile for a headless renderer: from the cache if it is
 * fresh, else from the server (waiting at most
 * %OVF_OSM_FETCH_TIMEOUT_SECONDS), else the stale cached copy. Unlike the
 * map, it never substitutes the built-in basemap: a tile that cannot be
 * had is an error naming it. Safe to call from any thread.
 *
 * Returns: (transfer full): the tile's PNG data, or %NULL with @error set
 */
GBytes *
ovf_osm_source_fetch_tile_sync (OvfOsmSource  *self,
                                int            zoom,
                                int            x,
                                int            y,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GBytes) cached = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *uri = NULL;
  gboolean fresh = FALSE;

  g_return_val_if_fail (OVF_IS_OSM_SOURCE (self), NULL);

  if (zoom < 0 || zoom > 19 || x < 0 || y < 0 || x >= (1 << zoom) || y >= (1 << zoom))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("OpenStreetMap tile %d/%d/%d does not exist"), zoom, x, y);
      return NULL;
    }

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  g_mutex_lock (&self->fetch_lock);

  uri = tile_uri_for (self, zoom, x, y);
  cached = read_cache_sync (self, context, zoom, x, y, &fresh);
  if (cached != NULL && fresh)
    {
      bytes = g_steal_pointer (&cached);
    }
  else if ((bytes = download_sync (self, uri, cancellable, &local_error)) != NULL)
    {
      gboolean stored = FALSE;

      shumate_file_cache_store_tile_async (self->cache, x, y, zoom, bytes, NULL, NULL,
                                           on_sync_stored, &stored);
      while (!stored)
        g_main_context_iteration (context, TRUE);
    }
  else if (cached != NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      bytes = g_steal_pointer (&cached);
    }

  g_mutex_unlock (&self->fetch_lock);
  g_main_context_pop_thread_default (context);

  if (bytes == NULL)
    g_set_error (error, local_error->domain, local_error->code,
                 /* TRANSLATORS: a map tile (zoom/x/y), its address, and why it failed */
                 _("OpenStreetMap tile %d/%d/%d (%s) could not be fetched: %s"),
                 zoom, x, y, uri, local_error->message);
  return g_steal_pointer (&bytes);
}
