/* test-window.c: the main window, what it shows and keeps in step, followed
 * and opened from the command line, under a virtual display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "window-fixture.h"

static void
assert_selected_everywhere (Fixture  *f,
                            OvfEvent *event)
{
  g_autofree char *utc = ovf_time_format_utc (ovf_event_get_time (event));

  g_assert_true (ovf_window_get_selected_event (f->window) == event);
  g_assert_true (ovf_event_list_get_selected_event (f->list) == event);
  g_assert_true (ovf_timeline_get_selected_event (f->timeline) == event);
  g_assert_true (ovf_overlay_get_selected_event (ovf_window_get_overlay (f->window)) == event);
  g_assert_true (ovf_event_detail_get_event (f->detail) == event);
  g_assert_cmpint (ovf_window_get_time (f->window), ==, ovf_event_get_time (event));

  /* The detail pane shows the title and the UTC time as plain text. */
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (f->detail), ovf_event_get_title (event)));
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (f->detail), utc));
}

/* Tests -------------------------------------------------------------------- */

static void
test_marker_position (Fixture       *f,
                      gconstpointer  data)
{
  OvfTrack *track = ovf_dataset_get_main_track (f->dataset);
  ShumateViewport *viewport = shumate_map_get_viewport (f->map);
  OvfOverlay *overlay = ovf_window_get_overlay (f->window);
  const OvfTime times[] = { parse_utc ("2023-01-31T12:00:00Z"), parse_utc ("2023-02-02T06:30:00Z") };
  guint32 pixels[G_N_ELEMENTS (times)][G_N_ELEMENTS (times)];
  guint32 centres[G_N_ELEMENTS (times)][G_N_ELEMENTS (times)];

  g_object_set (f->window, "follow", FALSE, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      OvfTrackFix fix;
      OvfMapView view;
      double overlay_x, overlay_y, map_x, map_y;

      ovf_window_set_time (f->window, times[i]);
      g_assert_cmpint (ovf_overlay_get_time (overlay), ==, times[i]);
      g_assert_cmpint (ovf_track_locate (track, times[i], &fix), ==, OVF_FLIGHT_WITHIN);

      /* Where the overlay draws the balloon is where libshumate puts its
       * interpolated position. */
      ovf_window_get_map_view (f->window, &view);
      ovf_map_view_project (&view, fix.lat, fix.lon, &overlay_x, &overlay_y);
      shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (f->map), fix.lat, fix.lon,
                                                  &map_x, &map_y);
      g_assert_cmpfloat_with_epsilon (overlay_x, map_x, 0.5);
      g_assert_cmpfloat_with_epsilon (overlay_y, map_y, 0.5);
      g_assert_cmpfloat (map_x, >=, 0);
      g_assert_cmpfloat (map_x, <, view.width);
      g_assert_cmpfloat (map_y, >=, 0);
      g_assert_cmpfloat (map_y, <, view.height);

      /* Read the drawn pixel at each marker position, at each time. */
      for (guint j = 0; j < G_N_ELEMENTS (times); j++)
        {
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                                 view.width, view.height);
          cairo_t *cr = cairo_create (surface);
          OvfTrackFix other;
          double x, y;

          ovf_overlay_set_time (overlay, times[j]);
          ovf_overlay_draw (overlay, cr, &view);
          cairo_surface_flush (surface);
          ovf_track_locate (track, times[i], &other);
          ovf_map_view_project (&view, other.lat, other.lon, &x, &y);
          centres[i][j] = ((guint32 *) (cairo_image_surface_get_data (surface) +
                                        (int) y * cairo_image_surface_get_stride (surface)))[(int) x];
          /* The patch the marker covers: its centre alone is the path's
           * colour, which the flown path also has there. */
          pixels[i][j] = 2166136261u;
          for (int py = MAX ((int) y - 6, 0); py <= MIN ((int) y + 6, (int) view.height - 1); py++)
            for (int px = MAX ((int) x - 6, 0); px <= MIN ((int) x + 6, (int) view.width - 1); px++)
              pixels[i][j] = (pixels[i][j] ^ ((guint32 *) (cairo_image_surface_get_data (surface) +
                                                           py * cairo_image_surface_get_stride (surface)))[px])
                             * 16777619u;
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
      ovf_overlay_set_time (overlay, times[i]);
    }

  /* The marker sits at its position at its own time and leaves it at
   * the other time. */
  g_assert_cmpuint (pixels[0][0], !=, pixels[0][1]);
  g_assert_cmpuint (pixels[1][1], !=, pixels[1][0]);
  g_assert_cmpuint (centres[0][0] >> 24, >, 0);
  g_assert_cmpuint (centres[1][1] >> 24, >, 0);
}

