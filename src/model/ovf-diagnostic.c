/* ovf-diagnostic.c: one located problem found while loading
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ovf-diagnostic.h"

G_DEFINE_BOXED_TYPE (OvfDiagnostic, ovf_diagnostic, ovf_diagnostic_copy, ovf_diagnostic_free)

OvfDiagnostic *
ovf_diagnostic_new (const char *path,
                    guint       line,
                    guint       column,
                    const char *message)
{
  OvfDiagnostic *self = g_new0 (OvfDiagnostic, 1);

  self->path = g_strdup (path);
  self->line = line;
  self->column = column;
  self->message = g_strdup (message);

  return self;
}

OvfDiagnostic *
ovf_diagnostic_copy (const OvfDiagnostic *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return ovf_diagnostic_new (self->path, self->line, self->column, self->message);
}

void
ovf_diagnostic_free (OvfDiagnostic *self)
{
  if (self == NULL)
    return;

  g_free (self->path);
  g_free (self->message);
  g_free (self);
}

char *
ovf_diagnostic_format (const OvfDiagnostic *self,
                       const char          *filename)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  if (filename != NULL)
    g_string_append_printf (text, "%s:", filename);
  if (self->line > 0)
    {
      g_string_append_printf (text, "%u:", self->line);
      if (self->column > 0)
        g_string_append_printf (text, "%u:", self->column);
    }
  if (text->len > 0)
    g_string_append_c (text, ' ');
  if (self->path != NULL && self->path[0] != '\0')
    g_string_append_printf (text, "%s: ", self->path);
  g_string_append (text, self->message);

  return g_string_free (text, FALSE);
}
