/* ovf-export-decorations.c: what an export draws over the map: caption, legend room, scale bar, attribution
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "ovf-basemap-source.h"
#include "ovf-draw.h"
#include "ovf-exporter-private.h"
#include "ovf-geo.h"
#include "ovf-legend.h"
#include "ovf-overlay.h"
#include "ovf-time-format.h"

/* The width the legend takes at the left edge, as render draws it. */
double
ovf_export_legend_column_width (const OvfExportOptions *options)
{
  double shrink, width, height;

  if (!options->legend)
    return 0.0;

  shrink = CLAMP (MIN (options->view.width / 1000.0, options->view.height / 640.0), 0.55, 1.0);
  /* Every row, whatever the dataset holds. */
  ovf_legend_measure (NULL, TRUE, &width, &height);
  return (OVF_EXPORT_MARGIN + width) * shrink;
}

/* Text */

void
ovf_export_set_panel_source (cairo_t  *cr,
                             gboolean  dark)
{
  if (dark)
    cairo_set_source_rgba (cr, 0.14, 0.14, 0.15, 0.9);
  else
    cairo_set_source_rgba (cr, 1.0, 1.0, 1.0, 0.9);
}

void
ovf_export_set_text_source (cairo_t  *cr,
                            gboolean  dark,
                            double    alpha)
{
  if (dark)
    cairo_set_source_rgba (cr, 0.96, 0.96, 0.96, alpha);
  else
    cairo_set_source_rgba (cr, 0.14, 0.14, 0.16, alpha);
}

/* Caption */

OvfEvent *
ovf_export_caption_event (OvfDataset             *dataset,
                          const OvfExportOptions *options)
{
  int index;

  if (options->selected_event != NULL)
    return g_object_ref (options->selected_event);
  index = ovf_dataset_find_event_at_or_before (dataset, options->time);
  if (index < 0)
    return NULL;
  return g_list_model_get_item (ovf_dataset_get_events (dataset), index);
}

/* "4 February 2023, 19:39 UTC · 14:39 EST" */
char *
ovf_export_format_caption_time (OvfTime     time,
                                const char *zone_id)
{
  g_autoptr(GTimeZone) zone = zone_id != NULL ? g_time_zone_new_identifier (zone_id) : NULL;
  g_autofree char *utc_text = ovf_time_format_utc (time);
  g_autofree char *local_text = NULL;

  if (utc_text == NULL)
    return g_strdup ("");
  if (zone == NULL)
    return g_steal_pointer (&utc_text);

  local_text = ovf_time_format_clock_in_zone (time, zone);
  if (local_text == NULL)
    return g_steal_pointer (&utc_text);
  return g_strdup_printf ("%s · %s", utc_text, local_text);
}

