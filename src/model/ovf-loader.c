/* ovf-loader.c
 *
 * Reads a dataset (parsed by ovf-json.c) and validates it completely,
 * collecting every problem with its field path; only when there are
 * problems is the text scanned again to give each path a line and column.
 *
 * Longitudes: a file may use -180..180, 0..360, or unwrapped longitudes
 * that run on past ±180 across the antimeridian; any value in -360..360 is
 * read. Consecutive track points are joined as written when their
 * longitudes differ by at most 180°. A larger difference is read as a wrap
 * across the convention's seam (179.5 → -179.5, or 359 → 1) only when the
 * short way is at most 90°, which leaves no doubt about the direction;
 * anything else is reported as a jump. Track longitudes are stored
 * unwrapped (each within 180° of the previous); all others normalized.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "ovf-geo.h"
#include "ovf-json.h"
#include "ovf-model-private.h"

#define FORMAT_NAME "overflight-dataset"
#define MAX_WRAPPED_HOP 90.0
#define MAX_PATH_DEPTH 8
#define MIN_ALTITUDE_M -500.0
#define MAX_ALTITUDE_M 100000.0
#define MAX_RADIUS_M 20000000.0

typedef enum
{
  OPTIONAL,
  REQUIRED,
} Need;

typedef struct
{
  const char *key;      /* NULL for an array index */
  guint       index;
} Segment;

/* The members each kind of object may have. */
static const char * const dataset_members[] = {
  "$schema", "format", "version", "title", "description", "license", "updated", "credits",
  "tracks", "events", "places", "areas", NULL
};
static const char * const track_members[] = { "id", "name", "points", NULL };
static const char * const point_members[] = { "time", "lat", "lon", "alt_m", "kind", "source", "note", NULL };
static const char * const event_members[] = {
  "id", "time", "end_time", "title", "description", "category", "confidence", "location",
  "timezone", "track", "sources", NULL
};
static const char * const location_members[] = { "lat", "lon", "name", NULL };
static const char * const position_members[] = { "lat", "lon", NULL };
static const char * const source_members[] = { "publisher", "title", "url", "date", NULL };
static const char * const place_members[] = { "id", "name", "lat", "lon", "category", "description", NULL };
static const char * const area_members[] = {
  "id", "name", "description", "center", "radius_m", "polygon", "time", "end_time", NULL
};

typedef struct
{
  const char * const *languages;
  GPtrArray          *diagnostics;
  Segment             path[MAX_PATH_DEPTH];
  guint               depth;
  guint               n_problems;
  gboolean            unsupported;
  /* Known members looked up so far, to notice unknown ones for free. */
  guint               n_found;
  /* Where the next member lookup starts; see ovf_json_find_member (). */
  guint               hint;
  /* id → index + 1, per kind; the ids are owned by the JSON tree. */
  GHashTable         *track_ids;
} Loader;

static void
push_key (Loader     *loader,
          const char *key)
{
  g_assert (loader->depth < MAX_PATH_DEPTH);
  loader->path[loader->depth++] = (Segment) { key, 0 };
}

static void
push_index (Loader *loader,
            guint   index)
{
  g_assert (loader->depth < MAX_PATH_DEPTH);
  loader->path[loader->depth++] = (Segment) { NULL, index };
}

static void
pop (Loader *loader)
{
  loader->depth--;
}

static void
append_segment (GString    *path,
                const char *key,
                guint       index)
{
  if (key == NULL)
    {
      g_string_append_printf (path, "[%u]", index);
      return;
    }

  if (path->len > 0)
    g_string_append_c (path, '.');
  g_string_append (path, key);
}

/* Built only when a problem is reported, so valid files pay nothing. */
static char *
path_to_string (Loader     *loader,
                const char *key)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < loader->depth; i++)
    append_segment (path, loader->path[i].key, loader->path[i].index);
  if (key != NULL)
    append_segment (path, key, 0);

  return g_string_free (path, FALSE);
}

