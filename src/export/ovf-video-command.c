/* ovf-video-command.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <unistd.h>

#include "ovf-bundled.h"
#include "ovf-export-command.h"
#include "ovf-geo.h"
#include "ovf-video-command.h"
#include "ovf-video-renderer.h"
#include "ovf-view-options.h"

#define BAR_WIDTH 30

/* With --size, --center, --zoom, --dark, --sidecar and the --no-… options
 * that --export reads too. */
const GOptionEntry ovf_video_command_entries[] = {
  { "export-video", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Save the replay as a video (.webm, .mp4), an animated GIF (.gif) or PNG frames (folder/) and exit"),
    N_("OUT") },
  { "from", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Start the video at this moment, in ISO 8601 with a zone"), N_("TIME") },
  { "to", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("End the video at this moment, in ISO 8601 with a zone"), N_("TIME") },
  { "duration", 0, 0, G_OPTION_ARG_DOUBLE, NULL,
    N_("Length of the video in seconds, cards aside (default 30)"), N_("SECONDS") },
  { "speed", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Clock time per second of video, such as 1h/s, instead of --duration"), N_("SPEED") },
  { "fps", 0, 0, G_OPTION_ARG_INT, NULL,
    N_("Frames per second: 24, 30 or 60 (default 30; GIF 12)"), N_("N") },
  { "camera", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("How the video’s camera moves (default fixed)"),
    /* Translators: the values --camera takes; keep them as they are */
    N_("fixed|fit|follow|story") },
  { "cards", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the video with a title card and close it with the sources"), NULL },
  { NULL }
};

gboolean
ovf_video_command_wanted (GVariantDict *options)
{
  return g_variant_dict_contains (options, "export-video");
}

static gboolean
parse_time_option (GVariantDict  *options,
                   const char    *name,
                   OvfTime       *out_time,
                   GError       **error)
{
  const char *text;

  if (!g_variant_dict_lookup (options, name, "&s", &text))
    return TRUE;
  if (ovf_time_parse_iso8601 (text, out_time))
    return TRUE;
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--%s: expected an ISO 8601 time with a zone, such as 2023-02-04T19:39:00Z, not “%s”"),
               name, text);
  return FALSE;
}

static gboolean
apply_options (GVariantDict     *options,
               OvfDataset       *dataset,
               OvfVideoOptions  *video,
               GError          **error)
{
  const char *text;
  OvfViewOptions view;
  gboolean has_size;

  /* --center and --zoom read as the window and --export read them. */
  if (!ovf_view_options_parse (options, &view, error))
    return FALSE;
  has_size = g_variant_dict_lookup (options, "size", "&s", &text);
  if (has_size && !ovf_export_parse_size (text, &video->frame.width, &video->frame.height, error))
    return FALSE;
  if (!parse_time_option (options, "from", &video->start, error) ||
      !parse_time_option (options, "to", &video->end, error))
    return FALSE;
  g_variant_dict_lookup (options, "duration", "d", &video->duration);
  if (g_variant_dict_lookup (options, "speed", "&s", &text) &&
      !ovf_video_parse_speed (text, &video->speed, error))
    return FALSE;
  g_variant_dict_lookup (options, "fps", "i", &video->fps);
  if (g_variant_dict_lookup (options, "camera", "&s", &text) &&
      !ovf_video_parse_camera (text, &video->camera, error))
    return FALSE;
  video->cards = g_variant_dict_contains (options, "cards");
  video->sidecar = g_variant_dict_contains (options, "sidecar");
  video->frame.dark = g_variant_dict_contains (options, "dark");
  video->frame.caption = !g_variant_dict_contains (options, "no-caption");
  video->frame.legend = !g_variant_dict_contains (options, "no-legend");
  video->frame.places = !g_variant_dict_contains (options, "no-places");
  video->frame.scale_bar = !g_variant_dict_contains (options, "no-scale-bar");

  /* The still cameras look at the main track at this size. */
  if (has_size && !ovf_video_options_check (video, error))
    return FALSE;
  ovf_export_options_fit (&video->frame, dataset, FALSE);
  if (view.has_center)
    ovf_geo_to_mercator (view.latitude, view.longitude, &video->frame.view.center_x, &video->frame.view.center_y);
  if (view.has_zoom)
    video->frame.view.zoom = view.zoom;
  return TRUE;
}

/* A bar on a terminal; elsewhere (a log) a line every tenth. */
static void
on_progress (OvfVideoRenderer *renderer,
             GParamSpec       *pspec,
             gpointer          user_data)
{
  gboolean *terminal = user_data;
  double progress = ovf_video_renderer_get_progress (renderer);
  guint n = ovf_video_renderer_get_n_frames (renderer);
  guint done = (guint) MIN (llround (progress * (n + 1)), n);
  int percent = (int) (progress * 100);

  if (*terminal)
    {
      char bar[BAR_WIDTH + 1];
      int filled = (int) (progress * BAR_WIDTH);

      memset (bar, '#', filled);
      memset (bar + filled, '-', BAR_WIDTH - filled);
      bar[BAR_WIDTH] = '\0';
      /* Translators: a progress bar, then the percentage and frames done */
      g_printerr (_("\r[%s] %3d%%  %u/%u frames"), bar, percent, done, n);
      if (progress >= 1.0)
        g_printerr ("\n");
    }
  else if (percent % 10 == 0)
    {
      g_printerr (_("overflight: %d%% (%u/%u frames)\n"), percent, done, n);
    }
}

int
ovf_video_command_run (GVariantDict       *options,
                       const char * const *files)
{
  g_autoptr(OvfDataset) dataset = NULL;
  g_autoptr(OvfVideoRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  OvfVideoOptions video;
  const char *output = NULL;
  gboolean terminal = isatty (STDERR_FILENO);

  g_return_val_if_fail (options != NULL, 1);

  g_variant_dict_lookup (options, "export-video", "^&ay", &output);
  dataset = ovf_export_load_dataset (files);
  if (dataset == NULL)
    return 1;

  ovf_video_options_init (&video, dataset, output);
  if (!apply_options (options, dataset, &video, &error))
    goto failed;
  renderer = ovf_video_renderer_new (dataset, &video, &error);
  if (renderer == NULL)
    goto failed;

  g_signal_connect (renderer, "notify::progress", G_CALLBACK (on_progress), &terminal);
  if (!ovf_video_renderer_render (renderer, NULL, &error))
    {
      if (terminal)
        g_printerr ("\n");
      goto failed;
    }
  return 0;

failed:
  g_printerr ("overflight: %s\n", error->message);
  return 1;
}
