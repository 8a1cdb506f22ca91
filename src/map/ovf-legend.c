/* ovf-legend.c: the legend box of the overlay's symbols, measured and drawn without an overlay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ovf-draw.h"
#include "ovf-legend.h"
#include "ovf-overlay-private.h"

typedef enum
{
  SAMPLE_FLOWN,
  SAMPLE_FUTURE,
  SAMPLE_REPORTED,
  SAMPLE_ESTIMATED,
  SAMPLE_BALLOON,
  SAMPLE_EVENT,
  SAMPLE_PLACE,
  SAMPLE_AREA,
  SAMPLE_NONE,
} Sample;

static const struct {
  Sample sample;
  const char *label;
} legend_rows[] = {
  { SAMPLE_BALLOON, N_("Balloon now") },
  /* Translators: legend: the part of the path flown before the current time */
  { SAMPLE_FLOWN, N_("Flown") },
  /* Translators: legend: the part of the path still to be flown */
  { SAMPLE_FUTURE, N_("To come") },
  { SAMPLE_REPORTED, N_("Reported position") },
  { SAMPLE_ESTIMATED, N_("Estimated position") },
  { SAMPLE_EVENT, N_("Event, by category") },
  { SAMPLE_PLACE, N_("Place") },
  { SAMPLE_AREA, N_("Area in effect") },
};

/* Datasets of many tracks list this many by name, then how many more. */
#define LEGEND_MAX_TRACKS 8

typedef struct
{
  Sample sample;
  guint  slot;   /* a balloon's colour */
  char  *text;
} Row;

static void
row_clear (gpointer data)
{
  g_free (((Row *) data)->text);
}

static void
add_row (GArray     *rows,
         Sample      sample,
         guint       slot,
         const char *text)
{
  Row row = { sample, slot, g_strdup (text) };

  g_array_append_val (rows, row);
}

#define LEGEND_PADDING 10.0
#define LEGEND_ROW 21.0
#define LEGEND_SAMPLE 34.0

static void
draw_sample (cairo_t          *cr,
             const OvfPalette *palette,
             gboolean          dark,
             const Row        *row,
             double            x,
             double            y)
{
  static const double dash[] = { 7.0, 5.0 };
  Sample sample = row->sample;
  double cy = y + LEGEND_ROW / 2.0;
  double color[4];
  OvfRgba balloon;

  cairo_new_path (cr);
  switch (sample)
    {
    case SAMPLE_FLOWN:
    case SAMPLE_REPORTED:
    case SAMPLE_ESTIMATED:
      cairo_move_to (cr, x + 2, cy);
      cairo_line_to (cr, x + LEGEND_SAMPLE - 2, cy);
      cairo_set_dash (cr, sample == SAMPLE_ESTIMATED ? dash : NULL, sample == SAMPLE_ESTIMATED ? 2 : 0, 0);
      cairo_set_line_width (cr, 6.5);
      ovf_set_source (cr, &palette->casing, 1.0);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, 3.5);
      ovf_set_source (cr, &palette->path, 1.0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      break;
    case SAMPLE_FUTURE:
      cairo_move_to (cr, x + 2, cy);
      cairo_line_to (cr, x + LEGEND_SAMPLE - 2, cy);
      cairo_set_line_width (cr, 2.0);
      ovf_set_source (cr, &palette->path, 0.45);
      cairo_stroke (cr);
      break;
    case SAMPLE_BALLOON:
      balloon = ovf_overlay_track_rgba (row->slot, dark);
      cairo_arc (cr, x + LEGEND_SAMPLE / 2, cy, 6.0, 0, 2 * G_PI);
      ovf_set_source (cr, &balloon, 1.0);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 2.0);
      ovf_set_source (cr, &palette->casing, 1.0 / palette->casing.a);
      cairo_stroke (cr);
      break;
    case SAMPLE_EVENT:
      for (int i = 0; i < 4; i++)
        {
          static const OvfCategory shown[] = {
            OVF_CATEGORY_DETECTION, OVF_CATEGORY_SIGHTING, OVF_CATEGORY_MILITARY, OVF_CATEGORY_DIPLOMATIC,
          };

          ovf_overlay_get_category_color (shown[i], dark, color);
          ovf_draw_event_dot (cr, palette, x + 5 + i * 8, cy, color, FALSE, 1.0);
        }
      break;
    case SAMPLE_PLACE:
      ovf_trace_place_symbol (cr, OVF_PLACE_MILITARY, x + LEGEND_SAMPLE / 2, cy);
      ovf_set_source (cr, &palette->place, 1.0);
      cairo_fill (cr);
      break;
    case SAMPLE_NONE:
      break;
    case SAMPLE_AREA:
    default:
      cairo_rectangle (cr, x + 6, cy - 6, LEGEND_SAMPLE - 12, 12);
      ovf_set_source (cr, &palette->area, 0.22);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.5);
      ovf_set_source (cr, &palette->area, 0.9);
      cairo_stroke (cr);
      break;
    }
}