/* Reports a problem at the current path, extended by @key if given. */
G_GNUC_PRINTF (3, 4)
static void
report (Loader     *loader,
        const char *key,
        const char *format,
        ...)
{
  g_autofree char *message = NULL;
  g_autofree char *path = NULL;
  va_list args;

  loader->n_problems++;
  if (loader->diagnostics->len > OVF_DATASET_MAX_DIAGNOSTICS)
    return;
  if (loader->diagnostics->len == OVF_DATASET_MAX_DIAGNOSTICS)
    {
      g_ptr_array_add (loader->diagnostics,
                       ovf_diagnostic_new (NULL, 0, 0, _("further problems are not listed")));
      return;
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  path = path_to_string (loader, key);
  g_ptr_array_add (loader->diagnostics, ovf_diagnostic_new (path, 0, 0, message));
}

static const char *
describe_type (OvfJsonType type)
{
  switch (type)
    {
    case OVF_JSON_OBJECT:
      return _("an object");
    case OVF_JSON_ARRAY:
      return _("an array");
    case OVF_JSON_NULL:
      return _("null");
    case OVF_JSON_STRING:
      return _("a string");
    case OVF_JSON_BOOLEAN:
      return _("true or false");
    case OVF_JSON_NUMBER:
    default:
      return _("a number");
    }
}

/* @expected names the wanted type, e.g. _("a string"). */
static gboolean
report_type (Loader            *loader,
             const char        *key,
             const OvfJsonNode *node,
             const char        *expected)
{
  /* Translators: both are kinds of JSON value, e.g. "expected a string, found a number" */
  report (loader, key, _("expected %s, found %s"), expected, describe_type (node->type));
  return FALSE;
}

static gboolean
is_string (const OvfJsonNode *node)
{
  return node->type == OVF_JSON_STRING;
}

static gboolean
is_number (const OvfJsonNode *node)
{
  return node->type == OVF_JSON_NUMBER;
}

static gboolean
has_member (const OvfJsonNode *object,
            const char        *key)
{
  return ovf_json_get_member (object, key) != NULL;
}

/* Looks a member up; a missing required one is reported. */
static const OvfJsonNode *
get_member (Loader            *loader,
            const OvfJsonNode *object,
            const char        *key,
            Need               need)
{
  const OvfJsonNode *node = ovf_json_find_member (object, key, &loader->hint);

  if (node != NULL)
    loader->n_found++;
  else if (need == REQUIRED)
    report (loader, key, _("this required field is missing"));

  return node;
}

/* Each reader of an object notes n_found at its start and calls this at
 * its end with the member names it knows: when it found as many as the
 * object has, there is nothing unknown, and no name is compared. Nested
 * readers reset the count, so each object counts only its own. */
static void
check_unknown_members (Loader             *loader,
                       const OvfJsonNode  *object,
                       guint               start,
                       const char * const *known)
{
  if (loader->n_found - start != object->n_children)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) known);

      for (guint i = 0; i < object->n_children; i++)
        {
          const char *key = object->value.children[i].key;

          if (!g_strv_contains (known, key))
            /* Translators: %s lists the field names, which stay untranslated */
            report (loader, key, _("unknown field; expected one of: %s"), list);
        }
    }

  loader->n_found = start;
}

/* The node readers share one signature so that read_member () can take
 * any of them; each returns FALSE only after reporting a problem. */
typedef gboolean (*ReadNode) (Loader            *loader,
                              const char        *key,
                              const OvfJsonNode *node,
                              gpointer           out);

/* Reads member @key with @read_node; when it is absent, *out keeps what
 * the caller set, and only a required one is a problem. */
static gboolean
read_member (Loader            *loader,
             const OvfJsonNode *object,
             const char        *key,
             Need               need,
             ReadNode           read_node,
             gpointer           out)
{
  const OvfJsonNode *node = get_member (loader, object, key, need);

  if (node == NULL)
    return need == OPTIONAL;

  return read_node (loader, key, node, out);
}

static gboolean
node_of_type (Loader             *loader,
              const char         *key,
              const OvfJsonNode  *node,
              OvfJsonType         type,
              const OvfJsonNode **out)
{
  if (node->type != type)
    return report_type (loader, key, node, describe_type (type));

  *out = node;
  return TRUE;
}

static gboolean
array_node (Loader            *loader,
            const char        *key,
            const OvfJsonNode *node,
            gpointer           out)
{
  return node_of_type (loader, key, node, OVF_JSON_ARRAY, out);
}

static gboolean
object_node (Loader            *loader,
             const char        *key,
             const OvfJsonNode *node,
             gpointer           out)
{
  return node_of_type (loader, key, node, OVF_JSON_OBJECT, out);
}

static gboolean
string_node (Loader            *loader,
             const char        *key,
             const OvfJsonNode *node,
             gpointer           out)
{
  const char **string = out;
  const char *p;

  if (!is_string (node))
    return report_type (loader, key, node, _("a string"));

  for (p = node->value.string; g_ascii_isspace (*p); p++)
    ;
  if (*p == '\0')
    {
      report (loader, key, _("must not be empty"));
      return FALSE;
    }

  *string = node->value.string;
  return TRUE;
}

/* Each member reader sets *out (to "none" when the member is absent) and
 * returns FALSE only after reporting a problem. */
static gboolean
read_string (Loader             *loader,
             const OvfJsonNode  *object,
             const char         *key,
             Need                need,
             const char        **out)
{
  *out = NULL;
  return read_member (loader, object, key, need, string_node, out);
}

static gboolean
read_id (Loader             *loader,
         const OvfJsonNode  *object,
         GHashTable         *ids,
         const char         *kind,
         guint               index,
         const char        **out)
{
  guint first;

  if (!read_string (loader, object, "id", REQUIRED, out))
    return FALSE;

  first = GPOINTER_TO_UINT (g_hash_table_lookup (ids, *out));
  if (first != 0)
    {
      /* Translators: the second %s and the %u name an earlier item, e.g. “tracks[0]” */
      report (loader, "id", _("the id “%s” is already used by %s[%u]"), *out, kind, first - 1);
      return FALSE;
    }

  g_hash_table_insert (ids, (gpointer) *out, GUINT_TO_POINTER (index + 1));
  return TRUE;
}

