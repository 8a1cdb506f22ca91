/* ovf-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <shumate/shumate.h>

#include "ovf-basemap-source.h"
#include "ovf-bundled.h"
#include "ovf-compat.h"
#include "ovf-dataset.h"
#include "ovf-event-detail.h"
#include "ovf-event-list.h"
#include "ovf-export-dialog.h"
#include "ovf-geo.h"
#include "ovf-lazy-menu.h"
#include "ovf-osm-source.h"
#include "ovf-path-layer.h"
#include "ovf-tile-layer.h"
#include "ovf-timeline.h"
#include "ovf-window.h"

/* Settings the main menu toggles, as window actions of the same names. */
static const char * const menu_toggles[] = { "show-places", "show-legend" };

/* Editors save in bursts (write, rename, chmod): wait for the last one. */
#define RELOAD_DELAY_MS 300
/* While paused, follow mode recentres only when the balloon comes closer
 * than this fraction of the map's size to an edge. */
#define FOLLOW_MARGIN 0.1
/* The local zone shown is that of the nearest event with one, within this. */
#define LOCAL_ZONE_MAX_DISTANCE_M 1500000.0
#define N_RECENT_FILES 5
#define ZOOM_DURATION_MS 250
#define GO_TO_DURATION_MS 600

struct _OvfWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkDropDown          *basemap_dropdown;
  AdwFlap              *flap;
  OvfEventList         *event_list;
  OvfEventDetail       *event_detail;
  ShumateMap           *map;
  GtkDrawingArea       *legend;
  GtkWidget            *map_controls;
  ShumateScale         *scale;
  ShumateLicense       *license;
  OvfTimeline          *timeline;
  GMenu                *primary_menu;
  GMenu                *recent_section;
  GtkMenuButton        *menu_button;

  GSettings            *settings;
  OvfOverlay           *overlay;
  OvfPathLayer         *path_layer;
  ShumateLayer         *base_layer;
  ShumateMapSource     *map_source;
  GtkCssProvider       *category_css;

  OvfDataset           *dataset;
  GFile                *file;
  GFileMonitor         *monitor;
  guint                 reload_id;
  GStrv                 problems;
  char                 *problems_file;
  OvfEvent             *selected_event;

  char                 *basemap;
  gboolean              source_is_osm;
  gboolean              source_dark;
  gboolean              follow;
  gboolean              sidebar_visible;

  /* A new dataset is fitted into view once the map has a size; explicit
   * centre and zoom (from the command line) win over the fit. */
  gboolean              fit_pending;
  gboolean              center_fixed;
  gboolean              zoom_fixed;

  /* Where the running map animation ends, and when. */
  double                goto_lat;
  double                goto_lon;
  double                goto_zoom;
  gint64                goto_until;
};

G_DEFINE_FINAL_TYPE (OvfWindow, ovf_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SIDEBAR_VISIBLE,
  PROP_FOLLOW,
  PROP_BASEMAP,
  PROP_SHOW_PLACES,
  PROP_SHOW_LEGEND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean ovf_window_load (OvfWindow *self,
                                 GFile     *file,
                                 gboolean   reload);

/* Map view ---------------------------------------------------------------- */

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

/* The window's first view frames the main track as `--fit track` does. */
static void
ovf_window_fit_track (OvfWindow *self)
{
  OvfFit fit = { .kind = OVF_FIT_TRACK };
  OvfMapView view;

  if (self->dataset == NULL)
    return;

  ovf_window_get_map_view (self, &view);
  if (!ovf_map_view_fit_dataset (&view, self->dataset, &fit, 0.0))
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

static void
ovf_window_schedule_fit (OvfWindow *self)
{
  self->center_fixed = FALSE;
  self->zoom_fixed = FALSE;
  self->fit_pending = TRUE;
  ovf_window_fit_if_pending (self);
}

static void
ovf_window_update_map_source (OvfWindow *self)
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

/* Time, follow mode and the local zone ------------------------------------ */

static gboolean
ovf_window_locate_balloon (OvfWindow   *self,
                           OvfTrackFix *fix)
{
  OvfTrack *track = self->dataset != NULL ? ovf_dataset_get_main_track (self->dataset) : NULL;

  if (track == NULL || ovf_track_get_n_points (track) == 0)
    return FALSE;

  ovf_track_locate (track, ovf_timeline_get_time (self->timeline), fix);
  return TRUE;
}

static void
ovf_window_follow_balloon (OvfWindow *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self->map));
  double height = gtk_widget_get_height (GTK_WIDGET (self->map));
  OvfTrackFix fix;
  double x, y;

  if (!self->follow || self->fit_pending || width <= 1 || height <= 1)
    return;
  if (!ovf_window_locate_balloon (self, &fix))
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

/* No zone database by coordinates ships with GLib, so the balloon's local
 * time uses the zone of the nearest event that names one. */
static const char *
ovf_window_find_local_zone (OvfWindow *self)
{
  GListModel *events;
  const char *zone = NULL;
  double best = LOCAL_ZONE_MAX_DISTANCE_M;
  OvfTrackFix fix;

  if (!ovf_window_locate_balloon (self, &fix))
    return NULL;

  events = ovf_dataset_get_events (self->dataset);
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(OvfEvent) event = g_list_model_get_item (events, i);
      double distance;

      if (ovf_event_get_timezone (event) == NULL || !ovf_event_has_location (event))
        continue;

      distance = ovf_geo_distance_m (fix.lat, fix.lon,
                                     ovf_event_get_latitude (event), ovf_event_get_longitude (event));
      if (distance < best)
        {
          best = distance;
          zone = ovf_event_get_timezone (event);
        }
    }

  return zone;
}

