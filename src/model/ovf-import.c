/* ovf-import.c: detecting a track file's format, the checks every reader
 * shares, and the dataset made of what they read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
/* memmem () */
#define _GNU_SOURCE
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include "ovf-geo.h"
#include "ovf-import-private.h"

/* GPSBabel writes the 32-bit time_t minimum, 1901-12-13T20:45:52Z, for a
 * point without a time. */
#define TIME_T_MIN_SECONDS G_GINT64_CONSTANT (-2147483648)

static void
import_track_free (OvfImportTrack *track)
{
  g_free (track->name);
  g_array_unref (track->points);
  g_array_unref (track->splits);
  g_free (track);
}

void
ovf_import_init (OvfImport  *import,
                 const char *name,
                 GPtrArray  *diagnostics)
{
  memset (import, 0, sizeof *import);
  import->name = name;
  import->tracks = g_ptr_array_new_with_free_func ((GDestroyNotify) import_track_free);
  import->places = g_ptr_array_new_with_free_func (g_object_unref);
  import->events = g_ptr_array_new_with_free_func (g_object_unref);
  import->diagnostics = diagnostics;
}

void
ovf_import_clear (OvfImport *import)
{
  g_free (import->format);
  g_free (import->creator);
  g_free (import->title);
  g_free (import->description);
  g_ptr_array_unref (import->tracks);
  g_ptr_array_unref (import->places);
  g_ptr_array_unref (import->events);
}

