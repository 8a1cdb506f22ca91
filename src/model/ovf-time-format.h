/* ovf-time-format.h: how times read and are typed, each format in one place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ovf-time.h"

G_BEGIN_DECLS

#define OVF_TIME_ERROR (ovf_time_error_quark ())

typedef enum
{
  OVF_TIME_ERROR_EMPTY,         /* nothing was typed */
  OVF_TIME_ERROR_SYNTAX,        /* not a time we understand */
} OvfTimeError;

GQuark    ovf_time_error_quark          (void);

/* Each returns NULL for a time outside GDateTime's range. */

/* @time in @zone (NULL for UTC) through g_date_time_format () with
 * @format, which the caller translates: for formats used in one place. */
char     *ovf_time_format               (OvfTime      time,
                                         GTimeZone   *zone,
                                         const char  *format);
/* "4 February 2023, 19:39 UTC" */
char     *ovf_time_format_utc           (OvfTime      time);
/* "4 February 2023, 14:39 EST" in the IANA zone @zone_id; NULL when the
 * zone is NULL or unknown to this system. */
char     *ovf_time_format_in_zone       (OvfTime      time,
                                         const char  *zone_id);
/* "4 Feb 2023 19:39 UTC" */
char     *ovf_time_format_short_utc     (OvfTime      time);
/* "4 Feb 19:39 UTC" */
char     *ovf_time_format_brief_utc     (OvfTime      time);
/* "19:39" (UTC), for list rows under a day heading and hour marks. */
char     *ovf_time_format_clock_utc     (OvfTime      time);
/* "14:39 EST": the time of day in @zone with its abbreviation. */
char     *ovf_time_format_clock_in_zone (OvfTime      time,
                                         GTimeZone   *zone);
/* "Saturday, 4 February 2023" (UTC). */
char     *ovf_time_format_day_utc       (OvfTime      time);
/* TRUE when both times fall on the same UTC day. */
gboolean  ovf_time_same_day_utc         (OvfTime      a,
                                         OvfTime      b);

/* Parses what a user may type: ISO 8601 with a zone
 * ("2023-02-04T19:39:00Z", "2023-02-04T14:39-05:00"), or a UTC date and
 * time without one ("2023-02-04 19:39", "2023-02-04T19:39",
 * "2023-02-04", "2023-02-04 19:39 UTC"). */
gboolean  ovf_time_parse_typed          (const char  *text,
                                         OvfTime     *out_time,
                                         GError     **error);

G_END_DECLS