/* Language codes as gettext spells them: “de”, “zh_CN”, “sr@latin”. */
static gboolean
is_language_code (const char *code)
{
  const char *p = code;

  while (g_ascii_islower (*p))
    p++;
  if (p - code < 2 || p - code > 3)
    return FALSE;

  if (*p == '_')
    {
      const char *start = ++p;

      while (g_ascii_isalnum (*p))
        p++;
      if (p == start)
        return FALSE;
    }

  if (*p == '@')
    {
      const char *start = ++p;

      while (g_ascii_isalnum (*p))
        p++;
      if (p == start)
        return FALSE;
    }

  return *p == '\0';
}

static const char *
resolve_language (Loader            *loader,
                  const OvfJsonNode *map)
{
  for (guint i = 0; loader->languages[i] != NULL; i++)
    {
      const OvfJsonNode *node = ovf_json_get_member (map, loader->languages[i]);

      if (node != NULL)
        return node->value.string;
    }

  return ovf_json_get_member (map, "en")->value.string;
}

/* A text is a plain string or a language map such as
 * {"en": "…", "zh_CN": "…"} that must hold English. */
static gboolean
text_node (Loader            *loader,
           const char        *key,
           const OvfJsonNode *node,
           gpointer           out)
{
  const char **text_out = out;
  const OvfJsonNode *map = node;
  gboolean ok = TRUE;

  *text_out = NULL;
  if (is_string (node))
    return string_node (loader, key, node, out);
  if (node->type != OVF_JSON_OBJECT)
    return report_type (loader, key, node, _("a string or a language map such as {\"en\": \"…\"}"));

  if (key != NULL)
    push_key (loader, key);

  for (guint i = 0; i < map->n_children; i++)
    {
      const char *language = map->value.children[i].key;
      const OvfJsonNode *value = &map->value.children[i];
      const char *text;

      if (!is_language_code (language))
        {
          report (loader, language, _("“%s” is not a language code such as “de” or “zh_CN”"),
                  language);
          ok = FALSE;
        }
      else if (!string_node (loader, language, value, &text))
        {
          ok = FALSE;
        }
    }

  if (ok && !has_member (map, "en"))
    {
      report (loader, "en", _("a language map must give the English text under “en”"));
      ok = FALSE;
    }

  if (key != NULL)
    pop (loader);

  if (ok)
    *text_out = resolve_language (loader, map);
  return ok;
}

static gboolean
read_text (Loader             *loader,
           const OvfJsonNode  *object,
           const char         *key,
           Need                need,
           const char        **out)
{
  *out = NULL;
  return read_member (loader, object, key, need, text_node, out);
}

/* An overflowing number is stored too, so range checks still see it. */
static gboolean
number_node (Loader            *loader,
             const char        *key,
             const OvfJsonNode *node,
             gpointer           out)
{
  double *number = out;

  if (!is_number (node))
    return report_type (loader, key, node, _("a number"));

  *number = node->value.number;
  if (!isfinite (*number))
    {
      report (loader, key, _("the number is too large"));
      return FALSE;
    }

  return TRUE;
}

/* Sets *out to NAN when absent. */
static gboolean
read_number (Loader            *loader,
             const OvfJsonNode *object,
             const char        *key,
             Need               need,
             double            *out)
{
  *out = NAN;
  return read_member (loader, object, key, need, number_node, out);
}

/* Sets *out to OVF_TIME_NONE when absent. */
static gboolean
read_time (Loader            *loader,
           const OvfJsonNode *object,
           const char        *key,
           Need               need,
           OvfTime           *out)
{
  const char *text;

  *out = OVF_TIME_NONE;
  if (!read_string (loader, object, key, need, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!ovf_time_parse_iso8601 (text, out))
    {
      report (loader, key, _("not an ISO 8601 time with a zone, such as 2023-02-04T19:39:00Z"));
      *out = OVF_TIME_NONE;
      return FALSE;
    }

  return TRUE;
}

/* A calendar date, YYYY-MM-DD. */
static gboolean
read_date (Loader             *loader,
           const OvfJsonNode  *object,
           const char         *key,
           Need                need,
           const char        **out)
{
  const char *text;

  if (!read_string (loader, object, key, need, out))
    return FALSE;
  if (*out == NULL)
    return TRUE;

  text = *out;
  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7 ? text[i] != '-' : !g_ascii_isdigit (text[i]))
        {
          text = NULL;
          break;
        }
    }

  if (text == NULL || text[10] != '\0' ||
      !g_date_valid_dmy (atoi (text + 8), atoi (text + 5), atoi (text)))
    {
      report (loader, key, _("not a date such as 2023-02-04"));
      *out = NULL;
      return FALSE;
    }

  return TRUE;
}

/* An array element that must be an object; reports at the element. */
static const OvfJsonNode *
element_object (Loader            *loader,
                const OvfJsonNode *array,
                guint              index)
{
  const OvfJsonNode *node = NULL;

  object_node (loader, NULL, &array->value.children[index], &node);
  return node;
}

