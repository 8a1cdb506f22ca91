/* ovf-dataset-writer.c: datasets as the JSON data/datasets/README.md
 * describes, one point per line
 *
 * Written by hand rather than through JsonBuilder: a million points would
 * otherwise become a million node trees before the first byte is written.
 * Numbers are written in the fewest digits that read back to the same
 * double, and times keep their microseconds, so a dataset written and
 * loaded again has the very same points.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ovf-dataset-writer.h"
#include "ovf-geo.h"

/* Written out whenever this much has gathered. */
#define FLUSH_SIZE (1024 * 1024)

typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GString       *buffer;
  GError        *error;
} Writer;

static void
flush (Writer  *writer,
       gboolean force)
{
  if (writer->error != NULL || (!force && writer->buffer->len < FLUSH_SIZE))
    return;
  g_output_stream_write_all (writer->stream, writer->buffer->str, writer->buffer->len, NULL,
                             writer->cancellable, &writer->error);
  g_string_truncate (writer->buffer, 0);
}

static void
write_string (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      guchar c = *p;

      if (c == '"' || c == '\\')
        g_string_append_c (out, '\\'), g_string_append_c (out, c);
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  g_string_append_c (out, '"');
}

static void
write_member (GString    *out,
              const char *key,
              const char *text)
{
  g_string_append_printf (out, "\"%s\": ", key);
  write_string (out, text);
}

static void
write_number (GString *out,
              double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);
  g_string_append (out, buffer);
}

char *
ovf_dataset_format_time (OvfTime time)
{
  gint64 seconds = time / G_USEC_PER_SEC;
  gint64 usec = time % G_USEC_PER_SEC;
  gint64 days, secs_of_day, z, era, doe, yoe, doy, mp, year, month, day;
  GString *out = g_string_new (NULL);

  if (usec < 0)
    seconds -= 1, usec += G_USEC_PER_SEC;
  days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  secs_of_day = seconds - days * 86400;

  /* Howard Hinnant's civil_from_days. */
  z = days + 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year = yoe + era * 400 + (month <= 2);

  g_string_printf (out, "%04" G_GINT64_FORMAT "-%02" G_GINT64_FORMAT "-%02" G_GINT64_FORMAT
                   "T%02d:%02d:%02d", year, month, day,
                   (int) (secs_of_day / 3600), (int) (secs_of_day / 60 % 60), (int) (secs_of_day % 60));
  if (usec != 0)
    {
      g_string_append_printf (out, ".%06d", (int) usec);
      while (out->str[out->len - 1] == '0')
        g_string_truncate (out, out->len - 1);
    }
  g_string_append_c (out, 'Z');

  return g_string_free (out, FALSE);
}

static char *
unique_id (GHashTable *used,
           const char *id)
{
  char *unique = g_strdup (id);

  for (guint n = 2; g_hash_table_contains (used, unique); n++)
    {
      g_free (unique);
      unique = g_strdup_printf ("%s-%u", id, n);
    }
  g_hash_table_add (used, unique);

  return g_strdup (unique);
}

static void
write_point (Writer                 *writer,
             const OvfTrackPoint    *point,
             const OvfDatasetHeader *header)
{
  GString *out = writer->buffer;
  g_autofree char *time = ovf_dataset_format_time (point->time);
  gboolean reported = point->kind == OVF_POINT_REPORTED && header->source_url != NULL;

  g_string_append (out, "        {\"time\": \"");
  g_string_append (out, time);
  g_string_append (out, "\", \"lat\": ");
  write_number (out, point->lat);
  g_string_append (out, ", \"lon\": ");
  /* Normalizing costs digits (3.68217 → 3.6821700000000135): only
   * unwrapped longitudes need it. */
  write_number (out, point->lon >= -180 && point->lon < 180 ? point->lon : ovf_geo_normalize_lon (point->lon));
  if (!isnan (point->alt_m))
    {
      g_string_append (out, ", \"alt_m\": ");
      write_number (out, point->alt_m);
    }
  g_string_append (out, reported ? ", \"kind\": \"reported\"" : ", \"kind\": \"estimated\"");
  if (header->source_url != NULL)
    {
      g_string_append (out, ", ");
      write_member (out, "source", header->source_url);
    }
  g_string_append_c (out, '}');
}

