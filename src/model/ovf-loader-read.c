/* ovf-loader-read.c: the loader's typed readers of members, language maps among them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "ovf-loader-private.h"

/* Reads member @key with @read_node; when it is absent, *out keeps what
 * the caller set, and only a required one is a problem. */
gboolean
ovf_loader_read_member (OvfLoader         *loader,
                        const OvfJsonNode *object,
                        const char        *key,
                        OvfLoaderNeed      need,
                        OvfLoaderReadNode  read_node,
                        gpointer           out)
{
  const OvfJsonNode *node = ovf_loader_get_member (loader, object, key, need);

  if (node == NULL)
    return need == OVF_OPTIONAL;

  return read_node (loader, key, node, out);
}

static gboolean
node_of_type (OvfLoader          *loader,
              const char         *key,
              const OvfJsonNode  *node,
              OvfJsonType         type,
              const OvfJsonNode **out)
{
  if (node->type != type)
    return ovf_loader_report_type (loader, key, node, ovf_loader_describe_type (type));

  *out = node;
  return TRUE;
}

gboolean
ovf_loader_array_node (OvfLoader         *loader,
                       const char        *key,
                       const OvfJsonNode *node,
                       gpointer           out)
{
  return node_of_type (loader, key, node, OVF_JSON_ARRAY, out);
}

gboolean
ovf_loader_object_node (OvfLoader         *loader,
                        const char        *key,
                        const OvfJsonNode *node,
                        gpointer           out)
{
  return node_of_type (loader, key, node, OVF_JSON_OBJECT, out);
}

gboolean
ovf_loader_string_node (OvfLoader         *loader,
                        const char        *key,
                        const OvfJsonNode *node,
                        gpointer           out)
{
  const char **string = out;
  const char *p;

  if (!ovf_loader_is_string (node))
    return ovf_loader_report_type (loader, key, node, _("a string"));

  for (p = node->value.string; g_ascii_isspace (*p); p++)
    ;
  if (*p == '\0')
    {
      ovf_loader_report (loader, key, _("must not be empty"));
      return FALSE;
    }

  *string = node->value.string;
  return TRUE;
}

/* Each member reader sets *out (to "none" when the member is absent) and
 * returns FALSE only after reporting a problem. */
gboolean
ovf_loader_read_string (OvfLoader          *loader,
                        const OvfJsonNode  *object,
                        const char         *key,
                        OvfLoaderNeed       need,
                        const char        **out)
{
  *out = NULL;
  return ovf_loader_read_member (loader, object, key, need, ovf_loader_string_node, out);
}

gboolean
ovf_loader_read_id (OvfLoader          *loader,
                    const OvfJsonNode  *object,
                    GHashTable         *ids,
                    const char         *kind,
                    guint               index,
                    const char        **out)
{
  guint first;

  if (!ovf_loader_read_string (loader, object, "id", OVF_REQUIRED, out))
    return FALSE;

  first = GPOINTER_TO_UINT (g_hash_table_lookup (ids, *out));
  if (first != 0)
    {
      /* Translators: the second %s and the %u name an earlier item, e.g. “tracks[0]” */
      ovf_loader_report (loader, "id", _("the id “%s” is already used by %s[%u]"), *out, kind, first - 1);
      return FALSE;
    }

  g_hash_table_insert (ids, (gpointer) *out, GUINT_TO_POINTER (index + 1));
  return TRUE;
}

/* Language codes as gettext spells them: “de”, “zh_CN”, “sr@latin”. */
static gboolean
is_language_code (const char *code)
{
  const char *p = code;

  while (g_ascii_islower (*p))
    p++;
  if (p - code < 2 || p - code > 3)
    return FALSE;

  if (*p == '_')
    {
      const char *start = ++p;

      while (g_ascii_isalnum (*p))
        p++;
      if (p == start)
        return FALSE;
    }

  if (*p == '@')
    {
      const char *start = ++p;

      while (g_ascii_isalnum (*p))
        p++;
      if (p == start)
        return FALSE;
    }

  return *p == '\0';
}

