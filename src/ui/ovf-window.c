/* ovf-window.c: the main window: its class, template and properties, and
 * the one session its views observe
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ovf-geo.h"
#include "ovf-lazy-menu.h"
#include "ovf-legend.h"
#include "ovf-window-private.h"

/* Settings the main menu toggles, as window actions of the same names. */
static const char * const menu_toggles[] = { "show-places", "show-legend" };

/* The local zone shown is that of the nearest event with one, within this. */
#define LOCAL_ZONE_MAX_DISTANCE_M 1500000.0

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

/* The session ----------------------------------------------------------------
 *
 * The list, the detail pane, the timeline and the map's path layer each
 * follow the session and write the user's choices into it; the window only
 * adds what belongs to it: its title, the local zone, follow mode and
 * moving the map to a selected event. */

/* No zone database by coordinates ships with GLib, so the balloon's local
 * time uses the zone of the nearest event that names one. */
static const char *
ovf_window_find_local_zone (OvfWindow *self)
{
  GListModel *events;
  const char *zone = NULL;
  double best = LOCAL_ZONE_MAX_DISTANCE_M;
  OvfTrackFix fix;

  if (!_ovf_window_locate_balloon (self, &fix))
    return NULL;

  events = ovf_dataset_get_events (ovf_session_get_dataset (self->session));
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
  const char *zone;

  if (ovf_session_get_dataset (self->session) == NULL)
    return;

  zone = ovf_window_find_local_zone (self);
  if (g_strcmp0 (zone, ovf_timeline_get_timezone (self->timeline)) != 0)
    ovf_timeline_set_timezone (self->timeline, zone);

  _ovf_window_follow_balloon (self);
}

static void
ovf_window_update_title (OvfWindow *self)
{
  OvfDataset *dataset = ovf_session_get_dataset (self->session);
  OvfTime start, end;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *subtitle = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) start_date = NULL;
  g_autoptr(GDateTime) end_date = NULL;

  ovf_dataset_get_time_span (dataset, &start, &end);
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

  adw_window_title_set_title (self->window_title, ovf_dataset_get_title (dataset));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), ovf_dataset_get_title (dataset));
}

static void ovf_window_update_legend_size (OvfWindow *self);

static void
ovf_window_dataset_changed (OvfWindow *self)
{
  OvfDataset *dataset = ovf_session_get_dataset (self->session);

  ovf_window_update_title (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.give-times", _ovf_window_get_untimed_track (self) != NULL);
  /* A single track has nothing to choose between. */
  gtk_widget_set_visible (GTK_WIDGET (self->tracks_button),
                          dataset != NULL && g_list_model_get_n_items (ovf_dataset_get_tracks (dataset)) > 1);
  ovf_window_update_legend_size (self);
  ovf_window_time_changed (self);
}

static void
ovf_window_selection_changed (OvfWindow *self)
{
  OvfEvent *event = ovf_session_get_selected_event (self->session);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-selected-event",
                                 event != NULL && ovf_event_has_location (event));
  _ovf_window_show_event_on_map (self, event);
}

