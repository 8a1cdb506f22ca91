/* ovf-go-to-time.h: the popover that takes a typed time to go to
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ovf-time.h"

G_BEGIN_DECLS

#define OVF_TYPE_GO_TO_TIME (ovf_go_to_time_get_type ())
G_DECLARE_FINAL_TYPE (OvfGoToTime, ovf_go_to_time, OVF, GO_TO_TIME, GtkPopover)

GtkWidget *ovf_go_to_time_new       (void);
/* The time the field offers to edit when the popover opens. */
void       ovf_go_to_time_set_time  (OvfGoToTime *self,
                                     OvfTime      time);
/* Shows why the entered text is no time to go to, until it is edited;
 * for a handler of ::entered. */
void       ovf_go_to_time_set_error (OvfGoToTime *self,
                                     const char  *message);

G_END_DECLS
