/* ovf-import-private.h: what the track file readers share: the dataset
 * being built, located problems, and the rules every format follows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ovf-import.h"
#include "ovf-model-private.h"

G_BEGIN_DECLS

/* Unpacked KML or gzip content may grow to this many times the packed
 * size, and never past the absolute cap: a zip bomb is refused early. */
#define OVF_IMPORT_MAX_RATIO    100
#define OVF_IMPORT_MIN_UNPACKED (16 * 1024 * 1024)
#define OVF_IMPORT_MAX_UNPACKED ((gsize) 1024 * 1024 * 1024)

typedef struct
{
  char    *name;
  GArray  *points;        /* OvfTrackPoint */
  guint    n_timed;
  /* For an untimed path with a start and end time (KML's TimeSpan):
   * its times are spread between them by distance. */
  OvfTime  spread_start;
  OvfTime  spread_end;
  OvfTime  last_time;     /* of the last timed point, for the order check */
  /* Set at the start of a segment (a GPX trkseg, a KML Track of a
   * MultiTrack, a line of a MultiLineString): a segment that goes back in
   * time becomes a track of its own rather than an error. */
  gboolean segment_start;
  GArray  *splits;        /* guint: indices of the points that begin one */
} OvfImportTrack;

typedef struct
{
  const char *name;         /* the file's display name */
  const char *member;       /* the file inside an archive, or NULL */
  char       *format;       /* "GPX 1.1" */
  char       *creator;
  char       *title;
  char       *description;
  GPtrArray  *tracks;       /* OvfImportTrack */
  GPtrArray  *places;       /* OvfPlace */
  GPtrArray  *events;       /* OvfEvent */
  GPtrArray  *diagnostics;
  guint       n_problems;
  GStringChunk *strings;    /* the points' source */
  const char *source;
} OvfImport;

void            ovf_import_init         (OvfImport      *import,
                                         const char     *name,
                                         GPtrArray      *diagnostics);
void            ovf_import_clear        (OvfImport      *import);

/* Records a problem; past the limit, one last entry notes the rest. */
void            ovf_import_problem      (OvfImport      *import,
                                         const char     *path,
                                         guint           line,
                                         guint           column,
                                         const char     *format,
                                         ...) G_GNUC_PRINTF (5, 6);
gboolean        ovf_import_failed       (OvfImport      *import);

OvfImportTrack *ovf_import_add_track    (OvfImport      *import,
                                         const char     *name);
void            ovf_import_start_segment (OvfImportTrack *track);
/* Checks and appends a point; @time may be OVF_TIME_NONE. Problems are
 * reported at @path, @line, @column. */
void            ovf_import_add_point    (OvfImport      *import,
                                         OvfImportTrack *track,
                                         OvfTime         time,
                                         double          lat,
                                         double          lon,
                                         double          alt_m,
                                         const char     *path,
                                         guint           line,
                                         guint           column);
/* Checks a position; FALSE after reporting it. */
gboolean        ovf_import_check_position (OvfImport    *import,
                                           double        lat,
                                           double        lon,
                                           const char   *path,
                                           guint         line,
                                           guint         column);
void            ovf_import_add_place    (OvfImport      *import,
                                         const char     *name,
                                         const char     *description,
                                         double          lat,
                                         double          lon);
void            ovf_import_add_event    (OvfImport      *import,
                                         const char     *title,
                                         const char     *description,
                                         OvfTime         time,
                                         OvfTime         end_time,
                                         double          lat,
                                         double          lon);

typedef enum
{
  OVF_ZONE_REQUIRED,      /* KML, GeoJSON */
  OVF_ZONE_DEFAULT_UTC,   /* GPX (its schema says UTC), CSV */
} OvfZoneRule;

/* Parses an ISO 8601 time after the format's zone rule; GPSBabel's stand-in
 * for "no time", the 32-bit time_t minimum, reads as OVF_TIME_NONE. On
 * failure reports the problem and returns FALSE. */
gboolean        ovf_import_parse_time   (OvfImport      *import,
                                         const char     *text,
                                         OvfZoneRule     rule,
                                         const char     *path,
                                         guint           line,
                                         guint           column,
                                         OvfTime        *out_time);
/* A decimal number, whole text, finite; FALSE (unreported) otherwise. */
gboolean        ovf_import_parse_double (const char     *text,
                                         double         *out_value);

/* The readers. Each fills @import or reports why it cannot. */
void            ovf_import_read_xml     (OvfImport      *import,
                                         const char     *data,
                                         gsize           length);
void            ovf_import_read_kmz     (OvfImport      *import,
                                         const char     *data,
                                         gsize           length);
void            ovf_import_read_geojson (OvfImport      *import,
                                         const char     *data,
                                         gsize           length);
void            ovf_import_read_csv     (OvfImport      *import,
                                         const char     *data,
                                         gsize           length);
void            ovf_import_read_trace   (OvfImport      *import,
                                         const char     *data,
                                         gsize           length);

G_END_DECLS
