/* test-window-files.c: the main window opening, reloading, dropping and
 * adding files, under a virtual display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "window-fixture.h"

#define PLAIN_TITLE "<b>& Overflight test"

static GBytes *
bundled_bytes (void)
{
  GBytes *bytes = ovf_bundled_dataset_bytes ();

  g_assert_nonnull (bytes);
  return bytes;
}

/* The bundled dataset with its title (and its first event's title) set. */
static void
write_dataset (const char *path,
               const char *title)
{
  g_autoptr(GBytes) bytes = bundled_bytes ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonObject *first_event;

  json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (root, "title", title);
  first_event = json_array_get_object_element (json_object_get_array_member (root, "events"), 0);
  json_object_set_string_member (first_event, "title", title);

  json_generator_set_root (generator, json_parser_get_root (parser));
  json_generator_set_pretty (generator, TRUE);
  json_generator_to_file (generator, path, &error);
  g_assert_no_error (error);
}

/* Whether @model (or a section or submenu in it) offers to open @uri. */
static gboolean
menu_has_recent (GMenuModel *model,
                 const char *uri)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GVariant) target = NULL;
      g_autoptr(GMenuLinkIter) links = g_menu_model_iterate_item_links (model, i);
      GMenuModel *linked;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &action) &&
          g_str_equal (action, "win.open-recent"))
        {
          target = g_menu_model_get_item_attribute_value (model, i, G_MENU_ATTRIBUTE_TARGET,
                                                          G_VARIANT_TYPE_STRING);
          if (target != NULL && g_str_equal (g_variant_get_string (target, NULL), uri))
            return TRUE;
        }

      while (g_menu_link_iter_get_next (links, NULL, &linked))
        {
          gboolean found = menu_has_recent (linked, uri);

          g_object_unref (linked);
          if (found)
            return TRUE;
        }
    }

  return FALSE;
}

