/* ovf-window-actions.c: the window's win.* actions and its bare keys
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ovf-compat.h"
#include "ovf-osm-source.h"
#include "ovf-time-format.h"
#include "ovf-window-private.h"

/* Files --------------------------------------------------------------------- */

/* What the Open dialog offers: every format at once first, then one by
 * one. Names only filter the list; the content decides the format. */
static GListModel *
ovf_window_open_filters (void)
{
  static const struct
  {
    const char *name;
    const char *suffixes[4];
    const char *mime_types[3];
  } formats[] = {
    { N_("Overflight Datasets"), { "json" }, { "application/json" } },
    { N_("GPX Tracks"), { "gpx" }, { "application/gpx+xml" } },
    { N_("KML and KMZ Files"), { "kml", "kmz" },
      { "application/vnd.google-earth.kml+xml", "application/vnd.google-earth.kmz" } },
    { N_("GeoJSON Files"), { "geojson", "json" }, { "application/geo+json" } },
    { N_("CSV Tracks"), { "csv" }, { "text/csv" } },
    /* readsb and tar1090 write them gzip-compressed too */
    { N_("ADS-B Traces"), { "json", "gz" }, { "application/json", "application/gzip" } },
  };
  GListStore *filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("All Supported Files"));
  g_list_store_append (filters, all);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

      gtk_file_filter_set_name (filter, _(formats[i].name));
      for (guint j = 0; j < G_N_ELEMENTS (formats[i].suffixes) && formats[i].suffixes[j] != NULL; j++)
        {
          gtk_file_filter_add_suffix (filter, formats[i].suffixes[j]);
          gtk_file_filter_add_suffix (all, formats[i].suffixes[j]);
        }
      for (guint j = 0; j < G_N_ELEMENTS (formats[i].mime_types) && formats[i].mime_types[j] != NULL; j++)
        {
          gtk_file_filter_add_mime_type (filter, formats[i].mime_types[j]);
          gtk_file_filter_add_mime_type (all, formats[i].mime_types[j]);
        }
      g_list_store_append (filters, filter);
    }

  return G_LIST_MODEL (filters);
}

/* What to do with a chosen file: open it, or add its tracks. */
typedef void (*OvfFileUse) (OvfWindow *self,
                            GFile     *file);

typedef struct
{
  OvfWindow  *window;
  OvfFileUse  use;
} FileChoice;

static void
ovf_window_file_chosen (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  FileChoice *choice = user_data;
  g_autoptr(OvfWindow) self = choice->window;
  OvfFileUse use = choice->use;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = ovf_compat_open_file_finish (result, &error);

  g_free (choice);
  if (file != NULL)
    use (self, file);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not choose a file: %s", error->message);
}

static void
ovf_window_choose_file (GtkWidget  *widget,
                        const char *title,
                        OvfFileUse  use)
{
  g_autoptr(GListModel) filters = ovf_window_open_filters ();
  FileChoice *choice = g_new (FileChoice, 1);

  choice->window = g_object_ref (OVF_WINDOW (widget));
  choice->use = use;
  ovf_compat_open_file (GTK_WINDOW (widget), title, filters, NULL, ovf_window_file_chosen, choice);
}

static void
ovf_window_open_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  ovf_window_choose_file (widget, _("Open Dataset or Track"), ovf_window_open_file);
}

static void
ovf_window_add_tracks_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  ovf_window_choose_file (widget, _("Add Tracks from File"), ovf_window_add_tracks_from_file);
}

static void
ovf_window_open_recent_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  ovf_window_open_file (OVF_WINDOW (widget), file);
}

static void
ovf_window_reload_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  OvfWindow *self = OVF_WINDOW (widget);
  g_autoptr(GFile) file = self->file != NULL ? g_object_ref (self->file) : NULL;

  if (file != NULL)
    _ovf_window_load_async (self, file, TRUE);
}

static void
ovf_window_cancel_load_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  _ovf_window_cancel_load (OVF_WINDOW (widget));
}

static void
ovf_window_show_problems_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  _ovf_window_show_problems (OVF_WINDOW (widget));
}

/* Giving a track times ------------------------------------------------------ */

OvfTrack *
_ovf_window_get_untimed_track (OvfWindow *self)
{
  OvfDataset *dataset = ovf_session_get_dataset (self->session);
  OvfTrack *track = dataset != NULL ? ovf_dataset_get_main_track (dataset) : NULL;

  if (track == NULL || ovf_track_has_times (track) || ovf_track_get_n_points (track) == 0)
    return NULL;
  return track;
}

