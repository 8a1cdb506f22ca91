/* ovf-compat.c: the one file that may use API newer than the floor (GTK
 * 4.8, libadwaita 1.2), each use behind a version check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

/* Everywhere else the build caps the API at the floor. */
#undef GDK_VERSION_MAX_ALLOWED
#undef ADW_VERSION_MAX_ALLOWED

#include <epoxy/gl.h>
#include <string.h>

#include "ovf-compat.h"

/* The variable ovf_compat_skip_software_gl() set, kept from programs this
 * one starts. */
static const char *gl_switch;

GAppLaunchContext *
ovf_compat_create_launch_context (GdkDisplay *display)
{
  GAppLaunchContext *context;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), NULL);

  context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (display));
  if (gl_switch != NULL)
    g_app_launch_context_unsetenv (context, gl_switch);
  return context;
}

void
ovf_compat_launch_uri (GtkWindow  *parent,
                       const char *uri)
{
  g_return_if_fail (uri != NULL);

  /* GTK's launchers hand this program's environment on, GL switch and all. */
  if (gl_switch != NULL)
    {
      g_autoptr(GAppLaunchContext) context =
        ovf_compat_create_launch_context (parent != NULL ? gtk_widget_get_display (GTK_WIDGET (parent))
                                                         : gdk_display_get_default ());

      g_app_info_launch_default_for_uri_async (uri, context, NULL, NULL, NULL);
      return;
    }

#if GTK_CHECK_VERSION (4, 10, 0)
  {
    g_autoptr(GtkUriLauncher) launcher = gtk_uri_launcher_new (uri);

    gtk_uri_launcher_launch (launcher, parent, NULL, NULL, NULL);
  }
#else
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
#endif
}

#if GTK_CHECK_VERSION (4, 10, 0)

/* Serves both ovf_compat_open_file () and ovf_compat_save_file (), told
 * apart by the task's source tag. */
static void
ovf_compat_file_dialog_done (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkFileDialog *dialog = GTK_FILE_DIALOG (source);
  GError *error = NULL;
  GFile *file;

  if (g_task_get_source_tag (task) == ovf_compat_open_file)
    file = gtk_file_dialog_open_finish (dialog, result, &error);
  else
    file = gtk_file_dialog_save_finish (dialog, result, &error);

  if (file == NULL)
    {
      /* Both "dismissed" and "cancelled" mean the user said no. */
      if (g_error_matches (error, GTK_DIALOG_ERROR, GTK_DIALOG_ERROR_DISMISSED))
        {
          g_clear_error (&error);
          error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "Dismissed");
        }
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, file, g_object_unref);
}

void
ovf_compat_open_file (GtkWindow           *parent,
                      const char          *title,
                      GListModel          *filters,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  GTask *task = g_task_new (parent, cancellable, callback, user_data);

  g_task_set_source_tag (task, ovf_compat_open_file);
  gtk_file_dialog_set_title (dialog, title);
  if (filters != NULL && g_list_model_get_n_items (filters) > 0)
    {
      g_autoptr(GtkFileFilter) first = g_list_model_get_item (filters, 0);

      gtk_file_dialog_set_filters (dialog, filters);
      gtk_file_dialog_set_default_filter (dialog, first);
    }
  gtk_file_dialog_open (dialog, parent, cancellable, ovf_compat_file_dialog_done, task);
}

#else

static void
ovf_compat_file_chooser_response (GtkNativeDialog *native,
                                  int              response,
                                  gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    g_task_return_pointer (task, gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native)),
                           g_object_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "Dismissed");

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
}

/* A modal chooser that returns its file through @task. */
static GtkFileChooser *
ovf_compat_file_chooser_new (GtkWindow            *parent,
                             const char           *title,
                             GtkFileChooserAction  action,
                             GTask                *task)
{
  GtkFileChooserNative *native = gtk_file_chooser_native_new (title, parent, action, NULL, NULL);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (ovf_compat_file_chooser_response), task);
  return GTK_FILE_CHOOSER (native);
}

void
ovf_compat_open_file (GtkWindow           *parent,
                      const char          *title,
                      GListModel          *filters,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (parent, cancellable, callback, user_data);
  GtkFileChooser *chooser;

  g_task_set_source_tag (task, ovf_compat_open_file);
  chooser = ovf_compat_file_chooser_new (parent, title, GTK_FILE_CHOOSER_ACTION_OPEN, task);
  for (guint i = 0; filters != NULL && i < g_list_model_get_n_items (filters); i++)
    {
      g_autoptr(GtkFileFilter) filter = g_list_model_get_item (filters, i);

      gtk_file_chooser_add_filter (chooser, filter);
      if (i == 0)
        gtk_file_chooser_set_filter (chooser, filter);
    }
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

#endif

static GFile *
ovf_compat_file_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GFile *
ovf_compat_open_file_finish (GAsyncResult  *result,
                             GError       **error)
{
  return ovf_compat_file_finish (result, error);
}

void
ovf_compat_widget_get_color (GtkWidget *widget,
                             GdkRGBA   *out_color)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (out_color != NULL);

#if GTK_CHECK_VERSION (4, 10, 0)
  gtk_widget_get_color (widget, out_color);
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), out_color);
#endif
}

