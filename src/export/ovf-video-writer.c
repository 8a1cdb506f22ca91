/* ovf-video-writer.c
 *
 * WebM and MP4 go through GStreamer: frames converted to I420 here, then
 * appsrc → encoder → muxer → filesink, into a temporary file beside the
 * output. GIF and
 * PNG frames are written here. Whatever fails or is cancelled, the
 * temporary file goes and the output stays as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsrc.h>
#include <gst/gst.h>
#include <unistd.h>

#include "ovf-exporter.h"
#include "ovf-video-gif.h"
#include "ovf-video-writer.h"

/* Frames waiting for the encoder: enough to keep it busy while the next
 * is drawn, few enough to bound memory at 4K. */
#define MAX_QUEUED 3

struct _OvfVideoWriter
{
  GObject      parent_instance;
  OvfVideoFormat format;
  char        *path;
  char        *temp_path;    /* file, or folder for PNG frames */
  int          width;
  int          height;
  int          fps;
  guint        n_frames;
  gboolean     finished;
  /* GStreamer */
  GstElement  *pipeline;
  GstAppSrc   *src;
  GstBus      *bus;
  GstBufferPool *buffers;
  /* GIF */
  FILE        *file;
  OvfVideoGif *gif;
};

G_DEFINE_FINAL_TYPE (OvfVideoWriter, ovf_video_writer, G_TYPE_OBJECT)

static void
remove_temp (OvfVideoWriter *self)
{
  if (self->format == OVF_VIDEO_FORMAT_PNG_FRAMES)
    {
      for (guint i = 0; i < self->n_frames; i++)
        {
          g_autofree char *name = g_strdup_printf ("frame-%05u.png", i + 1);
          g_autofree char *frame = g_build_filename (self->temp_path, name, NULL);

          g_unlink (frame);
        }
      g_rmdir (self->temp_path);
    }
  else
    {
      g_unlink (self->temp_path);
    }
}

static void
ovf_video_writer_dispose (GObject *object)
{
  OvfVideoWriter *self = OVF_VIDEO_WRITER (object);

  if (self->pipeline != NULL)
    gst_element_set_state (self->pipeline, GST_STATE_NULL);
  if (self->gif != NULL)
    ovf_video_gif_close (g_steal_pointer (&self->gif), NULL);
  g_clear_pointer (&self->file, fclose);
  if (!self->finished && self->temp_path != NULL)
    remove_temp (self);
  if (self->buffers != NULL)
    gst_buffer_pool_set_active (self->buffers, FALSE);
  g_clear_object (&self->buffers);
  g_clear_object (&self->bus);
  g_clear_object (&self->src);
  g_clear_object (&self->pipeline);
  G_OBJECT_CLASS (ovf_video_writer_parent_class)->dispose (object);
}

static void
ovf_video_writer_finalize (GObject *object)
{
  OvfVideoWriter *self = OVF_VIDEO_WRITER (object);

  g_free (self->path);
  g_free (self->temp_path);
  G_OBJECT_CLASS (ovf_video_writer_parent_class)->finalize (object);
}

static void
ovf_video_writer_class_init (OvfVideoWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ovf_video_writer_dispose;
  object_class->finalize = ovf_video_writer_finalize;
}

static void
ovf_video_writer_init (OvfVideoWriter *self)
{
}

static void
set_errno_error (GError    **error,
                 const char *path,
                 int         saved_errno)
{
  g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_WRITE,
               _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
}

/* ".clip.webm.XXXXXX" beside the output, so the rename stays on one file system. */
static gboolean
make_temp (OvfVideoWriter  *self,
           GError         **error)
{
  g_autofree char *trimmed = g_strdup (self->path);
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  int fd;

  while (g_str_has_suffix (trimmed, "/") && strlen (trimmed) > 1)
    trimmed[strlen (trimmed) - 1] = '\0';
  dir = g_path_get_dirname (trimmed);
  base = g_path_get_basename (trimmed);
  name = g_strdup_printf (".%s.XXXXXX", base);
  self->temp_path = g_build_filename (dir, name, NULL);

  if (self->format == OVF_VIDEO_FORMAT_PNG_FRAMES)
    {
      if (g_mkdtemp (self->temp_path) == NULL)
        goto failed;
      return TRUE;
    }
  fd = g_mkstemp_full (self->temp_path, O_WRONLY, 0666);
  if (fd < 0)
    goto failed;
  if (self->format == OVF_VIDEO_FORMAT_GIF)
    {
      self->file = fdopen (fd, "wb");
      if (self->file != NULL)
        return TRUE;
    }
  close (fd);
  if (self->format != OVF_VIDEO_FORMAT_GIF)
    return TRUE;

failed:
  set_errno_error (error, self->path, errno);
  g_clear_pointer (&self->temp_path, g_free);
  return FALSE;
}

