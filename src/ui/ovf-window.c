/* ovf-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <shumate/shumate.h>

#include "ovf-dataset.h"
#include "ovf-resources.h"
#include "ovf-window.h"

struct _OvfWindow
{
  AdwApplicationWindow parent_instance;

  AdwWindowTitle   *window_title;
  ShumateSimpleMap *map;

  OvfDataset       *dataset;
};

G_DEFINE_FINAL_TYPE (OvfWindow, ovf_window, ADW_TYPE_APPLICATION_WINDOW)

static void
ovf_window_show_dataset (OvfWindow  *self,
                         OvfDataset *dataset)
{
  g_set_object (&self->dataset, dataset);
  adw_window_title_set_subtitle (self->window_title, ovf_dataset_get_title (dataset));
}

void
ovf_window_load_file (OvfWindow *self,
                      GFile     *file)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OvfDataset) dataset = NULL;

  g_return_if_fail (OVF_IS_WINDOW (self));

  dataset = ovf_dataset_load_from_file (file, (const char * const *) g_get_language_names (),
                                        NULL, &diagnostics, &error);
  if (dataset == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }

  ovf_window_show_dataset (self, dataset);
}

void
ovf_window_load_bundled (OvfWindow *self)
{
  g_autoptr(GFile) file = g_file_new_for_uri (OVF_RESOURCE_DATASET_URI);

  ovf_window_load_file (self, file);
}

static void
ovf_window_dispose (GObject *object)
{
  OvfWindow *self = OVF_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), OVF_TYPE_WINDOW);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (ovf_window_parent_class)->dispose (object);
}

static void
ovf_window_class_init (OvfWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ovf_window_dispose;

  g_type_ensure (SHUMATE_TYPE_SIMPLE_MAP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ovf-window.ui");
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, OvfWindow, map);
}

static void
ovf_window_init (OvfWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

OvfWindow *
ovf_window_new (OvfApplication *application)
{
  return g_object_new (OVF_TYPE_WINDOW, "application", application, NULL);
}