static void
ovf_window_time_changed (OvfWindow *self)
{
  OvfTime time = ovf_timeline_get_time (self->timeline);
  g_autoptr(OvfEvent) current = NULL;
  const char *zone;
  int index;

  ovf_overlay_set_time (self->overlay, time);
  if (self->dataset == NULL)
    return;

  index = ovf_dataset_find_event_at_or_before (self->dataset, time);
  if (index >= 0)
    current = g_list_model_get_item (ovf_dataset_get_events (self->dataset), index);
  ovf_event_list_set_current_event (self->event_list, current);

  zone = ovf_window_find_local_zone (self);
  if (g_strcmp0 (zone, ovf_timeline_get_timezone (self->timeline)) != 0)
    ovf_timeline_set_timezone (self->timeline, zone);

  ovf_window_follow_balloon (self);
}

OvfTime
ovf_window_get_time (OvfWindow *self)
{
  g_return_val_if_fail (OVF_IS_WINDOW (self), 0);

  return ovf_timeline_get_time (self->timeline);
}

void
ovf_window_set_time (OvfWindow *self,
                     OvfTime    time)
{
  g_return_if_fail (OVF_IS_WINDOW (self));

  ovf_timeline_set_time (self->timeline, time);
}

/* Selection ---------------------------------------------------------------- */

static void
ovf_window_show_event_on_map (OvfWindow *self,
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

OvfEvent *
ovf_window_get_selected_event (OvfWindow *self)
{
  g_return_val_if_fail (OVF_IS_WINDOW (self), NULL);

  return self->selected_event;
}

void
ovf_window_select_event (OvfWindow *self,
                         OvfEvent  *event)
{
  g_return_if_fail (OVF_IS_WINDOW (self));
  g_return_if_fail (event == NULL || OVF_IS_EVENT (event));

  /* Each view reports the selection back through its notify handler;
   * this check ends that round trip. */
  if (!g_set_object (&self->selected_event, event))
    return;

  ovf_event_list_set_selected_event (self->event_list, event);
  ovf_timeline_set_selected_event (self->timeline, event);
  ovf_overlay_set_selected_event (self->overlay, event);
  ovf_event_detail_set_event (self->event_detail, event,
                              self->dataset != NULL ? ovf_dataset_get_main_track (self->dataset) : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-selected-event",
                                 event != NULL && ovf_event_has_location (event));

  if (event != NULL)
    {
      ovf_timeline_set_time (self->timeline, ovf_event_get_time (event));
      ovf_window_show_event_on_map (self, event);
    }
}

static void
ovf_window_list_selection_changed (OvfWindow *self)
{
  ovf_window_select_event (self, ovf_event_list_get_selected_event (self->event_list));
}

static void
ovf_window_timeline_selection_changed (OvfWindow *self)
{
  ovf_window_select_event (self, ovf_timeline_get_selected_event (self->timeline));
}

/* Loading ----------------------------------------------------------------- */

static void
ovf_window_update_title (OvfWindow *self)
{
  OvfTime start, end;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) start_date = NULL;
  g_autoptr(GDateTime) end_date = NULL;

  ovf_dataset_get_time_span (self->dataset, &start, &end);
  start_date = ovf_time_to_date_time (start, utc);
  end_date = ovf_time_to_date_time (end, utc);
  if (start_date != NULL && end_date != NULL)
    {
      /* Translators: the dataset's first day, see g_date_time_format(). */
      first = g_date_time_format (start_date, _("%-d %B"));
      /* Translators: the dataset's last day, see g_date_time_format(). */
      last = g_date_time_format (end_date, _("%-d %B %Y"));
      /* Translators: a date span, "15 January – 16 February 2023". */
      subtitle = g_strdup_printf (_("%s – %s"), first, last);
    }

  adw_window_title_set_title (self->window_title, ovf_dataset_get_title (self->dataset));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), ovf_dataset_get_title (self->dataset));
}

