/* ovf-import-csv.c: comma, semicolon or tab separated values
 *
 * The first line (a leading '#' is allowed) names the columns; case and
 * a unit in brackets or after '_' do not matter:
 *   time:      time, timestamp, datetime, date_time, utc (ISO 8601, or
 *              Unix seconds when a number), or a date and a time column
 *              (2023-01-16 or 2023/01/16, and 18:02:26)
 *   latitude:  lat, latitude        longitude: lon, lng, long, longitude
 *   altitude:  alt, altitude, ele, elevation, height, geoaltitude,
 *              baroaltitude: metres, or feet when the header says ft or feet
 *   track:     icao24, icao, hex, id, track_id, track, callsign: rows with
 *              the same value form one track
 * The separator is the one of ',', ';' and tab the header uses most.
 * Fields may be quoted as in RFC 4180. Rows without a position (both
 * latitude and longitude empty) are skipped; times without a zone are
 * UTC, as GPSBabel and OpenSky write them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ovf-import-private.h"

#define METRES_PER_FOOT 0.3048

typedef enum
{
  ROLE_TIME,
  ROLE_DATE,
  ROLE_LAT,
  ROLE_LON,
  ROLE_ALT,
  ROLE_ID,
  N_ROLES,
} Role;

/* Names in order of preference within each role. */
static const char * const role_names[N_ROLES][10] = {
  [ROLE_TIME] = { "time", "timestamp", "datetime", "date_time", "utc", "time_utc", NULL },
  [ROLE_DATE] = { "date", NULL },
  [ROLE_LAT] = { "lat", "latitude", NULL },
  [ROLE_LON] = { "lon", "lng", "long", "longitude", NULL },
  [ROLE_ALT] = { "alt", "altitude", "ele", "elevation", "height", "geoaltitude", "baroaltitude", NULL },
  [ROLE_ID] = { "icao24", "icao", "hex", "id", "track_id", "track", "callsign", NULL },
};

typedef struct
{
  gsize start;      /* offset of the field's text in the row buffer */
  const char *at;   /* where it begins in the file */
} Field;

typedef struct
{
  OvfImport   *import;
  const char  *p;
  const char  *end;
  const char  *line_start;
  guint        line;
  char         separator;
  int          columns[N_ROLES];
  char        *names[N_ROLES];
  double       alt_scale;
  GString     *row;
  GArray      *fields;
  GHashTable  *tracks;      /* id → OvfImportTrack */
} Csv;

/* Splits the line at @csv->p into fields, unquoting them; leaves @csv->p
 * at the next line. Returns FALSE at the end of the data. */
static gboolean
read_row (Csv *csv)
{
  g_string_truncate (csv->row, 0);
  g_array_set_size (csv->fields, 0);
  if (csv->p >= csv->end)
    return FALSE;

  csv->line_start = csv->p;
  for (;;)
    {
      Field field = { csv->row->len, csv->p };
      const char *p = csv->p;

      if (p < csv->end && *p == '"')
        {
          for (p++; p < csv->end; p++)
            {
              if (*p == '"' && p + 1 < csv->end && p[1] == '"')
                p++;
              else if (*p == '"')
                break;
              else if (*p == '\n')
                csv->line++;
              g_string_append_c (csv->row, *p);
            }
          p++;
        }
      while (p < csv->end && *p != csv->separator && *p != '\n')
        {
          const char *stop = p;

          while (stop < csv->end && *stop != csv->separator && *stop != '\n')
            stop++;
          g_string_append_len (csv->row, p, stop - p);
          p = stop;
        }
      if (csv->row->len > field.start && csv->row->str[csv->row->len - 1] == '\r')
        g_string_truncate (csv->row, csv->row->len - 1);
      g_string_append_c (csv->row, '\0');
      g_array_append_val (csv->fields, field);

      csv->p = p + 1;
      if (p >= csv->end || *p == '\n')
        break;
    }

  csv->line++;
  return TRUE;
}

static const char *
field_text (Csv *csv,
            int  column)
{
  if (column < 0 || (guint) column >= csv->fields->len)
    return "";

  return csv->row->str + g_array_index (csv->fields, Field, column).start;
}

static guint
field_column (Csv *csv,
              int  column)
{
  const char *at;

  if (column < 0 || (guint) column >= csv->fields->len)
    return 0;
  at = g_array_index (csv->fields, Field, column).at;

  return at >= csv->line_start ? (guint) g_utf8_strlen (csv->line_start, at - csv->line_start) + 1 : 1;
}

