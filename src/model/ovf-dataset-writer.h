/* ovf-dataset-writer.h: writing datasets in Overflight's format
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ovf-dataset.h"

G_BEGIN_DECLS

typedef struct
{
  const char         *title;
  const char         *description;
  const char         *license;
  const char         *updated;      /* YYYY-MM-DD */
  const char * const *credits;      /* at least one */
  /* Where the points were published. Points read as reported are written
   * "reported" with this source; without it, the format's rule (a
   * reported point names a web source) makes them "estimated". */
  const char         *source_url;
} OvfDatasetHeader;

/* Writes the tracks, events and places of @datasets (OvfDataset) as one
 * dataset to @file, replacing it atomically: on failure the old file is
 * left as it was. Ids are made unique across the datasets. Every track
 * must have times (ovf_track_has_times ()). An event needs a source, so
 * without @header->source_url events are written as places whose
 * description gives their time. */
gboolean ovf_dataset_write (GPtrArray              *datasets,
                            const OvfDatasetHeader *header,
                            GFile                  *file,
                            GCancellable           *cancellable,
                            GError                **error);

/* "2023-02-04T19:39:00.5Z": like ovf_time_format_iso8601 () but keeping
 * the microseconds, so that a written dataset loads to the same times. */
char    *ovf_dataset_format_time (OvfTime time);

G_END_DECLS
