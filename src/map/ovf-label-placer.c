/* ovf-label-placer.c: one placement pass for the story's and the basemap's labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ovf-label-placer.h"

/* Every label on a map view is placed here, once per frame, in the window
 * and in exports alike. What must stay visible comes first as obstacles:
 * the panels over the map, the story's markers; then labels in order of
 * importance, the story's own before the basemap's. A label takes the
 * first of its spots that lies wholly inside the view and meets nothing
 * placed before it, or is left out: none is drawn cut or covered. */

/* Side of the grid cells that index the boxes, in pixels. */
#define CELL 128.0
#define MAX_CACHED_SPRITES 1024
/* Zooms above this show the labels of this one. */
#define MAX_LEVEL 24

/* A basemap label that may show at a level, in its list sorted by y. */
typedef struct
{
  double y;
  guint  index;
} LevelEntry;

typedef struct
{
  guint  index;
  guint  spot_index;
  double x, y;               /* the label's point, in view pixels */
  OvfBasemapLabelSpot spot;
} BasemapPlaced;

struct _OvfLabelPlacer
{
  GObject       parent_instance;

  OvfBasemap   *basemap;
  double        width;
  double        height;
  int           columns;
  int           rows;
  GArray       *boxes;       /* cairo_rectangle_t: obstacles and placed labels */
  GArray      **cells;       /* per grid cell: guint indices into boxes */
  GArray       *placed;      /* OvfPlacedLabel */
  GStringChunk *texts;
  GArray       *basemap_placed;
  GHashTable   *sprites;     /* label index << 4 | spot << 1 | dark → cairo_surface_t */
  double        sprite_scale;
  GArray       *levels[MAX_LEVEL + 1];  /* LevelEntry, built when first needed */
  guint         budget;      /* labels a frame may measure; 0 for all */
  guint         measured;    /* by this frame */
  gboolean      deferred;    /* some were left for later frames */
  GArray       *nearby;      /* guint: this frame's candidates */
};

G_DEFINE_FINAL_TYPE (OvfLabelPlacer, ovf_label_placer, G_TYPE_OBJECT)

static void
free_cells (OvfLabelPlacer *self)
{
  for (int i = 0; i < self->columns * self->rows; i++)
    g_array_unref (self->cells[i]);
  g_clear_pointer (&self->cells, g_free);
  self->columns = self->rows = 0;
}

static void
free_levels (OvfLabelPlacer *self)
{
  for (guint i = 0; i <= MAX_LEVEL; i++)
    g_clear_pointer (&self->levels[i], g_array_unref);
}

static void
ovf_label_placer_finalize (GObject *object)
{
  OvfLabelPlacer *self = OVF_LABEL_PLACER (object);

  free_cells (self);
  free_levels (self);
  g_array_unref (self->nearby);
  g_clear_object (&self->basemap);
  g_array_unref (self->boxes);
  g_array_unref (self->placed);
  g_array_unref (self->basemap_placed);
  g_string_chunk_free (self->texts);
  g_hash_table_unref (self->sprites);

  G_OBJECT_CLASS (ovf_label_placer_parent_class)->finalize (object);
}

static void
ovf_label_placer_class_init (OvfLabelPlacerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ovf_label_placer_finalize;
}

static void
ovf_label_placer_init (OvfLabelPlacer *self)
{
  self->boxes = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  self->placed = g_array_new (FALSE, FALSE, sizeof (OvfPlacedLabel));
  self->basemap_placed = g_array_new (FALSE, FALSE, sizeof (BasemapPlaced));
  self->texts = g_string_chunk_new (4096);
  self->sprites = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) cairo_surface_destroy);
  self->nearby = g_array_new (FALSE, FALSE, sizeof (guint));
}

OvfLabelPlacer *
ovf_label_placer_new (void)
{
  return g_object_new (OVF_TYPE_LABEL_PLACER, NULL);
}

OvfBasemap *
ovf_label_placer_get_basemap (OvfLabelPlacer *self)
{
  g_return_val_if_fail (OVF_IS_LABEL_PLACER (self), NULL);

  return self->basemap;
}

/* The map whose labels ovf_label_placer_place_basemap() places; NULL for
 * a map with its labels drawn into its tiles. */
void
ovf_label_placer_set_basemap (OvfLabelPlacer *self,
                              OvfBasemap     *basemap)
{
  g_return_if_fail (OVF_IS_LABEL_PLACER (self));
  g_return_if_fail (basemap == NULL || OVF_IS_BASEMAP (basemap));

  if (g_set_object (&self->basemap, basemap))
    {
      g_hash_table_remove_all (self->sprites);
      free_levels (self);
    }
}

