/* ovf-window-map.c: the window's map: its source, first view, follow mode,
 * animated moves and zoom steps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ovf-basemap-source.h"
#include "ovf-geo.h"
#include "ovf-osm-source.h"
#include "ovf-tile-layer.h"
#include "ovf-window-private.h"

/* While paused, follow mode recentres only when the balloon comes closer
 * than this fraction of the map's size to an edge. */
#define FOLLOW_MARGIN 0.1
#define ZOOM_DURATION_MS 250
#define GO_TO_DURATION_MS 600

static ShumateViewport *
ovf_window_get_viewport (OvfWindow *self)
{
  return shumate_map_get_viewport (self->map);
}

void
ovf_window_get_map_view (OvfWindow  *self,
                         OvfMapView *out)
{
  ShumateViewport *viewport;
  ShumateMapSource *source;

  g_return_if_fail (OVF_IS_WINDOW (self));
  g_return_if_fail (out != NULL);

  viewport = ovf_window_get_viewport (self);
  source = shumate_viewport_get_reference_map_source (viewport);
  ovf_geo_to_mercator (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                       shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                       &out->center_x, &out->center_y);
  out->zoom = shumate_viewport_get_zoom_level (viewport);
  out->width = gtk_widget_get_width (GTK_WIDGET (self->map));
  out->height = gtk_widget_get_height (GTK_WIDGET (self->map));
  out->tile_size = source != NULL ? shumate_map_source_get_tile_size (source) : 256;
}

static void
ovf_window_center_on (OvfWindow *self,
                      double     latitude,
                      double     longitude)
{
  latitude = CLAMP (latitude, -OVF_MERCATOR_MAX_LAT, OVF_MERCATOR_MAX_LAT);
  longitude = ovf_geo_normalize_lon (longitude);
  shumate_map_center_on (self->map, latitude, longitude);
}

/* Animates the map, remembering where to, so a zoom or a selection made
 * meanwhile continues from the end of the animation, not from midway. */
static void
ovf_window_go_to (OvfWindow *self,
                  double     latitude,
                  double     longitude,
                  double     zoom,
                  guint      duration_ms)
{
  ShumateViewport *viewport = ovf_window_get_viewport (self);

  self->goto_lat = CLAMP (latitude, -OVF_MERCATOR_MAX_LAT, OVF_MERCATOR_MAX_LAT);
  self->goto_lon = ovf_geo_normalize_lon (longitude);
  self->goto_zoom = CLAMP (zoom, shumate_viewport_get_min_zoom_level (viewport),
                           shumate_viewport_get_max_zoom_level (viewport));
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->map)))
    {
      shumate_map_center_on (self->map, self->goto_lat, self->goto_lon);
      shumate_viewport_set_zoom_level (viewport, self->goto_zoom);
      return;
    }

  self->goto_until = g_get_monotonic_time () + duration_ms * G_TIME_SPAN_MILLISECOND;
  shumate_map_go_to_full_with_duration (self->map, self->goto_lat, self->goto_lon, self->goto_zoom,
                                        duration_ms);
}

/* The view the map shows, or is on its way to. */
static void
ovf_window_get_destination (OvfWindow *self,
                            double    *latitude,
                            double    *longitude,
                            double    *zoom)
{
  ShumateViewport *viewport = ovf_window_get_viewport (self);

  if (g_get_monotonic_time () < self->goto_until)
    {
      *latitude = self->goto_lat;
      *longitude = self->goto_lon;
      *zoom = self->goto_zoom;
      return;
    }

  *latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  *longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  *zoom = shumate_viewport_get_zoom_level (viewport);
}

void
ovf_window_set_center (OvfWindow *self,
                       double     latitude,
                       double     longitude)
{
  g_return_if_fail (OVF_IS_WINDOW (self));

  self->center_fixed = TRUE;
  ovf_window_center_on (self, latitude, longitude);
}

void
ovf_window_set_zoom (OvfWindow *self,
                     double     zoom)
{
  g_return_if_fail (OVF_IS_WINDOW (self));

  self->zoom_fixed = TRUE;
  shumate_viewport_set_zoom_level (ovf_window_get_viewport (self), zoom);
}

