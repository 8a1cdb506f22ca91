/* ovf-basemap-draw.c: the built-in map's tiles: its palette, and water, land and borders drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ovf-basemap-private.h"

#define CELL_MARGIN    (1.0 / 16.0)

/* ---------- palette ---------- */

/* Colours after the GNOME palette: a pale paper land and a calm blue sea
 * in light mode; libadwaita's dark greys and a deep slate sea in dark. */
static const double palette[2][7][3] = {
  {
    { 0.706, 0.816, 0.910 },   /* water */
    { 0.965, 0.961, 0.957 },   /* land */
    { 0.561, 0.698, 0.824 },   /* shore */
    { 0.604, 0.561, 0.620 },   /* country border */
    { 0.753, 0.722, 0.765 },   /* region border */
    { 0.239, 0.220, 0.275 },   /* text */
    { 0.980, 0.980, 0.980 },   /* halo */
  },
  {
    { 0.106, 0.153, 0.212 },
    { 0.188, 0.188, 0.196 },
    { 0.227, 0.325, 0.427 },
    { 0.467, 0.463, 0.482 },
    { 0.337, 0.333, 0.353 },
    { 0.871, 0.867, 0.855 },
    { 0.141, 0.141, 0.141 },
  },
};

void
ovf_basemap_get_color (OvfBasemapColor color,
                       gboolean        dark,
                       double          rgb[3])
{
  g_return_if_fail ((guint) color < G_N_ELEMENTS (palette[0]));
  memcpy (rgb, palette[dark ? 1 : 0][color], sizeof (double) * 3);
}

void
ovf_basemap_set_color (cairo_t         *cr,
                       OvfBasemapColor  color,
                       gboolean         dark,
                       double           alpha)
{
  const double *c = palette[dark ? 1 : 0][color];

  cairo_set_source_rgba (cr, c[0], c[1], c[2], alpha);
}

/* ---------- geometry drawing ---------- */

typedef struct {
  double sx, sy;             /* tile px per cell unit; differ where the
                              * cell is clamped to the world's edge */
  double ox, oy;             /* tile px of cell unit 0,0 */
  double u0, v0, u1, v1;     /* tile in cell units, with a margin */
  double min_step;           /* in cell units: points closer are skipped */
  double min_size;           /* in cell units: smaller pieces are skipped */
} CellView;

static const OvfBasemapBlock *
block_for_zoom (OvfBasemap *self,
                guint       layer,
                int         zoom)
{
  for (guint lod = 0; lod < self->n_lods[layer]; lod++)
    {
      const OvfBasemapBlock *b = &self->blocks[layer][lod];

      if ((guint) zoom >= b->min_zoom && ((guint) zoom <= b->max_zoom || lod + 1 == self->n_lods[layer]))
        return b;
    }
  return NULL;
}

/* Cell rectangle as written by the converter: the grid square plus a
 * margin, clamped to the world. */
static void
cell_view_init (CellView              *view,
                const OvfBasemapBlock *block,
                int                    zoom,
                int                    x,
                int                    y,
                double                 tile_size,
                guint                 *out_cell)
{
  guint shift = zoom - block->grid_zoom;
  guint cx = (guint) x >> shift, cy = (guint) y >> shift;
  double w = 1.0 / (1u << block->grid_zoom);
  double rx0 = MAX (0.0, (cx - CELL_MARGIN) * w), ry0 = MAX (0.0, (cy - CELL_MARGIN) * w);
  double rx1 = MIN (1.0, (cx + 1 + CELL_MARGIN) * w), ry1 = MIN (1.0, (cy + 1 + CELL_MARGIN) * w);
  double world = ldexp (tile_size, zoom);
  double margin = 4.0 * tile_size / 256.0;

  view->sx = (rx1 - rx0) / 65535.0 * world;
  view->sy = (ry1 - ry0) / 65535.0 * world;
  view->ox = rx0 * world - x * tile_size;
  view->oy = ry0 * world - y * tile_size;
  view->u0 = (-margin - view->ox) / view->sx;
  view->v0 = (-margin - view->oy) / view->sy;
  view->u1 = (tile_size + margin - view->ox) / view->sx;
  view->v1 = (tile_size + margin - view->oy) / view->sy;
  view->min_step = 0.35 * tile_size / 256.0 / MAX (view->sx, view->sy);
  view->min_size = 0.6 * tile_size / 256.0 / MAX (view->sx, view->sy);
  *out_cell = cy * (1u << block->grid_zoom) + cx;
}

