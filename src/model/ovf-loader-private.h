/* ovf-loader-private.h: what the loader's files share
 *
 * The loader keeps where it is in the file and the problems found; the
 * readers in ovf-loader-read.c each read one typed member, reporting any
 * problem at its path, and the item readers in ovf-loader-items.c build
 * the dataset's tracks, events, places and areas from them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ovf-json.h"
#include "ovf-model-private.h"

G_BEGIN_DECLS

#define OVF_LOADER_MAX_PATH_DEPTH 8

typedef enum
{
  OVF_OPTIONAL,
  OVF_REQUIRED,
} OvfLoaderNeed;

typedef struct
{
  const char *key;      /* NULL for an array index */
  guint       index;
} OvfLoaderSegment;

typedef struct
{
  const char * const *languages;
  GPtrArray          *diagnostics;
  OvfLoaderSegment    path[OVF_LOADER_MAX_PATH_DEPTH];
  guint               depth;
  guint               n_problems;
  gboolean            unsupported;
  /* Known members looked up so far, to notice unknown ones for free. */
  guint               n_found;
  /* Where the next member lookup starts; see ovf_json_find_member (). */
  guint               hint;
  /* id → index + 1, per kind; the ids are owned by the JSON tree. */
  GHashTable         *track_ids;
} OvfLoader;

/* The path, for reports; inline, as every track point moves along it. */
static inline void
ovf_loader_push_key (OvfLoader  *loader,
                     const char *key)
{
  g_assert (loader->depth < OVF_LOADER_MAX_PATH_DEPTH);
  loader->path[loader->depth++] = (OvfLoaderSegment) { key, 0 };
}

static inline void
ovf_loader_push_index (OvfLoader *loader,
                       guint      index)
{
  g_assert (loader->depth < OVF_LOADER_MAX_PATH_DEPTH);
  loader->path[loader->depth++] = (OvfLoaderSegment) { NULL, index };
}

static inline void
ovf_loader_pop (OvfLoader *loader)
{
  loader->depth--;
}

static inline gboolean
ovf_loader_is_string (const OvfJsonNode *node)
{
  return node->type == OVF_JSON_STRING;
}

static inline gboolean
ovf_loader_is_number (const OvfJsonNode *node)
{
  return node->type == OVF_JSON_NUMBER;
}

static inline gboolean
ovf_loader_has_member (const OvfJsonNode *object,
                       const char        *key)
{
  return ovf_json_get_member (object, key) != NULL;
}

/* ovf-loader-report.c */

/* Reports a problem at the current path, extended by @key if given. */
void               ovf_loader_report                (OvfLoader          *loader,
                                                     const char         *key,
                                                     const char         *format,
                                                     ...) G_GNUC_PRINTF (3, 4);
/* "an object", "a string": for "expected %s, found %s". */
const char        *ovf_loader_describe_type         (OvfJsonType         type);
/* Reports @node as not of the type @expected names; returns FALSE. */
gboolean           ovf_loader_report_type           (OvfLoader          *loader,
                                                     const char         *key,
                                                     const OvfJsonNode  *node,
                                                     const char         *expected);
/* Looks a member up; a missing required one is reported. */
const OvfJsonNode *ovf_loader_get_member            (OvfLoader          *loader,
                                                     const OvfJsonNode  *object,
                                                     const char         *key,
                                                     OvfLoaderNeed       need);
/* Called at the end of reading @object, with n_found as it was at its
 * start: reports the members not in @known. */
void               ovf_loader_check_unknown_members (OvfLoader          *loader,
                                                     const OvfJsonNode  *object,
                                                     guint               start,
                                                     const char * const *known);

/* ovf-loader-read.c */

/* The node readers share one signature so that ovf_loader_read_member ()
 * can take any of them; each returns FALSE only after reporting a problem. */
typedef gboolean (*OvfLoaderReadNode) (OvfLoader         *loader,
                                       const char        *key,
                                       const OvfJsonNode *node,
                                       gpointer           out);

