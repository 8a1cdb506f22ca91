/* ovf-video-schedule.h: which moment of the story each frame of a clip shows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ovf-video-options.h"

G_BEGIN_DECLS

typedef enum
{
  OVF_VIDEO_FRAME_MAP,
  OVF_VIDEO_FRAME_TITLE_CARD,
  OVF_VIDEO_FRAME_END_CARD,
} OvfVideoFrameKind;

typedef struct
{
  OvfVideoFrameKind  kind;
  OvfTime            time;        /* the clock; on cards, the range's start or end */
  /* Nullable, unowned: an earlier event whose caption is still being read
   * while the clock has passed the next one; NULL for the latest event. */
  OvfEvent          *held_event;
  /* Nullable, unowned: the event whose caption the new one fades in over,
   * at caption_alpha (1 when there is none). */
  OvfEvent          *fading_event;
  double             caption_alpha;
  const char        *note;        /* nullable: "3 days later" over a skipped stretch */
  double             note_alpha;
  double             card_alpha;  /* cards fade in from and out to black */
} OvfVideoFrame;

#define OVF_TYPE_VIDEO_SCHEDULE (ovf_video_schedule_get_type ())
G_DECLARE_FINAL_TYPE (OvfVideoSchedule, ovf_video_schedule, OVF, VIDEO_SCHEDULE, GObject)

/* Pauses on each event when @pause_on_events (the story camera). */
OvfVideoSchedule *ovf_video_schedule_new          (OvfDataset             *dataset,
                                                   const OvfVideoOptions  *options,
                                                   gboolean                pause_on_events,
                                                   GError                **error);
guint             ovf_video_schedule_get_n_frames (OvfVideoSchedule       *self);
void              ovf_video_schedule_get_frame    (OvfVideoSchedule       *self,
                                                   guint                   index,
                                                   OvfVideoFrame          *out_frame);
OvfTime           ovf_video_schedule_get_start    (OvfVideoSchedule       *self);
OvfTime           ovf_video_schedule_get_end      (OvfVideoSchedule       *self);
/* Clock seconds per second of film while the clock runs. */
double            ovf_video_schedule_get_speed    (OvfVideoSchedule       *self);

G_END_DECLS
