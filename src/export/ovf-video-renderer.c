/* ovf-video-renderer.c
 *
 * Each map frame is ovf_exporter_draw() at the frame's time and view, so
 * it is the picture `--export` makes of that moment. While the camera
 * stands still the basemap is drawn once and painted under each frame;
 * the writer encodes on GStreamer's threads while the next frame draws.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ovf-video-camera.h"
#include "ovf-video-cards.h"
#include "ovf-video-renderer.h"
#include "ovf-video-schedule.h"
#include "ovf-video-writer.h"

/* The sidecar's names for the formats, by OvfVideoFormat. */
static const char * const format_ids[] = { "", "webm", "gif", "mp4", "png-frames" };

/* Frames a GIF's palette is taken from. */
#define N_SAMPLES 8
/* Frame images reused once the encoder lets go of them: a fresh 8 MB
 * image per frame costs more in page faults than drawing it. */
#define POOL_SIZE 6

struct _OvfVideoRenderer
{
  GObject           parent_instance;
  OvfDataset       *dataset;
  OvfVideoOptions   options;
  char             *output_path;
  OvfVideoProfile   profile;
  OvfVideoSchedule *schedule;
  GArray           *views;            /* OvfMapView per frame */
  double            progress;
  GMainContext     *progress_context; /* where progress is notified; NULL: the rendering thread */
  cairo_surface_t  *basemap;          /* nullable: the basemap at basemap_view */
  OvfMapView        basemap_view;
  GPtrArray        *pool;             /* of cairo_surface_t */
};

