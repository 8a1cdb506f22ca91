/* main.c: the program: sets up gettext and GTK, then runs the application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "ovf-application.h"
#include "ovf-compat.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(OvfApplication) app = NULL;

  /* OVERFLIGHT_LOCALEDIR lets the tests run the uninstalled program with
   * the catalogues built in the tree. */
  const char *localedir = g_getenv ("OVERFLIGHT_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  ovf_compat_skip_software_gl ();
  app = ovf_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
