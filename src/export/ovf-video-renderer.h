/* ovf-video-renderer.h: a replay of the dataset as a video clip, drawn with no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ovf-video-profile.h"

G_BEGIN_DECLS

#define OVF_TYPE_VIDEO_RENDERER (ovf_video_renderer_get_type ())
G_DECLARE_FINAL_TYPE (OvfVideoRenderer, ovf_video_renderer, OVF, VIDEO_RENDERER, GObject)

/* Plans the clip (its frames' times and views) and finds an encoder;
 * fails with a message if the options are out of range or the format is
 * not available here. */
OvfVideoRenderer      *ovf_video_renderer_new               (OvfDataset             *dataset,
                                                             const OvfVideoOptions  *options,
                                                             GError                **error);
guint                  ovf_video_renderer_get_n_frames      (OvfVideoRenderer       *self);
const OvfVideoProfile *ovf_video_renderer_get_profile       (OvfVideoRenderer       *self);
/* Clock seconds per second of film while the clock runs. */
double                 ovf_video_renderer_get_speed         (OvfVideoRenderer       *self);
/* 0 to 1; notified on the thread or main context rendering was started from. */
double                 ovf_video_renderer_get_progress      (OvfVideoRenderer       *self);

/* The snapshot options frame @index is drawn with, as `--export` takes
 * them; FALSE when the frame is not that snapshot alone: a title or end
 * card, or a note ("3 days later") over the map. */
gboolean               ovf_video_renderer_get_frame_options (OvfVideoRenderer       *self,
                                                             guint                   index,
                                                             OvfExportOptions       *out_options);
/* Frame @index as it goes to the encoder. */
cairo_surface_t       *ovf_video_renderer_draw_frame        (OvfVideoRenderer       *self,
                                                             guint                   index,
                                                             GError                **error);

/* Draws every frame and writes the file (and with sidecar, its JSON)
 * atomically; cancelled or failed, it leaves no new file behind. */
gboolean               ovf_video_renderer_render            (OvfVideoRenderer       *self,
                                                             GCancellable           *cancellable,
                                                             GError                **error);
/* The same on a worker thread, for the window's dialog. */
void                   ovf_video_renderer_render_async      (OvfVideoRenderer       *self,
                                                             GCancellable           *cancellable,
                                                             GAsyncReadyCallback     callback,
                                                             gpointer                user_data);
gboolean               ovf_video_renderer_render_finish     (OvfVideoRenderer       *self,
                                                             GAsyncResult           *result,
                                                             GError                **error);
/* The clip's provenance: the snapshot's, plus range and settings. */
JsonNode              *ovf_video_renderer_describe          (OvfVideoRenderer       *self);

G_END_DECLS