static gboolean
row_shown (OvfDataset *dataset,
           gboolean    show_places,
           Sample      sample)
{
  if (dataset == NULL)
    return TRUE;
  switch (sample)
    {
    case SAMPLE_PLACE:
      return show_places && g_list_model_get_n_items (ovf_dataset_get_places (dataset)) > 0;
    case SAMPLE_AREA:
      return g_list_model_get_n_items (ovf_dataset_get_areas (dataset)) > 0;
    case SAMPLE_EVENT:
      return g_list_model_get_n_items (ovf_dataset_get_events (dataset)) > 0;
    default:
      return TRUE;
    }
}

/* One "Balloon now" row, or with several tracks one per track by name in
 * its colour. */
static void
add_balloon_rows (GArray     *rows,
                  OvfDataset *dataset)
{
  GListModel *tracks = dataset != NULL ? ovf_dataset_get_tracks (dataset) : NULL;
  guint n = tracks != NULL ? g_list_model_get_n_items (tracks) : 0;

  if (n <= 1)
    {
      add_row (rows, SAMPLE_BALLOON, 0, _("Balloon now"));
      return;
    }

  for (guint i = 0; i < MIN (n, LEGEND_MAX_TRACKS); i++)
    {
      g_autoptr(OvfTrack) track = g_list_model_get_item (tracks, i);

      add_row (rows, SAMPLE_BALLOON, ovf_overlay_get_track_slot (dataset, i), ovf_track_get_name (track));
    }
  if (n > LEGEND_MAX_TRACKS)
    {
      guint more = n - LEGEND_MAX_TRACKS;
      g_autofree char *text = NULL;

      /* TRANSLATORS: the legend's last line when it lists only some of the tracks */
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more track", "and %u more tracks", more), more);
      add_row (rows, SAMPLE_NONE, 0, text);
    }
}

static GArray *
legend_rows_for (OvfDataset *dataset,
                 gboolean    show_places)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (Row));

  g_array_set_clear_func (rows, row_clear);
  for (guint i = 0; i < G_N_ELEMENTS (legend_rows); i++)
    {
      if (!row_shown (dataset, show_places, legend_rows[i].sample))
        continue;
      if (legend_rows[i].sample == SAMPLE_BALLOON)
        add_balloon_rows (rows, dataset);
      else
        add_row (rows, legend_rows[i].sample, 0, _(legend_rows[i].label));
    }
  return rows;
}

/* Measures with a scratch surface when @cr is NULL. */
static void
legend_draw (cairo_t    *cr,
             OvfDataset *dataset,
             gboolean    show_places,
             gboolean    dark,
             double      x,
             double      y,
             double     *out_width,
             double     *out_height)
{
  const OvfPalette *palette;
  cairo_surface_t *scratch = NULL;
  cairo_t *measure_cr = cr;
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GArray) rows = legend_rows_for (dataset, show_places);
  int text_w = 0;
  double width, height;

  palette = ovf_overlay_palette (dark);
  if (measure_cr == NULL)
    {
      scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
      measure_cr = cairo_create (scratch);
    }

  layout = ovf_draw_create_layout (measure_cr, 12.5, PANGO_WEIGHT_NORMAL);
  for (guint i = 0; i < rows->len; i++)
    {
      int w;

      pango_layout_set_text (layout, g_array_index (rows, Row, i).text, -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      text_w = MAX (text_w, w);
    }

  width = 2 * LEGEND_PADDING + LEGEND_SAMPLE + 8 + text_w;
  height = 2 * LEGEND_PADDING + rows->len * LEGEND_ROW;

  if (cr != NULL)
    {
      double row_y = y + LEGEND_PADDING;

      cairo_save (cr);
      ovf_draw_rounded_rectangle (cr, x, y, width, height, 8.0);
      ovf_set_source (cr, &palette->panel, 1.0);
      cairo_fill (cr);

      for (guint i = 0; i < rows->len; i++)
        {
          const Row *row = &g_array_index (rows, Row, i);
          int h;

          draw_sample (cr, palette, dark, row, x + LEGEND_PADDING, row_y);
          pango_layout_set_text (layout, row->text, -1);
          pango_layout_get_pixel_size (layout, NULL, &h);
          cairo_move_to (cr, x + LEGEND_PADDING + LEGEND_SAMPLE + 8, row_y + (LEGEND_ROW - h) / 2.0);
          ovf_set_source (cr, &palette->text, 1.0);
          pango_cairo_show_layout (cr, layout);
          row_y += LEGEND_ROW;
        }
      cairo_restore (cr);
    }

  if (scratch != NULL)
    {
      g_clear_object (&layout);
      cairo_destroy (measure_cr);
      cairo_surface_destroy (scratch);
    }

  if (out_width != NULL)
    *out_width = width;
  if (out_height != NULL)
    *out_height = height;
}

void
ovf_legend_measure (OvfDataset *dataset,
                    gboolean    show_places,
                    double     *out_width,
                    double     *out_height)
{
  g_return_if_fail (dataset == NULL || OVF_IS_DATASET (dataset));

  legend_draw (NULL, dataset, show_places, FALSE, 0, 0, out_width, out_height);
}

void
ovf_legend_draw (cairo_t    *cr,
                 OvfDataset *dataset,
                 gboolean    show_places,
                 gboolean    dark,
                 double      x,
                 double      y,
                 double     *out_width,
                 double     *out_height)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (dataset == NULL || OVF_IS_DATASET (dataset));

  legend_draw (cr, dataset, show_places, dark, x, y, out_width, out_height);
}
