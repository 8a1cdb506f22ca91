/* ovf-export-dialog.c: Export Snapshot…, seeded by its caller and reporting its result by a signal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ovf-compat.h"
#include "ovf-export-dialog.h"
#include "ovf-exporter.h"

/* The preview fits in this box, in pixels. */
#define PREVIEW_WIDTH 560.0
#define PREVIEW_HEIGHT 420.0
/* Settings change in bursts (a switch, then another): draw once after. */
#define PREVIEW_DELAY_MS 150

/* In the order of the size row's items. */
static const struct
{
  const char *id;
  int         width;   /* 0: the map's own size */
  int         height;
} presets[] = {
  { "view", 0, 0 },
  { "slide", 1920, 1080 },
  { "article", 1200, 675 },
  { "4k", 3840, 2160 },
  { "a4", 2480, 3508 },
};

/* In the order of the format row's items. */
static const OvfExportFormat formats[] = {
  OVF_EXPORT_FORMAT_PNG,
  OVF_EXPORT_FORMAT_SVG,
  OVF_EXPORT_FORMAT_PDF,
};

struct _OvfExportDialog
{
  AdwWindow     parent_instance;

  OvfDataset   *dataset;
  OvfEvent     *event;
  OvfMapView    view;
  OvfTime       time;
  OvfOsmSource *osm;       /* the caller's, when it shows OpenStreetMap */
  GSettings    *settings;
  GCancellable *preview_cancellable;
  guint         preview_source;
  gboolean      exporting;
  gboolean      closed;    /* exported: it lives on only to report */
  gboolean      places;    /* as the caller shows them */

  GtkPicture   *preview;
  GtkSpinner   *spinner;
  AdwComboRow  *size_row;
  AdwComboRow  *scale_row;
  AdwComboRow  *format_row;
  GtkSwitch    *caption_switch;
  GtkSwitch    *legend_switch;
  GtkSwitch    *scale_bar_switch;
  GtkSwitch    *dark_switch;
  GtkSwitch    *sidecar_switch;
  GtkLabel     *size_label;
  GtkLabel     *basemap_label;
};

G_DEFINE_FINAL_TYPE (OvfExportDialog, ovf_export_dialog, ADW_TYPE_WINDOW)

enum {
  SIGNAL_EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What a worker thread needs: its own references, so the dialog may close. */
typedef struct
{
  OvfDataset       *dataset;
  OvfEvent         *event;
  OvfOsmSource     *osm;
  OvfExportOptions  options;
  char             *path;
  double            factor;    /* preview size / image size */
  gboolean          sidecar;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->dataset);
  g_clear_object (&job->event);
  g_clear_object (&job->osm);
  g_free (job->path);
  g_free (job);
}

void
ovf_export_dialog_get_options (OvfExportDialog  *self,
                               OvfExportOptions *options)
{
  guint preset, format;
  int scale;

  g_return_if_fail (OVF_IS_EXPORT_DIALOG (self));
  g_return_if_fail (options != NULL);

  preset = MIN (adw_combo_row_get_selected (self->size_row), G_N_ELEMENTS (presets) - 1);
  format = MIN (adw_combo_row_get_selected (self->format_row), G_N_ELEMENTS (formats) - 1);
  scale = adw_combo_row_get_selected (self->scale_row) == 1 ? 2 : 1;

  ovf_export_options_init (options, NULL);
  options->format = formats[format];
  options->scale = scale;
  if (presets[preset].width == 0)
    {
      /* The seed view at its own size, at the chosen density. */
      options->width = CLAMP ((int) self->view.width * scale, 1, OVF_EXPORT_MAX_SIZE);
      options->height = CLAMP ((int) self->view.height * scale, 1, OVF_EXPORT_MAX_SIZE);
    }
  else
    {
      options->width = presets[preset].width;
      options->height = presets[preset].height;
    }
  options->view.center_x = self->view.center_x;
  options->view.center_y = self->view.center_y;
  options->view.zoom = self->view.zoom;
  /* Other sizes show the seed view's area whole, zoomed to fit. */
  if (presets[preset].width != 0 && self->view.width > 0 && self->view.height > 0)
    options->view.zoom += log2 (MIN (options->width / options->scale / self->view.width,
                                     options->height / options->scale / self->view.height));
  options->view.zoom = CLAMP (options->view.zoom, 0.0, 20.0);
  options->time = self->time;
  options->selected_event = self->event;
  options->dark = gtk_switch_get_active (self->dark_switch);
  options->caption = gtk_switch_get_active (self->caption_switch);
  options->legend = gtk_switch_get_active (self->legend_switch);
  options->scale_bar = gtk_switch_get_active (self->scale_bar_switch);
  options->places = self->places;
  options->osm = self->osm;
}

