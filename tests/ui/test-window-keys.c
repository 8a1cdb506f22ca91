/* test-window-keys.c: the main window through its keys, menus, dialogs and
 * settings, under a virtual display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "window-fixture.h"

/* Types @keys into the display with xdotool, as a user would, with the
 * pointer over the window. Not `mousemove --sync`: once the pointer is
 * there it waits seconds for a motion that never comes. */
static void
type_keys (const char *keys)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *command = g_strdup_printf ("xdotool mousemove 500 12 sleep 0.05 key --delay 40 %s", keys);
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
      g_auto(GStrv) set = gtk_application_get_accels_for_action (GTK_APPLICATION (window_test_app), accels[i].action);

      g_assert_true (g_strv_contains ((const char * const *) set, accels[i].accel));
    }
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

  g_action_group_activate_action (G_ACTION_GROUP (window_test_app), "about", NULL);
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
  second = ovf_window_new (GTK_APPLICATION (window_test_app));
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

  if (window_test_program == NULL)
    {
      g_test_skip ("the program's path is given as the first argument");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[] = { window_test_program, cases[i].args[0], cases[i].args[1], NULL };
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

int
main (int   argc,
      char *argv[])
{
  window_test_init (&argc, &argv);

  g_test_add ("/window/keyboard-actions", Fixture, NULL, fixture_setup, test_keyboard_actions, fixture_teardown);
  g_test_add ("/window/typed-keys", Fixture, NULL, fixture_setup, test_typed_keys, fixture_teardown);
  g_test_add ("/window/key-bindings", Fixture, NULL, fixture_setup, test_key_bindings, fixture_teardown);
  g_test_add ("/window/dialogs", Fixture, NULL, fixture_setup, test_dialogs, fixture_teardown);
  g_test_add ("/window/shortcut-keys", Fixture, NULL, fixture_setup, test_shortcut_keys, fixture_teardown);
  g_test_add ("/window/menus", Fixture, NULL, fixture_setup, test_menus, fixture_teardown);
  g_test_add ("/window/settings", Fixture, NULL, fixture_setup, test_settings, fixture_teardown);
  g_test_add_func ("/window/command-line-errors", test_command_line_errors);

  return window_test_run ();
}
