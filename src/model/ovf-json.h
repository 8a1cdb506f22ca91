/* ovf-json.h: a fast, strict JSON reader for datasets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ovf-diagnostic.h"

G_BEGIN_DECLS

/* Deeper documents are refused: a dataset needs six levels. */
#define OVF_JSON_MAX_DEPTH 64

typedef enum
{
  OVF_JSON_NULL,
  OVF_JSON_BOOLEAN,
  OVF_JSON_NUMBER,
  OVF_JSON_STRING,
  OVF_JSON_ARRAY,
  OVF_JSON_OBJECT,
} OvfJsonType;

typedef struct _OvfJsonNode OvfJsonNode;

/* A value in the document's tree. Children of an array or object lie in
 * one block; an object's children carry their member names in @key. */
struct _OvfJsonNode
{
  OvfJsonType        type;
  guint              n_children;
  const char        *key;
  union {
    gboolean           boolean;
    double             number;
    const char        *string;     /* UTF-8 without NUL bytes */
    const OvfJsonNode *children;
  } value;
};

typedef struct _OvfJson OvfJson;

/* Parses RFC 8259 JSON strictly (one value; no comments, no trailing
 * commas; valid UTF-8; no \u0000; numbers within double range; no repeated
 * member names). Returns NULL on any error; ovf_json_diagnose () then says
 * what and where. */
OvfJson           *ovf_json_parse       (const char        *data,
                                         gsize              length);
const OvfJsonNode *ovf_json_get_root    (OvfJson           *json);
void               ovf_json_free        (OvfJson           *json);
/* The member named @key of an object, or NULL. */
const OvfJsonNode *ovf_json_get_member  (const OvfJsonNode *object,
                                         const char        *key);
/* The same, starting at index *@hint and leaving there the index after
 * the member found: files write an object's members in the same order
 * each time, so reading them in that order compares one name each. */
const OvfJsonNode *ovf_json_find_member (const OvfJsonNode *object,
                                         const char        *key,
                                         guint             *hint);

/* Returns the first reason the text is not acceptable JSON, located, or
 * NULL when it is. Slower than parsing; meant for the error path. */
OvfDiagnostic     *ovf_json_diagnose    (const char        *data,
                                         gsize              length);
/* Sets the line and column of each diagnostic that has a path, from the
 * position of that value in the text; a path that names a missing member
 * gets the position of the deepest value on it that exists. Lines and
 * columns are 1-based; columns count characters, not bytes. */
void               ovf_json_locate      (const char        *data,
                                         gsize              length,
                                         GPtrArray         *diagnostics);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OvfJson, ovf_json_free)

G_END_DECLS
