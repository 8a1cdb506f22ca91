/* ovf-dataset.c: a loaded dataset and its lookups
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

/* @track under another id: its points, with their strings, copied. */
static OvfTrack *
copy_track_as (OvfTrack   *track,
               const char *id)
{
  GStringChunk *strings = g_string_chunk_new (64);
  OvfTrackPoint *points = g_memdup2 (track->points, sizeof *points * MAX (track->n_points, 1));

  for (guint i = 0; i < track->n_points; i++)
    {
      if (points[i].source != NULL)
        points[i].source = g_string_chunk_insert_const (strings, points[i].source);
      if (points[i].note != NULL)
        points[i].note = g_string_chunk_insert_const (strings, points[i].note);
    }
  return ovf_track_new_take (id, track->name, points, track->n_points, strings, track->untimed);
}

static void
append_all (GListStore *to,
            GListStore *from)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (from)); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (from), i);

      g_list_store_append (to, item);
    }
}

/* A new dataset with @self's metadata, events, places and areas, and no
 * tracks. Those never change, so both datasets share them. */
static OvfDataset *
copy_without_tracks (OvfDataset *self)
{
  OvfDataset *copy = g_object_new (OVF_TYPE_DATASET, NULL);

  copy->title = g_strdup (self->title);
  copy->description = g_strdup (self->description);
  copy->license = g_strdup (self->license);
  copy->updated = g_strdup (self->updated);
  copy->credits = g_strdupv (self->credits);
  copy->format_version = self->format_version;
  copy->import_format = g_strdup (self->import_format);
  copy->import_creator = g_strdup (self->import_creator);
  append_all (copy->events, self->events);
  append_all (copy->places, self->places);
  append_all (copy->areas, self->areas);
  return copy;
}

static const char *
checksum_or_empty (OvfDataset *dataset)
{
  const char *checksum = ovf_dataset_get_checksum (dataset);

  return checksum != NULL ? checksum : "";
}

OvfDataset *
ovf_dataset_add_tracks (OvfDataset *self,
                        OvfDataset *other)
{
  OvfDataset *merged;
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *both = NULL;

  g_return_val_if_fail (OVF_IS_DATASET (self), NULL);
  g_return_val_if_fail (OVF_IS_DATASET (other), NULL);

  merged = copy_without_tracks (self);
  append_all (merged->tracks, self->tracks);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tracks)); i++)
    {
      g_autoptr(OvfTrack) track = g_list_model_get_item (G_LIST_MODEL (self->tracks), i);

      g_hash_table_add (ids, g_strdup (track->id));
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (other->tracks)); i++)
    {
      g_autoptr(OvfTrack) track = g_list_model_get_item (G_LIST_MODEL (other->tracks), i);
      g_autofree char *id = g_strdup (track->id);

      for (guint n = 2; g_hash_table_contains (ids, id); n++)
        {
          g_free (id);
          id = g_strdup_printf ("%s-%u", track->id, n);
        }
      if (g_str_equal (id, track->id))
        g_list_store_append (merged->tracks, track);
      else
        {
          g_autoptr(OvfTrack) renamed = copy_track_as (track, id);

          g_list_store_append (merged->tracks, renamed);
        }
      g_hash_table_add (ids, g_steal_pointer (&id));
    }

  /* A dataset made in memory has no checksum of its own. */
  both = g_strconcat (checksum_or_empty (self), checksum_or_empty (other), NULL);
  merged->checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, both, -1);
  ovf_dataset_finish (merged);
  return merged;
}

OvfDataset *
ovf_dataset_give_times (OvfDataset *self,
                        OvfTrack   *track,
                        OvfTime     start,
                        OvfTime     end)
{
  OvfDataset *timed;
  g_autofree char *given = NULL;

  g_return_val_if_fail (OVF_IS_DATASET (self), NULL);
  g_return_val_if_fail (OVF_IS_TRACK (track), NULL);
  g_return_val_if_fail (!ovf_track_has_times (track) && track->n_points > 0, NULL);
  g_return_val_if_fail (start < end, NULL);

  timed = copy_without_tracks (self);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tracks)); i++)
    {
      g_autoptr(OvfTrack) item = g_list_model_get_item (G_LIST_MODEL (self->tracks), i);

      if (item == track)
        {
          g_autoptr(OvfTrack) spread = ovf_track_spread_times (track, start, end);

          g_list_store_append (timed->tracks, spread);
        }
      else
        g_list_store_append (timed->tracks, item);
    }

  given = g_strdup_printf ("%s %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                           checksum_or_empty (self), track->id, start, end);
  timed->checksum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, given, -1);
  ovf_dataset_finish (timed);
  return timed;
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
