/* ovf-window-load.c: how datasets come into the window: opening, reloading
 * on change, recent files, the problems of a failed load, drag and drop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ovf-bundled.h"
#include "ovf-window-private.h"

/* Editors save in bursts (write, rename, chmod): wait for the last one. */
#define RELOAD_DELAY_MS 300
#define N_RECENT_FILES 5

/* Problems ------------------------------------------------------------------ */

void
_ovf_window_show_problems (OvfWindow *self)
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

/* Reload on change ---------------------------------------------------------- */

static gboolean
ovf_window_reload_timeout (gpointer user_data)
{
  OvfWindow *self = user_data;
  g_autoptr(GFile) file = g_object_ref (self->file);

  self->reload_id = 0;
  _ovf_window_load (self, file, TRUE);
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
ovf_window_unwatch_file (OvfWindow *self)
{
  if (self->monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->monitor, self);
      g_file_monitor_cancel (self->monitor);
      g_clear_object (&self->monitor);
    }
  g_clear_handle_id (&self->reload_id, g_source_remove);
}

static void
ovf_window_watch_file (OvfWindow *self,
                       GFile     *file)
{
  g_autoptr(GError) error = NULL;

  ovf_window_unwatch_file (self);
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

/* Loading ------------------------------------------------------------------- */

/* A reload keeps the selection by id, as the objects are new. */
gboolean
_ovf_window_load (OvfWindow *self,
                  GFile     *file,
                  gboolean   reload)
{
  g_autoptr(GFile) bundled = ovf_bundled_dataset_file ();
  GFile *source = file != NULL ? file : bundled;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OvfDataset) dataset = NULL;
  g_autofree char *selected_id = NULL;
  OvfEvent *selected = ovf_session_get_selected_event (self->session);
  OvfTime time = ovf_session_get_time (self->session);

  dataset = ovf_dataset_load_from_file (source, NULL, NULL, &diagnostics, &error);
  if (dataset == NULL)
    {
      ovf_window_report_failure (self, source, diagnostics, error);
      return FALSE;
    }

  g_clear_pointer (&self->problems, g_strfreev);
  g_clear_pointer (&self->problems_file, g_free);
  if (selected != NULL)
    selected_id = g_strdup (ovf_event_get_id (selected));

  ovf_session_set_dataset (self->session, dataset);
  if (reload)
    {
      ovf_session_set_time (self->session, time);
      if (selected_id != NULL)
        ovf_session_select_event (self->session, ovf_dataset_get_event (dataset, selected_id));
      return TRUE;
    }

  ovf_window_watch_file (self, file);
  ovf_window_remember_file (self, file);
  _ovf_window_schedule_fit (self);
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
        return _ovf_window_load (self, NULL, FALSE);
    }

  return _ovf_window_load (self, file, FALSE);
}

void
ovf_window_load_bundled (OvfWindow *self)
{
  g_return_if_fail (OVF_IS_WINDOW (self));

  _ovf_window_load (self, NULL, FALSE);
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

/* Recent files -------------------------------------------------------------- */

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

/* Drag and drop ------------------------------------------------------------- */

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

void
_ovf_window_init_load (OvfWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (G_TYPE_FILE, GDK_ACTION_COPY);

  g_signal_connect_object (drop, "drop", G_CALLBACK (ovf_window_drop), self, 0);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (ovf_window_update_recent), self, G_CONNECT_SWAPPED);
  ovf_window_update_recent (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", FALSE);
}

void
_ovf_window_dispose_load (OvfWindow *self)
{
  ovf_window_unwatch_file (self);
  g_clear_object (&self->file);
  g_clear_pointer (&self->problems, g_strfreev);
  g_clear_pointer (&self->problems_file, g_free);
}
