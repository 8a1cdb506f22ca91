/* ovf-prepared-track.h: a track projected once to Web Mercator, ranked for levels of detail, prepared in a thread if long
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ovf-track.h"

G_BEGIN_DECLS

/* Levels of detail, one per integer zoom; deeper zooms use the last. */
#define OVF_PREPARED_TRACK_LEVELS 23
/* Segments per culling block: small enough to skip most of a long track
 * when zoomed in, large enough that the block scan itself is cheap. */
#define OVF_PREPARED_TRACK_BLOCK 256

/* The vertices kept at one zoom, with a bounding box per block of
 * OVF_PREPARED_TRACK_BLOCK segments. */
typedef struct
{
  guint32 *index;    /* into the dense vertices */
  guint    n;
  double  *bbox;     /* min x, min y, max x, max y per block */
  guint    n_blocks;
} OvfPathLevel;

/* A track projected once to Web Mercator, densified along great circles. */
typedef struct
{
  OvfTrack     *track;
  guint         n;
  double       *x;
  double       *y;
  guint8       *kind;        /* OvfPointKind of the segment starting at each vertex */
  float        *importance;  /* Douglas-Peucker tolerance below which each vertex is kept */
  guint32      *first_dense; /* per track point: its dense vertex */
  double        min_x, min_y, max_x, max_y;
  OvfPathLevel *levels[OVF_PREPARED_TRACK_LEVELS];
} OvfPreparedTrack;

/* Where a time splits a track, in dense vertices. */
typedef struct
{
  gint64      segment;  /* dense segment holding the marker; -1 before, n after */
  double      x, y;     /* the marker, mercator, unwrapped near that segment */
  OvfTrackFix fix;      /* the track at the time */
  gboolean    valid;
} OvfTrackSplit;

/* Projects and ranks @track; its levels are built when first asked for. */
OvfPreparedTrack *ovf_prepared_track_new        (OvfTrack         *track);
void              ovf_prepared_track_free       (gpointer          data);
OvfPathLevel     *ovf_prepared_track_get_level  (OvfPreparedTrack *pt,
                                                 double            zoom);
OvfTrackSplit     ovf_prepared_track_split      (OvfPreparedTrack *pt,
                                                 OvfTime           time);

/* Prepares each of @tracks (OvfTrack) with its first @n_levels levels of
 * detail; NULL if cancelled. Reads the tracks only, so it may run in any
 * thread. */
GPtrArray        *ovf_prepared_tracks_new       (GPtrArray        *tracks,
                                                 guint             n_levels,
                                                 GCancellable     *cancellable);
/* The same in a thread, with the levels a view of the whole flight needs. */
void              ovf_prepared_tracks_new_async (GPtrArray           *tracks,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GPtrArray        *ovf_prepared_tracks_new_finish (GAsyncResult       *result,
                                                  GError            **error);

G_END_DECLS