static void
test_event_actions (Fixture       *f,
                    gconstpointer  data)
{
  OvfTime start, end;
  OvfEvent *first, *second;

  ovf_dataset_get_time_span (f->dataset, &start, &end);
  ovf_window_set_time (f->window, start);
  first = get_event (f->dataset, ovf_dataset_find_next_event (f->dataset, start));

  gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.next-event", NULL);
  assert_selected_everywhere (f, first);

  second = get_event (f->dataset, ovf_dataset_find_next_event (f->dataset, ovf_event_get_time (first)));
  gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.next-event", NULL);
  assert_selected_everywhere (f, second);

  gtk_widget_activate_action (GTK_WIDGET (f->timeline), "timeline.previous-event", NULL);
  assert_selected_everywhere (f, first);
}

static void
test_selection_sync (Fixture       *f,
                     gconstpointer  data)
{
  GListModel *events = ovf_dataset_get_events (f->dataset);
  guint n = g_list_model_get_n_items (events);
  GtkWidget *layer = NULL;
  GtkAdjustment *scroll;
  OvfEvent *event;

  g_assert_cmpuint (n, >=, 3);
  scroll = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (ui_test_find_widget (GTK_WIDGET (f->list),
                                                                                  GTK_TYPE_SCROLLED_WINDOW)));

  /* From the list, as a click on a row does. */
  event = get_event (f->dataset, n - 1);
  ovf_event_list_set_selected_event (f->list, event);
  assert_selected_everywhere (f, event);

  /* From the timeline, as a click on an event tick does; the list
   * scrolls to show it. */
  event = get_event (f->dataset, n / 2);
  ovf_event_list_set_selected_event (f->list, get_event (f->dataset, 0));
  UI_TEST_SPIN_UNTIL (gtk_adjustment_get_value (scroll) == 0);
  ovf_timeline_set_selected_event (f->timeline, event);
  assert_selected_everywhere (f, event);
  UI_TEST_SPIN_UNTIL (gtk_adjustment_get_value (scroll) > 0);

  /* From a marker on the map. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->map));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (g_signal_lookup ("event-activated", G_OBJECT_TYPE (child)) != 0)
      layer = child;
  g_assert_nonnull (layer);
  event = get_event (f->dataset, 1);
  g_signal_emit_by_name (layer, "event-activated", event);
  assert_selected_everywhere (f, event);

  /* Clearing the selection clears it everywhere. */
  ovf_window_select_event (f->window, NULL);
  g_assert_null (ovf_event_list_get_selected_event (f->list));
  g_assert_null (ovf_timeline_get_selected_event (f->timeline));
  g_assert_null (ovf_overlay_get_selected_event (ovf_window_get_overlay (f->window)));
  g_assert_null (ovf_event_detail_get_event (f->detail));
}

/* The views follow the window's session, not the window: what is set there
 * shows in the list, the detail pane, the timeline and on the map, and
 * the user's scrubbing and choices go back to it. */