gboolean           ovf_loader_read_member     (OvfLoader          *loader,
                                               const OvfJsonNode  *object,
                                               const char         *key,
                                               OvfLoaderNeed       need,
                                               OvfLoaderReadNode   read_node,
                                               gpointer            out);
gboolean           ovf_loader_array_node      (OvfLoader          *loader,
                                               const char         *key,
                                               const OvfJsonNode  *node,
                                               gpointer            out);
gboolean           ovf_loader_object_node     (OvfLoader          *loader,
                                               const char         *key,
                                               const OvfJsonNode  *node,
                                               gpointer            out);
/* A non-empty string. */
gboolean           ovf_loader_string_node     (OvfLoader          *loader,
                                               const char         *key,
                                               const OvfJsonNode  *node,
                                               gpointer            out);
/* An array element that must be an object; reports at the element. */
const OvfJsonNode *ovf_loader_element_object  (OvfLoader          *loader,
                                               const OvfJsonNode  *array,
                                               guint               index);

/* Each member reader sets *out (to "none" when the member is absent) and
 * returns FALSE only after reporting a problem. */
gboolean           ovf_loader_read_string     (OvfLoader          *loader,
                                               const OvfJsonNode  *object,
                                               const char         *key,
                                               OvfLoaderNeed       need,
                                               const char        **out);
/* The required "id", unique within @ids (id → index + 1). */
gboolean           ovf_loader_read_id         (OvfLoader          *loader,
                                               const OvfJsonNode  *object,
                                               GHashTable         *ids,
                                               const char         *kind,
                                               guint               index,
                                               const char        **out);
/* A string or a language map, resolved to the loader's languages. */
gboolean           ovf_loader_read_text       (OvfLoader          *loader,
                                               const OvfJsonNode  *object,
                                               const char         *key,
                                               OvfLoaderNeed       need,
                                               const char        **out);
gboolean           ovf_loader_read_number     (OvfLoader          *loader,
                                               const OvfJsonNode  *object,
                                               const char         *key,
                                               OvfLoaderNeed       need,
                                               double             *out);
gboolean           ovf_loader_read_time       (OvfLoader          *loader,
                                               const OvfJsonNode  *object,
                                               const char         *key,
                                               OvfLoaderNeed       need,
                                               OvfTime            *out);
gboolean           ovf_loader_read_date       (OvfLoader          *loader,
                                               const OvfJsonNode  *object,
                                               const char         *key,
                                               OvfLoaderNeed       need,
                                               const char        **out);
/* A required enumeration, read through @parse; @allowed lists the names. */
gboolean           ovf_loader_read_enum       (OvfLoader          *loader,
                                               const OvfJsonNode  *object,
                                               const char         *key,
                                               gboolean          (*parse) (const char *text, gpointer out),
                                               gpointer            out,
                                               const char         *allowed);
/* The required "lat" and "lon", in range. */
gboolean           ovf_loader_read_lat_lon    (OvfLoader          *loader,
                                               const OvfJsonNode  *object,
                                               double             *lat,
                                               double             *lon);
gboolean           ovf_loader_read_url        (OvfLoader          *loader,
                                               const OvfJsonNode  *object,
                                               const char         *key,
                                               OvfLoaderNeed       need,
                                               const char        **out);

/* ovf-loader-items.c: each reads the item @object, the @index-th of its
 * array, and returns it, however incomplete; ids go into @ids. */

OvfTrack          *ovf_loader_read_track      (OvfLoader          *loader,
                                               const OvfJsonNode  *object,
                                               GHashTable         *ids,
                                               guint               index);
OvfEvent          *ovf_loader_read_event      (OvfLoader          *loader,
                                               const OvfJsonNode  *object,
                                               GHashTable         *ids,
                                               guint               index);
OvfPlace          *ovf_loader_read_place      (OvfLoader          *loader,
                                               const OvfJsonNode  *object,
                                               GHashTable         *ids,
                                               guint               index);
OvfArea           *ovf_loader_read_area       (OvfLoader          *loader,
                                               const OvfJsonNode  *object,
                                               GHashTable         *ids,
                                               guint               index);

G_END_DECLS
