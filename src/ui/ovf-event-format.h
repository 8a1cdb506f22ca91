/* ovf-event-format.h: how event categories and confidences read in the UI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ovf-event.h"

G_BEGIN_DECLS

/* Translated, capitalised names ("Military", "Confirmed"). */
const char *ovf_category_get_label     (OvfCategory    category);
const char *ovf_category_get_icon_name (OvfCategory    category);
const char *ovf_confidence_get_label   (OvfConfidence  confidence);

G_END_DECLS
