/* ovf-event-row.h: one event in the sidebar's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ovf-event.h"

G_BEGIN_DECLS

#define OVF_TYPE_EVENT_ROW (ovf_event_row_get_type ())
G_DECLARE_FINAL_TYPE (OvfEventRow, ovf_event_row, OVF, EVENT_ROW, GtkWidget)

GtkWidget *ovf_event_row_new         (void);
OvfEvent  *ovf_event_row_get_event   (OvfEventRow *self);
/* @show_day: whether the row opens a new day and so carries its heading. */
void       ovf_event_row_set_event   (OvfEventRow *self,
                                      OvfEvent    *event,
                                      gboolean     show_day);
/* The current event is the last one at or before the timeline's time. */
void       ovf_event_row_set_current (OvfEventRow *self,
                                      gboolean     current);

G_END_DECLS
