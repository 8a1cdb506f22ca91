/* ovf-event-format.c
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

static char *
ovf_format_time (OvfTime     time,
                 GTimeZone  *zone,
                 const char *format)
{
  g_autoptr(GDateTime) date_time = ovf_time_to_date_time (time, zone);

  if (date_time == NULL)
    return NULL;

  return g_date_time_format (date_time, format);
}

char *
ovf_format_time_utc (OvfTime time)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  /* Translators: a date and time in UTC, see g_date_time_format(). */
  return ovf_format_time (time, utc, _("%-d %B %Y, %H:%M UTC"));
}

char *
ovf_format_time_in_zone (OvfTime     time,
                         const char *zone_id)
{
  g_autoptr(GTimeZone) zone = NULL;

  if (zone_id == NULL)
    return NULL;

  /* Unlike g_time_zone_new(), this refuses unknown names instead of
   * silently giving UTC, which would show a wrong local time. */
  zone = g_time_zone_new_identifier (zone_id);
  if (zone == NULL)
    return NULL;

  /* Translators: a date and time with the zone's abbreviation, see g_date_time_format(). */
  return ovf_format_time (time, zone, _("%-d %B %Y, %H:%M %Z"));
}

char *
ovf_format_clock_utc (OvfTime time)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  /* Translators: a time of day in UTC, see g_date_time_format(). */
  return ovf_format_time (time, utc, _("%H:%M"));
}

char *
ovf_format_day_utc (OvfTime time)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();

  /* Translators: a day heading, see g_date_time_format(). */
  return ovf_format_time (time, utc, _("%A, %-d %B %Y"));
}

gboolean
ovf_time_same_day_utc (OvfTime a,
                       OvfTime b)
{
  /* Floor division, so times before 1970 land on the right day too. */
  gint64 day_a = a / OVF_TIME_DAY - (a % OVF_TIME_DAY < 0);
  gint64 day_b = b / OVF_TIME_DAY - (b % OVF_TIME_DAY < 0);

  return day_a == day_b;
}
