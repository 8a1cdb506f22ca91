/* ovf-event.h: something that happened, with its sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "ovf-time.h"

G_BEGIN_DECLS

#define OVF_TYPE_EVENT (ovf_event_get_type ())
G_DECLARE_FINAL_TYPE (OvfEvent, ovf_event, OVF, EVENT, GObject)

typedef enum
{
  OVF_CONFIDENCE_CONFIRMED,
  OVF_CONFIDENCE_REPORTED,
  OVF_CONFIDENCE_UNCONFIRMED,
} OvfConfidence;

typedef struct
{
  const char *publisher;
  const char *title;
  const char *url;        /* http or https, checked by the loader */
  const char *date;       /* as the dataset gives it, e.g. "2023-02-04" */
} OvfSource;

/* The categories the format knows, in the order the UI lists them. */
typedef enum
{
  OVF_CATEGORY_DETECTION,
  OVF_CATEGORY_SIGHTING,
  OVF_CATEGORY_AIRSPACE,
  OVF_CATEGORY_MILITARY,
  OVF_CATEGORY_DIPLOMATIC,
  OVF_CATEGORY_STATEMENT,
  OVF_CATEGORY_RECOVERY,
  OVF_CATEGORY_OTHER,
  OVF_N_CATEGORIES,
} OvfCategory;

const char      *ovf_event_get_id            (OvfEvent *self);
OvfTime          ovf_event_get_time          (OvfEvent *self);
OvfTime          ovf_event_get_end_time      (OvfEvent *self);   /* OVF_TIME_NONE without a span */
/* Plain text in the user's language (falling back to English); never markup. */
const char      *ovf_event_get_title         (OvfEvent *self);
const char      *ovf_event_get_description   (OvfEvent *self);
OvfCategory      ovf_event_get_category      (OvfEvent *self);
OvfConfidence    ovf_event_get_confidence    (OvfEvent *self);
gboolean         ovf_event_has_location      (OvfEvent *self);
double           ovf_event_get_latitude      (OvfEvent *self);
double           ovf_event_get_longitude     (OvfEvent *self);
const char      *ovf_event_get_location_name (OvfEvent *self);   /* NULL when absent */
const char      *ovf_event_get_timezone      (OvfEvent *self);   /* IANA name or NULL */
const char      *ovf_event_get_track_id      (OvfEvent *self);   /* NULL when absent */
guint            ovf_event_get_n_sources     (OvfEvent *self);
const OvfSource *ovf_event_get_source        (OvfEvent *self,
                                              guint     index);

/* Stable identifiers, as the dataset spells them ("sighting"). */
const char      *ovf_category_to_string      (OvfCategory   category);
gboolean         ovf_category_from_string    (const char   *text,
                                              OvfCategory  *out_category);
const char      *ovf_confidence_to_string    (OvfConfidence confidence);
gboolean         ovf_confidence_from_string  (const char   *text,
                                              OvfConfidence *out_confidence);

G_END_DECLS
