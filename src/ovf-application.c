/* ovf-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ovf-application.h"
#include "ovf-check.h"
#include "ovf-resources.h"
#include "ovf-window.h"

struct _OvfApplication
{
  AdwApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (OvfApplication, ovf_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "version", 'v', 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Validate the dataset files and exit"), NULL },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    NULL, N_("[DATASET…]") },
  { NULL }
};

/* Runs before the display is opened, so --version and --check work on a
 * machine without one. A value >= 0 ends the program with that status. */
static int
ovf_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  g_autofree const char **files = NULL;

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

  return G_APPLICATION_CLASS (ovf_application_parent_class)->handle_local_options (app, options);
}

static OvfWindow *
ovf_application_get_main_window (OvfApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (OVF_IS_WINDOW (window))
    return OVF_WINDOW (window);

  return ovf_window_new (self);
}

static int
ovf_application_command_line (GApplication            *app,
                              GApplicationCommandLine *command_line)
{
  OvfApplication *self = OVF_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree const char **files = NULL;
  OvfWindow *window;

  g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);

  window = ovf_application_get_main_window (self);
  if (files != NULL && files[0] != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, files[0]);
      ovf_window_load_file (window, file);
    }
  else
    {
      ovf_window_load_bundled (window);
    }

  gtk_window_present (GTK_WINDOW (window));
  return 0;
}

static void
ovf_application_startup (GApplication *app)
{
  G_APPLICATION_CLASS (ovf_application_parent_class)->startup (app);

  ovf_resources_register ();
  gtk_window_set_default_icon_name (APP_ID);
}

static void
ovf_application_activate (GApplication *app)
{
  OvfWindow *window = ovf_application_get_main_window (OVF_APPLICATION (app));

  gtk_window_present (GTK_WINDOW (window));
}

static void
ovf_application_class_init (OvfApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = ovf_application_handle_local_options;
  app_class->command_line = ovf_application_command_line;
  app_class->startup = ovf_application_startup;
  app_class->activate = ovf_application_activate;
}

static void
ovf_application_init (OvfApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[DATASET]"));
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