/* Reads an enumeration through @parse; @allowed lists the names. */
static gboolean
read_enum (Loader            *loader,
           const OvfJsonNode *object,
           const char        *key,
           gboolean         (*parse) (const char *text, gpointer out),
           gpointer           out,
           const char        *allowed)
{
  const char *text;

  if (!read_string (loader, object, key, REQUIRED, &text))
    return FALSE;

  if (!parse (text, out))
    {
      /* Translators: the second %s lists the allowed names, which stay untranslated */
      report (loader, key, _("unknown value “%s”; expected one of: %s"), text, allowed);
      return FALSE;
    }

  return TRUE;
}

static gboolean
parse_point_kind (const char *text,
                  gpointer    out)
{
  OvfPointKind *kind = out;

  if (strcmp (text, "reported") == 0)
    *kind = OVF_POINT_REPORTED;
  else if (strcmp (text, "estimated") == 0)
    *kind = OVF_POINT_ESTIMATED;
  else
    return FALSE;

  return TRUE;
}

static gboolean
read_lat_lon (Loader            *loader,
              const OvfJsonNode *object,
              double            *lat,
              double            *lon)
{
  gboolean ok = TRUE;

  if (read_number (loader, object, "lat", REQUIRED, lat) && (*lat < -90 || *lat > 90))
    {
      report (loader, "lat", _("latitude %g is out of range (-90 to 90)"), *lat);
      ok = FALSE;
    }
  else if (isnan (*lat))
    {
      ok = FALSE;
    }

  if (read_number (loader, object, "lon", REQUIRED, lon) && (*lon < -360 || *lon > 360))
    {
      report (loader, "lon", _("longitude %g is out of range (-360 to 360)"), *lon);
      ok = FALSE;
    }
  else if (isnan (*lon))
    {
      ok = FALSE;
    }

  return ok;
}

static gboolean
is_web_url (const char *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0';
}

static gboolean
read_url (Loader             *loader,
          const OvfJsonNode  *object,
          const char         *key,
          Need                need,
          const char        **out)
{
  if (!read_string (loader, object, key, need, out))
    return FALSE;

  if (*out != NULL && !is_web_url (*out))
    {
      report (loader, key, _("“%s” is not an http or https URL"), *out);
      *out = NULL;
      return FALSE;
    }

  return TRUE;
}

/* IANA names such as “America/Denver” or “UTC”; the zone database itself
 * is not consulted, so validation does not depend on the machine. */
static gboolean
is_timezone_name (const char *name)
{
  gboolean segment_start = TRUE;

  if (name[0] == '\0')
    return FALSE;

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '/')
        {
          if (segment_start)
            return FALSE;
          segment_start = TRUE;
        }
      else if (g_ascii_isalnum (*p) || *p == '_' || *p == '-' || *p == '+')
        {
          segment_start = FALSE;
        }
      else
        {
          return FALSE;
        }
    }

  return !segment_start;
}

static gboolean
read_point (Loader            *loader,
            const OvfJsonNode *object,
            GStringChunk      *strings,
            OvfTrackPoint     *point)
{
  guint start = loader->n_found;
  const char *source, *note;
  gboolean ok = TRUE;

  ok &= read_time (loader, object, "time", REQUIRED, &point->time);
  ok &= read_lat_lon (loader, object, &point->lat, &point->lon);
  ok &= read_number (loader, object, "alt_m", OPTIONAL, &point->alt_m);
  if (point->alt_m < MIN_ALTITUDE_M || point->alt_m > MAX_ALTITUDE_M)   /* false for NAN */
    {
      report (loader, "alt_m", _("altitude %g m is out of range (%g to %g)"),
              point->alt_m, MIN_ALTITUDE_M, MAX_ALTITUDE_M);
      ok = FALSE;
    }
  ok &= read_enum (loader, object, "kind", parse_point_kind, &point->kind, "reported, estimated");
  ok &= read_url (loader, object, "source", OPTIONAL, &source);
  ok &= read_text (loader, object, "note", OPTIONAL, &note);

  if (point->kind == OVF_POINT_REPORTED && !has_member (object, "source"))
    {
      report (loader, "source", _("a reported point must name its source"));
      ok = FALSE;
    }

  point->source = source != NULL ? g_string_chunk_insert_const (strings, source) : NULL;
  point->note = note != NULL ? g_string_chunk_insert_const (strings, note) : NULL;

  check_unknown_members (loader, object, start, point_members);
  return ok;
}

static void
check_order (Loader  *loader,
             OvfTime  previous,
             OvfTime  time)
{
  g_autofree char *before = NULL;

  if (previous == OVF_TIME_NONE || time > previous)
    return;

  before = ovf_time_format_iso8601 (previous);
  report (loader, "time", _("not later than the previous point’s time (%s)"), before);
}

/* Returns @lon unwrapped to follow @previous_lon, which was written as
 * @previous_raw_lon; see the comment at the top for the rules. */
static double
follow_lon (Loader *loader,
            double  previous_raw_lon,
            double  previous_lon,
            double  lon)
{
  double step = lon - previous_raw_lon;

  if (fabs (step) > 180)
    {
      step = ovf_geo_normalize_lon (step);
      if (fabs (step) > MAX_WRAPPED_HOP)
        report (loader, "lon",
                _("longitude jumps from %g to %g, more than 180°; "
                  "a wrap across the antimeridian must be shorter than 90°"),
                previous_raw_lon, lon);
    }

  return previous_lon + step;
}

