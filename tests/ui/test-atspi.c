/* test-atspi.c: the window as a screen reader gets it, over the
 * accessibility bus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* libatspi 2.46's headers declare f() for f(void). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#include <atspi/atspi.h>
#pragma GCC diagnostic pop

/* The program runs on a session bus of its own with an accessibility bus
 * beside it, as on a desktop with a screen reader, and its window is read
 * with libatspi as Orca reads it: what GTK's own API reports is not what
 * reaches the bus (GTK 4.8 names an unlabelled button "GtkImage", and gives
 * no value to a slider that is not one of its own). */

G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiAccessible, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiStateSet, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiValue, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AtspiSelection, g_object_unref)

#define WAIT_USEC (30 * G_USEC_PER_SEC)

/* 2023-02-04T19:39:00Z, as the slider's value: seconds since 1970. */
#define SHOOT_DOWN_DAY 1675539540.0

static const char *overflight_path;
static const char *bus_launcher_path;
static GTestDBus *session;
static GSubprocess *bus_launcher;
static GSubprocess *program;
static AtspiAccessible *frame;

/* Helpers ------------------------------------------------------------------ */

static void
wait_a_little (void)
{
  g_main_context_iteration (NULL, FALSE);
  g_usleep (20000);
}

static char *
get_name (AtspiAccessible *accessible)
{
  g_autoptr(GError) error = NULL;
  char *name = atspi_accessible_get_name (accessible, &error);

  g_assert_no_error (error);
  return g_strstrip (name);
}

static gboolean
has_state (AtspiAccessible *accessible,
           AtspiStateType   state)
{
  g_autoptr(AtspiStateSet) states = atspi_accessible_get_state_set (accessible);

  return atspi_state_set_contains (states, state);
}

static GPtrArray *
get_children (AtspiAccessible *accessible)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *children = g_ptr_array_new_with_free_func (g_object_unref);
  int n = atspi_accessible_get_child_count (accessible, &error);

  g_assert_no_error (error);
  for (int i = 0; i < n; i++)
    {
      AtspiAccessible *child = atspi_accessible_get_child_at_index (accessible, i, &error);

      g_assert_no_error (error);
      if (child != NULL)
        g_ptr_array_add (children, child);
    }

  return children;
}

/* The first visible accessible at or below @accessible, depth first, with
 * @role and, unless NULL, a name starting with @name. */
static AtspiAccessible *
find (AtspiAccessible *accessible,
      AtspiRole        role,
      const char      *name)
{
  g_autoptr(GPtrArray) children = NULL;

  if (!has_state (accessible, ATSPI_STATE_VISIBLE))
    return NULL;
  if (atspi_accessible_get_role (accessible, NULL) == role)
    {
      g_autofree char *own_name = get_name (accessible);

      if (name == NULL || g_str_has_prefix (own_name, name))
        return g_object_ref (accessible);
    }

  children = get_children (accessible);
  for (guint i = 0; i < children->len; i++)
    {
      AtspiAccessible *found = find (g_ptr_array_index (children, i), role, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static AtspiAccessible *
wait_for (AtspiAccessible *root,
          AtspiRole        role,
          const char      *name)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;
  AtspiAccessible *found;

  while ((found = find (root, role, name)) == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("No %s named “%s…” on the bus", atspi_role_get_name (role), name ? name : "");
      wait_a_little ();
    }

  return found;
}

/* The labels right under @accessible, in order. */
static GPtrArray *
get_label_names (AtspiAccessible *accessible)
{
  g_autoptr(GPtrArray) children = get_children (accessible);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < children->len; i++)
    if (atspi_accessible_get_role (g_ptr_array_index (children, i), NULL) == ATSPI_ROLE_LABEL)
      g_ptr_array_add (names, get_name (g_ptr_array_index (children, i)));

  return names;
}

/* What a screen reader hears for a time: "4 February 2023, 19:39 UTC". */
static char *
format_readable (double seconds)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_utc ((gint64) seconds);

  return g_date_time_format (time, "%-d %B %Y, %H:%M UTC");
}

/* What a control is called when nobody named it: GTK's, libadwaita's,
 * libshumate's or our class name. */