static void
test_session_views (Fixture       *f,
                    gconstpointer  data)
{
  OvfSession *session = ovf_window_get_session (f->window);
  OvfOverlay *overlay = ovf_window_get_overlay (f->window);
  GtkRange *scrubber = GTK_RANGE (ui_test_find_widget (GTK_WIDGET (f->timeline), OVF_TYPE_SCRUBBER));
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "model", "valid", "small.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(OvfDataset) small = NULL;
  OvfEvent *event;
  OvfTime time;

  g_assert_nonnull (session);
  g_assert_nonnull (scrubber);
  g_assert_true (ovf_session_get_dataset (session) == f->dataset);

  /* Selected in the session. */
  event = get_event (f->dataset, 2);
  ovf_session_select_event (session, event);
  assert_selected_everywhere (f, event);
  g_assert_cmpint (ovf_overlay_get_time (overlay), ==, ovf_event_get_time (event));
  g_assert_cmpint (ovf_timeline_get_time (f->timeline), ==, ovf_event_get_time (event));

  /* Scrubbed on the timeline: the session's clock moves, and the list
   * marks the event now current. */
  time = parse_utc ("2023-02-02T00:00:00Z");
  gtk_range_set_value (scrubber, (double) time / G_USEC_PER_SEC);
  g_assert_cmpint (ovf_session_get_time (session), ==, time);
  g_assert_cmpint (ovf_overlay_get_time (overlay), ==, time);
  g_assert_true (ovf_event_list_get_current_event (f->list) == ovf_session_get_current_event (session));
  g_assert_true (ovf_session_get_selected_event (session) == event);

  /* Played: the session's clock runs with the timeline. */
  ovf_timeline_set_playing (f->timeline, TRUE);
  UI_TEST_SPIN_UNTIL (ovf_session_get_time (session) > time);
  ovf_timeline_set_playing (f->timeline, FALSE);
  g_assert_cmpint (ovf_timeline_get_time (f->timeline), ==, ovf_session_get_time (session));

  /* Chosen in the list. */
  event = get_event (f->dataset, 4);
  ovf_event_list_set_selected_event (f->list, event);
  g_assert_true (ovf_session_get_selected_event (session) == event);
  g_assert_cmpint (ovf_session_get_time (session), ==, ovf_event_get_time (event));

  /* Another dataset, opened in the session: every view and the title
   * show it, with nothing selected. */
  small = ovf_dataset_load_from_file (file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  ovf_session_set_dataset (session, small);
  g_assert_true (ovf_window_get_dataset (f->window) == small);
  g_assert_true (ovf_event_list_get_model (f->list) == ovf_dataset_get_events (small));
  g_assert_true (ovf_timeline_get_dataset (f->timeline) == small);
  g_assert_true (ovf_overlay_get_dataset (overlay) == small);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (f->window)), ==, ovf_dataset_get_title (small));
  g_assert_null (ovf_event_list_get_selected_event (f->list));
  g_assert_null (ovf_timeline_get_selected_event (f->timeline));
  g_assert_null (ovf_overlay_get_selected_event (overlay));
  g_assert_null (ovf_event_detail_get_event (f->detail));
  g_assert_cmpint (ovf_timeline_get_time (f->timeline), ==, ovf_session_get_time (session));
  g_assert_cmpint (ovf_overlay_get_time (overlay), ==, ovf_session_get_time (session));

  event = ovf_dataset_get_event (small, "e-late");
  ovf_session_select_event (session, event);
  assert_selected_everywhere (f, event);
}

static void
collect_check_buttons (GtkWidget *widget,
                       GPtrArray *buttons)
{
  if (GTK_IS_CHECK_BUTTON (widget))
    g_ptr_array_add (buttons, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_check_buttons (child, buttons);
}

static gboolean
label_has_prefix (GtkWidget     *widget,
                  gconstpointer  prefix)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix);
}

/* The bundled dataset's two tracks in the track list: hiding one hides it
 * on the map, following the other moves the timeline's readout to it. */
static void
test_track_list (Fixture       *f,
                 gconstpointer  data)
{
  OvfSession *session = ovf_window_get_session (f->window);
  OvfOverlay *overlay = ovf_window_get_overlay (f->window);
  OvfTrack *main_track = ovf_dataset_get_main_track (f->dataset);
  OvfTrack *latin = ovf_dataset_get_track (f->dataset, "latin-america");
  GtkWidget *list = ui_test_find_widget (GTK_WIDGET (f->window), OVF_TYPE_TRACK_LIST);
  GtkWidget *button = gtk_widget_get_ancestor (list, GTK_TYPE_MENU_BUTTON);
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();
  GtkCheckButton *show_latin, *follow_latin, *follow_main;

  g_assert_nonnull (latin);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_visible (button));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  UI_TEST_SPIN_UNTIL (gtk_widget_get_mapped (list));

  /* Per track: shown, then followed. */
  collect_check_buttons (list, checks);
  g_assert_cmpuint (checks->len, ==, 4);
  follow_main = g_ptr_array_index (checks, 1);
  show_latin = g_ptr_array_index (checks, 2);
  follow_latin = g_ptr_array_index (checks, 3);
  g_assert_cmpstr (gtk_check_button_get_label (show_latin), ==, "Latin America balloon");
  g_assert_true (gtk_check_button_get_active (show_latin));
  g_assert_true (gtk_check_button_get_active (follow_main));
  g_assert_false (gtk_check_button_get_active (follow_latin));

  gtk_check_button_set_active (show_latin, FALSE);
  g_assert_false (ovf_session_get_track_visible (session, latin));
  g_assert_false (ovf_overlay_get_track_visible (overlay, latin));
  g_assert_true (ovf_overlay_get_track_visible (overlay, main_track));
  /* And back from the session. */
  ovf_session_set_track_visible (session, latin, TRUE);
  g_assert_true (gtk_check_button_get_active (show_latin));
  g_assert_true (ovf_overlay_get_track_visible (overlay, latin));

  /* Over Colombia on the morning of 3 February. */
  ovf_session_set_time (session, parse_utc ("2023-02-03T14:00:00Z"));
  g_assert_nonnull (ui_test_find (GTK_WIDGET (f->timeline), label_has_prefix, "Chinese high-altitude balloon: "));
  gtk_check_button_set_active (follow_latin, TRUE);
  g_assert_true (ovf_session_get_followed_track (session) == latin);
  g_assert_true (ovf_timeline_get_track (f->timeline) == latin);
  g_assert_false (gtk_check_button_get_active (follow_main));
  g_assert_nonnull (ui_test_find (GTK_WIDGET (f->timeline), label_has_prefix, "Latin America balloon: "));
  g_assert_null (ui_test_find (GTK_WIDGET (f->timeline), label_has_prefix, "Chinese high-altitude balloon: "));

  ovf_session_set_followed_track (session, main_track);
  g_assert_true (gtk_check_button_get_active (follow_main));
  g_assert_true (ovf_timeline_get_track (f->timeline) == main_track);
  gtk_popover_popdown (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
}

