/* ovf-event-format.c: how event categories and confidences read in the UI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ovf-event-format.h"

static const struct {
  const char *label;
  const char *icon_name;
} categories[OVF_N_CATEGORIES] = {
  /* Translators: event categories; a detection is by radar or satellite */
  [OVF_CATEGORY_DETECTION]  = { N_("Detection"),  "system-search-symbolic" },
  [OVF_CATEGORY_SIGHTING]   = { N_("Sighting"),   "camera-photo-symbolic" },
  [OVF_CATEGORY_AIRSPACE]   = { N_("Airspace"),   "airplane-mode-symbolic" },
  [OVF_CATEGORY_MILITARY]   = { N_("Military"),   "emblem-important-symbolic" },
  [OVF_CATEGORY_DIPLOMATIC] = { N_("Diplomatic"), "emblem-shared-symbolic" },
  [OVF_CATEGORY_STATEMENT]  = { N_("Statement"),  "chat-message-new-symbolic" },
  /* Translators: the recovery of the debris from the sea */
  [OVF_CATEGORY_RECOVERY]   = { N_("Recovery"),   "find-location-symbolic" },
  [OVF_CATEGORY_OTHER]      = { N_("Other"),      "dialog-information-symbolic" },
};

const char *
ovf_category_get_label (OvfCategory category)
{
  g_return_val_if_fail (category < OVF_N_CATEGORIES, NULL);

  return _(categories[category].label);
}

const char *
ovf_category_get_icon_name (OvfCategory category)
{
  g_return_val_if_fail (category < OVF_N_CATEGORIES, NULL);

  return categories[category].icon_name;
}

const char *
ovf_confidence_get_label (OvfConfidence confidence)
{
  switch (confidence)
    {
    case OVF_CONFIDENCE_CONFIRMED:
      return _("Confirmed");
    case OVF_CONFIDENCE_REPORTED:
      /* Translators: a confidence level: sources report it, nobody has confirmed it */
      return _("Reported");
    case OVF_CONFIDENCE_UNCONFIRMED:
      return _("Unconfirmed");
    default:
      g_return_val_if_reached (NULL);
    }
}