static Job *
ovf_export_dialog_new_job (OvfExportDialog *self)
{
  Job *job = g_new0 (Job, 1);

  ovf_export_dialog_get_options (self, &job->options);
  job->dataset = g_object_ref (self->dataset);
  job->event = self->event != NULL ? g_object_ref (self->event) : NULL;
  job->options.selected_event = job->event;
  job->osm = self->osm != NULL ? g_object_ref (self->osm) : NULL;
  job->options.osm = job->osm;
  job->sidecar = gtk_switch_get_active (self->sidecar_switch);
  return job;
}

/* Preview */

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Job *job = task_data;
  int width = MAX (1, (int) (job->options.width * job->factor));
  int height = MAX (1, (int) (job->options.height * job->factor));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean ok;

  cairo_scale (cr, job->factor, job->factor);
  ok = ovf_exporter_draw (job->dataset, &job->options, cr, &error);
  cairo_destroy (cr);

  if (ok)
    {
      cairo_surface_flush (surface);
      bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                           (gsize) cairo_image_surface_get_stride (surface) * height);
      g_task_return_pointer (task,
                             gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                                     cairo_image_surface_get_stride (surface)),
                             g_object_unref);
    }
  else
    {
      g_task_return_error (task, g_steal_pointer (&error));
    }
  cairo_surface_destroy (surface);
}

static void
preview_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  OvfExportDialog *self;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = OVF_EXPORT_DIALOG (source);
  gtk_spinner_stop (self->spinner);
  if (texture == NULL)
    {
      gtk_label_set_text (self->size_label, error->message);
      return;
    }
  gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
}

static gboolean
ovf_export_dialog_draw_preview (gpointer user_data)
{
  OvfExportDialog *self = user_data;
  g_autoptr(GTask) task = NULL;
  Job *job;

  self->preview_source = 0;
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  self->preview_cancellable = g_cancellable_new ();

  job = ovf_export_dialog_new_job (self);
  job->factor = MIN (1.0, MIN (PREVIEW_WIDTH / job->options.width, PREVIEW_HEIGHT / job->options.height));
  /* Previews change with every setting: they draw the built-in map
   * rather than ask OpenStreetMap for tiles each time. */
  job->options.osm = NULL;

  gtk_spinner_start (self->spinner);
  task = g_task_new (self, self->preview_cancellable, preview_done, NULL);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, preview_thread);
  return G_SOURCE_REMOVE;
}

static void
ovf_export_dialog_update (OvfExportDialog *self)
{
  OvfExportOptions options;
  g_autofree char *size = NULL;

  if (self->closed)
    return;

  ovf_export_dialog_get_options (self, &options);
  /* TRANSLATORS: the size of the exported image */
  size = g_strdup_printf (_("%d × %d pixels"), options.width, options.height);
  gtk_label_set_text (self->size_label, size);

  g_clear_handle_id (&self->preview_source, g_source_remove);
  self->preview_source = g_timeout_add (PREVIEW_DELAY_MS, ovf_export_dialog_draw_preview, self);
}

static void
on_selection_changed (OvfExportDialog *self)
{
  guint preset = MIN (adw_combo_row_get_selected (self->size_row), G_N_ELEMENTS (presets) - 1);
  guint format = MIN (adw_combo_row_get_selected (self->format_row), G_N_ELEMENTS (formats) - 1);

  g_settings_set_string (self->settings, "export-preset", presets[preset].id);
  g_settings_set_string (self->settings, "export-format", ovf_export_format_get_extension (formats[format]));
  g_settings_set_int (self->settings, "export-scale", adw_combo_row_get_selected (self->scale_row) + 1);
  ovf_export_dialog_update (self);
}

/* Saving */

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Job *job = task_data;
  GError *error = NULL;

  job->options.output_path = job->path;
  if (!ovf_exporter_render (job->dataset, &job->options, &error) ||
      (job->sidecar && !ovf_exporter_write_sidecar (job->dataset, &job->options, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
export_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  Job *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GFile) file = g_file_new_for_path (job->path);

  g_task_propagate_boolean (G_TASK (result), &error);
  g_signal_emit (source, signals[SIGNAL_EXPORTED], 0, file, error);
}

static void
on_save_chosen (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(OvfExportDialog) self = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder_uri = NULL;

  self->exporting = FALSE;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save", TRUE);

  file = ovf_compat_save_file_finish (result, &error);
  if (file == NULL)
    return;
  if (g_file_peek_path (file) == NULL)
    {
      g_autoptr(GError) remote = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                      _("Snapshots can only be saved to local folders"));

      g_signal_emit (self, signals[SIGNAL_EXPORTED], 0, file, remote);
      return;
    }

  folder = g_file_get_parent (file);
  folder_uri = folder != NULL ? g_file_get_uri (folder) : g_strdup ("");
  g_settings_set_string (self->settings, "export-folder", folder_uri);

  ovf_export_dialog_export_to (self, file);
}

