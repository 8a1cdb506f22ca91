/* test-event-detail.c: the sidebar's pane for one event, on its own and
 * following a session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <locale.h>
#include <string.h>

#include "ui-test-util.h"
#include "ovf-event-detail.h"
#include "ovf-ui.h"

static const char * const english[] = { "en", NULL };

/* The minimal dataset, with one event whose source's strings are markup. */
static const char markup_source[] =
  "{\"format\": \"overflight-dataset\", \"version\": 1, \"title\": \"T\", \"description\": \"D\","
  " \"license\": \"CC0-1.0\", \"updated\": \"2026-11-25\", \"credits\": [\"C\"],"
  " \"tracks\": [{\"id\": \"balloon\", \"name\": \"B\", \"points\": ["
  "   {\"time\": \"2023-01-28T00:00:00Z\", \"lat\": 50, \"lon\": 179.5, \"kind\": \"estimated\"},"
  "   {\"time\": \"2023-01-28T06:00:00Z\", \"lat\": 51, \"lon\": -179.5, \"kind\": \"estimated\"}]}],"
  " \"events\": [{\"id\": \"e1\", \"time\": \"2023-01-28T03:00:00Z\", \"title\": \"E\", \"description\": \"D\","
  "   \"category\": \"military\", \"confidence\": \"confirmed\","
  "   \"sources\": [{\"publisher\": \"<i>P</i> & Co\", \"title\": \"<b>Bold</b>\","
  "                  \"url\": \"https://example.org/?a=1&b=\\\"2\\\"\"}]}],"
  " \"places\": [], \"areas\": []}";

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

static const char *
visible_page (GtkWidget *detail)
{
  GtkWidget *stack = ui_test_find_widget (detail, GTK_TYPE_STACK);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static GtkWidget *
show_on_map_button (GtkWidget *detail)
{
  GtkWidget *button = ui_test_find_widget (detail, GTK_TYPE_BUTTON);

  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.show-selected-event");
  return button;
}

static gboolean
is_link_to (GtkWidget     *widget,
            gconstpointer  url)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), url) == 0;
}

static GtkLabel *
find_link (GtkWidget  *detail,
           const char *url)
{
  return GTK_LABEL (ui_test_find (detail, is_link_to, url));
}

static gboolean
is_any_link (GtkWidget     *widget,
             gconstpointer  data)
{
  const char *tooltip = GTK_IS_LABEL (widget) ? gtk_widget_get_tooltip_text (widget) : NULL;

  return tooltip != NULL && g_str_has_prefix (tooltip, "http");
}

static guint
count_links (GtkWidget *widget)
{
  guint n = is_any_link (widget, NULL) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_links (child);
  return n;
}

static void
test_empty (void)
{
  GtkWidget *detail = g_object_ref_sink (ovf_event_detail_new ());

  g_assert_null (ovf_event_detail_get_event (OVF_EVENT_DETAIL (detail)));
  g_assert_cmpstr (visible_page (detail), ==, "empty");

  g_object_unref (detail);
}

/* An event with a place and a zone: every field shows. */
static void
test_fields (void)
{
  g_autoptr(OvfDataset) dataset = load_small ();
  OvfTrack *balloon = ovf_dataset_get_main_track (dataset);
  GtkWidget *detail = g_object_ref_sink (ovf_event_detail_new ());

  ovf_event_detail_set_event (OVF_EVENT_DETAIL (detail), ovf_dataset_get_event (dataset, "e-late"), balloon);
  g_assert_cmpstr (visible_page (detail), ==, "event");
  g_assert_nonnull (ui_test_find_label (detail, "Military · Confirmed"));
  g_assert_nonnull (ui_test_find_label (detail, "Shot down"));
  g_assert_nonnull (ui_test_find_label (detail, "4 February 2023, 19:39 UTC"));
  g_assert_nonnull (ui_test_find_label (detail, "4 February 2023, 14:39 EST"));
  g_assert_nonnull (ui_test_find_label (detail, "Off Myrtle Beach\n33.62° N, 78.80° W"));
  g_assert_nonnull (ui_test_find_label (detail, "The last point."));
  g_assert_true (gtk_widget_get_sensitive (show_on_map_button (detail)));

  /* No place and no zone: their captions go too, and the map has nothing
   * to show. The balloon's position between two reports is interpolated. */
  ovf_event_detail_set_event (OVF_EVENT_DETAIL (detail), ovf_dataset_get_event (dataset, "e-b"), balloon);
  g_assert_nonnull (ui_test_find_label (detail, "Second"));
  g_assert_null (ui_test_find_label (detail, "Off Myrtle Beach\n33.62° N, 78.80° W"));
  g_assert_null (ui_test_find_label (detail, "Place"));
  g_assert_null (ui_test_find_label (detail, "4 February 2023, 14:39 EST"));
  g_assert_nonnull (ui_test_find_label (detail,
                                        "The balloon’s position at this time is interpolated between two reported positions."));
  g_assert_false (gtk_widget_get_sensitive (show_on_map_button (detail)));

  /* Without a track, nothing is said about the balloon's position. */
  ovf_event_detail_set_event (OVF_EVENT_DETAIL (detail), ovf_dataset_get_event (dataset, "e-b"), NULL);
  g_assert_null (ui_test_find_label (detail,
                                     "The balloon’s position at this time is interpolated between two reported positions."));

  /* A span gives both ends. */
  ovf_event_detail_set_event (OVF_EVENT_DETAIL (detail), ovf_dataset_get_event (dataset, "e-span"), balloon);
  g_assert_nonnull (ui_test_find_label (detail, "5 February 2023, 00:00 UTC to\n16 February 2023, 00:00 UTC"));
  g_assert_nonnull (ui_test_find_label (detail, "This event follows the end of the balloon’s track."));

  ovf_event_detail_set_event (OVF_EVENT_DETAIL (detail), NULL, NULL);
  g_assert_cmpstr (visible_page (detail), ==, "empty");

  g_object_unref (detail);
}

