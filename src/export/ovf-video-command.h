/* ovf-video-command.h: `overflight --export-video`, which needs no display
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The command-line options --export-video reads, for the application's
 * option group. */
extern const GOptionEntry ovf_video_command_entries[];

gboolean ovf_video_command_wanted (GVariantDict        *options);
/* Loads the dataset (files[0], or the bundled one), renders the clip with
 * progress on stderr and returns the exit status: 0, or 1 after printing
 * what went wrong. */
int      ovf_video_command_run    (GVariantDict        *options,
                                   const char * const  *files);

G_END_DECLS
