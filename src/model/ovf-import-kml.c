/* ovf-import-kml.c: KML 2.2 and 2.3
 *
 * Each Placemark, at any depth of Folders, gives:
 * - a timed track for a gx:Track (2.2's extension) or Track (2.3), the
 *   Tracks of a MultiTrack joined in order; <when> and coordinates pair
 *   up by position, whatever their order, and pairs without a position
 *   (an empty <gx:coord/>) are skipped;
 * - a track for each LineString: timed by distance between a TimeSpan's
 *   begin and end when the Placemark has both, untimed otherwise;
 * - for each Point, an event when the Placemark has a TimeStamp or a
 *   TimeSpan, a place otherwise.
 * Polygons are not read. Times need a zone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ovf-import-xml.h"

typedef struct
{
  OvfTime time;
  double  lat;
  double  lon;
  double  alt_m;
  guint   line;
  guint   column;
} Position;

typedef struct
{
  OvfImport *import;

  guint      placemark_depth;   /* 0 outside a Placemark */
  char      *name;
  char      *description;
  OvfTime    when;
  OvfTime    begin;
  OvfTime    end;
  gboolean   in_point;
  gboolean   in_line;
  gboolean   in_track;
  GArray    *points;            /* Position, of Point geometries */
  GPtrArray *lines;             /* GArray of Position, one per LineString */
  GArray    *timed;             /* Position, of all Tracks */
  GArray    *track_starts;      /* guint: where each Track begins in @timed */
  /* The Track being read. */
  GArray    *whens;             /* Position, only time and location set */
  GArray    *coords;            /* Position; lat NAN for an empty coord */
  guint      track_line;
  guint      track_column;
} Kml;

static GArray *
position_array (void)
{
  return g_array_new (FALSE, FALSE, sizeof (Position));
}

static void
reset_placemark (Kml *kml)
{
  g_clear_pointer (&kml->name, g_free);
  g_clear_pointer (&kml->description, g_free);
  kml->when = kml->begin = kml->end = OVF_TIME_NONE;
  g_array_set_size (kml->points, 0);
  g_ptr_array_set_size (kml->lines, 0);
  g_array_set_size (kml->timed, 0);
  g_array_set_size (kml->track_starts, 0);
}

static gpointer
kml_begin (OvfXmlReader   *reader,
           const char     *namespace_uri,
           const xmlChar **attributes,
           int             n_attributes)
{
  Kml *kml = g_new0 (Kml, 1);
  const char *version = NULL;

  if (namespace_uri != NULL)
    version = strstr (namespace_uri, "/kml/");
  reader->import->format = version != NULL && g_ascii_isdigit (version[5])
                           ? g_strdup_printf ("KML %s", version + 5) : g_strdup ("KML");

  kml->import = reader->import;
  kml->points = position_array ();
  kml->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  kml->timed = position_array ();
  kml->track_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  kml->whens = position_array ();
  kml->coords = position_array ();
  reset_placemark (kml);

  return kml;
}

static void
kml_start (OvfXmlReader   *reader,
           gpointer        state,
           const char     *name,
           const xmlChar **attributes,
           int             n_attributes)
{
  Kml *kml = state;

  if (g_str_equal (name, "Placemark"))
    {
      reset_placemark (kml);
      kml->placemark_depth = reader->depth;
      return;
    }
  if (kml->placemark_depth == 0)
    {
      if (reader->depth == 3 && (g_str_equal (name, "name") || g_str_equal (name, "description")))
        ovf_xml_reader_collect (reader);
      return;
    }

  if (g_str_equal (name, "Point"))
    kml->in_point = TRUE;
  else if (g_str_equal (name, "LineString"))
    kml->in_line = TRUE;
  else if (g_str_equal (name, "Track"))
    {
      kml->in_track = TRUE;
      kml->track_line = ovf_xml_reader_line (reader);
      kml->track_column = ovf_xml_reader_column (reader);
      g_array_set_size (kml->whens, 0);
      g_array_set_size (kml->coords, 0);
    }
  else if (((g_str_equal (name, "name") || g_str_equal (name, "description")) &&
            reader->depth == kml->placemark_depth + 1) ||
           g_str_equal (name, "when") || g_str_equal (name, "begin") || g_str_equal (name, "end") ||
           g_str_equal (name, "coordinates") || g_str_equal (name, "coord"))
    ovf_xml_reader_collect (reader);
}