/* Both rows' times when they parse and run forward. */
static gboolean
ovf_window_read_given_times (AdwMessageDialog *dialog,
                             OvfTime          *start,
                             OvfTime          *end)
{
  GtkEditable *start_row = g_object_get_data (G_OBJECT (dialog), "start-row");
  GtkEditable *end_row = g_object_get_data (G_OBJECT (dialog), "end-row");

  return ovf_time_parse_typed (gtk_editable_get_text (start_row), start, NULL) &&
         ovf_time_parse_typed (gtk_editable_get_text (end_row), end, NULL) &&
         *start < *end;
}

static void
ovf_window_given_times_changed (AdwMessageDialog *dialog)
{
  OvfTime start;
  OvfTime end;

  adw_message_dialog_set_response_enabled (dialog, "apply", ovf_window_read_given_times (dialog, &start, &end));
}

static void
ovf_window_give_times_response (AdwMessageDialog *dialog,
                                const char       *response,
                                OvfWindow        *self)
{
  OvfTrack *track = _ovf_window_get_untimed_track (self);
  g_autoptr(OvfDataset) timed = NULL;
  OvfTime start;
  OvfTime end;

  if (!g_str_equal (response, "apply") || track == NULL ||
      !ovf_window_read_given_times (dialog, &start, &end))
    return;

  timed = ovf_dataset_give_times (ovf_session_get_dataset (self->session), track, start, end);
  ovf_session_set_dataset (self->session, timed);
  ovf_session_set_time (self->session, start);
}

static GtkWidget *
ovf_window_time_row (AdwMessageDialog *dialog,
                     const char       *title,
                     const char       *key)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  g_object_set_data (G_OBJECT (dialog), key, row);
  g_signal_connect_object (row, "changed", G_CALLBACK (ovf_window_given_times_changed), dialog,
                           G_CONNECT_SWAPPED);
  return row;
}

static void
ovf_window_give_times_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  OvfWindow *self = OVF_WINDOW (widget);
  GtkWidget *dialog;
  GtkWidget *list;

  if (_ovf_window_get_untimed_track (self) == NULL)
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Give the Track Times"),
                                   _("The track has a path but no clock. Give the times it started and "
                                     "ended: the points between get times by the distance along it, "
                                     "marked as estimates."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  /* Translators: the times are typed as 2023-02-04 19:39 */
  gtk_list_box_append (GTK_LIST_BOX (list), ovf_window_time_row (ADW_MESSAGE_DIALOG (dialog), _("Start (UTC)"),
                                                                 "start-row"));
  gtk_list_box_append (GTK_LIST_BOX (list), ovf_window_time_row (ADW_MESSAGE_DIALOG (dialog), _("End (UTC)"),
                                                                 "end-row"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "apply", _("_Give Times"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "apply", FALSE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (ovf_window_give_times_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Export -------------------------------------------------------------------- */

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
  OvfDataset *dataset;
  OvfExportOptions seed;
  OvfExportDialog *dialog;

  g_return_val_if_fail (OVF_IS_WINDOW (self), NULL);

  dataset = ovf_session_get_dataset (self->session);
  if (dataset == NULL)
    return NULL;

  ovf_export_options_init (&seed, NULL);
  ovf_window_get_map_view (self, &seed.view);
  seed.time = ovf_session_get_time (self->session);
  seed.selected_event = ovf_session_get_selected_event (self->session);
  seed.dark = ovf_overlay_get_dark (self->overlay);
  seed.places = ovf_overlay_get_show_places (self->overlay);
  seed.osm = OVF_IS_OSM_SOURCE (self->map_source) ? OVF_OSM_SOURCE (self->map_source) : NULL;

  dialog = ovf_export_dialog_new (GTK_WINDOW (self), dataset, &seed);
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

/* Keyboard shortcuts window ------------------------------------------------- */

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

/* Map ----------------------------------------------------------------------- */

static void
ovf_window_zoom_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _ovf_window_zoom_step (OVF_WINDOW (widget), g_str_equal (action_name, "win.zoom-in") ? 1 : -1);
}

static void
ovf_window_show_selected_event_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  OvfWindow *self = OVF_WINDOW (widget);

  _ovf_window_show_event_on_map (self, ovf_session_get_selected_event (self->session));
}

void
_ovf_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open", NULL, ovf_window_open_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", ovf_window_open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.add-tracks", NULL, ovf_window_add_tracks_action);
  gtk_widget_class_install_action (widget_class, "win.give-times", NULL, ovf_window_give_times_action);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, ovf_window_reload_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-load", NULL, ovf_window_cancel_load_action);
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
void
_ovf_window_add_key_shortcuts (OvfWindow *self)
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
