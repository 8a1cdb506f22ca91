/* test-timeline.c: the timeline widget, driven in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>
#include <math.h>

#include "bench-util.h"
#include "ui-test-util.h"
#include "ovf-dataset.h"
#include "ovf-bundled.h"
#include "ovf-test-dataset.h"
#include "ovf-ui.h"
#include "ovf-timeline.h"

#define WINDOW_TITLE "Overflight timeline test"

static OvfDataset *bundled;

typedef struct
{
  GtkWindow   *window;
  OvfTimeline *timeline;
  GtkWidget   *scrubber;
  guint        n_time_notifies;
  GArray      *times;         /* every time notified, in order */
} Fixture;

static OvfTime
parse_utc (const char *text)
{
  g_autoptr(GDateTime) date = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (date);
  return g_date_time_to_unix (date) * G_USEC_PER_SEC;
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @done, failing after thirty seconds: generous,
 * because the sanitizer build on a loaded machine is slow. */
static void
spin_until (gboolean (*done) (Fixture *), Fixture *fixture)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  guint waker = g_timeout_add (50, wake_up, NULL);

  while (!done (fixture))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (waker);
}

static gboolean
is_laid_out (Fixture *fixture)
{
  return gtk_widget_get_mapped (fixture->scrubber) && gtk_widget_get_width (fixture->scrubber) > 100;
}

static gboolean
has_role (GtkWidget     *widget,
          gconstpointer  role)
{
  return gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == (GtkAccessibleRole) GPOINTER_TO_INT (role);
}

static void
on_time_notify (OvfTimeline *timeline,
                GParamSpec  *pspec,
                Fixture     *fixture)
{
  OvfTime time = ovf_timeline_get_time (timeline);

  fixture->n_time_notifies++;
  g_array_append_val (fixture->times, time);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->timeline = OVF_TIMELINE (ovf_timeline_new ());
  fixture->times = g_array_new (FALSE, FALSE, sizeof (OvfTime));
  gtk_window_set_title (fixture->window, WINDOW_TITLE);
  gtk_window_set_default_size (fixture->window, 1000, 160);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->timeline));
  ovf_timeline_set_dataset (fixture->timeline, bundled);
  fixture->scrubber = ui_test_find (GTK_WIDGET (fixture->timeline), has_role,
                                       GINT_TO_POINTER (GTK_ACCESSIBLE_ROLE_SLIDER));
  g_assert_nonnull (fixture->scrubber);
  g_signal_connect (fixture->timeline, "notify::time", G_CALLBACK (on_time_notify), fixture);

  gtk_window_present (fixture->window);
  spin_until (is_laid_out, fixture);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_array_unref (fixture->times);
  gtk_window_destroy (fixture->window);
  ui_test_spin_for (G_USEC_PER_SEC / 50);
}

static void
test_mapping (void)
{
  OvfTime start = parse_utc ("2023-01-15T00:00:00Z");
  OvfTime end = parse_utc ("2023-02-04T19:39:00Z");
  OvfTime middle = start + (end - start) / 2;

  g_assert_cmpfloat (ovf_timeline_time_to_x (start, end, 1000, start), ==, 0);
  g_assert_cmpfloat (ovf_timeline_time_to_x (start, end, 1000, end), ==, 1000);
  g_assert_cmpfloat_with_epsilon (ovf_timeline_time_to_x (start, end, 1000, middle), 500, 1e-6);
  g_assert_cmpint (ovf_timeline_x_to_time (start, end, 1000, 0), ==, start);
  g_assert_cmpint (ovf_timeline_x_to_time (start, end, 1000, 1000), ==, end);
  g_assert_cmpint (ovf_timeline_x_to_time (start, end, 1000, 500), ==, middle);
  /* Outside the drawn span the time clamps. */
  g_assert_cmpint (ovf_timeline_x_to_time (start, end, 1000, -50), ==, start);
  g_assert_cmpint (ovf_timeline_x_to_time (start, end, 1000, 1e6), ==, end);
  /* Round trips stay within a microsecond. */
  for (double x = 0; x <= 1000; x += 37.5)
    {
      OvfTime t = ovf_timeline_x_to_time (start, end, 1000, x);

      g_assert_cmpfloat_with_epsilon (ovf_timeline_time_to_x (start, end, 1000, t), x, 1e-6);
    }
  /* An empty span maps everything to its one instant. */
  g_assert_cmpint (ovf_timeline_x_to_time (start, start, 1000, 700), ==, start);
  g_assert_cmpfloat (ovf_timeline_time_to_x (start, start, 1000, start), ==, 0);
}