/* Points with problems are left out of the track, but their times and
 * longitudes, when readable, still take part in the checks between
 * neighbours, so that one file run reports all there is. */
static void
read_points (Loader            *loader,
             const OvfJsonNode *array,
             OvfTrack          *track)
{
  guint n = array->n_children;
  OvfTime previous_time = OVF_TIME_NONE;
  double previous_raw_lon = NAN, previous_lon = NAN;

  track->strings = g_string_chunk_new (4096);
  track->points = g_new (OvfTrackPoint, MAX (n, 1));

  push_key (loader, "points");
  for (guint i = 0; i < n; i++)
    {
      OvfTrackPoint *point = &track->points[track->n_points];
      const OvfJsonNode *object;
      gboolean ok;

      push_index (loader, i);
      object = element_object (loader, array, i);
      if (object != NULL)
        {
          ok = read_point (loader, object, track->strings, point);

          if (point->time != OVF_TIME_NONE)
            {
              check_order (loader, previous_time, point->time);
              previous_time = point->time;
            }

          if (fabs (point->lon) <= 360)   /* false for NAN */
            {
              double raw_lon = point->lon;

              point->lon = isnan (previous_lon) ? ovf_geo_normalize_lon (raw_lon)
                                                : follow_lon (loader, previous_raw_lon, previous_lon, raw_lon);
              previous_raw_lon = raw_lon;
              previous_lon = point->lon;
            }

          if (ok)
            track->n_points++;
        }
      pop (loader);
    }
  pop (loader);
}

static OvfTrack *
read_track (Loader            *loader,
            const OvfJsonNode *object,
            guint              index)
{
  g_autoptr(OvfTrack) track = g_object_new (OVF_TYPE_TRACK, NULL);
  guint start = loader->n_found;
  const char *id, *name;
  const OvfJsonNode *points = NULL;

  read_id (loader, object, loader->track_ids, "tracks", index, &id);
  read_text (loader, object, "name", REQUIRED, &name);
  read_member (loader, object, "points", REQUIRED, array_node, &points);

  track->id = g_strdup (id);
  track->name = g_strdup (name);
  if (points != NULL)
    {
      if (points->n_children == 0)
        report (loader, "points", _("a track needs at least one point"));
      read_points (loader, points, track);
    }

  check_unknown_members (loader, object, start, track_members);
  return g_steal_pointer (&track);
}

static gboolean
read_source (Loader            *loader,
             const OvfJsonNode *object,
             GStringChunk      *strings,
             OvfSource         *source)
{
  guint start = loader->n_found;
  const char *publisher, *title, *url, *date;
  gboolean ok = TRUE;

  ok &= read_string (loader, object, "publisher", REQUIRED, &publisher);
  ok &= read_text (loader, object, "title", REQUIRED, &title);
  ok &= read_url (loader, object, "url", REQUIRED, &url);
  ok &= read_date (loader, object, "date", OPTIONAL, &date);
  check_unknown_members (loader, object, start, source_members);

  source->publisher = publisher != NULL ? g_string_chunk_insert_const (strings, publisher) : NULL;
  source->title = title != NULL ? g_string_chunk_insert_const (strings, title) : NULL;
  source->url = url != NULL ? g_string_chunk_insert_const (strings, url) : NULL;
  source->date = date != NULL ? g_string_chunk_insert_const (strings, date) : NULL;

  return ok;
}

static void
read_sources (Loader            *loader,
              const OvfJsonNode *object,
              OvfEvent          *event)
{
  const OvfJsonNode *array = NULL;
  guint n;

  if (!read_member (loader, object, "sources", REQUIRED, array_node, &array) || array == NULL)
    return;

  n = array->n_children;
  if (n == 0)
    report (loader, "sources", _("an event needs at least one source"));

  push_key (loader, "sources");
  for (guint i = 0; i < n; i++)
    {
      OvfSource source = { NULL };
      const OvfJsonNode *element;

      push_index (loader, i);
      element = element_object (loader, array, i);
      if (element != NULL && read_source (loader, element, event->strings, &source))
        g_array_append_val (event->sources, source);
      pop (loader);
    }
  pop (loader);
}

static void
read_location (Loader            *loader,
               const OvfJsonNode *object,
               OvfEvent          *event)
{
  const OvfJsonNode *location = NULL;
  const char *name;
  guint start;

  if (!read_member (loader, object, "location", OPTIONAL, object_node, &location) || location == NULL)
    return;

  push_key (loader, "location");
  start = loader->n_found;
  event->has_location = read_lat_lon (loader, location, &event->lat, &event->lon);
  event->lon = ovf_geo_normalize_lon (event->lon);
  read_text (loader, location, "name", OPTIONAL, &name);
  event->location_name = g_strdup (name);
  check_unknown_members (loader, location, start, location_members);
  pop (loader);
}

static gboolean
parse_category (const char *text,
                gpointer    out)
{
  return ovf_category_from_string (text, out);
}