void
ovf_import_problem (OvfImport  *import,
                    const char *path,
                    guint       line,
                    guint       column,
                    const char *format,
                    ...)
{
  g_autofree char *message = NULL;
  g_autofree char *full_path = NULL;
  va_list args;

  import->n_problems++;
  if (import->diagnostics->len > OVF_DATASET_MAX_DIAGNOSTICS)
    return;
  if (import->diagnostics->len == OVF_DATASET_MAX_DIAGNOSTICS)
    {
      g_ptr_array_add (import->diagnostics,
                       ovf_diagnostic_new (NULL, 0, 0, _("further problems are not listed")));
      return;
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Inside a KMZ, the line and column are those of the KML file in it. */
  if (import->member != NULL)
    full_path = path != NULL ? g_strdup_printf ("%s: %s", import->member, path) : g_strdup (import->member);
  else
    full_path = g_strdup (path);
  g_ptr_array_add (import->diagnostics, ovf_diagnostic_new (full_path, line, column, message));
}

gboolean
ovf_import_failed (OvfImport *import)
{
  return import->n_problems > 0;
}

OvfImportTrack *
ovf_import_add_track (OvfImport  *import,
                      const char *name)
{
  OvfImportTrack *track = g_new0 (OvfImportTrack, 1);

  track->name = g_strdup (name);
  track->points = g_array_new (FALSE, FALSE, sizeof (OvfTrackPoint));
  track->splits = g_array_new (FALSE, FALSE, sizeof (guint));
  track->last_time = OVF_TIME_NONE;
  track->spread_start = OVF_TIME_NONE;
  track->spread_end = OVF_TIME_NONE;
  g_ptr_array_add (import->tracks, track);

  return track;
}

gboolean
ovf_import_check_position (OvfImport  *import,
                           double      lat,
                           double      lon,
                           const char *path,
                           guint       line,
                           guint       column)
{
  if (!isfinite (lat) || lat < -90 || lat > 90)
    {
      ovf_import_problem (import, path, line, column,
                          _("latitude %g is out of range: it must lie between −90 and 90"), lat);
      return FALSE;
    }
  if (!isfinite (lon) || lon < -180 || lon > 180)
    {
      ovf_import_problem (import, path, line, column,
                          _("longitude %g is out of range: it must lie between −180 and 180"), lon);
      return FALSE;
    }

  return TRUE;
}

void
ovf_import_start_segment (OvfImportTrack *track)
{
  track->segment_start = track->points->len > 0;
}

void
ovf_import_add_point (OvfImport      *import,
                      OvfImportTrack *track,
                      OvfTime         time,
                      double          lat,
                      double          lon,
                      double          alt_m,
                      const char     *path,
                      guint           line,
                      guint           column)
{
  OvfTrackPoint point = { 0 };

  if (!ovf_import_check_position (import, lat, lon, path, line, column))
    return;
  if (!isnan (alt_m) && !isfinite (alt_m))
    {
      ovf_import_problem (import, path, line, column, _("the altitude is not a finite number"));
      return;
    }

  if (time != OVF_TIME_NONE)
    {
      const OvfTrackPoint *last = track->points->len > 0
                                  ? &g_array_index (track->points, OvfTrackPoint, track->points->len - 1) : NULL;

      /* The same fix written twice is not a second point. */
      if (last != NULL && time == last->time && lat == last->lat &&
          ovf_geo_normalize_lon (lon) == ovf_geo_normalize_lon (last->lon) &&
          (alt_m == last->alt_m || (isnan (alt_m) && isnan (last->alt_m))))
        return;
      if (track->segment_start && track->last_time != OVF_TIME_NONE && time <= track->last_time)
        {
          guint split = track->points->len;

          g_array_append_val (track->splits, split);
          track->last_time = OVF_TIME_NONE;
        }
      track->segment_start = FALSE;
      if (track->last_time != OVF_TIME_NONE && time <= track->last_time)
        {
          ovf_import_problem (import, path, line, column,
                              time == track->last_time
                              ? _("the time repeats the previous point’s: times must increase")
                              : _("the time is before the previous point’s: times must increase"));
          return;
        }
      track->last_time = time;
      track->n_timed++;
    }

  point.time = time;
  point.lat = lat;
  point.lon = track->points->len > 0
              ? ovf_geo_unwrap_lon (lon, g_array_index (track->points, OvfTrackPoint, track->points->len - 1).lon)
              : lon;
  point.alt_m = alt_m;
  point.kind = OVF_POINT_REPORTED;
  g_array_append_val (track->points, point);
}

void
ovf_import_add_place (OvfImport  *import,
                      const char *name,
                      const char *description,
                      double      lat,
                      double      lon)
{
  OvfPlace *place = g_object_new (OVF_TYPE_PLACE, NULL);

  place->name = g_strdup (name != NULL && name[0] != '\0' ? name : _("Unnamed place"));
  place->description = g_strdup (description != NULL ? description : "");
  place->lat = lat;
  place->lon = ovf_geo_normalize_lon (lon);
  place->category = OVF_PLACE_OTHER;
  g_ptr_array_add (import->places, place);
}

void
ovf_import_add_event (OvfImport  *import,
                      const char *title,
                      const char *description,
                      OvfTime     time,
                      OvfTime     end_time,
                      double      lat,
                      double      lon)
{
  OvfEvent *event = g_object_new (OVF_TYPE_EVENT, NULL);

  event->title = g_strdup (title != NULL && title[0] != '\0' ? title : _("Unnamed event"));
  event->description = g_strdup (description != NULL ? description : "");
  event->time = time;
  event->end_time = end_time;
  event->category = OVF_CATEGORY_OTHER;
  event->confidence = OVF_CONFIDENCE_REPORTED;
  event->has_location = TRUE;
  event->lat = lat;
  event->lon = ovf_geo_normalize_lon (lon);
  g_ptr_array_add (import->events, event);
}

/* Whether @text is a time that only lacks its zone. */
static gboolean
lacks_zone (const char *text,
            OvfTime    *out_time)
{
  g_autofree char *with_zone = g_strconcat (text, "Z", NULL);

  return ovf_time_parse_iso8601 (with_zone, out_time);
}

gboolean
ovf_import_parse_time (OvfImport   *import,
                       const char  *text,
                       OvfZoneRule  rule,
                       const char  *path,
                       guint        line,
                       guint        column,
                       OvfTime     *out_time)
{
  g_autofree char *trimmed = NULL;
  OvfTime time;

  /* The common case first, without a copy. */
  if (ovf_time_parse_iso8601 (text, &time))
    goto parsed;

  trimmed = g_strstrip (g_strdup (text));
  if (!ovf_time_parse_iso8601 (trimmed, &time))
    {
      if (!lacks_zone (trimmed, &time))
        {
          ovf_import_problem (import, path, line, column,
                              _("“%s” is not an ISO 8601 time such as 2023-02-04T19:39:00Z"), trimmed);
          return FALSE;
        }
      if (rule == OVF_ZONE_REQUIRED)
        {
          ovf_import_problem (import, path, line, column,
                              _("“%s” has no time zone: add Z for UTC or an offset such as +01:00"), trimmed);
          return FALSE;
        }
    }

parsed:
  if (time >= TIME_T_MIN_SECONDS * G_USEC_PER_SEC && time < (TIME_T_MIN_SECONDS + 1) * G_USEC_PER_SEC)
    time = OVF_TIME_NONE;

  *out_time = time;
  return TRUE;
}

gboolean
ovf_import_parse_double (const char *text,
                         double     *out_value)
{
  char *end;
  double value;

  while (g_ascii_isspace (*text))
    text++;
  /* strtod would take "nan", "inf" and hexadecimal. */
  if (!(g_ascii_isdigit (*text) || *text == '-' || *text == '+' || *text == '.'))
    return FALSE;
  for (const char *p = text; *p != '\0' && !g_ascii_isspace (*p); p++)
    if (!(g_ascii_isdigit (*p) || strchr ("+-.eE", *p) != NULL))
      return FALSE;

  value = g_ascii_strtod (text, &end);
  if (end == text)
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (*end != '\0' || !isfinite (value))
    return FALSE;

  *out_value = value;
  return TRUE;
}

/* Detection */

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && g_ascii_isspace (*p))
    p++;
  return p;
}

