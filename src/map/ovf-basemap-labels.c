/* ovf-basemap-labels.c: the built-in map's labels: their fonts, sizes and spots around their anchors, and their drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "ovf-basemap-private.h"

/* Label sizes are in logical pixels, as the map shows them at any zoom. */
#define LABEL_MAX_WIDTH 320.0
#define LABEL_HALO      OVF_BASEMAP_LABEL_HALO
#define CITY_DOT_GAP    5.0
#define CITY_DOT_RADIUS 4.0

/* The fonts of labels, made once: parsing a description and matching its
 * families would cost more than shaping the name. */
typedef enum {
  FONT_COUNTRY,
  FONT_REGION,
  FONT_CITY_LARGE,     /* a million people or more */
  FONT_CITY_MEDIUM,    /* 200,000 or more */
  FONT_CITY_MEDIUM_CAPITAL,
  FONT_CITY,
  FONT_CITY_CAPITAL,
  N_FONTS
} LabelFont;

static const PangoFontDescription *
label_font (const OvfBasemapRecord *l)
{
  static PangoFontDescription *fonts[N_FONTS];
  static gsize made = 0;
  LabelFont which;

  if (g_once_init_enter (&made))
    {
      static const struct { double size; PangoWeight weight; PangoStyle style; } specs[N_FONTS] = {
        { 10.0, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL },
        { 9.5, PANGO_WEIGHT_NORMAL, PANGO_STYLE_ITALIC },
        { 11.0, PANGO_WEIGHT_SEMIBOLD, PANGO_STYLE_NORMAL },
        { 10.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
        { 10.0, PANGO_WEIGHT_SEMIBOLD, PANGO_STYLE_NORMAL },
        { 9.0, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL },
        { 9.0, PANGO_WEIGHT_SEMIBOLD, PANGO_STYLE_NORMAL },
      };

      for (guint i = 0; i < N_FONTS; i++)
        {
          fonts[i] = pango_font_description_from_string ("Cantarell, DejaVu Sans, Sans");
          pango_font_description_set_absolute_size (fonts[i], specs[i].size * PANGO_SCALE);
          pango_font_description_set_weight (fonts[i], specs[i].weight);
          pango_font_description_set_style (fonts[i], specs[i].style);
        }
      g_once_init_leave (&made, 1);
    }

  switch (l->kind)
    {
    case OVF_BASEMAP_LABEL_COUNTRY:
      which = FONT_COUNTRY;
      break;
    case OVF_BASEMAP_LABEL_REGION:
      which = FONT_REGION;
      break;
    case OVF_BASEMAP_LABEL_CITY:
    default:
      which = l->population >= 1000000 ? FONT_CITY_LARGE : l->population >= 200000 ? FONT_CITY_MEDIUM : FONT_CITY;
      /* A capital's name is semibold at any size, as large cities' are. */
      if (which != FONT_CITY_LARGE && (l->flags & LABEL_FLAG_CAPITAL))
        which++;
      break;
    }
  return fonts[which];
}

/* One context per thread: the default font map is per thread, which keeps
 * Pango safe wherever a label is measured or drawn. */
static GPrivate label_context = G_PRIVATE_INIT (g_object_unref);

static PangoContext *
get_label_context (void)
{
  PangoContext *context = g_private_get (&label_context);
  cairo_font_options_t *options;

  if (context != NULL)
    return context;

  /* Unhinted metrics make a label measure the same on every surface. */
  context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (context, options);
  cairo_font_options_destroy (options);
  g_private_set (&label_context, context);
  return context;
}

/* Each thread keeps the layouts it made last: a label is measured for
 * placement and drawn in the same frame, and shaping it is the costly
 * part of both. */
#define MAX_CACHED_LAYOUTS 512

static GPrivate label_layouts = G_PRIVATE_INIT ((GDestroyNotify) g_hash_table_unref);

/* Returns: (transfer none): the label's name, shaped in its font. */
static PangoLayout *
label_layout (OvfBasemap *self,
              guint       index)
{
  GHashTable *layouts = g_private_get (&label_layouts);
  gpointer key = GUINT_TO_POINTER (index + 1);
  PangoLayout *layout;

  if (layouts == NULL)
    {
      layouts = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
      g_private_set (&label_layouts, layouts);
    }
  /* Keyed by index: the text tells another map's label apart. */
  layout = g_hash_table_lookup (layouts, key);
  if (layout != NULL && strcmp (pango_layout_get_text (layout), self->labels[index].name) == 0)
    return layout;

  if (g_hash_table_size (layouts) >= MAX_CACHED_LAYOUTS)
    g_hash_table_remove_all (layouts);
  layout = pango_layout_new (get_label_context ());
  pango_layout_set_font_description (layout, label_font (&self->labels[index]));
  pango_layout_set_text (layout, self->labels[index].name, -1);
  g_hash_table_replace (layouts, key, layout);
  return layout;
}

static void
label_size (OvfBasemap *self,
            guint       index,
            double     *w,
            double     *h)
{
  guint packed = (guint) g_atomic_int_get (&self->label_sizes[index]);

  if (packed == 0)
    {
      PangoLayout *layout = label_layout (self, index);
      PangoRectangle logical;
      guint pw, ph;

      pango_layout_get_extents (layout, NULL, &logical);
      pw = CLAMP ((guint) ceil (logical.width * 16.0 / PANGO_SCALE), 1, 0xffff);
      ph = CLAMP ((guint) ceil (logical.height * 16.0 / PANGO_SCALE), 1, 0x7fff);
      packed = pw << 16 | ph;
      g_atomic_int_set (&self->label_sizes[index], (gint) packed);
    }
  *w = (packed >> 16) / 16.0;
  *h = (packed & 0xffff) / 16.0;
}

void
ovf_basemap_get_label (OvfBasemap      *self,
                       guint            index,
                       OvfBasemapLabel *out_label)
{
  const OvfBasemapRecord *l;

  g_return_if_fail (OVF_IS_BASEMAP (self));
  g_return_if_fail (index < self->n_labels);
  g_return_if_fail (out_label != NULL);

  l = &self->labels[index];
  *out_label = (OvfBasemapLabel) {
    l->name, l->kind, l->population, (l->flags & LABEL_FLAG_CAPITAL) != 0,
    l->x, l->y, l->min_zoom, l->max_zoom,
  };
}

/* Whether the label's size is known, so that its spots cost no shaping. */
gboolean
ovf_basemap_is_label_measured (OvfBasemap *self,
                               guint       index)
{
  g_return_val_if_fail (OVF_IS_BASEMAP (self), FALSE);
  g_return_val_if_fail (index < self->n_labels, FALSE);

  return g_atomic_int_get (&self->label_sizes[index]) != 0;
}

static void
spot_init (OvfBasemapLabelSpot *spot,
           double               text_x,
           double               text_y,
           double               w,
           double               h,
           gboolean             dot)
{
  double x0 = text_x - LABEL_HALO, y0 = text_y - LABEL_HALO;
  double x1 = text_x + w + LABEL_HALO, y1 = text_y + h + LABEL_HALO;

  if (dot)
    {
      x0 = MIN (x0, -CITY_DOT_RADIUS);
      y0 = MIN (y0, -CITY_DOT_RADIUS);
      x1 = MAX (x1, CITY_DOT_RADIUS);
      y1 = MAX (y1, CITY_DOT_RADIUS);
    }
  *spot = (OvfBasemapLabelSpot) { x0, y0, x1 - x0, y1 - y0, text_x, text_y, w, h };
}

/**
 * ovf_basemap_get_label_spots:
 * @spots: (out caller-allocates) (array fixed-size=5): filled, best first
 *
 * The places the label may take around its anchor, in pixels from it, best
 * first: a city's name beside its dot on the right, the left, above or
 * below; a country's or state's name centred on its point, or moved up or
 * down by a line or two. Each box holds the text, its halo and a city's dot.
 *
 * Returns: how many spots were filled; 0 for a name too long to show.
 */
guint
ovf_basemap_get_label_spots (OvfBasemap          *self,
                             guint                index,
                             OvfBasemapLabelSpot  spots[OVF_BASEMAP_MAX_SPOTS])
{
  const OvfBasemapRecord *l;
  double w, h;

  g_return_val_if_fail (OVF_IS_BASEMAP (self), 0);
  g_return_val_if_fail (index < self->n_labels, 0);

  l = &self->labels[index];
  label_size (self, index, &w, &h);
  if (w > LABEL_MAX_WIDTH)
    return 0;

  if (l->kind == OVF_BASEMAP_LABEL_CITY)
    {
      spot_init (&spots[0], CITY_DOT_GAP, -h / 2, w, h, TRUE);
      spot_init (&spots[1], -CITY_DOT_GAP - w, -h / 2, w, h, TRUE);
      spot_init (&spots[2], -w / 2, -CITY_DOT_RADIUS - h, w, h, TRUE);
      spot_init (&spots[3], -w / 2, CITY_DOT_RADIUS, w, h, TRUE);
      return 4;
    }

  /* An area's name may stray a little from its point and still name it. */
  spot_init (&spots[0], -w / 2, -h / 2, w, h, FALSE);
  spot_init (&spots[1], -w / 2, -h / 2 - 1.2 * h, w, h, FALSE);
  spot_init (&spots[2], -w / 2, -h / 2 + 1.2 * h, w, h, FALSE);
  spot_init (&spots[3], -w / 2, -h / 2 - 2.4 * h, w, h, FALSE);
  spot_init (&spots[4], -w / 2, -h / 2 + 2.4 * h, w, h, FALSE);
  return 5;
}

static const double halo_offsets[8][2] = {
  { -1.2, 0 }, { 1.2, 0 }, { 0, -1.2 }, { 0, 1.2 },
  { -0.85, -0.85 }, { 0.85, -0.85 }, { -0.85, 0.85 }, { 0.85, 0.85 },
};

/**
 * ovf_basemap_draw_label_text:
 *
 * Draws the label's name with its halo, the text's top left at (@x, @y);
 * the halo reaches %OVF_BASEMAP_LABEL_HALO pixels further.
 */
void
ovf_basemap_draw_label_text (OvfBasemap *self,
                             cairo_t    *cr,
                             guint       index,
                             double      x,
                             double      y,
                             gboolean    dark)
{
  const OvfBasemapRecord *l;
  PangoLayout *layout;

  g_return_if_fail (OVF_IS_BASEMAP (self));
  g_return_if_fail (index < self->n_labels);

  l = &self->labels[index];
  layout = label_layout (self, index);
  cairo_save (cr);
  /* The halo is the text drawn around itself: glyphs come from cairo's
   * cache, which is far cheaper than stroking their outlines. */
  ovf_basemap_set_color (cr, OVF_BASEMAP_COLOR_HALO, dark, 0.55);
  for (guint i = 0; i < G_N_ELEMENTS (halo_offsets); i++)
    {
      cairo_move_to (cr, x + halo_offsets[i][0], y + halo_offsets[i][1]);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_move_to (cr, x, y);
  ovf_basemap_set_color (cr, OVF_BASEMAP_COLOR_TEXT, dark, l->kind == OVF_BASEMAP_LABEL_CITY ? 1.0 : 0.72);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* Draws a city's dot centred on (@x, @y); nothing for other labels. */
void
ovf_basemap_draw_label_dot (OvfBasemap *self,
                            cairo_t    *cr,
                            guint       index,
                            double      x,
                            double      y,
                            gboolean    dark)
{
  const OvfBasemapRecord *l;
  double r;

  g_return_if_fail (OVF_IS_BASEMAP (self));
  g_return_if_fail (index < self->n_labels);

  l = &self->labels[index];
  if (l->kind != OVF_BASEMAP_LABEL_CITY)
    return;
  r = (l->flags & LABEL_FLAG_CAPITAL) ? 2.8 : 2.2;
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r + 1.0, 0, 2 * G_PI);
  ovf_basemap_set_color (cr, OVF_BASEMAP_COLOR_HALO, dark, 0.9);
  cairo_fill (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  ovf_basemap_set_color (cr, OVF_BASEMAP_COLOR_TEXT, dark, 0.85);
  cairo_fill (cr);
}
