/* ovf-place.c: a named place of interest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ovf-model-private.h"
#include "ovf-place.h"

G_DEFINE_FINAL_TYPE (OvfPlace, ovf_place, G_TYPE_OBJECT)

static const char * const category_names[] = {
  [OVF_PLACE_MILITARY] = "military",
  [OVF_PLACE_AIRPORT] = "airport",
  [OVF_PLACE_CITY] = "city",
  [OVF_PLACE_REGION] = "region",
  [OVF_PLACE_OTHER] = "other",
};

static void
ovf_place_finalize (GObject *object)
{
  OvfPlace *self = OVF_PLACE (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);

  G_OBJECT_CLASS (ovf_place_parent_class)->finalize (object);
}

static void
ovf_place_class_init (OvfPlaceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ovf_place_finalize;
}

static void
ovf_place_init (OvfPlace *self)
{
}

const char *
ovf_place_get_id (OvfPlace *self)
{
  g_return_val_if_fail (OVF_IS_PLACE (self), NULL);

  return self->id;
}

const char *
ovf_place_get_name (OvfPlace *self)
{
  g_return_val_if_fail (OVF_IS_PLACE (self), NULL);

  return self->name;
}

double
ovf_place_get_latitude (OvfPlace *self)
{
  g_return_val_if_fail (OVF_IS_PLACE (self), 0.0);

  return self->lat;
}

double
ovf_place_get_longitude (OvfPlace *self)
{
  g_return_val_if_fail (OVF_IS_PLACE (self), 0.0);

  return self->lon;
}

OvfPlaceCategory
ovf_place_get_category (OvfPlace *self)
{
  g_return_val_if_fail (OVF_IS_PLACE (self), OVF_PLACE_OTHER);

  return self->category;
}

const char *
ovf_place_get_description (OvfPlace *self)
{
  g_return_val_if_fail (OVF_IS_PLACE (self), NULL);

  return self->description;
}

const char *
ovf_place_category_to_string (OvfPlaceCategory category)
{
  g_return_val_if_fail (category <= OVF_PLACE_OTHER, NULL);

  return category_names[category];
}

gboolean
ovf_place_category_from_string (const char       *text,
                                OvfPlaceCategory *out_category)
{
  for (guint i = 0; i < G_N_ELEMENTS (category_names); i++)
    {
      if (g_strcmp0 (text, category_names[i]) == 0)
        {
          if (out_category != NULL)
            *out_category = i;
          return TRUE;
        }
    }

  return FALSE;
}