static void
ovf_window_set_dataset (OvfWindow  *self,
                        OvfDataset *dataset)
{
  g_set_object (&self->dataset, dataset);

  /* Clear first, so no view reports an event of the old dataset back. */
  ovf_window_select_event (self, NULL);
  ovf_overlay_set_dataset (self->overlay, dataset);
  ovf_event_list_set_model (self->event_list, ovf_dataset_get_events (dataset));
  ovf_timeline_set_dataset (self->timeline, dataset);
  ovf_window_update_title (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", TRUE);
  ovf_window_time_changed (self);
}

static void
ovf_window_show_problems (OvfWindow *self)
{
  g_autofree char *heading = NULL;
  g_autofree char *text = NULL;
  GtkWidget *dialog;
  GtkWidget *scroller;
  GtkWidget *label;

  if (self->problems == NULL)
    return;

  heading = g_strdup_printf (_("Could Not Open “%s”"), self->problems_file);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The dataset shown before stays open. Fix these problems and open the file again:"));
  text = g_strjoinv ("\n", self->problems);
  label = gtk_label_new (text);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "monospace");
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Problems"), -1);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), scroller);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ovf_window_report_failure (OvfWindow    *self,
                           GFile        *file,
                           GPtrArray    *diagnostics,
                           const GError *error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *title = NULL;
  AdwToast *toast;

  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    g_ptr_array_add (lines, ovf_diagnostic_format (g_ptr_array_index (diagnostics, i), name));
  if (lines->len == 0)
    g_ptr_array_add (lines, g_strdup_printf ("%s: %s", name, error->message));
  g_ptr_array_add (lines, NULL);

  g_clear_pointer (&self->problems, g_strfreev);
  g_ptr_array_set_free_func (lines, NULL);
  self->problems = (GStrv) g_ptr_array_free (g_steal_pointer (&lines), FALSE);
  g_free (self->problems_file);
  self->problems_file = g_file_get_basename (file);

  /* Toast titles are markup. */
  title = g_markup_printf_escaped (_("Could not open “%s”"), self->problems_file);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Details"));
  adw_toast_set_action_name (toast, "win.show-problems");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
ovf_window_reload_timeout (gpointer user_data)
{
  OvfWindow *self = user_data;
  g_autoptr(GFile) file = g_object_ref (self->file);

  self->reload_id = 0;
  ovf_window_load (self, file, TRUE);
  return G_SOURCE_REMOVE;
}

static void
ovf_window_file_changed (OvfWindow         *self,
                         GFile             *file,
                         GFile             *other,
                         GFileMonitorEvent  event,
                         GFileMonitor      *monitor)
{
  if (event != G_FILE_MONITOR_EVENT_CHANGES_DONE_HINT &&
      event != G_FILE_MONITOR_EVENT_CREATED &&
      event != G_FILE_MONITOR_EVENT_RENAMED &&
      event != G_FILE_MONITOR_EVENT_MOVED_IN)
    return;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (RELOAD_DELAY_MS, ovf_window_reload_timeout, self);
}

static void
ovf_window_watch_file (OvfWindow *self,
                       GFile     *file)
{
  g_autoptr(GError) error = NULL;

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_set_object (&self->file, file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", file != NULL);

  if (file == NULL || !g_file_is_native (file))
    return;

  /* WATCH_MOVES reports a save by rename as one RENAMED event. */
  self->monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);
  if (self->monitor == NULL)
    {
      g_debug ("Not watching %s: %s", g_file_peek_path (file), error->message);
      return;
    }
  g_signal_connect_swapped (self->monitor, "changed", G_CALLBACK (ovf_window_file_changed), self);
}

static void
ovf_window_remember_file (OvfWindow *self,
                          GFile     *file)
{
  g_autofree char *uri = file != NULL ? g_file_get_uri (file) : g_strdup ("");

  if (file != NULL && g_file_is_native (file))
    gtk_recent_manager_add_item (gtk_recent_manager_get_default (), uri);
  g_settings_set_string (self->settings, "last-file", uri);
}

/* @file NULL loads the bundled dataset. A reload keeps the time, the view
 * and the selection (by id, as the objects are new). */
static gboolean
ovf_window_load (OvfWindow *self,
                 GFile     *file,
                 gboolean   reload)
{
  g_autoptr(GFile) bundled = ovf_bundled_dataset_file ();
  GFile *source = file != NULL ? file : bundled;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OvfDataset) dataset = NULL;
  g_autofree char *selected_id = NULL;
  OvfTime time = ovf_timeline_get_time (self->timeline);

  dataset = ovf_dataset_load_from_file (source, NULL, NULL, &diagnostics, &error);
  if (dataset == NULL)
    {
      ovf_window_report_failure (self, source, diagnostics, error);
      return FALSE;
    }

  g_clear_pointer (&self->problems, g_strfreev);
  g_clear_pointer (&self->problems_file, g_free);
  if (self->selected_event != NULL)
    selected_id = g_strdup (ovf_event_get_id (self->selected_event));

  ovf_window_set_dataset (self, dataset);
  if (reload)
    {
      ovf_timeline_set_time (self->timeline, time);
      if (selected_id != NULL)
        ovf_window_select_event (self, ovf_dataset_get_event (dataset, selected_id));
      return TRUE;
    }

  ovf_window_watch_file (self, file);
  ovf_window_remember_file (self, file);
  ovf_window_schedule_fit (self);
  return TRUE;
}

