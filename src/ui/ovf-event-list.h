/* ovf-event-list.h: the sidebar's list of events, grouped by day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ovf-event.h"
#include "ovf-session.h"

G_BEGIN_DECLS

#define OVF_TYPE_EVENT_LIST (ovf_event_list_get_type ())
G_DECLARE_FINAL_TYPE (OvfEventList, ovf_event_list, OVF, EVENT_LIST, GtkWidget)

GtkWidget  *ovf_event_list_new                (void);
GListModel *ovf_event_list_get_model          (OvfEventList *self);
/* @model: OvfEvent items sorted by time (nullable). */
void        ovf_event_list_set_model          (OvfEventList *self,
                                               GListModel   *model);
OvfEvent   *ovf_event_list_get_selected_event (OvfEventList *self);
void        ovf_event_list_set_selected_event (OvfEventList *self,
                                               OvfEvent     *event);
OvfEvent   *ovf_event_list_get_current_event  (OvfEventList *self);
void        ovf_event_list_set_current_event  (OvfEventList *self,
                                               OvfEvent     *event);

/* Shows @session's events, marks its current event and selects its
 * selected one; choosing a row selects that event in @session (nullable). */
void        ovf_event_list_set_session        (OvfEventList *self,
                                               OvfSession   *session);

G_END_DECLS
