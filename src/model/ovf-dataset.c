/* ovf-dataset.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ovf-dataset.h"
#include "ovf-model-private.h"

G_DEFINE_FINAL_TYPE (OvfDataset, ovf_dataset, G_TYPE_OBJECT)

G_DEFINE_QUARK (ovf-dataset-error-quark, ovf_dataset_error)

static void
ovf_dataset_finalize (GObject *object)
{
  OvfDataset *self = OVF_DATASET (object);

  g_free (self->title);
  g_free (self->description);
  g_free (self->license);
  g_free (self->updated);
  g_strfreev (self->credits);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->checksum);
  g_clear_object (&self->tracks);
  g_clear_object (&self->events);
  g_clear_object (&self->places);
  g_clear_object (&self->areas);
  g_free (self->event_times);
  g_free (self->import_format);
  g_free (self->import_creator);

  G_OBJECT_CLASS (ovf_dataset_parent_class)->finalize (object);
}

static void
ovf_dataset_class_init (OvfDatasetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ovf_dataset_finalize;
}

static void
ovf_dataset_init (OvfDataset *self)
{
  self->tracks = g_list_store_new (OVF_TYPE_TRACK);
  self->events = g_list_store_new (OVF_TYPE_EVENT);
  self->places = g_list_store_new (OVF_TYPE_PLACE);
  self->areas = g_list_store_new (OVF_TYPE_AREA);
  self->start = OVF_TIME_NONE;
  self->end = OVF_TIME_NONE;
}

static int
compare_events (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  OvfEvent *ea = (OvfEvent *) a;
  OvfEvent *eb = (OvfEvent *) b;

  if (ea->time != eb->time)
    return ea->time < eb->time ? -1 : 1;

  return strcmp (ea->id, eb->id);
}

static void
extend_span (OvfDataset *self,
             OvfTime     time)
{
  if (time == OVF_TIME_NONE)
    return;
  if (self->start == OVF_TIME_NONE || time < self->start)
    self->start = time;
  if (self->end == OVF_TIME_NONE || time > self->end)
    self->end = time;
}

void
ovf_dataset_finish (OvfDataset *self)
{
  GListModel *tracks = G_LIST_MODEL (self->tracks);
  GListModel *events = G_LIST_MODEL (self->events);

  g_list_store_sort (self->events, compare_events, NULL);

  self->n_events = g_list_model_get_n_items (events);
  self->event_times = g_new (OvfTime, MAX (self->n_events, 1));
  for (guint i = 0; i < self->n_events; i++)
    {
      g_autoptr(OvfEvent) event = g_list_model_get_item (events, i);

      self->event_times[i] = event->time;
      extend_span (self, event->time);
      extend_span (self, event->end_time);
    }

  for (guint i = 0; i < g_list_model_get_n_items (tracks); i++)
    {
      g_autoptr(OvfTrack) track = g_list_model_get_item (tracks, i);

      extend_span (self, ovf_track_get_start_time (track));
      extend_span (self, ovf_track_get_end_time (track));
    }
}

OvfDataset *
ovf_dataset_new_for_track (const char *title,
                           OvfTrack   *track)
{
  g_return_val_if_fail (OVF_IS_TRACK (track), NULL);

  return ovf_dataset_new_for_tracks (title, &track, 1);
}

OvfDataset *
ovf_dataset_new_for_tracks (const char *title,
                            OvfTrack  **tracks,
                            guint       n_tracks)
{
  OvfDataset *self;

  g_return_val_if_fail (tracks != NULL || n_tracks == 0, NULL);

  self = g_object_new (OVF_TYPE_DATASET, NULL);
  self->title = g_strdup (title);
  g_list_store_splice (self->tracks, 0, 0, (gpointer *) tracks, n_tracks);
  ovf_dataset_finish (self);
  return self;
}

OvfDataset *
ovf_dataset_load_from_bytes (GBytes             *bytes,
                             const char * const *languages,
                             GPtrArray         **diagnostics,
                             GError            **error)
{
  g_autoptr(OvfDataset) self = NULL;
  g_autoptr(GPtrArray) found = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (languages == NULL)
    languages = (const char * const *) g_get_language_names ();

  self = g_object_new (OVF_TYPE_DATASET, NULL);
  found = g_ptr_array_new_with_free_func ((GDestroyNotify) ovf_diagnostic_free);
  data = g_bytes_get_data (bytes, &length);

  if (!ovf_loader_load (self, data, length, languages, found, error))
    {
      if (diagnostics != NULL)
        *diagnostics = g_steal_pointer (&found);
      return NULL;
    }

  self->bytes = g_bytes_ref (bytes);
  if (diagnostics != NULL)
    *diagnostics = g_steal_pointer (&found);

  return g_steal_pointer (&self);
}

OvfDataset *
ovf_dataset_load_from_file (GFile              *file,
                            const char * const *languages,
                            GCancellable       *cancellable,
                            GPtrArray         **diagnostics,
                            GError            **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (diagnostics != NULL)
    *diagnostics = NULL;

  bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;

  return ovf_dataset_load_from_bytes (bytes, languages, diagnostics, error);
}

const char *
ovf_dataset_get_title (OvfDataset *self)
{
  g_return_val_if_fail (OVF_IS_DATASET (self), NULL);

  return self->title;
}

const char *
ovf_dataset_get_description (OvfDataset *self)
{
  g_return_val_if_fail (OVF_IS_DATASET (self), NULL);

  return self->description;
}

const char *
ovf_dataset_get_license (OvfDataset *self)
{
  g_return_val_if_fail (OVF_IS_DATASET (self), NULL);

  return self->license;
}

const char *
ovf_dataset_get_updated (OvfDataset *self)
{
  g_return_val_if_fail (OVF_IS_DATASET (self), NULL);

  return self->updated;
}

const char * const *
ovf_dataset_get_credits (OvfDataset *self)
{
  g_return_val_if_fail (OVF_IS_DATASET (self), NULL);

  return (const char * const *) self->credits;
}

int
ovf_dataset_get_format_version (OvfDataset *self)
{
  g_return_val_if_fail (OVF_IS_DATASET (self), 0);

  return self->format_version;
}

const char *
ovf_dataset_get_checksum (OvfDataset *self)
{
  g_return_val_if_fail (OVF_IS_DATASET (self), NULL);

  /* A dataset made in memory was read from no bytes. */
  if (self->checksum == NULL && self->bytes != NULL)
    {
      self->checksum = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, self->bytes);
      g_clear_pointer (&self->bytes, g_bytes_unref);
    }

  return self->checksum;
}

