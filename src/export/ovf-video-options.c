/* ovf-video-options.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ovf-video-options.h"

/* How much of the story a clip around an event shows on either side. */
#define AROUND_EVENT (6 * OVF_TIME_HOUR)

static const char * const camera_names[] = { "fixed", "fit", "follow", "story" };

void
ovf_video_options_init (OvfVideoOptions *options,
                        OvfDataset      *dataset,
                        const char      *output_path)
{
  g_return_if_fail (options != NULL);

  *options = (OvfVideoOptions) {
    .output_path = output_path,
    .format = OVF_VIDEO_FORMAT_AUTO,
    .start = OVF_TIME_NONE,
    .end = OVF_TIME_NONE,
    .duration = 30.0,
    .fps = 30,
    .camera = OVF_VIDEO_CAMERA_FIXED,
    .skip_idle = TRUE,
  };
  ovf_export_options_init (&options->frame, dataset);

  /* Small enough to post, large enough to read the caption. */
  if (output_path != NULL && ovf_video_format_from_path (output_path) == OVF_VIDEO_FORMAT_GIF)
    {
      options->frame.width = 960;
      options->frame.height = 540;
      options->fps = 12;
    }
  if (dataset != NULL)
    ovf_export_options_fit (&options->frame, dataset, FALSE);
}

void
ovf_video_options_set_around_event (OvfVideoOptions *options,
                                    OvfEvent        *event)
{
  OvfTime end;

  g_return_if_fail (options != NULL);
  g_return_if_fail (OVF_IS_EVENT (event));

  end = ovf_event_get_end_time (event);
  if (end == OVF_TIME_NONE)
    end = ovf_event_get_time (event);
  options->start = ovf_event_get_time (event) - AROUND_EVENT;
  options->end = end + AROUND_EVENT;
}

gboolean
ovf_video_options_check (const OvfVideoOptions *options,
                         GError               **error)
{
  int w = options->frame.width, h = options->frame.height;
  OvfVideoFormat format = options->format;

  if (format == OVF_VIDEO_FORMAT_AUTO && options->output_path != NULL)
    format = ovf_video_format_from_path (options->output_path);

  if (w < 16 || h < 16 || MAX (w, h) > OVF_VIDEO_MAX_LONG_SIDE || MIN (w, h) > OVF_VIDEO_MAX_SHORT_SIDE)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_INVALID,
                   _("The video size %d×%d is out of range: from 16×16 up to %d×%d"),
                   w, h, OVF_VIDEO_MAX_LONG_SIDE, OVF_VIDEO_MAX_SHORT_SIDE);
      return FALSE;
    }
  /* The encoders subsample colour in 2×2 blocks. */
  if ((format == OVF_VIDEO_FORMAT_WEBM || format == OVF_VIDEO_FORMAT_MP4) && (w % 2 != 0 || h % 2 != 0))
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_INVALID,
                   _("The video size %d×%d must have even sides for WebM and MP4"), w, h);
      return FALSE;
    }
  if (options->fps < 1 || options->fps > 60)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_INVALID,
                   _("The frame rate %d is out of range: it must be 1 to 60 frames per second"),
                   options->fps);
      return FALSE;
    }
  if (options->speed > 0.0 ? !isfinite (options->speed)
                           : !(options->duration >= 1.0 && options->duration <= 3600.0))
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_INVALID,
                   _("The clip length %g s is out of range: it must be 1 to 3600 seconds"),
                   options->duration);
      return FALSE;
    }
  if (options->start != OVF_TIME_NONE && options->end != OVF_TIME_NONE && options->end <= options->start)
    {
      g_set_error_literal (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_INVALID,
                           _("The clip’s range ends before it starts"));
      return FALSE;
    }
  return TRUE;
}

OvfVideoFormat
ovf_video_format_from_path (const char *path)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL, OVF_VIDEO_FORMAT_AUTO);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".webm"))
    return OVF_VIDEO_FORMAT_WEBM;
  if (g_str_has_suffix (lower, ".gif"))
    return OVF_VIDEO_FORMAT_GIF;
  if (g_str_has_suffix (lower, ".mp4"))
    return OVF_VIDEO_FORMAT_MP4;
  if (g_str_has_suffix (lower, "/"))
    return OVF_VIDEO_FORMAT_PNG_FRAMES;
  return OVF_VIDEO_FORMAT_AUTO;
}

const char *
ovf_video_format_get_name (OvfVideoFormat format)
{
  switch (format)
    {
    case OVF_VIDEO_FORMAT_WEBM:
      return _("WebM video");
    case OVF_VIDEO_FORMAT_GIF:
      return _("animated GIF");
    case OVF_VIDEO_FORMAT_MP4:
      return _("MP4 video");
    case OVF_VIDEO_FORMAT_PNG_FRAMES:
      return _("numbered PNG frames");
    case OVF_VIDEO_FORMAT_AUTO:
    default:
      return "";
    }
}

gboolean
ovf_video_parse_speed (const char  *text,
                       double      *out_speed,
                       GError     **error)
{
  static const struct { const char *suffix; double seconds; } units[] = {
    { "s/s", 1.0 }, { "m/s", 60.0 }, { "min/s", 60.0 }, { "h/s", 3600.0 }, { "d/s", 86400.0 }, { "", 1.0 },
  };
  char *end;
  double value;

  g_return_val_if_fail (text != NULL, FALSE);

  value = g_ascii_strtod (text, &end);
  if (end != text && isfinite (value) && value > 0.0)
    for (guint i = 0; i < G_N_ELEMENTS (units); i++)
      if (g_strcmp0 (end, units[i].suffix) == 0)
        {
          *out_speed = value * units[i].seconds;
          return TRUE;
        }

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--speed: expected a clock time per second of film, such as 1h/s, 30m/s or 2d/s, not “%s”"),
               text);
  return FALSE;
}

gboolean
ovf_video_parse_camera (const char      *text,
                        OvfVideoCamera  *out_camera,
                        GError         **error)
{
  g_return_val_if_fail (text != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (camera_names); i++)
    if (g_strcmp0 (text, camera_names[i]) == 0)
      {
        *out_camera = (OvfVideoCamera) i;
        return TRUE;
      }

  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--camera: expected fixed, fit, follow or story, not “%s”"), text);
  return FALSE;
}

const char *
ovf_video_camera_to_string (OvfVideoCamera camera)
{
  g_return_val_if_fail (camera < G_N_ELEMENTS (camera_names), NULL);

  return camera_names[camera];
}