cairo_rectangle_t
ovf_export_draw_caption (OvfDataset             *dataset,
                         const OvfExportOptions *options,
                         cairo_t                *cr,
                         const OvfMapView       *view,
                         gboolean                paint)
{
  g_autoptr(OvfEvent) event = ovf_export_caption_event (dataset, options);
  g_autoptr(PangoLayout) title = ovf_draw_create_layout (cr, 22.0, PANGO_WEIGHT_BOLD);
  g_autoptr(PangoLayout) when = ovf_draw_create_layout (cr, 15.0, PANGO_WEIGHT_NORMAL);
  g_autoptr(PangoLayout) what = ovf_draw_create_layout (cr, 15.0, PANGO_WEIGHT_NORMAL);
  g_autofree char *time_text = NULL;
  int max_w = (int) MAX (view->width - 2 * OVF_EXPORT_MARGIN - 32, 40);
  int tw, th, ww, wh, ew = 0, eh = 0;
  double x = OVF_EXPORT_MARGIN, y = OVF_EXPORT_MARGIN, w, h;

  time_text = ovf_export_format_caption_time (options->time, event != NULL ? ovf_event_get_timezone (event) : NULL);
  pango_layout_set_text (title, ovf_dataset_get_title (dataset), -1);
  pango_layout_set_text (when, time_text, -1);
  pango_layout_set_width (title, max_w * PANGO_SCALE);
  pango_layout_set_width (when, max_w * PANGO_SCALE);
  pango_layout_set_width (what, MIN (max_w, 640) * PANGO_SCALE);
  pango_layout_set_wrap (title, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_wrap (what, PANGO_WRAP_WORD_CHAR);
  pango_layout_get_pixel_size (title, &tw, &th);
  pango_layout_get_pixel_size (when, &ww, &wh);
  if (event != NULL)
    {
      pango_layout_set_text (what, ovf_event_get_title (event), -1);
      pango_layout_get_pixel_size (what, &ew, &eh);
    }

  w = MAX (MAX (tw, ww), ew) + 32;
  h = th + 4 + wh + (event != NULL ? 6 + eh : 0) + 24;
  if (!paint)
    return (cairo_rectangle_t) { x, y, w, h };

  cairo_save (cr);
  ovf_draw_rounded_rectangle (cr, x, y, w, h, 10.0);
  ovf_export_set_panel_source (cr, options->dark);
  cairo_fill (cr);

  x += 16;
  y += 12;
  ovf_export_set_text_source (cr, options->dark, 1.0);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, title);
  y += th + 4;
  ovf_export_set_text_source (cr, options->dark, 0.8);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, when);
  if (event != NULL)
    {
      double color[4];

      y += wh + 6;
      ovf_overlay_get_category_color (ovf_event_get_category (event), options->dark, color);
      cairo_arc (cr, x + 5, y + eh / 2.0, 5, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, color[0], color[1], color[2], 1.0);
      cairo_fill (cr);
      cairo_move_to (cr, x + 16, y);
      pango_layout_set_width (what, (MIN (max_w, 640) - 16) * PANGO_SCALE);
      ovf_export_set_text_source (cr, options->dark, 1.0);
      pango_cairo_show_layout (cr, what);
    }
  cairo_restore (cr);
  return (cairo_rectangle_t) { OVF_EXPORT_MARGIN, OVF_EXPORT_MARGIN, w, h };
}

/* Scale bar and attribution */

static double
nice_length (double max)
{
  double magnitude = pow (10.0, floor (log10 (max)));

  if (5 * magnitude <= max)
    return 5 * magnitude;
  if (2 * magnitude <= max)
    return 2 * magnitude;
  return magnitude;
}

static void
draw_scale_row (cairo_t  *cr,
                gboolean  dark,
                double    x,
                double    y,
                double    length_px,
                const char *label)
{
  g_autoptr(PangoLayout) layout = ovf_draw_create_layout (cr, 12.0, PANGO_WEIGHT_NORMAL);
  int w, h;

  pango_layout_set_text (layout, label, -1);
  pango_layout_get_pixel_size (layout, &w, &h);

  cairo_new_path (cr);
  cairo_move_to (cr, x, y - 5);
  cairo_line_to (cr, x, y);
  cairo_line_to (cr, x + length_px, y);
  cairo_line_to (cr, x + length_px, y - 5);
  cairo_set_line_width (cr, 2.0);
  ovf_export_set_text_source (cr, dark, 1.0);
  cairo_stroke (cr);
  cairo_move_to (cr, x + length_px + 6, y - h + 3);
  pango_cairo_show_layout (cr, layout);
}

/* Returns the height used, drawn with its bottom right at (right, bottom). */
#define SCALE_BAR_WIDTH 200.0
#define SCALE_BAR_HEIGHT 50.0

/* Where the scale bar goes with its bottom right at (right, bottom). */
cairo_rectangle_t
ovf_export_scale_bar_box (double right,
                          double bottom)
{
  return (cairo_rectangle_t) { right - SCALE_BAR_WIDTH - 10, bottom - SCALE_BAR_HEIGHT, SCALE_BAR_WIDTH + 10,
                               SCALE_BAR_HEIGHT };
}

double
ovf_export_draw_scale_bar (cairo_t          *cr,
                           const OvfMapView *view,
                           gboolean          dark,
                           double            right,
                           double            bottom)
{
  const double max_px = 140.0;
  double lat, lon, m_per_px, km, mi;
  g_autofree char *km_label = NULL;
  g_autofree char *mi_label = NULL;
  cairo_rectangle_t box = ovf_export_scale_bar_box (right, bottom);
  double x = right - SCALE_BAR_WIDTH;

  ovf_geo_from_mercator (view->center_x, view->center_y, &lat, &lon);
  m_per_px = cos (lat * G_PI / 180.0) * 2 * G_PI * OVF_EARTH_RADIUS_M / ovf_map_view_world_size (view);
  km = nice_length (max_px * m_per_px / 1000.0);
  mi = nice_length (max_px * m_per_px / 1609.344);
  /* TRANSLATORS: scale bar lengths */
  km_label = g_strdup_printf (_("%g km"), km);
  mi_label = g_strdup_printf (_("%g mi"), mi);

  cairo_save (cr);
  ovf_draw_rounded_rectangle (cr, box.x, box.y, box.width, box.height, 8.0);
  ovf_export_set_panel_source (cr, dark);
  cairo_fill (cr);
  draw_scale_row (cr, dark, x, bottom - 28, km * 1000.0 / m_per_px, km_label);
  draw_scale_row (cr, dark, x, bottom - 8, mi * 1609.344 / m_per_px, mi_label);
  cairo_restore (cr);
  return SCALE_BAR_HEIGHT;
}

