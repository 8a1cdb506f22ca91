/* ovf-video-cards.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "ovf-basemap-source.h"
#include "ovf-time-format.h"
#include "ovf-video-cards.h"

/* Type sizes are for a 1080-pixel-high frame and scale with it. */
static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             double      size,
             gboolean    bold,
             int         max_width)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, max_width * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Lines of text stacked and centred on a dark card. */
static void
draw_card (cairo_t     *cr,
           int          width,
           int          height,
           const char **lines,
           const double *sizes,
           guint        n_lines,
           double       alpha)
{
  double unit = height / 1080.0, total = 0.0, y;
  int max_width = (int) (width * 0.8);
  PangoLayout *layouts[8];

  g_return_if_fail (n_lines <= G_N_ELEMENTS (layouts));

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.12, 0.13, 0.16);
  cairo_paint (cr);
  for (guint i = 0; i < n_lines; i++)
    {
      int h;

      layouts[i] = make_layout (cr, lines[i], sizes[i] * unit, i == 0, max_width);
      pango_layout_get_pixel_size (layouts[i], NULL, &h);
      total += h + 24 * unit;
    }

  y = (height - total) / 2.0;
  cairo_set_source_rgb (cr, 0.96, 0.96, 0.96);
  for (guint i = 0; i < n_lines; i++)
    {
      int h;

      pango_layout_get_pixel_size (layouts[i], NULL, &h);
      cairo_move_to (cr, (width - max_width) / 2.0, y);
      pango_cairo_show_layout (cr, layouts[i]);
      y += h + 24 * unit;
      g_object_unref (layouts[i]);
    }

  cairo_set_source_rgba (cr, 0, 0, 0, 1.0 - alpha);
  cairo_paint (cr);
  cairo_restore (cr);
}

void
ovf_video_cards_draw_title (cairo_t    *cr,
                            OvfDataset *dataset,
                            int         width,
                            int         height,
                            OvfTime     start,
                            OvfTime     end,
                            double      alpha)
{
  g_autofree char *from = ovf_time_format_utc (start);
  g_autofree char *to = ovf_time_format_utc (end);
  /* Translators: a clip's time range, from one date and time to another */
  g_autofree char *range = g_strdup_printf (_("%s – %s"), from, to);
  const char *lines[] = { ovf_dataset_get_title (dataset), range };
  const double sizes[] = { 72, 36 };

  draw_card (cr, width, height, lines, sizes, G_N_ELEMENTS (lines), alpha);
}

void
ovf_video_cards_draw_end (cairo_t    *cr,
                          OvfDataset *dataset,
                          int         width,
                          int         height,
                          double      alpha)
{
  const char * const *credits = ovf_dataset_get_credits (dataset);
  g_autofree char *joined = credits != NULL ? g_strjoinv ("\n", (char **) credits) : g_strdup ("");
  const char *data_license = ovf_dataset_get_license (dataset);
  /* Translators: the licence of the dataset shown in a video, such as "Data licence: CC-BY-4.0" */
  g_autofree char *license = g_strdup_printf (_("Data licence: %s"), data_license != NULL ? data_license : "");
  g_autofree char *made = g_strdup_printf ("%s · Overflight %s", ovf_basemap_source_license (), PACKAGE_VERSION);
  const char *lines[] = {
    _("Sources"),
    joined,
    license,
    made,
  };
  const double sizes[] = { 56, 30, 30, 26 };

  draw_card (cr, width, height, lines, sizes, G_N_ELEMENTS (lines), alpha);
}

void
ovf_video_cards_draw_note (cairo_t    *cr,
                           const char *text,
                           int         width,
                           int         height,
                           double      alpha)
{
  double unit = MAX (height / 1080.0, 0.5);
  g_autoptr(PangoLayout) layout = make_layout (cr, text, 40 * unit, TRUE, width);
  PangoRectangle ink;
  double pad = 16 * unit, x, y;

  pango_layout_get_pixel_extents (layout, NULL, &ink);
  x = (width - ink.width) / 2.0;
  y = 120 * unit;

  cairo_save (cr);
  cairo_set_source_rgba (cr, 0.12, 0.13, 0.16, 0.8 * alpha);
  cairo_rectangle (cr, x - pad, y - pad, ink.width + 2 * pad, ink.height + 2 * pad);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, alpha);
  cairo_move_to (cr, x - ink.x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}