static gboolean
parse_confidence (const char *text,
                  gpointer    out)
{
  return ovf_confidence_from_string (text, out);
}

static gboolean
parse_place_category (const char *text,
                      gpointer    out)
{
  return ovf_place_category_from_string (text, out);
}

/* Reports an end before the start at @key. */
static void
check_span (Loader     *loader,
            OvfTime     start,
            OvfTime     end,
            const char *key)
{
  if (start != OVF_TIME_NONE && end != OVF_TIME_NONE && end < start)
    report (loader, key, _("ends before it begins"));
}

static OvfEvent *
read_event (Loader            *loader,
            const OvfJsonNode *object,
            GHashTable        *ids,
            guint              index)
{
  g_autoptr(OvfEvent) event = g_object_new (OVF_TYPE_EVENT, NULL);
  guint start = loader->n_found;
  const char *id, *title, *description, *zone_name, *track;

  read_id (loader, object, ids, "events", index, &id);
  read_time (loader, object, "time", REQUIRED, &event->time);
  read_time (loader, object, "end_time", OPTIONAL, &event->end_time);
  check_span (loader, event->time, event->end_time, "end_time");
  read_text (loader, object, "title", REQUIRED, &title);
  read_text (loader, object, "description", REQUIRED, &description);
  read_enum (loader, object, "category", parse_category, &event->category,
             "detection, sighting, airspace, military, diplomatic, statement, recovery, other");
  read_enum (loader, object, "confidence", parse_confidence, &event->confidence,
             "confirmed, reported, unconfirmed");
  read_location (loader, object, event);

  if (read_string (loader, object, "timezone", OPTIONAL, &zone_name) &&
      zone_name != NULL && !is_timezone_name (zone_name))
    {
      report (loader, "timezone", _("“%s” is not a time zone name such as “America/Denver”"), zone_name);
      zone_name = NULL;
    }

  if (read_string (loader, object, "track", OPTIONAL, &track) &&
      track != NULL && !g_hash_table_contains (loader->track_ids, track))
    report (loader, "track", _("names the track “%s”, which the dataset does not have"), track);

  read_sources (loader, object, event);
  check_unknown_members (loader, object, start, event_members);

  event->id = g_strdup (id);
  event->title = g_strdup (title);
  event->description = g_strdup (description);
  event->timezone = g_strdup (zone_name);
  event->track_id = g_strdup (track);

  return g_steal_pointer (&event);
}

static OvfPlace *
read_place (Loader            *loader,
            const OvfJsonNode *object,
            GHashTable        *ids,
            guint              index)
{
  g_autoptr(OvfPlace) place = g_object_new (OVF_TYPE_PLACE, NULL);
  guint start = loader->n_found;
  const char *id, *name, *description;

  read_id (loader, object, ids, "places", index, &id);
  read_text (loader, object, "name", REQUIRED, &name);
  read_lat_lon (loader, object, &place->lat, &place->lon);
  read_enum (loader, object, "category", parse_place_category, &place->category,
             "military, airport, city, region, other");
  read_text (loader, object, "description", REQUIRED, &description);
  check_unknown_members (loader, object, start, place_members);

  place->id = g_strdup (id);
  place->name = g_strdup (name);
  place->lon = ovf_geo_normalize_lon (place->lon);
  place->description = g_strdup (description);

  return g_steal_pointer (&place);
}

/* A {"lat", "lon"} object: a circle's centre or a polygon's vertex. */
static gboolean
read_position (Loader            *loader,
               const OvfJsonNode *object,
               OvfLatLon         *position)
{
  guint start = loader->n_found;
  gboolean ok = read_lat_lon (loader, object, &position->lat, &position->lon);

  check_unknown_members (loader, object, start, position_members);
  return ok;
}

/* Vertices are {"lat", "lon"} objects; longitudes are unwrapped along the
 * ring so that a polygon across the antimeridian stays whole. */
static void
read_polygon (Loader            *loader,
              const OvfJsonNode *array,
              OvfArea           *area)
{
  guint n = array->n_children;
  double lat_sum = 0, lon_sum = 0;

  if (n < 3)
    report (loader, "polygon", _("a polygon needs at least three vertices"));

  push_key (loader, "polygon");
  for (guint i = 0; i < n; i++)
    {
      OvfLatLon vertex;
      const OvfJsonNode *object;

      push_index (loader, i);
      object = element_object (loader, array, i);
      if (object != NULL && read_position (loader, object, &vertex))
        {
          if (area->polygon->len > 0)
            vertex.lon = ovf_geo_unwrap_lon (vertex.lon,
                                             g_array_index (area->polygon, OvfLatLon,
                                                            area->polygon->len - 1).lon);
          else
            vertex.lon = ovf_geo_normalize_lon (vertex.lon);
          g_array_append_val (area->polygon, vertex);
          lat_sum += vertex.lat;
          lon_sum += vertex.lon;
        }
      pop (loader);
    }
  pop (loader);

  if (area->polygon->len > 0)
    {
      area->center.lat = lat_sum / area->polygon->len;
      area->center.lon = ovf_geo_normalize_lon (lon_sum / area->polygon->len);
    }
}

