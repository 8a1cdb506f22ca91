/* ovf-video-schedule.c
 *
 * The film is a row of segments: the clock running, paused on an event,
 * racing through an idle stretch, or a card. Each frame's clock time is
 * read off them, and the caption each frame names is settled once, in
 * order, so that every event stays up long enough to read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ovf-track.h"
#include "ovf-video-schedule.h"

/* Film seconds. */
#define TITLE_CARD   3.0
#define END_CARD     4.0
#define CARD_FADE    0.5
#define EVENT_PAUSE  2.5
#define IDLE_SKIP    1.5
#define READ_TIME    3.0
#define CAPTION_FADE 0.4
/* A stretch with no point and no event this long is idle. */
#define IDLE_GAP     (12 * OVF_TIME_HOUR)

typedef enum
{
  SEGMENT_RUN,
  SEGMENT_PAUSE,
  SEGMENT_SKIP,
  SEGMENT_TITLE,
  SEGMENT_END,
} SegmentKind;

typedef struct
{
  SegmentKind  kind;
  double       film_start;
  double       film_length;
  OvfTime      clock_start;
  OvfTime      clock_end;
  char        *note;
} Segment;

struct _OvfVideoSchedule
{
  GObject     parent_instance;
  OvfDataset *dataset;
  GArray     *segments;   /* of Segment */
  int         fps;
  guint       n_frames;
  OvfTime     start;
  OvfTime     end;
  double      speed;
  int        *caption;    /* per frame: the event index the caption holds, or -1 */
  int        *fading;     /* per frame: the event whose caption fades out, or -1 */
  float      *fade;       /* per frame: how far the new caption has faded in, 0 to 1 */
};

G_DEFINE_FINAL_TYPE (OvfVideoSchedule, ovf_video_schedule, G_TYPE_OBJECT)

static void
segment_clear (gpointer data)
{
  g_free (((Segment *) data)->note);
}

static void
ovf_video_schedule_finalize (GObject *object)
{
  OvfVideoSchedule *self = OVF_VIDEO_SCHEDULE (object);

  g_clear_object (&self->dataset);
  g_array_unref (self->segments);
  g_free (self->caption);
  g_free (self->fading);
  g_free (self->fade);
  G_OBJECT_CLASS (ovf_video_schedule_parent_class)->finalize (object);
}

static void
ovf_video_schedule_class_init (OvfVideoScheduleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ovf_video_schedule_finalize;
}

static void
ovf_video_schedule_init (OvfVideoSchedule *self)
{
  self->segments = g_array_new (FALSE, TRUE, sizeof (Segment));
  g_array_set_clear_func (self->segments, segment_clear);
}

static int
compare_times (gconstpointer a,
               gconstpointer b)
{
  OvfTime ta = *(const OvfTime *) a, tb = *(const OvfTime *) b;

  return ta < tb ? -1 : ta > tb;
}

/* Every instant in [start, end] something happens: points and events. */
static GArray *
collect_activity (OvfDataset *dataset,
                  OvfTime     start,
                  OvfTime     end)
{
  GArray *times = g_array_new (FALSE, FALSE, sizeof (OvfTime));
  GListModel *tracks = ovf_dataset_get_tracks (dataset);
  GListModel *events = ovf_dataset_get_events (dataset);

  g_array_append_val (times, start);
  g_array_append_val (times, end);
  for (guint i = 0; i < g_list_model_get_n_items (tracks); i++)
    {
      g_autoptr(OvfTrack) track = g_list_model_get_item (tracks, i);
      guint n;
      const OvfTrackPoint *points = ovf_track_get_points (track, &n);

      for (guint j = 0; j < n; j++)
        if (points[j].time > start && points[j].time < end)
          g_array_append_val (times, points[j].time);
    }
  for (guint i = 0; i < g_list_model_get_n_items (events); i++)
    {
      g_autoptr(OvfEvent) event = g_list_model_get_item (events, i);
      OvfTime t = ovf_event_get_time (event);

      if (t > start && t < end)
        g_array_append_val (times, t);
    }
  g_array_sort (times, compare_times);
  return times;
}

static char *
format_later (OvfTime gap)
{
  guint days = (guint) llround ((double) gap / OVF_TIME_DAY);
  guint hours = (guint) llround ((double) gap / OVF_TIME_HOUR);

  if (days >= 2)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u day later", "%u days later", days), days);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour later", "%u hours later", hours), hours);
}

static void
add_segment (OvfVideoSchedule *self,
             SegmentKind       kind,
             double            film_length,
             OvfTime           clock_start,
             OvfTime           clock_end,
             char             *note)
{
  Segment segment = { kind, 0.0, film_length, clock_start, clock_end, note };

  if (self->segments->len > 0)
    {
      const Segment *last = &g_array_index (self->segments, Segment, self->segments->len - 1);

      segment.film_start = last->film_start + last->film_length;
    }
  g_array_append_val (self->segments, segment);
}

