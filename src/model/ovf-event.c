/* ovf-event.c: something that happened, with its sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ovf-event.h"
#include "ovf-model-private.h"

G_DEFINE_FINAL_TYPE (OvfEvent, ovf_event, G_TYPE_OBJECT)

static const char * const category_names[] = {
  [OVF_CATEGORY_DETECTION] = "detection",
  [OVF_CATEGORY_SIGHTING] = "sighting",
  [OVF_CATEGORY_AIRSPACE] = "airspace",
  [OVF_CATEGORY_MILITARY] = "military",
  [OVF_CATEGORY_DIPLOMATIC] = "diplomatic",
  [OVF_CATEGORY_STATEMENT] = "statement",
  [OVF_CATEGORY_RECOVERY] = "recovery",
  [OVF_CATEGORY_OTHER] = "other",
};

static const char * const confidence_names[] = {
  [OVF_CONFIDENCE_CONFIRMED] = "confirmed",
  [OVF_CONFIDENCE_REPORTED] = "reported",
  [OVF_CONFIDENCE_UNCONFIRMED] = "unconfirmed",
};

static void
ovf_event_finalize (GObject *object)
{
  OvfEvent *self = OVF_EVENT (object);

  g_free (self->id);
  g_free (self->title);
  g_free (self->description);
  g_free (self->location_name);
  g_free (self->timezone);
  g_free (self->track_id);
  g_clear_pointer (&self->sources, g_array_unref);
  g_string_chunk_free (self->strings);

  G_OBJECT_CLASS (ovf_event_parent_class)->finalize (object);
}

static void
ovf_event_class_init (OvfEventClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ovf_event_finalize;
}

static void
ovf_event_init (OvfEvent *self)
{
  self->time = OVF_TIME_NONE;
  self->end_time = OVF_TIME_NONE;
  self->sources = g_array_new (FALSE, TRUE, sizeof (OvfSource));
  self->strings = g_string_chunk_new (256);
}

const char *
ovf_event_get_id (OvfEvent *self)
{
  g_return_val_if_fail (OVF_IS_EVENT (self), NULL);

  return self->id;
}

OvfTime
ovf_event_get_time (OvfEvent *self)
{
  g_return_val_if_fail (OVF_IS_EVENT (self), OVF_TIME_NONE);

  return self->time;
}

OvfTime
ovf_event_get_end_time (OvfEvent *self)
{
  g_return_val_if_fail (OVF_IS_EVENT (self), OVF_TIME_NONE);

  return self->end_time;
}

const char *
ovf_event_get_title (OvfEvent *self)
{
  g_return_val_if_fail (OVF_IS_EVENT (self), NULL);

  return self->title;
}

const char *
ovf_event_get_description (OvfEvent *self)
{
  g_return_val_if_fail (OVF_IS_EVENT (self), NULL);

  return self->description;
}

OvfCategory
ovf_event_get_category (OvfEvent *self)
{
  g_return_val_if_fail (OVF_IS_EVENT (self), OVF_CATEGORY_OTHER);

  return self->category;
}

OvfConfidence
ovf_event_get_confidence (OvfEvent *self)
{
  g_return_val_if_fail (OVF_IS_EVENT (self), OVF_CONFIDENCE_UNCONFIRMED);

  return self->confidence;
}

gboolean
ovf_event_has_location (OvfEvent *self)
{
  g_return_val_if_fail (OVF_IS_EVENT (self), FALSE);

  return self->has_location;
}

double
ovf_event_get_latitude (OvfEvent *self)
{
  g_return_val_if_fail (OVF_IS_EVENT (self), 0.0);

  return self->lat;
}

double
ovf_event_get_longitude (OvfEvent *self)
{
  g_return_val_if_fail (OVF_IS_EVENT (self), 0.0);

  return self->lon;
}

const char *
ovf_event_get_location_name (OvfEvent *self)
{
  g_return_val_if_fail (OVF_IS_EVENT (self), NULL);

  return self->location_name;
}

const char *
ovf_event_get_timezone (OvfEvent *self)
{
  g_return_val_if_fail (OVF_IS_EVENT (self), NULL);

  return self->timezone;
}

const char *
ovf_event_get_track_id (OvfEvent *self)
{
  g_return_val_if_fail (OVF_IS_EVENT (self), NULL);

  return self->track_id;
}

guint
ovf_event_get_n_sources (OvfEvent *self)
{
  g_return_val_if_fail (OVF_IS_EVENT (self), 0);

  return self->sources->len;
}

const OvfSource *
ovf_event_get_source (OvfEvent *self,
                      guint     index)
{
  g_return_val_if_fail (OVF_IS_EVENT (self), NULL);
  g_return_val_if_fail (index < self->sources->len, NULL);

  return &g_array_index (self->sources, OvfSource, index);
}

static gboolean
lookup_name (const char * const *names,
             guint               n_names,
             const char         *text,
             guint              *out_index)
{
  for (guint i = 0; i < n_names; i++)
    {
      if (g_strcmp0 (text, names[i]) == 0)
        {
          *out_index = i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
ovf_category_to_string (OvfCategory category)
{
  g_return_val_if_fail (category < OVF_N_CATEGORIES, NULL);

  return category_names[category];
}

gboolean
ovf_category_from_string (const char  *text,
                          OvfCategory *out_category)
{
  guint index;

  if (!lookup_name (category_names, G_N_ELEMENTS (category_names), text, &index))
    return FALSE;
  if (out_category != NULL)
    *out_category = index;

  return TRUE;
}

const char *
ovf_confidence_to_string (OvfConfidence confidence)
{
  g_return_val_if_fail (confidence <= OVF_CONFIDENCE_UNCONFIRMED, NULL);

  return confidence_names[confidence];
}

gboolean
ovf_confidence_from_string (const char    *text,
                            OvfConfidence *out_confidence)
{
  guint index;

  if (!lookup_name (confidence_names, G_N_ELEMENTS (confidence_names), text, &index))
    return FALSE;
  if (out_confidence != NULL)
    *out_confidence = index;

  return TRUE;
}
