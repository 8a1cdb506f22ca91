/* ovf-video-options.h: what a video clip shows, and how it is written
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ovf-exporter.h"

G_BEGIN_DECLS

typedef enum
{
  OVF_VIDEO_FORMAT_AUTO,        /* from the output path */
  OVF_VIDEO_FORMAT_WEBM,        /* VP9, or VP8 where VP9 is missing */
  OVF_VIDEO_FORMAT_GIF,
  OVF_VIDEO_FORMAT_MP4,         /* H.264, where an encoder exists */
  OVF_VIDEO_FORMAT_PNG_FRAMES,  /* a folder of numbered PNG images */
} OvfVideoFormat;

typedef enum
{
  OVF_VIDEO_CAMERA_FIXED,       /* the view of the options, throughout */
  OVF_VIDEO_CAMERA_FIT,         /* fitted once to the track flown in the range */
  OVF_VIDEO_CAMERA_FOLLOW,      /* trails the balloon on a damped spring */
  OVF_VIDEO_CAMERA_STORY,       /* flies from event to event, pausing on each */
} OvfVideoCamera;

/* Sides of up to 3840×2160 (4K UHD, either way round). */
#define OVF_VIDEO_MAX_LONG_SIDE  3840
#define OVF_VIDEO_MAX_SHORT_SIDE 2160

typedef struct
{
  /* Each frame's snapshot: size, view (the fixed camera's), colours and
   * what is shown; its time, selected event and basemap image are set
   * per frame. Its output path is unused. */
  OvfExportOptions frame;
  const char      *output_path;
  OvfVideoFormat   format;
  /* The clock's range; OVF_TIME_NONE for the dataset's start or end. */
  OvfTime          start;
  OvfTime          end;
  /* Seconds of film, cards aside; or, when speed > 0, clock seconds per
   * second of film (pauses and idle stretches then add their own). */
  double           duration;
  double           speed;
  int              fps;
  OvfVideoCamera   camera;
  gboolean         cards;       /* title and end cards */
  gboolean         skip_idle;   /* days with nothing pass in a second */
  gboolean         sidecar;
} OvfVideoOptions;

/* 30 s of 1920×1080 at 30 fps over the whole dataset, fixed on its track;
 * a GIF path makes it 960×540 at 12 fps. */
void            ovf_video_options_init          (OvfVideoOptions       *options,
                                                 OvfDataset            *dataset,
                                                 const char            *output_path);
/* The range from a few hours before @event to a few hours after it (or
 * after its end), for a clip of one moment of the story. */
void            ovf_video_options_set_around_event (OvfVideoOptions    *options,
                                                    OvfEvent           *event);
gboolean        ovf_video_options_check         (const OvfVideoOptions *options,
                                                 GError               **error);

/* .webm, .gif, .mp4, or a path ending in "/" for PNG frames; AUTO if none. */
OvfVideoFormat  ovf_video_format_from_path      (const char            *path);
const char     *ovf_video_format_get_name       (OvfVideoFormat         format);

/* "1h/s", "30m/s", "2d/s", "90s/s" or a plain number of clock seconds
 * per second of film. */
gboolean        ovf_video_parse_speed           (const char            *text,
                                                 double                *out_speed,
                                                 GError               **error);
gboolean        ovf_video_parse_camera          (const char            *text,
                                                 OvfVideoCamera        *out_camera,
                                                 GError               **error);
const char     *ovf_video_camera_to_string      (OvfVideoCamera         camera);

G_END_DECLS
