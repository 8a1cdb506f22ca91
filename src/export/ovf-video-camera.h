/* ovf-video-camera.h: where each frame of a clip looks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ovf-video-schedule.h"

G_BEGIN_DECLS

/* One view per frame of @schedule (only the centre and zoom are set),
 * planned in order so that the follow camera's spring is the same
 * whichever frame is asked for first. */
GArray *ovf_video_camera_plan (OvfDataset            *dataset,
                               const OvfVideoOptions *options,
                               OvfVideoSchedule      *schedule);

G_END_DECLS
