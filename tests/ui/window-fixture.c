/* window-fixture.c: the window every window test starts from, and the
 * helpers those tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "window-fixture.h"

OvfApplication *window_test_app;
const char *window_test_program;

/* Helpers ------------------------------------------------------------------ */

OvfTime
parse_utc (const char *text)
{
  OvfTime time;

  g_assert_true (ovf_time_parse_iso8601 (text, &time));
  return time;
}

OvfEvent *
get_event (OvfDataset *dataset,
           int         index)
{
  g_autoptr(OvfEvent) event = NULL;

  g_assert_cmpint (index, >=, 0);
  event = g_list_model_get_item (ovf_dataset_get_events (dataset), index);
  return event;  /* the dataset keeps it alive */
}

void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
is_laid_out (Fixture *f)
{
  return gtk_widget_get_mapped (GTK_WIDGET (f->map)) && gtk_widget_get_width (GTK_WIDGET (f->map)) > 100;
}

/* One application serves every test's windows. */
void
ensure_app (void)
{
  if (window_test_app == NULL)
    {
      window_test_app = ovf_application_new ();
      g_application_set_flags (G_APPLICATION (window_test_app),
                               g_application_get_flags (G_APPLICATION (window_test_app)) | G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (window_test_app), NULL, NULL));
    }
}

void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *root;

  ensure_app ();

  f->settings = g_settings_new (APP_ID);
  g_settings_reset (f->settings, "sidebar-visible");
  g_settings_reset (f->settings, "follow");
  g_settings_reset (f->settings, "basemap");
  g_settings_reset (f->settings, "window-width");
  g_settings_reset (f->settings, "window-height");
  g_settings_reset (f->settings, "last-file");
  g_settings_reset (f->settings, "show-legend");

  f->tmpdir = g_dir_make_tmp ("overflight-window-XXXXXX", &error);
  g_assert_no_error (error);

  /* Our own reference, as a test may close the window itself. */
  f->window = g_object_ref (ovf_window_new (GTK_APPLICATION (window_test_app)));
  ovf_window_load_bundled (f->window);
  f->dataset = ovf_window_get_dataset (f->window);
  g_assert_nonnull (f->dataset);

  root = GTK_WIDGET (f->window);
  f->map = SHUMATE_MAP (ui_test_find_widget (root, SHUMATE_TYPE_MAP));
  f->timeline = OVF_TIMELINE (ui_test_find_widget (root, OVF_TYPE_TIMELINE));
  f->list = OVF_EVENT_LIST (ui_test_find_widget (root, OVF_TYPE_EVENT_LIST));
  f->detail = OVF_EVENT_DETAIL (ui_test_find_widget (root, OVF_TYPE_EVENT_DETAIL));
  g_assert_nonnull (f->map);
  g_assert_nonnull (f->timeline);
  g_assert_nonnull (f->list);
  g_assert_nonnull (f->detail);

  gtk_window_present (GTK_WINDOW (f->window));
  UI_TEST_SPIN_UNTIL (is_laid_out (f));
  /* Let the first frames fit the flight into view. */
  ui_test_spin_for (300 * 1000);
}

void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  ui_test_spin_for (50 * 1000);

  test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_clear_object (&f->settings);
}

/* English dates and the test accessibility backend, whatever the host;
 * the program's path, for the command-line checks, is the first argument. */
void
window_test_init (int    *argc,
                  char ***argv)
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (argc, argv, NULL);
  if (*argc > 1)
    window_test_program = (*argv)[1];
}

int
window_test_run (void)
{
  int status = g_test_run ();

  g_clear_object (&window_test_app);
  return status;
}
