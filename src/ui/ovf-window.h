/* ovf-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ovf-application.h"

G_BEGIN_DECLS

#define OVF_TYPE_WINDOW (ovf_window_get_type ())
G_DECLARE_FINAL_TYPE (OvfWindow, ovf_window, OVF, WINDOW, AdwApplicationWindow)

OvfWindow *ovf_window_new           (OvfApplication *application);
/* Loads a dataset; on failure the current one stays and the errors are shown. */
void       ovf_window_load_file     (OvfWindow      *self,
                                     GFile          *file);
void       ovf_window_load_bundled  (OvfWindow      *self);

G_END_DECLS
