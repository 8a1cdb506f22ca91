/* ovf-export-dialog.h: Export Snapshot…, with a live preview
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ovf-window.h"

G_BEGIN_DECLS

#define OVF_TYPE_EXPORT_DIALOG (ovf_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (OvfExportDialog, ovf_export_dialog, OVF, EXPORT_DIALOG, AdwWindow)

/* Opens the dialog for @window's dataset, view, time and selection. */
void ovf_export_dialog_present (OvfWindow *window);

G_END_DECLS
