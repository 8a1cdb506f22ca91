/* ovf-import.c: detecting a track file's format, and the checks every
 * reader shares
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

/* The slow path: surrounding white space, a missing zone, or an error. */
static gboolean
parse_trimmed (OvfImport   *import,
               const char  *text,
               OvfZoneRule  rule,
               const char  *path,
               guint        line,
               guint        column,
               OvfTime     *out_time)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  if (ovf_time_parse_iso8601 (trimmed, out_time))
    return TRUE;
  if (!lacks_zone (trimmed, out_time))
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

  return TRUE;
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
  OvfTime time;

  if (!ovf_time_parse_iso8601 (text, &time) && !parse_trimmed (import, text, rule, path, line, column, &time))
    return FALSE;

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
  const char *end;
  const char *p;

  /* An empty file's data may be NULL, where no offset may be added. */
  if (length == 0)
    return OVF_IMPORT_UNKNOWN;
  end = data + length;

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