gboolean
ovf_window_load_file (OvfWindow *self,
                      GFile     *file)
{
  g_autofree char *scheme = NULL;

  g_return_val_if_fail (OVF_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  scheme = g_file_get_uri_scheme (file);
  if (g_strcmp0 (scheme, "resource") == 0)
    {
      g_autoptr(GFile) bundled = ovf_bundled_dataset_file ();

      if (g_file_equal (file, bundled))
        return ovf_window_load (self, NULL, FALSE);
    }

  return ovf_window_load (self, file, FALSE);
}

void
ovf_window_load_bundled (OvfWindow *self)
{
  g_return_if_fail (OVF_IS_WINDOW (self));

  ovf_window_load (self, NULL, FALSE);
}

OvfDataset *
ovf_window_get_dataset (OvfWindow *self)
{
  g_return_val_if_fail (OVF_IS_WINDOW (self), NULL);

  return self->dataset;
}

GFile *
ovf_window_get_file (OvfWindow *self)
{
  g_return_val_if_fail (OVF_IS_WINDOW (self), NULL);

  return self->file;
}

const char * const *
ovf_window_get_problems (OvfWindow *self)
{
  g_return_val_if_fail (OVF_IS_WINDOW (self), NULL);

  return (const char * const *) self->problems;
}

OvfOverlay *
ovf_window_get_overlay (OvfWindow *self)
{
  g_return_val_if_fail (OVF_IS_WINDOW (self), NULL);

  return self->overlay;
}

/* Recent files ------------------------------------------------------------ */

static int
ovf_window_compare_recent (gconstpointer a,
                           gconstpointer b)
{
  GDateTime *time_a = gtk_recent_info_get_modified (*(GtkRecentInfo **) a);
  GDateTime *time_b = gtk_recent_info_get_modified (*(GtkRecentInfo **) b);

  return g_date_time_compare (time_b, time_a);
}

static void
ovf_window_update_recent (OvfWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  g_autoptr(GPtrArray) ours = g_ptr_array_new_with_free_func ((GDestroyNotify) gtk_recent_info_unref);
  GList *items = gtk_recent_manager_get_items (manager);
  g_autoptr(GMenu) recent = g_menu_new ();
  const char *name = g_get_application_name ();

  for (GList *l = items; l != NULL; l = l->next)
    if (name != NULL && gtk_recent_info_has_application (l->data, name) &&
        gtk_recent_info_exists (l->data))
      g_ptr_array_add (ours, gtk_recent_info_ref (l->data));
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  g_ptr_array_sort (ours, ovf_window_compare_recent);

  g_menu_remove_all (self->recent_section);
  if (ours->len == 0)
    return;

  for (guint i = 0; i < MIN (ours->len, N_RECENT_FILES); i++)
    {
      GtkRecentInfo *info = g_ptr_array_index (ours, i);
      g_auto(GStrv) parts = g_strsplit (gtk_recent_info_get_display_name (info), "_", -1);
      /* Underscores would otherwise become mnemonics. */
      g_autofree char *label = g_strjoinv ("__", parts);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "win.open-recent", "s", gtk_recent_info_get_uri (info));
      g_menu_append_item (recent, item);
    }
  g_menu_append_submenu (self->recent_section, _("Open Re_cent"), G_MENU_MODEL (recent));
}

/* Actions ------------------------------------------------------------------ */

static void
ovf_window_open_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(OvfWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = ovf_compat_open_file_finish (result, &error);

  if (file != NULL)
    ovf_window_load_file (self, file);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not choose a file: %s", error->message);
}

static void
ovf_window_open_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Overflight Datasets"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_suffix (filter, "json");
  ovf_compat_open_file (GTK_WINDOW (widget), _("Open Dataset"), filter, NULL,
                        ovf_window_open_done, g_object_ref (widget));
}

static void
ovf_window_open_recent_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  ovf_window_load_file (OVF_WINDOW (widget), file);
}

static void
ovf_window_reload_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  OvfWindow *self = OVF_WINDOW (widget);
  g_autoptr(GFile) file = self->file != NULL ? g_object_ref (self->file) : NULL;

  if (file != NULL)
    ovf_window_load (self, file, TRUE);
}

static void
ovf_window_open_exported (AdwToast *toast)
{
  GFile *file = g_object_get_data (G_OBJECT (toast), "file");
  g_autofree char *uri = g_file_get_uri (file);
  GtkApplication *app = GTK_APPLICATION (g_application_get_default ());

  ovf_compat_launch_uri (app != NULL ? gtk_application_get_active_window (app) : NULL, uri);
}

/* An export's result, as a toast; its title is markup, so file names and
 * messages are escaped. */
