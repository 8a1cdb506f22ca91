/* ovf-convert.c: `overflight --convert`: track files written as one Overflight dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ovf-convert.h"
#include "ovf-dataset-writer.h"
#include "ovf-import.h"

static gboolean
is_web_url (const char *text)
{
  const char *scheme = g_uri_peek_scheme (text);

  return scheme != NULL && (g_str_equal (scheme, "http") || g_str_equal (scheme, "https")) &&
         g_uri_is_valid (text, G_URI_FLAGS_NONE, NULL) && strpbrk (text, " \t\n") == NULL;
}

static void
print_problems (const char *filename,
                GPtrArray  *diagnostics,
                GError     *error)
{
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      g_autofree char *line = ovf_diagnostic_format (g_ptr_array_index (diagnostics, i), filename);

      g_printerr ("%s\n", line);
    }
  if (diagnostics == NULL || diagnostics->len == 0)
    g_printerr ("%s: %s\n", filename, error->message);
}

/* A dataset's points need times: an untimed path is refused here, as
 * nothing says when it was flown. */
static gboolean
check_times (const char *filename,
             OvfDataset *dataset)
{
  GListModel *tracks = ovf_dataset_get_tracks (dataset);
  gboolean ok = TRUE;

  for (guint i = 0; i < g_list_model_get_n_items (tracks); i++)
    {
      g_autoptr(OvfTrack) track = g_list_model_get_item (tracks, i);

      if (!ovf_track_has_times (track))
        {
          g_printerr (_("%s: the track “%s” has no times, and a dataset’s points need them; "
                        "open the file in Overflight to give it a start and an end\n"),
                      filename, ovf_track_get_name (track));
          ok = FALSE;
        }
    }

  return ok;
}

/* The newest modification date of the inputs, as YYYY-MM-DD in UTC. */
static char *
newest_date (const char * const *inputs)
{
  g_autoptr(GDateTime) newest = NULL;

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (inputs[i]);
      g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                     G_FILE_QUERY_INFO_NONE, NULL, NULL);
      g_autoptr(GDateTime) modified = info != NULL ? g_file_info_get_modification_date_time (info) : NULL;

      if (modified != NULL && (newest == NULL || g_date_time_compare (modified, newest) > 0))
        {
          g_clear_pointer (&newest, g_date_time_unref);
          newest = g_date_time_ref (modified);
        }
    }
  if (newest == NULL)
    newest = g_date_time_new_now_utc ();

  return g_date_time_format (newest, "%Y-%m-%d");
}

static void
describe (GPtrArray          *datasets,
          const char * const *inputs,
          char              **out_title,
          char              **out_description,
          GStrvBuilder       *credits)
{
  g_autoptr(GString) description = g_string_new (NULL);
  g_autoptr(GString) title = g_string_new (NULL);

  for (guint i = 0; i < datasets->len; i++)
    {
      OvfDataset *dataset = g_ptr_array_index (datasets, i);
      g_autofree char *name = g_path_get_basename (inputs[i]);

      if (i > 0)
        g_string_append (title, ", ");
      g_string_append (title, ovf_dataset_get_title (dataset));
      for (const char * const *credit = ovf_dataset_get_credits (dataset); *credit != NULL; credit++)
        g_strv_builder_add (credits, *credit);
      g_string_append_printf (description, i > 0 ? ", %s (%s)" : "%s (%s)",
                              name, ovf_dataset_get_import_format (dataset));
    }

  *out_title = g_string_free (g_steal_pointer (&title), FALSE);
  /* One file's own description says more than its name. */
  if (datasets->len == 1)
    *out_description = g_strdup (ovf_dataset_get_description (g_ptr_array_index (datasets, 0)));
  else
    /* Translators: %s lists the files, each with its format */
    *out_description = g_strdup_printf (_("Converted by Overflight from %s."), description->str);
}

int
ovf_convert_files (const char * const *inputs,
                   const char         *output,
                   const char         *source_url)
{
  g_autoptr(GPtrArray) datasets = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GStrvBuilder) credits_builder = g_strv_builder_new ();
  g_auto(GStrv) credits = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *updated = NULL;
  OvfDatasetHeader header = { NULL };
  gboolean ok = TRUE;
  guint n_points = 0;

  g_return_val_if_fail (inputs != NULL && output != NULL, 1);

  if (source_url != NULL && !is_web_url (source_url))
    {
      g_printerr (_("--source-url needs an http or https address, not “%s”\n"), source_url);
      return 1;
    }

  for (guint i = 0; inputs[i] != NULL; i++)
    {
      g_autoptr(GFile) input = g_file_new_for_commandline_arg (inputs[i]);
      g_autoptr(GPtrArray) diagnostics = NULL;
      g_autoptr(GError) load_error = NULL;
      g_autoptr(OvfDataset) dataset = ovf_import_load_file (input, NULL, NULL, &diagnostics, &load_error);

      if (dataset == NULL)
        {
          print_problems (inputs[i], diagnostics, load_error);
          ok = FALSE;
          continue;
        }
      if (ovf_dataset_get_import_format (dataset) == NULL)
        {
          g_printerr (_("%s: this is already an Overflight dataset\n"), inputs[i]);
          ok = FALSE;
          continue;
        }
      ok &= check_times (inputs[i], dataset);
      g_ptr_array_add (datasets, g_steal_pointer (&dataset));
    }
  if (!ok)
    return 1;

  describe (datasets, inputs, &title, &description, credits_builder);
  credits = g_strv_builder_end (credits_builder);
  updated = newest_date (inputs);
  header.title = title;
  header.description = description;
  header.license = "NOASSERTION";
  header.updated = updated;
  header.credits = (const char * const *) credits;
  header.source_url = source_url;

  file = g_file_new_for_commandline_arg (output);
  if (!ovf_dataset_write (datasets, &header, file, NULL, &error))
    {
      g_printerr ("%s: %s\n", output, error->message);
      return 1;
    }

  for (guint i = 0; i < datasets->len; i++)
    {
      GListModel *tracks = ovf_dataset_get_tracks (g_ptr_array_index (datasets, i));

      for (guint j = 0; j < g_list_model_get_n_items (tracks); j++)
        {
          g_autoptr(OvfTrack) track = g_list_model_get_item (tracks, j);

          n_points += ovf_track_get_n_points (track);
        }
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%s: written (%u point)\n", "%s: written (%u points)\n", n_points),
           output, n_points);

  return 0;
}
