/* ovf-camera-path.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ovf-camera-path.h"
#include "ovf-geo.h"
#include "ovf-track.h"

#define TILE_SIZE 256.0

typedef struct
{
  OvfTime       time;
  OvfCameraPose pose;
} Keyframe;

struct _OvfCameraPath
{
  GObject  parent_instance;
  GArray  *keyframes;   /* of Keyframe, by time */
};

G_DEFINE_FINAL_TYPE (OvfCameraPath, ovf_camera_path, G_TYPE_OBJECT)

static void
ovf_camera_path_finalize (GObject *object)
{
  OvfCameraPath *self = OVF_CAMERA_PATH (object);

  g_array_unref (self->keyframes);
  G_OBJECT_CLASS (ovf_camera_path_parent_class)->finalize (object);
}

static void
ovf_camera_path_class_init (OvfCameraPathClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ovf_camera_path_finalize;
}

static void
ovf_camera_path_init (OvfCameraPath *self)
{
  self->keyframes = g_array_new (FALSE, FALSE, sizeof (Keyframe));
}

OvfCameraPath *
ovf_camera_path_new (void)
{
  return g_object_new (OVF_TYPE_CAMERA_PATH, NULL);
}

OvfCameraPath *
ovf_camera_path_new_for_events (OvfDataset *dataset,
                                OvfTime     start,
                                OvfTime     end,
                                double      zoom)
{
  OvfCameraPath *self = ovf_camera_path_new ();
  GListModel *events = ovf_dataset_get_events (dataset);
  OvfTrack *track = ovf_dataset_get_main_track (dataset);

  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(OvfEvent) event = g_list_model_get_item (events, i);
      OvfTime time = ovf_event_get_time (event);
      OvfCameraPose pose = { .zoom = zoom };
      double lat, lon;

      if (time < start || time > end)
        continue;
      if (ovf_event_has_location (event))
        {
          lat = ovf_event_get_latitude (event);
          lon = ovf_event_get_longitude (event);
        }
      else if (track != NULL && ovf_track_get_n_points (track) > 0 && ovf_track_has_times (track))
        {
          OvfTrackFix fix;

          ovf_track_locate (track, time, &fix);
          lat = fix.lat;
          lon = fix.lon;
        }
      else
        {
          continue;
        }
      ovf_geo_to_mercator (lat, lon, &pose.center_x, &pose.center_y);
      /* Two events at one instant: the later one's pose wins. */
      if (self->keyframes->len > 0 &&
          g_array_index (self->keyframes, Keyframe, self->keyframes->len - 1).time == time)
        g_array_set_size (self->keyframes, self->keyframes->len - 1);
      ovf_camera_path_add (self, time, &pose);
    }
  return self;
}

void
ovf_camera_path_add (OvfCameraPath       *self,
                     OvfTime              time,
                     const OvfCameraPose *pose)
{
  Keyframe keyframe = { time, *pose };

  g_return_if_fail (OVF_IS_CAMERA_PATH (self));
  g_return_if_fail (self->keyframes->len == 0 ||
                    g_array_index (self->keyframes, Keyframe, self->keyframes->len - 1).time < time);

  g_array_append_val (self->keyframes, keyframe);
}

guint
ovf_camera_path_get_n_keyframes (OvfCameraPath *self)
{
  g_return_val_if_fail (OVF_IS_CAMERA_PATH (self), 0);

  return self->keyframes->len;
}

OvfTime
ovf_camera_path_get_time (OvfCameraPath *self,
                          guint          index)
{
  g_return_val_if_fail (OVF_IS_CAMERA_PATH (self), OVF_TIME_NONE);
  g_return_val_if_fail (index < self->keyframes->len, OVF_TIME_NONE);

  return g_array_index (self->keyframes, Keyframe, index).time;
}

/* Zero speed at both ends: no jolt leaving or reaching a keyframe. */
static double
ease (double s)
{
  return s * s * s * (s * (s * 6.0 - 15.0) + 10.0);
}

void
ovf_camera_path_get_pose (OvfCameraPath *self,
                          OvfTime        time,
                          double         viewport_width,
                          OvfCameraPose *out_pose)
{
  const Keyframe *k = (const Keyframe *) (gpointer) self->keyframes->data;
  guint n = self->keyframes->len, after;
  const Keyframe *a, *b;
  double s, e, dx, dy, lowest, span_px, rise;

  g_return_if_fail (OVF_IS_CAMERA_PATH (self));
  g_return_if_fail (n > 0);

  after = ovf_time_count_before (&k[0].time, sizeof (Keyframe), n, time, TRUE);
  if (after == 0 || after == n)
    {
      *out_pose = k[after == 0 ? 0 : n - 1].pose;
      return;
    }
  a = &k[after - 1];
  b = &k[after];

  s = (double) (time - a->time) / (double) (b->time - a->time);
  e = ease (s);
  dx = b->pose.center_x - a->pose.center_x;
  dx -= round (dx);   /* the short way round */
  dy = b->pose.center_y - a->pose.center_y;

  /* Rise until the whole hop fits in the viewport at the top of the arc. */
  lowest = MIN (a->pose.zoom, b->pose.zoom);
  span_px = hypot (dx, dy) * TILE_SIZE * exp2 (lowest);
  rise = span_px > viewport_width * 0.5 ? log2 (span_px / (viewport_width * 0.5)) : 0.0;

  out_pose->center_x = a->pose.center_x + dx * e;
  out_pose->center_x -= floor (out_pose->center_x);
  out_pose->center_y = a->pose.center_y + dy * e;
  out_pose->zoom = a->pose.zoom + (b->pose.zoom - a->pose.zoom) * e - rise * sin (G_PI * s);
  out_pose->zoom = MAX (out_pose->zoom, 0.0);
}