static const char *
resolve_language (OvfLoader         *loader,
                  const OvfJsonNode *map)
{
  for (guint i = 0; loader->languages[i] != NULL; i++)
    {
      const OvfJsonNode *node = ovf_json_get_member (map, loader->languages[i]);

      if (node != NULL)
        return node->value.string;
    }

  return ovf_json_get_member (map, "en")->value.string;
}

/* A text is a plain string or a language map such as
 * {"en": "…", "zh_CN": "…"} that must hold English. */
static gboolean
text_node (OvfLoader         *loader,
           const char        *key,
           const OvfJsonNode *node,
           gpointer           out)
{
  const char **text_out = out;
  const OvfJsonNode *map = node;
  gboolean ok = TRUE;

  *text_out = NULL;
  if (ovf_loader_is_string (node))
    return ovf_loader_string_node (loader, key, node, out);
  if (node->type != OVF_JSON_OBJECT)
    return ovf_loader_report_type (loader, key, node, _("a string or a language map such as {\"en\": \"…\"}"));

  if (key != NULL)
    ovf_loader_push_key (loader, key);

  for (guint i = 0; i < map->n_children; i++)
    {
      const char *language = map->value.children[i].key;
      const OvfJsonNode *value = &map->value.children[i];
      const char *text;

      if (!is_language_code (language))
        {
          ovf_loader_report (loader, language, _("“%s” is not a language code such as “de” or “zh_CN”"),
                             language);
          ok = FALSE;
        }
      else if (!ovf_loader_string_node (loader, language, value, &text))
        {
          ok = FALSE;
        }
    }

  if (ok && !ovf_loader_has_member (map, "en"))
    {
      ovf_loader_report (loader, "en", _("a language map must give the English text under “en”"));
      ok = FALSE;
    }

  if (key != NULL)
    ovf_loader_pop (loader);

  if (ok)
    *text_out = resolve_language (loader, map);
  return ok;
}

gboolean
ovf_loader_read_text (OvfLoader          *loader,
                      const OvfJsonNode  *object,
                      const char         *key,
                      OvfLoaderNeed       need,
                      const char        **out)
{
  *out = NULL;
  return ovf_loader_read_member (loader, object, key, need, text_node, out);
}

/* An overflowing number is stored too, so range checks still see it. */
static gboolean
number_node (OvfLoader         *loader,
             const char        *key,
             const OvfJsonNode *node,
             gpointer           out)
{
  double *number = out;

  if (!ovf_loader_is_number (node))
    return ovf_loader_report_type (loader, key, node, _("a number"));

  *number = node->value.number;
  if (!isfinite (*number))
    {
      ovf_loader_report (loader, key, _("the number is too large"));
      return FALSE;
    }

  return TRUE;
}

/* Sets *out to NAN when absent. */
gboolean
ovf_loader_read_number (OvfLoader         *loader,
                        const OvfJsonNode *object,
                        const char        *key,
                        OvfLoaderNeed      need,
                        double            *out)
{
  *out = NAN;
  return ovf_loader_read_member (loader, object, key, need, number_node, out);
}

/* Sets *out to OVF_TIME_NONE when absent. */
gboolean
ovf_loader_read_time (OvfLoader         *loader,
                      const OvfJsonNode *object,
                      const char        *key,
                      OvfLoaderNeed      need,
                      OvfTime           *out)
{
  const char *text;

  *out = OVF_TIME_NONE;
  if (!ovf_loader_read_string (loader, object, key, need, &text))
    return FALSE;
  if (text == NULL)
    return TRUE;

  if (!ovf_time_parse_iso8601 (text, out))
    {
      ovf_loader_report (loader, key, _("not an ISO 8601 time with a zone, such as 2023-02-04T19:39:00Z"));
      *out = OVF_TIME_NONE;
      return FALSE;
    }

  return TRUE;
}

