/* ovf-export-command.c: `overflight --export` and `--export-events`, run without a display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>

#include "ovf-export-command.h"
#include "ovf-exporter.h"
#include "ovf-geo.h"
#include "ovf-bundled.h"
#include "ovf-view-options.h"

/* The zoom of each --export-events image unless --zoom says otherwise:
 * a region of a few hundred kilometres. */
#define EVENT_ZOOM 6.0

gboolean
ovf_export_parse_size (const char  *text,
                       int         *out_width,
                       int         *out_height,
                       GError     **error)
{
  guint64 width, height;
  char *end;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!g_ascii_isdigit (text[0]))
    goto syntax;
  width = g_ascii_strtoull (text, &end, 10);
  if (*end != 'x' && *end != 'X')
    goto syntax;
  if (!g_ascii_isdigit (end[1]))
    goto syntax;
  height = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != '\0')
    goto syntax;

  if (width < 1 || height < 1 || width > OVF_EXPORT_MAX_SIZE || height > OVF_EXPORT_MAX_SIZE)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--size: “%s” is out of range: each side must be 1 to %d pixels"),
                   text, OVF_EXPORT_MAX_SIZE);
      return FALSE;
    }

  *out_width = (int) width;
  *out_height = (int) height;
  return TRUE;

syntax:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--size: expected WIDTHxHEIGHT in pixels, such as 1920x1080, not “%s”"), text);
  return FALSE;
}

gboolean
ovf_export_command_wanted (GVariantDict *options)
{
  return g_variant_dict_contains (options, "export") ||
         g_variant_dict_contains (options, "export-events");
}

OvfDataset *
ovf_export_load_dataset (const char * const *files)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  OvfDataset *dataset;

  if (files != NULL && files[0] != NULL)
    {
      if (files[1] != NULL)
        g_printerr (_("Only the first dataset is exported; ignoring “%s” and any after it\n"), files[1]);
      file = g_file_new_for_commandline_arg (files[0]);
    }
  else
    {
      file = ovf_bundled_dataset_file ();
    }

  dataset = ovf_dataset_load_from_file (file, NULL, NULL, &diagnostics, &error);
  if (dataset != NULL)
    return dataset;

  name = g_file_peek_path (file) != NULL ? g_strdup (g_file_peek_path (file)) : g_file_get_uri (file);
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      g_autofree char *line = ovf_diagnostic_format (g_ptr_array_index (diagnostics, i), name);

      g_printerr ("%s\n", line);
    }
  g_printerr ("%s: %s\n", name, error->message);
  return NULL;
}

/* Fills @export from the command line; the output path is set by the caller. */
static gboolean
apply_options (GVariantDict     *options,
               OvfDataset       *dataset,
               OvfExportOptions *export,
               gboolean         *out_has_zoom,
               GError          **error)
{
  OvfViewOptions view;
  const char *text;
  double scale;
  int number;

  ovf_export_options_init (export, dataset);

  if (!ovf_view_options_parse (options, &view, error))
    return FALSE;
  if (g_variant_dict_lookup (options, "size", "&s", &text) &&
      !ovf_export_parse_size (text, &export->width, &export->height, error))
    return FALSE;
  if (g_variant_dict_lookup (options, "width", "i", &number))
    export->width = number;
  if (g_variant_dict_lookup (options, "height", "i", &number))
    export->height = number;
  if (g_variant_dict_lookup (options, "scale", "d", &scale))
    {
      if (!(scale >= 1.0 && scale <= 4.0))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--scale: %g is out of range: it must be 1 to 4"), scale);
          return FALSE;
        }
      export->scale = scale;
    }

  if (view.has_time)
    export->time = view.time;

  if (g_variant_dict_lookup (options, "source", "&s", &text) &&
      g_strcmp0 (text, "builtin") != 0 && g_strcmp0 (text, "osm") != 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--source: expected “builtin” or “osm”, not “%s”"), text);
      return FALSE;
    }

  export->dark = g_variant_dict_contains (options, "dark");
  export->caption = !g_variant_dict_contains (options, "no-caption");
  export->legend = !g_variant_dict_contains (options, "no-legend");
  export->places = !g_variant_dict_contains (options, "no-places");
  export->scale_bar = !g_variant_dict_contains (options, "no-scale-bar");

  /* The size may have changed since init fitted the view. */
  if (export->width < 1 || export->height < 1 ||
      export->width > OVF_EXPORT_MAX_SIZE || export->height > OVF_EXPORT_MAX_SIZE)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The image size %d×%d is out of range: each side must be 1 to %d pixels"),
                   export->width, export->height, OVF_EXPORT_MAX_SIZE);
      return FALSE;
    }
  ovf_export_options_fit_to (export, dataset, &view.fit);

  if (view.has_center)
    ovf_geo_to_mercator (view.latitude, view.longitude, &export->view.center_x, &export->view.center_y);
  if (view.has_zoom)
    export->view.zoom = view.zoom;
  *out_has_zoom = view.has_zoom;

  return TRUE;
}