static void
add_position (gpointer user_data,
              double   lat,
              double   lon,
              double   alt_m,
              guint    line,
              guint    column)
{
  Position position = { OVF_TIME_NONE, lat, lon, alt_m, line, column };

  g_array_append_val ((GArray *) user_data, position);
}

static void
end_coordinates (OvfXmlReader *reader,
                 Kml          *kml)
{
  if (kml->in_point)
    {
      ovf_xml_read_positions (reader, "Point/coordinates", ',', add_position, kml->points);
    }
  else if (kml->in_line)
    {
      GArray *line = position_array ();

      g_ptr_array_add (kml->lines, line);
      ovf_xml_read_positions (reader, "LineString/coordinates", ',', add_position, line);
    }
}

static void
end_coord (OvfXmlReader *reader,
           Kml          *kml)
{
  const char *p = ovf_xml_reader_text (reader);
  guint before = kml->coords->len;

  while (g_ascii_isspace (*p))
    p++;
  if (*p == '\0')
    {
      /* No fix at this instant. */
      Position none = { OVF_TIME_NONE, NAN, NAN, NAN, 0, 0 };

      g_array_append_val (kml->coords, none);
      return;
    }
  ovf_xml_read_positions (reader, "Track/coord", ' ', add_position, kml->coords);
  if (kml->coords->len == before)
    {
      /* A bad one, already reported: keep the pairs in step. */
      Position none = { OVF_TIME_NONE, NAN, NAN, NAN, 0, 0 };

      g_array_append_val (kml->coords, none);
    }
}

static void
end_when (OvfXmlReader *reader,
          Kml          *kml,
          const char   *name,
          const char   *text)
{
  Position when = { OVF_TIME_NONE, NAN, NAN, NAN, reader->text_line, reader->text_column };
  g_autofree char *path = g_strdup_printf (kml->in_track ? "Track/%s" : "%s", name);
  const char *p = text;

  while (g_ascii_isspace (*p))
    p++;
  if (*p != '\0')
    ovf_import_parse_time (kml->import, text, OVF_ZONE_REQUIRED, path,
                           reader->text_line, reader->text_column, &when.time);

  if (kml->in_track)
    g_array_append_val (kml->whens, when);
  else if (g_str_equal (name, "when"))
    kml->when = when.time;
  else if (g_str_equal (name, "begin"))
    kml->begin = when.time;
  else
    kml->end = when.time;
}

static void
end_track (Kml *kml)
{
  kml->in_track = FALSE;
  if (kml->whens->len != kml->coords->len)
    {
      ovf_import_problem (kml->import, "Track", kml->track_line, kml->track_column,
                          _("the track has %u times (when) and %u positions (coord): they must pair up"),
                          kml->whens->len, kml->coords->len);
      return;
    }

  g_array_append_val (kml->track_starts, kml->timed->len);
  for (guint i = 0; i < kml->coords->len; i++)
    {
      Position *coord = &g_array_index (kml->coords, Position, i);

      if (isnan (coord->lat))
        continue;
      coord->time = g_array_index (kml->whens, Position, i).time;
      g_array_append_val (kml->timed, *coord);
    }
}

