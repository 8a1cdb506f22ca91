/* ovf-session.c: what the views of one window show, held in one place.
 *
 * The open dataset, the clock, the selected event and the tracks shown and
 * followed. Views observe its properties; a view that changes something
 * (the timeline moves the clock, the list selects an event) sets it here,
 * and every other view follows, without any view calling another.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ovf-session.h"

struct _OvfSession
{
  GObject     parent_instance;

  OvfDataset *dataset;
  OvfTime     time;
  OvfTime     start;
  OvfTime     end;
  OvfEvent   *selected_event;
  OvfEvent   *current_event;
  OvfTrack   *followed_track;
  /* Tracks the user hid; borrowed from the dataset, emptied with it. */
  GHashTable *hidden_tracks;
};

G_DEFINE_FINAL_TYPE (OvfSession, ovf_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_TIME,
  PROP_SELECTED_EVENT,
  PROP_CURRENT_EVENT,
  PROP_FOLLOWED_TRACK,
  N_PROPS
};

enum {
  TRACK_VISIBILITY_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
ovf_session_dispose (GObject *object)
{
  OvfSession *self = OVF_SESSION (object);

  g_hash_table_remove_all (self->hidden_tracks);
  g_clear_object (&self->selected_event);
  g_clear_object (&self->current_event);
  g_clear_object (&self->followed_track);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (ovf_session_parent_class)->dispose (object);
}

static void
ovf_session_finalize (GObject *object)
{
  OvfSession *self = OVF_SESSION (object);

  g_hash_table_unref (self->hidden_tracks);

  G_OBJECT_CLASS (ovf_session_parent_class)->finalize (object);
}

static void
ovf_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  OvfSession *self = OVF_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_TIME:
      g_value_set_int64 (value, self->time);
      break;
    case PROP_SELECTED_EVENT:
      g_value_set_object (value, self->selected_event);
      break;
    case PROP_CURRENT_EVENT:
      g_value_set_object (value, self->current_event);
      break;
    case PROP_FOLLOWED_TRACK:
      g_value_set_object (value, self->followed_track);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ovf_session_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  OvfSession *self = OVF_SESSION (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      ovf_session_set_dataset (self, g_value_get_object (value));
      break;
    case PROP_TIME:
      ovf_session_set_time (self, g_value_get_int64 (value));
      break;
    case PROP_SELECTED_EVENT:
      ovf_session_select_event (self, g_value_get_object (value));
      break;
    case PROP_FOLLOWED_TRACK:
      ovf_session_set_followed_track (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ovf_session_class_init (OvfSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ovf_session_dispose;
  object_class->finalize = ovf_session_finalize;
  object_class->get_property = ovf_session_get_property;
  object_class->set_property = ovf_session_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, OVF_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The clock, kept within the dataset's span. */
  properties[PROP_TIME] =
    g_param_spec_int64 ("time", NULL, NULL, G_MININT64, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_EVENT] =
    g_param_spec_object ("selected-event", NULL, NULL, OVF_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The latest event at or before the clock. */
  properties[PROP_CURRENT_EVENT] =
    g_param_spec_object ("current-event", NULL, NULL, OVF_TYPE_EVENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLLOWED_TRACK] =
    g_param_spec_object ("followed-track", NULL, NULL, OVF_TYPE_TRACK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[TRACK_VISIBILITY_CHANGED] =
    g_signal_new ("track-visibility-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, OVF_TYPE_TRACK);
}

static void
ovf_session_init (OvfSession *self)
{
  self->hidden_tracks = g_hash_table_new (NULL, NULL);
}

OvfSession *
ovf_session_new (void)
{
  return g_object_new (OVF_TYPE_SESSION, NULL);
}

OvfDataset *
ovf_session_get_dataset (OvfSession *self)
{
  g_return_val_if_fail (OVF_IS_SESSION (self), NULL);

  return self->dataset;
}

static void
update_current_event (OvfSession *self)
{
  g_autoptr(OvfEvent) current = NULL;
  int index = -1;

  if (self->dataset != NULL)
    index = ovf_dataset_find_event_at_or_before (self->dataset, self->time);
  if (index >= 0)
    current = g_list_model_get_item (ovf_dataset_get_events (self->dataset), index);

  if (g_set_object (&self->current_event, current))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_EVENT]);
}

/**
 * ovf_session_set_dataset:
 *
 * Opens @dataset: the selection is cleared first (so no view shows an event
 * of the old dataset), every track is shown, the main track is followed,
 * and the clock is kept where the new span allows (a reload keeps its
 * moment).
 */
void
ovf_session_set_dataset (OvfSession *self,
                         OvfDataset *dataset)
{
  g_return_if_fail (OVF_IS_SESSION (self));
  g_return_if_fail (dataset == NULL || OVF_IS_DATASET (dataset));

  if (self->dataset == dataset)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  ovf_session_select_event (self, NULL);
  g_hash_table_remove_all (self->hidden_tracks);
  g_set_object (&self->dataset, dataset);
  self->start = self->end = 0;
  if (dataset != NULL)
    ovf_dataset_get_time_span (dataset, &self->start, &self->end);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);
  ovf_session_set_followed_track (self, dataset != NULL ? ovf_dataset_get_main_track (dataset) : NULL);
  ovf_session_set_time (self, self->time);
  update_current_event (self);
  g_object_thaw_notify (G_OBJECT (self));
}

OvfTime
ovf_session_get_time (OvfSession *self)
{
  g_return_val_if_fail (OVF_IS_SESSION (self), 0);

  return self->time;
}

void
ovf_session_set_time (OvfSession *self,
                      OvfTime     time)
{
  g_return_if_fail (OVF_IS_SESSION (self));

  if (self->dataset != NULL)
    time = CLAMP (time, self->start, self->end);
  if (self->time == time)
    return;

  self->time = time;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
  update_current_event (self);
}

/* The span of every track point and event; both 0 without a dataset. */
void
ovf_session_get_time_span (OvfSession *self,
                           OvfTime    *out_start,
                           OvfTime    *out_end)
{
  g_return_if_fail (OVF_IS_SESSION (self));

  if (out_start != NULL)
    *out_start = self->start;
  if (out_end != NULL)
    *out_end = self->end;
}

OvfEvent *
ovf_session_get_selected_event (OvfSession *self)
{
  g_return_val_if_fail (OVF_IS_SESSION (self), NULL);

  return self->selected_event;
}

static gboolean
dataset_has_event (OvfDataset *dataset,
                   OvfEvent   *event)
{
  return dataset != NULL && ovf_dataset_get_event (dataset, ovf_event_get_id (event)) == event;
}

/**
 * ovf_session_select_event:
 *
 * Selects @event (one of the dataset's, or %NULL) and moves the clock to
 * its time, so every view shows the moment it describes.
 */
void
ovf_session_select_event (OvfSession *self,
                          OvfEvent   *event)
{
  g_return_if_fail (OVF_IS_SESSION (self));
  g_return_if_fail (event == NULL || OVF_IS_EVENT (event));
  g_return_if_fail (event == NULL || dataset_has_event (self->dataset, event));

  if (self->selected_event == event)
    return;

  /* The clock first: a view showing the selection shows it at its time. */
  if (event != NULL)
    ovf_session_set_time (self, ovf_event_get_time (event));
  g_set_object (&self->selected_event, event);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
}

OvfEvent *
ovf_session_get_current_event (OvfSession *self)
{
  g_return_val_if_fail (OVF_IS_SESSION (self), NULL);

  return self->current_event;
}

OvfTrack *
ovf_session_get_followed_track (OvfSession *self)
{
  g_return_val_if_fail (OVF_IS_SESSION (self), NULL);

  return self->followed_track;
}

void
ovf_session_set_followed_track (OvfSession *self,
                                OvfTrack   *track)
{
  g_return_if_fail (OVF_IS_SESSION (self));
  g_return_if_fail (track == NULL || OVF_IS_TRACK (track));

  if (g_set_object (&self->followed_track, track))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLLOWED_TRACK]);
}

gboolean
ovf_session_get_track_visible (OvfSession *self,
                               OvfTrack   *track)
{
  g_return_val_if_fail (OVF_IS_SESSION (self), FALSE);
  g_return_val_if_fail (OVF_IS_TRACK (track), FALSE);

  return !g_hash_table_contains (self->hidden_tracks, track);
}

void
ovf_session_set_track_visible (OvfSession *self,
                               OvfTrack   *track,
                               gboolean    visible)
{
  gboolean changed;

  g_return_if_fail (OVF_IS_SESSION (self));
  g_return_if_fail (OVF_IS_TRACK (track));

  changed = visible ? g_hash_table_remove (self->hidden_tracks, track)
                    : g_hash_table_add (self->hidden_tracks, track);
  if (changed)
    g_signal_emit (self, signals[TRACK_VISIBILITY_CHANGED], 0, track);
}