/* One link per source, with its publisher and date; another event's
 * sources replace them. */
static void
test_sources (void)
{
  g_autoptr(OvfDataset) dataset = load_small ();
  GtkWidget *detail = g_object_ref_sink (ovf_event_detail_new ());
  GtkLabel *link;

  ovf_event_detail_set_event (OVF_EVENT_DETAIL (detail), ovf_dataset_get_event (dataset, "e-a"), NULL);
  g_assert_cmpuint (count_links (detail), ==, 2);
  link = find_link (detail, "http://example.org/r2");
  g_assert_nonnull (link);
  g_assert_cmpstr (gtk_label_get_text (link), ==, "One\nExample");
  g_assert_nonnull (strstr (gtk_label_get_label (link), "<a href=\"http://example.org/r2\">One</a>"));
  link = find_link (detail, "https://example.com/r3");
  g_assert_nonnull (link);
  g_assert_cmpstr (gtk_label_get_text (link), ==, "Two\nOther · 2023-02-02");

  ovf_event_detail_set_event (OVF_EVENT_DETAIL (detail), ovf_dataset_get_event (dataset, "e-b"), NULL);
  g_assert_cmpuint (count_links (detail), ==, 1);
  g_assert_nonnull (find_link (detail, "https://example.org/r5"));
  g_assert_null (find_link (detail, "http://example.org/r2"));

  g_object_unref (detail);
}

/* A dataset's strings are text, not markup; and only web links leave the
 * app. */
static void
test_links (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (markup_source, sizeof markup_source - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(OvfDataset) dataset = ovf_dataset_load_from_bytes (bytes, english, NULL, &error);
  GtkWidget *detail = g_object_ref_sink (ovf_event_detail_new ());
  const char *url = "https://example.org/?a=1&b=\"2\"";
  GtkLabel *link;
  gboolean handled = FALSE;

  g_assert_no_error (error);
  ovf_event_detail_set_event (OVF_EVENT_DETAIL (detail), ovf_dataset_get_event (dataset, "e1"), NULL);
  link = find_link (detail, url);
  g_assert_nonnull (link);
  g_assert_cmpstr (gtk_label_get_text (link), ==, "<b>Bold</b>\n<i>P</i> & Co");
  g_assert_nonnull (strstr (gtk_label_get_label (link), "href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\""));

  /* GTK's own handler would open any URI; the pane takes every click and
   * passes on only http and https. */
  g_signal_emit_by_name (link, "activate-link", "file:///etc/passwd", &handled);
  g_assert_true (handled);

  g_object_unref (detail);
}

/* With a session, the pane shows its selection, with the position along
 * the track it follows. */
static void
test_session (void)
{
  g_autoptr(OvfDataset) dataset = load_small ();
  g_autoptr(OvfDataset) reloaded = load_small ();
  g_autoptr(OvfSession) session = ovf_session_new ();
  GtkWidget *detail = g_object_ref_sink (ovf_event_detail_new ());
  OvfEventDetail *pane = OVF_EVENT_DETAIL (detail);
  const char *interpolated = "The balloon’s position at this time is interpolated between two reported positions.";
  OvfEvent *event = ovf_dataset_get_event (dataset, "e-b");

  ovf_session_set_dataset (session, dataset);
  ovf_session_select_event (session, event);
  ovf_event_detail_set_session (pane, session);
  g_assert_true (ovf_event_detail_get_event (pane) == event);
  g_assert_nonnull (ui_test_find_label (detail, "Second"));
  g_assert_nonnull (ui_test_find_label (detail, interpolated));

  event = ovf_dataset_get_event (dataset, "e-late");
  ovf_session_select_event (session, event);
  g_assert_true (ovf_event_detail_get_event (pane) == event);
  g_assert_nonnull (ui_test_find_label (detail, "Shot down"));

  /* The position is that along the followed track. */
  ovf_session_select_event (session, ovf_dataset_get_event (dataset, "e-b"));
  ovf_session_set_followed_track (session, NULL);
  g_assert_null (ui_test_find_label (detail, interpolated));
  ovf_session_set_followed_track (session, ovf_dataset_get_main_track (dataset));
  g_assert_nonnull (ui_test_find_label (detail, interpolated));

  ovf_session_select_event (session, NULL);
  g_assert_null (ovf_event_detail_get_event (pane));
  g_assert_cmpstr (visible_page (detail), ==, "empty");

  /* Another dataset clears the selection, and so the pane. */
  ovf_session_select_event (session, ovf_dataset_get_event (dataset, "e-b"));
  ovf_session_set_dataset (session, reloaded);
  g_assert_null (ovf_event_detail_get_event (pane));

  /* Once let go of, the session no longer drives the pane. */
  ovf_event_detail_set_session (pane, NULL);
  ovf_session_select_event (session, ovf_dataset_get_event (reloaded, "e-a"));
  g_assert_null (ovf_event_detail_get_event (pane));

  g_object_unref (detail);
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

  g_test_add_func ("/event-detail/empty", test_empty);
  g_test_add_func ("/event-detail/fields", test_fields);
  g_test_add_func ("/event-detail/sources", test_sources);
  g_test_add_func ("/event-detail/links", test_links);
  g_test_add_func ("/event-detail/session", test_session);

  return g_test_run ();
}