static void
end_placemark (Kml *kml)
{
  OvfTime time = kml->when != OVF_TIME_NONE ? kml->when : kml->begin;

  kml->placemark_depth = 0;

  if (kml->timed->len > 0)
    {
      OvfImportTrack *track = ovf_import_add_track (kml->import, kml->name);
      guint next = 0;

      for (guint i = 0; i < kml->timed->len; i++)
        {
          Position *p = &g_array_index (kml->timed, Position, i);

          while (next < kml->track_starts->len && g_array_index (kml->track_starts, guint, next) <= i)
            {
              ovf_import_start_segment (track);
              next++;
            }

          ovf_import_add_point (kml->import, track, p->time, p->lat, p->lon, p->alt_m,
                                "Track/coord", p->line, p->column);
        }
    }

  for (guint i = 0; i < kml->lines->len; i++)
    {
      GArray *line = g_ptr_array_index (kml->lines, i);
      OvfImportTrack *track = ovf_import_add_track (kml->import, kml->name);

      for (guint j = 0; j < line->len; j++)
        {
          Position *p = &g_array_index (line, Position, j);

          ovf_import_add_point (kml->import, track, OVF_TIME_NONE, p->lat, p->lon, p->alt_m,
                                "LineString/coordinates", p->line, p->column);
        }
      if (kml->begin != OVF_TIME_NONE && kml->end != OVF_TIME_NONE && kml->begin < kml->end)
        {
          track->spread_start = kml->begin;
          track->spread_end = kml->end;
        }
    }

  for (guint i = 0; i < kml->points->len; i++)
    {
      Position *p = &g_array_index (kml->points, Position, i);

      if (time != OVF_TIME_NONE)
        ovf_import_add_event (kml->import, kml->name, kml->description, time,
                              kml->when == OVF_TIME_NONE && kml->end > time ? kml->end : OVF_TIME_NONE,
                              p->lat, p->lon);
      else
        ovf_import_add_place (kml->import, kml->name, kml->description, p->lat, p->lon);
    }
}

static void
end_text (OvfXmlReader *reader,
          Kml          *kml,
          const char   *name)
{
  char **target;

  if (kml->placemark_depth == 0)
    target = g_str_equal (name, "name") ? &kml->import->title : &kml->import->description;
  else
    target = g_str_equal (name, "name") ? &kml->name : &kml->description;

  /* The first Document or Folder names the file. */
  if (kml->placemark_depth == 0 && *target != NULL)
    return;
  g_free (*target);
  *target = g_strstrip (g_strdup (ovf_xml_reader_text (reader)));
}

static void
kml_end (OvfXmlReader *reader,
         gpointer      state,
         const char   *name)
{
  Kml *kml = state;
  const char *text = ovf_xml_reader_text (reader);

  if (g_str_equal (name, "Placemark"))
    end_placemark (kml);
  else if (g_str_equal (name, "Point"))
    kml->in_point = FALSE;
  else if (g_str_equal (name, "LineString"))
    kml->in_line = FALSE;
  else if (g_str_equal (name, "Track") && kml->in_track)
    end_track (kml);
  else if (text == NULL)
    return;
  else if (g_str_equal (name, "name") || g_str_equal (name, "description"))
    end_text (reader, kml, name);
  else if (g_str_equal (name, "coordinates"))
    end_coordinates (reader, kml);
  else if (g_str_equal (name, "coord") && kml->in_track)
    end_coord (reader, kml);
  else if (g_str_equal (name, "when") || g_str_equal (name, "begin") || g_str_equal (name, "end"))
    end_when (reader, kml, name, text);
}

static void
kml_free (gpointer state)
{
  Kml *kml = state;

  g_free (kml->name);
  g_free (kml->description);
  g_array_unref (kml->points);
  g_ptr_array_unref (kml->lines);
  g_array_unref (kml->timed);
  g_array_unref (kml->track_starts);
  g_array_unref (kml->whens);
  g_array_unref (kml->coords);
  g_free (kml);
}

const OvfXmlHandler ovf_import_kml_handler = {
  kml_begin,
  kml_start,
  kml_end,
  kml_free,
};