/* An area is a circle (“center” and “radius_m”) or a “polygon”. */
static void
read_area_shape (Loader            *loader,
                 const OvfJsonNode *object,
                 OvfArea           *area)
{
  const OvfJsonNode *center = NULL;
  const OvfJsonNode *polygon = NULL;
  double radius;

  read_member (loader, object, "center", OPTIONAL, object_node, &center);
  read_number (loader, object, "radius_m", OPTIONAL, &radius);
  read_member (loader, object, "polygon", OPTIONAL, array_node, &polygon);

  if (polygon != NULL)
    {
      if (has_member (object, "center") || has_member (object, "radius_m"))
        report (loader, "polygon", _("an area is a circle or a polygon, not both"));
      read_polygon (loader, polygon, area);
      return;
    }

  if (has_member (object, "polygon"))
    return;   /* reported as the wrong type */

  if (!has_member (object, "center") && !has_member (object, "radius_m"))
    {
      report (loader, NULL, _("an area needs a “center” and “radius_m”, or a “polygon”"));
      return;
    }

  if (center != NULL)
    {
      push_key (loader, "center");
      read_position (loader, center, &area->center);
      area->center.lon = ovf_geo_normalize_lon (area->center.lon);
      pop (loader);
    }
  else if (!has_member (object, "center"))
    {
      report (loader, "center", _("this required field is missing"));
    }

  if (!isnan (radius) && (radius <= 0 || radius > MAX_RADIUS_M))
    report (loader, "radius_m", _("the radius must be greater than 0 and at most %g m"), MAX_RADIUS_M);
  else if (!has_member (object, "radius_m"))
    report (loader, "radius_m", _("this required field is missing"));
  else
    area->radius_m = radius;
}

static OvfArea *
read_area (Loader            *loader,
           const OvfJsonNode *object,
           GHashTable        *ids,
           guint              index)
{
  g_autoptr(OvfArea) area = g_object_new (OVF_TYPE_AREA, NULL);
  guint start = loader->n_found;
  const char *id, *name, *description;

  read_id (loader, object, ids, "areas", index, &id);
  read_text (loader, object, "name", REQUIRED, &name);
  read_text (loader, object, "description", REQUIRED, &description);
  read_area_shape (loader, object, area);
  read_time (loader, object, "time", OPTIONAL, &area->time);
  read_time (loader, object, "end_time", OPTIONAL, &area->end_time);
  check_span (loader, area->time, area->end_time, "end_time");
  check_unknown_members (loader, object, start, area_members);

  area->id = g_strdup (id);
  area->name = g_strdup (name);
  area->description = g_strdup (description);

  return g_steal_pointer (&area);
}

typedef gpointer (*ReadItem) (Loader            *loader,
                              const OvfJsonNode *object,
                              GHashTable        *ids,
                              guint              index);

static OvfTrack *
read_track_item (Loader            *loader,
                 const OvfJsonNode *object,
                 GHashTable        *ids,
                 guint              index)
{
  return read_track (loader, object, index);
}

/* Reads each object of the array @key into @store. */
static void
read_items (Loader            *loader,
            const OvfJsonNode *root,
            const char        *key,
            Need               need,
            GHashTable        *ids,
            ReadItem           read_item,
            GListStore        *store)
{
  const OvfJsonNode *array = NULL;

  if (!read_member (loader, root, key, need, array_node, &array) || array == NULL)
    return;

  push_key (loader, key);
  for (guint i = 0; i < array->n_children; i++)
    {
      const OvfJsonNode *object;

      push_index (loader, i);
      object = element_object (loader, array, i);
      if (object != NULL)
        {
          g_autoptr(GObject) item = read_item (loader, object, ids, i);

          g_list_store_append (store, item);
        }
      pop (loader);
    }
  pop (loader);
}

/* FALSE when the file is not a dataset this build can read at all. */
static gboolean
read_header (Loader            *loader,
             const OvfJsonNode *root,
             OvfDataset        *dataset)
{
  const char *format;
  const OvfJsonNode *version;

  if (read_string (loader, root, "format", REQUIRED, &format) &&
      format != NULL && strcmp (format, FORMAT_NAME) != 0)
    {
      report (loader, "format", _("unknown format “%s”; expected “%s”"), format, FORMAT_NAME);
      loader->unsupported = TRUE;
    }

  version = get_member (loader, root, "version", REQUIRED);
  if (version != NULL)
    {
      double value = is_number (version) ? version->value.number : NAN;

      if (isnan (value))
        report_type (loader, "version", version, _("a whole number"));
      else if (value != floor (value))
        report (loader, "version", _("version %g is not a whole number"), value);
      else if (value > OVF_DATASET_FORMAT_VERSION)
        {
          report (loader, "version",
                  _("version %g is newer than this Overflight reads (%d); update Overflight"),
                  value, OVF_DATASET_FORMAT_VERSION);
          loader->unsupported = TRUE;
        }
      else if (value < 1)
        report (loader, "version", _("version %g does not exist; the first is 1"), value);
      else
        dataset->format_version = (int) value;
    }

  return !loader->unsupported;
}