static char
find_separator (const char *line,
                const char *end)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (const char *p = line; p < end && *p != '\n'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (!quoted)
        commas += *p == ',', semicolons += *p == ';', tabs += *p == '\t';
    }

  if (tabs > commas && tabs > semicolons)
    return '\t';
  return semicolons > commas ? ';' : ',';
}

/* "Altitude (ft)" → "altitude", noting the unit. */
static char *
header_key (const char *text,
            gboolean   *in_feet)
{
  g_autofree char *lower = g_ascii_strdown (text, -1);
  char *cut;

  g_strstrip (lower);
  *in_feet = strstr (lower, "ft") != NULL || strstr (lower, "feet") != NULL;
  if ((cut = strpbrk (lower, "([")) != NULL)
    *cut = '\0';
  g_strstrip (lower);
  if (g_str_has_suffix (lower, "_ft") || g_str_has_suffix (lower, "_m"))
    *strrchr (lower, '_') = '\0';

  return g_strdup (lower);
}

static gboolean
read_header (Csv *csv)
{
  int ranks[N_ROLES];

  /* A '#' may start the header, as OpenTracks writes it. */
  if (csv->p < csv->end && *csv->p == '#')
    csv->p++;
  csv->separator = find_separator (csv->p, csv->end);
  read_row (csv);

  for (guint role = 0; role < N_ROLES; role++)
    csv->columns[role] = -1, ranks[role] = G_MAXINT;

  for (guint i = 0; i < csv->fields->len; i++)
    {
      gboolean in_feet;
      g_autofree char *key = header_key (field_text (csv, i), &in_feet);

      for (guint role = 0; role < N_ROLES; role++)
        for (int rank = 0; role_names[role][rank] != NULL; rank++)
          if (g_str_equal (key, role_names[role][rank]) && rank < ranks[role])
            {
              ranks[role] = rank;
              csv->columns[role] = i;
              g_free (csv->names[role]);
              csv->names[role] = g_strdup (field_text (csv, i));
              if (role == ROLE_ALT)
                csv->alt_scale = in_feet ? METRES_PER_FOOT : 1.0;
            }
    }

  /* A lone "date" column holds whole times. */
  if (csv->columns[ROLE_TIME] < 0 && csv->columns[ROLE_DATE] >= 0)
    {
      csv->columns[ROLE_TIME] = csv->columns[ROLE_DATE];
      csv->names[ROLE_TIME] = g_steal_pointer (&csv->names[ROLE_DATE]);
      csv->columns[ROLE_DATE] = -1;
    }

  if (csv->columns[ROLE_LAT] < 0 || csv->columns[ROLE_LON] < 0)
    {
      ovf_import_problem (csv->import, NULL, 1, 1,
                          _("not a file Overflight can read: a CSV file’s first line must name its columns, "
                            "including the latitude (lat) and longitude (lon); other files must be "
                            "Overflight datasets, GPX, KML, KMZ, GeoJSON or readsb traces"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_number (const char *text)
{
  if (*text == '-' || *text == '+')
    text++;
  if (!g_ascii_isdigit (*text))
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isdigit (*text) && *text != '.')
      return FALSE;

  return TRUE;
}

static gboolean
read_time (Csv     *csv,
           OvfTime *out_time)
{
  const char *text = field_text (csv, csv->columns[ROLE_TIME]);
  const char *name = csv->names[ROLE_TIME];
  guint column = field_column (csv, csv->columns[ROLE_TIME]);
  g_autofree char *joined = NULL;
  double seconds;

  if (*text == '\0')
    {
      ovf_import_problem (csv->import, name, csv->line - 1, column, _("the time is empty"));
      return FALSE;
    }
  if (csv->columns[ROLE_DATE] < 0 && is_number (text))
    {
      if (!ovf_import_parse_double (text, &seconds) || fabs (seconds) > 1e11)
        {
          ovf_import_problem (csv->import, name, csv->line - 1, column,
                              _("“%s” is not a time in Unix seconds"), text);
          return FALSE;
        }
      *out_time = (OvfTime) llround (seconds * G_USEC_PER_SEC);
      return TRUE;
    }
  if (csv->columns[ROLE_DATE] >= 0)
    {
      joined = g_strdup_printf ("%sT%s", field_text (csv, csv->columns[ROLE_DATE]), text);
      g_strdelimit (joined, "/", '-');
      text = joined;
    }

  return ovf_import_parse_time (csv->import, text, OVF_ZONE_DEFAULT_UTC, name, csv->line - 1, column, out_time);
}

static gboolean
read_number (Csv        *csv,
             Role        role,
             double     *out_value)
{
  const char *text = field_text (csv, csv->columns[role]);

  if (ovf_import_parse_double (text, out_value))
    return TRUE;
  ovf_import_problem (csv->import, csv->names[role], csv->line - 1, field_column (csv, csv->columns[role]),
                      *text == '\0' ? _("the value is missing") : _("“%s” is not a decimal number"), text);
  return FALSE;
}

static OvfImportTrack *
track_for_row (Csv *csv)
{
  const char *id = "";
  OvfImportTrack *track;

  /* The row buffer is the reader's own, so trimming it in place is safe. */
  if (csv->columns[ROLE_ID] >= 0 && (guint) csv->columns[ROLE_ID] < csv->fields->len)
    id = g_strstrip (csv->row->str + g_array_index (csv->fields, Field, csv->columns[ROLE_ID]).start);
  track = g_hash_table_lookup (csv->tracks, id);

  if (track == NULL)
    {
      track = ovf_import_add_track (csv->import, *id != '\0' ? id : NULL);
      g_hash_table_insert (csv->tracks, g_strdup (id), track);
    }

  return track;
}

static void
read_data_row (Csv *csv)
{
  const char *lat_text = field_text (csv, csv->columns[ROLE_LAT]);
  const char *lon_text = field_text (csv, csv->columns[ROLE_LON]);
  OvfTime time = OVF_TIME_NONE;
  double lat, lon, alt_m = NAN;
  gboolean ok = TRUE;

  /* Marker rows, such as OpenTracks' segment starts, have no position. */
  if (*lat_text == '\0' && *lon_text == '\0')
    return;

  ok &= read_number (csv, ROLE_LAT, &lat);
  ok &= read_number (csv, ROLE_LON, &lon);
  if (csv->columns[ROLE_ALT] >= 0 && *field_text (csv, csv->columns[ROLE_ALT]) != '\0')
    {
      ok &= read_number (csv, ROLE_ALT, &alt_m);
      alt_m *= csv->alt_scale;
    }
  if (csv->columns[ROLE_TIME] >= 0)
    ok &= read_time (csv, &time);
  if (ok)
    ok = ovf_import_check_position (csv->import, lat, lon, csv->names[ROLE_LAT], csv->line - 1,
                                    field_column (csv, csv->columns[ROLE_LAT]));
  if (ok)
    ovf_import_add_point (csv->import, track_for_row (csv), time, lat, lon, alt_m,
                          csv->names[ROLE_TIME], csv->line - 1, field_column (csv, csv->columns[ROLE_TIME]));
}

static gboolean
check_text (OvfImport  *import,
            const char *data,
            gsize       length)
{
  const char *bad;
  guint line = 1;
  const char *line_start = data;

  if (length >= 2 && (((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe) ||
                      ((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)))
    {
      ovf_import_problem (import, NULL, 1, 1, _("the file is UTF-16: save it as UTF-8"));
      return FALSE;
    }
  if (g_utf8_validate_len (data, length, &bad) && memchr (data, '\0', length) == NULL)
    return TRUE;

  if (memchr (data, '\0', length) != NULL)
    bad = MIN (bad, (const char *) memchr (data, '\0', length));
  for (const char *p = data; p < bad; p++)
    if (*p == '\n')
      line++, line_start = p + 1;
  ovf_import_problem (import, NULL, line, (guint) g_utf8_strlen (line_start, bad - line_start) + 1,
                      _("not a file Overflight can read: it is neither UTF-8 text nor a known format"));
  return FALSE;
}

void
ovf_import_read_csv (OvfImport  *import,
                     const char *data,
                     gsize       length)
{
  Csv csv = { 0 };

  import->format = g_strdup ("CSV");
  if (!check_text (import, data, length))
    return;

  csv.import = import;
  csv.p = data;
  csv.end = data + length;
  csv.line = 1;
  csv.alt_scale = 1.0;
  csv.row = g_string_new (NULL);
  csv.fields = g_array_new (FALSE, FALSE, sizeof (Field));
  csv.tracks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    csv.p += 3;
  while (csv.p < csv.end && (*csv.p == '\n' || *csv.p == '\r'))
    csv.p++, csv.line += csv.p[-1] == '\n';

  if (read_header (&csv))
    {
      while (read_row (&csv))
        {
          const char *first = field_text (&csv, 0);

          if (csv.fields->len == 1 && *first == '\0')
            continue;   /* an empty line */
          if (*first == '#')
            continue;   /* a comment */
          read_data_row (&csv);
        }
    }

  for (guint role = 0; role < N_ROLES; role++)
    g_free (csv.names[role]);
  g_string_free (csv.row, TRUE);
  g_array_unref (csv.fields);
  g_hash_table_unref (csv.tracks);
}
