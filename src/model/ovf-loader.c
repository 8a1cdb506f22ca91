/* ovf-loader.c: reads and validates a whole dataset, its header and metadata
 *
 * Reads a dataset (parsed by ovf-json.c) and validates it completely,
 * collecting every problem with its field path; only when there are
 * problems is the text scanned again to give each path a line and column.
 * The typed readers are in ovf-loader-read.c, the items in
 * ovf-loader-items.c.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "ovf-loader-private.h"

#define FORMAT_NAME "overflight-dataset"

/* The members a dataset may have. */
static const char * const dataset_members[] = {
  "$schema", "format", "version", "title", "description", "license", "updated", "credits",
  "tracks", "events", "places", "areas", NULL
};

/* ovf_loader_read_track () and the other item readers. */
typedef gpointer (*ReadItem) (OvfLoader         *loader,
                              const OvfJsonNode *object,
                              GHashTable        *ids,
                              guint              index);

/* Reads each object of the array @key into @store. */
static void
read_items (OvfLoader         *loader,
            const OvfJsonNode *root,
            const char        *key,
            OvfLoaderNeed      need,
            GHashTable        *ids,
            ReadItem           read_item,
            GListStore        *store)
{
  const OvfJsonNode *array = NULL;

  if (!ovf_loader_read_member (loader, root, key, need, ovf_loader_array_node, &array) || array == NULL)
    return;

  ovf_loader_push_key (loader, key);
  for (guint i = 0; i < array->n_children; i++)
    {
      const OvfJsonNode *object;

      ovf_loader_push_index (loader, i);
      object = ovf_loader_element_object (loader, array, i);
      if (object != NULL)
        {
          g_autoptr(GObject) item = read_item (loader, object, ids, i);

          g_list_store_append (store, item);
        }
      ovf_loader_pop (loader);
    }
  ovf_loader_pop (loader);
}

/* FALSE when the file is not a dataset this build can read at all. */
static gboolean
read_header (OvfLoader         *loader,
             const OvfJsonNode *root,
             OvfDataset        *dataset)
{
  const char *format;
  const OvfJsonNode *version;

  if (ovf_loader_read_string (loader, root, "format", OVF_REQUIRED, &format) &&
      format != NULL && strcmp (format, FORMAT_NAME) != 0)
    {
      ovf_loader_report (loader, "format", _("unknown format “%s”; expected “%s”"), format, FORMAT_NAME);
      loader->unsupported = TRUE;
    }

  version = ovf_loader_get_member (loader, root, "version", OVF_REQUIRED);
  if (version != NULL)
    {
      double value = ovf_loader_is_number (version) ? version->value.number : NAN;

      if (isnan (value))
        ovf_loader_report_type (loader, "version", version, _("a whole number"));
      else if (value != floor (value))
        ovf_loader_report (loader, "version", _("version %g is not a whole number"), value);
      else if (value > OVF_DATASET_FORMAT_VERSION)
        {
          ovf_loader_report (loader, "version",
                             _("version %g is newer than this Overflight reads (%d); update Overflight"),
                             value, OVF_DATASET_FORMAT_VERSION);
          loader->unsupported = TRUE;
        }
      else if (value < 1)
        ovf_loader_report (loader, "version", _("version %g does not exist; the first is 1"), value);
      else
        dataset->format_version = (int) value;
    }

  return !loader->unsupported;
}

static void
read_metadata (OvfLoader         *loader,
               const OvfJsonNode *root,
               OvfDataset        *dataset)
{
  const char *title, *description, *license, *updated;
  const OvfJsonNode *credits = NULL;
  GStrvBuilder *builder = g_strv_builder_new ();

  ovf_loader_read_text (loader, root, "title", OVF_REQUIRED, &title);
  ovf_loader_read_text (loader, root, "description", OVF_REQUIRED, &description);
  ovf_loader_read_string (loader, root, "license", OVF_REQUIRED, &license);
  ovf_loader_read_date (loader, root, "updated", OVF_REQUIRED, &updated);

  if (ovf_loader_read_member (loader, root, "credits", OVF_REQUIRED, ovf_loader_array_node, &credits) &&
      credits != NULL)
    {
      if (credits->n_children == 0)
        ovf_loader_report (loader, "credits", _("give at least one credit line"));
      ovf_loader_push_key (loader, "credits");
      for (guint i = 0; i < credits->n_children; i++)
        {
          const char *credit;

          ovf_loader_push_index (loader, i);
          if (ovf_loader_string_node (loader, NULL, &credits->value.children[i], &credit))
            g_strv_builder_add (builder, credit);
          ovf_loader_pop (loader);
        }
      ovf_loader_pop (loader);
    }

  dataset->title = g_strdup (title);
  dataset->description = g_strdup (description);
  dataset->license = g_strdup (license);
  dataset->updated = g_strdup (updated);
  dataset->credits = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
}

static void
read_dataset (OvfLoader         *loader,
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
  read_items (loader, root, "tracks", OVF_REQUIRED, loader->track_ids,
              (ReadItem) ovf_loader_read_track, dataset->tracks);
  read_items (loader, root, "events", OVF_REQUIRED, event_ids, (ReadItem) ovf_loader_read_event, dataset->events);
  read_items (loader, root, "places", OVF_REQUIRED, place_ids, (ReadItem) ovf_loader_read_place, dataset->places);
  read_items (loader, root, "areas", OVF_REQUIRED, area_ids, (ReadItem) ovf_loader_read_area, dataset->areas);
  ovf_loader_check_unknown_members (loader, root, start, dataset_members);
}

static gboolean
fail (OvfLoader        *loader,
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
fail_syntax (OvfLoader      *loader,
             OvfDiagnostic  *diagnostic,
             GError        **error)
{
  loader->n_problems++;
  g_ptr_array_add (loader->diagnostics, diagnostic);
  return fail (loader, OVF_DATASET_ERROR_SYNTAX, error);
}

gboolean
ovf_loader_load (OvfDataset          *dataset,
                 const char          *data,
                 gsize                length,
                 const char * const  *languages,
                 GPtrArray           *diagnostics,
                 GError             **error)
{
  g_autoptr(OvfJson) json = NULL;
  g_autoptr(GHashTable) track_ids = g_hash_table_new (g_str_hash, g_str_equal);
  OvfLoader loader = {
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
    ovf_loader_report_type (&loader, NULL, root, _("an object"));
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