static void
test_format_speed (void)
{
  const struct { double speed; const char *text; } cases[] = {
    { 60, "1 min/s" }, { 600, "10 min/s" }, { 3600, "1 h/s" }, { 21600, "6 h/s" },
    { 86400, "1 day/s" }, { 172800, "2 days/s" }, { 90, "90 s/s" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = ovf_timeline_format_speed (cases[i].speed);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_time_clamps (Fixture       *fixture,
                  gconstpointer  data)
{
  OvfTime start, end;
  OvfTime inside;

  ovf_dataset_get_time_span (bundled, &start, &end);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, start);
  inside = start + (end - start) / 3;

  ovf_timeline_set_time (fixture->timeline, inside);
  g_assert_cmpint (fixture->n_time_notifies, ==, 1);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, inside);

  /* Setting the same time again is not a change. */
  ovf_timeline_set_time (fixture->timeline, inside);
  g_assert_cmpint (fixture->n_time_notifies, ==, 1);

  ovf_timeline_set_time (fixture->timeline, start - OVF_TIME_DAY);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, start);
  g_assert_cmpint (fixture->n_time_notifies, ==, 2);

  g_object_set (fixture->timeline, "time", end + 7 * OVF_TIME_DAY, NULL);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, end);
  g_assert_cmpint (fixture->n_time_notifies, ==, 3);

  /* Extreme values clamp without overflowing. */
  ovf_timeline_set_time (fixture->timeline, G_MAXINT64);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, end);
  ovf_timeline_set_time (fixture->timeline, G_MININT64 + 1);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, start);
}

/* The events after @time in the bundled dataset, found without the
 * dataset's own lookups. */
static int
expected_next (OvfTime time)
{
  GListModel *events = ovf_dataset_get_events (bundled);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(OvfEvent) event = g_list_model_get_item (events, i);

      if (ovf_event_get_time (event) > time)
        return i;
    }
  return -1;
}

static int
expected_previous (OvfTime time)
{
  GListModel *events = ovf_dataset_get_events (bundled);

  for (guint i = g_list_model_get_n_items (events); i > 0; i--)
    {
      g_autoptr(OvfEvent) event = g_list_model_get_item (events, i - 1);

      if (ovf_event_get_time (event) < time)
        return i - 1;
    }
  return -1;
}

static void
test_event_actions (Fixture       *fixture,
                    gconstpointer  data)
{
  GListModel *events = ovf_dataset_get_events (bundled);
  guint n_events = g_list_model_get_n_items (events);
  g_autoptr(OvfEvent) last = NULL;
  gboolean saw_shoot_down = FALSE;
  guint visited = 0;
  OvfTime start, end;

  g_assert_cmpuint (n_events, >, 0);
  ovf_dataset_get_time_span (bundled, &start, &end);

  /* Forward from the start through every distinct event time. */
  ovf_timeline_set_time (fixture->timeline, start);
  while (expected_next (ovf_timeline_get_time (fixture->timeline)) >= 0)
    {
      int index = expected_next (ovf_timeline_get_time (fixture->timeline));
      g_autoptr(OvfEvent) event = g_list_model_get_item (events, index);

      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.next-event", NULL));
      g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, ovf_event_get_time (event));
      g_assert_true (ovf_timeline_get_selected_event (fixture->timeline) == event);
      saw_shoot_down |= ovf_event_get_time (event) == parse_utc ("2023-02-04T19:39:00Z");
      visited++;
    }
  g_assert_cmpuint (visited, >, 0);
  g_assert_cmpuint (visited, <=, n_events);
  /* The walk stopped at the shoot-down on its way to the last event. */
  g_assert_true (saw_shoot_down);
  last = g_list_model_get_item (events, n_events - 1);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, ovf_event_get_time (last));

  /* Past the last event there is no next one. */
  ovf_timeline_set_time (fixture->timeline, end);
  gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.next-event", NULL);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, end);

  /* Backward from the end through every distinct event time. */
  visited = 0;
  while (expected_previous (ovf_timeline_get_time (fixture->timeline)) >= 0)
    {
      int index = expected_previous (ovf_timeline_get_time (fixture->timeline));
      g_autoptr(OvfEvent) event = g_list_model_get_item (events, index);

      gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.previous-event", NULL);
      g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, ovf_event_get_time (event));
      g_assert_true (ovf_timeline_get_selected_event (fixture->timeline) == event);
      visited++;
    }
  g_assert_cmpuint (visited, <=, n_events);
  g_assert_cmpint (expected_previous (ovf_timeline_get_time (fixture->timeline)), ==, -1);
}