/* A calendar date, YYYY-MM-DD. */
gboolean
ovf_loader_read_date (OvfLoader          *loader,
                      const OvfJsonNode  *object,
                      const char         *key,
                      OvfLoaderNeed       need,
                      const char        **out)
{
  const char *text;

  if (!ovf_loader_read_string (loader, object, key, need, out))
    return FALSE;
  if (*out == NULL)
    return TRUE;

  text = *out;
  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7 ? text[i] != '-' : !g_ascii_isdigit (text[i]))
        {
          text = NULL;
          break;
        }
    }

  if (text == NULL || text[10] != '\0' ||
      !g_date_valid_dmy (atoi (text + 8), atoi (text + 5), atoi (text)))
    {
      ovf_loader_report (loader, key, _("not a date such as 2023-02-04"));
      *out = NULL;
      return FALSE;
    }

  return TRUE;
}

/* An array element that must be an object; reports at the element. */
const OvfJsonNode *
ovf_loader_element_object (OvfLoader         *loader,
                           const OvfJsonNode *array,
                           guint              index)
{
  const OvfJsonNode *node = NULL;

  ovf_loader_object_node (loader, NULL, &array->value.children[index], &node);
  return node;
}

/* Reads an enumeration through @parse; @allowed lists the names. */
gboolean
ovf_loader_read_enum (OvfLoader          *loader,
                      const OvfJsonNode  *object,
                      const char         *key,
                      gboolean          (*parse) (const char *text, gpointer out),
                      gpointer            out,
                      const char         *allowed)
{
  const char *text;

  if (!ovf_loader_read_string (loader, object, key, OVF_REQUIRED, &text))
    return FALSE;

  if (!parse (text, out))
    {
      /* Translators: the second %s lists the allowed names, which stay untranslated */
      ovf_loader_report (loader, key, _("unknown value “%s”; expected one of: %s"), text, allowed);
      return FALSE;
    }

  return TRUE;
}

gboolean
ovf_loader_read_lat_lon (OvfLoader         *loader,
                         const OvfJsonNode *object,
                         double            *lat,
                         double            *lon)
{
  gboolean ok = TRUE;

  if (ovf_loader_read_number (loader, object, "lat", OVF_REQUIRED, lat) && (*lat < -90 || *lat > 90))
    {
      ovf_loader_report (loader, "lat", _("latitude %g is out of range (-90 to 90)"), *lat);
      ok = FALSE;
    }
  else if (isnan (*lat))
    {
      ok = FALSE;
    }

  if (ovf_loader_read_number (loader, object, "lon", OVF_REQUIRED, lon) && (*lon < -360 || *lon > 360))
    {
      ovf_loader_report (loader, "lon", _("longitude %g is out of range (-360 to 360)"), *lon);
      ok = FALSE;
    }
  else if (isnan (*lon))
    {
      ok = FALSE;
    }

  return ok;
}

static gboolean
is_web_url (const char *text)
{
  g_autoptr(GUri) uri = g_uri_parse (text, G_URI_FLAGS_NONE, NULL);
  const char *scheme;

  if (uri == NULL)
    return FALSE;

  scheme = g_uri_get_scheme (uri);
  return (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0) &&
         g_uri_get_host (uri) != NULL && g_uri_get_host (uri)[0] != '\0';
}

gboolean
ovf_loader_read_url (OvfLoader          *loader,
                     const OvfJsonNode  *object,
                     const char         *key,
                     OvfLoaderNeed       need,
                     const char        **out)
{
  if (!ovf_loader_read_string (loader, object, key, need, out))
    return FALSE;

  if (*out != NULL && !is_web_url (*out))
    {
      ovf_loader_report (loader, key, _("“%s” is not an http or https URL"), *out);
      *out = NULL;
      return FALSE;
    }

  return TRUE;
}