/* The failure toast shows the file name as it is, markup characters too. */
static void
test_failure_toast (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "Tom & Jerry <3>.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  write_text (path, "{");
  g_assert_false (ovf_window_load_file (f->window, file));
  UI_TEST_SPIN_UNTIL (ui_test_find_label (GTK_WIDGET (f->window), "Could not open “Tom & Jerry <3>.json”") != NULL);
}

static void
test_broken_file (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "broken.json", NULL);
  g_autofree char *prefix = g_strconcat (path, ":4:", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const char * const *problems;

  write_text (path, "{\n  \"format\": \"overflight-dataset\",\n  \"version\": 1,\n  \"title\": ,\n}\n");
  g_assert_false (ovf_window_load_file (f->window, file));

  /* The loaded dataset stays; the problem is located in the file. */
  g_assert_true (ovf_window_get_dataset (f->window) == f->dataset);
  problems = ovf_window_get_problems (f->window);
  g_assert_nonnull (problems);
  g_assert_nonnull (problems[0]);
  g_assert_true (g_str_has_prefix (problems[0], prefix));

  /* Valid JSON that is not a dataset names the field. */
  write_text (path, "{\"format\": \"overflight-dataset\", \"version\": 1, \"title\": 7}");
  g_assert_false (ovf_window_load_file (f->window, file));
  g_assert_true (ovf_window_get_dataset (f->window) == f->dataset);
  problems = ovf_window_get_problems (f->window);
  g_assert_nonnull (problems);
  g_assert_true (g_str_has_prefix (problems[0], path));

  /* A good load clears them. */
  ovf_window_load_bundled (f->window);
  g_assert_null (ovf_window_get_problems (f->window));
}

static void
test_open_and_reload (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "mine.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwWindowTitle *title = ADW_WINDOW_TITLE (ui_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_WINDOW_TITLE));
  OvfDataset *loaded;
  OvfEvent *first;
  g_autofree char *first_id = NULL;

  write_dataset (path, PLAIN_TITLE);
  g_assert_true (ovf_window_load_file (f->window, file));
  loaded = ovf_window_get_dataset (f->window);
  g_assert_true (loaded != f->dataset);
  g_assert_true (g_file_equal (ovf_window_get_file (f->window), file));
  g_assert_cmpstr (adw_window_title_get_title (title), ==, PLAIN_TITLE);

  /* Dataset strings are shown as the characters they are, not markup. */
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (title), PLAIN_TITLE));
  first = get_event (loaded, 0);
  g_assert_cmpstr (ovf_event_get_title (first), ==, PLAIN_TITLE);
  ovf_window_select_event (f->window, first);
  first_id = g_strdup (ovf_event_get_id (first));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (f->detail), PLAIN_TITLE));

  /* Saving the file reloads it and keeps the selection. */
  write_dataset (path, "Edited on disk");
  UI_TEST_SPIN_UNTIL (g_strcmp0 (ovf_dataset_get_title (ovf_window_get_dataset (f->window)), "Edited on disk") == 0);
  loaded = ovf_window_get_dataset (f->window);
  g_assert_cmpstr (ovf_dataset_get_title (loaded), ==, "Edited on disk");
  g_assert_nonnull (ovf_window_get_selected_event (f->window));
  g_assert_cmpstr (ovf_event_get_id (ovf_window_get_selected_event (f->window)), ==, first_id);

  /* Saving a broken file keeps the last good one and says why. */
  write_text (path, "{ \"format\": ");
  UI_TEST_SPIN_UNTIL (ovf_window_get_problems (f->window) != NULL);
  g_assert_true (ovf_window_get_dataset (f->window) == loaded);
  g_assert_true (g_str_has_prefix (ovf_window_get_problems (f->window)[0], path));

  {
    g_autofree char *uri = g_file_get_uri (file);
    g_autofree char *last = g_settings_get_string (f->settings, "last-file");
    GtkWidget *header = ui_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_HEADER_BAR);
    GtkMenuButton *menu = GTK_MENU_BUTTON (ui_test_find_widget (header, GTK_TYPE_MENU_BUTTON));

    /* It is remembered for the next start and offered in the main menu. */
    g_assert_cmpstr (last, ==, uri);
    UI_TEST_SPIN_UNTIL (menu_has_recent (ovf_menu_button_get_lazy_menu (menu), uri));
    ui_test_assert_unique_mnemonics (ovf_menu_button_get_lazy_menu (menu));
  }
}

static GtkDropTarget *
find_drop_target (Fixture *f)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  GtkDropTarget *target = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  g_assert_cmpuint (gtk_drop_target_get_gtypes (target, NULL)[0], ==, G_TYPE_FILE);
  return target;
}

/* What a file manager's drop delivers; the window reads it in a thread. */
static void
drop_file (Fixture *f,
           GFile   *file)
{
  GtkDropTarget *target = find_drop_target (f);
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_value_init (&value, G_TYPE_FILE);
  g_value_set_object (&value, file);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
  g_value_unset (&value);
  g_assert_true (accepted);
  UI_TEST_SPIN_UNTIL (!ovf_window_is_loading (f->window));
}

static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "dropped.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  write_dataset (path, "Dropped in");
  drop_file (f, file);
  g_assert_cmpstr (ovf_dataset_get_title (ovf_window_get_dataset (f->window)), ==, "Dropped in");
  g_assert_true (g_file_equal (ovf_window_get_file (f->window), file));
}

/* A file of the shared import corpus; NULL, and the test skipped, when
 * this checkout has none beside it. */
static GFile *
corpus_file (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("OVERFLIGHT_SOURCE_ROOT"), "..", "shared", "corpus",
                                            "import", name, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("The import corpus is not beside the source tree");
      return NULL;
    }
  return g_file_new_for_path (path);
}

/* The window shows a new dataset of @file's track, with its times on the
 * timeline. */
