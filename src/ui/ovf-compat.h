/* ovf-compat.h: the one place where API newer than the floor (GLib 2.74,
 * GTK 4.8, libadwaita 1.2, libshumate 1.0) is used, behind version checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Opens @uri with the desktop's handler (GtkUriLauncher from GTK 4.10,
 * gtk_show_uri before). */
void   ovf_compat_launch_uri         (GtkWindow           *parent,
                                      const char          *uri);

/* Asks for one file to open through the file chooser portal when there is
 * one (GtkFileDialog from GTK 4.10, GtkFileChooserNative before). The
 * first of @filters (GtkFileFilters, nullable) is the one first shown. */
void   ovf_compat_open_file          (GtkWindow           *parent,
                                      const char          *title,
                                      GListModel          *filters,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* Returns NULL with G_IO_ERROR_CANCELLED when the user dismissed it. */
GFile *ovf_compat_open_file_finish   (GAsyncResult        *result,
                                      GError             **error);

/* The widget's CSS foreground colour (gtk_widget_get_color from GTK 4.10,
 * the style context before). */
void     ovf_compat_widget_get_color    (GtkWidget           *widget,
                                         GdkRGBA             *out_color);
/* Looks up a named theme colour such as "accent_color"; FALSE when the
 * theme has none by that name. GTK has no replacement for this yet. */
gboolean ovf_compat_widget_lookup_color (GtkWidget           *widget,
                                         const char          *name,
                                         GdkRGBA             *out_color);

/* Asks where to save a file, starting in @folder (nullable) with
 * @initial_name, through the portal when there is one (GtkFileDialog from
 * GTK 4.10, GtkFileChooserNative before). */
void   ovf_compat_save_file          (GtkWindow           *parent,
                                      const char          *title,
                                      GFile               *folder,
                                      const char          *initial_name,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
/* Returns NULL with G_IO_ERROR_CANCELLED when the user dismissed it. */
GFile *ovf_compat_save_file_finish   (GAsyncResult        *result,
                                      GError             **error);

/* FALSE where OpenGL can only run on the CPU: no GPU device at all. */
gboolean ovf_compat_may_have_gpu   (void);

/* To call first thing in main(), before GTK starts and before any thread:
 * where OpenGL could only run on the CPU, GTK does not set it up. */
void     ovf_compat_skip_software_gl (void);

/* A context to start other programs with, without the switch above. */
GAppLaunchContext *ovf_compat_create_launch_context (GdkDisplay *display);

/* Whether the display's OpenGL is Mesa's software rasterizer (llvmpipe,
 * softpipe): a machine without a GPU, a virtual machine, a remote desktop. */
gboolean ovf_compat_gl_is_software (GdkDisplay *display);

/* Has the display's windows drawn with GTK's cairo renderer when its
 * OpenGL is software only, unless GSK_RENDERER chooses. */
void     ovf_compat_choose_renderer (GdkDisplay *display);

G_END_DECLS