static gboolean
stopped_playing (Fixture *fixture)
{
  return !ovf_timeline_get_playing (fixture->timeline);
}

static void
test_play (Fixture       *fixture,
           gconstpointer  data)
{
  OvfTime start, end;
  OvfTime from;

  ovf_dataset_get_time_span (bundled, &start, &end);
  from = end - 6 * OVF_TIME_HOUR;
  ovf_timeline_set_speed (fixture->timeline, 24 * 3600);
  ovf_timeline_set_time (fixture->timeline, from);
  g_array_set_size (fixture->times, 0);

  gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.play", NULL);
  g_assert_true (ovf_timeline_get_playing (fixture->timeline));
  spin_until (stopped_playing, fixture);

  /* It reached the end over several frames, always forwards, and stopped. */
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, end);
  g_assert_cmpuint (fixture->times->len, >=, 2);
  for (guint i = 0; i < fixture->times->len; i++)
    {
      OvfTime t = g_array_index (fixture->times, OvfTime, i);

      g_assert_cmpint (t, >, i == 0 ? from : g_array_index (fixture->times, OvfTime, i - 1));
      g_assert_cmpint (t, <=, end);
    }

  /* Nothing moves once stopped. */
  g_array_set_size (fixture->times, 0);
  ui_test_spin_for (G_USEC_PER_SEC / 10);
  g_assert_cmpuint (fixture->times->len, ==, 0);

  /* Play at the end starts the story over. */
  ovf_timeline_set_speed (fixture->timeline, 60);
  ovf_timeline_set_playing (fixture->timeline, TRUE);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, start);
  /* However slowly frames come (a loaded machine, a sanitizer build), the
   * clock moves on from the start, */
  UI_TEST_SPIN_UNTIL (ovf_timeline_get_time (fixture->timeline) > start);
  /* but at 1 min/s by seconds or minutes, nowhere near hours. */
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), <, start + OVF_TIME_HOUR);
  gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.play", NULL);
  g_assert_false (ovf_timeline_get_playing (fixture->timeline));
}

static void
test_speed_actions (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *widget = GTK_WIDGET (fixture->timeline);

  g_assert_cmpfloat (ovf_timeline_get_speed (fixture->timeline), ==, OVF_TIMELINE_DEFAULT_SPEED);
  gtk_widget_activate_action (widget, "timeline.faster", NULL);
  g_assert_cmpfloat (ovf_timeline_get_speed (fixture->timeline), ==, 6 * 3600);
  gtk_widget_activate_action (widget, "timeline.faster", NULL);
  g_assert_cmpfloat (ovf_timeline_get_speed (fixture->timeline), ==, 24 * 3600);
  /* The fastest preset is the limit. */
  gtk_widget_activate_action (widget, "timeline.faster", NULL);
  g_assert_cmpfloat (ovf_timeline_get_speed (fixture->timeline), ==, 24 * 3600);

  gtk_widget_activate_action (widget, "timeline.speed", "d", 600.0);
  g_assert_cmpfloat (ovf_timeline_get_speed (fixture->timeline), ==, 600);
  gtk_widget_activate_action (widget, "timeline.slower", NULL);
  g_assert_cmpfloat (ovf_timeline_get_speed (fixture->timeline), ==, 60);
  gtk_widget_activate_action (widget, "timeline.slower", NULL);
  g_assert_cmpfloat (ovf_timeline_get_speed (fixture->timeline), ==, 60);
}

/* The go-to-time popover is the one holding the entry. */
static gboolean
popover_shown (Fixture *fixture)
{
  GtkWidget *entry = ui_test_find_widget (GTK_WIDGET (fixture->timeline), GTK_TYPE_ENTRY);

  g_assert_nonnull (entry);
  return gtk_widget_get_mapped (gtk_widget_get_ancestor (entry, GTK_TYPE_POPOVER));
}

