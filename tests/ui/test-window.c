/* test-window.c: the main window, driven through its actions under a
 * virtual display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <shumate/shumate.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test-util.h"
#include "ui-test-util.h"
#include "ovf-application.h"
#include "ovf-basemap-source.h"
#include "ovf-event-detail.h"
#include "ovf-event-list.h"
#include "ovf-lazy-menu.h"
#include "ovf-event-row.h"
#include "ovf-export-dialog.h"
#include "ovf-scrubber.h"
#include "ovf-bundled.h"
#include "ovf-time-format.h"
#include "ovf-timeline.h"
#include "ovf-track-list.h"
#include "ovf-compat.h"
#include "ovf-window.h"

#define PLAIN_TITLE "<b>& Overflight test"

static OvfApplication *app;
static const char *overflight_path;

typedef struct
{
  OvfWindow      *window;
  OvfDataset     *dataset;
  ShumateMap     *map;
  OvfTimeline    *timeline;
  OvfEventList   *list;
  OvfEventDetail *detail;
  GSettings      *settings;
  char           *tmpdir;
} Fixture;

/* Helpers ------------------------------------------------------------------ */

static OvfTime
parse_utc (const char *text)
{
  OvfTime time;

  g_assert_true (ovf_time_parse_iso8601 (text, &time));
  return time;
}

static OvfEvent *
get_event (OvfDataset *dataset,
           int         index)
{
  g_autoptr(OvfEvent) event = NULL;

  g_assert_cmpint (index, >=, 0);
  event = g_list_model_get_item (ovf_dataset_get_events (dataset), index);
  return event;  /* the dataset keeps it alive */
}

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

static void
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
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

static gboolean
is_laid_out (Fixture *f)
{
  return gtk_widget_get_mapped (GTK_WIDGET (f->map)) && gtk_widget_get_width (GTK_WIDGET (f->map)) > 100;
}

