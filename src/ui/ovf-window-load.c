/* ovf-window-load.c: how datasets come into the window: opening (in a
 * thread, with progress), adding tracks, reloading on change, recent
 * files, the problems of a failed load, drag and drop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ovf-bundled.h"
#include "ovf-import.h"
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
  /* A file being opened replaces this one anyway. */
  if (self->load_cancellable == NULL)
    _ovf_window_load_async (self, file, TRUE);
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

/* One load, from reading to showing: the thread fills in the result. */
typedef struct
{
  GFile      *file;         /* NULL for the bundled dataset */
  gboolean    reload;
  /* Its tracks join the dataset shown rather than replace it. */
  gboolean    add;
  OvfDataset *dataset;
  GPtrArray  *diagnostics;
  GError     *error;
} OvfWindowLoad;

static void
ovf_window_load_free (OvfWindowLoad *load)
{
  g_clear_object (&load->file);
  g_clear_object (&load->dataset);
  g_clear_pointer (&load->diagnostics, g_ptr_array_unref);
  g_clear_error (&load->error);
  g_free (load);
}

static OvfWindowLoad *
ovf_window_load_new (GFile    *file,
                     gboolean  reload)
{
  OvfWindowLoad *load = g_new0 (OvfWindowLoad, 1);

  load->file = file != NULL ? g_object_ref (file) : NULL;
  load->reload = reload;
  return load;
}

static GFile *
ovf_window_load_source (OvfWindowLoad *load)
{
  return load->file != NULL ? g_object_ref (load->file) : ovf_bundled_dataset_file ();
}

/* The one reader of every way in: the format comes from the content, a
 * dataset or any track file. The bytes are read rather than mapped: the
 * file is watched, and an editor rewriting it in place would pull the
 * pages from under the dataset, which keeps them. */
static void
ovf_window_load_read (OvfWindowLoad *load,
                      GCancellable  *cancellable)
{
  g_autoptr(GFile) source = ovf_window_load_source (load);
  g_autoptr(GBytes) bytes = g_file_load_bytes (source, cancellable, NULL, &load->error);
  g_autofree char *name = NULL;

  if (bytes == NULL)
    return;
  name = g_file_get_basename (source);
  load->dataset = ovf_import_load_bytes (bytes, name, NULL, &load->diagnostics, &load->error);
}

/* A path without a clock replays only once given one. */
static void
ovf_window_offer_times (OvfWindow *self)
{
  AdwToast *toast = adw_toast_new (_("This track has no times"));

  adw_toast_set_button_label (toast, _("Gi_ve Times…"));
  adw_toast_set_action_name (toast, "win.give-times");
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Makes @load's dataset the one shown with the tracks read added; FALSE,
 * with a toast, when the file had none. */
static gboolean
ovf_window_load_merge (OvfWindow     *self,
                       OvfWindowLoad *load)
{
  OvfDataset *current = ovf_session_get_dataset (self->session);
  OvfDataset *merged;

  if (g_list_model_get_n_items (ovf_dataset_get_tracks (load->dataset)) == 0)
    {
      g_autofree char *name = g_file_get_basename (load->file);
      /* Toast titles are markup. */
      g_autofree char *title = g_markup_printf_escaped (_("“%s” has no tracks to add"), name);

      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
      return FALSE;
    }
  if (current == NULL)
    return TRUE;

  merged = ovf_dataset_add_tracks (current, load->dataset);
  g_object_unref (load->dataset);
  load->dataset = merged;
  return TRUE;
}

/* Shows what @load read; a failure keeps the current dataset. A reload
 * keeps the time and the selection by id, as the objects are new. */
static gboolean
ovf_window_load_show (OvfWindow     *self,
                      OvfWindowLoad *load)
{
  g_autofree char *selected_id = NULL;
  OvfEvent *selected = ovf_session_get_selected_event (self->session);
  OvfTime time = ovf_session_get_time (self->session);

  if (load->dataset == NULL)
    {
      g_autoptr(GFile) source = ovf_window_load_source (load);

      ovf_window_report_failure (self, source, load->diagnostics, load->error);
      return FALSE;
    }
  if (load->add && !ovf_window_load_merge (self, load))
    return FALSE;

  g_clear_pointer (&self->problems, g_strfreev);
  g_clear_pointer (&self->problems_file, g_free);
  if (selected != NULL)
    selected_id = g_strdup (ovf_event_get_id (selected));

  ovf_session_set_dataset (self->session, load->dataset);
  if (load->reload || load->add)
    {
      ovf_session_set_time (self->session, time);
      if (selected_id != NULL)
        ovf_session_select_event (self->session, ovf_dataset_get_event (load->dataset, selected_id));
      return TRUE;
    }

  ovf_window_watch_file (self, load->file);
  ovf_window_remember_file (self, load->file);
  _ovf_window_schedule_fit (self);
  if (_ovf_window_get_untimed_track (self) != NULL)
    ovf_window_offer_times (self);
  return TRUE;
}

gboolean
_ovf_window_load (OvfWindow *self,
                  GFile     *file,
                  gboolean   reload)
{
  OvfWindowLoad *load = ovf_window_load_new (file, reload);
  gboolean loaded;

  _ovf_window_cancel_load (self);
  ovf_window_load_read (load, NULL);
  loaded = ovf_window_load_show (self, load);
  ovf_window_load_free (load);
  return loaded;
}

/* Loading in a thread ------------------------------------------------------- */

/* Shorter loads finish without a flash of progress. */
#define PROGRESS_DELAY_MS 500

static gboolean
ovf_window_show_progress (gpointer user_data)
{
  OvfWindow *self = user_data;

  self->load_progress_id = 0;
  gtk_spinner_start (self->load_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->load_revealer), TRUE);
  gtk_revealer_set_reveal_child (self->load_revealer, TRUE);
  return G_SOURCE_REMOVE;
}

