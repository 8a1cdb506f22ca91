/* ovf-event-format.h: how events, categories and times read in the UI
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

/* "4 February 2023, 19:39 UTC" */
char       *ovf_format_time_utc        (OvfTime        time);
/* "4 February 2023, 14:39 EST" in the IANA zone @zone_id; NULL when the
 * zone is NULL or unknown to this system. */
char       *ovf_format_time_in_zone    (OvfTime        time,
                                        const char    *zone_id);
/* "19:39" (UTC), for list rows under a day heading. */
char       *ovf_format_clock_utc       (OvfTime        time);
/* "Saturday, 4 February 2023" (UTC). */
char       *ovf_format_day_utc         (OvfTime        time);
/* TRUE when both times fall on the same UTC day. */
gboolean    ovf_time_same_day_utc      (OvfTime        a,
                                        OvfTime        b);

G_END_DECLS
