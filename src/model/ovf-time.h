/* ovf-time.h: instants in time for the model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Microseconds since the Unix epoch, UTC: the same unit as GDateTime. */
typedef gint64 OvfTime;

/* Marks an absent optional time (for example an event without end_time). */
#define OVF_TIME_NONE G_MININT64

#define OVF_TIME_SECOND ((OvfTime) G_USEC_PER_SEC)
#define OVF_TIME_MINUTE (60 * OVF_TIME_SECOND)
#define OVF_TIME_HOUR   (60 * OVF_TIME_MINUTE)
#define OVF_TIME_DAY    (24 * OVF_TIME_HOUR)

/* Parses ISO 8601 with an explicit zone ("Z" or "+hh:mm"); a time
 * without a zone is refused, because its instant would be ambiguous. */
gboolean   ovf_time_parse_iso8601  (const char *text,
                                    OvfTime    *out_time);
/* "2023-02-04T19:39:00Z" (seconds are kept; sub-seconds dropped). */
char      *ovf_time_format_iso8601 (OvfTime     time);
GDateTime *ovf_time_to_date_time   (OvfTime     time,
                                    GTimeZone  *zone);

/* Binary search in @n ascending times, each @stride bytes after the one
 * before it: sizeof (OvfTime) for a plain array, or the size of a struct
 * to search the OvfTime member of an array of them. Returns how many come
 * before @time or, when @inclusive, before or at it; that is, where @time
 * would go to keep them sorted. O(log n). */
guint      ovf_time_count_before   (const OvfTime *times,
                                    gsize          stride,
                                    guint          n,
                                    OvfTime        time,
                                    gboolean       inclusive);

G_END_DECLS
