/* ovf-diagnostic.h: one located problem found while loading a dataset
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define OVF_TYPE_DIAGNOSTIC (ovf_diagnostic_get_type ())

typedef struct
{
  char  *path;      /* field path such as "tracks[0].points[12].time"; NULL for syntax errors */
  guint  line;      /* 1-based; 0 when unknown */
  guint  column;    /* 1-based; 0 when unknown */
  char  *message;   /* plain text, translated */
} OvfDiagnostic;

GType          ovf_diagnostic_get_type (void) G_GNUC_CONST;
OvfDiagnostic *ovf_diagnostic_new      (const char          *path,
                                        guint                line,
                                        guint                column,
                                        const char          *message);
OvfDiagnostic *ovf_diagnostic_copy     (const OvfDiagnostic *self);
void           ovf_diagnostic_free     (OvfDiagnostic       *self);
/* "FILE:LINE:COLUMN: path: message", the form editors jump to;
 * the location parts are left out when unknown. */
char          *ovf_diagnostic_format   (const OvfDiagnostic *self,
                                        const char          *filename);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OvfDiagnostic, ovf_diagnostic_free)

G_END_DECLS
