/* ovf-import-trace.c: readsb and tar1090 trace files
 *
 * A trace (trace_full_<hex>.json, often gzip-compressed despite its name;
 * see readsb's README-json.md) is an object with a base "timestamp" in
 * Unix seconds and "trace" rows [seconds after it, lat, lon, altitude in
 * feet or "ground" or null, …]. It makes one track named after the
 * aircraft's call sign, registration or ICAO address. On the ground the
 * altitude is left out: the file gives none above sea level.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ovf-import-private.h"
#include "ovf-json.h"

#define METRES_PER_FOOT 0.3048

static const char *
string_member (const OvfJsonNode *object,
               const char        *key)
{
  const OvfJsonNode *node = object->type == OVF_JSON_OBJECT ? ovf_json_get_member (object, key) : NULL;

  return node != NULL && node->type == OVF_JSON_STRING ? node->value.string : NULL;
}

/* The call sign of the first row that has one, without its padding. */
static char *
find_flight (const OvfJsonNode *trace)
{
  for (guint i = 0; i < trace->n_children; i++)
    {
      const OvfJsonNode *row = &trace->value.children[i];
      const char *flight;

      if (row->type != OVF_JSON_ARRAY || row->n_children < 9)
        continue;
      flight = string_member (&row->value.children[8], "flight");
      if (flight != NULL && *flight != '\0')
        return g_strstrip (g_strdup (flight));
    }

  return NULL;
}

static void
read_row (OvfImport         *import,
          OvfImportTrack    *track,
          double             base,
          const OvfJsonNode *row,
          guint              index)
{
  g_autofree char *path = g_strdup_printf ("trace[%u]", index);
  const OvfJsonNode *values = row->value.children;
  double seconds, lat, lon, alt_m = NAN;

  if (row->type != OVF_JSON_ARRAY || row->n_children < 4 ||
      values[0].type != OVF_JSON_NUMBER || values[1].type != OVF_JSON_NUMBER || values[2].type != OVF_JSON_NUMBER)
    {
      ovf_import_problem (import, path, 0, 0,
                          _("a trace row starts [seconds, latitude, longitude, altitude, …] in numbers"));
      return;
    }

  seconds = base + values[0].value.number;
  lat = values[1].value.number;
  lon = values[2].value.number;
  if (values[3].type == OVF_JSON_NUMBER)
    alt_m = values[3].value.number * METRES_PER_FOOT;
  else if (!(values[3].type == OVF_JSON_NULL ||
             (values[3].type == OVF_JSON_STRING && g_str_equal (values[3].value.string, "ground"))))
    {
      g_autofree char *alt_path = g_strdup_printf ("%s[3]", path);

      ovf_import_problem (import, alt_path, 0, 0, _("the altitude must be a number of feet, \"ground\" or null"));
      return;
    }

  if (fabs (seconds) > 1e11)
    {
      g_autofree char *time_path = g_strdup_printf ("%s[0]", path);

      ovf_import_problem (import, time_path, 0, 0, _("the time is out of range"));
      return;
    }

  ovf_import_add_point (import, track, (OvfTime) llround (seconds * G_USEC_PER_SEC), lat, lon, alt_m, path, 0, 0);
}

static void
read_root (OvfImport         *import,
           const OvfJsonNode *root)
{
  const OvfJsonNode *timestamp = root->type == OVF_JSON_OBJECT ? ovf_json_get_member (root, "timestamp") : NULL;
  const OvfJsonNode *trace = root->type == OVF_JSON_OBJECT ? ovf_json_get_member (root, "trace") : NULL;
  const char *icao = string_member (root, "icao");
  const char *registration = string_member (root, "r");
  const char *type = string_member (root, "t");
  g_autofree char *flight = NULL;
  OvfImportTrack *track;

  if (timestamp == NULL || timestamp->type != OVF_JSON_NUMBER)
    {
      ovf_import_problem (import, "timestamp", 0, 0, _("a trace needs a base timestamp in Unix seconds"));
      return;
    }
  if (trace == NULL || trace->type != OVF_JSON_ARRAY)
    {
      ovf_import_problem (import, "trace", 0, 0, _("a trace needs an array of rows"));
      return;
    }

  flight = find_flight (trace);
  if (registration != NULL && type != NULL)
    import->title = g_strdup_printf ("%s (%s)", registration, type);
  else
    import->title = g_strdup (registration != NULL ? registration : icao);
  import->description = g_strdup (string_member (root, "desc"));

  track = ovf_import_add_track (import, flight != NULL ? flight : registration != NULL ? registration : icao);
  for (guint i = 0; i < trace->n_children; i++)
    read_row (import, track, timestamp->value.number, &trace->value.children[i], i);
}

void
ovf_import_read_trace (OvfImport  *import,
                       const char *data,
                       gsize       length)
{
  g_autoptr(OvfJson) json = ovf_json_parse (data, length);

  import->format = g_strdup (_("readsb trace"));
  if (json == NULL)
    {
      g_autoptr(OvfDiagnostic) diagnostic = ovf_json_diagnose (data, length);

      ovf_import_problem (import, NULL, diagnostic != NULL ? diagnostic->line : 0,
                          diagnostic != NULL ? diagnostic->column : 0, "%s",
                          diagnostic != NULL ? diagnostic->message : _("not valid JSON"));
      return;
    }

  read_root (import, ovf_json_get_root (json));
  if (ovf_import_failed (import))
    ovf_json_locate (data, length, import->diagnostics);
}
