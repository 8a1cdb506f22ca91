/* ovf-json-private.h: what the JSON parser and its diagnostics share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ovf-json.h"

G_BEGIN_DECLS

/* FALSE when the JSON number @text (already known to be well formed) is
 * outside the range of a double. */
gboolean ovf_json_number_is_finite (const char *text,
                                    gsize       length);

G_END_DECLS