/* Lays the segments out: the running clock gets the film that pauses
 * and skips leave, or as much as the speed needs. */
static void
build_segments (OvfVideoSchedule      *self,
                const OvfVideoOptions *options,
                gboolean               pause_on_events,
                GArray                *activity)
{
  const OvfTime *t = (const OvfTime *) (gpointer) activity->data;
  OvfTime idle = 0, running, cursor = self->start;
  guint n_pauses = 0, n_skips = 0;
  double pause = EVENT_PAUSE, skip = IDLE_SKIP, fixed, run_film;
  GListModel *events = ovf_dataset_get_events (self->dataset);
  int next_event = ovf_dataset_find_next_event (self->dataset, self->start - 1);

  for (guint i = 0; options->skip_idle && i + 1 < activity->len; i++)
    if (t[i + 1] - t[i] > IDLE_GAP)
      {
        idle += t[i + 1] - t[i];
        n_skips++;
      }
  for (int e = next_event; pause_on_events && e >= 0 && (guint) e < g_list_model_get_n_items (events); e++)
    {
      g_autoptr(OvfEvent) event = g_list_model_get_item (events, e);

      if (ovf_event_get_time (event) > self->end)
        break;
      n_pauses++;
    }

  running = MAX (self->end - self->start - idle, OVF_TIME_SECOND);
  fixed = n_pauses * pause + n_skips * skip;
  if (options->speed > 0.0)
    {
      run_film = (double) running / OVF_TIME_SECOND / options->speed;
    }
  else
    {
      /* Pauses and skips take at most half the film. */
      if (fixed > options->duration / 2.0)
        {
          pause *= options->duration / 2.0 / fixed;
          skip *= options->duration / 2.0 / fixed;
          fixed = options->duration / 2.0;
        }
      run_film = options->duration - fixed;
    }
  self->speed = (double) running / OVF_TIME_SECOND / run_film;

  if (options->cards)
    add_segment (self, SEGMENT_TITLE, TITLE_CARD, self->start, self->start, NULL);
  for (guint i = 0; i < activity->len; i++)
    {
      /* Events are activity instants too: pause on each one at t[i]. */
      while (pause_on_events && next_event >= 0 && (guint) next_event < g_list_model_get_n_items (events))
        {
          g_autoptr(OvfEvent) event = g_list_model_get_item (events, next_event);
          OvfTime when = ovf_event_get_time (event);

          if (when > t[i])
            break;
          if (when > cursor)
            add_segment (self, SEGMENT_RUN, run_film * (when - cursor) / running, cursor, when, NULL);
          add_segment (self, SEGMENT_PAUSE, pause, when, when, NULL);
          cursor = MAX (cursor, when);
          next_event++;
        }
      if (options->skip_idle && i + 1 < activity->len && t[i + 1] - t[i] > IDLE_GAP)
        {
          if (t[i] > cursor)
            add_segment (self, SEGMENT_RUN, run_film * (t[i] - cursor) / running, cursor, t[i], NULL);
          add_segment (self, SEGMENT_SKIP, skip, t[i], t[i + 1], format_later (t[i + 1] - t[i]));
          cursor = t[i + 1];
        }
    }
  if (cursor < self->end)
    add_segment (self, SEGMENT_RUN, run_film * (self->end - cursor) / running, cursor, self->end, NULL);
  if (options->cards)
    add_segment (self, SEGMENT_END, END_CARD, self->end, self->end, NULL);
}

static const Segment *
find_segment (OvfVideoSchedule *self,
              double            film)
{
  const Segment *s = (const Segment *) (gpointer) self->segments->data;
  guint lo = 0, hi = self->segments->len;

  /* The last segment starting at or before @film. */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (s[mid].film_start <= film)
        lo = mid;
      else
        hi = mid;
    }
  return &s[lo];
}

static OvfTime
segment_clock (const Segment *s,
               double         film)
{
  double f = s->film_length > 0.0 ? CLAMP ((film - s->film_start) / s->film_length, 0.0, 1.0) : 1.0;

  return s->clock_start + (OvfTime) llround ((double) (s->clock_end - s->clock_start) * f);
}

/* Each event's caption stays up READ_TIME, even if the clock has passed
 * later ones meanwhile; then the caption catches up with the clock. A new
 * caption fades in over the one before during CAPTION_FADE. */
