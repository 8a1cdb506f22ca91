/* test-video.c: video clips, decoded back and compared with --export's pictures
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gif_lib.h>
#include <glib/gstdio.h>
#include <gst/app/gstappsink.h>
#include <gst/gst.h>
#include <gst/video/video.h>
#include <math.h>
#include <signal.h>
#include <sys/resource.h>

#include "ovf-video-renderer.h"
#include "ovf-video-schedule.h"
#include "test-util.h"

static const char *overflight;

/* A day of flight, three idle days, then half a day more; two events
 * half an hour apart, so the first one's caption must be held. */
static const char dataset_json[] =
  "{\"format\": \"overflight-dataset\", \"version\": 1, \"title\": \"Video test flight\","
  " \"description\": \"For the video tests.\", \"license\": \"CC0-1.0\", \"updated\": \"2023-02-20\","
  " \"credits\": [\"Written for the Overflight tests.\"],"
  " \"tracks\": [{\"id\": \"b\", \"name\": \"Balloon\", \"points\": ["
  "  {\"time\": \"2023-02-01T00:00:00Z\", \"lat\": 40.0, \"lon\": -120.0, \"kind\": \"estimated\"},"
  "  {\"time\": \"2023-02-01T12:00:00Z\", \"lat\": 42.0, \"lon\": -110.0, \"kind\": \"estimated\"},"
  "  {\"time\": \"2023-02-02T00:00:00Z\", \"lat\": 43.0, \"lon\": -100.0, \"kind\": \"estimated\"},"
  "  {\"time\": \"2023-02-05T00:00:00Z\", \"lat\": 38.0, \"lon\": -85.0, \"kind\": \"estimated\"},"
  "  {\"time\": \"2023-02-05T12:00:00Z\", \"lat\": 34.0, \"lon\": -78.0, \"kind\": \"estimated\"}]}],"
  " \"events\": ["
  "  {\"id\": \"one\", \"time\": \"2023-02-01T06:00:00Z\", \"title\": \"First sighting\", \"description\": \"-\","
  "   \"category\": \"sighting\", \"confidence\": \"confirmed\", \"location\": {\"lat\": 41.0, \"lon\": -115.0},"
  "   \"sources\": [{\"publisher\": \"Example\", \"title\": \"One\", \"url\": \"https://example.org/1\"}]},"
  "  {\"id\": \"two\", \"time\": \"2023-02-01T06:30:00Z\", \"title\": \"Second sighting\", \"description\": \"-\","
  "   \"category\": \"sighting\", \"confidence\": \"confirmed\","
  "   \"sources\": [{\"publisher\": \"Example\", \"title\": \"Two\", \"url\": \"https://example.org/2\"}]}],"
  " \"places\": [], \"areas\": []}";