static void
start_buffer_pool (OvfVideoWriter *self)
{
  g_autoptr(GstCaps) caps = NULL;
  GstStructure *config;
  guint size = GST_ROUND_UP_4 (self->width) * self->height + GST_ROUND_UP_4 (self->width / 2) * self->height;

  g_object_get (self->src, "caps", &caps, NULL);
  self->buffers = gst_buffer_pool_new ();
  config = gst_buffer_pool_get_config (self->buffers);
  gst_buffer_pool_config_set_params (config, caps, size, MAX_QUEUED + 2, 0);
  gst_buffer_pool_set_config (self->buffers, config);
  gst_buffer_pool_set_active (self->buffers, TRUE);
}

static gboolean
start_pipeline (OvfVideoWriter         *self,
                const OvfVideoProfile  *profile,
                GError                **error)
{
  g_autofree char *description = ovf_video_profile_describe_pipeline (profile, self->width, self->height, self->fps);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GstElement) sink = NULL;

  self->pipeline = gst_parse_launch (description, &local_error);
  if (self->pipeline == NULL)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_FORMAT,
                   _("Could not set up the %s encoder: %s"), profile->codec, local_error->message);
      return FALSE;
    }
  gst_object_ref_sink (self->pipeline);
  self->src = GST_APP_SRC (gst_bin_get_by_name (GST_BIN (self->pipeline), "src"));
  sink = gst_bin_get_by_name (GST_BIN (self->pipeline), "sink");
  g_object_set (sink, "location", self->temp_path, NULL);
  self->bus = gst_element_get_bus (self->pipeline);
  start_buffer_pool (self);

  if (gst_element_set_state (self->pipeline, GST_STATE_PLAYING) == GST_STATE_CHANGE_FAILURE)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_FORMAT,
                   _("Could not start the %s encoder"), profile->codec);
      return FALSE;
    }
  return TRUE;
}

OvfVideoWriter *
ovf_video_writer_new (const OvfVideoProfile  *profile,
                      const char             *path,
                      int                     width,
                      int                     height,
                      int                     fps,
                      cairo_surface_t       **samples,
                      guint                   n_samples,
                      GError                **error)
{
  g_autoptr(OvfVideoWriter) self = g_object_new (OVF_TYPE_VIDEO_WRITER, NULL);

  self->format = profile->format;
  self->path = g_strdup (path);
  self->width = width;
  self->height = height;
  self->fps = fps;
  if (!make_temp (self, error))
    return NULL;

  switch (self->format)
    {
    case OVF_VIDEO_FORMAT_GIF:
      self->gif = ovf_video_gif_new (self->file, path, width, height, fps, samples, n_samples, error);
      if (self->gif == NULL)
        return NULL;
      break;
    case OVF_VIDEO_FORMAT_PNG_FRAMES:
      break;
    default:
      if (!start_pipeline (self, profile, error))
        return NULL;
      break;
    }
  return g_steal_pointer (&self);
}

/* An error the pipeline has posted, as a GError; FALSE if none. */
static gboolean
check_bus (OvfVideoWriter  *self,
           GstClockTime     timeout,
           gboolean        *out_eos,
           GError         **error)
{
  g_autoptr(GstMessage) message = gst_bus_timed_pop_filtered (self->bus, timeout, GST_MESSAGE_ERROR | GST_MESSAGE_EOS);
  g_autoptr(GError) gst_error = NULL;
  g_autofree char *debug = NULL;

  if (message == NULL)
    return TRUE;
  if (GST_MESSAGE_TYPE (message) == GST_MESSAGE_EOS)
    {
      *out_eos = TRUE;
      return TRUE;
    }
  gst_message_parse_error (message, &gst_error, &debug);
  g_debug ("GStreamer: %s", debug);
  g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_WRITE,
               _("Could not write “%s”: %s"), self->path, gst_error->message);
  return FALSE;
}

