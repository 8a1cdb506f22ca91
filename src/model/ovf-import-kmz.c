/* ovf-import-kmz.c: KMZ, a zip archive around a KML file
 *
 * The KML read is doc.kml or else the first .kml file at the archive's
 * top level. libarchive unpacks it with a cap on its size, so a zip bomb
 * is refused after a few megabytes rather than filling the memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n.h>

#include "ovf-import-private.h"

typedef struct archive Archive;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Archive, archive_read_free)

static gboolean
is_kml (const char *path,
        gboolean    doc_only)
{
  if (path == NULL || strchr (path, '/') != NULL)
    return FALSE;
  if (doc_only)
    return g_ascii_strcasecmp (path, "doc.kml") == 0;

  return g_str_has_suffix (path, ".kml") || g_str_has_suffix (path, ".KML");
}

/* Unpacks the entry the archive is at; NULL after reporting why not. */
static GByteArray *
unpack (OvfImport      *import,
        struct archive *archive,
        const char     *path,
        gsize           limit)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint8 buffer[65536];

  for (;;)
    {
      la_ssize_t n = archive_read_data (archive, buffer, sizeof buffer);

      if (n < 0)
        {
          ovf_import_problem (import, path, 0, 0, _("the KMZ archive is damaged: %s"),
                              archive_error_string (archive));
          return NULL;
        }
      if (n == 0)
        return g_steal_pointer (&out);
      if (out->len + (gsize) n > limit)
        {
          ovf_import_problem (import, path, 0, 0,
                              _("the file unpacks to more than %u MiB, "
                                "over %u times the archive’s size: refused as a possible zip bomb"),
                              (guint) (limit / (1024 * 1024)), OVF_IMPORT_MAX_RATIO);
          return NULL;
        }
      g_byte_array_append (out, buffer, n);
    }
}

/* Finds the KML in one pass: doc.kml wins, else the first .kml. */
static GByteArray *
find_kml (OvfImport  *import,
          const char *data,
          gsize       length,
          gboolean    doc_only,
          char      **out_path)
{
  g_autoptr(Archive) archive = archive_read_new ();
  gsize limit = MIN (MAX (length * OVF_IMPORT_MAX_RATIO, OVF_IMPORT_MIN_UNPACKED), OVF_IMPORT_MAX_UNPACKED);
  struct archive_entry *entry;
  int status;

  archive_read_support_format_zip (archive);
  if (archive_read_open_memory (archive, data, length) != ARCHIVE_OK)
    {
      ovf_import_problem (import, NULL, 0, 0, _("not a readable KMZ (zip) archive: %s"),
                          archive_error_string (archive));
      return NULL;
    }

  while ((status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *path = archive_entry_pathname (entry);

      if (archive_entry_filetype (entry) == AE_IFREG && is_kml (path, doc_only))
        {
          *out_path = g_strdup (path);
          return unpack (import, archive, path, limit);
        }
    }

  if (status != ARCHIVE_EOF)
    ovf_import_problem (import, NULL, 0, 0, _("the KMZ archive is damaged: %s"),
                        archive_error_string (archive));
  return NULL;
}

void
ovf_import_read_kmz (OvfImport  *import,
                     const char *data,
                     gsize       length)
{
  g_autoptr(GByteArray) kml = NULL;
  g_autofree char *path = NULL;

  kml = find_kml (import, data, length, TRUE, &path);
  if (kml == NULL && !ovf_import_failed (import))
    kml = find_kml (import, data, length, FALSE, &path);
  if (ovf_import_failed (import))
    return;
  if (kml == NULL)
    {
      ovf_import_problem (import, NULL, 0, 0, _("the KMZ archive holds no .kml file at its top level"));
      return;
    }

  import->member = path;
  if (ovf_import_detect ((const char *) kml->data, kml->len) == OVF_IMPORT_XML)
    ovf_import_read_xml (import, (const char *) kml->data, kml->len);
  else
    ovf_import_problem (import, NULL, 1, 1, _("not an XML file"));
  import->member = NULL;

  if (import->format != NULL && g_str_has_prefix (import->format, "KML"))
    {
      g_autofree char *format = import->format;

      import->format = g_strdup_printf ("KMZ (%s)", format);
    }
  else if (!ovf_import_failed (import))
    {
      ovf_import_problem (import, path, 0, 0, _("the archive’s .kml file is not KML"));
    }
}