static void
ovf_window_exported (OvfWindow *self,
                     GFile     *file,
                     GError    *error)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *folder_name = folder != NULL ? g_file_get_basename (folder) : NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (error != NULL)
    {
      title = g_markup_escape_text (error->message, -1);
      toast = adw_toast_new (title);
      adw_toast_set_timeout (toast, 0);
    }
  else
    {
      /* TRANSLATORS: where a snapshot went: a file name, then its folder's */
      title = g_markup_printf_escaped (_("Exported “%s” to %s"), name, folder_name != NULL ? folder_name : "/");
      toast = adw_toast_new (title);
      adw_toast_set_button_label (toast, _("_Open"));
      g_object_set_data_full (G_OBJECT (toast), "file", g_object_ref (file), g_object_unref);
      g_signal_connect (toast, "button-clicked", G_CALLBACK (ovf_window_open_exported), NULL);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

OvfExportDialog *
ovf_window_new_export_dialog (OvfWindow *self)
{
  OvfExportOptions seed;
  OvfExportDialog *dialog;

  g_return_val_if_fail (OVF_IS_WINDOW (self), NULL);

  if (self->dataset == NULL)
    return NULL;

  ovf_export_options_init (&seed, NULL);
  ovf_window_get_map_view (self, &seed.view);
  seed.time = ovf_window_get_time (self);
  seed.selected_event = self->selected_event;
  seed.dark = ovf_overlay_get_dark (self->overlay);
  seed.places = ovf_overlay_get_show_places (self->overlay);
  seed.osm = OVF_IS_OSM_SOURCE (self->map_source) ? OVF_OSM_SOURCE (self->map_source) : NULL;

  dialog = ovf_export_dialog_new (GTK_WINDOW (self), self->dataset, &seed);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (ovf_window_exported), self, G_CONNECT_SWAPPED);
  return dialog;
}

static void
ovf_window_export_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  OvfExportDialog *dialog = ovf_window_new_export_dialog (OVF_WINDOW (widget));

  if (dialog != NULL)
    gtk_window_present (GTK_WINDOW (dialog));
}

/* GTK shows the keys of a shortcut given by its action only in the
 * overlay GtkApplicationWindow builds itself (with every window); this one
 * gets them from the application's accelerators here. */
static void
ovf_window_fill_shortcut_keys (GtkWidget      *widget,
                               GtkApplication *app)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *action = NULL;
      g_auto(GStrv) accels = NULL;
      g_autofree char *keys = NULL;

      g_object_get (widget, "action-name", &action, NULL);
      if (action == NULL || app == NULL)
        return;
      accels = gtk_application_get_accels_for_action (app, action);
      keys = g_strjoinv (" ", accels);
      g_object_set (widget, "accelerator", keys, NULL);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    ovf_window_fill_shortcut_keys (child, app);
}

/* Built when asked for: GtkApplication would build it with every window,
 * before the window shows. */
static void
ovf_window_show_help_overlay_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *parameter)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/help-overlay.ui");
  GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  ovf_window_fill_shortcut_keys (GTK_WIDGET (overlay), gtk_window_get_application (GTK_WINDOW (widget)));
  gtk_window_set_transient_for (overlay, GTK_WINDOW (widget));
  gtk_window_present (overlay);
}

static void
ovf_window_show_problems_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  ovf_window_show_problems (OVF_WINDOW (widget));
}

static void
ovf_window_zoom_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  OvfWindow *self = OVF_WINDOW (widget);
  double lat, lon, zoom;

  /* Quick presses add up: continue from where a running animation ends. */
  ovf_window_get_destination (self, &lat, &lon, &zoom);

  /* A whole level per step, landing on whole levels where tiles are
   * sharpest; shumate_map_zoom_in() moves a fifth, for scroll wheels. */
  if (g_str_equal (action_name, "win.zoom-in"))
    zoom = floor (zoom + 1e-6) + 1;
  else
    zoom = ceil (zoom - 1e-6) - 1;

  self->zoom_fixed = TRUE;
  ovf_window_go_to (self, lat, lon, zoom, ZOOM_DURATION_MS);
}

static void
ovf_window_show_selected_event_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  OvfWindow *self = OVF_WINDOW (widget);

  ovf_window_show_event_on_map (self, self->selected_event);
}

/* Drag and drop ----------------------------------------------------------- */

static gboolean
ovf_window_drop (GtkDropTarget *target,
                 const GValue  *value,
                 double         x,
                 double         y,
                 OvfWindow     *self)
{
  GFile *file = g_value_get_object (value);

  if (file == NULL)
    return FALSE;

  return ovf_window_load_file (self, file);
}

/* Style -------------------------------------------------------------------- */

/* The list's category icons take the map markers' colours, so one event
 * looks the same in the list, on the map and on the timeline. */
