/* ovf-convert.h: `overflight --convert`, which needs no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Reads each track file in @inputs and writes them together as one
 * dataset to @output, which `overflight --check` accepts. Problems are
 * printed as "FILE:LINE:COLUMN: field: message" to stderr and nothing is
 * written. @source_url (may be NULL) is where the tracks were published:
 * see OvfDatasetHeader. Returns the exit status, 0 or 1. */
int ovf_convert_files (const char * const *inputs,
                       const char         *output,
                       const char         *source_url);

G_END_DECLS