static void
test_current_event (Fixture       *f,
                    gconstpointer  data)
{
  OvfTime time = parse_utc ("2023-02-02T00:00:00Z");
  OvfEvent *expected = get_event (f->dataset, ovf_dataset_find_event_at_or_before (f->dataset, time));

  GtkAdjustment *scroll = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (ui_test_find_widget (GTK_WIDGET (f->list), GTK_TYPE_SCROLLED_WINDOW)));

  g_assert_cmpfloat (gtk_adjustment_get_value (scroll), ==, 0);
  ovf_window_set_time (f->window, time);
  g_assert_true (ovf_event_list_get_current_event (f->list) == expected);
  /* Moving the time marks; it does not select, and the list follows. */
  g_assert_null (ovf_window_get_selected_event (f->window));
  UI_TEST_SPIN_UNTIL (gtk_adjustment_get_value (scroll) > 0);
}

/* The mapped row showing @event, if any. */
static GtkWidget *
find_row (GtkWidget *widget,
          OvfEvent  *event)
{
  if (OVF_IS_EVENT_ROW (widget) && gtk_widget_get_mapped (widget) &&
      ovf_event_row_get_event (OVF_EVENT_ROW (widget)) == event)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, event);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
row_in_view (GtkWidget *scrolled,
             OvfEvent  *event)
{
  GtkWidget *row = find_row (scrolled, event);
  graphene_rect_t bounds;

  return row != NULL && gtk_widget_compute_bounds (row, scrolled, &bounds) &&
         bounds.origin.y >= 0 && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled);
}

/* A window opened at a time (as with --time) shows that moment's event in
 * its list, even though the list had no size when the time was set. */