enum
{
  PROP_0,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (OvfVideoRenderer, ovf_video_renderer, G_TYPE_OBJECT)

static void
ovf_video_renderer_finalize (GObject *object)
{
  OvfVideoRenderer *self = OVF_VIDEO_RENDERER (object);

  g_clear_object (&self->dataset);
  g_clear_object (&self->schedule);
  g_clear_pointer (&self->views, g_array_unref);
  g_clear_pointer (&self->basemap, cairo_surface_destroy);
  g_clear_pointer (&self->pool, g_ptr_array_unref);
  g_clear_pointer (&self->progress_context, g_main_context_unref);
  g_free (self->output_path);
  G_OBJECT_CLASS (ovf_video_renderer_parent_class)->finalize (object);
}

static void
ovf_video_renderer_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  OvfVideoRenderer *self = OVF_VIDEO_RENDERER (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ovf_video_renderer_class_init (OvfVideoRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ovf_video_renderer_finalize;
  object_class->get_property = ovf_video_renderer_get_property;

  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ovf_video_renderer_init (OvfVideoRenderer *self)
{
  self->pool = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
}

OvfVideoRenderer *
ovf_video_renderer_new (OvfDataset             *dataset,
                        const OvfVideoOptions  *options,
                        GError                **error)
{
  g_autoptr(OvfVideoRenderer) self = NULL;
  OvfVideoFormat format;

  g_return_val_if_fail (OVF_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (options != NULL && options->output_path != NULL, NULL);

  format = options->format != OVF_VIDEO_FORMAT_AUTO ? options->format
                                                     : ovf_video_format_from_path (options->output_path);
  if (format == OVF_VIDEO_FORMAT_AUTO)
    {
      g_autofree char *available = ovf_video_profile_list_available ();

      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_FORMAT,
                   _("Cannot tell the video format of “%s”. Available here: %s"),
                   options->output_path, available);
      return NULL;
    }
  if (format == OVF_VIDEO_FORMAT_GIF && options->fps > 30)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_INVALID,
                   _("An animated GIF plays at most 30 frames per second, not %d"), options->fps);
      return NULL;
    }

  self = g_object_new (OVF_TYPE_VIDEO_RENDERER, NULL);
  self->dataset = g_object_ref (dataset);
  self->options = *options;
  self->options.format = format;
  self->output_path = g_strdup (options->output_path);
  self->options.output_path = self->output_path;
  self->options.frame.output_path = NULL;
  self->options.frame.basemap_image = NULL;
  self->options.frame.selected_event = NULL;
  if (!ovf_video_profile_find (format, &self->profile, error))
    return NULL;

  self->schedule = ovf_video_schedule_new (dataset, &self->options,
                                           options->camera == OVF_VIDEO_CAMERA_STORY, error);
  if (self->schedule == NULL)
    return NULL;
  self->views = ovf_video_camera_plan (dataset, &self->options, self->schedule);
  return g_steal_pointer (&self);
}

guint
ovf_video_renderer_get_n_frames (OvfVideoRenderer *self)
{
  g_return_val_if_fail (OVF_IS_VIDEO_RENDERER (self), 0);

  return ovf_video_schedule_get_n_frames (self->schedule);
}

const OvfVideoProfile *
ovf_video_renderer_get_profile (OvfVideoRenderer *self)
{
  g_return_val_if_fail (OVF_IS_VIDEO_RENDERER (self), NULL);

  return &self->profile;
}

double
ovf_video_renderer_get_speed (OvfVideoRenderer *self)
{
  g_return_val_if_fail (OVF_IS_VIDEO_RENDERER (self), 0.0);

  return ovf_video_schedule_get_speed (self->schedule);
}

double
ovf_video_renderer_get_progress (OvfVideoRenderer *self)
{
  g_return_val_if_fail (OVF_IS_VIDEO_RENDERER (self), 0.0);

  return self->progress;
}

gboolean
ovf_video_renderer_get_frame_options (OvfVideoRenderer *self,
                                      guint             index,
                                      OvfExportOptions *out_options)
{
  const OvfMapView *view;
  OvfVideoFrame frame;

  g_return_val_if_fail (OVF_IS_VIDEO_RENDERER (self), FALSE);
  g_return_val_if_fail (index < ovf_video_renderer_get_n_frames (self), FALSE);

  ovf_video_schedule_get_frame (self->schedule, index, &frame);
  view = &g_array_index (self->views, OvfMapView, index);
  *out_options = self->options.frame;
  out_options->time = frame.time;
  out_options->selected_event = frame.held_event;
  out_options->view.center_x = view->center_x;
  out_options->view.center_y = view->center_y;
  out_options->view.zoom = view->zoom;
  return frame.kind == OVF_VIDEO_FRAME_MAP && frame.note == NULL && frame.fading_event == NULL;
}

static gboolean
same_view (const OvfMapView *a,
           const OvfMapView *b)
{
  return a->center_x == b->center_x && a->center_y == b->center_y && a->zoom == b->zoom;
}

/* The basemap image for frame @index when the camera stands still there
 * (this frame's view is the last one's or the next one's); NULL while it
 * moves, when drawing the basemap into the frame directly is cheaper. */
static cairo_surface_t *
still_basemap (OvfVideoRenderer        *self,
               guint                    index,
               const OvfExportOptions  *options,
               GError                 **error)
{
  const OvfMapView *view = &g_array_index (self->views, OvfMapView, index);

  if (self->options.frame.osm != NULL)
    return NULL;
  if (self->basemap != NULL && same_view (view, &self->basemap_view))
    return self->basemap;
  if (index + 1 >= self->views->len || !same_view (view, &g_array_index (self->views, OvfMapView, index + 1)))
    return NULL;

  g_clear_pointer (&self->basemap, cairo_surface_destroy);
  self->basemap = ovf_exporter_render_basemap (options, error);
  self->basemap_view = *view;
  return self->basemap;
}

/* A cleared frame image: one from the pool that only the pool holds now
 * (the encoder has dropped its reference), or a new one. */
static cairo_surface_t *
take_surface (OvfVideoRenderer *self)
{
  const OvfExportOptions *frame_options = &self->options.frame;
  cairo_surface_t *surface = NULL;
  cairo_t *cr;

  for (guint i = 0; i < self->pool->len && surface == NULL; i++)
    if (cairo_surface_get_reference_count (g_ptr_array_index (self->pool, i)) == 1)
      surface = cairo_surface_reference (g_ptr_array_index (self->pool, i));
  if (surface == NULL)
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, frame_options->width, frame_options->height);
      if (self->pool->len < POOL_SIZE)
        g_ptr_array_add (self->pool, cairo_surface_reference (surface));
      return surface;
    }

  cr = cairo_create (surface);
  cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
  cairo_paint (cr);
  cairo_destroy (cr);
  return surface;
}

/* The new caption fades in: the picture with the caption before it,
 * painted over this frame's picture at what is left to fade. Only the
 * caption (and the event it marks) differ between the two. */
static gboolean
fade_caption (OvfVideoRenderer        *self,
              const OvfExportOptions  *options,
              const OvfVideoFrame     *frame,
              cairo_t                 *cr,
              GError                 **error)
{
  OvfExportOptions before = *options;
  cairo_surface_t *then = take_surface (self);
  cairo_t *then_cr = cairo_create (then);
  gboolean ok;

  before.selected_event = frame->fading_event;
  ok = ovf_exporter_draw (self->dataset, &before, then_cr, error);
  cairo_destroy (then_cr);
  if (ok)
    {
      cairo_set_source_surface (cr, then, 0, 0);
      cairo_paint_with_alpha (cr, 1.0 - frame->caption_alpha);
    }
  cairo_surface_destroy (then);
  return ok;
}

