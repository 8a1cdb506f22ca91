/* ovf-event-detail.h: the selected event, its times, place and sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ovf-event.h"
#include "ovf-session.h"
#include "ovf-track.h"

G_BEGIN_DECLS

#define OVF_TYPE_EVENT_DETAIL (ovf_event_detail_get_type ())
G_DECLARE_FINAL_TYPE (OvfEventDetail, ovf_event_detail, OVF, EVENT_DETAIL, GtkWidget)

GtkWidget *ovf_event_detail_new       (void);
OvfEvent  *ovf_event_detail_get_event (OvfEventDetail *self);
/* @track: the track the balloon follows, to say whether its position at
 * the event's time is reported or estimated (nullable). */
void       ovf_event_detail_set_event (OvfEventDetail *self,
                                       OvfEvent       *event,
                                       OvfTrack       *track);

/* Shows @session's selected event, with the track it follows (nullable). */
void       ovf_event_detail_set_session (OvfEventDetail *self,
                                         OvfSession     *session);

G_END_DECLS