typedef enum {
  DRAW_FILL,
  DRAW_OUTLINE,              /* polygon edges, except those on the cell border */
  DRAW_LINES,
} DrawMode;

static inline gboolean
on_border (guint a, guint b)
{
  return a == b && (a == 0 || a == 65535);
}

static inline guint
outcode (const CellView *view,
         gint64          x,
         gint64          y)
{
  return (x < view->u0) | (x > view->u1) << 1 | (y < view->v0) << 2 | (y > view->v1) << 3;
}

/* Adds one ring or line to the path. For strokes, segments wholly off the
 * tile on one side are skipped (the pen is lifted), which keeps cairo's
 * stroker to what is visible. */
static void
add_piece (cairo_t        *cr,
           const CellView *view,
           const guint8  **pp,
           guint32         n,
           guint           x0,
           guint           y0,
           DrawMode        mode)
{
  const guint8 *p = *pp;
  gint64 x = x0, y = y0, px = 0, py = 0, first_x = 0, first_y = 0;
  guint code, prev_code = 0, first_code = 0;

  for (guint32 i = 0; i < n; i++)
    {
      x += unzigzag (read_varint (&p));
      y += unzigzag (read_varint (&p));
      if (i > 0 && i + 1 < n && fabs ((double) (x - px)) + fabs ((double) (y - py)) < view->min_step)
        continue;

      code = outcode (view, x, y);
      if (i == 0)
        {
          first_x = x;
          first_y = y;
          first_code = code;
          cairo_move_to (cr, view->ox + x * view->sx, view->oy + y * view->sy);
        }
      else if (mode != DRAW_FILL &&
               ((code & prev_code) || (mode == DRAW_OUTLINE && (on_border (px, x) || on_border (py, y)))))
        cairo_move_to (cr, view->ox + x * view->sx, view->oy + y * view->sy);
      else
        cairo_line_to (cr, view->ox + x * view->sx, view->oy + y * view->sy);
      px = x;
      py = y;
      prev_code = code;
    }

  if (mode == DRAW_FILL)
    cairo_close_path (cr);
  else if (mode == DRAW_OUTLINE && !(first_code & prev_code) &&
           !on_border (px, first_x) && !on_border (py, first_y))
    cairo_line_to (cr, view->ox + first_x * view->sx, view->oy + first_y * view->sy);
  *pp = p;
}

static void
skip_piece (const guint8 **pp,
            guint32        n)
{
  const guint8 *p = *pp;

  for (guint32 i = 0; i < 2 * n; i++)
    while (*p++ & 0x80)
      ;
  *pp = p;
}

static void
path_layer (OvfBasemap *self,
            cairo_t    *cr,
            guint       layer,
            int         zoom,
            int         x,
            int         y,
            double      tile_size,
            DrawMode    mode)
{
  const OvfBasemapBlock *block = block_for_zoom (self, layer, zoom);
  CellView view;
  guint cell;
  const guint8 *p, *end;
  double min_size;

  if (block == NULL)
    return;
  cell_view_init (&view, block, zoom, x, y, tile_size, &cell);
  if (!ovf_basemap_check_cell (block, cell, FALSE, NULL))
    return;
  /* Strokes are costly per segment in cairo: coarser steps for lines, and
   * outlines of islands a few pixels across are left to the fill. */
  if (mode != DRAW_FILL)
    view.min_step *= 2.5;
  min_size = mode == DRAW_OUTLINE ? 4 * view.min_size : view.min_size;
  p = block->body + read_u32 (block->offsets + 4 * cell);
  end = block->body + read_u32 (block->offsets + 4 * (cell + 1));

  while (p < end)
    {
      guint32 n = read_varint (&p);
      guint x0 = read_u16 (p), y0 = read_u16 (p + 2), x1 = read_u16 (p + 4), y1 = read_u16 (p + 6);

      p += 8;
      if (x1 < view.u0 || x0 > view.u1 || y1 < view.v0 || y0 > view.v1 ||
          (x1 - x0 < min_size && y1 - y0 < min_size))
        skip_piece (&p, n);
      else
        add_piece (cr, &view, &p, n, x0, y0, mode);
    }
}