static gboolean
popover_hidden (Fixture *fixture)
{
  return !popover_shown (fixture);
}

static gboolean
is_error_label (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error");
}

static void
test_go_to_time (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *timeline = GTK_WIDGET (fixture->timeline);
  g_autoptr(GError) error = NULL;
  GtkWidget *entry;
  GtkWidget *error_label;
  OvfTime before;

  g_assert_true (ovf_timeline_go_to_text (fixture->timeline, "2023-02-01T11:00-07:00", &error));
  g_assert_no_error (error);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, parse_utc ("2023-02-01T18:00:00Z"));

  g_assert_false (ovf_timeline_go_to_text (fixture->timeline, "1999-01-01 00:00", &error));
  g_assert_error (error, OVF_TIMELINE_ERROR, OVF_TIMELINE_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, parse_utc ("2023-02-01T18:00:00Z"));

  /* Through the popover, as a user would. */
  g_assert_true (gtk_widget_activate_action (timeline, "timeline.go-to-time", NULL));
  spin_until (popover_shown, fixture);
  entry = ui_test_find_widget (timeline, GTK_TYPE_ENTRY);
  error_label = ui_test_find (timeline, is_error_label, NULL);
  g_assert_nonnull (entry);
  g_assert_nonnull (error_label);
  /* It offers the current time to edit. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "2023-02-01 18:00");
  g_assert_false (gtk_widget_get_visible (error_label));

  before = ovf_timeline_get_time (fixture->timeline);
  gtk_editable_set_text (GTK_EDITABLE (entry), "next tuesday");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "next tuesday"));
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_true (popover_shown (fixture));
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, before);

  /* Typing again clears the error. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "2023-01-31 18:00");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, parse_utc ("2023-01-31T18:00:00Z"));
  spin_until (popover_hidden, fixture);
}

/* Runs the scrubber's binding for a key, the way a key press would. */
static void
press_key (Fixture         *fixture,
           guint            keyval,
           GdkModifierType  modifiers)
{
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, modifiers);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (fixture->scrubber);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           fixture->scrubber,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }

  g_assert_not_reached ();
}

static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  OvfTime start, end;
  OvfTime middle;

  g_assert_true (gtk_widget_get_focusable (fixture->scrubber));
  ovf_dataset_get_time_span (bundled, &start, &end);
  middle = start + (end - start) / 2;
  ovf_timeline_set_time (fixture->timeline, middle);

  press_key (fixture, GDK_KEY_Right, 0);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, middle + 10 * OVF_TIME_MINUTE);
  press_key (fixture, GDK_KEY_Left, 0);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, middle);
  press_key (fixture, GDK_KEY_Right, GDK_SHIFT_MASK);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, middle + OVF_TIME_HOUR);
  press_key (fixture, GDK_KEY_Left, GDK_SHIFT_MASK);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, middle);
  press_key (fixture, GDK_KEY_Right, GDK_CONTROL_MASK);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, middle + OVF_TIME_DAY);
  press_key (fixture, GDK_KEY_Left, GDK_CONTROL_MASK);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, middle);

  press_key (fixture, GDK_KEY_End, 0);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, end);
  /* Stepping past the end stays at the end. */
  press_key (fixture, GDK_KEY_Right, 0);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, end);
  press_key (fixture, GDK_KEY_Home, 0);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, start);

  press_key (fixture, GDK_KEY_Page_Down, 0);
  if (expected_next (start) >= 0)
    {
      g_autoptr(OvfEvent) event = g_list_model_get_item (ovf_dataset_get_events (bundled),
                                                         expected_next (start));

      g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, ovf_event_get_time (event));
    }

  press_key (fixture, GDK_KEY_space, 0);
  g_assert_true (ovf_timeline_get_playing (fixture->timeline));
  press_key (fixture, GDK_KEY_space, 0);
  g_assert_false (ovf_timeline_get_playing (fixture->timeline));
}

