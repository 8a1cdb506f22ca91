/* ovf-draw.c: cairo helpers shared by the overlay, the timeline and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ovf-draw.h"

/**
 * ovf_draw_rounded_rectangle:
 * @radius: the corners' radius, at most half the shorter side
 *
 * Adds a closed rounded rectangle to @cr's path.
 */
void
ovf_draw_rounded_rectangle (cairo_t *cr,
                            double   x,
                            double   y,
                            double   width,
                            double   height,
                            double   radius)
{
  radius = MIN (radius, MIN (width, height) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/**
 * ovf_draw_create_layout:
 * @size_px: the font size in @cr's units, whatever the screen's resolution
 *
 * Returns: (transfer full): a layout in the app's typeface (Cantarell,
 *   falling back to the system's sans-serif)
 */
PangoLayout *
ovf_draw_create_layout (cairo_t     *cr,
                        double       size_px,
                        PangoWeight  weight)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Cantarell, Sans");

  pango_font_description_set_absolute_size (font, size_px * PANGO_SCALE);
  pango_font_description_set_weight (font, weight);
  pango_layout_set_font_description (layout, font);
  return layout;
}