static void
test_current_event_at_start (Fixture       *f,
                             gconstpointer  data)
{
  OvfTime time = parse_utc ("2023-02-04T19:39:00Z");
  g_autoptr(OvfWindow) window = g_object_ref (ovf_window_new (GTK_APPLICATION (window_test_app)));
  OvfDataset *dataset;
  OvfEvent *expected;
  OvfEventList *list;
  GtkWidget *scrolled;

  ovf_window_load_bundled (window);
  dataset = ovf_window_get_dataset (window);
  expected = get_event (dataset, ovf_dataset_find_event_at_or_before (dataset, time));
  ovf_window_set_time (window, time);
  list = OVF_EVENT_LIST (ui_test_find_widget (GTK_WIDGET (window), OVF_TYPE_EVENT_LIST));
  scrolled = ui_test_find_widget (GTK_WIDGET (list), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_true (ovf_event_list_get_current_event (list) == expected);

  gtk_window_present (GTK_WINDOW (window));
  UI_TEST_SPIN_UNTIL (row_in_view (scrolled, expected));
  /* The event is far down the list: it was scrolled to, not shown by
   * chance. */
  g_assert_cmpfloat (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled))),
                     >, 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_shoot_down_detail (Fixture       *f,
                        gconstpointer  data)
{
  OvfTime shoot_down = parse_utc ("2023-02-04T19:39:00Z");
  int index = ovf_dataset_find_event_at_or_before (f->dataset, shoot_down);
  OvfEvent *event = get_event (f->dataset, index);

  ShumateViewport *viewport = shumate_map_get_viewport (f->map);
  double zoom = floor (shumate_viewport_get_zoom_level (viewport));

  g_assert_cmpint (ovf_event_get_time (event), ==, shoot_down);
  g_assert_true (ovf_event_has_location (event));
  ovf_window_select_event (f->window, event);

  /* The map moves to the event; a zoom meanwhile lands there too. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.zoom-in", NULL);
  UI_TEST_SPIN_UNTIL (shumate_viewport_get_zoom_level (viewport) == zoom + 1);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                  ovf_event_get_latitude (event), 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                                  ovf_event_get_longitude (event), 1e-6);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (f->detail), "4 February 2023, 19:39 UTC"));
  if (ovf_event_get_timezone (event) != NULL)
    {
      g_autofree char *local = ovf_time_format_in_zone (shoot_down, ovf_event_get_timezone (event));

      g_assert_nonnull (local);
      g_assert_nonnull (ui_test_find_label (GTK_WIDGET (f->detail), local));
    }
}

static gboolean
balloon_in_view (Fixture *f)
{
  OvfTrackFix fix;
  double x, y;

  ovf_track_locate (ovf_dataset_get_main_track (f->dataset), ovf_window_get_time (f->window), &fix);
  shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (f->map), GTK_WIDGET (f->map),
                                              fix.lat, fix.lon, &x, &y);
  return x >= 0 && y >= 0 &&
         x < gtk_widget_get_width (GTK_WIDGET (f->map)) &&
         y < gtk_widget_get_height (GTK_WIDGET (f->map));
}

static void
test_follow (Fixture       *f,
             gconstpointer  data)
{
  ShumateViewport *viewport = shumate_map_get_viewport (f->map);

  ovf_window_set_zoom (f->window, 7);

  g_object_set (f->window, "follow", FALSE, NULL);
  ovf_window_set_center (f->window, -30, 20);
  ovf_window_set_time (f->window, parse_utc ("2023-02-01T18:00:00Z"));
  g_assert_false (balloon_in_view (f));
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), -30, 1e-6);

  /* Turning follow on brings the balloon back, and it stays in view. */
  g_object_set (f->window, "follow", TRUE, NULL);
  g_assert_true (balloon_in_view (f));
  ovf_window_set_time (f->window, parse_utc ("2023-02-03T12:00:00Z"));
  g_assert_true (balloon_in_view (f));
  ovf_window_set_time (f->window, parse_utc ("2023-01-29T00:00:00Z"));
  g_assert_true (balloon_in_view (f));
}

/* The command line, in this process ---------------------------------------- */

typedef struct
{
  OvfApplication *app;
  gboolean        checked;
} CommandLineRun;

static gboolean
check_command_line_window (gpointer user_data)
{
  CommandLineRun *run = user_data;
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (run->app));
  OvfWindow *window;
  ShumateMap *map;
  ShumateViewport *viewport;

  if (!OVF_IS_WINDOW (active) || !gtk_widget_get_mapped (GTK_WIDGET (active)))
    return G_SOURCE_CONTINUE;

  window = OVF_WINDOW (active);
  map = SHUMATE_MAP (ui_test_find_widget (GTK_WIDGET (window), SHUMATE_TYPE_MAP));
  viewport = shumate_map_get_viewport (map);

  g_assert_nonnull (ovf_window_get_dataset (window));
  g_assert_cmpint (ovf_window_get_time (window), ==, parse_utc ("2023-02-01T18:00:00Z"));
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 45.5, 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), -110.25, 1e-6);
  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), 6, 1e-6);

  run->checked = TRUE;
  gtk_window_destroy (active);
  return G_SOURCE_REMOVE;
}

static void
test_command_line_view (void)
{
  char *argv[] = { "overflight", "--time", "2023-02-01T18:00:00Z", "--center", "45.5,-110.25",
                   "--zoom", "6", NULL };
  CommandLineRun run = { 0 };
  int status;

  /* A second application with the same id cannot register in the process
   * the other tests share. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
      g_test_trap_assert_passed ();
      return;
    }

  run.app = ovf_application_new ();
  g_application_set_flags (G_APPLICATION (run.app),
                           g_application_get_flags (G_APPLICATION (run.app)) | G_APPLICATION_NON_UNIQUE);
  /* Checked after the frames where a new dataset is fitted into view. */
  g_timeout_add (500, check_command_line_window, &run);
  status = g_application_run (G_APPLICATION (run.app), G_N_ELEMENTS (argv) - 1, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.checked);
  g_object_unref (run.app);
}

