/* ovf-track-list.h: the tracks of a session, each to show or hide, one to follow
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ovf-session.h"

G_BEGIN_DECLS

#define OVF_TYPE_TRACK_LIST (ovf_track_list_get_type ())
G_DECLARE_FINAL_TYPE (OvfTrackList, ovf_track_list, OVF, TRACK_LIST, GtkWidget)

GtkWidget *ovf_track_list_new         (void);
/* Lists @session's tracks and keeps their visibility and the followed one
 * in step with it, both ways (nullable). */
void       ovf_track_list_set_session (OvfTrackList *self,
                                       OvfSession   *session);

G_END_DECLS
