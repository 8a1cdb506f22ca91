/* ovf-scrubber.h: the timeline's scrubber, a range that draws itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define OVF_TYPE_SCRUBBER (ovf_scrubber_get_type ())
G_DECLARE_FINAL_TYPE (OvfScrubber, ovf_scrubber, OVF, SCRUBBER, GtkRange)

/* Draws the scrubber across width×height, as GtkDrawingArea's draw
 * function does. */
typedef void (*OvfScrubberDrawFunc) (OvfScrubber *scrubber,
                                     cairo_t     *cr,
                                     int          width,
                                     int          height,
                                     gpointer     user_data);

void ovf_scrubber_set_draw_func (OvfScrubber         *self,
                                 OvfScrubberDrawFunc  draw_func,
                                 gpointer             user_data,
                                 GDestroyNotify       destroy);

G_END_DECLS