void
_ovf_window_zoom_step (OvfWindow *self,
                       int        direction)
{
  double lat, lon, zoom;

  /* Quick presses add up: continue from where a running animation ends. */
  ovf_window_get_destination (self, &lat, &lon, &zoom);

  /* A whole level per step, landing on whole levels where tiles are
   * sharpest; shumate_map_zoom_in() moves a fifth, for scroll wheels. */
  if (direction > 0)
    zoom = floor (zoom + 1e-6) + 1;
  else
    zoom = ceil (zoom - 1e-6) - 1;

  self->zoom_fixed = TRUE;
  ovf_window_go_to (self, lat, lon, zoom, ZOOM_DURATION_MS);
}

void
_ovf_window_show_event_on_map (OvfWindow *self,
                               OvfEvent  *event)
{
  double lat, lon, zoom;

  if (event == NULL || !ovf_event_has_location (event))
    return;

  /* A pending fit must not move the map away from the event again. */
  self->center_fixed = TRUE;
  ovf_window_get_destination (self, &lat, &lon, &zoom);
  ovf_window_go_to (self, ovf_event_get_latitude (event), ovf_event_get_longitude (event), zoom,
                    GO_TO_DURATION_MS);
}

/* First view ---------------------------------------------------------------- */

/* The window's first view frames the main track as `--fit track` does. */
static void
ovf_window_fit_track (OvfWindow *self)
{
  OvfDataset *dataset = ovf_session_get_dataset (self->session);
  OvfFit fit = { .kind = OVF_FIT_TRACK };
  OvfMapView view;

  if (dataset == NULL)
    return;

  ovf_window_get_map_view (self, &view);
  if (!ovf_map_view_fit_dataset (&view, dataset, &fit, 0.0))
    return;
  if (!self->zoom_fixed)
    shumate_viewport_set_zoom_level (ovf_window_get_viewport (self), view.zoom);
  if (!self->center_fixed)
    {
      double lat, lon;

      ovf_geo_from_mercator (view.center_x, view.center_y, &lat, &lon);
      ovf_window_center_on (self, lat, lon);
    }
}

static gboolean
ovf_window_map_has_size (OvfWindow *self)
{
  return gtk_widget_get_width (GTK_WIDGET (self->map)) > 1 &&
         gtk_widget_get_height (GTK_WIDGET (self->map)) > 1;
}

static void
ovf_window_fit_if_pending (OvfWindow *self)
{
  if (!self->fit_pending || !ovf_window_map_has_size (self))
    return;
  self->fit_pending = FALSE;
  ovf_window_fit_track (self);
}

/* Called while the map is allocated, before its layers draw: the first
 * frame shows the fitted view, with the built-in map's tiles. Asking for
 * them now, not when the map draws, lets the workers draw them while the
 * rest of the window is laid out and drawn (20-40 ms less for the first
 * frame here). */
static void
ovf_window_map_resized (OvfWindow *self,
                        int        width,
                        int        height)
{
  ovf_window_fit_if_pending (self);
  if (OVF_IS_TILE_LAYER (self->base_layer))
    ovf_tile_layer_prefetch (OVF_TILE_LAYER (self->base_layer), width, height);
}

void
_ovf_window_schedule_fit (OvfWindow *self)
{
  self->center_fixed = FALSE;
  self->zoom_fixed = FALSE;
  self->fit_pending = TRUE;
  ovf_window_fit_if_pending (self);
}

/* Sources ------------------------------------------------------------------- */

