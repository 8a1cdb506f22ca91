/* ovf-session.h: what the views of one window show, held in one place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ovf-dataset.h"

G_BEGIN_DECLS

#define OVF_TYPE_SESSION (ovf_session_get_type ())
G_DECLARE_FINAL_TYPE (OvfSession, ovf_session, OVF, SESSION, GObject)

OvfSession *ovf_session_new                (void);

OvfDataset *ovf_session_get_dataset        (OvfSession *self);
void        ovf_session_set_dataset        (OvfSession *self,
                                            OvfDataset *dataset);

OvfTime     ovf_session_get_time           (OvfSession *self);
void        ovf_session_set_time           (OvfSession *self,
                                            OvfTime     time);
void        ovf_session_get_time_span      (OvfSession *self,
                                            OvfTime    *out_start,
                                            OvfTime    *out_end);

OvfEvent   *ovf_session_get_selected_event (OvfSession *self);
void        ovf_session_select_event       (OvfSession *self,
                                            OvfEvent   *event);
OvfEvent   *ovf_session_get_current_event  (OvfSession *self);

OvfTrack   *ovf_session_get_followed_track (OvfSession *self);
void        ovf_session_set_followed_track (OvfSession *self,
                                            OvfTrack   *track);
gboolean    ovf_session_get_track_visible  (OvfSession *self,
                                            OvfTrack   *track);
void        ovf_session_set_track_visible  (OvfSession *self,
                                            OvfTrack   *track,
                                            gboolean    visible);

G_END_DECLS