static gboolean
check_labels (GtkWidget     *widget,
              gconstpointer  data)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  /* A menu button's inner toggle is named through the menu button, and
   * GTK names the items of menus it builds from a model. */
  if (GTK_IS_MENU_BUTTON (parent) || gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER_MENU) != NULL)
    return FALSE;

  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) || GTK_IS_ENTRY (widget)
      || GTK_IS_RANGE (widget))
    {
      if (gtk_widget_get_tooltip_text (widget) == NULL
          && !gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL)
          && (!GTK_IS_BUTTON (widget) || gtk_button_get_label (GTK_BUTTON (widget)) == NULL))
        {
          g_test_message ("%s has no accessible name", G_OBJECT_TYPE_NAME (widget));
          return TRUE;
        }
    }

  return FALSE;
}

static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  OvfTime start, end;

  ovf_dataset_get_time_span (bundled, &start, &end);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (fixture->scrubber), GTK_ACCESSIBLE_ROLE_SLIDER);
  g_assert_true (gtk_test_accessible_has_property (GTK_ACCESSIBLE (fixture->scrubber),
                                                   GTK_ACCESSIBLE_PROPERTY_LABEL));

  ovf_timeline_set_time (fixture->timeline, parse_utc ("2023-02-04T19:39:00Z"));
  gtk_test_accessible_assert_property (fixture->scrubber, GTK_ACCESSIBLE_PROPERTY_VALUE_MIN,
                                       (double) start / G_USEC_PER_SEC);
  gtk_test_accessible_assert_property (fixture->scrubber, GTK_ACCESSIBLE_PROPERTY_VALUE_MAX,
                                       (double) end / G_USEC_PER_SEC);
  gtk_test_accessible_assert_property (fixture->scrubber, GTK_ACCESSIBLE_PROPERTY_VALUE_NOW,
                                       (double) parse_utc ("2023-02-04T19:39:00Z") / G_USEC_PER_SEC);
  gtk_test_accessible_assert_property (fixture->scrubber, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                       "4 February 2023, 19:39 UTC");

  /* With a zone, the local time follows, with its abbreviation. */
  ovf_timeline_set_timezone (fixture->timeline, "America/New_York");
  gtk_test_accessible_assert_property (fixture->scrubber, GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT,
                                       "4 February 2023, 19:39 UTC (4 February, 14:39 EST)");

  g_assert_null (ui_test_find (GTK_WIDGET (fixture->timeline), check_labels, NULL));
}

static gboolean
is_time_label (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), "UTC") != NULL;
}

static void
test_clock_label (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *label;

  ovf_timeline_set_time (fixture->timeline, parse_utc ("2023-02-04T19:39:00Z"));
  label = ui_test_find (GTK_WIDGET (fixture->timeline), is_time_label, NULL);
  g_assert_nonnull (label);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "4 Feb 2023 19:39 UTC");

  ovf_timeline_set_timezone (fixture->timeline, "America/New_York");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "4 Feb 2023 19:39 UTC · 14:39 EST");

  /* Across midnight the local date is shown too. */
  ovf_timeline_set_time (fixture->timeline, parse_utc ("2023-02-01T03:00:00Z"));
  ovf_timeline_set_timezone (fixture->timeline, "America/Denver");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "1 Feb 2023 03:00 UTC · 31 Jan 20:00 MST");

  /* An unknown zone shows UTC alone rather than a wrong local time. */
  ovf_timeline_set_timezone (fixture->timeline, "Mars/Olympus_Mons");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "1 Feb 2023 03:00 UTC");
  ovf_timeline_set_timezone (fixture->timeline, NULL);
  g_assert_null (ovf_timeline_get_timezone (fixture->timeline));
}

/* Real pointer input: xdotool clicks through the X server, so the events
 * take the same path as a user's. */
static gboolean
xdotool (const char *format,
         ...)
{
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  va_list args;

  va_start (args, format);
  command = g_strdup_vprintf (format, args);
  va_end (args);

  g_test_message ("%s", command);
  if (!g_spawn_command_line_sync (command, NULL, NULL, &status, &error))
    g_error ("%s: %s", command, error->message);
  return g_spawn_check_wait_status (status, NULL);
}

typedef struct
{
  char *window_id;
  double origin_x;   /* the scrubber's origin in the X window */
  double origin_y;
} ClickTarget;

