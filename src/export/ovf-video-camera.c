/* ovf-video-camera.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ovf-camera-path.h"
#include "ovf-geo.h"
#include "ovf-track.h"
#include "ovf-video-camera.h"

/* A region a few thousand kilometres across on a 1920-pixel-wide frame;
 * smaller frames show the same region. */
#define CLOSE_ZOOM 6.0
/* Film seconds the follow camera takes to catch up: slow enough to glide,
 * quick enough to keep the balloon in the frame. */
#define FOLLOW_LAG 1.2

typedef struct
{
  double position;
  double velocity;
} Spring;

/* A critically damped spring, stepped exactly for any @dt: it never
 * overshoots, and never jumps. */
static void
spring_step (Spring *spring,
             double  target,
             double  dt)
{
  double omega = 2.0 / FOLLOW_LAG;
  double x = omega * dt;
  double decay = 1.0 / (1.0 + x + 0.48 * x * x + 0.235 * x * x * x);
  double change = spring->position - target;
  double temp = (spring->velocity + omega * change) * dt;

  spring->velocity = (spring->velocity - omega * temp) * decay;
  spring->position = target + (change + temp) * decay;
}

static double
close_zoom (const OvfVideoOptions *options)
{
  double logical_width = options->frame.width / options->frame.scale;

  return CLAMP (CLOSE_ZOOM + log2 (logical_width / 1920.0), 0.0, 20.0);
}

static void
plan_follow (OvfDataset            *dataset,
             const OvfVideoOptions *options,
             OvfVideoSchedule      *schedule,
             GArray                *views)
{
  OvfTrack *track = ovf_dataset_get_main_track (dataset);
  guint n = ovf_video_schedule_get_n_frames (schedule);
  OvfMapView view = options->frame.view;
  Spring sx = { 0, }, sy = { 0, };
  double dt = 1.0 / options->fps;

  view.zoom = close_zoom (options);
  for (guint i = 0; i < n; i++)
    {
      OvfVideoFrame frame;
      OvfTrackFix fix;
      double x, y;

      ovf_video_schedule_get_frame (schedule, i, &frame);
      ovf_track_locate (track, frame.time, &fix);
      ovf_geo_to_mercator (fix.lat, fix.lon, &x, &y);
      if (i == 0)
        {
          sx.position = x;
          sy.position = y;
        }
      /* The short way round the antimeridian. */
      x = sx.position + remainder (x - sx.position, 1.0);
      spring_step (&sx, x, dt);
      spring_step (&sy, y, dt);
      view.center_x = sx.position - floor (sx.position);
      view.center_y = CLAMP (sy.position, 0.0, 1.0);
      g_array_append_val (views, view);
    }
}

static void
plan_story (OvfDataset            *dataset,
            const OvfVideoOptions *options,
            OvfVideoSchedule      *schedule,
            OvfCameraPath         *path,
            GArray                *views)
{
  guint n = ovf_video_schedule_get_n_frames (schedule);
  OvfMapView view = options->frame.view;

  for (guint i = 0; i < n; i++)
    {
      OvfVideoFrame frame;
      OvfCameraPose pose;

      ovf_video_schedule_get_frame (schedule, i, &frame);
      ovf_camera_path_get_pose (path, frame.time, options->frame.width / options->frame.scale, &pose);
      view.center_x = pose.center_x;
      view.center_y = pose.center_y;
      view.zoom = pose.zoom;
      g_array_append_val (views, view);
    }
}

GArray *
ovf_video_camera_plan (OvfDataset            *dataset,
                       const OvfVideoOptions *options,
                       OvfVideoSchedule      *schedule)
{
  guint n = ovf_video_schedule_get_n_frames (schedule);
  GArray *views = g_array_sized_new (FALSE, FALSE, sizeof (OvfMapView), n);
  OvfExportOptions still = options->frame;
  g_autoptr(OvfCameraPath) path = NULL;
  OvfTrack *track = ovf_dataset_get_main_track (dataset);
  gboolean has_track = track != NULL && ovf_track_get_n_points (track) > 0;

  switch (options->camera)
    {
    case OVF_VIDEO_CAMERA_FOLLOW:
      if (has_track)
        {
          plan_follow (dataset, options, schedule, views);
          return views;
        }
      break;
    case OVF_VIDEO_CAMERA_STORY:
      path = ovf_camera_path_new_for_events (dataset, ovf_video_schedule_get_start (schedule),
                                             ovf_video_schedule_get_end (schedule), close_zoom (options));
      if (ovf_camera_path_get_n_keyframes (path) > 0)
        {
          plan_story (dataset, options, schedule, path, views);
          return views;
        }
      break;
    case OVF_VIDEO_CAMERA_FIT:
      if (has_track)
        ovf_export_options_fit_span (&still, dataset, ovf_video_schedule_get_start (schedule),
                                     ovf_video_schedule_get_end (schedule));
      break;
    case OVF_VIDEO_CAMERA_FIXED:
    default:
      break;
    }

  /* A still camera, or one with nothing to follow. */
  for (guint i = 0; i < n; i++)
    g_array_append_val (views, still.view);
  return views;
}