static gboolean
is_class_name (const char *name)
{
  return g_regex_match_simple ("^(Gtk|Adw|Shumate|Ovf)[A-Z][A-Za-z]*$", name, 0, 0);
}

static gboolean
is_control (AtspiRole role)
{
  switch (role)
    {
    case ATSPI_ROLE_PUSH_BUTTON:
    case ATSPI_ROLE_TOGGLE_BUTTON:
    case ATSPI_ROLE_CHECK_BOX:
    case ATSPI_ROLE_RADIO_BUTTON:
    case ATSPI_ROLE_COMBO_BOX:
    case ATSPI_ROLE_SLIDER:
    case ATSPI_ROLE_SPIN_BUTTON:
    case ATSPI_ROLE_ENTRY:
    case ATSPI_ROLE_PASSWORD_TEXT:
    case ATSPI_ROLE_MENU_ITEM:
    case ATSPI_ROLE_CHECK_MENU_ITEM:
    case ATSPI_ROLE_RADIO_MENU_ITEM:
    case ATSPI_ROLE_LINK:
    case ATSPI_ROLE_LIST_ITEM:
    case ATSPI_ROLE_PAGE_TAB:
      return TRUE;
    default:
      return FALSE;
    }
}

typedef struct
{
  GString *problems;
  guint    n_controls;
  guint    n_values;
} Walk;

static void
add_problem (Walk            *walk,
             AtspiAccessible *accessible,
             const char      *name,
             const char      *problem)
{
  g_autofree char *role = atspi_accessible_get_role_name (accessible, NULL);

  g_string_append_printf (walk->problems, "\n  %s “%s”: %s", role, name, problem);
}

/* A value a screen reader can use: a span with the current value in it. */
static void
check_value (Walk            *walk,
             AtspiAccessible *accessible,
             const char      *name)
{
  g_autoptr(AtspiValue) value = atspi_accessible_get_value_iface (accessible);
  double minimum, maximum, current;

  if (value == NULL)
    {
      add_problem (walk, accessible, name, "a slider without a value");
      return;
    }

  minimum = atspi_value_get_minimum_value (value, NULL);
  maximum = atspi_value_get_maximum_value (value, NULL);
  current = atspi_value_get_current_value (value, NULL);
  if (!(minimum < maximum && minimum <= current && current <= maximum))
    add_problem (walk, accessible, name, "a value outside an empty or inverted span");
  walk->n_values++;
}

/* Everything a screen reader user can reach must say what it is: controls
 * (the buttons inside menu buttons and drop-downs too) by a name of their
 * own, labels by their text. GTK's and libadwaita's inner containers keep
 * their class names, which screen readers pass over. */
static void
walk_tree (Walk            *walk,
           AtspiAccessible *accessible)
{
  AtspiRole role = atspi_accessible_get_role (accessible, NULL);
  g_autofree char *name = get_name (accessible);
  g_autoptr(AtspiValue) value = NULL;
  g_autoptr(GPtrArray) children = NULL;
  gboolean control;

  if (!has_state (accessible, ATSPI_STATE_VISIBLE))
    return;

  value = atspi_accessible_get_value_iface (accessible);
  control = is_control (role) || (value != NULL && has_state (accessible, ATSPI_STATE_FOCUSABLE));
  if (control)
    {
      gsize half = strlen (name) / 2;

      walk->n_controls++;
      if (*name == '\0')
        add_problem (walk, accessible, name, "no name");
      else if (is_class_name (name))
        add_problem (walk, accessible, name, "a class name for a name");
      else if (g_regex_match_simple ("(^|\\s)_\\w", name, 0, 0))
        add_problem (walk, accessible, name, "a mnemonic underscore in the name");
      else if (strlen (name) % 2 == 1 && name[half] == ' ' && strncmp (name, name + half + 1, half) == 0)
        add_problem (walk, accessible, name, "the name twice");
    }
  else if ((role == ATSPI_ROLE_LABEL || g_str_has_prefix (name, "Ovf") || g_str_has_prefix (name, "Shumate"))
           && is_class_name (name))
    add_problem (walk, accessible, name, "a class name for a name");

  if (role == ATSPI_ROLE_SLIDER || (control && value != NULL))
    check_value (walk, accessible, name);

  children = get_children (accessible);
  for (guint i = 0; i < children->len; i++)
    walk_tree (walk, g_ptr_array_index (children, i));
}

