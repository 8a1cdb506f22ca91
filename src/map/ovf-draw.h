/* ovf-draw.h: cairo helpers shared by the map overlay, the timeline and
 * export, so the window and exported images draw alike
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

G_BEGIN_DECLS

void         ovf_draw_rounded_rectangle (cairo_t     *cr,
                                         double       x,
                                         double       y,
                                         double       width,
                                         double       height,
                                         double       radius);

PangoLayout *ovf_draw_create_layout     (cairo_t     *cr,
                                         double       size_px,
                                         PangoWeight  weight);

G_END_DECLS