static void
assert_shows_track (Fixture *f,
                    GFile   *file)
{
  OvfDataset *dataset = ovf_window_get_dataset (f->window);
  OvfTrack *track = ovf_dataset_get_main_track (dataset);
  GtkRange *scrubber = GTK_RANGE (ui_test_find_widget (GTK_WIDGET (f->timeline), OVF_TYPE_SCRUBBER));
  GtkAdjustment *adjustment = gtk_range_get_adjustment (scrubber);
  OvfTime start;
  OvfTime end;

  g_assert_true (dataset != f->dataset);
  g_assert_null (ovf_window_get_problems (f->window));
  g_assert_true (g_file_equal (ovf_window_get_file (f->window), file));
  g_assert_nonnull (track);
  g_assert_true (ovf_track_has_times (track));
  g_assert_cmpuint (ovf_track_get_n_points (track), >, 1);

  ovf_session_get_time_span (ovf_window_get_session (f->window), &start, &end);
  g_assert_cmpint (start, <=, ovf_track_get_start_time (track));
  g_assert_cmpint (end, >=, ovf_track_get_end_time (track));
  g_assert_cmpint (ovf_window_get_time (f->window), >=, start);
  g_assert_cmpint (ovf_window_get_time (f->window), <=, end);
  ui_test_spin_for (100 * 1000);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_lower (adjustment), (double) start / G_USEC_PER_SEC, 1);
  g_assert_cmpfloat_with_epsilon (gtk_adjustment_get_upper (adjustment), (double) end / G_USEC_PER_SEC, 1);
}

/* A phone's GPX through the command line's load, an ADS-B trace dropped:
 * each becomes a dataset replayed by its own times. */
static void
test_open_tracks (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GFile) gpx = corpus_file ("gpx11-togeojson-oregon600-3seg.gpx");
  g_autoptr(GFile) trace = corpus_file ("readsb-trace_full_3c66b0.json");

  if (gpx == NULL || trace == NULL)
    return;

  g_assert_true (ovf_window_load_file (f->window, gpx));
  assert_shows_track (f, gpx);
  g_assert_cmpstr (ovf_dataset_get_import_format (ovf_window_get_dataset (f->window)), !=, NULL);

  ovf_window_load_bundled (f->window);
  drop_file (f, trace);
  assert_shows_track (f, trace);
}

/* A broken track file keeps the dataset shown and says where it broke. */
static void
test_broken_track (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) file = corpus_file ("broken-truncated.gpx");
  g_autofree char *prefix = NULL;
  const char * const *problems;

  if (file == NULL)
    return;

  drop_file (f, file);
  g_assert_true (ovf_window_get_dataset (f->window) == f->dataset);
  problems = ovf_window_get_problems (f->window);
  g_assert_nonnull (problems);
  prefix = g_strconcat (g_file_peek_path (file), ":", NULL);
  g_assert_true (g_str_has_prefix (problems[0], prefix));
  /* FILE:LINE:COLUMN */
  g_assert_true (g_ascii_isdigit (problems[0][strlen (prefix)]));
  UI_TEST_SPIN_UNTIL (ui_test_find_label (GTK_WIDGET (f->window), "Could not open “broken-truncated.gpx”") != NULL);
}

/* Every AdwEntryRow in @widget, in order. */
static void
collect_entry_rows (GtkWidget *widget,
                    GPtrArray *rows)
{
  if (ADW_IS_ENTRY_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_entry_rows (child, rows);
}

static GPtrArray *
find_entry_rows (GtkWidget *widget)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_entry_rows (widget, rows);
  return rows;
}

static guint
n_tracks (OvfDataset *dataset)
{
  return g_list_model_get_n_items (ovf_dataset_get_tracks (dataset));
}

/* Adding a file's tracks keeps the dataset's own, its file, the time
 * and the selection; added twice, the ids stay unique. */