const char *
ovf_dataset_get_import_format (OvfDataset *self)
{
  g_return_val_if_fail (OVF_IS_DATASET (self), NULL);

  return self->import_format;
}

const char *
ovf_dataset_get_import_creator (OvfDataset *self)
{
  g_return_val_if_fail (OVF_IS_DATASET (self), NULL);

  return self->import_creator;
}

GListModel *
ovf_dataset_get_tracks (OvfDataset *self)
{
  g_return_val_if_fail (OVF_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->tracks);
}

GListModel *
ovf_dataset_get_events (OvfDataset *self)
{
  g_return_val_if_fail (OVF_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->events);
}

GListModel *
ovf_dataset_get_places (OvfDataset *self)
{
  g_return_val_if_fail (OVF_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->places);
}

GListModel *
ovf_dataset_get_areas (OvfDataset *self)
{
  g_return_val_if_fail (OVF_IS_DATASET (self), NULL);

  return G_LIST_MODEL (self->areas);
}

/* Datasets hold a handful of tracks, so a scan is as fast as a table. */
OvfTrack *
ovf_dataset_get_track (OvfDataset *self,
                       const char *id)
{
  GListModel *tracks;

  g_return_val_if_fail (OVF_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  tracks = G_LIST_MODEL (self->tracks);
  for (guint i = 0; i < g_list_model_get_n_items (tracks); i++)
    {
      OvfTrack *track = g_list_model_get_item (tracks, i);

      g_object_unref (track);   /* the store keeps it alive */
      if (g_str_equal (track->id, id))
        return track;
    }

  return NULL;
}

OvfTrack *
ovf_dataset_get_main_track (OvfDataset *self)
{
  OvfTrack *track;

  g_return_val_if_fail (OVF_IS_DATASET (self), NULL);

  track = ovf_dataset_get_track (self, "balloon");
  if (track == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->tracks)) > 0)
    {
      track = g_list_model_get_item (G_LIST_MODEL (self->tracks), 0);
      g_object_unref (track);
    }

  return track;
}

OvfEvent *
ovf_dataset_get_event (OvfDataset *self,
                       const char *id)
{
  GListModel *events;

  g_return_val_if_fail (OVF_IS_DATASET (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  events = G_LIST_MODEL (self->events);
  for (guint i = 0; i < self->n_events; i++)
    {
      OvfEvent *event = g_list_model_get_item (events, i);

      g_object_unref (event);
      if (g_str_equal (event->id, id))
        return event;
    }

  return NULL;
}

void
ovf_dataset_get_time_span (OvfDataset *self,
                           OvfTime    *out_start,
                           OvfTime    *out_end)
{
  g_return_if_fail (OVF_IS_DATASET (self));

  if (out_start != NULL)
    *out_start = self->start;
  if (out_end != NULL)
    *out_end = self->end;
}

/* The number of events with time <= @time (or < @time when @strict). */
static guint
count_events_until (OvfDataset *self,
                    OvfTime     time,
                    gboolean    strict)
{
  return ovf_time_count_before (self->event_times, sizeof (OvfTime), self->n_events, time, !strict);
}

int
ovf_dataset_find_event_at_or_before (OvfDataset *self,
                                     OvfTime     time)
{
  g_return_val_if_fail (OVF_IS_DATASET (self), -1);

  return (int) count_events_until (self, time, FALSE) - 1;
}

int
ovf_dataset_find_next_event (OvfDataset *self,
                             OvfTime     time)
{
  guint index;

  g_return_val_if_fail (OVF_IS_DATASET (self), -1);

  index = count_events_until (self, time, FALSE);
  return index < self->n_events ? (int) index : -1;
}

int
ovf_dataset_find_previous_event (OvfDataset *self,
                                 OvfTime     time)
{
  g_return_val_if_fail (OVF_IS_DATASET (self), -1);

  return (int) count_events_until (self, time, TRUE) - 1;
}
