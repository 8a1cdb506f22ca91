/* ovf-loader-report.c: where the loader is in the file, and the problems it reports there
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ovf-loader-private.h"

static void
append_segment (GString    *path,
                const char *key,
                guint       index)
{
  if (key == NULL)
    {
      g_string_append_printf (path, "[%u]", index);
      return;
    }

  if (path->len > 0)
    g_string_append_c (path, '.');
  g_string_append (path, key);
}

/* Built only when a problem is reported, so valid files pay nothing. */
static char *
path_to_string (OvfLoader  *loader,
                const char *key)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < loader->depth; i++)
    append_segment (path, loader->path[i].key, loader->path[i].index);
  if (key != NULL)
    append_segment (path, key, 0);

  return g_string_free (path, FALSE);
}

/* Reports a problem at the current path, extended by @key if given. */
G_GNUC_PRINTF (3, 4)
void
ovf_loader_report (OvfLoader  *loader,
                   const char *key,
                   const char *format,
                   ...)
{
  g_autofree char *message = NULL;
  g_autofree char *path = NULL;
  va_list args;

  loader->n_problems++;
  if (loader->diagnostics->len > OVF_DATASET_MAX_DIAGNOSTICS)
    return;
  if (loader->diagnostics->len == OVF_DATASET_MAX_DIAGNOSTICS)
    {
      g_ptr_array_add (loader->diagnostics,
                       ovf_diagnostic_new (NULL, 0, 0, _("further problems are not listed")));
      return;
    }

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  path = path_to_string (loader, key);
  g_ptr_array_add (loader->diagnostics, ovf_diagnostic_new (path, 0, 0, message));
}

const char *
ovf_loader_describe_type (OvfJsonType type)
{
  switch (type)
    {
    case OVF_JSON_OBJECT:
      return _("an object");
    case OVF_JSON_ARRAY:
      return _("an array");
    case OVF_JSON_NULL:
      return _("null");
    case OVF_JSON_STRING:
      return _("a string");
    case OVF_JSON_BOOLEAN:
      return _("true or false");
    case OVF_JSON_NUMBER:
    default:
      return _("a number");
    }
}

/* @expected names the wanted type, e.g. _("a string"). */
gboolean
ovf_loader_report_type (OvfLoader         *loader,
                        const char        *key,
                        const OvfJsonNode *node,
                        const char        *expected)
{
  /* Translators: both are kinds of JSON value, e.g. "expected a string, found a number" */
  ovf_loader_report (loader, key, _("expected %s, found %s"), expected, ovf_loader_describe_type (node->type));
  return FALSE;
}

/* Looks a member up; a missing required one is reported. */
const OvfJsonNode *
ovf_loader_get_member (OvfLoader         *loader,
                       const OvfJsonNode *object,
                       const char        *key,
                       OvfLoaderNeed      need)
{
  const OvfJsonNode *node = ovf_json_find_member (object, key, &loader->hint);

  if (node != NULL)
    loader->n_found++;
  else if (need == OVF_REQUIRED)
    ovf_loader_report (loader, key, _("this required field is missing"));

  return node;
}

/* Each reader of an object notes n_found at its start and calls this at
 * its end with the member names it knows: when it found as many as the
 * object has, there is nothing unknown, and no name is compared. Nested
 * readers reset the count, so each object counts only its own. */
void
ovf_loader_check_unknown_members (OvfLoader          *loader,
                                  const OvfJsonNode  *object,
                                  guint               start,
                                  const char * const *known)
{
  if (loader->n_found - start != object->n_children)
    {
      g_autofree char *list = g_strjoinv (", ", (char **) known);

      for (guint i = 0; i < object->n_children; i++)
        {
          const char *key = object->value.children[i].key;

          if (!g_strv_contains (known, key))
            /* Translators: %s lists the field names, which stay untranslated */
            ovf_loader_report (loader, key, _("unknown field; expected one of: %s"), list);
        }
    }

  loader->n_found = start;
}
