/* ovf-application.c: the application: command-line options, checks and exports without a display, windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ovf-application.h"
#include "ovf-basemap.h"
#include "ovf-check.h"
#include "ovf-convert.h"
#include "ovf-compat.h"
#include "ovf-export-command.h"
#include "ovf-video-command.h"
#include "ovf-ui.h"
#include "ovf-view-options.h"
#include "ovf-window.h"

struct _OvfApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (OvfApplication, ovf_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 'v', 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Validate the dataset files and exit"), NULL },
  { "convert", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Convert the track files (GPX, KML, KMZ, GeoJSON, CSV, readsb traces) to one dataset and exit"), NULL },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The dataset --convert writes"), N_("OUT.json") },
  { "source-url", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Where --convert’s track files were published, so their points count as reported"), N_("URL") },
  { "time", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Open at this moment, in ISO 8601 with a zone (2023-02-04T19:39:00Z)"), N_("TIME") },
  { "center", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Centre the map on this latitude and longitude in degrees (33.6,-78.8)"), N_("LAT,LON") },
  { "zoom", 0, 0, G_OPTION_ARG_DOUBLE, NULL,
    N_("Open the map at this zoom level, from 0 (the world) to 20"), N_("ZOOM") },
  /* Snapshots without a display, with --time, --center and --zoom too:
   * see ovf-export-command.c. */
  { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Save a snapshot of the map to OUT (.png, .svg or .pdf) and exit"), N_("OUT") },
  { "export-events", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Save one snapshot per event, and an index, into DIR and exit"), N_("DIR") },
  { "sidecar", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Also write a JSON file describing each snapshot beside it"), NULL },
  { "size", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Snapshot size in pixels (default 1920x1080)"), N_("WxH") },
  { "width", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("Snapshot width in pixels"), N_("PIXELS") },
  { "height", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("Snapshot height in pixels"), N_("PIXELS") },
  { "scale", 0, 0, G_OPTION_ARG_DOUBLE, NULL,
    N_("Draw the snapshot N times larger (1 to 4)"), N_("N") },
  { "fit", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Fit the snapshot to the balloon’s track, to everything, or to the track between two times"),
    /* Translators: the values --fit takes; keep them as they are */
    N_("track|all|START/END") },
  { "source", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("The snapshot’s map source"),
    /* Translators: the values --source takes; keep them as they are */
    N_("builtin|osm") },
  { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Image format for --export-events (default png)"),
    /* Translators: the values --format takes; keep them as they are */
    N_("png|svg|pdf") },
  { "dark", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Use dark colours in the snapshot"), NULL },
  { "no-caption", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Leave the title, time and event caption out of the snapshot"), NULL },
  { "no-legend", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Leave the legend out of the snapshot"), NULL },
  { "no-places", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Leave places of interest out of the snapshot"), NULL },
  { "no-scale-bar", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Leave the scale bar out of the snapshot"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    NULL, N_("[DATASET…]") },
  { NULL }
};

/* Runs before the display is opened, so --version, --check and bad view
 * options work on a machine without one. A value >= 0 ends the program
 * with that status. */
static int
ovf_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  g_autofree const char **files = NULL;
  g_autoptr(GError) error = NULL;
  OvfViewOptions view;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", "overflight", PACKAGE_VERSION);
      return 0;
    }

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);

  if (g_variant_dict_contains (options, "check"))
    {
      if (files == NULL || files[0] == NULL)
        {
          g_printerr (_("--check needs at least one file\n"));
          return 1;
        }
      return ovf_check_files (files);
    }

  if (g_variant_dict_contains (options, "convert"))
    {
      const char *output = NULL;
      const char *source_url = NULL;

      g_variant_dict_lookup (options, "output", "^&ay", &output);
      g_variant_dict_lookup (options, "source-url", "&s", &source_url);
      if (files == NULL || files[0] == NULL || output == NULL)
        {
          g_printerr (_("--convert needs at least one file and -o OUT.json\n"));
          return 1;
        }
      return ovf_convert_files (files, output, source_url);
    }

  if (!ovf_view_options_parse (options, &view, &error))
    {
      g_printerr ("overflight: %s\n", error->message);
      return 1;
    }

  if (ovf_video_command_wanted (options))
    return ovf_video_command_run (options, files);
  if (ovf_export_command_wanted (options))
    return ovf_export_command_run (options, files);

  return G_APPLICATION_CLASS (ovf_application_parent_class)->handle_local_options (app, options);
}

/* Without a file, the dataset opened last comes back, or the bundled one. */
static void
ovf_application_load_default (OvfApplication *self,
                              OvfWindow      *window)
{
  g_autofree char *uri = g_settings_get_string (self->settings, "last-file");
  g_autoptr(GFile) file = NULL;

  if (uri[0] != '\0')
    {
      file = g_file_new_for_uri (uri);
      if (g_file_query_exists (file, NULL) && ovf_window_load_file (window, file))
        return;
    }

  ovf_window_load_bundled (window);
}

static void
ovf_application_apply_view (OvfWindow            *window,
                            const OvfViewOptions *view)
{
  if (view->has_time)
    ovf_window_set_time (window, view->time);
  if (view->has_zoom)
    ovf_window_set_zoom (window, view->zoom);
  if (view->has_center)
    ovf_window_set_center (window, view->latitude, view->longitude);
}

static int
ovf_application_command_line (GApplication            *app,
                              GApplicationCommandLine *command_line)
{
  OvfApplication *self = OVF_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree const char **files = NULL;
  g_autoptr(GError) error = NULL;
  OvfViewOptions view;
  OvfWindow *window;

  /* A second `overflight` forwards its options here; check them again as
   * this instance may not have been the one that parsed them. */
  if (!ovf_view_options_parse (options, &view, &error))
    {
      g_application_command_line_printerr (command_line, "overflight: %s\n", error->message);
      return 1;
    }

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);
  window = OVF_IS_WINDOW (active) ? OVF_WINDOW (active) : ovf_window_new (GTK_APPLICATION (self));

  if (files != NULL && files[0] != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, files[0]);

      if (!ovf_window_load_file (window, file) && ovf_window_get_dataset (window) == NULL)
        ovf_window_load_bundled (window);
    }
  else if (ovf_window_get_dataset (window) == NULL)
    {
      ovf_application_load_default (self, window);
    }

  ovf_application_apply_view (window, &view);
  gtk_window_present (GTK_WINDOW (window));
  return 0;
}

static void
ovf_application_activate (GApplication *app)
{
  OvfApplication *self = OVF_APPLICATION (app);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (app));
  OvfWindow *window = OVF_IS_WINDOW (active) ? OVF_WINDOW (active) : ovf_window_new (GTK_APPLICATION (self));

  if (ovf_window_get_dataset (window) == NULL)
    ovf_application_load_default (self, window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
ovf_application_style_changed (OvfApplication *self)
{
  static const AdwColorScheme schemes[] = {
    ADW_COLOR_SCHEME_DEFAULT,
    ADW_COLOR_SCHEME_FORCE_LIGHT,
    ADW_COLOR_SCHEME_FORCE_DARK,
  };
  guint style = (guint) g_settings_get_enum (self->settings, "style");

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      schemes[MIN (style, G_N_ELEMENTS (schemes) - 1)]);
}

static char *
ovf_application_dataset_legal_text (OvfDataset *dataset)
{
  const char * const *credits = ovf_dataset_get_credits (dataset);
  g_autoptr(GString) text = g_string_new (NULL);

  /* AdwAboutWindow shows legal text as markup. */
  if (ovf_dataset_get_license (dataset) != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (ovf_dataset_get_license (dataset), -1);

      g_string_append_printf (text, _("Licence: %s"), escaped);
    }
  for (guint i = 0; credits != NULL && credits[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (credits[i], -1);

      g_string_append_printf (text, "\n%s", escaped);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
ovf_application_about_action (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  g_autoptr(OvfBasemap) basemap = ovf_basemap_get_default (NULL);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Overflight"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Overflight contributors"),
                        "comments", _("Replay the flight of the 2023 Chinese high-altitude balloon over North "
                                      "America, with every event and who reported it."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);

  if (OVF_IS_WINDOW (parent) && ovf_window_get_dataset (OVF_WINDOW (parent)) != NULL)
    {
      OvfDataset *dataset = ovf_window_get_dataset (OVF_WINDOW (parent));
      g_autofree char *legal = ovf_application_dataset_legal_text (dataset);

      adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), ovf_dataset_get_title (dataset),
                                          NULL, GTK_LICENSE_CUSTOM, legal);
    }
  if (basemap != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (ovf_basemap_get_attribution (basemap), -1);

      adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("Built-in Map"),
                                          NULL, GTK_LICENSE_CUSTOM, escaped);
    }
  adw_about_window_add_legal_section (ADW_ABOUT_WINDOW (about), _("OpenStreetMap"),
                                      _("© OpenStreetMap contributors"), GTK_LICENSE_CUSTOM,
                                      _("Map data from OpenStreetMap is available under the Open Database "
                                        "Licence; tiles are fetched only when you choose this map source."));

  gtk_window_present (GTK_WINDOW (about));
}

static void
ovf_application_quit_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Closing rather than quitting lets each window save its size. */
  while (windows != NULL)
    {
      GList *next = windows->next;

      gtk_window_close (windows->data);
      windows = next;
    }
}

static const GActionEntry app_actions[] = {
  { "about", ovf_application_about_action },
  { "quit", ovf_application_quit_action },
};

static void
ovf_application_set_accels (GtkApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "win.open", { "<Control>o", NULL } },
    { "win.reload", { "<Control>r", NULL } },
    { "win.export", { "<Control>e", NULL } },
    { "win.toggle-sidebar", { "F9", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (app, accels[i].action, accels[i].accels);
}

static void
ovf_application_startup (GApplication *app)
{
  OvfApplication *self = OVF_APPLICATION (app);
  g_autoptr(GAction) style_action = NULL;

  /* The resources hold the help overlay and style.css that the parent's
   * startup picks up. */
  ovf_ui_register_resources ();

  G_APPLICATION_CLASS (ovf_application_parent_class)->startup (app);
  ovf_compat_choose_renderer (gdk_display_get_default ());

  /* Recent files are filed under this name. */
  g_set_application_name (_("Overflight"));
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (APP_ID);
  style_action = g_settings_create_action (self->settings, "style");
  g_action_map_add_action (G_ACTION_MAP (app), style_action);
  g_signal_connect_object (self->settings, "changed::style",
                           G_CALLBACK (ovf_application_style_changed), self, G_CONNECT_SWAPPED);
  ovf_application_style_changed (self);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions), app);
  ovf_application_set_accels (GTK_APPLICATION (app));
}

static void
ovf_application_dispose (GObject *object)
{
  OvfApplication *self = OVF_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (ovf_application_parent_class)->dispose (object);
}

static void
ovf_application_class_init (OvfApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = ovf_application_dispose;
  app_class->handle_local_options = ovf_application_handle_local_options;
  app_class->command_line = ovf_application_command_line;
  app_class->startup = ovf_application_startup;
  app_class->activate = ovf_application_activate;
}

static void
ovf_application_init (OvfApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_add_main_option_entries (G_APPLICATION (self), ovf_video_command_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Replay the 2023 high-altitude balloon incident on a map."));
}

OvfApplication *
ovf_application_new (void)
{
  return g_object_new (OVF_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}
