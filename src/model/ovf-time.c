/* ovf-time.c: instants in time, ISO 8601, and the one binary search over times
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ovf-time.h"

/* Reads exactly @n digits; datasets carry a million times, so this avoids
 * GDateTime and its time zone cache on the loading path. */
static gboolean
read_digits (const char **p,
             int          n,
             int         *out)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      char c = (*p)[i];

      if (c < '0' || c > '9')
        return FALSE;
      value = value * 10 + (c - '0');
    }

  *p += n;
  *out = value;
  return TRUE;
}

static gboolean
is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  return month == 2 && is_leap_year (year) ? 29 : days[month - 1];
}

/* Days since 1970-01-01 in the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil). */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  gint64 y = month <= 2 ? year - 1 : year;
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

/* The zone: "Z", "+hh:mm", "+hhmm" or "+hh"; sets the offset in seconds. */
static gboolean
read_zone (const char *p,
           int        *out_offset)
{
  int sign, hours, minutes = 0;

  if ((p[0] == 'Z' || p[0] == 'z') && p[1] == '\0')
    {
      *out_offset = 0;
      return TRUE;
    }

  if (p[0] != '+' && p[0] != '-')
    return FALSE;
  sign = p[0] == '-' ? -1 : 1;
  p++;

  if (!read_digits (&p, 2, &hours))
    return FALSE;
  if (*p == ':')
    p++;
  if (*p != '\0' && !read_digits (&p, 2, &minutes))
    return FALSE;
  if (*p != '\0' || hours > 23 || minutes > 59)
    return FALSE;

  *out_offset = sign * (hours * 3600 + minutes * 60);
  return TRUE;
}

gboolean
ovf_time_parse_iso8601 (const char *text,
                        OvfTime    *out_time)
{
  const char *p = text;
  int year, month, day, hour, minute, second = 0, offset;
  gint64 usec = 0;
  gint64 seconds;

  g_return_val_if_fail (out_time != NULL, FALSE);

  if (text == NULL)
    return FALSE;

  if (!read_digits (&p, 4, &year) || *p++ != '-' ||
      !read_digits (&p, 2, &month) || *p++ != '-' ||
      !read_digits (&p, 2, &day) || (*p != 'T' && *p != 't'))
    return FALSE;
  p++;
  if (!read_digits (&p, 2, &hour) || *p++ != ':' || !read_digits (&p, 2, &minute))
    return FALSE;

  if (*p == ':')
    {
      p++;
      if (!read_digits (&p, 2, &second))
        return FALSE;

      if (*p == '.' || *p == ',')
        {
          gint64 scale = 100000;

          p++;
          if (*p < '0' || *p > '9')
            return FALSE;
          for (; *p >= '0' && *p <= '9'; p++, scale /= 10)
            usec += (*p - '0') * scale;
        }
    }

  if (month < 1 || month > 12 || day < 1 || day > days_in_month (year, month) ||
      hour > 23 || minute > 59 || second > 59)
    return FALSE;

  if (!read_zone (p, &offset))
    return FALSE;

  seconds = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
  *out_time = seconds * G_USEC_PER_SEC + usec;
  return TRUE;
}

char *
ovf_time_format_iso8601 (OvfTime time)
{
  g_autoptr(GDateTime) date_time = ovf_time_to_date_time (time, NULL);

  if (date_time == NULL)
    return NULL;

  return g_date_time_format (date_time, "%Y-%m-%dT%H:%M:%SZ");
}

/* @zone NULL means UTC. Returns NULL outside GDateTime's range. */
GDateTime *
ovf_time_to_date_time (OvfTime    time,
                       GTimeZone *zone)
{
  g_autoptr(GDateTime) utc = NULL;
  gint64 seconds = time / G_USEC_PER_SEC;
  gint64 usec = time % G_USEC_PER_SEC;

  if (usec < 0)
    {
      seconds -= 1;
      usec += G_USEC_PER_SEC;
    }

  utc = g_date_time_new_from_unix_utc (seconds);
  if (utc == NULL)
    return NULL;

  if (usec != 0)
    {
      GDateTime *exact = g_date_time_add (utc, usec);

      g_date_time_unref (utc);
      utc = exact;
    }

  if (zone == NULL)
    return g_steal_pointer (&utc);

  return g_date_time_to_timezone (utc, zone);
}

guint
ovf_time_count_before (const OvfTime *times,
                       gsize          stride,
                       guint          n,
                       OvfTime        time,
                       gboolean       inclusive)
{
  const guint8 *base = (const guint8 *) times;
  guint low = 0, high = n;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      OvfTime t = *(const OvfTime *) (base + mid * stride);

      if (inclusive ? t <= time : t < time)
        low = mid + 1;
      else
        high = mid;
    }

  return low;
}
