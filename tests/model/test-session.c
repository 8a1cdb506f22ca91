/* test-session.c: the one state the views of a window observe.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ovf-session.h"

static const char * const english[] = { "en", NULL };

static OvfDataset *
load_small (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "model", "valid", "small.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  OvfDataset *dataset = ovf_dataset_load_from_file (file, english, NULL, NULL, &error);

  g_assert_no_error (error);
  return dataset;
}

static OvfTime
parse (const char *iso)
{
  OvfTime time;

  g_assert_true (ovf_time_parse_iso8601 (iso, &time));
  return time;
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GString *log = user_data;

  g_string_append_printf (log, "%s;", pspec->name);
}

/* The clock stays within the dataset's span, and the current event is the
 * latest at or before it. */
static void
test_clock (void)
{
  g_autoptr(OvfSession) session = ovf_session_new ();
  g_autoptr(OvfDataset) dataset = load_small ();
  OvfTime start, end;

  ovf_session_set_dataset (session, dataset);
  ovf_session_get_time_span (session, &start, &end);
  g_assert_cmpint (start, ==, parse ("2023-01-28T00:00:00Z"));
  g_assert_cmpint (ovf_session_get_time (session), ==, start);

  ovf_session_set_time (session, end + OVF_TIME_DAY);
  g_assert_cmpint (ovf_session_get_time (session), ==, end);
  ovf_session_set_time (session, start - OVF_TIME_DAY);
  g_assert_cmpint (ovf_session_get_time (session), ==, start);

  g_assert_cmpstr (ovf_event_get_id (ovf_session_get_current_event (session)), ==, "e-a");
  ovf_session_set_time (session, parse ("2023-02-04T19:38:59Z"));
  g_assert_cmpstr (ovf_event_get_id (ovf_session_get_current_event (session)), !=, "e-late");
  ovf_session_set_time (session, parse ("2023-02-04T19:39:00Z"));
  g_assert_cmpstr (ovf_event_get_id (ovf_session_get_current_event (session)), ==, "e-late");
}

/* Selecting an event moves the clock to it first, so a view that shows the
 * selection shows it at its moment; each change is notified once. */
static void
test_selection (void)
{
  g_autoptr(OvfSession) session = ovf_session_new ();
  g_autoptr(OvfDataset) dataset = load_small ();
  g_autoptr(GString) log = g_string_new ("");
  OvfEvent *late = ovf_dataset_get_event (dataset, "e-late");

  ovf_session_set_dataset (session, dataset);
  g_signal_connect (session, "notify", G_CALLBACK (count_notify), log);

  ovf_session_select_event (session, late);
  g_assert_true (ovf_session_get_selected_event (session) == late);
  g_assert_cmpint (ovf_session_get_time (session), ==, ovf_event_get_time (late));
  g_assert_cmpstr (log->str, ==, "time;current-event;selected-event;");

  g_string_truncate (log, 0);
  ovf_session_select_event (session, late);
  ovf_session_set_time (session, ovf_event_get_time (late));
  g_assert_cmpstr (log->str, ==, "");

  /* Moving the clock keeps the selection: the list still shows it. */
  ovf_session_set_time (session, parse ("2023-01-29T00:00:00Z"));
  g_assert_true (ovf_session_get_selected_event (session) == late);
}

/* A new dataset clears the selection, shows every track, follows the main
 * one and keeps the clock where the new span allows (a reload keeps its
 * moment). */
static void
test_new_dataset (void)
{
  g_autoptr(OvfSession) session = ovf_session_new ();
  g_autoptr(OvfDataset) first = load_small ();
  g_autoptr(OvfDataset) reloaded = load_small ();
  OvfTrack *fighter = ovf_dataset_get_track (first, "fighter");
  OvfTime moment = parse ("2023-02-01T12:00:00Z");
  guint visibility_changes = 0;

  ovf_session_set_dataset (session, first);
  g_assert_true (ovf_session_get_followed_track (session) == ovf_dataset_get_track (first, "balloon"));
  g_signal_connect_swapped (session, "track-visibility-changed", G_CALLBACK (g_atomic_int_inc),
                            &visibility_changes);
  ovf_session_set_track_visible (session, fighter, FALSE);
  ovf_session_set_track_visible (session, fighter, FALSE);
  g_assert_false (ovf_session_get_track_visible (session, fighter));
  g_assert_cmpuint (visibility_changes, ==, 1);
  ovf_session_select_event (session, ovf_dataset_get_event (first, "e-c"));
  ovf_session_set_time (session, moment);

  ovf_session_set_dataset (session, reloaded);
  g_assert_null (ovf_session_get_selected_event (session));
  g_assert_cmpint (ovf_session_get_time (session), ==, moment);
  g_assert_true (ovf_session_get_followed_track (session) == ovf_dataset_get_track (reloaded, "balloon"));
  g_assert_true (ovf_session_get_track_visible (session, ovf_dataset_get_track (reloaded, "fighter")));
  g_assert_true (ovf_session_get_current_event (session) == ovf_dataset_get_event (reloaded, "e-c"));

  ovf_session_set_dataset (session, NULL);
  g_assert_null (ovf_session_get_current_event (session));
  g_assert_null (ovf_session_get_followed_track (session));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/session/clock", test_clock);
  g_test_add_func ("/session/selection", test_selection);
  g_test_add_func ("/session/new-dataset", test_new_dataset);

  return g_test_run ();
}
