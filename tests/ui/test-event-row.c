/* test-event-row.c: one event in the sidebar's list, alone and in the list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>

#include "ui-test-util.h"
#include "ovf-event-format.h"
#include "ovf-event-list.h"
#include "ovf-event-row.h"
#include "ovf-ui.h"

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

static GtkImage *
find_icon (GtkWidget *row)
{
  GtkWidget *icon = ui_test_find_widget (row, GTK_TYPE_IMAGE);

  g_assert_nonnull (icon);
  return GTK_IMAGE (icon);
}

/* The title, the time and category line, and the icon in the category's
 * colour class. */
static void
test_fields (void)
{
  g_autoptr(OvfDataset) dataset = load_small ();
  OvfEvent *event = ovf_dataset_get_event (dataset, "e-b");
  GtkWidget *row = g_object_ref_sink (ovf_event_row_new ());
  GtkImage *icon = find_icon (row);

  ovf_event_row_set_event (OVF_EVENT_ROW (row), event, FALSE);
  g_assert_true (ovf_event_row_get_event (OVF_EVENT_ROW (row)) == event);
  g_assert_nonnull (ui_test_find_label (row, "Second"));
  g_assert_nonnull (ui_test_find_label (row, "12:00 UTC · Sighting · Confirmed"));
  g_assert_cmpstr (gtk_image_get_icon_name (icon), ==, ovf_category_get_icon_name (OVF_CATEGORY_SIGHTING));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (icon), "category-sighting"));

  /* A recycled row takes the next event's category, and only that. */
  ovf_event_row_set_event (OVF_EVENT_ROW (row), ovf_dataset_get_event (dataset, "e-late"), FALSE);
  g_assert_nonnull (ui_test_find_label (row, "Shot down"));
  g_assert_nonnull (ui_test_find_label (row, "19:39 UTC · Military · Confirmed"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (icon), "category-military"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (icon), "category-sighting"));

  ovf_event_row_set_event (OVF_EVENT_ROW (row), NULL, FALSE);
  g_assert_null (ovf_event_row_get_event (OVF_EVENT_ROW (row)));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (icon), "category-military"));

  g_object_unref (row);
}

/* Only the first row of a day carries the day's heading. */
static void
test_day_heading (void)
{
  g_autoptr(OvfDataset) dataset = load_small ();
  GtkWidget *row = g_object_ref_sink (ovf_event_row_new ());
  const char *day = "Wednesday, 1 February 2023";

  ovf_event_row_set_event (OVF_EVENT_ROW (row), ovf_dataset_get_event (dataset, "e-b"), TRUE);
  g_assert_nonnull (ui_test_find_label (row, day));
  ovf_event_row_set_event (OVF_EVENT_ROW (row), ovf_dataset_get_event (dataset, "e-c"), FALSE);
  g_assert_null (ui_test_find_label (row, day));
  g_assert_nonnull (ui_test_find_label (row, "Third"));

  g_object_unref (row);
}

/* A screen reader hears one sentence, not four fragments. */
static void
test_accessible_name (void)
{
  g_autoptr(OvfDataset) dataset = load_small ();
  GtkWidget *row = g_object_ref_sink (ovf_event_row_new ());

  ovf_event_row_set_event (OVF_EVENT_ROW (row), ovf_dataset_get_event (dataset, "e-a"), TRUE);
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_ROLE_GROUP);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Saturday, 28 January 2023, 00:00 UTC, Detection, Reported: Detected");

  g_object_unref (row);
}

static void
test_current (void)
{
  g_autoptr(OvfDataset) dataset = load_small ();
  GtkWidget *row = g_object_ref_sink (ovf_event_row_new ());

  ovf_event_row_set_event (OVF_EVENT_ROW (row), ovf_dataset_get_event (dataset, "e-a"), TRUE);
  g_assert_false (gtk_widget_has_css_class (row, "current"));
  ovf_event_row_set_current (OVF_EVENT_ROW (row), TRUE);
  g_assert_true (gtk_widget_has_css_class (row, "current"));
  ovf_event_row_set_current (OVF_EVENT_ROW (row), FALSE);
  g_assert_false (gtk_widget_has_css_class (row, "current"));

  g_object_unref (row);
}

static gboolean
is_row_of (GtkWidget     *widget,
           gconstpointer  data)
{
  return OVF_IS_EVENT_ROW (widget) && ovf_event_row_get_event (OVF_EVENT_ROW (widget)) == data;
}

static GtkWidget *
find_row (GtkWidget *list,
          OvfEvent  *event)
{
  return ui_test_find (list, is_row_of, event);
}

/* In the list, a row shows the session's current and selected events:
 * the current one marked, the selected one's list item selected and
 * named as the row is. */
static void
test_in_list (void)
{
  g_autoptr(OvfDataset) dataset = load_small ();
  g_autoptr(OvfSession) session = ovf_session_new ();
  OvfEvent *selected = ovf_dataset_get_event (dataset, "e-c");
  OvfEvent *current = ovf_dataset_get_event (dataset, "e-a");
  GtkWidget *window = gtk_window_new ();
  GtkWidget *list = ovf_event_list_new ();
  GtkWidget *row;

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 600);
  gtk_window_set_child (GTK_WINDOW (window), list);
  ovf_session_set_dataset (session, dataset);
  ovf_event_list_set_session (OVF_EVENT_LIST (list), session);
  gtk_window_present (GTK_WINDOW (window));
  UI_TEST_SPIN_UNTIL (find_row (list, current) != NULL);

  row = find_row (list, current);
  g_assert_true (gtk_widget_has_css_class (row, "current"));
  g_assert_false (gtk_widget_get_state_flags (gtk_widget_get_parent (row)) & GTK_STATE_FLAG_SELECTED);

  ovf_session_select_event (session, selected);
  UI_TEST_SPIN_UNTIL (find_row (list, selected) != NULL);
  row = find_row (list, selected);
  g_assert_true (gtk_widget_get_state_flags (gtk_widget_get_parent (row)) & GTK_STATE_FLAG_SELECTED);
  /* Selecting moved the clock to the event, so it is the current one now. */
  g_assert_true (gtk_widget_has_css_class (row, "current"));
  g_assert_false (gtk_widget_has_css_class (find_row (list, current), "current"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (gtk_widget_get_parent (row)),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Wednesday, 1 February 2023, 12:00 UTC, Statement, Unconfirmed: Third");

  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_spin_for (50 * 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  setlocale (LC_ALL, "C.UTF-8");
  adw_init ();
  ovf_ui_register_resources ();

  g_test_add_func ("/event-row/fields", test_fields);
  g_test_add_func ("/event-row/day-heading", test_day_heading);
  g_test_add_func ("/event-row/accessible-name", test_accessible_name);
  g_test_add_func ("/event-row/current", test_current);
  g_test_add_func ("/event-row/in-list", test_in_list);

  return g_test_run ();
}
