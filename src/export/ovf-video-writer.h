/* ovf-video-writer.h: a clip's frames into a file, written atomically
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "ovf-video-profile.h"

G_BEGIN_DECLS

#define OVF_TYPE_VIDEO_WRITER (ovf_video_writer_get_type ())
G_DECLARE_FINAL_TYPE (OvfVideoWriter, ovf_video_writer, OVF, VIDEO_WRITER, GObject)

/* Opens a temporary file (for PNG frames, a folder) beside @path. The
 * samples (nullable, ARGB32 frames spread over the clip) give a GIF its
 * palette. Until ovf_video_writer_finish() succeeds, @path is untouched,
 * and dropping the writer removes every trace of it. */
OvfVideoWriter *ovf_video_writer_new    (const OvfVideoProfile  *profile,
                                         const char             *path,
                                         int                     width,
                                         int                     height,
                                         int                     fps,
                                         cairo_surface_t       **samples,
                                         guint                   n_samples,
                                         GError                **error);
/* Takes @frame (an ARGB32 image); encoding goes on in GStreamer's threads
 * while the caller draws the next one. */
gboolean        ovf_video_writer_push   (OvfVideoWriter         *self,
                                         cairo_surface_t        *frame,
                                         GCancellable           *cancellable,
                                         GError                **error);
/* Ends the stream, waits for the encoder and renames the file into place. */
gboolean        ovf_video_writer_finish (OvfVideoWriter         *self,
                                         GCancellable           *cancellable,
                                         GError                **error);

G_END_DECLS
