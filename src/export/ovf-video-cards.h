/* ovf-video-cards.h: a clip's title and end cards, and its notes over skipped time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "ovf-dataset.h"

G_BEGIN_DECLS

/* The dataset's title and the clip's range, at @alpha from black. */
void ovf_video_cards_draw_title (cairo_t    *cr,
                                 OvfDataset *dataset,
                                 int         width,
                                 int         height,
                                 OvfTime     start,
                                 OvfTime     end,
                                 double      alpha);
/* The dataset's credits, licence and the map's attribution. */
void ovf_video_cards_draw_end   (cairo_t    *cr,
                                 OvfDataset *dataset,
                                 int         width,
                                 int         height,
                                 double      alpha);
/* "3 days later", centred near the top. */
void ovf_video_cards_draw_note  (cairo_t    *cr,
                                 const char *text,
                                 int         width,
                                 int         height,
                                 double      alpha);

G_END_DECLS
