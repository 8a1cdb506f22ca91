/* ovf-export-command.h: `overflight --export` and `--export-events`, which need no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ovf-dataset.h"

G_BEGIN_DECLS

/* TRUE when @options asks for an export, so the caller should run it
 * instead of opening a window. */
gboolean ovf_export_command_wanted  (GVariantDict        *options);
/* Loads the dataset (files[0], or the bundled one), renders what @options
 * ask for and returns the exit status: 0 on success, 1 after printing
 * located errors to stderr. */
int      ovf_export_command_run     (GVariantDict        *options,
                                     const char * const  *files);

/* files[0], or the bundled dataset; NULL after printing its located
 * problems to stderr. */
OvfDataset *ovf_export_load_dataset (const char * const  *files);
/* "WIDTHxHEIGHT" in pixels, such as "3840x2160". */
gboolean ovf_export_parse_size      (const char          *text,
                                     int                 *out_width,
                                     int                 *out_height,
                                     GError             **error);

G_END_DECLS