/* Selects the event list's @index-th row as a screen reader can, and
 * waits for the detail pane to show that event's title. */
static void
select_event (int index)
{
  g_autoptr(AtspiAccessible) list = wait_for (frame, ATSPI_ROLE_LIST, "Events");
  g_autoptr(AtspiSelection) selection = atspi_accessible_get_selection_iface (list);
  g_autoptr(AtspiAccessible) item = atspi_accessible_get_child_at_index (list, index, NULL);
  g_autoptr(AtspiAccessible) row = atspi_accessible_get_child_at_index (item, 0, NULL);
  g_autoptr(GPtrArray) row_labels = get_label_names (row);
  g_autoptr(AtspiAccessible) detail = wait_for (frame, ATSPI_ROLE_FILLER, "Event Details");
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (selection);
  g_assert_true (atspi_selection_select_child (selection, index, &error));
  g_assert_no_error (error);

  /* The title is the row's label before the time, category and confidence. */
  g_assert_cmpuint (row_labels->len, >=, 2);
  g_object_unref (wait_for (detail, ATSPI_ROLE_LABEL, g_ptr_array_index (row_labels, row_labels->len - 2)));
}

/* Tests -------------------------------------------------------------------- */

static void
test_names (void)
{
  Walk walk = { g_string_new (NULL), 0, 0 };

  select_event (0);
  walk_tree (&walk, frame);

  g_test_message ("%u controls, %u values", walk.n_controls, walk.n_values);
  g_assert_cmpstr (walk.problems->str, ==, "");
  /* The walk saw the window, not an empty shell: the header's, the map's
   * and the timeline's buttons, the events in view and the slider. */
  g_assert_cmpuint (walk.n_controls, >, 40);
  g_assert_cmpuint (walk.n_values, >=, 1);
  g_string_free (walk.problems, TRUE);
}

static void
test_event_rows (void)
{
  g_autoptr(AtspiAccessible) list = wait_for (frame, ATSPI_ROLE_LIST, "Events");
  g_autoptr(GPtrArray) items = get_children (list);
  guint n_rows = 0;

  for (guint i = 0; i < items->len; i++)
    {
      AtspiAccessible *item = g_ptr_array_index (items, i);
      g_autofree char *name = get_name (item);
      g_autoptr(AtspiAccessible) row = NULL;
      g_autoptr(GPtrArray) labels = NULL;
      g_auto(GStrv) meta = NULL;

      if (atspi_accessible_get_role (item, NULL) != ATSPI_ROLE_LIST_ITEM)
        continue;

      /* The row shows [day,] title and "02:00 UTC · Other · Reported";
       * its list item, which a screen reader moves through, says all. */
      row = atspi_accessible_get_child_at_index (item, 0, NULL);
      labels = get_label_names (row);
      g_assert_cmpuint (labels->len, >=, 2);
      meta = g_strsplit (g_ptr_array_index (labels, labels->len - 1), " · ", -1);
      g_assert_cmpuint (g_strv_length (meta), ==, 3);
      g_assert_nonnull (strstr (name, g_ptr_array_index (labels, labels->len - 2)));
      g_assert_nonnull (strstr (name, meta[0]));
      g_assert_nonnull (strstr (name, meta[1]));
      n_rows++;
    }

  g_assert_cmpuint (n_rows, >, 10);
}

static void
test_event_detail (void)
{
  g_autoptr(AtspiAccessible) detail = NULL;
  g_autoptr(AtspiAccessible) caption = NULL;
  g_autoptr(AtspiAccessible) parent = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  guint caption_index = 0;

  /* "Saturday, 28 January 2023, 12:00 UTC, Detection, Confirmed: NORAD…" */
  select_event (3);
  detail = wait_for (frame, ATSPI_ROLE_FILLER, "Event Details");
  caption = wait_for (detail, ATSPI_ROLE_LABEL, "Time (UTC)");
  parent = atspi_accessible_get_parent (caption, NULL);
  labels = get_label_names (parent);

  /* Each caption's value follows it, as its text. */
  for (guint i = 0; i < labels->len; i++)
    if (g_str_equal (g_ptr_array_index (labels, i), "Time (UTC)"))
      caption_index = i;
  g_assert_cmpuint (caption_index + 1, <, labels->len);
  g_assert_nonnull (strstr (g_ptr_array_index (labels, caption_index + 1), "28 January 2023"));
  g_assert_nonnull (strstr (g_ptr_array_index (labels, caption_index + 1), "12:00"));
}