/* The short credit line an image carries; the sidecar has the full
 * attribution and the dataset's credits. */
static char *
attribution_text (OvfDataset   *dataset,
                  OvfOsmSource *osm)
{
  GString *text = g_string_new (osm != NULL
                                ? shumate_map_source_get_license (SHUMATE_MAP_SOURCE (osm))
                                : ovf_basemap_source_license ());
  const char *license = ovf_dataset_get_license (dataset);

  g_string_append (text, " · ");
  /* TRANSLATORS: credit for the dataset: its title follows */
  g_string_append_printf (text, _("Data: %s"), ovf_dataset_get_title (dataset));
  if (license != NULL && *license != '\0')
    g_string_append_printf (text, " (%s)", license);
  g_string_append_printf (text, " · Overflight %s", PACKAGE_VERSION);
  return g_string_free (text, FALSE);
}

/* Draws the credit line along the bottom right, or with @paint FALSE only
 * measures it; either way returns its box. */
cairo_rectangle_t
ovf_export_draw_attribution (OvfDataset       *dataset,
                             OvfOsmSource     *osm,
                             cairo_t          *cr,
                             const OvfMapView *view,
                             gboolean          dark,
                             gboolean          paint)
{
  g_autoptr(PangoLayout) layout = ovf_draw_create_layout (cr, 11.0, PANGO_WEIGHT_NORMAL);
  g_autofree char *text = attribution_text (dataset, osm);
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, (int) MAX (view->width - 8, 20) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (!paint)
    return (cairo_rectangle_t) { view->width - w - 8, view->height - h - 4, w + 8, h + 4 };

  cairo_save (cr);
  cairo_rectangle (cr, view->width - w - 8, view->height - h - 4, w + 8, h + 4);
  ovf_export_set_panel_source (cr, dark);
  cairo_fill (cr);
  ovf_export_set_text_source (cr, dark, 0.85);
  /* A right-aligned layout draws from its own width's left edge. */
  cairo_move_to (cr, 4, view->height - h - 2);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  return (cairo_rectangle_t) { view->width - w - 8, view->height - h - 4, w + 8, h + 4 };
}

/**
 * ovf_export_layout_panels:
 * @view: the decorations' view (the map's, shrunk on small images)
 * @panels: (element-type cairo_rectangle_t): gains the panels' boxes
 *
 * Measures the panels drawn over the map (credits, caption, legend, scale
 * bar) without drawing them, so the map's labels can keep clear of them.
 * Returns the bottom edge of the legend and scale bar.
 */
double
ovf_export_layout_panels (OvfDataset             *dataset,
                          const OvfExportOptions *options,
                          cairo_t                *cr,
                          const OvfMapView       *view,
                          GArray                 *panels)
{
  cairo_rectangle_t box = ovf_export_draw_attribution (dataset, options->osm, cr, view, options->dark, FALSE);
  double bottom = box.y - OVF_EXPORT_MARGIN / 2;

  g_array_append_val (panels, box);
  if (options->caption)
    {
      box = ovf_export_draw_caption (dataset, options, cr, view, FALSE);
      g_array_append_val (panels, box);
    }
  if (options->legend)
    {
      ovf_legend_measure (dataset, options->places, &box.width, &box.height);
      box.x = OVF_EXPORT_MARGIN;
      box.y = bottom - box.height;
      g_array_append_val (panels, box);
    }
  if (options->scale_bar)
    {
      box = ovf_export_scale_bar_box (view->width - OVF_EXPORT_MARGIN, bottom);
      g_array_append_val (panels, box);
    }
  return bottom;
}