void
_ovf_window_update_map_source (OvfWindow *self)
{
  gboolean osm = g_strcmp0 (self->basemap, "osm") == 0;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  ShumateViewport *viewport = ovf_window_get_viewport (self);
  g_autoptr(ShumateMapSource) source = NULL;
  ShumateLayer *layer;

  if (self->map_source != NULL && osm == self->source_is_osm && (osm || dark == self->source_dark))
    return;

  /* The built-in map has a layer of its own: its first frame has tiles. */
  if (osm)
    {
      source = ovf_osm_source_new ();
      layer = SHUMATE_LAYER (shumate_map_layer_new (source, viewport));
    }
  else
    {
      source = SHUMATE_MAP_SOURCE (ovf_basemap_source_new (dark));
      layer = SHUMATE_LAYER (ovf_tile_layer_new (viewport, OVF_BASEMAP_SOURCE (source)));
    }
  shumate_map_set_map_source (self->map, source);
  if (self->base_layer != NULL)
    {
      shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (layer), SHUMATE_LAYER (self->base_layer));
      shumate_map_remove_layer (self->map, SHUMATE_LAYER (self->base_layer));
      shumate_license_remove_map_source (self->license, self->map_source);
    }
  else
    {
      shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (layer), SHUMATE_LAYER (self->path_layer));
    }
  shumate_license_append_map_source (self->license, source);
  /* The built-in map's labels are placed with the story's, clear of it;
   * OpenStreetMap's are part of its tiles. */
  ovf_overlay_set_basemap (self->overlay, osm ? NULL : ovf_basemap_source_get_basemap (OVF_BASEMAP_SOURCE (source)));

  self->base_layer = layer;
  g_set_object (&self->map_source, source);
  self->source_is_osm = osm;
  self->source_dark = dark;
}

/* Follow mode --------------------------------------------------------------- */

/* Where the followed track is at the session's time. */
gboolean
_ovf_window_locate_balloon (OvfWindow   *self,
                            OvfTrackFix *fix)
{
  OvfTrack *track = ovf_session_get_followed_track (self->session);

  /* A path without a clock has no place at a time. */
  if (track == NULL || ovf_track_get_n_points (track) == 0 || !ovf_track_has_times (track))
    return FALSE;

  ovf_track_locate (track, ovf_session_get_time (self->session), fix);
  return TRUE;
}

void
_ovf_window_follow_balloon (OvfWindow *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self->map));
  double height = gtk_widget_get_height (GTK_WIDGET (self->map));
  OvfTrackFix fix;
  double x, y;

  if (!self->follow || self->fit_pending || width <= 1 || height <= 1)
    return;
  if (!_ovf_window_locate_balloon (self, &fix))
    return;

  /* Playing, the map glides with the balloon; scrubbing, it moves only
   * when the balloon would otherwise leave the view. */
  if (!ovf_timeline_get_playing (self->timeline))
    {
      shumate_viewport_location_to_widget_coords (ovf_window_get_viewport (self),
                                                  GTK_WIDGET (self->map), fix.lat, fix.lon, &x, &y);
      if (x >= width * FOLLOW_MARGIN && x <= width * (1 - FOLLOW_MARGIN) &&
          y >= height * FOLLOW_MARGIN && y <= height * (1 - FOLLOW_MARGIN))
        return;
    }

  ovf_window_center_on (self, fix.lat, fix.lon);
  /* Moved from a tick callback, libshumate's map layer (OpenStreetMap) is
   * not laid out again by itself, and would stay behind the path while
   * playing; the built-in map's layer draws from the viewport as it is. */
  if (SHUMATE_IS_MAP_LAYER (self->base_layer))
    gtk_widget_queue_allocate (GTK_WIDGET (self->base_layer));
}

/* The path layer draws the overlay from the session and selects in it the
 * events clicked on the map. */
void
_ovf_window_init_map (OvfWindow *self)
{
  ShumateViewport *viewport = ovf_window_get_viewport (self);

  self->path_layer = ovf_path_layer_new (viewport, self->overlay);
  ovf_path_layer_set_session (self->path_layer, self->session);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->path_layer));
  /* Labels make room for the panels over the map. */
  ovf_path_layer_add_reserved_widget (self->path_layer, GTK_WIDGET (self->legend));
  ovf_path_layer_add_reserved_widget (self->path_layer, self->map_controls);
  ovf_path_layer_add_reserved_widget (self->path_layer, GTK_WIDGET (self->scale));
  ovf_path_layer_add_reserved_widget (self->path_layer, GTK_WIDGET (self->license));
  g_signal_connect_object (self->path_layer, "resized",
                           G_CALLBACK (ovf_window_map_resized), self, G_CONNECT_SWAPPED);
  shumate_scale_set_viewport (self->scale, viewport);
  _ovf_window_update_map_source (self);
}