static gboolean
contains (const char *data,
          gsize       length,
          const char *needle)
{
  return memmem (data, length, needle, strlen (needle)) != NULL;
}

/* A JSON document: ours, GeoJSON or a readsb trace, judged by the names
 * near its start. Anything else goes to the dataset loader, whose
 * messages explain what a dataset needs. */
static OvfImportFormat
detect_json (const char *data,
             gsize       length)
{
  gsize head = MIN (length, 4096);

  if (contains (data, head, "\"overflight-dataset\""))
    return OVF_IMPORT_DATASET;
  if (contains (data, head, "\"FeatureCollection\"") || contains (data, head, "\"Feature\"") ||
      contains (data, head, "\"LineString\"") || contains (data, head, "\"MultiLineString\"") ||
      contains (data, head, "\"GeometryCollection\""))
    return OVF_IMPORT_GEOJSON;
  if (contains (data, head, "\"trace\"") && contains (data, head, "\"timestamp\""))
    return OVF_IMPORT_TRACE;

  return OVF_IMPORT_DATASET;
}

OvfImportFormat
ovf_import_detect (const char *data,
                   gsize       length)
{
  const guchar *bytes = (const guchar *) data;
  const char *end = data + length;
  const char *p;

  if (length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
    return OVF_IMPORT_GZIP;
  if (length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    return OVF_IMPORT_KMZ;
  /* UTF-16 with a byte-order mark: XML declares its encoding and is
   * read; anything else is left to the CSV reader, which refuses it. */
  if (length >= 4 && ((bytes[0] == 0xff && bytes[1] == 0xfe && bytes[2] == '<' && bytes[3] == 0) ||
                      (bytes[0] == 0xfe && bytes[1] == 0xff && bytes[2] == 0 && bytes[3] == '<')))
    return OVF_IMPORT_XML;

  p = data;
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  p = skip_space (p, end);
  if (p == end)
    return OVF_IMPORT_UNKNOWN;
  if (*p == '<')
    return OVF_IMPORT_XML;
  if (*p == '{' || *p == '[')
    return detect_json (p, end - p);

  return OVF_IMPORT_CSV;
}

/* Building the dataset */

/* Lower-case ASCII words joined by "-", unique among @used. */
static char *
make_id (GHashTable *used,
         const char *name,
         const char *fallback)
{
  GString *id = g_string_new (NULL);
  g_autofree char *base = NULL;
  char *unique;

  for (const char *p = name != NULL ? name : ""; *p != '\0' && id->len < 40; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (id, g_ascii_tolower (*p));
      else if (id->len > 0 && id->str[id->len - 1] != '-')
        g_string_append_c (id, '-');
    }
  while (id->len > 0 && id->str[id->len - 1] == '-')
    g_string_truncate (id, id->len - 1);
  if (id->len == 0)
    g_string_append (id, fallback);

  base = g_string_free (id, FALSE);
  unique = g_strdup (base);
  for (guint n = 2; g_hash_table_contains (used, unique); n++)
    {
      g_free (unique);
      unique = g_strdup_printf ("%s-%u", base, n);
    }
  g_hash_table_add (used, unique);

  return g_strdup (unique);
}

/* Points @from to @to of @source. Points without a time in a track that
 * has times are left out: their place on the clock would be a guess. */
static OvfTrack *
build_track (OvfImport      *import,
             OvfImportTrack *source,
             guint           from,
             guint           to,
             const char     *id,
             const char     *name)
{
  GStringChunk *strings = g_string_chunk_new (64);
  const char *origin = g_string_chunk_insert_const (strings, import->name);
  gboolean untimed = source->n_timed == 0;
  OvfTrackPoint *points;
  guint n = 0;

  /* The usual case, a whole track with every time: its points are taken
   * over rather than copied, which halves the peak memory. */
  if (from == 0 && to == source->points->len && (untimed || source->n_timed == to))
    {
      gsize length;

      points = g_array_steal (source->points, &length);
      for (guint i = 0; i < length; i++)
        points[i].source = origin;
      n = length;
    }
  else
    {
      points = g_new (OvfTrackPoint, MAX (to - from, 1));
      for (guint i = from; i < to; i++)
        {
          OvfTrackPoint *point = &g_array_index (source->points, OvfTrackPoint, i);

          if (!untimed && point->time == OVF_TIME_NONE)
            continue;
          points[n] = *point;
          points[n].source = origin;
          if (n > 0)
            points[n].lon = ovf_geo_unwrap_lon (points[n].lon, points[n - 1].lon);
          n++;
        }
    }

  if (n == 0)
    {
      g_free (points);
      g_string_chunk_free (strings);
      return NULL;
    }

  return ovf_track_new_take (id, name, points, n, strings, untimed);
}

static char *
title_from_name (const char *name)
{
  g_autofree char *base = g_path_get_basename (name);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';

  return g_steal_pointer (&base);
}

static OvfDataset *
build_dataset (OvfImport *import,
               GBytes    *bytes)
{
  OvfDataset *dataset = g_object_new (OVF_TYPE_DATASET, NULL);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) place_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) event_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *credit = NULL;
  g_autofree char *base_title = title_from_name (import->name);
  guint n_tracks = 0;

  for (guint i = 0; i < import->tracks->len; i++)
    {
      OvfImportTrack *source = g_ptr_array_index (import->tracks, i);

      for (guint part = 0; part <= source->splits->len; part++)
        {
          guint from = part > 0 ? g_array_index (source->splits, guint, part - 1) : 0;
          guint to = part < source->splits->len ? g_array_index (source->splits, guint, part) : source->points->len;
          g_autofree char *name = NULL;
          g_autofree char *id = NULL;
          g_autoptr(OvfTrack) track = NULL;

          /* Empty segments and routes are not tracks. */
          if (from == to)
            continue;
          n_tracks++;
          if (source->name == NULL || source->name[0] == '\0')
            name = g_strdup_printf (_("%s, track %u"), base_title, n_tracks);
          else if (source->splits->len > 0)
            /* Translators: a track's name and the number of its part */
            name = g_strdup_printf (_("%s (%u)"), source->name, part + 1);
          else
            name = g_strdup (source->name);
          id = make_id (ids, name, "track");
          track = build_track (import, source, from, to, id, name);
          if (track == NULL)
            continue;
          if (!ovf_track_has_times (track) && source->spread_start != OVF_TIME_NONE)
            {
              OvfTrack *spread = ovf_track_spread_times (track, source->spread_start, source->spread_end);

              g_object_unref (track);
              track = spread;
            }
          g_list_store_append (dataset->tracks, track);
        }
    }

  for (guint i = 0; i < import->places->len; i++)
    {
      OvfPlace *place = g_ptr_array_index (import->places, i);

      place->id = make_id (place_ids, place->name, "place");
      g_list_store_append (dataset->places, place);
    }

  for (guint i = 0; i < import->events->len; i++)
    {
      OvfEvent *event = g_ptr_array_index (import->events, i);

      event->id = make_id (event_ids, event->title, "event");
      g_list_store_append (dataset->events, event);
    }

  dataset->title = import->title != NULL && import->title[0] != '\0'
                   ? g_strdup (import->title) : g_strdup (base_title);
  dataset->description = import->description != NULL && import->description[0] != '\0'
                         ? g_strdup (import->description)
                         /* Translators: %s is a file name, then its format such as “GPX 1.1” */
                         : g_strdup_printf (_("Read from %s (%s)."), import->name, import->format);
  /* A track file rarely states a licence: say so rather than guess. */
  dataset->license = g_strdup ("NOASSERTION");
  if (import->creator != NULL)
    /* Translators: a credit line: the file name, its format and the program that wrote it */
    credit = g_strdup_printf (_("%s (%s, written by %s)"), import->name, import->format, import->creator);
  else
    credit = g_strdup_printf ("%s (%s)", import->name, import->format);
  dataset->credits = g_new0 (char *, 2);
  dataset->credits[0] = g_steal_pointer (&credit);
  dataset->format_version = OVF_DATASET_FORMAT_VERSION;
  dataset->bytes = g_bytes_ref (bytes);
  dataset->import_format = g_strdup (import->format);
  dataset->import_creator = g_strdup (import->creator);
  ovf_dataset_finish (dataset);

  return dataset;
}

