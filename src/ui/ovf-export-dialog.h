/* ovf-export-dialog.h: Export Snapshot…, with a live preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ovf-exporter.h"

G_BEGIN_DECLS

#define OVF_TYPE_EXPORT_DIALOG (ovf_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (OvfExportDialog, ovf_export_dialog, OVF, EXPORT_DIALOG, AdwWindow)

/* A dialog over @parent (nullable) exporting @dataset. From @seed it
 * takes the view (whose width and height are the "view" size), time,
 * selected event, dark map, places and OpenStreetMap source; size,
 * format and decorations come from the settings. The result is reported
 * by ::exported. */
OvfExportDialog *ovf_export_dialog_new         (GtkWindow              *parent,
                                                OvfDataset             *dataset,
                                                const OvfExportOptions *seed);
/* What the dialog would export, as it is set now; the path is unset. */
void             ovf_export_dialog_get_options (OvfExportDialog        *self,
                                                OvfExportOptions       *options);
/* Exports to the local @file in a thread (adding the format's extension
 * when the name has none), closes the dialog, and emits ::exported when
 * done. Export… calls it with the file chosen. */
void             ovf_export_dialog_export_to   (OvfExportDialog        *self,
                                                GFile                  *file);

G_END_DECLS
