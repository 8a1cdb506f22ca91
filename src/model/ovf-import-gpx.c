/* ovf-import-gpx.c: GPX 1.0 and 1.1
 *
 * Tracks (trk, their trkseg joined in order) become timed tracks, routes
 * (rte) untimed ones, waypoints (wpt) places. Elements are matched by
 * local name, whatever their prefix or namespace, and everything inside
 * <extensions> is skipped. GPX's schema says times are UTC, so a time
 * without a zone is read as UTC.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ovf-import-xml.h"

typedef enum
{
  POINT_NONE,
  POINT_WPT,
  POINT_TRKPT,
  POINT_RTEPT,
} PointType;

typedef struct
{
  OvfImport      *import;
  gboolean        in_metadata;
  guint           skip_depth;       /* > 0 inside <extensions> */
  OvfImportTrack *track;
  gboolean        in_route;

  PointType       point;
  const char     *point_path;
  gboolean        point_ok;
  double          lat;
  double          lon;
  double          ele;
  OvfTime         time;
  char           *name;
  char           *description;
  guint           line;
  guint           column;
  guint           time_line;
  guint           time_column;
} Gpx;

static gpointer
gpx_begin (OvfXmlReader   *reader,
           const char     *namespace_uri,
           const xmlChar **attributes,
           int             n_attributes)
{
  Gpx *gpx = g_new0 (Gpx, 1);
  g_autofree char *version = ovf_xml_attribute (attributes, n_attributes, "version");

  gpx->import = reader->import;
  reader->import->format = version != NULL && (g_str_equal (version, "1.0") || g_str_equal (version, "1.1"))
                           ? g_strdup_printf ("GPX %s", version) : g_strdup ("GPX");
  reader->import->creator = ovf_xml_attribute (attributes, n_attributes, "creator");

  return gpx;
}

/* Attributes are read in place: a million points, two each. */
static gboolean
read_coordinate (Gpx            *gpx,
                 const xmlChar **attributes,
                 int             n_attributes,
                 const char     *name,
                 double         *out)
{
  g_autofree char *path = NULL;
  const xmlChar **attribute = NULL;
  gsize length = 0;
  char buffer[64];

  for (int i = 0; i < n_attributes && attribute == NULL; i++)
    if (strcmp ((const char *) attributes[i * 5], name) == 0)
      attribute = attributes + i * 5;

  if (attribute != NULL)
    {
      length = attribute[4] - attribute[3];
      if (length < sizeof buffer)
        {
          memcpy (buffer, attribute[3], length);
          buffer[length] = '\0';
          if (ovf_import_parse_double (buffer, out))
            return TRUE;
        }
    }

  path = g_strdup_printf ("%s/@%s", gpx->point_path, name);
  if (attribute == NULL)
    ovf_import_problem (gpx->import, path, gpx->line, gpx->column, _("the attribute is missing"));
  else
    ovf_import_problem (gpx->import, path, gpx->line, gpx->column, _("“%.*s” is not a number in decimal degrees"),
                        (int) MIN (length, 40), (const char *) attribute[3]);
  return FALSE;
}

static void
start_point (OvfXmlReader   *reader,
             Gpx            *gpx,
             PointType       type,
             const char     *name,
             const xmlChar **attributes,
             int             n_attributes)
{
  gboolean ok;

  gpx->point = type;
  gpx->point_path = name;
  gpx->line = ovf_xml_reader_line (reader);
  gpx->column = ovf_xml_reader_column (reader);
  gpx->ele = NAN;
  gpx->time = OVF_TIME_NONE;
  g_clear_pointer (&gpx->name, g_free);
  g_clear_pointer (&gpx->description, g_free);
  ok = read_coordinate (gpx, attributes, n_attributes, "lat", &gpx->lat);
  ok &= read_coordinate (gpx, attributes, n_attributes, "lon", &gpx->lon);
  gpx->point_ok = ok;
}

static void
gpx_start (OvfXmlReader   *reader,
           gpointer        state,
           const char     *name,
           const xmlChar **attributes,
           int             n_attributes)
{
  Gpx *gpx = state;

  if (gpx->skip_depth > 0 || g_str_equal (name, "extensions"))
    {
      gpx->skip_depth++;
      return;
    }

  if (g_str_equal (name, "trkpt") && gpx->track != NULL && !gpx->in_route)
    start_point (reader, gpx, POINT_TRKPT, name, attributes, n_attributes);
  else if (g_str_equal (name, "rtept") && gpx->track != NULL && gpx->in_route)
    start_point (reader, gpx, POINT_RTEPT, name, attributes, n_attributes);
  else if (g_str_equal (name, "wpt") && reader->depth == 2)
    start_point (reader, gpx, POINT_WPT, name, attributes, n_attributes);
  else if ((g_str_equal (name, "trk") || g_str_equal (name, "rte")) && reader->depth == 2)
    {
      gpx->track = ovf_import_add_track (gpx->import, NULL);
      gpx->in_route = g_str_equal (name, "rte");
    }
  else if (g_str_equal (name, "trkseg") && gpx->track != NULL)
    ovf_import_start_segment (gpx->track);
  else if (g_str_equal (name, "metadata") && reader->depth == 2)
    gpx->in_metadata = TRUE;
  else if (g_str_equal (name, "name") || g_str_equal (name, "desc") ||
           g_str_equal (name, "time") || g_str_equal (name, "ele"))
    ovf_xml_reader_collect (reader);
}