static gboolean
export_one (OvfDataset             *dataset,
            const OvfExportOptions *export,
            gboolean                sidecar,
            GError                **error)
{
  if (!ovf_exporter_render (dataset, export, error))
    return FALSE;
  return !sidecar || ovf_exporter_write_sidecar (dataset, export, error);
}

/* "20230204T193900Z-shoot-down.png": sorts by time, and stays a safe
 * file name whatever the id holds. */
static char *
event_file_name (OvfEvent        *event,
                 OvfExportFormat  format)
{
  g_autoptr(GDateTime) dt = ovf_time_to_date_time (ovf_event_get_time (event), NULL);
  g_autofree char *stamp = dt != NULL ? g_date_time_format (dt, "%Y%m%dT%H%M%SZ") : g_strdup ("unknown");
  g_autofree char *id = g_strdup (ovf_event_get_id (event));

  g_strcanon (id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", '_');
  return g_strdup_printf ("%s-%s.%s", stamp, id, ovf_export_format_get_extension (format));
}

static void
center_on_event (OvfExportOptions *export,
                 OvfDataset       *dataset,
                 OvfEvent         *event)
{
  OvfTrack *track = ovf_dataset_get_main_track (dataset);

  if (ovf_event_has_location (event))
    {
      ovf_geo_to_mercator (ovf_event_get_latitude (event), ovf_event_get_longitude (event),
                           &export->view.center_x, &export->view.center_y);
    }
  else if (track != NULL && ovf_track_get_n_points (track) > 0 && ovf_track_has_times (track))
    {
      OvfTrackFix fix;

      ovf_track_locate (track, ovf_event_get_time (event), &fix);
      ovf_geo_to_mercator (fix.lat, fix.lon, &export->view.center_x, &export->view.center_y);
    }
}

static gboolean
export_events (OvfDataset       *dataset,
               OvfExportOptions *export,
               const char       *dir,
               OvfExportFormat   format,
               gboolean          sidecar,
               gboolean          has_zoom,
               GError          **error)
{
  GListModel *events = ovf_dataset_get_events (dataset);
  guint n = g_list_model_get_n_items (events);
  g_autoptr(JsonBuilder) index = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *index_path = g_build_filename (dir, "index.json", NULL);
  g_autofree char *index_text = NULL;

  if (g_mkdir_with_parents (dir, 0777) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  json_builder_begin_object (index);
  json_builder_set_member_name (index, "dataset");
  json_builder_add_string_value (index, ovf_dataset_get_title (dataset));
  json_builder_set_member_name (index, "sha256");
  json_builder_add_string_value (index, ovf_dataset_get_checksum (dataset));
  json_builder_set_member_name (index, "generator");
  json_builder_add_string_value (index, "Overflight " PACKAGE_VERSION);
  json_builder_set_member_name (index, "images");
  json_builder_begin_array (index);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OvfEvent) event = g_list_model_get_item (events, i);
      g_autofree char *name = event_file_name (event, format);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *time_text = ovf_time_format_iso8601 (ovf_event_get_time (event));

      export->output_path = path;
      export->format = format;
      export->time = ovf_event_get_time (event);
      export->selected_event = event;
      center_on_event (export, dataset, event);
      if (!has_zoom)
        export->view.zoom = EVENT_ZOOM;

      if (!export_one (dataset, export, sidecar, error))
        return FALSE;

      json_builder_begin_object (index);
      json_builder_set_member_name (index, "file");
      json_builder_add_string_value (index, name);
      json_builder_set_member_name (index, "event");
      json_builder_add_string_value (index, ovf_event_get_id (event));
      json_builder_set_member_name (index, "title");
      json_builder_add_string_value (index, ovf_event_get_title (event));
      json_builder_set_member_name (index, "time");
      json_builder_add_string_value (index, time_text);
      json_builder_end_object (index);
    }
  export->output_path = NULL;
  export->selected_event = NULL;

  json_builder_end_array (index);
  json_builder_end_object (index);
  root = json_builder_get_root (index);
  index_text = json_to_string (root, TRUE);
  return ovf_export_write_file_atomically (index_path, index_text, strlen (index_text), error);
}