static void
write_track (Writer                 *writer,
             OvfTrack               *track,
             const char             *id,
             const OvfDatasetHeader *header)
{
  guint n_points;
  const OvfTrackPoint *points = ovf_track_get_points (track, &n_points);

  g_string_append (writer->buffer, "    {\n      ");
  write_member (writer->buffer, "id", id);
  g_string_append (writer->buffer, ",\n      ");
  write_member (writer->buffer, "name", ovf_track_get_name (track));
  g_string_append (writer->buffer, ",\n      \"points\": [\n");
  for (guint i = 0; i < n_points; i++)
    {
      write_point (writer, &points[i], header);
      g_string_append (writer->buffer, i + 1 < n_points ? ",\n" : "\n");
      flush (writer, FALSE);
    }
  g_string_append (writer->buffer, "      ]\n    }");
}

static void
write_place (GString    *out,
             const char *id,
             const char *name,
             double      lat,
             double      lon,
             const char *description)
{
  g_string_append (out, "    {");
  write_member (out, "id", id);
  g_string_append (out, ", ");
  write_member (out, "name", name);
  g_string_append (out, ", \"lat\": ");
  write_number (out, lat);
  g_string_append (out, ", \"lon\": ");
  write_number (out, lon);
  g_string_append (out, ", \"category\": \"other\", ");
  write_member (out, "description", description);
  g_string_append_c (out, '}');
}

static const char *
non_empty (const char *text,
           const char *fallback)
{
  return text != NULL && *text != '\0' ? text : fallback;
}

static void
write_event (GString                *out,
             OvfEvent               *event,
             const char             *id,
             const OvfDatasetHeader *header)
{
  g_autofree char *time = ovf_dataset_format_time (ovf_event_get_time (event));

  g_string_append (out, "    {");
  write_member (out, "id", id);
  g_string_append (out, ", ");
  write_member (out, "time", time);
  if (ovf_event_get_end_time (event) != OVF_TIME_NONE)
    {
      g_autofree char *end = ovf_dataset_format_time (ovf_event_get_end_time (event));

      g_string_append (out, ", ");
      write_member (out, "end_time", end);
    }
  g_string_append (out, ",\n     ");
  write_member (out, "title", ovf_event_get_title (event));
  g_string_append (out, ", ");
  write_member (out, "description", non_empty (ovf_event_get_description (event), header->credits[0]));
  g_string_append (out, ",\n     \"category\": \"other\", \"confidence\": \"reported\", \"location\": {\"lat\": ");
  write_number (out, ovf_event_get_latitude (event));
  g_string_append (out, ", \"lon\": ");
  write_number (out, ovf_event_get_longitude (event));
  g_string_append (out, "},\n     \"sources\": [{");
  write_member (out, "publisher", header->credits[0]);
  g_string_append (out, ", ");
  write_member (out, "title", header->title);
  g_string_append (out, ", ");
  write_member (out, "url", header->source_url);
  g_string_append (out, "}]}");
}

