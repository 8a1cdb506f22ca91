/* ovf-window.h: the main window: a map, the event list and detail, a timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ovf-dataset.h"
#include "ovf-export-dialog.h"
#include "ovf-overlay.h"
#include "ovf-session.h"

G_BEGIN_DECLS

#define OVF_TYPE_WINDOW (ovf_window_get_type ())
G_DECLARE_FINAL_TYPE (OvfWindow, ovf_window, OVF, WINDOW, AdwApplicationWindow)

OvfWindow  *ovf_window_new                (GtkApplication *application);
/* Loads a dataset or any track file Overflight reads, as its content
 * says, before returning; on failure the current one stays and the errors
 * are shown. Returns whether the file was loaded. */
gboolean    ovf_window_load_file          (OvfWindow      *self,
                                           GFile          *file);
void        ovf_window_load_bundled       (OvfWindow      *self);
/* Loads in a thread, as the window's own ways of opening do: the window
 * shows the result, or the problems, when it is read. Starting another
 * load, or Cancel, drops this one and keeps the current dataset. */
void        ovf_window_open_file          (OvfWindow      *self,
                                           GFile          *file);
gboolean    ovf_window_is_loading         (OvfWindow      *self);
/* Reads @file as ovf_window_open_file () does, then adds its tracks to
 * the dataset shown (ids made unique), keeping the time and selection. */
void        ovf_window_add_tracks_from_file (OvfWindow    *self,
                                             GFile        *file);
/* The dataset, clock and selection every view of the window shows. */
OvfSession *ovf_window_get_session        (OvfWindow      *self);
OvfDataset *ovf_window_get_dataset        (OvfWindow      *self);
/* The file the dataset came from; NULL for the bundled one. */
GFile      *ovf_window_get_file           (OvfWindow      *self);
/* "FILE:LINE:COLUMN: message" lines of the last load that failed; NULL
 * once a load succeeds. */
const char * const *ovf_window_get_problems (OvfWindow    *self);
OvfOverlay *ovf_window_get_overlay        (OvfWindow      *self);
/* The map's current view, for export. */
void        ovf_window_get_map_view       (OvfWindow      *self,
                                           OvfMapView     *out);
OvfTime     ovf_window_get_time           (OvfWindow      *self);
void        ovf_window_set_time           (OvfWindow      *self,
                                           OvfTime         time);
/* Centres the map; the latitude is clamped to what Web Mercator shows
 * and the longitude wrapped. */
void        ovf_window_set_center         (OvfWindow      *self,
                                           double          latitude,
                                           double          longitude);
void        ovf_window_set_zoom           (OvfWindow      *self,
                                           double          zoom);
/* The export dialog for the window's dataset, view, time and selection;
 * the window shows its result as a toast. NULL without a dataset. */
OvfExportDialog *ovf_window_new_export_dialog (OvfWindow  *self);
/* Selects @event, one of the dataset's, in the session: the list, the map
 * and the timeline show it, the time moves to it and the map to its place
 * (NULL clears the selection). */
OvfEvent   *ovf_window_get_selected_event (OvfWindow      *self);
void        ovf_window_select_event       (OvfWindow      *self,
                                           OvfEvent       *event);

G_END_DECLS