static void
ovf_window_end_load (OvfWindow *self)
{
  g_clear_handle_id (&self->load_progress_id, g_source_remove);
  g_clear_object (&self->load_cancellable);
  gtk_spinner_stop (self->load_spinner);
  /* Hidden, not only folded: screen readers would find it otherwise. */
  gtk_revealer_set_reveal_child (self->load_revealer, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->load_revealer), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
}

static void
ovf_window_load_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  ovf_window_load_read (task_data, cancellable);
  g_task_return_boolean (task, TRUE);
}

static void
ovf_window_load_done (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  OvfWindow *self = OVF_WINDOW (object);

  /* A cancelled load returns at once, its thread left to finish alone;
   * whoever cancelled it has moved on. */
  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;

  ovf_window_end_load (self);
  ovf_window_load_show (self, g_task_get_task_data (G_TASK (result)));
}

static void
ovf_window_start_load (OvfWindow     *self,
                       OvfWindowLoad *load)
{
  g_autoptr(GFile) source = ovf_window_load_source (load);
  g_autofree char *name = g_file_get_basename (source);
  g_autofree char *text = NULL;
  g_autoptr(GTask) task = NULL;

  _ovf_window_cancel_load (self);

  self->load_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->load_cancellable, ovf_window_load_done, NULL);
  g_task_set_source_tag (task, ovf_window_start_load);
  g_task_set_task_data (task, load, (GDestroyNotify) ovf_window_load_free);
  /* The readers do not stop part way: Cancel drops the result instead. */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, ovf_window_load_thread);

  /* Translators: shown over the map while a file is read */
  text = g_strdup_printf (_("Opening “%s”…"), name);
  gtk_label_set_text (self->load_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", TRUE);
  self->load_progress_id = g_timeout_add (PROGRESS_DELAY_MS, ovf_window_show_progress, self);
}

void
_ovf_window_load_async (OvfWindow *self,
                        GFile     *file,
                        gboolean   reload)
{
  ovf_window_start_load (self, ovf_window_load_new (file, reload));
}

void
ovf_window_add_tracks_from_file (OvfWindow *self,
                                 GFile     *file)
{
  OvfWindowLoad *load;

  g_return_if_fail (OVF_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  load = ovf_window_load_new (file, FALSE);
  load->add = TRUE;
  ovf_window_start_load (self, load);
}

void
_ovf_window_cancel_load (OvfWindow *self)
{
  if (self->load_cancellable == NULL)
    return;

  g_cancellable_cancel (self->load_cancellable);
  ovf_window_end_load (self);
}

gboolean
ovf_window_is_loading (OvfWindow *self)
{
  g_return_val_if_fail (OVF_IS_WINDOW (self), FALSE);

  return self->load_cancellable != NULL;
}

/* NULL for the bundled dataset's resource, which is not watched or
 * remembered; @file otherwise. */
static GFile *
ovf_window_file_or_bundled (GFile *file)
{
  g_autofree char *scheme = g_file_get_uri_scheme (file);

  if (g_strcmp0 (scheme, "resource") == 0)
    {
      g_autoptr(GFile) bundled = ovf_bundled_dataset_file ();

      if (g_file_equal (file, bundled))
        return NULL;
    }

  return file;
}

void
ovf_window_open_file (OvfWindow *self,
                      GFile     *file)
{
  g_return_if_fail (OVF_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  _ovf_window_load_async (self, ovf_window_file_or_bundled (file), FALSE);
}

gboolean
ovf_window_load_file (OvfWindow *self,
                      GFile     *file)
{
  g_return_val_if_fail (OVF_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return _ovf_window_load (self, ovf_window_file_or_bundled (file), FALSE);
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

  ovf_window_open_file (self, file);
  return TRUE;
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-load", FALSE);
}

void
_ovf_window_dispose_load (OvfWindow *self)
{
  _ovf_window_cancel_load (self);
  ovf_window_unwatch_file (self);
  g_clear_object (&self->file);
  g_clear_pointer (&self->problems, g_strfreev);
  g_clear_pointer (&self->problems_file, g_free);
}
