/* ovf-label-placer.h: one label placement for everything drawn on a map view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

#include "ovf-basemap.h"

G_BEGIN_DECLS

typedef enum {
  OVF_LABEL_MARKER,   /* the time and altitude beside the balloon */
  OVF_LABEL_TRACK,    /* a balloon's name, when there are several */
  OVF_LABEL_PLACE,    /* a place of the story */
  OVF_LABEL_BASEMAP,  /* a country, state or city of the built-in map */
} OvfLabelSource;

/* A label as placed in the last frame: its box in view pixels, holding
 * the text, its halo or panel, and a city's dot. */
typedef struct {
  const char     *text;
  OvfLabelSource  source;
  double          x, y, width, height;
} OvfPlacedLabel;

#define OVF_TYPE_LABEL_PLACER (ovf_label_placer_get_type ())
G_DECLARE_FINAL_TYPE (OvfLabelPlacer, ovf_label_placer, OVF, LABEL_PLACER, GObject)

OvfLabelPlacer *ovf_label_placer_new            (void);

OvfBasemap     *ovf_label_placer_get_basemap    (OvfLabelPlacer          *self);
void            ovf_label_placer_set_basemap    (OvfLabelPlacer          *self,
                                                 OvfBasemap              *basemap);

void            ovf_label_placer_set_budget     (OvfLabelPlacer          *self,
                                                 guint                    n_labels);
gboolean        ovf_label_placer_get_deferred   (OvfLabelPlacer          *self);

void            ovf_label_placer_begin          (OvfLabelPlacer          *self,
                                                 double                   width,
                                                 double                   height);
void            ovf_label_placer_add_obstacle   (OvfLabelPlacer          *self,
                                                 const cairo_rectangle_t *box);
gboolean        ovf_label_placer_is_free        (OvfLabelPlacer          *self,
                                                 const cairo_rectangle_t *box);
void            ovf_label_placer_take           (OvfLabelPlacer          *self,
                                                 const cairo_rectangle_t *box,
                                                 OvfLabelSource           source,
                                                 const char              *text);
int             ovf_label_placer_place          (OvfLabelPlacer          *self,
                                                 const cairo_rectangle_t *boxes,
                                                 guint                    n_boxes,
                                                 OvfLabelSource           source,
                                                 const char              *text);
void            ovf_label_placer_place_basemap  (OvfLabelPlacer          *self,
                                                 double                   center_x,
                                                 double                   center_y,
                                                 double                   zoom,
                                                 double                   world_size);
void            ovf_label_placer_draw_basemap   (OvfLabelPlacer          *self,
                                                 cairo_t                 *cr,
                                                 gboolean                 dark);

GArray         *ovf_label_placer_get_placed     (OvfLabelPlacer          *self);

G_END_DECLS
