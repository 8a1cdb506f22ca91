/* ovf-legend.h: the legend box of the overlay's symbols, measured and drawn without an overlay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "ovf-dataset.h"

G_BEGIN_DECLS

/* The legend's rows follow what @dataset holds (every row without one) and
 * whether places are shown. Its size does not depend on @dark. */
void ovf_legend_measure (OvfDataset *dataset,
                         gboolean    show_places,
                         double     *out_width,
                         double     *out_height);
/* Draws the legend box with its top left at (x, y), measured with @cr. */
void ovf_legend_draw    (cairo_t    *cr,
                         OvfDataset *dataset,
                         gboolean    show_places,
                         gboolean    dark,
                         double      x,
                         double      y,
                         double     *out_width,
                         double     *out_height);

G_END_DECLS
