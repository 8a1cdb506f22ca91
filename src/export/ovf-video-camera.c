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
/* Film seconds the follow camera takes to move on: slow enough to glide,
 * quick enough to keep the balloon in the frame. */
#define GLIDE 1.5
/* Fractions of the frame: the balloon may stray this far from the centre
 * before the camera moves, which then puts it this far behind the centre. */
#define STRAY 0.25
#define LEAD  0.2

/* Zero speed and acceleration at both ends: the camera sets off and
 * comes to rest without a jolt. */
static double
ease (double s)
{
  s = CLAMP (s, 0.0, 1.0);
  return s * s * s * (s * (s * 6.0 - 15.0) + 10.0);
}

static double
close_zoom (const OvfVideoOptions *options)
{
  double logical_width = options->frame.width / options->frame.scale;

  return CLAMP (CLOSE_ZOOM + log2 (logical_width / 1920.0), 0.0, 20.0);
}

/* The follow camera rests while the balloon crosses the middle of the
 * frame; once it strays, the camera glides to a point ahead of it, and
 * rests again. Never a jump, never a re-centre every frame,
 * and while the camera rests the basemap is drawn once. */
static void
plan_follow (OvfDataset            *dataset,
             const OvfVideoOptions *options,
             OvfVideoSchedule      *schedule,
             GArray                *views)
{
  OvfTrack *track = ovf_dataset_get_main_track (dataset);
  guint n = ovf_video_schedule_get_n_frames (schedule);
  OvfMapView view = options->frame.view;
  double world, width, height, glide = -1.0;
  double cam_x = 0.0, cam_y = 0.0, from_x = 0.0, from_y = 0.0, to_x = 0.0, to_y = 0.0;
  double last_x = 0.0, last_y = 0.0;

  view.zoom = close_zoom (options);
  world = 256.0 * exp2 (view.zoom);
  width = options->frame.width / options->frame.scale;
  height = options->frame.height / options->frame.scale;
  for (guint i = 0; i < n; i++)
    {
      OvfVideoFrame frame;
      OvfTrackFix fix;
      double x, y, dx, dy, step;

      ovf_video_schedule_get_frame (schedule, i, &frame);
      ovf_track_locate (track, frame.time, &fix);
      ovf_geo_to_mercator (fix.lat, fix.lon, &x, &y);
      if (i == 0)
        {
          cam_x = last_x = x;
          cam_y = last_y = y;
        }
      /* The short way round the antimeridian. */
      x = cam_x + remainder (x - cam_x, 1.0);

      if (glide < 0.0 && (fabs (x - cam_x) * world > STRAY * width || fabs (y - cam_y) * world > STRAY * height))
        {
          /* To a point ahead of the balloon, along its way. */
          dx = x - last_x;
          dy = y - last_y;
          step = hypot (dx * world / width, dy * world / height);
          from_x = cam_x;
          from_y = cam_y;
          to_x = x + (step > 0.0 ? dx / step * LEAD : 0.0);
          to_y = y + (step > 0.0 ? dy / step * LEAD : 0.0);
          glide = 0.0;
        }
      if (glide >= 0.0)
        {
          glide += 1.0 / options->fps;
          cam_x = from_x + (to_x - from_x) * ease (glide / GLIDE);
          cam_y = from_y + (to_y - from_y) * ease (glide / GLIDE);
          if (glide >= GLIDE)
            glide = -1.0;
        }
      last_x = x;
      last_y = y;
      view.center_x = cam_x - floor (cam_x);
      view.center_y = CLAMP (cam_y, 0.0, 1.0);
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
  gboolean has_track = track != NULL && ovf_track_get_n_points (track) > 0 && ovf_track_has_times (track);

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
        {
          OvfFit fit = { OVF_FIT_SPAN, ovf_video_schedule_get_start (schedule),
                         ovf_video_schedule_get_end (schedule) };

          ovf_export_options_fit_to (&still, dataset, &fit);
        }
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