/* One application serves every test's windows. */
static void
ensure_app (void)
{
  if (app == NULL)
    {
      app = ovf_application_new ();
      g_application_set_flags (G_APPLICATION (app),
                               g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
    }
}

static void
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
  f->window = g_object_ref (ovf_window_new (GTK_APPLICATION (app)));
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

static void
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
  g_autoptr(OvfWindow) window = g_object_ref (ovf_window_new (GTK_APPLICATION (app)));
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

/* Types @keys into the display with xdotool, as a user would. */
static void
type_keys (const char *keys)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *command = g_strdup_printf ("xdotool mousemove --sync 500 12 key --delay 40 %s", keys);
  int status = -1;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Real key presses reach the window's shortcuts, not GtkWindow's own
 * focus keys, and not the first button. */
static void
test_typed_keys (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  OvfTime time = parse_utc ("2023-02-01T18:00:00Z");
  GListModel *events = ovf_dataset_get_events (f->dataset);
  OvfEvent *next;
  int index;

  if (xdotool == NULL || g_getenv ("DISPLAY") == NULL)
    {
      g_test_skip ("Typing needs xdotool and an X display (scripts/install-deps.sh installs xdotool)");
      return;
    }

  ovf_window_set_time (f->window, time);
  index = ovf_dataset_find_event_at_or_before (f->dataset, time);
  g_assert_cmpint (index + 1, <, (int) g_list_model_get_n_items (events));
  next = get_event (f->dataset, index + 1);
  ui_test_spin_for (100 * 1000);

  type_keys ("Right");
  UI_TEST_SPIN_UNTIL (ovf_window_get_time (f->window) == time + OVF_TIME_HOUR);
  type_keys ("Left Left");
  UI_TEST_SPIN_UNTIL (ovf_window_get_time (f->window) == time - OVF_TIME_HOUR);

  type_keys ("space");
  UI_TEST_SPIN_UNTIL (ovf_timeline_get_playing (f->timeline));
  type_keys ("space");
  UI_TEST_SPIN_UNTIL (!ovf_timeline_get_playing (f->timeline));

  ovf_window_set_time (f->window, time);
  type_keys ("Next");
  UI_TEST_SPIN_UNTIL (ovf_window_get_selected_event (f->window) == next);
  g_assert_cmpint (ovf_window_get_time (f->window), ==, ovf_event_get_time (next));
}

static void
test_keyboard_actions (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *window = GTK_WIDGET (f->window);
  GtkWidget *timeline = GTK_WIDGET (f->timeline);
  ShumateViewport *viewport = shumate_map_get_viewport (f->map);
  OvfTime start, end, time;
  double zoom;
  gboolean visible, follow;

  gtk_widget_activate_action (timeline, "timeline.play", NULL);
  g_assert_true (ovf_timeline_get_playing (f->timeline));
  gtk_widget_activate_action (timeline, "timeline.play", NULL);
  g_assert_false (ovf_timeline_get_playing (f->timeline));

  ovf_dataset_get_time_span (f->dataset, &start, &end);
  gtk_widget_activate_action (timeline, "timeline.go-to-end", NULL);
  g_assert_cmpint (ovf_window_get_time (f->window), ==, end);
  gtk_widget_activate_action (timeline, "timeline.go-to-start", NULL);
  g_assert_cmpint (ovf_window_get_time (f->window), ==, start);

  time = start + OVF_TIME_DAY;
  ovf_window_set_time (f->window, time);
  gtk_widget_activate_action (timeline, "timeline.step", "x", (gint64) OVF_TIMELINE_STEP_LARGE);
  g_assert_cmpint (ovf_window_get_time (f->window), ==, time + OVF_TIMELINE_STEP_LARGE);
  gtk_widget_activate_action (timeline, "timeline.step", "x", (gint64) -OVF_TIMELINE_STEP_DAY);
  g_assert_cmpint (ovf_window_get_time (f->window), ==, time + OVF_TIMELINE_STEP_LARGE - OVF_TIMELINE_STEP_DAY);
  /* Stepping stops at the ends of the span. */
  gtk_widget_activate_action (timeline, "timeline.step", "x", (gint64) -OVF_TIMELINE_STEP_DAY);
  g_assert_cmpint (ovf_window_get_time (f->window), ==, start);
  gtk_widget_activate_action (timeline, "timeline.go-to-end", NULL);
  gtk_widget_activate_action (timeline, "timeline.step", "x", (gint64) OVF_TIMELINE_STEP_LARGE);
  g_assert_cmpint (ovf_window_get_time (f->window), ==, end);

  g_object_get (window, "sidebar-visible", &visible, NULL);
  gtk_widget_activate_action (window, "win.toggle-sidebar", NULL);
  g_assert_cmpint (adw_flap_get_reveal_flap (ADW_FLAP (ui_test_find_widget (window, ADW_TYPE_FLAP))), ==, !visible);
  g_assert_cmpint (g_settings_get_boolean (f->settings, "sidebar-visible"), ==, !visible);

  g_object_get (window, "follow", &follow, NULL);
  gtk_widget_activate_action (window, "win.follow", NULL);
  g_assert_cmpint (g_settings_get_boolean (f->settings, "follow"), ==, !follow);

  zoom = shumate_viewport_get_zoom_level (viewport);
  /* A whole level each, landing on whole levels. */
  gtk_widget_activate_action (window, "win.zoom-in", NULL);
  UI_TEST_SPIN_UNTIL (shumate_viewport_get_zoom_level (viewport) == floor (zoom) + 1);
  gtk_widget_activate_action (window, "win.zoom-out", NULL);
  UI_TEST_SPIN_UNTIL (shumate_viewport_get_zoom_level (viewport) == floor (zoom));

  /* Quick presses add up. */
  gtk_widget_activate_action (window, "win.zoom-in", NULL);
  gtk_widget_activate_action (window, "win.zoom-in", NULL);
  UI_TEST_SPIN_UNTIL (shumate_viewport_get_zoom_level (viewport) == floor (zoom) + 2);
}

/* The window's shortcut whose trigger reads @trigger; the controller keeps it. */
static GtkShortcut *
find_window_shortcut (Fixture    *f,
                      const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));

  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, c);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);
          g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (text, trigger))
            return shortcut;
        }
    }

  return NULL;
}