cairo_surface_t *
ovf_video_renderer_draw_frame (OvfVideoRenderer  *self,
                               guint              index,
                               GError           **error)
{
  const OvfExportOptions *frame_options = &self->options.frame;
  g_autoptr(GError) local_error = NULL;
  OvfExportOptions options;
  OvfVideoFrame frame;
  cairo_surface_t *surface, *shared = NULL;
  gboolean ok = TRUE;
  cairo_t *cr;

  g_return_val_if_fail (OVF_IS_VIDEO_RENDERER (self), NULL);
  g_return_val_if_fail (index < ovf_video_renderer_get_n_frames (self), NULL);

  ovf_video_schedule_get_frame (self->schedule, index, &frame);
  surface = take_surface (self);
  cr = cairo_create (surface);
  if (frame.kind == OVF_VIDEO_FRAME_TITLE_CARD)
    ovf_video_cards_draw_title (cr, self->dataset, frame_options->width, frame_options->height,
                                ovf_video_schedule_get_start (self->schedule),
                                ovf_video_schedule_get_end (self->schedule), frame.card_alpha);
  else if (frame.kind == OVF_VIDEO_FRAME_END_CARD)
    ovf_video_cards_draw_end (cr, self->dataset, frame_options->width, frame_options->height, frame.card_alpha);
  else
    {
      ovf_video_renderer_get_frame_options (self, index, &options);
      options.basemap_image = still_basemap (self, index, &options, &local_error);
      /* A fading caption draws the picture twice: over one basemap. */
      if (local_error == NULL && options.basemap_image == NULL && frame.fading_event != NULL &&
          options.osm == NULL)
        options.basemap_image = shared = ovf_exporter_render_basemap (&options, &local_error);
      ok = local_error == NULL && ovf_exporter_draw (self->dataset, &options, cr, &local_error);
      if (ok && frame.fading_event != NULL)
        ok = fade_caption (self, &options, &frame, cr, &local_error);
      g_clear_pointer (&shared, cairo_surface_destroy);
      if (ok && frame.note != NULL)
        ovf_video_cards_draw_note (cr, frame.note, frame_options->width, frame_options->height, frame.note_alpha);
    }
  cairo_destroy (cr);

  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      cairo_surface_destroy (surface);
      return NULL;
    }
  return surface;
}

/* Progress */

static gboolean
notify_progress (gpointer data)
{
  g_object_notify_by_pspec (G_OBJECT (data), properties[PROP_PROGRESS]);
  return G_SOURCE_REMOVE;
}

static void
set_progress (OvfVideoRenderer *self,
              double            progress)
{
  /* A notification per percent at most. */
  if (progress < 1.0 && (int) (progress * 100) == (int) (self->progress * 100))
    return;
  self->progress = progress;
  if (self->progress_context != NULL)
    g_main_context_invoke_full (self->progress_context, G_PRIORITY_DEFAULT, notify_progress,
                                g_object_ref (self), g_object_unref);
  else
    notify_progress (self);
}

/* Rendering */

static GPtrArray *
draw_samples (OvfVideoRenderer  *self,
              GError           **error)
{
  g_autoptr(GPtrArray) samples = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  guint n = ovf_video_renderer_get_n_frames (self);

  for (guint k = 0; k < MIN (N_SAMPLES, n); k++)
    {
      guint index = n > 1 ? (guint) ((guint64) k * (n - 1) / (MIN (N_SAMPLES, n) - 1)) : 0;
      cairo_surface_t *sample = ovf_video_renderer_draw_frame (self, index, error);

      if (sample == NULL)
        return NULL;
      g_ptr_array_add (samples, sample);
    }
  return g_steal_pointer (&samples);
}

static char *
sidecar_path (OvfVideoRenderer *self)
{
  g_autofree char *trimmed = g_strdup (self->output_path);

  while (g_str_has_suffix (trimmed, "/") && strlen (trimmed) > 1)
    trimmed[strlen (trimmed) - 1] = '\0';
  return ovf_exporter_get_sidecar_path (trimmed);
}

static gboolean
write_sidecar (OvfVideoRenderer  *self,
               GError           **error)
{
  g_autoptr(JsonNode) node = ovf_video_renderer_describe (self);
  g_autofree char *text = json_to_string (node, TRUE);
  g_autofree char *path = sidecar_path (self);

  return ovf_export_write_file_atomically (path, text, strlen (text), error);
}

