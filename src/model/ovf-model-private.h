/* ovf-model-private.h: the model's instance structures, shared by the
 * loader that fills them and the classes that read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ovf-dataset.h"

G_BEGIN_DECLS

struct _OvfTrack
{
  GObject        parent_instance;

  char          *id;
  char          *name;
  /* One flat array, so a million points cost no per-point allocation. */
  OvfTrackPoint *points;
  guint          n_points;
  /* Owns the points' source and note strings, deduplicated. */
  GStringChunk  *strings;
  /* A path without a clock (a route): every point's time is
   * OVF_TIME_NONE. Only imported tracks can be untimed. */
  gboolean       untimed;
};

struct _OvfEvent
{
  GObject        parent_instance;

  char          *id;
  OvfTime        time;
  OvfTime        end_time;
  char          *title;
  char          *description;
  OvfCategory    category;
  OvfConfidence  confidence;
  gboolean       has_location;
  double         lat;
  double         lon;
  char          *location_name;
  char          *timezone;
  char          *track_id;
  GArray        *sources;       /* OvfSource, strings owned by @strings */
  GStringChunk  *strings;
};

struct _OvfPlace
{
  GObject           parent_instance;

  char             *id;
  char             *name;
  char             *description;
  double            lat;
  double            lon;
  OvfPlaceCategory  category;
};

struct _OvfArea
{
  GObject    parent_instance;

  char      *id;
  char      *name;
  char      *description;
  OvfLatLon  center;
  double     radius_m;
  GArray    *polygon;           /* OvfLatLon; empty for a circle */
  OvfTime    time;
  OvfTime    end_time;
};

struct _OvfDataset
{
  GObject     parent_instance;

  char       *title;
  char       *description;
  char       *license;
  char       *updated;
  GStrv       credits;
  int         format_version;
  /* The bytes read, kept until the checksum is first asked for: hashing
   * a large file would double its loading time. */
  GBytes     *bytes;
  char       *checksum;

  GListStore *tracks;
  GListStore *events;           /* sorted by time, then id */
  GListStore *places;
  GListStore *areas;

  /* The events' times in model order, for binary search. */
  OvfTime    *event_times;
  guint       n_events;
  OvfTime     start;
  OvfTime     end;

  /* For a dataset read from a track file (see ovf-import.c). */
  char       *import_format;
  char       *import_creator;
};

/* Fills @dataset from the JSON in @data, collecting every problem into
 * @diagnostics. Returns FALSE with @error set to a summary on failure. */
gboolean ovf_loader_load (OvfDataset         *dataset,
                          const char         *data,
                          gsize               length,
                          const char * const *languages,
                          GPtrArray          *diagnostics,
                          GError            **error);

/* A track that owns @points (g_free) and @strings, which hold their
 * source and note strings; @strings may be NULL. */
OvfTrack *ovf_track_new_take (const char    *id,
                              const char    *name,
                              OvfTrackPoint *points,
                              guint          n_points,
                              GStringChunk  *strings,
                              gboolean       untimed);

/* Called by the loader once every item is in place: sorts the events and
 * computes the time span. */
void     ovf_dataset_finish (OvfDataset *self);

G_END_DECLS