/* Writes the items of one kind from all datasets, comma-separated. */
static void
write_items (Writer                 *writer,
             GPtrArray              *datasets,
             const char             *key,
             const OvfDatasetHeader *header)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gboolean first = TRUE;
  gboolean places = g_str_equal (key, "places");

  g_string_append_printf (writer->buffer, ",\n  \"%s\": [", key);
  for (guint d = 0; d < datasets->len; d++)
    {
      OvfDataset *dataset = g_ptr_array_index (datasets, d);
      GListModel *tracks = ovf_dataset_get_tracks (dataset);
      GListModel *events = ovf_dataset_get_events (dataset);
      GListModel *items = g_str_equal (key, "tracks") ? tracks : places ? ovf_dataset_get_places (dataset) : events;

      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (items, i);

          g_string_append (writer->buffer, first ? "\n" : ",\n");
          first = FALSE;
          if (OVF_IS_TRACK (item))
            {
              g_autofree char *id = unique_id (ids, ovf_track_get_id (OVF_TRACK (item)));

              write_track (writer, OVF_TRACK (item), id, header);
            }
          else if (OVF_IS_EVENT (item))
            {
              g_autofree char *id = unique_id (ids, ovf_event_get_id (OVF_EVENT (item)));

              write_event (writer->buffer, OVF_EVENT (item), id, header);
            }
          else
            {
              OvfPlace *place = OVF_PLACE (item);
              g_autofree char *id = unique_id (ids, ovf_place_get_id (place));

              write_place (writer->buffer, id, ovf_place_get_name (place), ovf_place_get_latitude (place),
                           ovf_place_get_longitude (place),
                           non_empty (ovf_place_get_description (place), header->credits[0]));
            }
        }

      /* Without a source to cite, events stay on the map as places. */
      for (guint i = 0; places && header->source_url == NULL && i < g_list_model_get_n_items (events); i++)
        {
          g_autoptr(OvfEvent) event = g_list_model_get_item (events, i);
          g_autofree char *id = unique_id (ids, ovf_event_get_id (event));
          g_autofree char *time = ovf_dataset_format_time (ovf_event_get_time (event));
          const char *text = ovf_event_get_description (event);
          /* Translators: a place's description: the time, then the event's description */
          g_autofree char *description = g_strdup_printf (_("At %s. %s"), time, text != NULL ? text : "");

          g_string_append (writer->buffer, first ? "\n" : ",\n");
          first = FALSE;
          write_place (writer->buffer, id, ovf_event_get_title (event), ovf_event_get_latitude (event),
                       ovf_event_get_longitude (event), g_strstrip (description));
        }
    }
  g_string_append (writer->buffer, first ? "]" : "\n  ]");
}

static void
write_header (GString                *out,
              const OvfDatasetHeader *header)
{
  g_string_append (out, "{\n  \"format\": \"overflight-dataset\",\n  \"version\": 1,\n  ");
  write_member (out, "title", header->title);
  g_string_append (out, ",\n  ");
  write_member (out, "description", header->description);
  g_string_append (out, ",\n  ");
  write_member (out, "license", header->license);
  g_string_append (out, ",\n  ");
  write_member (out, "updated", header->updated);
  g_string_append (out, ",\n  \"credits\": [");
  for (guint i = 0; header->credits[i] != NULL; i++)
    {
      g_string_append (out, i > 0 ? ",\n    " : "\n    ");
      write_string (out, header->credits[i]);
    }
  g_string_append (out, "\n  ]");
}

gboolean
ovf_dataset_write (GPtrArray              *datasets,
                   const OvfDatasetHeader *header,
                   GFile                  *file,
                   GCancellable           *cancellable,
                   GError                **error)
{
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abandon = NULL;
  Writer writer = { NULL };
  gboolean existed;

  g_return_val_if_fail (datasets != NULL, FALSE);
  g_return_val_if_fail (header != NULL && header->credits != NULL && header->credits[0] != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* Replacing an existing file writes a temporary one and renames it over
   * the target only when closed successfully; a new file is written in
   * place, so a failure deletes it. */
  existed = g_file_query_exists (file, cancellable);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (stream == NULL)
    return FALSE;

  writer.stream = G_OUTPUT_STREAM (stream);
  writer.cancellable = cancellable;
  writer.buffer = g_string_sized_new (FLUSH_SIZE + 4096);

  write_header (writer.buffer, header);
  write_items (&writer, datasets, "tracks", header);
  if (header->source_url != NULL)
    write_items (&writer, datasets, "events", header);
  else
    g_string_append (writer.buffer, ",\n  \"events\": []");
  write_items (&writer, datasets, "places", header);
  g_string_append (writer.buffer, ",\n  \"areas\": []\n}\n");
  flush (&writer, TRUE);
  g_string_free (writer.buffer, TRUE);

  if (writer.error != NULL)
    {
      /* Closing with a cancelled cancellable drops the temporary file. */
      abandon = g_cancellable_new ();
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      if (!existed)
        g_file_delete (file, NULL, NULL);
      g_propagate_error (error, writer.error);
      return FALSE;
    }

  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
    {
      if (!existed)
        g_file_delete (file, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}