/* Starts a frame of @width × @height pixels, with nothing placed yet. */
void
ovf_label_placer_begin (OvfLabelPlacer *self,
                        double          width,
                        double          height)
{
  int columns, rows;

  g_return_if_fail (OVF_IS_LABEL_PLACER (self));

  self->width = MAX (width, 0);
  self->height = MAX (height, 0);
  columns = (int) CLAMP (ceil (self->width / CELL), 1, 1024);
  rows = (int) CLAMP (ceil (self->height / CELL), 1, 1024);
  if (columns != self->columns || rows != self->rows)
    {
      free_cells (self);
      self->columns = columns;
      self->rows = rows;
      self->cells = g_new (GArray *, columns * rows);
      for (int i = 0; i < columns * rows; i++)
        self->cells[i] = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  else
    {
      for (int i = 0; i < columns * rows; i++)
        g_array_set_size (self->cells[i], 0);
    }
  g_array_set_size (self->boxes, 0);
  g_array_set_size (self->placed, 0);
  g_array_set_size (self->basemap_placed, 0);
  g_string_chunk_clear (self->texts);
  self->measured = 0;
  self->deferred = FALSE;
}

/* On screen a frame must stay cheap: shaping a label's name for the first
 * time costs about a tenth of a millisecond, and a jump to a new zoom shows
 * a hundred new names. With a budget, each frame measures at most
 * @n_labels new ones and leaves the others out until a later frame, see
 * ovf_label_placer_get_deferred(). Exports set none and place every label
 * at once. */
void
ovf_label_placer_set_budget (OvfLabelPlacer *self,
                             guint           n_labels)
{
  g_return_if_fail (OVF_IS_LABEL_PLACER (self));

  self->budget = n_labels;
}

/* Whether the last frame left labels out for its budget: another frame
 * will show them. */
gboolean
ovf_label_placer_get_deferred (OvfLabelPlacer *self)
{
  g_return_val_if_fail (OVF_IS_LABEL_PLACER (self), FALSE);

  return self->deferred;
}

/* The grid cells a box touches; FALSE when it misses the view. */
static gboolean
cell_range (OvfLabelPlacer          *self,
            const cairo_rectangle_t *box,
            int                     *c0,
            int                     *r0,
            int                     *c1,
            int                     *r1)
{
  if (box->x >= self->width || box->y >= self->height || box->x + box->width <= 0 || box->y + box->height <= 0)
    return FALSE;
  *c0 = (int) CLAMP (floor (box->x / CELL), 0, self->columns - 1);
  *c1 = (int) CLAMP (floor ((box->x + box->width) / CELL), 0, self->columns - 1);
  *r0 = (int) CLAMP (floor (box->y / CELL), 0, self->rows - 1);
  *r1 = (int) CLAMP (floor ((box->y + box->height) / CELL), 0, self->rows - 1);
  return TRUE;
}

/* Keeps @box free of labels placed from now on. */
void
ovf_label_placer_add_obstacle (OvfLabelPlacer          *self,
                               const cairo_rectangle_t *box)
{
  guint index = self->boxes->len;
  int c0, r0, c1, r1;

  g_return_if_fail (OVF_IS_LABEL_PLACER (self));

  if (!cell_range (self, box, &c0, &r0, &c1, &r1))
    return;
  g_array_append_val (self->boxes, *box);
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      g_array_append_val (self->cells[r * self->columns + c], index);
}

/* Whether @box lies wholly inside the view and meets no obstacle and no
 * label placed so far. */
gboolean
ovf_label_placer_is_free (OvfLabelPlacer          *self,
                          const cairo_rectangle_t *box)
{
  int c0, r0, c1, r1;

  g_return_val_if_fail (OVF_IS_LABEL_PLACER (self), FALSE);

  if (box->x < 0 || box->y < 0 || box->x + box->width > self->width || box->y + box->height > self->height)
    return FALSE;
  if (!cell_range (self, box, &c0, &r0, &c1, &r1))
    return FALSE;
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        GArray *cell = self->cells[r * self->columns + c];

        for (guint i = 0; i < cell->len; i++)
          {
            const cairo_rectangle_t *o = &g_array_index (self->boxes, cairo_rectangle_t,
                                                         g_array_index (cell, guint, i));

            if (box->x < o->x + o->width && o->x < box->x + box->width &&
                box->y < o->y + o->height && o->y < box->y + box->height)
              return FALSE;
          }
      }
  return TRUE;
}

/* Places a label at @box whatever lies there; labels placed later keep
 * clear of it. */
void
ovf_label_placer_take (OvfLabelPlacer          *self,
                       const cairo_rectangle_t *box,
                       OvfLabelSource           source,
                       const char              *text)
{
  OvfPlacedLabel placed = { NULL, source, box->x, box->y, box->width, box->height };

  g_return_if_fail (OVF_IS_LABEL_PLACER (self));

  placed.text = g_string_chunk_insert (self->texts, text != NULL ? text : "");
  ovf_label_placer_add_obstacle (self, box);
  g_array_append_val (self->placed, placed);
}

