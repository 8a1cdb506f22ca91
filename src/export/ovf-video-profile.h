/* ovf-video-profile.h: which encoders this system has, asked of GStreamer's registry
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ovf-video-options.h"

G_BEGIN_DECLS

typedef struct
{
  OvfVideoFormat  format;
  const char     *codec;      /* "VP9", "H.264", "GIF", "PNG" */
  /* GStreamer elements, or NULL for formats Overflight writes itself. */
  const char     *encoder;
  const char     *parser;     /* nullable: between encoder and muxer */
  const char     *muxer;
} OvfVideoProfile;

/* The best available profile for @format; fails with a message naming
 * what is missing and the formats that are available. */
gboolean  ovf_video_profile_find            (OvfVideoFormat    format,
                                             OvfVideoProfile  *out_profile,
                                             GError          **error);
gboolean  ovf_video_format_is_available     (OvfVideoFormat    format);
/* "WebM video (.webm), animated GIF (.gif), numbered PNG frames (a folder name ending in /)" */
char     *ovf_video_profile_list_available  (void);
/* A gst_parse_launch() description from appsrc "src" to filesink "sink". */
char     *ovf_video_profile_describe_pipeline (const OvfVideoProfile *profile,
                                               int                    width,
                                               int                    height,
                                               int                    fps);

G_END_DECLS