static void
ovf_window_init_session (OvfWindow *self)
{
  self->session = ovf_session_new ();

  ovf_event_list_set_session (self->event_list, self->session);
  ovf_event_detail_set_session (self->event_detail, self->session);
  ovf_timeline_set_session (self->timeline, self->session);
  ovf_track_list_set_session (self->track_list, self->session);

  g_signal_connect_object (self->session, "notify::dataset",
                           G_CALLBACK (ovf_window_dataset_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::time",
                           G_CALLBACK (ovf_window_time_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::selected-event",
                           G_CALLBACK (ovf_window_selection_changed), self, G_CONNECT_SWAPPED);
}

OvfSession *
ovf_window_get_session (OvfWindow *self)
{
  g_return_val_if_fail (OVF_IS_WINDOW (self), NULL);

  return self->session;
}

OvfDataset *
ovf_window_get_dataset (OvfWindow *self)
{
  g_return_val_if_fail (OVF_IS_WINDOW (self), NULL);

  return ovf_session_get_dataset (self->session);
}

OvfTime
ovf_window_get_time (OvfWindow *self)
{
  g_return_val_if_fail (OVF_IS_WINDOW (self), 0);

  return ovf_session_get_time (self->session);
}

void
ovf_window_set_time (OvfWindow *self,
                     OvfTime    time)
{
  g_return_if_fail (OVF_IS_WINDOW (self));

  ovf_session_set_time (self->session, time);
}

OvfEvent *
ovf_window_get_selected_event (OvfWindow *self)
{
  g_return_val_if_fail (OVF_IS_WINDOW (self), NULL);

  return ovf_session_get_selected_event (self->session);
}

void
ovf_window_select_event (OvfWindow *self,
                         OvfEvent  *event)
{
  g_return_if_fail (OVF_IS_WINDOW (self));
  g_return_if_fail (event == NULL || OVF_IS_EVENT (event));

  ovf_session_select_event (self->session, event);
}

OvfOverlay *
ovf_window_get_overlay (OvfWindow *self)
{
  g_return_val_if_fail (OVF_IS_WINDOW (self), NULL);

  return self->overlay;
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

  /* The session's dataset: the overlay may learn of a new one after the
   * window does. Its tracks are listed by name. */
  ovf_legend_measure (ovf_session_get_dataset (self->session), ovf_overlay_get_show_places (self->overlay),
                      &width, &height);
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
  _ovf_window_update_map_source (self);
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

  _ovf_window_dispose_load (self);
  if (self->category_css != NULL)
    gtk_style_context_remove_provider_for_display (gtk_widget_get_display (GTK_WIDGET (self)),
                                                   GTK_STYLE_PROVIDER (self->category_css));

  gtk_widget_dispose_template (GTK_WIDGET (self), OVF_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->overlay);
  g_clear_object (&self->map_source);
  g_clear_object (&self->category_css);
  g_clear_object (&self->session);
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
          _ovf_window_follow_balloon (self);
        }
      break;
    case PROP_BASEMAP:
      if (g_strcmp0 (self->basemap, g_value_get_string (value)) != 0)
        {
          g_free (self->basemap);
          self->basemap = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
          _ovf_window_update_map_source (self);
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
  g_type_ensure (OVF_TYPE_TRACK_LIST);
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
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, load_revealer);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, load_spinner);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, load_label);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, tracks_button);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, track_list);

  _ovf_window_class_actions_init (widget_class);
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
ovf_window_init (OvfWindow *self)
{
  AdwStyleManager *style = adw_style_manager_get_default ();

  gtk_widget_init_template (GTK_WIDGET (self));
  ovf_menu_button_set_lazy_menu (self->menu_button, G_MENU_MODEL (self->primary_menu));
  _ovf_window_add_key_shortcuts (self);
  ovf_window_name_dropdown_button (self->basemap_dropdown);

  self->settings = g_settings_new (APP_ID);
  self->overlay = ovf_overlay_new ();
  self->category_css = gtk_css_provider_new ();
  self->basemap = g_strdup ("builtin");
  self->sidebar_visible = adw_flap_get_reveal_flap (self->flap);

  ovf_window_init_session (self);
  _ovf_window_init_map (self);

  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (ovf_window_sidebar_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (style, "notify::dark",
                           G_CALLBACK (ovf_window_dark_changed), self, G_CONNECT_SWAPPED);

  gtk_drawing_area_set_draw_func (self->legend, ovf_window_draw_legend, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->legend),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("What the lines and symbols on the map stand for"),
                                  -1);

  _ovf_window_init_load (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.give-times", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-selected-event", FALSE);

  ovf_window_bind_settings (self);
  ovf_window_dark_changed (self);
}

OvfWindow *
ovf_window_new (GtkApplication *application)
{
  return g_object_new (OVF_TYPE_WINDOW, "application", application, NULL);
}
