/* ovf-import.h: opening track files of other programs as datasets
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ovf-dataset.h"

G_BEGIN_DECLS

typedef enum
{
  OVF_IMPORT_UNKNOWN,
  OVF_IMPORT_DATASET,   /* Overflight's own format */
  OVF_IMPORT_XML,       /* GPX or KML: the root element decides */
  OVF_IMPORT_KMZ,
  OVF_IMPORT_GEOJSON,
  OVF_IMPORT_CSV,
  OVF_IMPORT_TRACE,     /* readsb/tar1090 trace JSON */
  OVF_IMPORT_GZIP,      /* unpacked, then detected again */
} OvfImportFormat;

/* Detects the format from the bytes alone; file names are not trusted. */
OvfImportFormat ovf_import_detect          (const char          *data,
                                            gsize                length);

/* Reads a dataset or any track file Overflight knows into a dataset, with
 * the same contract as ovf_dataset_load_from_bytes (). @name is the file's
 * display name: it titles a dataset whose file gives no title, and names
 * the source of every point. Track files are refused whole, with every
 * problem located (up to OVF_DATASET_MAX_DIAGNOSTICS). */
OvfDataset     *ovf_import_load_bytes      (GBytes              *bytes,
                                            const char          *name,
                                            const char * const  *languages,
                                            GPtrArray          **diagnostics,
                                            GError             **error);
OvfDataset     *ovf_import_load_file       (GFile               *file,
                                            const char * const  *languages,
                                            GCancellable        *cancellable,
                                            GPtrArray          **diagnostics,
                                            GError             **error);

G_END_DECLS