/* Unpacks gzip with GIO's zlib converter, refusing output that grows far
 * beyond its input. */
static GBytes *
gunzip (OvfImport  *import,
        const char *data,
        gsize       length)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) packed = g_memory_input_stream_new_from_data (data, length, NULL);
  g_autoptr(GInputStream) stream = g_converter_input_stream_new (packed, G_CONVERTER (decompressor));
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  gsize limit = MIN (MAX (length * OVF_IMPORT_MAX_RATIO, OVF_IMPORT_MIN_UNPACKED), OVF_IMPORT_MAX_UNPACKED);
  guint8 buffer[65536];

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, NULL, &error);

      if (n < 0)
        {
          ovf_import_problem (import, NULL, 0, 0, _("the gzip data is damaged: %s"), error->message);
          return NULL;
        }
      if (n == 0)
        break;
      if (out->len + (gsize) n > limit)
        {
          ovf_import_problem (import, NULL, 0, 0,
                              _("the gzip data unpacks to more than %u MiB, "
                                "over %u times its size: refused as a possible decompression bomb"),
                              (guint) (limit / (1024 * 1024)), OVF_IMPORT_MAX_RATIO);
          return NULL;
        }
      g_byte_array_append (out, buffer, n);
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* Reads @data as the format detected; TRUE when it turned out to be a
 * dataset in Overflight's own format, which the caller loads. */