static void
test_add_tracks (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GFile) gpx = corpus_file ("gpx11-togeojson-oregon600-3seg.gpx");
  g_autoptr(GFile) waypoints = corpus_file ("gpx11-togeojson-xcode-waypoints-only-nons.gpx");
  /* The window lets go of it once it shows another. */
  g_autoptr(OvfDataset) bundled = g_object_ref (f->dataset);
  OvfEvent *event = get_event (bundled, 3);
  g_autoptr(OvfDataset) added = NULL;
  OvfDataset *twice;
  guint n_gpx;

  if (gpx == NULL || waypoints == NULL)
    return;

  ovf_window_select_event (f->window, event);
  ovf_window_add_tracks_from_file (f->window, gpx);
  UI_TEST_SPIN_UNTIL (!ovf_window_is_loading (f->window));
  added = g_object_ref (ovf_window_get_dataset (f->window));
  g_assert_true (added != bundled);
  g_assert_null (ovf_window_get_problems (f->window));
  n_gpx = n_tracks (added) - n_tracks (bundled);
  g_assert_cmpuint (n_gpx, >=, 1);
  g_assert_true (ovf_dataset_get_main_track (added) == ovf_dataset_get_main_track (bundled));
  g_assert_cmpstr (ovf_dataset_get_title (added), ==, ovf_dataset_get_title (bundled));
  g_assert_null (ovf_window_get_file (f->window));
  g_assert_nonnull (ovf_window_get_selected_event (f->window));
  g_assert_cmpstr (ovf_event_get_id (ovf_window_get_selected_event (f->window)), ==, ovf_event_get_id (event));
  g_assert_cmpint (ovf_window_get_time (f->window), ==, ovf_event_get_time (event));

  ovf_window_add_tracks_from_file (f->window, gpx);
  UI_TEST_SPIN_UNTIL (!ovf_window_is_loading (f->window));
  twice = ovf_window_get_dataset (f->window);
  g_assert_cmpuint (n_tracks (twice), ==, n_tracks (added) + n_gpx);
  for (guint i = 0; i < n_tracks (twice); i++)
    {
      g_autoptr(OvfTrack) track = g_list_model_get_item (ovf_dataset_get_tracks (twice), i);

      g_assert_true (ovf_dataset_get_track (twice, ovf_track_get_id (track)) == track);
    }

  /* A file without tracks adds nothing and says so. */
  ovf_window_add_tracks_from_file (f->window, waypoints);
  UI_TEST_SPIN_UNTIL (!ovf_window_is_loading (f->window));
  g_assert_true (ovf_window_get_dataset (f->window) == twice);
  UI_TEST_SPIN_UNTIL (ui_test_find_label (GTK_WIDGET (f->window),
                                          "“gpx11-togeojson-xcode-waypoints-only-nons.gpx” has no tracks to add")
                      != NULL);
}

/* A route without times opens as a path with no clock: drawn whole, no
 * balloon on it, and the timeline says so instead of showing a time. */