/* Places a label at the first of @boxes that is free, see
 * ovf_label_placer_is_free(); returns its index, or -1 when none is and
 * the label is left out. */
int
ovf_label_placer_place (OvfLabelPlacer          *self,
                        const cairo_rectangle_t *boxes,
                        guint                    n_boxes,
                        OvfLabelSource           source,
                        const char              *text)
{
  g_return_val_if_fail (OVF_IS_LABEL_PLACER (self), -1);

  for (guint i = 0; i < n_boxes; i++)
    if (ovf_label_placer_is_free (self, &boxes[i]))
      {
        ovf_label_placer_take (self, &boxes[i], source, text);
        return (int) i;
      }
  return -1;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  double ya = ((const LevelEntry *) a)->y, yb = ((const LevelEntry *) b)->y;

  return ya < yb ? -1 : ya > yb;
}

static int
compare_indices (gconstpointer a,
                 gconstpointer b)
{
  guint ia = *(const guint *) a, ib = *(const guint *) b;

  return ia < ib ? -1 : ia > ib;
}

/* The labels that may show at @level, sorted by y, so that a frame looks
 * only at the band of the world it shows rather than at every label. */
static GArray *
get_level (OvfLabelPlacer *self,
           int             level)
{
  guint n;

  if (self->levels[level] != NULL)
    return self->levels[level];

  self->levels[level] = g_array_new (FALSE, FALSE, sizeof (LevelEntry));
  n = ovf_basemap_get_n_labels (self->basemap);
  for (guint i = 0; i < n; i++)
    {
      OvfBasemapLabel label;

      ovf_basemap_get_label (self->basemap, i, &label);
      if (level >= label.min_zoom && (level <= label.max_zoom || (level == MAX_LEVEL && label.max_zoom > MAX_LEVEL)))
        g_array_append_val (self->levels[level], ((LevelEntry) { label.y, i }));
    }
  g_array_sort (self->levels[level], compare_entries);
  return self->levels[level];
}

/* Places the basemap's labels for the view centred on (@center_x,
 * @center_y) in Web Mercator, most important first, after everything
 * placed so far. A label is tried at each copy of the world the view
 * shows. */
void
ovf_label_placer_place_basemap (OvfLabelPlacer *self,
                                double          center_x,
                                double          center_y,
                                double          zoom,
                                double          world_size)
{
  /* The labels' zoom ranges keep their density even at whole zooms;
   * between them the map is larger, so labels have more room. */
  int level = (int) CLAMP (floor (zoom + 1e-6), 0, MAX_LEVEL);
  /* A label's box reaches at most this far from its point. */
  double reach = 400.0;
  double y0, y1;
  GArray *entries;
  guint lo, hi;

  g_return_if_fail (OVF_IS_LABEL_PLACER (self));

  if (self->basemap == NULL || world_size <= 0)
    return;

  /* The labels whose point lies in the band the view shows, by importance. */
  entries = get_level (self, level);
  y0 = center_y + (-self->height / 2.0 - reach) / world_size;
  y1 = center_y + (self->height / 2.0 + reach) / world_size;
  lo = 0;
  hi = entries->len;
  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (entries, LevelEntry, mid).y < y0)
        lo = mid + 1;
      else
        hi = mid;
    }
  g_array_set_size (self->nearby, 0);
  for (guint i = lo; i < entries->len && g_array_index (entries, LevelEntry, i).y <= y1; i++)
    g_array_append_val (self->nearby, g_array_index (entries, LevelEntry, i).index);
  g_array_sort (self->nearby, compare_indices);

  for (guint i = 0; i < self->nearby->len; i++)
    {
      guint index = g_array_index (self->nearby, guint, i);
      OvfBasemapLabel label;
      OvfBasemapLabelSpot spots[OVF_BASEMAP_MAX_SPOTS];
      double x, y;
      guint n_spots;
      int k0, k1;

      ovf_basemap_get_label (self->basemap, index, &label);
      y = (label.y - center_y) * world_size + self->height / 2.0;
      x = (label.x - center_x) * world_size + self->width / 2.0;
      k0 = (int) ceil ((-reach - x) / world_size);
      k1 = (int) floor ((self->width + reach - x) / world_size);
      if (k0 > k1)
        continue;
      if (self->budget > 0 && !ovf_basemap_is_label_measured (self->basemap, index))
        {
          if (self->measured >= self->budget)
            {
              self->deferred = TRUE;
              continue;
            }
          self->measured++;
        }
      n_spots = ovf_basemap_get_label_spots (self->basemap, index, spots);

      for (int k = k0; k <= k1; k++)
        for (guint s = 0; s < n_spots; s++)
          {
            double ax = x + k * world_size;
            cairo_rectangle_t box = { ax + spots[s].x, y + spots[s].y, spots[s].width, spots[s].height };

            if (ovf_label_placer_is_free (self, &box))
              {
                BasemapPlaced placed = { index, s, ax, y, spots[s] };

                ovf_label_placer_take (self, &box, OVF_LABEL_BASEMAP, label.name);
                g_array_append_val (self->basemap_placed, placed);
                break;
              }
          }
    }
}