static gboolean
read_any (OvfImport  *import,
          const char *data,
          gsize       length,
          gboolean    unpacked)
{
  OvfImportFormat format = ovf_import_detect (data, length);
  g_autoptr(GBytes) inner = NULL;

  switch (format)
    {
    case OVF_IMPORT_UNKNOWN:
      ovf_import_problem (import, NULL, 1, 1,
                          _("the file is empty"));
      break;
    case OVF_IMPORT_DATASET:
      return TRUE;
    case OVF_IMPORT_XML:
      ovf_import_read_xml (import, data, length);
      break;
    case OVF_IMPORT_KMZ:
      ovf_import_read_kmz (import, data, length);
      break;
    case OVF_IMPORT_GEOJSON:
      ovf_import_read_geojson (import, data, length);
      break;
    case OVF_IMPORT_CSV:
      ovf_import_read_csv (import, data, length);
      break;
    case OVF_IMPORT_TRACE:
      ovf_import_read_trace (import, data, length);
      break;
    case OVF_IMPORT_GZIP:
      if (unpacked)
        {
          ovf_import_problem (import, NULL, 0, 0, _("gzip inside gzip is not read"));
          break;
        }
      inner = gunzip (import, data, length);
      if (inner != NULL)
        {
          gsize inner_length;
          const char *inner_data = g_bytes_get_data (inner, &inner_length);

          if (read_any (import, inner_data, inner_length, TRUE))
            {
              ovf_import_problem (import, NULL, 0, 0, _("a gzip-compressed dataset is not read: unpack it first"));
              return FALSE;
            }
          if (import->format != NULL)
            {
              char *compressed = g_strdup_printf (_("%s, gzip-compressed"), import->format);

              g_free (import->format);
              import->format = compressed;
            }
        }
      break;
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

OvfDataset *
ovf_import_load_bytes (GBytes             *bytes,
                       const char         *name,
                       const char * const *languages,
                       GPtrArray         **diagnostics,
                       GError            **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) ovf_diagnostic_free);
  OvfImport import;
  OvfDataset *dataset = NULL;
  const char *data;
  gsize length;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  ovf_import_init (&import, name, found);
  if (read_any (&import, data, length, FALSE))
    {
      ovf_import_clear (&import);
      return ovf_dataset_load_from_bytes (bytes, languages, diagnostics, error);
    }

  if (!ovf_import_failed (&import))
    {
      guint n_points = 0;

      for (guint i = 0; i < import.tracks->len; i++)
        n_points += ((OvfImportTrack *) g_ptr_array_index (import.tracks, i))->points->len;
      if (n_points == 0 && import.places->len == 0 && import.events->len == 0)
        ovf_import_problem (&import, NULL, 0, 0, _("the file holds no track points, places or events"));
    }

  if (ovf_import_failed (&import))
    {
      OvfDiagnostic *first = g_ptr_array_index (found, 0);
      g_autofree char *where = ovf_diagnostic_format (first, NULL);

      g_set_error (error, OVF_DATASET_ERROR, OVF_DATASET_ERROR_INVALID,
                   /* Translators: %s is the first problem, located */
                   g_dngettext (GETTEXT_PACKAGE, "The file has %u problem: %s",
                                "The file has %u problems; the first: %s", import.n_problems),
                   import.n_problems, where);
    }
  else
    {
      dataset = build_dataset (&import, bytes);
    }

  ovf_import_clear (&import);
  if (diagnostics != NULL)
    *diagnostics = g_steal_pointer (&found);

  return dataset;
}

OvfDataset *
ovf_import_load_file (GFile              *file,
                      const char * const *languages,
                      GCancellable       *cancellable,
                      GPtrArray         **diagnostics,
                      GError            **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (diagnostics != NULL)
    *diagnostics = NULL;

  name = g_file_get_basename (file);
  /* Mapped rather than read: a big track file is then read once, by the
   * parser, and its pages are not the process's own memory. */
  path = g_file_get_path (file);
  if (path != NULL)
    mapped = g_mapped_file_new (path, FALSE, NULL);
  if (mapped != NULL)
    bytes = g_mapped_file_get_bytes (mapped);
  else
    bytes = g_file_load_bytes (file, cancellable, NULL, error);
  if (bytes == NULL)
    return NULL;

  return ovf_import_load_bytes (bytes, name, languages, diagnostics, error);
}
