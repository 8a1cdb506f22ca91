/* ovf-check.h: `overflight --check`, which needs no display.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Validates each file (a dataset or a track file, see ovf-import.h), printing "FILE:LINE:COLUMN: message" lines to stderr
 * or "FILE: ok (N points, M events, K places)" to stdout. Returns the exit
 * status: 0 when every file is valid, 1 otherwise. */
int ovf_check_files (const char * const *filenames);

G_END_DECLS
