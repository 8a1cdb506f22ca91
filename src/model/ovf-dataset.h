/* ovf-dataset.h: a loaded Overflight dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ovf-area.h"
#include "ovf-diagnostic.h"
#include "ovf-event.h"
#include "ovf-place.h"
#include "ovf-time.h"
#include "ovf-track.h"

G_BEGIN_DECLS

#define OVF_TYPE_DATASET (ovf_dataset_get_type ())
G_DECLARE_FINAL_TYPE (OvfDataset, ovf_dataset, OVF, DATASET, GObject)

#define OVF_DATASET_ERROR (ovf_dataset_error_quark ())

typedef enum
{
  OVF_DATASET_ERROR_SYNTAX,     /* not JSON */
  OVF_DATASET_ERROR_INVALID,    /* JSON, but not a valid dataset */
  OVF_DATASET_ERROR_UNSUPPORTED /* another format, or a version from the future */
} OvfDatasetError;

/* The newest format version this build reads. */
#define OVF_DATASET_FORMAT_VERSION 1
/* At most this many diagnostics are collected; one more notes the rest. */
#define OVF_DATASET_MAX_DIAGNOSTICS 100

GQuark      ovf_dataset_error_quark         (void);

/* Both loaders validate fully and collect every problem (up to the limit)
 * into @diagnostics (element type OvfDiagnostic, may be NULL). On failure
 * they return NULL and set @error to a summary. Translatable texts are
 * resolved for @languages (NULL: g_get_language_names ()), falling back
 * to English. */
OvfDataset *ovf_dataset_load_from_bytes     (GBytes               *bytes,
                                             const char * const   *languages,
                                             GPtrArray           **diagnostics,
                                             GError              **error);
OvfDataset *ovf_dataset_load_from_file      (GFile                *file,
                                             const char * const   *languages,
                                             GCancellable         *cancellable,
                                             GPtrArray           **diagnostics,
                                             GError              **error);
/* A dataset made in memory rather than read, such as a generated flight:
 * @track and a title, no events, places or areas. */
OvfDataset *ovf_dataset_new_for_track       (const char           *title,
                                             OvfTrack             *track);
/* A new dataset: @self with the tracks of @other after its own, each
 * whose id @self already uses renamed "ID-2", "ID-3"… Its checksum is
 * that of the two datasets' checksums. */
OvfDataset *ovf_dataset_add_tracks          (OvfDataset           *self,
                                             OvfDataset           *other);
/* A new dataset: @self with @track, one of its tracks without times,
 * given times from @start to @end (see ovf_track_spread_times ()). */
OvfDataset *ovf_dataset_give_times          (OvfDataset           *self,
                                             OvfTrack             *track,
                                             OvfTime               start,
                                             OvfTime               end);
/* The same with @n_tracks tracks, in that order. */
OvfDataset *ovf_dataset_new_for_tracks      (const char           *title,
                                             OvfTrack            **tracks,
                                             guint                 n_tracks);

const char *ovf_dataset_get_title           (OvfDataset *self);
const char *ovf_dataset_get_description     (OvfDataset *self);
const char *ovf_dataset_get_license         (OvfDataset *self);
const char *ovf_dataset_get_updated         (OvfDataset *self);
/* NULL-terminated; one credit line each. */
const char * const *ovf_dataset_get_credits (OvfDataset *self);
int         ovf_dataset_get_format_version  (OvfDataset *self);
/* Hex SHA-256 of the bytes the dataset was loaded from; NULL for one made
 * in memory. */
const char *ovf_dataset_get_checksum        (OvfDataset *self);
/* For a dataset read from a track file (ovf-import.h): its format, such
 * as "GPX 1.1", and the program that wrote it when the file says; NULL
 * for a dataset in Overflight's own format. */
const char *ovf_dataset_get_import_format   (OvfDataset *self);
const char *ovf_dataset_get_import_creator  (OvfDataset *self);

/* Item types: OvfTrack, OvfEvent (sorted by time, then id), OvfPlace, OvfArea. */
GListModel *ovf_dataset_get_tracks          (OvfDataset *self);
GListModel *ovf_dataset_get_events          (OvfDataset *self);
GListModel *ovf_dataset_get_places          (OvfDataset *self);
GListModel *ovf_dataset_get_areas           (OvfDataset *self);
OvfTrack   *ovf_dataset_get_track           (OvfDataset *self,
                                             const char *id);
/* The track the story follows: "balloon" if present, else the first. */
OvfTrack   *ovf_dataset_get_main_track      (OvfDataset *self);
OvfEvent   *ovf_dataset_get_event           (OvfDataset *self,
                                             const char *id);

/* The span covering every track point and event (including end times). */
void        ovf_dataset_get_time_span       (OvfDataset *self,
                                             OvfTime    *out_start,
                                             OvfTime    *out_end);

/* Event lookups, O(log n) on the sorted events; each returns an index into
 * the events model, or -1 when there is none. */
int         ovf_dataset_find_event_at_or_before (OvfDataset *self,
                                                 OvfTime     time);
int         ovf_dataset_find_next_event         (OvfDataset *self,
                                                 OvfTime     time);   /* first with time > t */
int         ovf_dataset_find_previous_event     (OvfDataset *self,
                                                 OvfTime     time);   /* last with time < t */

G_END_DECLS