void
ovf_export_dialog_export_to (OvfExportDialog *self,
                             GFile           *file)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  g_return_if_fail (OVF_IS_EXPORT_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file) && g_file_peek_path (file) != NULL);

  job = ovf_export_dialog_new_job (self);
  job->path = g_file_get_path (file);
  /* A name without a known extension gets the chosen format's. */
  if (ovf_export_format_from_path (job->path) == OVF_EXPORT_FORMAT_AUTO)
    {
      char *with_extension = g_strconcat (job->path, ".", ovf_export_format_get_extension (job->options.format), NULL);

      g_free (job->path);
      job->path = with_extension;
    }
  else
    {
      job->options.format = ovf_export_format_from_path (job->path);
    }

  /* The task keeps the closed dialog until it can report the result. */
  task = g_task_new (self, NULL, export_done, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_run_in_thread (task, export_thread);

  /* No more previews, and no tie to a parent that may go first. */
  self->closed = TRUE;
  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_cancellable_cancel (self->preview_cancellable);
  gtk_window_close (GTK_WINDOW (self));
  gtk_window_set_transient_for (GTK_WINDOW (self), NULL);
}

static char *
suggested_name (OvfExportDialog *self,
                OvfExportFormat  format)
{
  g_autoptr(GDateTime) dt = ovf_time_to_date_time (self->time, NULL);
  g_autofree char *stamp = dt != NULL ? g_date_time_format (dt, "%Y-%m-%d-%H%M") : g_strdup ("snapshot");

  return g_strdup_printf ("overflight-%s.%s", stamp, ovf_export_format_get_extension (format));
}

static void
ovf_export_dialog_save (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  OvfExportDialog *self = OVF_EXPORT_DIALOG (widget);
  OvfExportOptions options;
  g_autofree char *folder_uri = g_settings_get_string (self->settings, "export-folder");
  g_autoptr(GFile) folder = NULL;
  g_autofree char *name = NULL;

  if (self->exporting)
    return;

  ovf_export_dialog_get_options (self, &options);
  name = suggested_name (self, options.format);
  if (folder_uri[0] != '\0')
    folder = g_file_new_for_uri (folder_uri);
  else if (g_get_user_special_dir (G_USER_DIRECTORY_PICTURES) != NULL)
    folder = g_file_new_for_path (g_get_user_special_dir (G_USER_DIRECTORY_PICTURES));

  self->exporting = TRUE;
  gtk_widget_action_set_enabled (widget, "export.save", FALSE);
  ovf_compat_save_file (GTK_WINDOW (self), _("Export Snapshot"), folder, name, NULL,
                        on_save_chosen, g_object_ref (self));
}

static void
ovf_export_dialog_dispose (GObject *object)
{
  OvfExportDialog *self = OVF_EXPORT_DIALOG (object);

  g_clear_handle_id (&self->preview_source, g_source_remove);
  g_cancellable_cancel (self->preview_cancellable);
  g_clear_object (&self->preview_cancellable);
  g_clear_object (&self->dataset);
  g_clear_object (&self->event);
  g_clear_object (&self->osm);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), OVF_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (ovf_export_dialog_parent_class)->dispose (object);
}

/* The size presets' popup: libadwaita 1.2 cuts its items at 20
 * characters, and "A4 print at 300 dpi, 2480 × 3508" says what it is only
 * in full. A label and the selected item's check mark, as libadwaita's. */
static void
preset_item_setup (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   OvfExportDialog          *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  /* The list tells screen readers which item is selected. */
  GtkWidget *check = g_object_new (GTK_TYPE_IMAGE,
                                   "icon-name", "object-select-symbolic",
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                   NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), check);
  gtk_list_item_set_child (item, box);
}

static void
preset_item_update_check (AdwComboRow *row,
                          GParamSpec  *pspec,
                          GtkListItem *item)
{
  GtkWidget *check = gtk_widget_get_last_child (gtk_list_item_get_child (item));

  gtk_widget_set_opacity (check, adw_combo_row_get_selected_item (row) == gtk_list_item_get_item (item) ? 1 : 0);
}

static void
preset_item_bind (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  OvfExportDialog          *self)
{
  GtkWidget *label = gtk_widget_get_first_child (gtk_list_item_get_child (item));

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (gtk_list_item_get_item (item)));
  g_signal_connect_object (self->size_row, "notify::selected-item", G_CALLBACK (preset_item_update_check),
                           item, 0);
  preset_item_update_check (self->size_row, NULL, item);
}

