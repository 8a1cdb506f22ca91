/* ovf-area.c: a region on the map, such as the debris field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ovf-area.h"
#include "ovf-model-private.h"

G_DEFINE_FINAL_TYPE (OvfArea, ovf_area, G_TYPE_OBJECT)

static void
ovf_area_finalize (GObject *object)
{
  OvfArea *self = OVF_AREA (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->description);
  g_clear_pointer (&self->polygon, g_array_unref);

  G_OBJECT_CLASS (ovf_area_parent_class)->finalize (object);
}

static void
ovf_area_class_init (OvfAreaClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ovf_area_finalize;
}

static void
ovf_area_init (OvfArea *self)
{
  self->polygon = g_array_new (FALSE, FALSE, sizeof (OvfLatLon));
  self->time = OVF_TIME_NONE;
  self->end_time = OVF_TIME_NONE;
}

const char *
ovf_area_get_id (OvfArea *self)
{
  g_return_val_if_fail (OVF_IS_AREA (self), NULL);

  return self->id;
}

const char *
ovf_area_get_name (OvfArea *self)
{
  g_return_val_if_fail (OVF_IS_AREA (self), NULL);

  return self->name;
}

const char *
ovf_area_get_description (OvfArea *self)
{
  g_return_val_if_fail (OVF_IS_AREA (self), NULL);

  return self->description;
}

gboolean
ovf_area_is_circle (OvfArea *self)
{
  g_return_val_if_fail (OVF_IS_AREA (self), FALSE);

  return self->radius_m > 0;
}

OvfLatLon
ovf_area_get_center (OvfArea *self)
{
  OvfLatLon none = { 0, 0 };

  g_return_val_if_fail (OVF_IS_AREA (self), none);

  return self->center;
}

double
ovf_area_get_radius_m (OvfArea *self)
{
  g_return_val_if_fail (OVF_IS_AREA (self), 0.0);

  return self->radius_m;
}

const OvfLatLon *
ovf_area_get_polygon (OvfArea *self,
                      guint   *n_vertices)
{
  g_return_val_if_fail (OVF_IS_AREA (self), NULL);

  if (n_vertices != NULL)
    *n_vertices = self->polygon->len;

  return self->polygon->len > 0 ? (const OvfLatLon *) self->polygon->data : NULL;
}

OvfTime
ovf_area_get_time (OvfArea *self)
{
  g_return_val_if_fail (OVF_IS_AREA (self), OVF_TIME_NONE);

  return self->time;
}

OvfTime
ovf_area_get_end_time (OvfArea *self)
{
  g_return_val_if_fail (OVF_IS_AREA (self), OVF_TIME_NONE);

  return self->end_time;
}

gboolean
ovf_area_applies_at (OvfArea *self,
                     OvfTime  time)
{
  g_return_val_if_fail (OVF_IS_AREA (self), FALSE);

  if (self->time != OVF_TIME_NONE && time < self->time)
    return FALSE;
  if (self->end_time != OVF_TIME_NONE && time > self->end_time)
    return FALSE;

  return TRUE;
}