static void
ovf_window_update_category_css (OvfWindow *self,
                                gboolean   dark)
{
  g_autoptr(GString) css = g_string_new (NULL);

  for (guint i = 0; i < OVF_N_CATEGORIES; i++)
    {
      double rgba[4];
      char alpha[G_ASCII_DTOSTR_BUF_SIZE];

      ovf_overlay_get_category_color (i, dark, rgba);
      g_string_append_printf (css, ".category-%s { color: rgba(%d, %d, %d, %s); }\n",
                              ovf_category_to_string (i),
                              (int) round (rgba[0] * 255), (int) round (rgba[1] * 255),
                              (int) round (rgba[2] * 255),
                              g_ascii_dtostr (alpha, sizeof alpha, rgba[3]));
    }

  gtk_css_provider_load_from_data (self->category_css, css->str, -1);
}

static void
ovf_window_update_legend_size (OvfWindow *self)
{
  double width = 0, height = 0;

  ovf_overlay_draw_legend (self->overlay, NULL, 0, 0, &width, &height);
  gtk_drawing_area_set_content_width (self->legend, (int) ceil (width));
  gtk_drawing_area_set_content_height (self->legend, (int) ceil (height));
  gtk_widget_queue_draw (GTK_WIDGET (self->legend));
}

static void
ovf_window_dark_changed (OvfWindow *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  ovf_overlay_set_dark (self->overlay, dark);
  ovf_window_update_category_css (self, dark);
  ovf_window_update_map_source (self);
  ovf_window_update_legend_size (self);
}

static void
ovf_window_draw_legend (GtkDrawingArea *area,
                        cairo_t        *cr,
                        int             width,
                        int             height,
                        gpointer        user_data)
{
  OvfWindow *self = user_data;

  ovf_overlay_draw_legend (self->overlay, cr, 0, 0, NULL, NULL);
}

/* Settings ----------------------------------------------------------------- */

static gboolean
ovf_window_basemap_to_index (GValue   *value,
                             GVariant *variant,
                             gpointer  user_data)
{
  g_value_set_uint (value, g_str_equal (g_variant_get_string (variant, NULL), "osm") ? 1 : 0);
  return TRUE;
}

static GVariant *
ovf_window_index_to_basemap (const GValue       *value,
                             const GVariantType *expected_type,
                             gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 1 ? "osm" : "builtin");
}

static void
ovf_window_bind_settings (OvfWindow *self)
{
  int width = g_settings_get_int (self->settings, "window-width");
  int height = g_settings_get_int (self->settings, "window-height");

  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  g_settings_bind (self->settings, "sidebar-visible", self, "sidebar-visible", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "follow", self, "follow", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "basemap", self, "basemap", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-places", self, "show-places", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "show-legend", self, "show-legend", G_SETTINGS_BIND_DEFAULT);

  /* The main menu's toggles: GTK 4.8 menus show the check mark of a
   * stateful GAction but not that of a widget class's property action. */
  for (guint i = 0; i < G_N_ELEMENTS (menu_toggles); i++)
    {
      g_autoptr(GAction) toggle = g_settings_create_action (self->settings, menu_toggles[i]);

      g_action_map_add_action (G_ACTION_MAP (self), toggle);
    }
  g_settings_bind (self->settings, "playback-speed", self->timeline, "speed", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "basemap", self->basemap_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                ovf_window_basemap_to_index, ovf_window_index_to_basemap,
                                NULL, NULL);
}

static gboolean
ovf_window_close_request (GtkWindow *window)
{
  OvfWindow *self = OVF_WINDOW (window);
  int width, height;

  /* The default size tracks the unmaximized size, which is what to restore. */
  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (ovf_window_parent_class)->close_request (window);
}

/* GObject ------------------------------------------------------------------ */

/* The flap also folds itself away on narrow windows: follow it. */
static void
ovf_window_sidebar_changed (OvfWindow *self)
{
  self->sidebar_visible = adw_flap_get_reveal_flap (self->flap);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIDEBAR_VISIBLE]);
}

static void
ovf_window_constructed (GObject *object)
{
  OvfWindow *self = OVF_WINDOW (object);

  G_OBJECT_CLASS (ovf_window_parent_class)->constructed (object);

  gtk_style_context_add_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                              GTK_STYLE_PROVIDER (self->category_css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
ovf_window_dispose (GObject *object)
{
  OvfWindow *self = OVF_WINDOW (object);

  /* They follow the settings, which outlive the window. */
  for (guint i = 0; i < G_N_ELEMENTS (menu_toggles); i++)
    g_action_map_remove_action (G_ACTION_MAP (self), menu_toggles[i]);

  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->category_css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->category_css));

  gtk_widget_dispose_template (GTK_WIDGET (self), OVF_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->overlay);
  g_clear_object (&self->map_source);
  g_clear_object (&self->category_css);
  g_clear_object (&self->dataset);
  g_clear_object (&self->file);
  g_clear_object (&self->selected_event);
  g_clear_pointer (&self->problems, g_strfreev);
  g_clear_pointer (&self->problems_file, g_free);
  g_clear_pointer (&self->basemap, g_free);

  G_OBJECT_CLASS (ovf_window_parent_class)->dispose (object);
}

