/* ovf-window-private.h: the window's instance and what its files share
 *
 * The window is split along its seams: ovf-window.c (the class, template,
 * properties and the session's wiring), ovf-window-actions.c (the win.*
 * actions and keys), ovf-window-map.c (the map: sources, first view,
 * follow mode, go-to and zoom) and ovf-window-load.c (loading, in a
 * thread or not, adding tracks, reloading on change, recent files,
 * problems and drag and drop).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "ovf-event-detail.h"
#include "ovf-event-list.h"
#include "ovf-path-layer.h"
#include "ovf-session.h"
#include "ovf-timeline.h"
#include "ovf-track-list.h"
#include "ovf-window.h"

G_BEGIN_DECLS

struct _OvfWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkDropDown          *basemap_dropdown;
  AdwFlap              *flap;
  OvfEventList         *event_list;
  OvfEventDetail       *event_detail;
  ShumateMap           *map;
  GtkDrawingArea       *legend;
  GtkWidget            *map_controls;
  ShumateScale         *scale;
  ShumateLicense       *license;
  OvfTimeline          *timeline;
  GMenu                *primary_menu;
  GMenu                *recent_section;
  GtkMenuButton        *menu_button;
  GtkRevealer          *load_revealer;
  GtkSpinner           *load_spinner;
  GtkLabel             *load_label;
  GtkMenuButton        *tracks_button;
  OvfTrackList         *track_list;

  GSettings            *settings;
  /* What every view shows: the dataset, the clock and the selection. */
  OvfSession           *session;
  OvfOverlay           *overlay;
  OvfPathLayer         *path_layer;
  ShumateLayer         *base_layer;
  ShumateMapSource     *map_source;
  GtkCssProvider       *category_css;

  GFile                *file;
  GFileMonitor         *monitor;
  guint                 reload_id;
  GStrv                 problems;
  char                 *problems_file;
  /* The load running in a thread, and the timer that shows it. */
  GCancellable         *load_cancellable;
  guint                 load_progress_id;

  char                 *basemap;
  gboolean              source_is_osm;
  gboolean              source_dark;
  gboolean              follow;
  gboolean              sidebar_visible;

  /* A new dataset is fitted into view once the map has a size; explicit
   * centre and zoom (from the command line) win over the fit. */
  gboolean              fit_pending;
  gboolean              center_fixed;
  gboolean              zoom_fixed;

  /* Where the running map animation ends, and when. */
  double                goto_lat;
  double                goto_lon;
  double                goto_zoom;
  gint64                goto_until;
};

/* ovf-window-actions.c */
void     _ovf_window_class_actions_init  (GtkWidgetClass *widget_class);
void     _ovf_window_add_key_shortcuts   (OvfWindow      *self);
/* The dataset's main track when it has no times, for Give Times…; NULL
 * otherwise. */
OvfTrack *_ovf_window_get_untimed_track  (OvfWindow      *self);

/* ovf-window-map.c */
void     _ovf_window_init_map            (OvfWindow      *self);
void     _ovf_window_update_map_source   (OvfWindow      *self);
void     _ovf_window_schedule_fit        (OvfWindow      *self);
void     _ovf_window_follow_balloon      (OvfWindow      *self);
gboolean _ovf_window_locate_balloon      (OvfWindow      *self,
                                          OvfTrackFix    *fix);
void     _ovf_window_show_event_on_map   (OvfWindow      *self,
                                          OvfEvent       *event);
/* One whole zoom level in (+1) or out (-1), animated. */
void     _ovf_window_zoom_step           (OvfWindow      *self,
                                          int             direction);

/* ovf-window-load.c */
void     _ovf_window_init_load           (OvfWindow      *self);
void     _ovf_window_dispose_load        (OvfWindow      *self);
/* @file NULL loads the bundled dataset; a reload keeps the time, the view
 * and the selection. */
gboolean _ovf_window_load                (OvfWindow      *self,
                                          GFile          *file,
                                          gboolean        reload);
/* The same in a thread, cancelling the one running; a load that takes
 * long shows its progress over the map. */
void     _ovf_window_load_async          (OvfWindow      *self,
                                          GFile          *file,
                                          gboolean        reload);
void     _ovf_window_cancel_load         (OvfWindow      *self);
void     _ovf_window_show_problems       (OvfWindow      *self);

G_END_DECLS