/* Target pixels per logical pixel on image targets, 0 on others, where
 * labels are drawn as text. */
static double
raster_scale (cairo_t *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  double dx = 1.0, dy = 0.0, sx = 1.0, sy = 1.0;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return 0;
  cairo_user_to_device_distance (cr, &dx, &dy);
  cairo_surface_get_device_scale (target, &sx, &sy);
  return MAX (hypot (dx, dy) * sx, 0.01);
}

/* Space around a label's box in its stamp, for antialiasing. */
#define SPRITE_MARGIN 1.0

/* Draws a placed label with its box's top left, less the margin, at
 * (@x, @y). */
static void
draw_placed (OvfLabelPlacer      *self,
             cairo_t             *cr,
             const BasemapPlaced *placed,
             double               x,
             double               y,
             gboolean             dark)
{
  x += SPRITE_MARGIN - placed->spot.x;
  y += SPRITE_MARGIN - placed->spot.y;
  ovf_basemap_draw_label_dot (self->basemap, cr, placed->index, x, y, dark);
  ovf_basemap_draw_label_text (self->basemap, cr, placed->index, x + placed->spot.text_x,
                               y + placed->spot.text_y, dark);
}

/* A label at one of its spots, with its dot, drawn once at the target's
 * resolution: shaping and drawing a haloed name nine times costs far more
 * than stamping it. */
static cairo_surface_t *
lookup_sprite (OvfLabelPlacer      *self,
               const BasemapPlaced *placed,
               double               scale,
               gboolean             dark)
{
  gpointer key = GUINT_TO_POINTER (placed->index << 4 | placed->spot_index << 1 | (dark ? 1 : 0));
  cairo_surface_t *sprite;
  cairo_t *cr;

  if (scale != self->sprite_scale || g_hash_table_size (self->sprites) >= MAX_CACHED_SPRITES)
    {
      g_hash_table_remove_all (self->sprites);
      self->sprite_scale = scale;
    }
  sprite = g_hash_table_lookup (self->sprites, key);
  if (sprite != NULL)
    return sprite;

  sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                       (int) ceil ((placed->spot.width + 2 * SPRITE_MARGIN) * scale),
                                       (int) ceil ((placed->spot.height + 2 * SPRITE_MARGIN) * scale));
  cairo_surface_set_device_scale (sprite, scale, scale);
  cr = cairo_create (sprite);
  draw_placed (self, cr, placed, 0, 0, dark);
  cairo_destroy (cr);
  g_hash_table_insert (self->sprites, key, sprite);
  return sprite;
}

/* Draws the basemap labels placed in this frame. */
void
ovf_label_placer_draw_basemap (OvfLabelPlacer *self,
                               cairo_t        *cr,
                               gboolean        dark)
{
  double scale;

  g_return_if_fail (OVF_IS_LABEL_PLACER (self));

  if (self->basemap == NULL || self->basemap_placed->len == 0)
    return;

  scale = raster_scale (cr);
  cairo_save (cr);
  for (guint i = 0; i < self->basemap_placed->len; i++)
    {
      const BasemapPlaced *p = &g_array_index (self->basemap_placed, BasemapPlaced, i);
      double x = p->x + p->spot.x - SPRITE_MARGIN, y = p->y + p->spot.y - SPRITE_MARGIN;

      /* On whole device pixels, so the text stays sharp, and is drawn
       * alike as text or as a stamp. */
      cairo_user_to_device (cr, &x, &y);
      x = round (x);
      y = round (y);
      cairo_device_to_user (cr, &x, &y);
      if (scale == 0)
        {
          draw_placed (self, cr, p, x, y, dark);
          continue;
        }
      cairo_set_source_surface (cr, lookup_sprite (self, p, scale, dark), x, y);
      cairo_paint (cr);
    }
  cairo_restore (cr);
}

/**
 * ovf_label_placer_get_placed:
 *
 * Returns: (transfer none) (element-type OvfPlacedLabel): the labels
 *   placed since ovf_label_placer_begin(), in the order they were placed.
 */
GArray *
ovf_label_placer_get_placed (OvfLabelPlacer *self)
{
  g_return_val_if_fail (OVF_IS_LABEL_PLACER (self), NULL);

  return self->placed;
}
