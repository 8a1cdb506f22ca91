/* ovf-video-profile.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <gst/gst.h>

#include "ovf-video-profile.h"

/* In order of preference. The GNOME runtime has no H.264 encoder unless
 * an extension adds one, so MP4 is offered only where one is found. */
static const OvfVideoProfile profiles[] = {
  { OVF_VIDEO_FORMAT_WEBM, "VP9", "vp9enc", NULL, "webmmux" },
  { OVF_VIDEO_FORMAT_WEBM, "VP8", "vp8enc", NULL, "webmmux" },
  { OVF_VIDEO_FORMAT_MP4, "H.264", "x264enc", "h264parse", "mp4mux" },
  { OVF_VIDEO_FORMAT_MP4, "H.264", "vah264enc", "h264parse", "mp4mux" },
  { OVF_VIDEO_FORMAT_MP4, "H.264", "vah264lpenc", "h264parse", "mp4mux" },
  { OVF_VIDEO_FORMAT_MP4, "H.264", "vaapih264enc", "h264parse", "mp4mux" },
  { OVF_VIDEO_FORMAT_MP4, "H.264", "openh264enc", "h264parse", "mp4mux" },
  { OVF_VIDEO_FORMAT_GIF, "GIF", NULL, NULL, NULL },
  { OVF_VIDEO_FORMAT_PNG_FRAMES, "PNG", NULL, NULL, NULL },
};

/* The VP8/VP9 quantizer, 0 (lossless) to 63: about 38 dB PSNR on maps. */
#define CQ_LEVEL 20

static const char *
format_suffix (OvfVideoFormat format)
{
  static const char * const suffixes[] = { "", ".webm", ".gif", ".mp4" };

  if (format == OVF_VIDEO_FORMAT_PNG_FRAMES)
    return _("a folder name ending in /");
  return suffixes[format];
}

static gboolean
has_element (const char *name)
{
  g_autoptr(GstElementFactory) factory = NULL;

  if (name == NULL)
    return TRUE;
  factory = gst_element_factory_find (name);
  return factory != NULL;
}

static gboolean
profile_is_available (const OvfVideoProfile *profile)
{
  if (profile->encoder == NULL)
    return TRUE;
  if (!gst_init_check (NULL, NULL, NULL))
    return FALSE;
  return has_element ("appsrc") && has_element ("filesink") &&
         has_element (profile->encoder) && has_element (profile->parser) && has_element (profile->muxer);
}

gboolean
ovf_video_format_is_available (OvfVideoFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    if (profiles[i].format == format && profile_is_available (&profiles[i]))
      return TRUE;
  return FALSE;
}

char *
ovf_video_profile_list_available (void)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (OvfVideoFormat format = OVF_VIDEO_FORMAT_WEBM; format <= OVF_VIDEO_FORMAT_PNG_FRAMES; format++)
    if (ovf_video_format_is_available (format))
      {
        if (list->len > 0)
          g_string_append (list, ", ");
        /* Translators: a format's name and how a file name ends for it, such as "WebM video (.webm)" */
        g_string_append_printf (list, _("%s (%s)"), ovf_video_format_get_name (format), format_suffix (format));
      }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static char *
list_missing (OvfVideoFormat format)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    if (profiles[i].format == format)
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", profiles[i].encoder);
  return g_string_free (g_steal_pointer (&names), FALSE);
}

gboolean
ovf_video_profile_find (OvfVideoFormat    format,
                        OvfVideoProfile  *out_profile,
                        GError          **error)
{
  g_autofree char *missing = NULL;
  g_autofree char *available = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (profiles); i++)
    if (profiles[i].format == format && profile_is_available (&profiles[i]))
      {
        *out_profile = profiles[i];
        return TRUE;
      }

  missing = list_missing (format);
  available = ovf_video_profile_list_available ();
  g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_FORMAT,
               _("Cannot write %s: this system has no GStreamer encoder for it (looked for %s). "
                 "Available here: %s"),
               ovf_video_format_get_name (format), missing, available);
  return FALSE;
}

/* Real-time settings: a map changes little from frame to frame, so the
 * fastest presets keep the quality while encoding keeps up with drawing. */
static char *
encoder_settings (const OvfVideoProfile *profile,
                  int                    width,
                  int                    height,
                  int                    fps)
{
  /* About 0.1 bit per pixel and frame: sharp lines and text. */
  guint kbps = (guint) MIN ((gint64) width * height * fps / 10000, 40000);
  guint threads = MAX (g_get_num_processors (), 1);
  /* The constant-quality modes' ceiling, in bits per second: one bit per
   * pixel, so that only the quantizer sets the quality. */
  guint cap = (guint) CLAMP ((gint64) width * height * fps, 2000000, 200000000);

  /* Constant quality up to a generous cap: a map that barely changes
   * costs next to nothing, and lines and text stay sharp when it does. */
  if (g_str_equal (profile->encoder, "vp9enc"))
    return g_strdup_printf ("vp9enc deadline=1 cpu-used=8 lag-in-frames=0 row-mt=true tile-columns=2 threads=%u "
                            "end-usage=cq cq-level=%d target-bitrate=%u keyframe-max-dist=%d",
                            threads, CQ_LEVEL, cap, fps * 5);
  if (g_str_equal (profile->encoder, "vp8enc"))
    return g_strdup_printf ("vp8enc deadline=1 cpu-used=8 lag-in-frames=0 threads=%u "
                            "end-usage=cq cq-level=%d target-bitrate=%u keyframe-max-dist=%d",
                            threads, CQ_LEVEL, cap, fps * 5);
  if (g_str_equal (profile->encoder, "x264enc"))
    return g_strdup_printf ("x264enc speed-preset=veryfast tune=animation bitrate=%u key-int-max=%d",
                            kbps, fps * 5);
  if (g_str_equal (profile->encoder, "openh264enc"))
    return g_strdup_printf ("openh264enc bitrate=%u", kbps * 1000);
  return g_strdup_printf ("%s bitrate=%u", profile->encoder, kbps);
}

char *
ovf_video_profile_describe_pipeline (const OvfVideoProfile *profile,
                                     int                    width,
                                     int                    height,
                                     int                    fps)
{
  g_autofree char *encoder = NULL;

  g_return_val_if_fail (profile->encoder != NULL, NULL);

  encoder = encoder_settings (profile, width, height, fps);
  /* The writer converts frames to I420 itself, exactly (GStreamer's fast
   * conversion is a few levels off), in BT.709 limited range. */
  return g_strdup_printf ("appsrc name=src format=time is-live=false block=false "
                          "caps=video/x-raw,format=I420,width=%d,height=%d,framerate=%d/1,"
                          "colorimetry=bt709,interlace-mode=progressive,pixel-aspect-ratio=1/1 ! "
                          "%s ! %s%s%s ! filesink name=sink",
                          width, height, fps, encoder,
                          profile->parser != NULL ? profile->parser : "",
                          profile->parser != NULL ? " ! " : "", profile->muxer);
}