typedef struct {
  OvfWindow *window;
  gboolean   painted;
  double     zoom;
  double     latitude;
  double     longitude;
  guint64    tiles_drawn;
} FirstFrame;

static void
first_frame_painted (GdkFrameClock *clock,
                     FirstFrame    *first)
{
  ShumateMap *map = SHUMATE_MAP (ui_test_find_widget (GTK_WIDGET (first->window), SHUMATE_TYPE_MAP));
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);

  if (first->painted)
    return;
  first->painted = TRUE;
  first->zoom = shumate_viewport_get_zoom_level (viewport);
  first->latitude = shumate_location_get_latitude (SHUMATE_LOCATION (viewport));
  first->longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  first->tiles_drawn = ovf_basemap_source_get_tiles_drawn (OVF_BASEMAP_SOURCE (source));
}

static void
first_frame_mapped (GtkWidget  *window,
                    FirstFrame *first)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (first_frame_painted), first);
}

/* The very first frame shows the flight fitted into view, and the
 * built-in map is already drawing that view's tiles, before libshumate's
 * map layer asks for them after the frame. */
static void
test_first_frame_fitted (void)
{
  FirstFrame first = { 0 };
  ShumateViewport *viewport;

  ensure_app ();

  first.window = g_object_ref (ovf_window_new (GTK_APPLICATION (window_test_app)));
  ovf_window_load_bundled (first.window);
  g_signal_connect (first.window, "map", G_CALLBACK (first_frame_mapped), &first);
  gtk_window_present (GTK_WINDOW (first.window));
  UI_TEST_SPIN_UNTIL (first.painted);
  ui_test_spin_for (500 * 1000);

  viewport = shumate_map_get_viewport (SHUMATE_MAP (ui_test_find_widget (GTK_WIDGET (first.window),
                                                                         SHUMATE_TYPE_MAP)));
  g_assert_cmpfloat (first.zoom, >, 1);
  g_assert_cmpfloat (first.zoom, ==, shumate_viewport_get_zoom_level (viewport));
  g_assert_cmpfloat_with_epsilon (first.latitude,
                                  shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 1e-9);
  g_assert_cmpfloat_with_epsilon (first.longitude,
                                  shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), 1e-9);
  g_assert_cmpuint (first.tiles_drawn, >, 0);

  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (GTK_WIDGET (first.window)), &first);
  gtk_window_destroy (GTK_WINDOW (first.window));
  g_object_unref (first.window);
}

/* The tests' Xvfb has only Mesa's software OpenGL: there the window
 * draws with GTK's cairo renderer, unless GSK_RENDERER says otherwise. */
static void
test_renderer (Fixture       *f,
               gconstpointer  data)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (f->window));

  if (g_getenv ("GSK_RENDERER") != NULL)
    {
      g_test_skip ("GSK_RENDERER chooses the renderer");
      return;
    }
  g_assert_true (ovf_compat_gl_is_software (gtk_widget_get_display (GTK_WIDGET (f->window))));
  g_assert_true (GSK_IS_CAIRO_RENDERER (renderer));
}

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);

  g_test_add_func ("/window/first-frame-fitted", test_first_frame_fitted);
  g_test_add ("/window/marker-position", Fixture, NULL, fixture_setup, test_marker_position, fixture_teardown);
  g_test_add ("/window/event-actions", Fixture, NULL, fixture_setup, test_event_actions, fixture_teardown);
  g_test_add ("/window/selection-sync", Fixture, NULL, fixture_setup, test_selection_sync, fixture_teardown);
  g_test_add ("/window/session-views", Fixture, NULL, fixture_setup, test_session_views, fixture_teardown);
  g_test_add ("/window/track-list", Fixture, NULL, fixture_setup, test_track_list, fixture_teardown);
  g_test_add ("/window/current-event", Fixture, NULL, fixture_setup, test_current_event, fixture_teardown);
  g_test_add ("/window/current-event-at-start", Fixture, NULL, fixture_setup, test_current_event_at_start,
              fixture_teardown);
  g_test_add ("/window/shoot-down-detail", Fixture, NULL, fixture_setup, test_shoot_down_detail, fixture_teardown);
  g_test_add ("/window/follow", Fixture, NULL, fixture_setup, test_follow, fixture_teardown);
  g_test_add ("/window/renderer", Fixture, NULL, fixture_setup, test_renderer, fixture_teardown);
  g_test_add_func ("/window/command-line-view", test_command_line_view);

  return window_test_run ();
}