/* BT.709 in limited range, in 16-bit fixed point: Y' from 16 to 235,
 * Cb and Cr from 16 to 240, rounded. Chroma is the mean of 2×2 pixels. */
#define FIX(x) ((gint32) ((x) * 65536.0 + 0.5))

static inline guint8
luma (guint32 p)
{
  gint32 r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;

  return (guint8) ((FIX (0.2126 * 219 / 255) * r + FIX (0.7152 * 219 / 255) * g +
                    FIX (0.0722 * 219 / 255) * b + (16 << 16) + 32768) >> 16);
}

static void
convert_to_i420 (cairo_surface_t *frame,
                 guint8          *out,
                 int              width,
                 int              height)
{
  const guint8 *data = cairo_image_surface_get_data (frame);
  int stride = cairo_image_surface_get_stride (frame);
  int y_stride = GST_ROUND_UP_4 (width), c_stride = GST_ROUND_UP_4 (width / 2);
  guint8 *u_plane = out + (gsize) y_stride * height;
  guint8 *v_plane = u_plane + (gsize) c_stride * (height / 2);

  for (int y = 0; y < height; y += 2)
    {
      const guint32 *row0 = (const guint32 *) (gconstpointer) (data + y * stride);
      const guint32 *row1 = (const guint32 *) (gconstpointer) (data + (y + 1) * stride);
      guint8 *y0 = out + (gsize) y * y_stride, *y1 = y0 + y_stride;
      guint8 *u = u_plane + (gsize) (y / 2) * c_stride, *v = v_plane + (gsize) (y / 2) * c_stride;

      for (int x = 0; x < width; x += 2)
        {
          guint32 p[4] = { row0[x], row0[x + 1], row1[x], row1[x + 1] };
          gint32 r = 0, g = 0, b = 0;

          y0[x] = luma (p[0]);
          y0[x + 1] = luma (p[1]);
          y1[x] = luma (p[2]);
          y1[x + 1] = luma (p[3]);
          for (int i = 0; i < 4; i++)
            {
              r += (p[i] >> 16) & 0xff;
              g += (p[i] >> 8) & 0xff;
              b += p[i] & 0xff;
            }
          /* Sums of four: a quarter of each factor. */
          u[x / 2] = (guint8) ((FIX (-0.1146 * 224 / 255 / 4) * r + FIX (-0.3854 * 224 / 255 / 4) * g +
                                FIX (0.5 * 224 / 255 / 4) * b + (128 << 16) + 32768) >> 16);
          v[x / 2] = (guint8) ((FIX (0.5 * 224 / 255 / 4) * r + FIX (-0.4542 * 224 / 255 / 4) * g +
                                FIX (-0.0458 * 224 / 255 / 4) * b + (128 << 16) + 32768) >> 16);
        }
    }
}

static gboolean
push_to_pipeline (OvfVideoWriter   *self,
                  cairo_surface_t  *frame,
                  GCancellable     *cancellable,
                  GError          **error)
{
  gsize size = (gsize) GST_ROUND_UP_4 (self->width) * self->height +
               (gsize) GST_ROUND_UP_4 (self->width / 2) * self->height;
  guint64 limit = (guint64) size * MAX_QUEUED;
  gboolean eos = FALSE;
  GstBuffer *buffer = NULL;
  GstMapInfo map;

  /* Waits for room, watching for errors (a full disk) and cancellation. */
  while (gst_app_src_get_current_level_bytes (self->src) >= limit)
    {
      if (!check_bus (self, 5 * GST_MSECOND, &eos, error) ||
          g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          cairo_surface_destroy (frame);
          return FALSE;
        }
    }
  if (!check_bus (self, 0, &eos, error))
    {
      cairo_surface_destroy (frame);
      return FALSE;
    }

  /* Buffers come back to the pool once encoded: no page faults per frame. */
  if (gst_buffer_pool_acquire_buffer (self->buffers, &buffer, NULL) != GST_FLOW_OK ||
      !gst_buffer_map (buffer, &map, GST_MAP_WRITE))
    {
      g_clear_pointer (&buffer, gst_buffer_unref);
      cairo_surface_destroy (frame);
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_RENDER,
                   _("Could not write “%s”: out of memory"), self->path);
      return FALSE;
    }
  convert_to_i420 (frame, map.data, self->width, self->height);
  gst_buffer_unmap (buffer, &map);
  cairo_surface_destroy (frame);
  GST_BUFFER_PTS (buffer) = gst_util_uint64_scale (self->n_frames, GST_SECOND, self->fps);
  GST_BUFFER_DURATION (buffer) = gst_util_uint64_scale (self->n_frames + 1, GST_SECOND, self->fps) -
                                 GST_BUFFER_PTS (buffer);
  if (gst_app_src_push_buffer (self->src, buffer) != GST_FLOW_OK)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: the encoder stopped"), self->path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_png_frame (OvfVideoWriter   *self,
                 cairo_surface_t  *frame,
                 GError          **error)
{
  g_autofree char *name = g_strdup_printf ("frame-%05u.png", self->n_frames + 1);
  g_autofree char *frame_path = g_build_filename (self->temp_path, name, NULL);
  cairo_status_t status = cairo_surface_write_to_png (frame, frame_path);

  cairo_surface_destroy (frame);
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  /* Counted, so that cleaning up removes a partial one too. */
  self->n_frames++;
  g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_WRITE,
               _("Could not write “%s”: %s"), frame_path,
               status == CAIRO_STATUS_WRITE_ERROR ? g_strerror (ENOSPC) : cairo_status_to_string (status));
  return FALSE;
}