static char *
xdotool_output (const char *command)
{
  g_autofree char *output = NULL;
  int status;

  g_assert_true (g_spawn_command_line_sync (command, &output, NULL, &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_strstrip (g_steal_pointer (&output));
}

/* Finds our window and puts it at the bottom of the screen, on top, where
 * the 1280×800 windows other tests may show at the same time do not reach.
 * Returns a reason to skip, or NULL. */
static const char *
find_click_target (Fixture     *fixture,
                   ClickTarget *target)
{
  g_autofree char *geometry = NULL;
  graphene_point_t origin;
  double surface_x, surface_y;
  int screen_width = 0, screen_height = 0;
  int window_y;

  if (g_find_program_in_path ("xdotool") == NULL)
    return "xdotool is not installed";

  geometry = xdotool_output ("xdotool getdisplaygeometry");
  if (sscanf (geometry, "%d %d", &screen_width, &screen_height) != 2)
    g_error ("xdotool getdisplaygeometry said “%s”", geometry);
  window_y = screen_height - gtk_widget_get_height (GTK_WIDGET (fixture->window)) - 10;
  if (screen_width < gtk_widget_get_width (GTK_WIDGET (fixture->window)) || window_y < 810)
    return "the virtual screen is too small; use -screen 0 1600x1000x24";

  target->window_id = xdotool_output ("xdotool search --sync --limit 1 --name '" WINDOW_TITLE "'");
  g_assert_true (xdotool ("xdotool windowmove --sync %s 0 %d", target->window_id, window_y));
  g_assert_true (xdotool ("xdotool windowraise %s", target->window_id));

  g_assert_true (gtk_widget_compute_point (fixture->scrubber, GTK_WIDGET (fixture->window),
                                           &GRAPHENE_POINT_INIT (0, 0), &origin));
  gtk_native_get_surface_transform (GTK_NATIVE (fixture->window), &surface_x, &surface_y);
  target->origin_x = origin.x + surface_x;
  target->origin_y = origin.y + surface_y;
  return NULL;
}

static void
click (ClickTarget *target,
       int          x,
       int          y)
{
  g_assert_true (xdotool ("xdotool mousemove --window %s %d %d click 1", target->window_id,
                          (int) target->origin_x + x, (int) target->origin_y + y));
}

static OvfEvent *activated;

static void
on_event_activated (OvfTimeline *timeline,
                    OvfEvent    *event,
                    gpointer     data)
{
  g_set_object (&activated, event);
}

static gboolean
time_changed (Fixture *fixture)
{
  return fixture->n_time_notifies > 0;
}

/* An event whose tick has no neighbour within @clearance pixels. */
static OvfEvent *
isolated_event (Fixture *fixture,
                double   width,
                double   clearance)
{
  GListModel *events = ovf_dataset_get_events (bundled);
  guint n = g_list_model_get_n_items (events);
  OvfTime start, end;

  ovf_dataset_get_time_span (bundled, &start, &end);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OvfEvent) event = g_list_model_get_item (events, i);
      double x = ovf_timeline_time_to_x (start, end, width, ovf_event_get_time (event));
      gboolean alone = TRUE;

      for (guint j = 0; j < n && alone; j++)
        {
          g_autoptr(OvfEvent) other = g_list_model_get_item (events, j);

          alone = i == j || fabs (ovf_timeline_time_to_x (start, end, width, ovf_event_get_time (other)) - x) > clearance;
        }
      if (alone)
        return g_steal_pointer (&event);
    }

  return NULL;
}