/* Runs the window's binding for @trigger, as a key press would. */
static void
press_window_key (Fixture    *f,
                  const char *trigger)
{
  GtkShortcut *shortcut = find_window_shortcut (f, trigger);

  g_assert_nonnull (shortcut);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, GTK_WIDGET (f->window),
                                               gtk_shortcut_get_arguments (shortcut)));
}

/* The keys the issue lists reach the actions the other tests drive: the
 * window's by name, the timeline's by what they do. */
static void
test_key_bindings (Fixture       *f,
                   gconstpointer  data)
{
  static const struct {
    const char *trigger;
    const char *action;
  } bindings[] = {
    { "f", "win.follow" },
    { "plus", "win.zoom-in" },
    { "minus", "win.zoom-out" },
  };
  static const struct {
    const char *action;
    const char *accel;
  } accels[] = {
    { "win.open", "<Control>o" },
    { "win.reload", "<Control>r" },
    { "win.export", "<Control>e" },
    { "win.toggle-sidebar", "F9" },
    { "win.show-help-overlay", "<Control>question" },
    { "app.quit", "<Control>q" },
  };
  OvfTime start, end, time;

  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    {
      GtkShortcut *shortcut = find_window_shortcut (f, bindings[i].trigger);
      GtkShortcutAction *action = shortcut != NULL ? gtk_shortcut_get_action (shortcut) : NULL;

      g_assert_true (GTK_IS_NAMED_ACTION (action));
      g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==, bindings[i].action);
    }

  ovf_dataset_get_time_span (f->dataset, &start, &end);
  time = start + OVF_TIME_DAY;
  ovf_window_set_time (f->window, time);
  press_window_key (f, "Right");
  g_assert_cmpint (ovf_window_get_time (f->window), ==, time + OVF_TIMELINE_STEP_LARGE);
  press_window_key (f, "Left");
  g_assert_cmpint (ovf_window_get_time (f->window), ==, time);
  press_window_key (f, "<Shift>Right");
  g_assert_cmpint (ovf_window_get_time (f->window), ==, time + OVF_TIMELINE_STEP_DAY);
  press_window_key (f, "<Shift>Left");
  g_assert_cmpint (ovf_window_get_time (f->window), ==, time);
  press_window_key (f, "End");
  g_assert_cmpint (ovf_window_get_time (f->window), ==, end);
  press_window_key (f, "Page_Up");
  g_assert_true (ovf_window_get_selected_event (f->window)
                 == get_event (f->dataset, ovf_dataset_find_previous_event (f->dataset, end)));
  press_window_key (f, "Home");
  g_assert_cmpint (ovf_window_get_time (f->window), ==, start);
  press_window_key (f, "Page_Down");
  g_assert_true (ovf_window_get_selected_event (f->window)
                 == get_event (f->dataset, ovf_dataset_find_next_event (f->dataset, start)));
  press_window_key (f, "space");
  g_assert_true (ovf_timeline_get_playing (f->timeline));
  press_window_key (f, "space");
  g_assert_false (ovf_timeline_get_playing (f->timeline));

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    {
      g_auto(GStrv) set = gtk_application_get_accels_for_action (GTK_APPLICATION (app), accels[i].action);

      g_assert_true (g_strv_contains ((const char * const *) set, accels[i].accel));
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

static GtkWindow *find_toplevel (GType type);

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

static GtkWindow *
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

static void
test_dialogs (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->tmpdir, "broken.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *dialog;

  /* The located problems of a failed load, in full. */
  write_text (path, "{\n  \"format\": 3\n");
  g_assert_false (ovf_window_load_file (f->window, file));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-problems", NULL);
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (dialog), ovf_window_get_problems (f->window)[0]));
  gtk_window_destroy (dialog);

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  dialog = find_toplevel (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (dialog)), ==, PACKAGE_VERSION);
  gtk_window_destroy (dialog);

  /* Ctrl+E's action opens the export dialog for this window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.export", NULL));
  dialog = find_toplevel (OVF_TYPE_EXPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (f->window));
  /* Its size presets' drop-down has items of its own, not libadwaita's,
   * which cut them at 20 characters. (Opening it here is left to the eye:
   * GTK 4.8 can look up the pointer on the popover's surface after the
   * dialog is gone.) */
  g_assert_true (GTK_IS_SIGNAL_LIST_ITEM_FACTORY (
    adw_combo_row_get_list_factory (ADW_COMBO_ROW (ui_test_find_widget (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW)))));
  gtk_window_destroy (dialog);

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL);
  dialog = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (dialog);
  gtk_window_close (dialog);

}