gboolean
ovf_video_writer_push (OvfVideoWriter   *self,
                       cairo_surface_t  *frame,
                       GCancellable     *cancellable,
                       GError          **error)
{
  gboolean ok;

  g_return_val_if_fail (OVF_IS_VIDEO_WRITER (self), FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  cairo_surface_flush (frame);
  switch (self->format)
    {
    case OVF_VIDEO_FORMAT_GIF:
      ok = ovf_video_gif_add_frame (self->gif, frame, error);
      cairo_surface_destroy (frame);
      break;
    case OVF_VIDEO_FORMAT_PNG_FRAMES:
      ok = write_png_frame (self, frame, error);
      break;
    default:
      ok = push_to_pipeline (self, frame, cancellable, error);
      break;
    }
  if (ok)
    self->n_frames++;
  return ok;
}

static gboolean
finish_pipeline (OvfVideoWriter  *self,
                 GCancellable    *cancellable,
                 GError         **error)
{
  gboolean eos = FALSE;

  gst_app_src_end_of_stream (self->src);
  while (!eos)
    if (!check_bus (self, 20 * GST_MSECOND, &eos, error) ||
        g_cancellable_set_error_if_cancelled (cancellable, error))
      return FALSE;
  gst_element_set_state (self->pipeline, GST_STATE_NULL);
  return TRUE;
}

/* The data reaches the disk before the rename makes it the output. */
static gboolean
sync_file (const char  *path,
           const char  *output,
           GError     **error)
{
  int fd = g_open (path, O_RDONLY, 0);
  int saved_errno;

  if (fd >= 0 && fsync (fd) == 0 && close (fd) == 0)
    return TRUE;
  saved_errno = errno;
  if (fd >= 0)
    close (fd);
  set_errno_error (error, output, saved_errno);
  return FALSE;
}

gboolean
ovf_video_writer_finish (OvfVideoWriter  *self,
                         GCancellable    *cancellable,
                         GError         **error)
{
  gboolean ok = TRUE;
  FILE *file;

  g_return_val_if_fail (OVF_IS_VIDEO_WRITER (self), FALSE);
  g_return_val_if_fail (!self->finished, FALSE);

  switch (self->format)
    {
    case OVF_VIDEO_FORMAT_GIF:
      ok = ovf_video_gif_close (g_steal_pointer (&self->gif), error);
      file = g_steal_pointer (&self->file);
      if (ok && (fflush (file) != 0 || fsync (fileno (file)) != 0))
        {
          set_errno_error (error, self->path, errno);
          ok = FALSE;
        }
      if (fclose (file) != 0 && ok)
        {
          set_errno_error (error, self->path, errno);
          ok = FALSE;
        }
      break;
    case OVF_VIDEO_FORMAT_PNG_FRAMES:
      break;
    default:
      ok = finish_pipeline (self, cancellable, error) && sync_file (self->temp_path, self->path, error);
      break;
    }

  if (ok && g_rename (self->temp_path, self->path) != 0)
    {
      set_errno_error (error, self->path, errno);
      ok = FALSE;
    }
  self->finished = ok;
  return ok;
}