typedef struct
{
  char       *dir;
  OvfDataset *dataset;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (dataset_json, sizeof dataset_json - 1);
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("ovf-video-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->dataset = ovf_dataset_load_from_bytes (bytes, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_clear_object (&fixture->dataset);
}

static void
small_options (OvfVideoOptions *options,
               Fixture         *fixture,
               const char      *path)
{
  ovf_video_options_init (options, fixture->dataset, path);
  options->frame.width = 320;
  options->frame.height = 180;
  options->duration = 2.0;
  options->fps = 12;
  ovf_export_options_fit (&options->frame, fixture->dataset, FALSE);
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* The names in @dir, sorted and joined by spaces. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* Options */

static void
test_parse (void)
{
  g_autoptr(GError) error = NULL;
  OvfVideoCamera camera;
  double speed;

  g_assert_true (ovf_video_parse_speed ("1h/s", &speed, NULL));
  g_assert_cmpfloat (speed, ==, 3600.0);
  g_assert_true (ovf_video_parse_speed ("30m/s", &speed, NULL));
  g_assert_cmpfloat (speed, ==, 1800.0);
  g_assert_true (ovf_video_parse_speed ("2d/s", &speed, NULL));
  g_assert_cmpfloat (speed, ==, 172800.0);
  g_assert_false (ovf_video_parse_speed ("fast", &speed, &error));
  g_assert_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE);
  g_assert_true (ovf_video_parse_camera ("story", &camera, NULL));
  g_assert_cmpint (camera, ==, OVF_VIDEO_CAMERA_STORY);
  g_assert_false (ovf_video_parse_camera ("drone", &camera, NULL));
  g_assert_cmpint (ovf_video_format_from_path ("a.WebM"), ==, OVF_VIDEO_FORMAT_WEBM);
  g_assert_cmpint (ovf_video_format_from_path ("frames/"), ==, OVF_VIDEO_FORMAT_PNG_FRAMES);
  g_assert_cmpint (ovf_video_format_from_path ("a.avi"), ==, OVF_VIDEO_FORMAT_AUTO);
}

/* Schedule: the idle days pass in a moment and say so; the first
 * caption stays up while the clock passes the second event. */
static void
test_schedule (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(OvfVideoSchedule) schedule = NULL;
  g_autoptr(GError) error = NULL;
  OvfVideoOptions options;
  gboolean saw_note = FALSE, held_first = FALSE, faded_first = FALSE;
  OvfTime previous = G_MININT64;
  guint n;

  small_options (&options, fixture, "x.webm");
  options.duration = 20.0;
  schedule = ovf_video_schedule_new (fixture->dataset, &options, FALSE, &error);
  g_assert_no_error (error);
  n = ovf_video_schedule_get_n_frames (schedule);
  g_assert_cmpuint (n, ==, 240);

  for (guint i = 0; i < n; i++)
    {
      OvfVideoFrame frame;

      ovf_video_schedule_get_frame (schedule, i, &frame);
      g_assert_cmpint (frame.time, >=, previous);
      previous = frame.time;
      if (frame.note != NULL)
        {
          g_assert_cmpstr (frame.note, ==, "3 days later");
          saw_note = TRUE;
        }
      if (frame.held_event != NULL)
        {
          g_assert_cmpstr (ovf_event_get_id (frame.held_event), ==, "one");
          held_first = TRUE;
        }
      /* The second caption fades in over the first, once it has been read. */
      if (frame.fading_event != NULL)
        {
          g_assert_true (held_first);
          g_assert_cmpstr (ovf_event_get_id (frame.fading_event), ==, "one");
          g_assert_cmpfloat (frame.caption_alpha, <, 1.0);
          faded_first = TRUE;
        }
    }
  g_assert_true (saw_note);
  g_assert_true (held_first);
  g_assert_true (faded_first);
  /* A day and a half of running clock in what the skip leaves of 20 s. */
  g_assert_cmpfloat_with_epsilon (ovf_video_schedule_get_speed (schedule), 1.5 * 86400 / (20.0 - 1.5), 0.01);
}

/* Frame-exact: a frame is --export's picture of its time and view. */
static void
check_frames_exact (Fixture        *fixture,
                    OvfVideoCamera  camera)
{
  g_autofree char *out = path_in (fixture, "exact.webm");
  g_autoptr(OvfVideoRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  OvfVideoOptions options;
  guint n, compared = 0;

  small_options (&options, fixture, out);
  options.camera = camera;
  renderer = ovf_video_renderer_new (fixture->dataset, &options, &error);
  g_assert_no_error (error);
  n = ovf_video_renderer_get_n_frames (renderer);

  for (guint i = 0; i < n; i += 3)
    {
      OvfExportOptions snapshot;
      cairo_surface_t *frame, *image;

      if (!ovf_video_renderer_get_frame_options (renderer, i, &snapshot))
        continue;
      compared++;
      frame = ovf_video_renderer_draw_frame (renderer, i, &error);
      g_assert_no_error (error);
      image = ovf_exporter_render_image (fixture->dataset, &snapshot, &error);
      g_assert_no_error (error);
      cairo_surface_flush (frame);
      g_assert_cmpint (cairo_image_surface_get_stride (frame), ==, cairo_image_surface_get_stride (image));
      g_assert_true (memcmp (cairo_image_surface_get_data (frame), cairo_image_surface_get_data (image),
                             (gsize) cairo_image_surface_get_stride (image) * 180) == 0);
      cairo_surface_destroy (frame);
      cairo_surface_destroy (image);
    }
  g_assert_cmpuint (compared, >=, 4);
}

static void
test_frame_exact_fixed (Fixture       *fixture,
                        gconstpointer  data)
{
  check_frames_exact (fixture, OVF_VIDEO_CAMERA_FIXED);
}

static void
test_frame_exact_follow (Fixture       *fixture,
                         gconstpointer  data)
{
  check_frames_exact (fixture, OVF_VIDEO_CAMERA_FOLLOW);
}

/* Decoding */

/* PSNR of a decoded frame against @image, both as 8-bit RGB: the frame
 * converted back with BT.709's inverse, written out here. */
static double
psnr (cairo_surface_t *image,
      GstVideoFrame   *frame)
{
  const guint8 *a = cairo_image_surface_get_data (image);
  int a_stride = cairo_image_surface_get_stride (image);
  int w = cairo_image_surface_get_width (image), h = cairo_image_surface_get_height (image);
  double sum = 0.0;

  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        double Y = ((const guint8 *) GST_VIDEO_FRAME_PLANE_DATA (frame, 0))[y * GST_VIDEO_FRAME_PLANE_STRIDE (frame, 0) + x];
        double U = ((const guint8 *) GST_VIDEO_FRAME_PLANE_DATA (frame, 1))[(y / 2) * GST_VIDEO_FRAME_PLANE_STRIDE (frame, 1) + x / 2];
        double V = ((const guint8 *) GST_VIDEO_FRAME_PLANE_DATA (frame, 2))[(y / 2) * GST_VIDEO_FRAME_PLANE_STRIDE (frame, 2) + x / 2];
        double l = (Y - 16) * 255 / 219, cb = (U - 128) * 255 / 224, cr = (V - 128) * 255 / 224;
        double rgb[3] = {
          l + 1.5748 * cr,
          l - 0.1873 * cb - 0.4681 * cr,
          l + 1.8556 * cb,
        };

        for (int c = 0; c < 3; c++)
          {
            /* ARGB32 is B, G, R in memory here. */
            double d = (double) a[y * a_stride + 4 * x + 2 - c] - CLAMP (round (rgb[c]), 0, 255);

            sum += d * d;
          }
      }
  return sum == 0.0 ? INFINITY : 10.0 * log10 (255.0 * 255.0 / (sum / (w * h * 3.0)));
}

static void
check_webm (Fixture    *fixture,
            const char *path,
            OvfVideoRenderer *renderer)
{
  g_autofree char *description = g_strdup_printf ("filesrc location=\"%s\" ! matroskademux ! vp9dec ! "
                                                  "video/x-raw,format=I420 ! appsink name=sink sync=false", path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GstElement) pipeline = gst_parse_launch (description, &error);
  g_autoptr(GstElement) sink = NULL;
  guint n = ovf_video_renderer_get_n_frames (renderer), decoded = 0, compared = 0;
  GstClockTime last_pts = 0;

  g_assert_no_error (error);
  sink = gst_bin_get_by_name (GST_BIN (pipeline), "sink");
  gst_element_set_state (pipeline, GST_STATE_PLAYING);

  for (;;)
    {
      g_autoptr(GstSample) sample = gst_app_sink_pull_sample (GST_APP_SINK (sink));
      GstBuffer *buffer;
      GstVideoInfo info;
      GstVideoFrame video;
      OvfExportOptions snapshot;

      if (sample == NULL)
        break;
      g_assert_true (gst_video_info_from_caps (&info, gst_sample_get_caps (sample)));
      g_assert_cmpint (GST_VIDEO_INFO_WIDTH (&info), ==, 640);
      g_assert_cmpint (GST_VIDEO_INFO_HEIGHT (&info), ==, 360);
      buffer = gst_sample_get_buffer (sample);
      last_pts = GST_BUFFER_PTS (buffer);

      /* Every fourth frame that --export can draw, against its picture. */
      if (decoded % 4 == 0 && ovf_video_renderer_get_frame_options (renderer, decoded, &snapshot))
        {
          cairo_surface_t *image;
          double quality;

          image = ovf_exporter_render_image (fixture->dataset, &snapshot, &error);
          g_assert_no_error (error);
          g_assert_true (gst_video_frame_map (&video, &info, buffer, GST_MAP_READ));
          quality = psnr (image, &video);
          gst_video_frame_unmap (&video);
          cairo_surface_destroy (image);
          g_test_message ("frame %u: PSNR %.1f dB", decoded, quality);
          g_assert_cmpfloat (quality, >=, 35.0);
          compared++;
        }
      decoded++;
    }
  gst_element_set_state (pipeline, GST_STATE_NULL);

  g_assert_cmpuint (decoded, ==, n);
  g_assert_cmpuint (compared, >=, 3);
  /* WebM keeps milliseconds. */
  g_assert_cmpuint (last_pts / GST_MSECOND, ==, (gst_util_uint64_scale (n - 1, GST_SECOND, 12) + GST_MSECOND / 2) / GST_MSECOND);
}

/* gst-discoverer-1.0 sees a WebM with VP9 of the clip's length. */
static void
check_discoverer (const char *path)
{
  g_autofree char *program = g_find_program_in_path ("gst-discoverer-1.0");
  const char *argv[] = { program, path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  if (program == NULL)
    {
      g_test_message ("gst-discoverer-1.0 is missing (gstreamer1.0-plugins-base-apps): not asked");
      return;
    }
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (out, "container #0: WebM"));
  g_assert_nonnull (strstr (out, "video #1: VP9"));
  g_assert_nonnull (strstr (out, "Duration: 0:00:02.0"));
}

static void
test_webm (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = path_in (fixture, "clip.webm");
  g_autofree char *names = NULL;
  g_autoptr(OvfVideoRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  OvfVideoOptions options;

  small_options (&options, fixture, out);
  /* Colour is stored at half resolution: on tiny frames, where text and
   * lines are most of the picture, that alone costs a few dB. */
  options.frame.width = 640;
  options.frame.height = 360;
  ovf_export_options_fit (&options.frame, fixture->dataset, FALSE);
  renderer = ovf_video_renderer_new (fixture->dataset, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ovf_video_renderer_get_profile (renderer)->codec, ==, "VP9");
  g_assert_cmpuint (ovf_video_renderer_get_n_frames (renderer), ==, 24);
  g_assert_true (ovf_video_renderer_render (renderer, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (ovf_video_renderer_get_progress (renderer), ==, 1.0);

  check_webm (fixture, out, renderer);
  check_discoverer (out);
  names = list_dir (fixture->dir);
  g_assert_cmpstr (names, ==, "clip.webm");
}

static void
test_gif (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *out = path_in (fixture, "clip.gif");
  g_autofree char *names = NULL;
  g_autoptr(OvfVideoRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  OvfVideoOptions options;
  GifFileType *gif;
  int gif_error = 0, total_delay = 0;

  small_options (&options, fixture, out);
  options.sidecar = TRUE;
  renderer = ovf_video_renderer_new (fixture->dataset, &options, &error);
  g_assert_no_error (error);
  g_assert_true (ovf_video_renderer_render (renderer, NULL, &error));
  g_assert_no_error (error);

  gif = DGifOpenFileName (out, &gif_error);
  g_assert_nonnull (gif);
  g_assert_cmpint (DGifSlurp (gif), ==, GIF_OK);
  g_assert_cmpint (gif->SWidth, ==, 320);
  g_assert_cmpint (gif->SHeight, ==, 180);
  g_assert_cmpint (gif->ImageCount, ==, 24);
  g_assert_nonnull (gif->SColorMap);
  g_assert_cmpint (gif->SColorMap->ColorCount, ==, 256);
  for (int i = 0; i < gif->ImageCount; i++)
    {
      GraphicsControlBlock control;

      g_assert_cmpint (DGifSavedExtensionToGCB (gif, i, &control), ==, GIF_OK);
      g_assert_cmpint (control.DelayTime, >=, 8);
      g_assert_cmpint (control.DelayTime, <=, 9);
      /* One palette for the clip: no frame brings its own. */
      g_assert_null (gif->SavedImages[i].ImageDesc.ColorMap);
      total_delay += control.DelayTime;
    }
  g_assert_cmpint (total_delay, ==, 200);
  DGifCloseFile (gif, &gif_error);

  names = list_dir (fixture->dir);
  g_assert_cmpstr (names, ==, "clip.gif clip.gif.json");
}

/* Failures leave the old file as it was, and no temporary file. */

static const char old_contents[] = "an older clip";

static void
write_old (const char *path)
{
  g_assert_true (g_file_set_contents (path, old_contents, -1, NULL));
}

static void
check_old_intact (Fixture    *fixture,
                  const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *names = list_dir (fixture->dir);
  g_autofree char *base = g_path_get_basename (path);

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, old_contents);
  g_assert_cmpstr (names, ==, base);
}

static void
cancel_halfway (OvfVideoRenderer *renderer,
                GParamSpec       *pspec,
                GCancellable     *cancellable)
{
  if (ovf_video_renderer_get_progress (renderer) >= 0.5)
    g_cancellable_cancel (cancellable);
}

static void
on_rendered (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (ovf_video_renderer_render_finish (OVF_VIDEO_RENDERER (source), result, error));
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *out = path_in (fixture, "clip.webm");
  g_autoptr(OvfVideoRenderer) renderer = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  OvfVideoOptions options;

  write_old (out);
  small_options (&options, fixture, out);
  renderer = ovf_video_renderer_new (fixture->dataset, &options, &error);
  g_assert_no_error (error);
  g_signal_connect (renderer, "notify::progress", G_CALLBACK (cancel_halfway), cancellable);

  /* Asynchronously, as the window will: progress arrives on this thread. */
  ovf_video_renderer_render_async (renderer, cancellable, on_rendered, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpfloat (ovf_video_renderer_get_progress (renderer), <, 1.0);
  check_old_intact (fixture, out);
}

/* A full disk, as a file size limit: the subprocess fails to write. */
static void
test_disk_full (Fixture       *fixture,
                gconstpointer  data)
{
  const char *format = data;
  g_autofree char *name = g_strconcat ("clip.", format, NULL);
  g_autofree char *out = path_in (fixture, name);

  write_old (out);
  if (g_test_subprocess ())
    {
      g_autoptr(OvfVideoRenderer) renderer = NULL;
      g_autoptr(GError) error = NULL;
      struct rlimit limit = { 2048, 2048 };
      OvfVideoOptions options;

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);
      small_options (&options, fixture, out);
      renderer = ovf_video_renderer_new (fixture->dataset, &options, &error);
      g_assert_no_error (error);
      g_assert_false (ovf_video_renderer_render (renderer, NULL, &error));
      g_assert_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_WRITE);
      g_printerr ("%s\n", error->message);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*Could not write*");
  check_old_intact (fixture, out);
}

static void
test_missing_encoder (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *out = path_in (fixture, "clip.mp4");
  g_autoptr(OvfVideoRenderer) renderer = NULL;
  g_autoptr(GError) error = NULL;
  OvfVideoOptions options;

  if (ovf_video_format_is_available (OVF_VIDEO_FORMAT_MP4))
    {
      g_test_skip ("This system has an H.264 encoder");
      return;
    }
  small_options (&options, fixture, out);
  renderer = ovf_video_renderer_new (fixture->dataset, &options, &error);
  g_assert_null (renderer);
  g_assert_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "x264enc"));
  g_assert_nonnull (strstr (error->message, "WebM video (.webm)"));
  g_assert_nonnull (strstr (error->message, "animated GIF (.gif)"));
}

/* The command line */

static void
test_cli (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *out = path_in (fixture, "clip.webm");
  g_autofree char *sidecar = g_strconcat (out, ".json", NULL);
  const char *args[] = {
    "--export-video", out, "--size", "320x180", "--duration", "2", "--fps", "24", "--camera", "follow",
    "--from", "2023-02-01T12:00:00Z", "--to", "2023-02-03T12:00:00Z", "--cards", "--sidecar", NULL,
  };
  const char *bad[] = { "--export-video", out, "--camera", "drone", NULL };
  g_autofree char *err = NULL;
  g_autofree char *bad_err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *video;

  g_assert_cmpint (test_run_headless (overflight, args, &err), ==, 0);
  g_assert_nonnull (strstr (err, "100% (216/216 frames)"));
  g_assert_true (json_parser_load_from_file (parser, sidecar, &error));
  g_assert_no_error (error);
  video = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "video");
  g_assert_cmpstr (json_object_get_string_member (video, "codec"), ==, "VP9");
  g_assert_cmpstr (json_object_get_string_member (video, "from"), ==, "2023-02-01T12:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (video, "camera"), ==, "follow");
  /* Two seconds of map and seven of cards. */
  g_assert_cmpint (json_object_get_int_member (video, "frames"), ==, 216);

  g_assert_cmpint (test_run_headless (overflight, bad, &bad_err), ==, 1);
  g_assert_nonnull (strstr (bad_err, "--camera: expected fixed, fit, follow or story"));
}

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("DISPLAY");
  g_unsetenv ("WAYLAND_DISPLAY");
  g_test_init (&argc, &argv, NULL);
  gst_init (NULL, NULL);
  overflight = argc > 1 ? argv[1] : NULL;

#define ADD(name, func, data) \
  g_test_add ("/video/" name, Fixture, data, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/video/parse", test_parse);
  ADD ("schedule", test_schedule, NULL);
  ADD ("frame-exact/fixed", test_frame_exact_fixed, NULL);
  ADD ("frame-exact/follow", test_frame_exact_follow, NULL);
  ADD ("webm", test_webm, NULL);
  ADD ("gif", test_gif, NULL);
  ADD ("cancel", test_cancel, NULL);
  ADD ("disk-full/webm", test_disk_full, "webm");
  ADD ("disk-full/gif", test_disk_full, "gif");
  ADD ("missing-encoder", test_missing_encoder, NULL);
  if (overflight != NULL)
    ADD ("cli", test_cli, NULL);
  return g_test_run ();
}