static void
ovf_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  OvfWindow *self = OVF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      g_value_set_boolean (value, self->sidebar_visible);
      break;
    case PROP_FOLLOW:
      g_value_set_boolean (value, self->follow);
      break;
    case PROP_BASEMAP:
      g_value_set_string (value, self->basemap);
      break;
    case PROP_SHOW_PLACES:
      g_value_set_boolean (value, ovf_overlay_get_show_places (self->overlay));
      break;
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, gtk_widget_get_visible (GTK_WIDGET (self->legend)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ovf_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  OvfWindow *self = OVF_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDEBAR_VISIBLE:
      /* The flap's notify::reveal-flap re-emits ours. */
      adw_flap_set_reveal_flap (self->flap, g_value_get_boolean (value));
      break;
    case PROP_FOLLOW:
      if (self->follow != g_value_get_boolean (value))
        {
          self->follow = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
          ovf_window_follow_balloon (self);
        }
      break;
    case PROP_BASEMAP:
      if (g_strcmp0 (self->basemap, g_value_get_string (value)) != 0)
        {
          g_free (self->basemap);
          self->basemap = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
          ovf_window_update_map_source (self);
        }
      break;
    case PROP_SHOW_PLACES:
      if (ovf_overlay_get_show_places (self->overlay) != g_value_get_boolean (value))
        {
          ovf_overlay_set_show_places (self->overlay, g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_SHOW_LEGEND:
      if (gtk_widget_get_visible (GTK_WIDGET (self->legend)) != g_value_get_boolean (value))
        {
          gtk_widget_set_visible (GTK_WIDGET (self->legend), g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* GTK focuses the first focusable widget, the Open button, when a window
 * shows: Space would then open a file instead of playing. With no focus
 * the keys go to the window's shortcuts; Tab still enters the widgets. */
static void
ovf_window_show (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (ovf_window_parent_class)->show (widget);
  gtk_window_set_focus (GTK_WINDOW (widget), NULL);
}

static void
ovf_window_class_init (OvfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ovf_window_constructed;
  object_class->dispose = ovf_window_dispose;
  object_class->get_property = ovf_window_get_property;
  object_class->set_property = ovf_window_set_property;
  widget_class->show = ovf_window_show;
  window_class->close_request = ovf_window_close_request;

  properties[PROP_SIDEBAR_VISIBLE] =
    g_param_spec_boolean ("sidebar-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOW] =
    g_param_spec_boolean ("follow", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BASEMAP] =
    g_param_spec_string ("basemap", NULL, NULL, "builtin",
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_PLACES] =
    g_param_spec_boolean ("show-places", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The legend can hide what lies under it, once its symbols are known. */
  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SHUMATE_TYPE_MAP);
  g_type_ensure (SHUMATE_TYPE_SCALE);
  g_type_ensure (SHUMATE_TYPE_LICENSE);
  g_type_ensure (OVF_TYPE_EVENT_LIST);
  g_type_ensure (OVF_TYPE_EVENT_DETAIL);
  g_type_ensure (OVF_TYPE_TIMELINE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ovf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, basemap_dropdown);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, event_list);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, event_detail);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, map);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, legend);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, map_controls);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, scale);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, license);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, recent_section);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, menu_button);

  gtk_widget_class_install_action (widget_class, "win.open", NULL, ovf_window_open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", ovf_window_open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, ovf_window_reload_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, ovf_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   ovf_window_show_help_overlay_action);
  gtk_widget_class_install_action (widget_class, "win.show-problems", NULL, ovf_window_show_problems_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, ovf_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, ovf_window_zoom_action);
  gtk_widget_class_install_action (widget_class, "win.show-selected-event", NULL,
                                   ovf_window_show_selected_event_action);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-sidebar", "sidebar-visible");
  gtk_widget_class_install_property_action (widget_class, "win.follow", "follow");
  gtk_widget_class_install_property_action (widget_class, "win.basemap", "basemap");
}

/* Activates @user_data, a named action of the timeline's, on the timeline:
 * activated on the window, it would be looked for on the window and up.
 * A disabled one (no previous event) leaves the key to others. */
static gboolean
ovf_window_activate_on_timeline (GtkWidget *widget,
                                 GVariant  *args,
                                 gpointer   user_data)
{
  OvfWindow *self = OVF_WINDOW (widget);

  return gtk_shortcut_action_activate (user_data, 0, GTK_WIDGET (self->timeline), args);
}

/* Bare keys bind on the window, not as application accelerators: those
 * run before the focused widget and would steal Space and the arrows
 * from the go-to-time field. Nor are they class bindings: GtkWindow's own
 * (Space activates the focus, arrows move it) come first in that list and
 * would win. A controller of the window's own runs before them. */