gboolean
ovf_compat_widget_lookup_color (GtkWidget  *widget,
                                const char *name,
                                GdkRGBA    *out_color)
{
  gboolean found;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (out_color != NULL, FALSE);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  found = gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, out_color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  return found;
}

#if GTK_CHECK_VERSION (4, 10, 0)

void
ovf_compat_save_file (GtkWindow           *parent,
                      const char          *title,
                      GFile               *folder,
                      const char          *initial_name,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  GTask *task = g_task_new (parent, cancellable, callback, user_data);

  g_task_set_source_tag (task, ovf_compat_save_file);
  gtk_file_dialog_set_title (dialog, title);
  gtk_file_dialog_set_initial_folder (dialog, folder);
  gtk_file_dialog_set_initial_name (dialog, initial_name);
  gtk_file_dialog_save (dialog, parent, cancellable, ovf_compat_file_dialog_done, task);
}

#else

void
ovf_compat_save_file (GtkWindow           *parent,
                      const char          *title,
                      GFile               *folder,
                      const char          *initial_name,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  GTask *task = g_task_new (parent, cancellable, callback, user_data);
  GtkFileChooser *chooser;

  g_task_set_source_tag (task, ovf_compat_save_file);
  chooser = ovf_compat_file_chooser_new (parent, title, GTK_FILE_CHOOSER_ACTION_SAVE, task);
  /* A folder that no longer exists just leaves the chooser's default. */
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, folder, NULL);
  gtk_file_chooser_set_current_name (chooser, initial_name);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

#endif

GFile *
ovf_compat_save_file_finish (GAsyncResult  *result,
                             GError       **error)
{
  return ovf_compat_file_finish (result, error);
}

gboolean
ovf_compat_gl_is_software (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = NULL;
  const char *renderer;
  gboolean software;

  g_return_val_if_fail (GDK_IS_DISPLAY (display), FALSE);

  context = gdk_display_create_gl_context (display, NULL);
  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return FALSE;

  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  software = renderer != NULL && (strstr (renderer, "llvmpipe") != NULL || strstr (renderer, "softpipe") != NULL);
  gdk_gl_context_clear_current ();
  return software;
}

/* Without a DRM render node, nor NVIDIA's own driver, OpenGL can only run
 * on the CPU; asking a GL context costs more than a tenth of a bare window's
 * start-up. Only Linux is known to tell this way. */
gboolean
ovf_compat_may_have_gpu (void)
{
#ifdef __linux__
  g_autoptr(GDir) dri = g_dir_open ("/dev/dri", 0, NULL);
  const char *name;

  if (g_file_test ("/dev/nvidiactl", G_FILE_TEST_EXISTS))
    return TRUE;
  while (dri != NULL && (name = g_dir_read_name (dri)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
#else
  return TRUE;
#endif
}

/* GTK draws with OpenGL even when that OpenGL runs on the CPU (GTK 4.14
 * and later only prefer a GPU when there is one). There, GTK's cairo
 * renderer does the same work without compiling shaders for a rasterizer:
 * measured with the window benchmark, the window shows a third sooner, with
 * 80 MB less, and paints a frame while playing in a third of the time.
 *
 * The display's "gsk-renderer" data is the first thing GTK's renderer
 * lookup reads (GTK 4.0 up to now); there is no API for it. */
void
ovf_compat_choose_renderer (GdkDisplay *display)
{
  g_return_if_fail (GDK_IS_DISPLAY (display));

  if (g_getenv ("GSK_RENDERER") != NULL || (ovf_compat_may_have_gpu () && !ovf_compat_gl_is_software (display)))
    return;
  g_object_set_data (G_OBJECT (display), "gsk-renderer", (gpointer) "cairo");
}

/* GTK sets up OpenGL when it opens the display, to draw with it later;
 * where OpenGL can only run on the CPU that takes a bare window three times
 * as long to show, and 120 MB, and the cairo renderer draws the window
 * anyway (see ovf_compat_choose_renderer()). GTK reads the switch once, as
 * it starts: GDK_DEBUG=gl-disable before 4.16, GDK_DISABLE=gl after. Any of
 * the variables set by the user decides instead. */
void
ovf_compat_skip_software_gl (void)
{
  gboolean modern = gtk_get_major_version () > 4 || gtk_get_minor_version () >= 16;

  if (g_getenv ("GSK_RENDERER") != NULL || g_getenv ("GDK_DEBUG") != NULL || g_getenv ("GDK_DISABLE") != NULL ||
      ovf_compat_may_have_gpu ())
    return;

  gl_switch = modern ? "GDK_DISABLE" : "GDK_DEBUG";
  g_setenv (gl_switch, modern ? "gl,vulkan" : "gl-disable", TRUE);
}