static void
test_timeline_value (void)
{
  g_autoptr(AtspiAccessible) slider = wait_for (frame, ATSPI_ROLE_SLIDER, "Time");
  g_autoptr(AtspiAccessible) time_button = wait_for (frame, ATSPI_ROLE_PUSH_BUTTON, "Go to Time");
  g_autoptr(AtspiValue) value = atspi_accessible_get_value_iface (slider);
  g_autoptr(GError) error = NULL;
  g_autofree char *readable = NULL;
  g_autofree char *value_text = NULL;
  g_autofree char *name = NULL;
  gint64 deadline;
  double minimum, maximum;

  g_assert_nonnull (value);
  minimum = atspi_value_get_minimum_value (value, &error);
  g_assert_no_error (error);
  maximum = atspi_value_get_maximum_value (value, &error);
  g_assert_no_error (error);
  /* The bundled dataset runs from 15 January to 19 February 2023. */
  g_assert_cmpfloat (minimum, ==, 1673748000.0);
  g_assert_cmpfloat (maximum, >, 1676764800.0);
  g_assert_cmpfloat (maximum, <, 1676851200.0);

  /* A screen reader sets the value, and the program's clock follows. */
  g_assert_true (atspi_value_set_current_value (value, SHOOT_DOWN_DAY, &error));
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + WAIT_USEC;
  while (atspi_value_get_current_value (value, NULL) != SHOOT_DOWN_DAY)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      wait_a_little ();
    }
  g_clear_object (&time_button);
  time_button = wait_for (frame, ATSPI_ROLE_PUSH_BUTTON, "Go to Time");
  g_assert_nonnull (wait_for (time_button, ATSPI_ROLE_LABEL, "4 Feb 2023 19:39 UTC"));

  /* It reads the time as words: GTK 4.8 keeps a value's text off the bus,
   * so the slider's name carries it; later GTKs give AT-SPI's Value.Text. */
  readable = format_readable (SHOOT_DOWN_DAY);
  g_assert_cmpstr (readable, ==, "4 February 2023, 19:39 UTC");
  value_text = atspi_value_get_text (value, NULL);
  name = get_name (slider);
  g_test_message ("name “%s”, value text “%s”", name, value_text ? value_text : "");
  if (value_text != NULL && *value_text != '\0')
    g_assert_true (g_str_has_prefix (value_text, readable));
  else
    g_assert_nonnull (strstr (name, readable));
}

/* Setting up --------------------------------------------------------------- */

/* GTK 4.8 offers no AT-SPI cache, which libatspi tells with a warning
 * when it first meets the program. */
static gboolean
ignore_missing_cache (const char     *log_domain,
                      GLogLevelFlags  log_level,
                      const char     *message,
                      gpointer        user_data)
{
  return g_strcmp0 (log_domain, "dbind") != 0 || strstr (message, "GetItems") == NULL;
}

static void
drop_missing_cache_warning (const char     *log_domain,
                            GLogLevelFlags  log_level,
                            const char     *message,
                            gpointer        user_data)
{
  if (strstr (message, "GetItems") == NULL)
    g_log_default_handler (log_domain, log_level, message, user_data);
}

/* The address of the accessibility bus the launcher started. */
static char *
get_a11y_bus_address (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (session),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GVariant) reply = NULL;
      const char *address;

      reply = g_dbus_connection_call_sync (connection, "org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                                           "GetAddress", NULL, G_VARIANT_TYPE ("(s)"),
                                           G_DBUS_CALL_FLAGS_NONE, 1000, NULL, NULL);
      if (reply != NULL)
        {
          g_variant_get (reply, "(&s)", &address);
          if (*address != '\0')
            return g_strdup (address);
        }
      g_usleep (50000);
    }

  g_error ("The accessibility bus did not start");
}