static gboolean
render (OvfVideoRenderer  *self,
        GCancellable      *cancellable,
        GError           **error)
{
  g_autoptr(OvfVideoWriter) writer = NULL;
  g_autoptr(GPtrArray) samples = NULL;
  const OvfExportOptions *frame = &self->options.frame;
  guint n = ovf_video_renderer_get_n_frames (self);

  self->progress = 0.0;
  if (self->profile.format == OVF_VIDEO_FORMAT_GIF)
    {
      samples = draw_samples (self, error);
      if (samples == NULL)
        return FALSE;
    }
  writer = ovf_video_writer_new (&self->profile, self->output_path, frame->width, frame->height,
                                 self->options.fps, samples != NULL ? (cairo_surface_t **) samples->pdata : NULL,
                                 samples != NULL ? samples->len : 0, error);
  g_clear_pointer (&samples, g_ptr_array_unref);
  if (writer == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      cairo_surface_t *surface;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      surface = ovf_video_renderer_draw_frame (self, i, error);
      if (surface == NULL || !ovf_video_writer_push (writer, surface, cancellable, error))
        return FALSE;
      set_progress (self, (i + 1.0) / (n + 1.0));
    }
  g_clear_pointer (&self->basemap, cairo_surface_destroy);
  g_ptr_array_set_size (self->pool, 0);

  if (!ovf_video_writer_finish (writer, cancellable, error))
    return FALSE;
  if (self->options.sidecar && !write_sidecar (self, error))
    return FALSE;
  set_progress (self, 1.0);
  return TRUE;
}

gboolean
ovf_video_renderer_render (OvfVideoRenderer  *self,
                           GCancellable      *cancellable,
                           GError           **error)
{
  g_return_val_if_fail (OVF_IS_VIDEO_RENDERER (self), FALSE);

  g_clear_pointer (&self->progress_context, g_main_context_unref);
  return render (self, cancellable, error);
}

static void
render_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  OvfVideoRenderer *self = source_object;
  GError *error = NULL;

  if (render (self, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
ovf_video_renderer_render_async (OvfVideoRenderer    *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (OVF_IS_VIDEO_RENDERER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, ovf_video_renderer_render_async);
  g_clear_pointer (&self->progress_context, g_main_context_unref);
  self->progress_context = g_main_context_ref_thread_default ();
  g_task_run_in_thread (task, render_thread);
}

gboolean
ovf_video_renderer_render_finish (OvfVideoRenderer  *self,
                                  GAsyncResult      *result,
                                  GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

JsonNode *
ovf_video_renderer_describe (OvfVideoRenderer *self)
{
  OvfExportOptions first;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *from = ovf_time_format_iso8601 (ovf_video_schedule_get_start (self->schedule));
  g_autofree char *to = ovf_time_format_iso8601 (ovf_video_schedule_get_end (self->schedule));
  JsonNode *node;
  guint n = ovf_video_renderer_get_n_frames (self);

  g_return_val_if_fail (OVF_IS_VIDEO_RENDERER (self), NULL);

  ovf_video_renderer_get_frame_options (self, 0, &first);
  first.selected_event = NULL;
  node = ovf_exporter_describe (self->dataset, &first);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, format_ids[self->profile.format]);
  json_builder_set_member_name (builder, "encoder");
  /* GIF and PNG frames are written by Overflight itself. */
  json_builder_add_string_value (builder, self->profile.encoder != NULL ? self->profile.encoder : "overflight");
  json_builder_set_member_name (builder, "codec");
  json_builder_add_string_value (builder, self->profile.codec);
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, from);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, to);
  json_builder_set_member_name (builder, "frames");
  json_builder_add_int_value (builder, n);
  json_builder_set_member_name (builder, "fps");
  json_builder_add_int_value (builder, self->options.fps);
  json_builder_set_member_name (builder, "duration_s");
  json_builder_add_double_value (builder, (double) n / self->options.fps);
  json_builder_set_member_name (builder, "speed_clock_s_per_s");
  json_builder_add_double_value (builder, ovf_video_renderer_get_speed (self));
  json_builder_set_member_name (builder, "width");
  json_builder_add_int_value (builder, self->options.frame.width);
  json_builder_set_member_name (builder, "height");
  json_builder_add_int_value (builder, self->options.frame.height);
  json_builder_set_member_name (builder, "camera");
  json_builder_add_string_value (builder, ovf_video_camera_to_string (self->options.camera));
  json_builder_set_member_name (builder, "caption");
  json_builder_add_boolean_value (builder, self->options.frame.caption);
  json_builder_set_member_name (builder, "cards");
  json_builder_add_boolean_value (builder, self->options.cards);
  json_builder_set_member_name (builder, "skip_idle");
  json_builder_add_boolean_value (builder, self->options.skip_idle);
  json_builder_end_object (builder);

  json_object_set_member (json_node_get_object (node), "video", json_builder_get_root (builder));
  return node;
}
