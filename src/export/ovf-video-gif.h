/* ovf-video-gif.h: animated GIF writing, with one dithered palette for the whole clip
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <stdio.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _OvfVideoGif OvfVideoGif;

/* Writes to @file, which stays the caller's; @path is for messages. The
 * palette comes from @samples, ARGB32 frames spread over the clip. */
OvfVideoGif *ovf_video_gif_new        (FILE             *file,
                                       const char       *path,
                                       int               width,
                                       int               height,
                                       int               fps,
                                       cairo_surface_t **samples,
                                       guint             n_samples,
                                       GError          **error);
gboolean     ovf_video_gif_add_frame  (OvfVideoGif      *self,
                                       cairo_surface_t  *frame,
                                       GError          **error);
/* Writes the trailer and frees @self, whether or not it succeeds. */
gboolean     ovf_video_gif_close      (OvfVideoGif      *self,
                                       GError          **error);

G_END_DECLS