static void
read_metadata (Loader            *loader,
               const OvfJsonNode *root,
               OvfDataset        *dataset)
{
  const char *title, *description, *license, *updated;
  const OvfJsonNode *credits = NULL;
  GStrvBuilder *builder = g_strv_builder_new ();

  read_text (loader, root, "title", REQUIRED, &title);
  read_text (loader, root, "description", REQUIRED, &description);
  read_string (loader, root, "license", REQUIRED, &license);
  read_date (loader, root, "updated", REQUIRED, &updated);

  if (read_member (loader, root, "credits", REQUIRED, array_node, &credits) && credits != NULL)
    {
      if (credits->n_children == 0)
        report (loader, "credits", _("give at least one credit line"));
      push_key (loader, "credits");
      for (guint i = 0; i < credits->n_children; i++)
        {
          const char *credit;

          push_index (loader, i);
          if (string_node (loader, NULL, &credits->value.children[i], &credit))
            g_strv_builder_add (builder, credit);
          pop (loader);
        }
      pop (loader);
    }

  dataset->title = g_strdup (title);
  dataset->description = g_strdup (description);
  dataset->license = g_strdup (license);
  dataset->updated = g_strdup (updated);
  dataset->credits = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
}

static void
read_dataset (Loader            *loader,
              const OvfJsonNode *root,
              OvfDataset        *dataset)
{
  g_autoptr(GHashTable) event_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) place_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) area_ids = g_hash_table_new (g_str_hash, g_str_equal);

  guint start = loader->n_found;

  if (!read_header (loader, root, dataset))
    return;

  read_metadata (loader, root, dataset);
  /* Tracks first: events refer to them. */
  read_items (loader, root, "tracks", REQUIRED, loader->track_ids,
              (ReadItem) read_track_item, dataset->tracks);
  read_items (loader, root, "events", REQUIRED, event_ids, (ReadItem) read_event, dataset->events);
  read_items (loader, root, "places", REQUIRED, place_ids, (ReadItem) read_place, dataset->places);
  read_items (loader, root, "areas", REQUIRED, area_ids, (ReadItem) read_area, dataset->areas);
  check_unknown_members (loader, root, start, dataset_members);
}

static gboolean
fail (Loader           *loader,
      OvfDatasetError   code,
      GError          **error)
{
  const OvfDiagnostic *first = g_ptr_array_index (loader->diagnostics, 0);
  g_autofree char *where = ovf_diagnostic_format (first, NULL);
  guint n = MAX (loader->n_problems, 1);

  switch (code)
    {
    case OVF_DATASET_ERROR_SYNTAX:
      g_set_error (error, OVF_DATASET_ERROR, code, _("Not a valid JSON file: %s"), where);
      break;
    case OVF_DATASET_ERROR_UNSUPPORTED:
      g_set_error (error, OVF_DATASET_ERROR, code,
                   _("Not a dataset this version of Overflight can read: %s"), where);
      break;
    case OVF_DATASET_ERROR_INVALID:
    default:
      g_set_error (error, OVF_DATASET_ERROR, code,
                   /* Translators: %s is the first problem, located */
                   g_dngettext (GETTEXT_PACKAGE, "The dataset has %u problem: %s",
                                "The dataset has %u problems; the first: %s", n),
                   n, where);
      break;
    }

  return FALSE;
}

static gboolean
fail_syntax (Loader         *loader,
             OvfDiagnostic  *diagnostic,
             GError        **error)
{
  loader->n_problems++;
  g_ptr_array_add (loader->diagnostics, diagnostic);
  return fail (loader, OVF_DATASET_ERROR_SYNTAX, error);
}

gboolean
ovf_loader_load (OvfDataset         *dataset,
                 const char         *data,
                 gsize               length,
                 const char * const *languages,
                 GPtrArray          *diagnostics,
                 GError            **error)
{
  g_autoptr(OvfJson) json = NULL;
  g_autoptr(GHashTable) track_ids = g_hash_table_new (g_str_hash, g_str_equal);
  Loader loader = {
    .languages = languages,
    .diagnostics = diagnostics,
    .track_ids = track_ids,
  };
  const OvfJsonNode *root;

  /* Empty GBytes may have no data pointer at all. */
  if (data == NULL)
    data = "";

  json = ovf_json_parse (data, length);
  if (json == NULL)
    {
      OvfDiagnostic *problem = ovf_json_diagnose (data, length);

      /* The two readers share one grammar, so this is only a safeguard. */
      if (problem == NULL)
        problem = ovf_diagnostic_new (NULL, 0, 0, _("not valid JSON"));
      return fail_syntax (&loader, problem, error);
    }

  root = ovf_json_get_root (json);
  if (root->type != OVF_JSON_OBJECT)
    report_type (&loader, NULL, root, _("an object"));
  else
    read_dataset (&loader, root, dataset);

  if (loader.n_problems > 0)
    {
      ovf_json_locate (data, length, diagnostics);
      return fail (&loader, loader.unsupported ? OVF_DATASET_ERROR_UNSUPPORTED : OVF_DATASET_ERROR_INVALID,
                   error);
    }

  ovf_dataset_finish (dataset);
  return TRUE;
}
