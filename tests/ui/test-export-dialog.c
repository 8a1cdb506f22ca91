/* test-export-dialog.c: the export dialog on its own, without the app's window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "test-util.h"
#include "ui-test-util.h"
#include "ovf-export-dialog.h"
#include "ovf-bundled.h"
#include "ovf-ui.h"

typedef struct
{
  OvfDataset       *dataset;
  GtkWindow        *parent;
  OvfExportDialog  *dialog;
  OvfExportOptions  seed;
  char             *tmpdir;
  /* What ::exported reported. */
  guint             n_exported;
  GFile            *exported_file;
  GError           *exported_error;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GFile) file = ovf_bundled_dataset_file ();
  g_autoptr(GError) error = NULL;

  f->dataset = ovf_dataset_load_from_file (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  f->tmpdir = g_dir_make_tmp ("overflight-dialog-XXXXXX", &error);
  g_assert_no_error (error);

  /* A plain window, not the app's: the dialog needs only a parent. */
  f->parent = GTK_WINDOW (gtk_window_new ());
  ovf_export_options_init (&f->seed, f->dataset);
  f->seed.view.width = 640;
  f->seed.view.height = 400;
  f->seed.places = FALSE;
  f->dialog = g_object_ref (ovf_export_dialog_new (f->parent, f->dataset, &f->seed));
  g_assert_nonnull (f->dialog);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->dialog));
  g_clear_object (&f->dialog);
  gtk_window_destroy (f->parent);
  ui_test_spin_for (50 * 1000);
  g_clear_object (&f->dataset);
  g_clear_object (&f->exported_file);
  g_clear_error (&f->exported_error);
  test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  title)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static GtkWidget *
find_row (Fixture    *f,
          const char *title)
{
  GtkWidget *row = ui_test_find (GTK_WIDGET (f->dialog), is_row_titled, title);

  g_assert_nonnull (row);
  return row;
}

static GtkSwitch *
find_switch (Fixture    *f,
             const char *title)
{
  GtkWidget *widget = ui_test_find_widget (find_row (f, title), GTK_TYPE_SWITCH);

  g_assert_nonnull (widget);
  return GTK_SWITCH (widget);
}

/* Chooses @item among @title's items by its text. */
static void
choose (Fixture    *f,
        const char *title,
        const char *item)
{
  AdwComboRow *row = ADW_COMBO_ROW (find_row (f, title));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) string = g_list_model_get_item (model, i);

      if (g_str_has_prefix (gtk_string_object_get_string (string), item))
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }
  g_assert_not_reached ();
}

static void
on_exported (OvfExportDialog *dialog,
             GFile           *file,
             GError          *error,
             Fixture         *f)
{
  f->n_exported++;
  g_set_object (&f->exported_file, file);
  g_clear_error (&f->exported_error);
  f->exported_error = error != NULL ? g_error_copy (error) : NULL;
}

static guint
count_entries (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  return n;
}

/* What the widgets are set to is what the dialog exports, and the seed
 * gives the rest. */
static void
test_options_from_widgets (Fixture       *f,
                           gconstpointer  data)
{
  OvfExportOptions options;

  choose (f, "_Size", "Current view");
  choose (f, "S_cale", "1");
  choose (f, "_Format", "SVG");
  gtk_switch_set_active (find_switch (f, "Ca_ption"), FALSE);
  gtk_switch_set_active (find_switch (f, "_Legend"), TRUE);
  gtk_switch_set_active (find_switch (f, "_Dark map"), TRUE);

  ovf_export_dialog_get_options (f->dialog, &options);
  g_assert_cmpint (options.width, ==, 640);
  g_assert_cmpint (options.height, ==, 400);
  g_assert_cmpfloat (options.scale, ==, 1.0);
  g_assert_cmpint (options.format, ==, OVF_EXPORT_FORMAT_SVG);
  g_assert_false (options.caption);
  g_assert_true (options.legend);
  g_assert_true (options.dark);
  g_assert_false (options.places);
  g_assert_null (options.osm);
  g_assert_cmpint (options.time, ==, f->seed.time);
  g_assert_cmpfloat (options.view.center_x, ==, f->seed.view.center_x);
  g_assert_cmpfloat (options.view.center_y, ==, f->seed.view.center_y);
  g_assert_cmpfloat (options.view.zoom, ==, f->seed.view.zoom);

  /* A preset size shows the seed's area whole, so the zoom changes. */
  choose (f, "_Size", "Slide");
  ovf_export_dialog_get_options (f->dialog, &options);
  g_assert_cmpint (options.width, ==, 1920);
  g_assert_cmpint (options.height, ==, 1080);
  g_assert_cmpfloat (options.view.zoom, >, f->seed.view.zoom);
}

/* Exporting reports the file written through ::exported, after the
 * dialog closed, and leaves nothing else behind. */
static void
test_export_signal (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *chosen = g_build_filename (f->tmpdir, "snapshot", NULL);
  g_autofree char *written = g_strconcat (chosen, ".svg", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (chosen);
  g_autofree char *contents = NULL;

  choose (f, "_Size", "Current view");
  choose (f, "_Format", "SVG");
  gtk_switch_set_active (find_switch (f, "_Provenance file"), FALSE);
  g_signal_connect (f->dialog, "exported", G_CALLBACK (on_exported), f);

  ovf_export_dialog_export_to (f->dialog, file);
  UI_TEST_SPIN_UNTIL (f->n_exported > 0);

  g_assert_cmpuint (f->n_exported, ==, 1);
  g_assert_no_error (f->exported_error);
  g_assert_cmpstr (g_file_peek_path (f->exported_file), ==, written);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (f->dialog)));
  g_assert_true (g_file_get_contents (written, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "width=\"640px\""));
  g_assert_cmpuint (count_entries (f->tmpdir), ==, 1);
}

/* A file that cannot be written is reported with why. */
static void
test_export_failure (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *chosen = g_build_filename (f->tmpdir, "missing", "snapshot.png", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (chosen);

  choose (f, "_Size", "Current view");
  g_signal_connect (f->dialog, "exported", G_CALLBACK (on_exported), f);

  ovf_export_dialog_export_to (f->dialog, file);
  UI_TEST_SPIN_UNTIL (f->n_exported > 0);

  g_assert_error (f->exported_error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (f->exported_error->message, chosen));
  g_assert_cmpuint (count_entries (f->tmpdir), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");
  adw_init ();
  ovf_ui_register_resources ();

  g_test_add ("/export-dialog/options-from-widgets", Fixture, NULL, fixture_setup, test_options_from_widgets,
              fixture_teardown);
  g_test_add ("/export-dialog/export-signal", Fixture, NULL, fixture_setup, test_export_signal, fixture_teardown);
  g_test_add ("/export-dialog/export-failure", Fixture, NULL, fixture_setup, test_export_failure, fixture_teardown);

  return g_test_run ();
}
