/* ovf-time-format.c: how times read and are typed, each format in one place
 *
 * Every format shown in more than one place has its function here, so it
 * is translated once; the rest go through ovf_time_format ().
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ovf-time-format.h"

G_DEFINE_QUARK (ovf-time-error-quark, ovf_time_error)

char *
ovf_time_format (OvfTime     time,
                 GTimeZone  *zone,
                 const char *format)
{
  g_autoptr(GDateTime) date_time = ovf_time_to_date_time (time, zone);

  if (date_time == NULL)
    return NULL;

  return g_date_time_format (date_time, format);
}

char *
ovf_time_format_utc (OvfTime time)
{
  /* Translators: a date and time in UTC, see g_date_time_format(). */
  return ovf_time_format (time, NULL, _("%-d %B %Y, %H:%M UTC"));
}

char *
ovf_time_format_in_zone (OvfTime     time,
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
  return ovf_time_format (time, zone, _("%-d %B %Y, %H:%M %Z"));
}

char *
ovf_time_format_short_utc (OvfTime time)
{
  /* Translators: a time in UTC on the timeline and in its tooltip; see g_date_time_format() */
  return ovf_time_format (time, NULL, _("%-d %b %Y %H:%M UTC"));
}

char *
ovf_time_format_brief_utc (OvfTime time)
{
  /* Translators: the balloon marker's label; see g_date_time_format() */
  return ovf_time_format (time, NULL, _("%-d %b %H:%M UTC"));
}

char *
ovf_time_format_clock_utc (OvfTime time)
{
  /* Translators: a time of day in UTC, see g_date_time_format(). */
  return ovf_time_format (time, NULL, _("%H:%M"));
}

char *
ovf_time_format_clock_in_zone (OvfTime    time,
                               GTimeZone *zone)
{
  /* Translators: local time and the zone's abbreviation; see g_date_time_format() */
  return ovf_time_format (time, zone, _("%H:%M %Z"));
}

char *
ovf_time_format_day_utc (OvfTime time)
{
  /* Translators: a day heading, see g_date_time_format(). */
  return ovf_time_format (time, NULL, _("%A, %-d %B %Y"));
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

/* Turns what people type into what GLib's ISO 8601 parser takes: a date
 * alone means its midnight, seconds may be left out, and a trailing "UTC"
 * (as we display times) means "Z". */
static char *
normalize_time_text (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  GString *result;
  gsize len = strlen (copy);

  if (len > 4 && g_ascii_strcasecmp (copy + len - 4, " UTC") == 0)
    {
      len -= 4;
      copy[len] = '\0';
      g_strchomp (copy);
      len = strlen (copy);
      result = g_string_new_len (copy, len);
      g_string_append_c (result, 'Z');
    }
  else
    {
      result = g_string_new_len (copy, len);
    }

  if (result->len == 10 && result->str[4] == '-' && result->str[7] == '-')
    g_string_append (result, "T00:00:00Z");
  /* "YYYY-MM-DD?HH:MM" with nothing or a zone after it */
  else if (result->len >= 16 && result->str[13] == ':'
           && (result->len == 16 || result->str[16] != ':'))
    g_string_insert (result, 16, ":00");

  return g_string_free (result, FALSE);
}

gboolean
ovf_time_parse_typed (const char  *text,
                      OvfTime     *out_time,
                      GError     **error)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) date_time = NULL;
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (out_time != NULL, FALSE);

  normalized = normalize_time_text (text);
  if (normalized[0] == '\0')
    {
      g_set_error_literal (error, OVF_TIME_ERROR, OVF_TIME_ERROR_EMPTY,
                           _("Type a date and time, such as 2023-02-04 19:39"));
      return FALSE;
    }

  /* Without a zone GLib takes the default one we pass: UTC. */
  date_time = g_date_time_new_from_iso8601 (normalized, utc);
  if (date_time == NULL)
    {
      g_set_error (error, OVF_TIME_ERROR, OVF_TIME_ERROR_SYNTAX,
                   _("“%s” is not a date and time. Try 2023-02-04 19:39 (UTC) "
                     "or 2023-02-04T14:39-05:00."),
                   text);
      return FALSE;
    }

  *out_time = g_date_time_to_unix (date_time) * G_USEC_PER_SEC
              + g_date_time_get_microsecond (date_time);
  return TRUE;
}