static void
test_click (Fixture       *fixture,
            gconstpointer  data)
{
  double inset = OVF_TIMELINE_SCRUBBER_INSET;
  double width = gtk_widget_get_width (fixture->scrubber) - 2 * inset;
  int height = gtk_widget_get_height (fixture->scrubber);
  ClickTarget target = { 0 };
  g_autoptr(OvfEvent) event = NULL;
  const char *skip_reason;
  OvfTime start, end, expected;
  double x;

  skip_reason = find_click_target (fixture, &target);
  if (skip_reason != NULL)
    {
      g_test_skip (skip_reason);
      return;
    }

  ovf_dataset_get_time_span (bundled, &start, &end);
  g_signal_connect (fixture->timeline, "event-activated", G_CALLBACK (on_event_activated), NULL);

  /* A click above the event ticks moves the time to that x. */
  x = round (inset + ovf_timeline_time_to_x (start, end, width, parse_utc ("2023-02-01T18:00:00Z")));
  expected = ovf_timeline_x_to_time (start, end, width, x - inset);
  fixture->n_time_notifies = 0;
  click (&target, x, height / 3);
  spin_until (time_changed, fixture);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, expected);
  g_assert_null (activated);
  g_assert_true (gtk_window_get_focus (fixture->window) == fixture->scrubber);

  /* The wheel zooms in around the pointer: the time under it stays, and
   * 100 px now cover a quarter less time (one step is 1.25×). */
  {
    double pixel = (double) (end - start) / width;
    OvfTime anchor = expected;
    OvfTime further;

    g_assert_true (xdotool ("xdotool mousemove --window %s %d %d click 4", target.window_id,
                            (int) target.origin_x + (int) x, (int) target.origin_y + height / 3));
    /* Let the scroll land, and keep the next press out of the
     * double-click window of the previous one. */
    ui_test_spin_for (600 * 1000);
    fixture->n_time_notifies = 0;
    click (&target, x + 100, height / 3);
    spin_until (time_changed, fixture);
    further = ovf_timeline_get_time (fixture->timeline);
    g_assert_cmpfloat (fabs ((further - anchor) - 100 * pixel / 1.25), <, 2 * pixel);

    fixture->n_time_notifies = 0;
    click (&target, x, height / 3);
    spin_until (time_changed, fixture);
    g_assert_cmpfloat (fabs ((double) (ovf_timeline_get_time (fixture->timeline) - anchor)), <, 2 * pixel);

    gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.zoom-reset", NULL);
  }

  /* A click on an event's tick selects it, moves to it and says so. */
  event = isolated_event (fixture, width, 3 * 5);
  g_assert_nonnull (event);
  x = round (inset + ovf_timeline_time_to_x (start, end, width, ovf_event_get_time (event)));
  fixture->n_time_notifies = 0;
  click (&target, x, height - 5);
  spin_until (time_changed, fixture);
  g_assert_true (activated == event);
  g_assert_true (ovf_timeline_get_selected_event (fixture->timeline) == event);
  g_assert_cmpint (ovf_timeline_get_time (fixture->timeline), ==, ovf_event_get_time (event));

  g_clear_object (&activated);
  g_free (target.window_id);
}

static void
test_no_dataset (void)
{
  GtkWidget *window = gtk_window_new ();
  OvfTimeline *timeline = OVF_TIMELINE (ovf_timeline_new ());

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (timeline));
  gtk_window_present (GTK_WINDOW (window));
  ui_test_spin_for (G_USEC_PER_SEC / 10);

  /* Without a dataset nothing plays and nothing crashes. */
  ovf_timeline_set_playing (timeline, TRUE);
  g_assert_false (ovf_timeline_get_playing (timeline));
  gtk_widget_activate_action (GTK_WIDGET (timeline), "timeline.next-event", NULL);
  g_assert_null (ovf_timeline_get_selected_event (timeline));
  g_assert_false (ovf_timeline_go_to_text (timeline, "2023-02-04 19:39", NULL));

  /* Loading starts at the beginning; unloading stops playback. */
  ovf_timeline_set_dataset (timeline, bundled);
  ovf_timeline_set_playing (timeline, TRUE);
  g_assert_true (ovf_timeline_get_playing (timeline));
  ovf_timeline_set_dataset (timeline, NULL);
  g_assert_false (ovf_timeline_get_playing (timeline));
  g_assert_null (ovf_timeline_get_selected_event (timeline));

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  double draw_ms;       /* the widget's drawing, recorded into render nodes */
  double render_ms;     /* those nodes turned into pixels and read back */
  double baseline_ms;   /* the same for a plain rectangle: the readback alone */
} FrameCost;

static double
render_ms (GskRenderer   *renderer,
           GskRenderNode *node,
           double         width,
           double         height)
{
  gint64 begin = g_get_monotonic_time ();
  GdkTexture *texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  double ms = (g_get_monotonic_time () - begin) / 1000.0;

  g_object_unref (texture);
  return ms;
}

/* One frame of the scrubber as playback makes it: redraw after a time
 * change, then render with the window's renderer. */
static FrameCost
measure_frame (Fixture     *fixture,
               GskRenderer *renderer)
{
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderNode) plain = NULL;
  double width = gtk_widget_get_width (fixture->scrubber);
  double height = gtk_widget_get_height (fixture->scrubber);
  gint64 begin = g_get_monotonic_time ();
  FrameCost cost;

  gtk_widget_snapshot_child (gtk_widget_get_parent (fixture->scrubber), fixture->scrubber, snapshot);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  cost.draw_ms = (g_get_monotonic_time () - begin) / 1000.0;
  g_assert_nonnull (node);

  cost.render_ms = render_ms (renderer, node, width, height);
  plain = gsk_color_node_new (&(GdkRGBA) { 0.5, 0.5, 0.5, 1 }, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cost.baseline_ms = render_ms (renderer, plain, width, height);
  return cost;
}