/* The program's main window, once it shows the dataset. */
static AtspiAccessible *
wait_for_frame (void)
{
  g_autoptr(AtspiAccessible) desktop = atspi_get_desktop (0);
  int pid = atoi (g_subprocess_get_identifier (program));
  gint64 deadline = g_get_monotonic_time () + WAIT_USEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(GPtrArray) apps = get_children (desktop);

      for (guint i = 0; i < apps->len; i++)
        {
          AtspiAccessible *app = g_ptr_array_index (apps, i);
          g_autoptr(AtspiAccessible) found = NULL;

          if ((int) atspi_accessible_get_process_id (app, NULL) != pid)
            continue;

          /* Names change as the tests go: read each afresh. */
          atspi_accessible_set_cache_mask (app, ATSPI_CACHE_NONE);
          found = atspi_accessible_get_child_count (app, NULL) > 0
                  ? atspi_accessible_get_child_at_index (app, 0, NULL) : NULL;
          if (found != NULL && atspi_accessible_get_role (found, NULL) == ATSPI_ROLE_FRAME)
            {
              /* The timeline has the dataset. */
              g_object_unref (wait_for (found, ATSPI_ROLE_SLIDER, "Time"));
              return g_steal_pointer (&found);
            }
        }
      wait_a_little ();
    }

  g_error ("The program's window did not reach the accessibility bus");
}

static void
start (const char *data_home)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  g_autofree char *display = g_strdup (g_getenv ("DISPLAY"));

  /* GTestDBus unsets the display, and the launcher starts without one: on
   * a display it would leave the bus's address on the root window, where
   * the suite's other GTK tests, on the same display, would find it gone
   * stale. The program gets the address from AT_SPI_BUS_ADDRESS. */
  session = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (session);
  g_unsetenv ("WAYLAND_DISPLAY");

  /* Nothing they print may mix with the test's TAP output, and the bus
   * daemon and registry the launcher starts must not hold the test's
   * output open. */
  bus_launcher = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error,
                                   bus_launcher_path, "--launch-immediately", NULL);
  g_assert_no_error (error);
  address = get_a11y_bus_address ();
  g_assert_nonnull (display);
  g_setenv ("DISPLAY", display, TRUE);

  /* The suite turns GTK's accessibility off (NO_AT_BRIDGE); here it is the
   * point. */
  g_setenv ("AT_SPI_BUS_ADDRESS", address, TRUE);
  g_unsetenv ("NO_AT_BRIDGE");
  g_unsetenv ("GTK_A11Y");
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("TZ", "UTC", TRUE);
  atspi_init ();

  program = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error, overflight_path, NULL);
  g_assert_no_error (error);
  frame = wait_for_frame ();
}

static void
stop (void)
{
  g_clear_object (&frame);
  g_subprocess_force_exit (program);
  g_subprocess_wait (program, NULL, NULL);
  g_clear_object (&program);
  atspi_exit ();
  /* Asked to stop, the launcher takes its bus daemon with it. */
  g_subprocess_send_signal (bus_launcher, SIGTERM);
  g_subprocess_wait (bus_launcher, NULL, NULL);
  g_clear_object (&bus_launcher);
  g_test_dbus_down (session);
  g_clear_object (&session);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;
  g_autofree char *recent = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_log_set_fatal_handler (ignore_missing_cache, NULL);
  g_log_set_handler ("dbind", G_LOG_LEVEL_WARNING | G_LOG_FLAG_FATAL, drop_missing_cache_warning, NULL);
  if (argc < 3)
    {
      g_printerr ("Usage: %s OVERFLIGHT AT-SPI-BUS-LAUNCHER\n", argv[0]);
      return 1;
    }
  overflight_path = argv[1];
  bus_launcher_path = argv[2];

  g_test_add_func ("/atspi/names", test_names);
  g_test_add_func ("/atspi/event-rows", test_event_rows);
  g_test_add_func ("/atspi/event-detail", test_event_detail);
  g_test_add_func ("/atspi/timeline-value", test_timeline_value);

  /* Recent files go to a directory of our own, not the user's list. */
  data_home = g_dir_make_tmp ("overflight-atspi-XXXXXX", NULL);
  g_assert_nonnull (data_home);
  start (data_home);
  status = g_test_run ();
  stop ();

  recent = g_build_filename (data_home, "recently-used.xbel", NULL);
  g_unlink (recent);
  g_rmdir (data_home);
  return status;
}
