/* ovf-export-dialog.h: Export Snapshot…, with a live preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ovf-exporter.h"
#include "ovf-window.h"

G_BEGIN_DECLS

#define OVF_TYPE_EXPORT_DIALOG (ovf_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (OvfExportDialog, ovf_export_dialog, OVF, EXPORT_DIALOG, AdwWindow)

/* The dialog for @window's dataset, view, time and selection; NULL
 * while the window has no dataset. */
OvfExportDialog *ovf_export_dialog_new         (OvfWindow        *window);
/* Opens a new dialog for @window. */
void             ovf_export_dialog_present     (OvfWindow        *window);
/* What the dialog would export, as it is set now; the path is unset. */
void             ovf_export_dialog_get_options (OvfExportDialog  *self,
                                                OvfExportOptions *options);
/* Exports to the local @file in a thread (adding the format's extension
 * when the name has none) and closes the dialog; the window shows a
 * toast when done. Export… calls it with the file chosen. */
void             ovf_export_dialog_export_to   (OvfExportDialog  *self,
                                                GFile            *file);

G_END_DECLS