static void
ovf_window_add_key_shortcuts (OvfWindow *self)
{
  static const struct
  {
    guint            keyval;
    GdkModifierType  modifiers;
    const char      *action;
    gint64           step;      /* timeline.step's argument; 0 for none */
  } keys[] = {
    { GDK_KEY_space, 0, "timeline.play", 0 },
    { GDK_KEY_Left, 0, "timeline.step", -OVF_TIMELINE_STEP_LARGE },
    { GDK_KEY_Right, 0, "timeline.step", OVF_TIMELINE_STEP_LARGE },
    { GDK_KEY_Left, GDK_SHIFT_MASK, "timeline.step", -OVF_TIMELINE_STEP_DAY },
    { GDK_KEY_Right, GDK_SHIFT_MASK, "timeline.step", OVF_TIMELINE_STEP_DAY },
    { GDK_KEY_Page_Up, 0, "timeline.previous-event", 0 },
    { GDK_KEY_Page_Down, 0, "timeline.next-event", 0 },
    { GDK_KEY_Home, 0, "timeline.go-to-start", 0 },
    { GDK_KEY_End, 0, "timeline.go-to-end", 0 },
    { GDK_KEY_f, 0, "win.follow", 0 },
    { GDK_KEY_plus, 0, "win.zoom-in", 0 },
    { GDK_KEY_equal, 0, "win.zoom-in", 0 },
    { GDK_KEY_KP_Add, 0, "win.zoom-in", 0 },
    { GDK_KEY_minus, 0, "win.zoom-out", 0 },
    { GDK_KEY_KP_Subtract, 0, "win.zoom-out", 0 },
  };
  GtkEventController *controller = gtk_shortcut_controller_new ();

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      GtkShortcutAction *action = gtk_named_action_new (keys[i].action);
      GtkShortcut *shortcut;

      if (g_str_has_prefix (keys[i].action, "timeline."))
        action = gtk_callback_action_new (ovf_window_activate_on_timeline, action, g_object_unref);
      shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, keys[i].modifiers), action);
      if (keys[i].step != 0)
        gtk_shortcut_set_arguments (shortcut, g_variant_new_int64 (keys[i].step));
      gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), shortcut);
    }
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* GTK 4.8 gives a drop-down's button, its first child, no name of its
 * own: a screen reader would hear "GtkToggleButton". */
static void
ovf_window_name_dropdown_button (GtkDropDown *dropdown)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (dropdown));

  g_return_if_fail (GTK_IS_TOGGLE_BUTTON (button));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_widget_get_tooltip_text (GTK_WIDGET (dropdown)),
                                  -1);
}

static void
ovf_window_init_map (OvfWindow *self)
{
  ShumateViewport *viewport = ovf_window_get_viewport (self);

  self->path_layer = ovf_path_layer_new (viewport, self->overlay);
  shumate_map_add_layer (self->map, SHUMATE_LAYER (self->path_layer));
  /* Labels make room for the panels over the map. */
  ovf_path_layer_add_reserved_widget (self->path_layer, GTK_WIDGET (self->legend));
  ovf_path_layer_add_reserved_widget (self->path_layer, self->map_controls);
  ovf_path_layer_add_reserved_widget (self->path_layer, GTK_WIDGET (self->scale));
  ovf_path_layer_add_reserved_widget (self->path_layer, GTK_WIDGET (self->license));
  g_signal_connect_object (self->path_layer, "event-activated",
                           G_CALLBACK (ovf_window_select_event), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->path_layer, "resized",
                           G_CALLBACK (ovf_window_map_resized), self, G_CONNECT_SWAPPED);
  shumate_scale_set_viewport (self->scale, viewport);
  ovf_window_update_map_source (self);
}

static void
ovf_window_init (OvfWindow *self)
{
  GtkDropTarget *drop;
  AdwStyleManager *style = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  ovf_menu_button_set_lazy_menu (self->menu_button, G_MENU_MODEL (self->primary_menu));
  ovf_window_add_key_shortcuts (self);
  ovf_window_name_dropdown_button (self->basemap_dropdown);

  self->settings = g_settings_new (APP_ID);
  self->overlay = ovf_overlay_new ();
  self->category_css = gtk_css_provider_new ();
  self->basemap = g_strdup ("builtin");
  self->sidebar_visible = adw_flap_get_reveal_flap (self->flap);

  ovf_window_init_map (self);

  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (ovf_window_sidebar_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->event_list, "notify::selected-event",
                           G_CALLBACK (ovf_window_list_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::selected-event",
                           G_CALLBACK (ovf_window_timeline_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->timeline, "notify::time",
                           G_CALLBACK (ovf_window_time_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (style, "notify::dark",
                           G_CALLBACK (ovf_window_dark_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (ovf_window_update_recent), self, G_CONNECT_SWAPPED);

  gtk_drawing_area_set_draw_func (self->legend, ovf_window_draw_legend, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->legend),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("What the lines and symbols on the map stand for"),
                                  -1);

  drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);
  g_signal_connect_object (drop, "drop", G_CALLBACK (ovf_window_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-selected-event", FALSE);

  ovf_window_bind_settings (self);
  ovf_window_dark_changed (self);
  ovf_window_update_recent (self);
}

OvfWindow *
ovf_window_new (GtkApplication *application)
{
  return g_object_new (OVF_TYPE_WINDOW, "application", application, NULL);
}
