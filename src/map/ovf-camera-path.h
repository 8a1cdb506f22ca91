/* ovf-camera-path.h: a camera that flies between keyframes, for videos and presenter mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ovf-dataset.h"

G_BEGIN_DECLS

typedef struct
{
  double center_x;   /* Web Mercator, unit square */
  double center_y;
  double zoom;
} OvfCameraPose;

#define OVF_TYPE_CAMERA_PATH (ovf_camera_path_get_type ())
G_DECLARE_FINAL_TYPE (OvfCameraPath, ovf_camera_path, OVF, CAMERA_PATH, GObject)

OvfCameraPath *ovf_camera_path_new             (void);
/* The story of @dataset between @start and @end: one keyframe per event,
 * at the event's place or else the main track's position then, at @zoom. */
OvfCameraPath *ovf_camera_path_new_for_events  (OvfDataset          *dataset,
                                                OvfTime              start,
                                                OvfTime              end,
                                                double               zoom);
/* Keyframes must come in increasing time. */
void           ovf_camera_path_add             (OvfCameraPath       *self,
                                                OvfTime              time,
                                                const OvfCameraPose *pose);
guint          ovf_camera_path_get_n_keyframes (OvfCameraPath       *self);
OvfTime        ovf_camera_path_get_time        (OvfCameraPath       *self,
                                                guint                index);
/* The pose at @time: still at each keyframe, easing out of one and into
 * the next, rising (zooming out) over long flights so the way stays in
 * sight, and taking the short way round the antimeridian. Before the
 * first keyframe and after the last, their poses. */
void           ovf_camera_path_get_pose        (OvfCameraPath       *self,
                                                OvfTime              time,
                                                double               viewport_width,
                                                OvfCameraPose       *out_pose);

G_END_DECLS