static void
preset_item_unbind (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    OvfExportDialog          *self)
{
  /* Closing, the template's children are gone before the popup's rows. */
  if (self->size_row != NULL)
    g_signal_handlers_disconnect_by_func (self->size_row, preset_item_update_check, item);
}

static void
ovf_export_dialog_class_init (OvfExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ovf_export_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ovf-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, OvfExportDialog, preview);
  gtk_widget_class_bind_template_child (widget_class, OvfExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, OvfExportDialog, size_row);
  gtk_widget_class_bind_template_child (widget_class, OvfExportDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, OvfExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, OvfExportDialog, caption_switch);
  gtk_widget_class_bind_template_child (widget_class, OvfExportDialog, legend_switch);
  gtk_widget_class_bind_template_child (widget_class, OvfExportDialog, scale_bar_switch);
  gtk_widget_class_bind_template_child (widget_class, OvfExportDialog, dark_switch);
  gtk_widget_class_bind_template_child (widget_class, OvfExportDialog, sidecar_switch);
  gtk_widget_class_bind_template_child (widget_class, OvfExportDialog, size_label);
  gtk_widget_class_bind_template_child (widget_class, OvfExportDialog, basemap_label);

  /**
   * OvfExportDialog::exported:
   * @file: where the snapshot was to go
   * @error: (nullable): why it was not written, or %NULL
   *
   * The export finished, after the dialog closed.
   */
  signals[SIGNAL_EXPORTED] =
    g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_FILE, G_TYPE_ERROR);

  gtk_widget_class_install_action (widget_class, "export.save", NULL, ovf_export_dialog_save);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static guint
index_of_preset (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_strcmp0 (presets[i].id, id) == 0)
      return i;
  return 1;
}

static void
ovf_export_dialog_init (OvfExportDialog *self)
{
  g_autofree char *preset = NULL;
  g_autofree char *format = NULL;
  g_autofree char *probe = NULL;
  g_autoptr(GtkListItemFactory) presets_factory = NULL;
  OvfExportFormat chosen;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* In code: a factory from the template would make its items before the
   * template's signal handlers are connected. */
  presets_factory = gtk_signal_list_item_factory_new ();
  g_signal_connect_object (presets_factory, "setup", G_CALLBACK (preset_item_setup), self, 0);
  g_signal_connect_object (presets_factory, "bind", G_CALLBACK (preset_item_bind), self, 0);
  g_signal_connect_object (presets_factory, "unbind", G_CALLBACK (preset_item_unbind), self, 0);
  adw_combo_row_set_list_factory (self->size_row, presets_factory);

  self->settings = g_settings_new (APP_ID);
  preset = g_settings_get_string (self->settings, "export-preset");
  format = g_settings_get_string (self->settings, "export-format");
  probe = g_strconcat (".", format, NULL);
  chosen = ovf_export_format_from_path (probe);

  adw_combo_row_set_selected (self->size_row, index_of_preset (preset));
  adw_combo_row_set_selected (self->scale_row, g_settings_get_int (self->settings, "export-scale") == 2 ? 1 : 0);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i] == chosen)
      adw_combo_row_set_selected (self->format_row, i);

  g_settings_bind (self->settings, "export-caption", self->caption_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-legend", self->legend_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-scale-bar", self->scale_bar_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "export-sidecar", self->sidecar_switch, "active", G_SETTINGS_BIND_DEFAULT);

  g_signal_connect_swapped (self->size_row, "notify::selected", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->scale_row, "notify::selected", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (on_selection_changed), self);
  g_signal_connect_swapped (self->caption_switch, "notify::active", G_CALLBACK (ovf_export_dialog_update), self);
  g_signal_connect_swapped (self->legend_switch, "notify::active", G_CALLBACK (ovf_export_dialog_update), self);
  g_signal_connect_swapped (self->scale_bar_switch, "notify::active", G_CALLBACK (ovf_export_dialog_update), self);
  g_signal_connect_swapped (self->dark_switch, "notify::active", G_CALLBACK (ovf_export_dialog_update), self);
}

OvfExportDialog *
ovf_export_dialog_new (GtkWindow              *parent,
                       OvfDataset             *dataset,
                       const OvfExportOptions *seed)
{
  OvfExportDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (OVF_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (seed != NULL, NULL);

  self = g_object_new (OVF_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "application", parent != NULL ? gtk_window_get_application (parent) : NULL,
                       NULL);
  self->dataset = g_object_ref (dataset);
  g_set_object (&self->event, seed->selected_event);
  self->time = seed->time;
  self->view = seed->view;
  gtk_switch_set_active (self->dark_switch, seed->dark);
  self->places = seed->places;
  g_set_object (&self->osm, seed->osm);
  gtk_widget_set_visible (GTK_WIDGET (self->basemap_label), self->osm != NULL);

  ovf_export_dialog_update (self);
  return self;
}