static void
test_untimed_track (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) file = corpus_file ("gpx10-gpxpy-route-untimed.gpx");
  g_autoptr(GPtrArray) rows = NULL;
  OvfExportDialog *dialog;
  AdwMessageDialog *times;
  OvfTrack *track;

  if (file == NULL)
    return;

  g_object_set (f->window, "follow", TRUE, NULL);
  drop_file (f, file);
  g_assert_null (ovf_window_get_problems (f->window));
  track = ovf_dataset_get_main_track (ovf_window_get_dataset (f->window));
  g_assert_nonnull (track);
  g_assert_false (ovf_track_has_times (track));

  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (f->timeline), "No times in this track"));
  g_assert_null (ovf_overlay_dup_marker_text (ovf_window_get_overlay (f->window)));

  /* Every view draws it, and the keys that move the clock do nothing. */
  gtk_widget_queue_draw (GTK_WIDGET (f->window));
  ui_test_spin_for (300 * 1000);
  gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.play", NULL);
  gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.go-to-end", NULL);
  ovf_window_set_time (f->window, parse_utc ("2023-02-03T12:00:00Z"));
  ui_test_spin_for (300 * 1000);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (f->timeline), "No times in this track"));

  /* The export dialog previews it too. */
  dialog = ovf_window_new_export_dialog (f->window);
  g_assert_nonnull (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_spin_for (500 * 1000);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The window offers to give it times; given, it replays by them. */
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (f->window), "This track has no times"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.give-times", NULL));
  UI_TEST_SPIN_UNTIL (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL);
  times = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_false (adw_message_dialog_get_response_enabled (times, "apply"));
  rows = find_entry_rows (GTK_WIDGET (times));
  g_assert_cmpuint (rows->len, ==, 2);
  gtk_editable_set_text (g_ptr_array_index (rows, 0), "2023-02-01 10:00");
  gtk_editable_set_text (g_ptr_array_index (rows, 1), "2023-02-01 09:00");
  g_assert_false (adw_message_dialog_get_response_enabled (times, "apply"));
  gtk_editable_set_text (g_ptr_array_index (rows, 1), "2023-02-01 12:30");
  g_assert_true (adw_message_dialog_get_response_enabled (times, "apply"));
  /* What its button does; the button closes the dialog too. */
  adw_message_dialog_response (times, "apply");
  gtk_window_destroy (GTK_WINDOW (times));

  track = ovf_dataset_get_main_track (ovf_window_get_dataset (f->window));
  g_assert_true (ovf_track_has_times (track));
  g_assert_cmpint (ovf_track_get_start_time (track), ==, parse_utc ("2023-02-01T10:00:00Z"));
  g_assert_cmpint (ovf_track_get_end_time (track), ==, parse_utc ("2023-02-01T12:30:00Z"));
  g_assert_cmpint (ovf_window_get_time (f->window), ==, parse_utc ("2023-02-01T10:00:00Z"));
  g_assert_null (ui_test_find_label (GTK_WIDGET (f->timeline), "No times in this track"));
  g_assert_nonnull (ovf_overlay_dup_marker_text (ovf_window_get_overlay (f->window)));

  /* A track with times has nothing to be given. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.give-times", NULL);
  ui_test_spin_for (100 * 1000);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

/* A long load shows its progress over the map, and Cancel keeps the
 * dataset shown. The file is a pipe nothing writes to yet: its load takes
 * as long as the test wants, whatever the machine's speed. */
static void
test_load_progress (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "long.gpx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkRevealer *revealer = GTK_REVEALER (ui_test_find_by_css_class (GTK_WIDGET (f->window), "load-progress"));
  int writer;

  g_assert_nonnull (revealer);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  ovf_window_open_file (f->window, file);
  g_assert_true (ovf_window_is_loading (f->window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (revealer)));

  /* Not at once: a quick load would only flash it. */
  ui_test_spin_for (300 * 1000);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (revealer)));
  UI_TEST_SPIN_UNTIL (gtk_widget_get_visible (GTK_WIDGET (revealer)));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (revealer), "Opening “long.gpx”…"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.cancel-load", NULL));
  g_assert_false (ovf_window_is_loading (f->window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (revealer)));
  g_assert_true (ovf_window_get_dataset (f->window) == f->dataset);
  g_assert_null (ovf_window_get_file (f->window));

  /* The thread's late result, an empty file, goes nowhere. */
  writer = open (path, O_WRONLY);
  g_assert_cmpint (writer, >=, 0);
  close (writer);
  ui_test_spin_for (500 * 1000);
  g_assert_true (ovf_window_get_dataset (f->window) == f->dataset);
  g_assert_null (ovf_window_get_problems (f->window));
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);

  g_test_add ("/window/broken-file", Fixture, NULL, fixture_setup, test_broken_file, fixture_teardown);
  g_test_add ("/window/failure-toast", Fixture, NULL, fixture_setup, test_failure_toast, fixture_teardown);
  g_test_add ("/window/open-and-reload", Fixture, NULL, fixture_setup, test_open_and_reload, fixture_teardown);
  g_test_add ("/window/drop", Fixture, NULL, fixture_setup, test_drop, fixture_teardown);
  g_test_add ("/window/open-tracks", Fixture, NULL, fixture_setup, test_open_tracks, fixture_teardown);
  g_test_add ("/window/broken-track", Fixture, NULL, fixture_setup, test_broken_track, fixture_teardown);
  g_test_add ("/window/add-tracks", Fixture, NULL, fixture_setup, test_add_tracks, fixture_teardown);
  g_test_add ("/window/untimed-track", Fixture, NULL, fixture_setup, test_untimed_track, fixture_teardown);
  g_test_add ("/window/load-progress", Fixture, NULL, fixture_setup, test_load_progress, fixture_teardown);

  return window_test_run ();
}