static gboolean
parse_event_format (GVariantDict     *options,
                    OvfExportFormat  *out_format,
                    GError          **error)
{
  const char *text;
  g_autofree char *probe = NULL;

  *out_format = OVF_EXPORT_FORMAT_PNG;
  if (!g_variant_dict_lookup (options, "format", "&s", &text))
    return TRUE;

  probe = g_strconcat (".", text, NULL);
  *out_format = ovf_export_format_from_path (probe);
  if (*out_format == OVF_EXPORT_FORMAT_AUTO)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--format: expected png, svg or pdf, not “%s”"), text);
      return FALSE;
    }
  return TRUE;
}

int
ovf_export_command_run (GVariantDict       *options,
                        const char * const *files)
{
  g_autoptr(OvfDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ShumateMapSource) osm = NULL;
  OvfExportOptions export;
  OvfExportFormat event_format;
  const char *source = NULL;
  const char *output = NULL;
  const char *events_dir = NULL;
  gboolean sidecar, has_zoom;

  g_return_val_if_fail (options != NULL, 1);

  g_variant_dict_lookup (options, "export", "^&ay", &output);
  g_variant_dict_lookup (options, "export-events", "^&ay", &events_dir);
  sidecar = g_variant_dict_contains (options, "sidecar");

  if (!parse_event_format (options, &event_format, &error))
    goto failed;
  if (output != NULL && ovf_export_format_from_path (output) == OVF_EXPORT_FORMAT_AUTO)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--export: cannot tell the format of “%s”: use a name ending in .png, .svg or .pdf"),
                   output);
      goto failed;
    }

  dataset = ovf_export_load_dataset (files);
  if (dataset == NULL)
    return 1;

  if (!apply_options (options, dataset, &export, &has_zoom, &error))
    goto failed;
  /* OpenStreetMap's tiles come through the same cache and User-Agent as
   * the window's, and the export fails rather than draw a tile missing. */
  if (g_variant_dict_lookup (options, "source", "&s", &source) && g_strcmp0 (source, "osm") == 0)
    {
      osm = ovf_osm_source_new ();
      export.osm = OVF_OSM_SOURCE (osm);
    }

  if (output != NULL)
    {
      export.output_path = output;
      if (!export_one (dataset, &export, sidecar, &error))
        goto failed;
    }

  if (events_dir != NULL &&
      !export_events (dataset, &export, events_dir, event_format, sidecar, has_zoom, &error))
    goto failed;

  return 0;

failed:
  g_printerr ("overflight: %s\n", error->message);
  return 1;
}