static void
settle_captions (OvfVideoSchedule *self)
{
  int shown = -1, before = -1;
  double shown_since = 0.0;

  self->caption = g_new (int, self->n_frames);
  self->fading = g_new (int, self->n_frames);
  self->fade = g_new (float, self->n_frames);
  for (guint i = 0; i < self->n_frames; i++)
    {
      double film = (double) i / self->fps;
      const Segment *s = find_segment (self, film);
      int latest = ovf_dataset_find_event_at_or_before (self->dataset, segment_clock (s, film));

      if (latest != shown && (shown < 0 || film - shown_since >= READ_TIME))
        {
          before = shown;
          shown = latest;
          shown_since = film;
        }
      self->caption[i] = shown != latest ? shown : -1;
      /* Before the first event there is no caption to fade from. */
      self->fade[i] = (float) MIN ((film - shown_since) / CAPTION_FADE, 1.0);
      self->fading[i] = before >= 0 && self->fade[i] < 1.0f ? before : -1;
    }
}

OvfVideoSchedule *
ovf_video_schedule_new (OvfDataset             *dataset,
                        const OvfVideoOptions  *options,
                        gboolean                pause_on_events,
                        GError                **error)
{
  g_autoptr(OvfVideoSchedule) self = NULL;
  g_autoptr(GArray) activity = NULL;
  const Segment *last;
  OvfTime first, final;

  g_return_val_if_fail (OVF_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (options != NULL, NULL);

  if (!ovf_video_options_check (options, error))
    return NULL;

  self = g_object_new (OVF_TYPE_VIDEO_SCHEDULE, NULL);
  self->dataset = g_object_ref (dataset);
  self->fps = options->fps;
  ovf_dataset_get_time_span (dataset, &first, &final);
  self->start = options->start != OVF_TIME_NONE ? options->start : first;
  self->end = options->end != OVF_TIME_NONE ? options->end : final;
  if (self->end <= self->start)
    {
      g_set_error_literal (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_INVALID,
                           _("The clip’s range is empty: it must end after it starts"));
      return NULL;
    }

  activity = collect_activity (dataset, self->start, self->end);
  build_segments (self, options, pause_on_events, activity);
  last = &g_array_index (self->segments, Segment, self->segments->len - 1);
  self->n_frames = MAX ((guint) llround ((last->film_start + last->film_length) * self->fps), 1);
  if (self->n_frames > 3600 * 60)
    {
      g_set_error (error, OVF_EXPORT_ERROR, OVF_EXPORT_ERROR_INVALID,
                   _("The clip would last %.0f minutes: at most an hour is allowed; choose a faster speed"),
                   (double) self->n_frames / self->fps / 60.0);
      return NULL;
    }
  settle_captions (self);
  return g_steal_pointer (&self);
}

guint
ovf_video_schedule_get_n_frames (OvfVideoSchedule *self)
{
  g_return_val_if_fail (OVF_IS_VIDEO_SCHEDULE (self), 0);

  return self->n_frames;
}

OvfTime
ovf_video_schedule_get_start (OvfVideoSchedule *self)
{
  return self->start;
}

OvfTime
ovf_video_schedule_get_end (OvfVideoSchedule *self)
{
  return self->end;
}

double
ovf_video_schedule_get_speed (OvfVideoSchedule *self)
{
  return self->speed;
}

static double
fade (double film,
      double start,
      double length)
{
  double in = (film - start) / CARD_FADE, out = (start + length - film) / CARD_FADE;

  return CLAMP (MIN (in, out), 0.0, 1.0);
}

void
ovf_video_schedule_get_frame (OvfVideoSchedule *self,
                              guint             index,
                              OvfVideoFrame    *out_frame)
{
  double film;
  const Segment *s;
  g_autoptr(OvfEvent) held = NULL;
  g_autoptr(OvfEvent) fading = NULL;

  g_return_if_fail (OVF_IS_VIDEO_SCHEDULE (self));
  g_return_if_fail (index < self->n_frames);

  film = (double) index / self->fps;
  s = find_segment (self, film);
  if (self->caption[index] >= 0)
    held = g_list_model_get_item (ovf_dataset_get_events (self->dataset), self->caption[index]);
  if (self->fading[index] >= 0)
    fading = g_list_model_get_item (ovf_dataset_get_events (self->dataset), self->fading[index]);

  *out_frame = (OvfVideoFrame) {
    .kind = s->kind == SEGMENT_TITLE ? OVF_VIDEO_FRAME_TITLE_CARD
          : s->kind == SEGMENT_END ? OVF_VIDEO_FRAME_END_CARD : OVF_VIDEO_FRAME_MAP,
    .time = segment_clock (s, film),
    /* The dataset keeps its events alive. */
    .held_event = held,
    .fading_event = fading,
    .caption_alpha = self->fading[index] >= 0 ? self->fade[index] : 1.0,
    .note = s->note,
    .note_alpha = s->note != NULL ? fade (film, s->film_start, s->film_length) : 0.0,
    .card_alpha = fade (film, s->film_start, s->film_length),
  };
}