static double
stroke_width (int    zoom,
              double base,
              double tile_size)
{
  double grow = zoom < 3 ? 0.7 : zoom < 6 ? 1.0 : zoom < 9 ? 1.3 : 1.6;

  return base * grow * tile_size / 256.0;
}

static void
draw_geometry (OvfBasemap *self,
               cairo_t    *cr,
               int         zoom,
               int         x,
               int         y,
               double      tile_size,
               gboolean    dark)
{
  ovf_basemap_set_color (cr, OVF_BASEMAP_COLOR_WATER, dark, 1.0);
  cairo_paint (cr);

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  path_layer (self, cr, LAYER_LAND, zoom, x, y, tile_size, DRAW_FILL);
  ovf_basemap_set_color (cr, OVF_BASEMAP_COLOR_LAND, dark, 1.0);
  cairo_fill (cr);

  path_layer (self, cr, LAYER_LAKE, zoom, x, y, tile_size, DRAW_FILL);
  ovf_basemap_set_color (cr, OVF_BASEMAP_COLOR_WATER, dark, 1.0);
  cairo_fill (cr);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* States and provinces only once they are more than a few pixels wide. */
  if (zoom >= 3)
    {
      path_layer (self, cr, LAYER_REGION_BORDER, zoom, x, y, tile_size, DRAW_LINES);
      ovf_basemap_set_color (cr, OVF_BASEMAP_COLOR_REGION_BORDER, dark, 1.0);
      cairo_set_line_width (cr, stroke_width (zoom, 0.7, tile_size));
      cairo_stroke (cr);
    }

  /* On the whole world at once the shore line would only blur the coast. */
  if (zoom >= 2)
    {
      path_layer (self, cr, LAYER_LAND, zoom, x, y, tile_size, DRAW_OUTLINE);
      path_layer (self, cr, LAYER_LAKE, zoom, x, y, tile_size, DRAW_OUTLINE);
      ovf_basemap_set_color (cr, OVF_BASEMAP_COLOR_SHORE, dark, 1.0);
      cairo_set_line_width (cr, stroke_width (zoom, 0.8, tile_size));
      /* Coasts at small scales are thousands of tiny segments; cairo's
       * faster rasteriser halves their cost and looks the same there. */
      if (zoom < 6)
        cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
      cairo_stroke (cr);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
    }

  path_layer (self, cr, LAYER_COUNTRY_BORDER, zoom, x, y, tile_size, DRAW_LINES);
  ovf_basemap_set_color (cr, OVF_BASEMAP_COLOR_COUNTRY_BORDER, dark, 1.0);
  cairo_set_line_width (cr, stroke_width (zoom, 1.1, tile_size));
  cairo_stroke (cr);
}

/**
 * ovf_basemap_render_tile:
 * @cr: where to draw; the tile covers (0, 0)–(@tile_size, @tile_size)
 *
 * Draws one Web Mercator tile: water, land and borders. Safe to call from
 * several threads at once. Past the data's native detail the vectors keep
 * drawing crisp. Labels are not part of tiles: they are placed for a whole
 * view at once, around what is drawn over the map (see ovf-label-placer.c).
 */
void
ovf_basemap_render_tile (OvfBasemap *self,
                         cairo_t    *cr,
                         int         zoom,
                         int         x,
                         int         y,
                         double      tile_size,
                         gboolean    dark)
{
  int n;

  g_return_if_fail (OVF_IS_BASEMAP (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (zoom >= 0 && zoom <= 24);
  g_return_if_fail (tile_size > 0);

  n = 1 << zoom;
  if (y < 0 || y >= n)
    {
      ovf_basemap_set_color (cr, OVF_BASEMAP_COLOR_WATER, dark, 1.0);
      cairo_paint (cr);
      return;
    }
  x = ((x % n) + n) % n;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, tile_size, tile_size);
  cairo_clip (cr);
  draw_geometry (self, cr, zoom, x, y, tile_size, dark);
  cairo_restore (cr);
}