/* The text of the key caps under @widget: "Ctrl + O". */
static void
collect_keycaps (GtkWidget *widget,
                 GString   *keys)
{
  if (!gtk_widget_get_visible (widget))
    return;

  if (GTK_IS_LABEL (widget) && *gtk_label_get_text (GTK_LABEL (widget)) != '\0')
    g_string_append_printf (keys, "%s%s", keys->len > 0 ? " " : "", gtk_label_get_text (GTK_LABEL (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_keycaps (child, keys);
}

/* Each item's title and the keys it shows, as the user sees them. */
static void
collect_shortcut_keys (GtkWidget  *widget,
                       GHashTable *shown)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      GtkWidget *label = ui_test_find_widget (widget, GTK_TYPE_SHORTCUT_LABEL);
      GString *keys = g_string_new (NULL);
      char *title = NULL;

      g_object_get (widget, "title", &title, NULL);
      if (label != NULL)
        collect_keycaps (label, keys);
      g_hash_table_insert (shown, title, g_string_free (keys, FALSE));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_shortcut_keys (child, shown);
}

/* Every item of the Keyboard Shortcuts window shows its keys, those of
 * the General group too, which GTK looks up from their actions. */
static void
test_shortcut_keys (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GHashTable) shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) keyless = g_string_new (NULL);
  GHashTableIter iter;
  gpointer title, keys;
  GtkWindow *overlay;

  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-help-overlay", NULL);
  overlay = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (overlay);
  collect_shortcut_keys (GTK_WIDGET (overlay), shown);

  g_hash_table_iter_init (&iter, shown);
  while (g_hash_table_iter_next (&iter, &title, &keys))
    {
      g_test_message ("%s: %s", (char *) title, (char *) keys);
      if (*(char *) keys == '\0')
        g_string_append_printf (keyless, " “%s”", (char *) title);
    }
  g_assert_cmpstr (keyless->str, ==, "");
  g_assert_cmpuint (g_hash_table_size (shown), >, 10);
  g_assert_cmpstr (g_hash_table_lookup (shown, "Open a dataset"), ==, "Ctrl + O");
  g_assert_cmpstr (g_hash_table_lookup (shown, "Show or hide the events"), ==, "F9");
  g_assert_cmpstr (g_hash_table_lookup (shown, "Quit"), ==, "Ctrl + Q");
  gtk_window_destroy (overlay);
}

/* The main and speed menus are built when first opened, with their items. */
static void
test_menus (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *header = ui_test_find_widget (GTK_WIDGET (f->window), ADW_TYPE_HEADER_BAR);
  GtkWidget *timeline = ui_test_find_widget (GTK_WIDGET (f->window), OVF_TYPE_TIMELINE);
  GtkMenuButton *buttons[] = {
    GTK_MENU_BUTTON (ui_test_find_widget (header, GTK_TYPE_MENU_BUTTON)),
    GTK_MENU_BUTTON (ui_test_find_widget (timeline, GTK_TYPE_MENU_BUTTON)),
  };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GMenuModel *menu = ovf_menu_button_get_lazy_menu (buttons[i]);
      GtkWidget *popover;

      g_assert_nonnull (menu);
      g_assert_cmpint (g_menu_model_get_n_items (menu), >, 0);
      g_assert_null (gtk_menu_button_get_popover (buttons[i]));
      g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (buttons[i])));

      gtk_menu_button_popup (buttons[i]);
      popover = GTK_WIDGET (gtk_menu_button_get_popover (buttons[i]));
      g_assert_true (GTK_IS_POPOVER_MENU (popover));
      g_assert_true (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (popover)) == menu);
      UI_TEST_SPIN_UNTIL (gtk_widget_get_mapped (popover));
      gtk_menu_button_popdown (buttons[i]);

      /* Opened again, the same popover. */
      gtk_menu_button_popup (buttons[i]);
      g_assert_true (GTK_WIDGET (gtk_menu_button_get_popover (buttons[i])) == popover);
      gtk_menu_button_popdown (buttons[i]);
    }
}

