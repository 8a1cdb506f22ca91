/* ovf-import-load.c: a track file read into a dataset: the reader its
 * content calls for, gzip unpacked on the way, and the dataset built from
 * what the reader found
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ovf-geo.h"
#include "ovf-import-private.h"

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
