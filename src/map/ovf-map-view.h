/* ovf-map-view.h: a view of the Web Mercator plane, its projection, and the one fit of a dataset into it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ovf-dataset.h"
#include "ovf-view-options.h"

G_BEGIN_DECLS

/* A view of the Web Mercator plane. The centre is in the unit square (x
 * east from -180°, y south from the top edge); one world is
 * tile_size * 2^zoom logical pixels wide. */
typedef struct
{
  double center_x;
  double center_y;
  double zoom;
  double width;
  double height;
  double tile_size;
} OvfMapView;

/* Projects onto the view, in logical pixels; for tests and hit checks. */
void        ovf_map_view_project            (const OvfMapView *view,
                                             double            lat,
                                             double            lon,
                                             double           *out_x,
                                             double           *out_y);
/* The width of one world, tile_size * 2^zoom, in logical pixels. */
double      ovf_map_view_world_size         (const OvfMapView *view);
/* Sets @view to show the mercator box (x0, y0)-(x1, y1) whole, with
 * @padding logical pixels around it; width, height and tile_size must be set. */
void        ovf_map_view_fit                (OvfMapView       *view,
                                             double            x0,
                                             double            y0,
                                             double            x1,
                                             double            y1,
                                             double            padding);
/* Centres and zooms @view (width, height and tile_size set) on what @fit
 * names in @dataset, keeping @left_inset logical pixels at the left edge
 * clear (for a legend). The window's first view and `--fit` both frame
 * with this. FALSE, and @view unchanged, when there is nothing to fit. */
gboolean    ovf_map_view_fit_dataset        (OvfMapView       *view,
                                             OvfDataset       *dataset,
                                             const OvfFit     *fit,
                                             double            left_inset);

G_END_DECLS