/* The map's legend, a drawing that screen readers know as "Legend". */
static gboolean
is_legend (GtkWidget     *widget,
           gconstpointer  data)
{
  g_autofree char *mismatch = NULL;

  if (!GTK_IS_DRAWING_AREA (widget))
    return FALSE;
  mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                 "Legend");
  return mismatch == NULL;
}

static GtkWidget *
find_legend (GtkWidget *widget)
{
  return ui_test_find (widget, is_legend, NULL);
}

static void
test_settings (Fixture       *f,
               gconstpointer  data)
{
  OvfWindow *second;
  GtkDropDown *dropdown;
  GVariant *state;
  int width, height;

  /* What the window changes is stored ... */
  g_object_set (f->window, "sidebar-visible", FALSE, "follow", FALSE, NULL);
  g_assert_false (g_settings_get_boolean (f->settings, "sidebar-visible"));
  g_assert_false (g_settings_get_boolean (f->settings, "follow"));
  ovf_timeline_set_speed (f->timeline, 600);
  g_assert_cmpfloat (g_settings_get_double (f->settings, "playback-speed"), ==, 600);
  /* The menu's toggles are stateful window actions, which GTK menus show
   * with a check mark. */
  state = g_action_group_get_action_state (G_ACTION_GROUP (f->window), "show-places");
  g_assert_true (g_variant_get_boolean (state));
  g_clear_pointer (&state, g_variant_unref);
  g_assert_true (gtk_widget_get_visible (find_legend (GTK_WIDGET (f->window))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-legend", NULL));
  g_assert_false (gtk_widget_get_visible (find_legend (GTK_WIDGET (f->window))));
  g_assert_false (g_settings_get_boolean (f->settings, "show-legend"));
  state = g_action_group_get_action_state (G_ACTION_GROUP (f->window), "show-legend");
  g_assert_false (g_variant_get_boolean (state));
  g_clear_pointer (&state, g_variant_unref);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1000, 700);
  gtk_window_close (GTK_WINDOW (f->window));
  g_assert_cmpint (g_settings_get_int (f->settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (f->settings, "window-height"), ==, 700);

  /* ... and a new window starts from it. */
  g_settings_set_string (f->settings, "basemap", "osm");
  second = ovf_window_new (GTK_APPLICATION (app));
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);
  g_assert_false (adw_flap_get_reveal_flap (ADW_FLAP (ui_test_find_widget (GTK_WIDGET (second), ADW_TYPE_FLAP))));
  dropdown = GTK_DROP_DOWN (ui_test_find_widget (GTK_WIDGET (second), GTK_TYPE_DROP_DOWN));
  g_assert_cmpuint (gtk_drop_down_get_selected (dropdown), ==, 1);
  g_assert_cmpfloat (ovf_timeline_get_speed (OVF_TIMELINE (ui_test_find_widget (GTK_WIDGET (second), OVF_TYPE_TIMELINE))),
                     ==, 600);
  g_assert_false (gtk_widget_get_visible (find_legend (GTK_WIDGET (second))));

  /* Choosing in the drop-down stores the choice. */
  gtk_drop_down_set_selected (dropdown, 0);
  g_assert_cmpstr (g_settings_get_string (f->settings, "basemap"), ==, "builtin");

  gtk_window_destroy (GTK_WINDOW (second));
  g_settings_reset (f->settings, "playback-speed");
  g_settings_reset (f->settings, "show-legend");
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

/* Bad values end the program before any display is opened. */
static void
test_command_line_errors (void)
{
  static const struct {
    const char *args[3];
    const char *message;
  } cases[] = {
    { { "--zoom", "42" }, "--zoom" },
    { { "--zoom", "many" }, "--zoom" },
    { { "--center", "91,10" }, "latitude" },
    { { "--center", "45,-200" }, "longitude" },
    { { "--center", "Montana" }, "LAT,LON" },
    { { "--time", "yesterday" }, "ISO 8601" },
    { { "--time", "2023-02-04T19:39:00" }, "ISO 8601" },
  };
  g_auto(GStrv) env = g_environ_unsetenv (g_environ_unsetenv (g_get_environ (), "DISPLAY"),
                                          "WAYLAND_DISPLAY");

  if (overflight_path == NULL)
    {
      g_test_skip ("the program's path is given as the first argument");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[] = { overflight_path, cases[i].args[0], cases[i].args[1], NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      int wait_status;

      g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &wait_status, &error);
      g_assert_no_error (error);
      g_assert_false (g_spawn_check_wait_status (wait_status, NULL));
      g_assert_true (WIFEXITED (wait_status));
      g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
      g_assert_nonnull (strstr (err, cases[i].message));
      g_assert_null (strstr (err, "display"));
    }
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

  first.window = g_object_ref (ovf_window_new (GTK_APPLICATION (app)));
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
  int status;

  /* English dates and the test accessibility backend, whatever the host. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  if (argc > 1)
    overflight_path = argv[1];

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
  g_test_add ("/window/keyboard-actions", Fixture, NULL, fixture_setup, test_keyboard_actions, fixture_teardown);
  g_test_add ("/window/typed-keys", Fixture, NULL, fixture_setup, test_typed_keys, fixture_teardown);
  g_test_add ("/window/key-bindings", Fixture, NULL, fixture_setup, test_key_bindings, fixture_teardown);
  g_test_add ("/window/follow", Fixture, NULL, fixture_setup, test_follow, fixture_teardown);
  g_test_add ("/window/broken-file", Fixture, NULL, fixture_setup, test_broken_file, fixture_teardown);
  g_test_add ("/window/failure-toast", Fixture, NULL, fixture_setup, test_failure_toast, fixture_teardown);
  g_test_add ("/window/open-and-reload", Fixture, NULL, fixture_setup, test_open_and_reload, fixture_teardown);
  g_test_add ("/window/drop", Fixture, NULL, fixture_setup, test_drop, fixture_teardown);
  g_test_add ("/window/open-tracks", Fixture, NULL, fixture_setup, test_open_tracks, fixture_teardown);
  g_test_add ("/window/broken-track", Fixture, NULL, fixture_setup, test_broken_track, fixture_teardown);
  g_test_add ("/window/add-tracks", Fixture, NULL, fixture_setup, test_add_tracks, fixture_teardown);
  g_test_add ("/window/untimed-track", Fixture, NULL, fixture_setup, test_untimed_track, fixture_teardown);
  g_test_add ("/window/load-progress", Fixture, NULL, fixture_setup, test_load_progress, fixture_teardown);
  g_test_add ("/window/dialogs", Fixture, NULL, fixture_setup, test_dialogs, fixture_teardown);
  g_test_add ("/window/shortcut-keys", Fixture, NULL, fixture_setup, test_shortcut_keys, fixture_teardown);
  g_test_add ("/window/menus", Fixture, NULL, fixture_setup, test_menus, fixture_teardown);
  g_test_add ("/window/settings", Fixture, NULL, fixture_setup, test_settings, fixture_teardown);
  g_test_add ("/window/renderer", Fixture, NULL, fixture_setup, test_renderer, fixture_teardown);
  g_test_add_func ("/window/command-line-view", test_command_line_view);
  g_test_add_func ("/window/command-line-errors", test_command_line_errors);

  status = g_test_run ();
  g_clear_object (&app);

  return status;
}
