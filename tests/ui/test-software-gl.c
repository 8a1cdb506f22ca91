/* test-software-gl.c: where OpenGL could only run on the CPU, the program
 * keeps GTK from setting it up, its windows draw with the cairo renderer,
 * and the programs it starts do not inherit the switch.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>

#include "ui-test-util.h"
#include "ovf-application.h"
#include "ovf-compat.h"
#include "ovf-window.h"

static const char *const switches[] = { "GDK_DEBUG", "GDK_DISABLE" };

static void
test_no_gl (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (gdk_display_prepare_gl (gdk_display_get_default (), &error));
  g_assert_nonnull (error);
}

static void
test_window_renderer (void)
{
  g_autoptr(OvfApplication) app = ovf_application_new ();
  OvfWindow *window;

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = ovf_window_new (GTK_APPLICATION (app));
  ovf_window_load_bundled (window);
  gtk_window_present (GTK_WINDOW (window));
  UI_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  g_assert_true (GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (GTK_NATIVE (window))));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The switch is this program's own: a browser opened for a source link
 * must set up its OpenGL as it would. */
static void
test_launch_context (void)
{
  g_autoptr(GAppLaunchContext) context = ovf_compat_create_launch_context (gdk_display_get_default ());
  g_auto(GStrv) environment = g_app_launch_context_get_environment (context);
  gboolean set_here = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    {
      set_here |= g_getenv (switches[i]) != NULL;
      g_assert_null (g_environ_getenv (environment, switches[i]));
    }
  g_assert_true (set_here);
}

static void
test_gpu_present (void)
{
  g_test_skip ("this machine has a GPU device: GTK sets up OpenGL as usual");
}

int
main (int   argc,
      char *argv[])
{
  /* As the program's main() does, before GTK starts. */
  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    g_unsetenv (switches[i]);
  g_unsetenv ("GSK_RENDERER");
  ovf_compat_skip_software_gl ();

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  if (ovf_compat_may_have_gpu ())
    {
      g_test_add_func ("/software-gl/gpu-present", test_gpu_present);
      return g_test_run ();
    }
  g_test_add_func ("/software-gl/no-gl", test_no_gl);
  g_test_add_func ("/software-gl/window-renderer", test_window_renderer);
  g_test_add_func ("/software-gl/launch-context", test_launch_context);
  return g_test_run ();
}