static void
end_point (OvfXmlReader *reader,
           Gpx          *gpx)
{
  if (gpx->point_ok && gpx->point == POINT_WPT)
    {
      if (ovf_import_check_position (gpx->import, gpx->lat, gpx->lon, gpx->point_path, gpx->line, gpx->column))
        ovf_import_add_place (gpx->import, gpx->name, gpx->description, gpx->lat, gpx->lon);
    }
  else if (gpx->point_ok &&
           ovf_import_check_position (gpx->import, gpx->lat, gpx->lon, gpx->point_path, gpx->line, gpx->column))
    {
      /* A route is a plan: its optional times are not a flight's. Order
       * problems are reported at the time. */
      if (gpx->point == POINT_RTEPT || gpx->time == OVF_TIME_NONE)
        ovf_import_add_point (gpx->import, gpx->track, OVF_TIME_NONE, gpx->lat, gpx->lon, gpx->ele,
                              gpx->point_path, gpx->line, gpx->column);
      else
        ovf_import_add_point (gpx->import, gpx->track, gpx->time, gpx->lat, gpx->lon, gpx->ele,
                              "trkpt/time", gpx->time_line, gpx->time_column);
    }
  gpx->point = POINT_NONE;
}

/* A <name> or <desc>: the point's, the track's or the file's. */
static void
end_text (OvfXmlReader *reader,
          Gpx          *gpx,
          gboolean      is_name)
{
  g_autofree char *text = g_strstrip (g_strdup (ovf_xml_reader_text (reader)));
  char **target = NULL;

  if (gpx->point != POINT_NONE)
    target = is_name ? &gpx->name : &gpx->description;
  else if (gpx->track != NULL && reader->depth == 3)
    target = is_name ? &gpx->track->name : NULL;
  else if (reader->depth == 2 || (gpx->in_metadata && reader->depth == 3))
    target = is_name ? &gpx->import->title : &gpx->import->description;

  if (target != NULL)
    {
      g_free (*target);
      *target = g_steal_pointer (&text);
    }
}

static void
end_ele (OvfXmlReader *reader,
         Gpx          *gpx)
{
  const char *text = ovf_xml_reader_text (reader);
  const char *p = text;

  while (g_ascii_isspace (*p))
    p++;
  /* An empty <ele/> (OsmAnd writes them) means no elevation, not 0. */
  if (*p == '\0')
    return;
  if (!ovf_import_parse_double (text, &gpx->ele))
    {
      g_autofree char *path = g_strdup_printf ("%s/ele", gpx->point_path);

      ovf_import_problem (gpx->import, path, reader->text_line, reader->text_column,
                          _("“%s” is not an elevation in metres"), text);
      gpx->point_ok = FALSE;
    }
}

static void
gpx_end (OvfXmlReader *reader,
         gpointer      state,
         const char   *name)
{
  Gpx *gpx = state;
  const char *text = ovf_xml_reader_text (reader);

  if (gpx->skip_depth > 0)
    {
      gpx->skip_depth--;
      return;
    }

  if (gpx->point != POINT_NONE && g_str_equal (name, gpx->point_path))
    end_point (reader, gpx);
  else if (g_str_equal (name, "trk") || g_str_equal (name, "rte"))
    gpx->track = NULL;
  else if (g_str_equal (name, "metadata"))
    gpx->in_metadata = FALSE;
  else if (text == NULL)
    return;
  else if (g_str_equal (name, "name") || g_str_equal (name, "desc"))
    end_text (reader, gpx, g_str_equal (name, "name"));
  else if (g_str_equal (name, "ele") && gpx->point != POINT_NONE)
    end_ele (reader, gpx);
  else if (g_str_equal (name, "time") && gpx->point == POINT_TRKPT)
    {
      gpx->time_line = reader->text_line;
      gpx->time_column = reader->text_column;
      if (!ovf_import_parse_time (gpx->import, text, OVF_ZONE_DEFAULT_UTC, "trkpt/time",
                                  reader->text_line, reader->text_column, &gpx->time))
        gpx->point_ok = FALSE;
    }
}

static void
gpx_free (gpointer state)
{
  Gpx *gpx = state;

  g_free (gpx->name);
  g_free (gpx->description);
  g_free (gpx);
}

const OvfXmlHandler ovf_import_gpx_handler = {
  gpx_begin,
  gpx_start,
  gpx_end,
  gpx_free,
};