static void
bench_dataset (Fixture    *fixture,
               OvfDataset *dataset,
               const char *label)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (fixture->window));
  g_autoptr(GArray) draw = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) render = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) baseline = g_array_new (FALSE, FALSE, sizeof (double));
  OvfTime start, end;
  FrameCost first;

  ovf_dataset_get_time_span (dataset, &start, &end);
  ovf_timeline_set_dataset (fixture->timeline, NULL);
  ovf_timeline_set_dataset (fixture->timeline, dataset);
  /* The first frame after loading also builds the altitude profile. */
  first = measure_frame (fixture, renderer);

  for (guint i = 0; i < 300; i++)
    {
      FrameCost cost;

      ovf_timeline_set_time (fixture->timeline, start + (end - start) / 300 * i);
      cost = measure_frame (fixture, renderer);
      g_array_append_val (draw, cost.draw_ms);
      g_array_append_val (render, cost.render_ms);
      g_array_append_val (baseline, cost.baseline_ms);
    }

  g_print ("timeline, %s, %dx%d px (%s):\n"
           "  first frame: draw %.2f ms (with the altitude profile)\n"
           "  per frame: draw p50 %.2f ms, p95 %.2f ms; render+readback p50 %.2f ms, p95 %.2f ms"
           " (readback of a plain rectangle alone: p50 %.2f ms)\n",
           label, gtk_widget_get_width (fixture->scrubber), gtk_widget_get_height (fixture->scrubber),
           G_OBJECT_TYPE_NAME (renderer), first.draw_ms,
           ovf_bench_percentile (draw, 0.5), ovf_bench_percentile (draw, 0.95),
           ovf_bench_percentile (render, 0.5), ovf_bench_percentile (render, 0.95), ovf_bench_percentile (baseline, 0.5));
}

/* Run only as a benchmark (-m perf); figures go to standard output. */
static void
test_perf (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(OvfDataset) million = ovf_test_flight_dataset (1000000);

  gtk_window_set_default_size (fixture->window, 1280, 160);
  ui_test_spin_for (G_USEC_PER_SEC / 5);
  bench_dataset (fixture, bundled, "bundled dataset");
  bench_dataset (fixture, million, "1,000,000-point track");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  const char *languages[] = { "en", NULL };
  int status;

  /* English dates and the test accessibility backend, whatever the host. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  ovf_ui_register_resources ();

  file = ovf_bundled_dataset_file ();
  bundled = ovf_dataset_load_from_file (file, languages, NULL, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/timeline/mapping", test_mapping);
  g_test_add_func ("/timeline/format-speed", test_format_speed);
  g_test_add_func ("/timeline/no-dataset", test_no_dataset);
  g_test_add ("/timeline/time-clamps", Fixture, NULL, fixture_setup, test_time_clamps, fixture_teardown);
  g_test_add ("/timeline/event-actions", Fixture, NULL, fixture_setup, test_event_actions, fixture_teardown);
  g_test_add ("/timeline/play", Fixture, NULL, fixture_setup, test_play, fixture_teardown);
  g_test_add ("/timeline/speed-actions", Fixture, NULL, fixture_setup, test_speed_actions, fixture_teardown);
  g_test_add ("/timeline/go-to-time", Fixture, NULL, fixture_setup, test_go_to_time, fixture_teardown);
  g_test_add ("/timeline/keyboard", Fixture, NULL, fixture_setup, test_keyboard, fixture_teardown);
  g_test_add ("/timeline/accessible", Fixture, NULL, fixture_setup, test_accessible, fixture_teardown);
  g_test_add ("/timeline/clock-label", Fixture, NULL, fixture_setup, test_clock_label, fixture_teardown);
  g_test_add ("/timeline/click", Fixture, NULL, fixture_setup, test_click, fixture_teardown);

  if (g_test_perf ())
    g_test_add ("/timeline/perf", Fixture, NULL, fixture_setup, test_perf, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&bundled);
  return status;
}
