/* ovf-basemap.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "ovf-basemap.h"
#include "ovf-map-resources.h"

/* The file format is documented in data/basemap/README.md. Loading checks
 * the structure; the geometry of a cell is checked the first time any
 * thread draws it (or all at once by ovf_basemap_check()), so start-up
 * stays fast and drawing never reads unchecked bytes. */

#define HEADER_SIZE    32
#define SECTION_SIZE   12
#define FORMAT_VERSION 1
#define N_LAYERS       4
#define MAX_LODS       8
#define LABEL_RECORD   24
#define CELL_MARGIN    (1.0 / 16.0)
#define MAX_GRID_ZOOM  10

/* Label sizes are in logical pixels, as the map shows them at any zoom. */
#define LABEL_MAX_WIDTH 320.0
#define LABEL_HALO      OVF_BASEMAP_LABEL_HALO
#define CITY_DOT_GAP    5.0
#define CITY_DOT_RADIUS 4.0

enum { SECTION_GEOMETRY = 1, SECTION_LABELS = 2, SECTION_ATTRIBUTION = 3 };
enum { LAYER_LAND, LAYER_LAKE, LAYER_COUNTRY_BORDER, LAYER_REGION_BORDER };
enum { LABEL_FLAG_CAPITAL = 1 };

enum { CELL_UNCHECKED, CELL_VALID, CELL_INVALID };

typedef struct {
  guint          section;
  gint          *cell_state;
  guint          grid_zoom;
  guint          min_zoom;
  guint          max_zoom;
  gboolean       is_polygon;
  guint          n_cells;
  const guint8  *offsets;
  const guint8  *body;
} Block;

typedef struct {
  double  x, y;              /* Web Mercator, unit square */
  char   *name;              /* into names; upper-cased for countries */
  guint   population;
  guint8  kind;
  guint8  flags;
  guint8  min_zoom;
  guint8  max_zoom;
} Label;

struct _OvfBasemap
{
  GObject  parent_instance;

  GBytes  *bytes;
  Block    blocks[N_LAYERS][MAX_LODS];
  guint    n_lods[N_LAYERS];
  Label   *labels;
  guint    n_labels;
  char    *names;
  char    *attribution;

  /* Measured text size per label, packed as (w*16) << 16 | (h*16), filled
   * lazily by whichever rendering thread first needs it. */
  gint    *label_sizes;
};

G_DEFINE_FINAL_TYPE (OvfBasemap, ovf_basemap, G_TYPE_OBJECT)

G_DEFINE_QUARK (ovf-basemap-error-quark, ovf_basemap_error)

static void
ovf_basemap_finalize (GObject *object)
{
  OvfBasemap *self = OVF_BASEMAP (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);
  for (guint layer = 0; layer < N_LAYERS; layer++)
    for (guint lod = 0; lod < MAX_LODS; lod++)
      g_free (self->blocks[layer][lod].cell_state);
  g_free (self->labels);
  g_free (self->names);
  g_free (self->attribution);
  g_free (self->label_sizes);

  G_OBJECT_CLASS (ovf_basemap_parent_class)->finalize (object);
}

static void
ovf_basemap_class_init (OvfBasemapClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ovf_basemap_finalize;
}

static void
ovf_basemap_init (OvfBasemap *self)
{
}

/* ---------- reading ---------- */

static inline guint32
read_u32 (const guint8 *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static inline guint
read_u16 (const guint8 *p)
{
  return (guint) p[0] | (guint) p[1] << 8;
}

static inline gboolean
read_varint_checked (const guint8 **p,
                     const guint8  *end,
                     guint32       *out)
{
  guint32 v = 0;

  for (guint shift = 0; shift < 32 && *p < end; shift += 7)
    {
      guint8 b = *(*p)++;

      v |= (guint32) (b & 0x7f) << shift;
      if (!(b & 0x80))
        {
          *out = v;
          return TRUE;
        }
    }
  return FALSE;
}

/* Only for validated data. */
static inline guint32
read_varint (const guint8 **p)
{
  guint32 v = 0;

  for (guint shift = 0;; shift += 7)
    {
      guint8 b = *(*p)++;

      v |= (guint32) (b & 0x7f) << shift;
      if (!(b & 0x80))
        return v;
    }
}

static inline gint32
unzigzag (guint32 v)
{
  return (gint32) (v >> 1) ^ -(gint32) (v & 1);
}

static gboolean
invalid (GError    **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError    **error,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, OVF_BASEMAP_ERROR, OVF_BASEMAP_ERROR_INVALID,
               "Invalid basemap: %s", message);
  return FALSE;
}

/* Walks every piece of a cell, checking lengths, bounds and varints. */
static gboolean
validate_cell (const guint8  *p,
               const guint8  *end,
               gboolean       is_polygon,
               guint          section,
               guint          cell,
               GError       **error)
{
  while (p < end)
    {
      guint32 n, zx, zy;
      gint64 x, y;
      guint x0, y0, x1, y1;

      if (!read_varint_checked (&p, end, &n) || end - p < 8)
        return invalid (error, "section %u, cell %u: truncated piece", section, cell);
      if (n < (is_polygon ? 3u : 2u))
        return invalid (error, "section %u, cell %u: piece with %u points", section, cell, n);
      x0 = read_u16 (p);
      y0 = read_u16 (p + 2);
      x1 = read_u16 (p + 4);
      y1 = read_u16 (p + 6);
      p += 8;
      if (x0 > x1 || y0 > y1)
        return invalid (error, "section %u, cell %u: inverted bounding box", section, cell);
      x = x0;
      y = y0;
      for (guint32 i = 0; i < n; i++)
        {
          if (!read_varint_checked (&p, end, &zx) || !read_varint_checked (&p, end, &zy))
            return invalid (error, "section %u, cell %u: truncated point %u", section, cell, i);
          x += unzigzag (zx);
          y += unzigzag (zy);
          if (x < x0 || x > x1 || y < y0 || y > y1)
            return invalid (error, "section %u, cell %u: point %u outside its box", section, cell, i);
        }
    }
  return TRUE;
}

static gboolean
parse_geometry (OvfBasemap    *self,
                const guint8  *data,
                gsize          size,
                guint          section,
                GError       **error)
{
  Block block = { 0 };
  guint layer, lod;
  const guint8 *offsets;
  gsize body_size, table_size;

  if (size < 12)
    return invalid (error, "section %u: geometry header truncated", section);
  layer = data[0];
  lod = data[1];
  block.grid_zoom = data[2];
  block.is_polygon = data[3] != 0;
  block.min_zoom = data[4];
  block.max_zoom = data[5];
  block.n_cells = read_u32 (data + 8);
  if (layer >= N_LAYERS || lod >= MAX_LODS)
    return invalid (error, "section %u: layer %u level %u unknown", section, layer, lod);
  if (block.is_polygon != (layer == LAYER_LAND || layer == LAYER_LAKE))
    return invalid (error, "section %u: wrong geometry type for layer %u", section, layer);
  if (block.grid_zoom > MAX_GRID_ZOOM || block.grid_zoom > block.min_zoom ||
      block.min_zoom > block.max_zoom)
    return invalid (error, "section %u: bad zoom range", section);
  if (block.n_cells != 1u << (2 * block.grid_zoom))
    return invalid (error, "section %u: %u cells for grid zoom %u",
                    section, block.n_cells, block.grid_zoom);
  table_size = ((gsize) block.n_cells + 1) * 4;
  if (size - 12 < table_size)
    return invalid (error, "section %u: cell table truncated", section);
  offsets = data + 12;
  body_size = size - 12 - table_size;
  block.offsets = offsets;
  block.body = offsets + table_size;

  for (guint c = 0; c < block.n_cells; c++)
    {
      guint32 start = read_u32 (offsets + 4 * c);
      guint32 stop = read_u32 (offsets + 4 * (c + 1));

      if (start > stop || stop > body_size)
        return invalid (error, "section %u: cell %u out of bounds", section, c);
    }

  if (self->blocks[layer][lod].n_cells != 0)
    return invalid (error, "section %u: layer %u level %u repeated", section, layer, lod);
  block.section = section;
  block.cell_state = g_new0 (gint, block.n_cells);
  self->blocks[layer][lod] = block;
  self->n_lods[layer] = MAX (self->n_lods[layer], lod + 1);
  return TRUE;
}

static gboolean
parse_labels (OvfBasemap    *self,
              const guint8  *data,
              gsize          size,
              guint          section,
              GError       **error)
{
  guint32 n, strings_size;
  const guint8 *records, *strings;
  gsize out = 0;

  if (self->labels != NULL)
    return invalid (error, "section %u: labels repeated", section);
  if (size < 8)
    return invalid (error, "section %u: labels header truncated", section);
  n = read_u32 (data);
  strings_size = read_u32 (data + 4);
  if (n > (size - 8) / LABEL_RECORD || strings_size > size - 8 - (gsize) n * LABEL_RECORD)
    return invalid (error, "section %u: %u labels do not fit", section, n);
  records = data + 8;
  strings = records + (gsize) n * LABEL_RECORD;

  self->labels = g_new0 (Label, n);
  self->names = g_malloc ((gsize) strings_size + n);
  self->label_sizes = g_new0 (gint, n);
  self->n_labels = n;

  for (guint i = 0; i < n; i++)
    {
      const guint8 *r = records + (gsize) i * LABEL_RECORD;
      Label *l = &self->labels[i];
      guint32 offset = read_u32 (r + 8);
      guint len = read_u16 (r + 16);
      g_autofree char *upper = NULL;
      const char *text;

      if (offset > strings_size || len > strings_size - offset || len == 0)
        return invalid (error, "section %u: label %u name out of bounds", section, i);
      if (!g_utf8_validate ((const char *) strings + offset, len, NULL))
        return invalid (error, "section %u: label %u name is not UTF-8", section, i);
      if (r[18] > OVF_BASEMAP_LABEL_CITY)
        return invalid (error, "section %u: label %u has unknown kind %u", section, i, r[18]);
      if (r[20] > r[21])
        return invalid (error, "section %u: label %u has bad zoom range", section, i);

      l->x = read_u32 (r) / 4294967295.0;
      l->y = read_u32 (r + 4) / 4294967295.0;
      l->population = read_u32 (r + 12);
      l->kind = r[18];
      l->flags = r[19];
      l->min_zoom = r[20];
      l->max_zoom = r[21];

      /* Country names are set in capitals, as on printed maps. */
      text = (const char *) strings + offset;
      if (l->kind == OVF_BASEMAP_LABEL_COUNTRY)
        {
          upper = g_utf8_strup (text, len);
          text = upper;
          len = MIN (strlen (upper), len);
        }
      if (out + len + 1 > (gsize) strings_size + n)
        return invalid (error, "section %u: label names overrun their pool", section);
      l->name = self->names + out;
      memcpy (l->name, text, len);
      l->name[len] = '\0';
      out += len + 1;
    }
  return TRUE;
}

static gboolean
parse (OvfBasemap    *self,
       const guint8  *data,
       gsize          size,
       GError       **error)
{
  guint32 n_sections, table;

  if (size < HEADER_SIZE || memcmp (data, "OVFBMAP\n", 8) != 0)
    return invalid (error, "not an Overflight basemap (bad magic)");
  if (read_u32 (data + 8) != FORMAT_VERSION)
    return invalid (error, "format version %u, expected %u", read_u32 (data + 8), FORMAT_VERSION);
  if (read_u32 (data + 12) != size)
    return invalid (error, "header says %u bytes, file has %" G_GSIZE_FORMAT,
                    read_u32 (data + 12), size);

  n_sections = read_u32 (data + 16);
  table = read_u32 (data + 20);
  if (table < HEADER_SIZE || n_sections > (size - table) / SECTION_SIZE)
    return invalid (error, "section table out of bounds");

  for (guint i = 0; i < n_sections; i++)
    {
      const guint8 *s = data + table + (gsize) i * SECTION_SIZE;
      guint32 type = read_u32 (s), offset = read_u32 (s + 4), len = read_u32 (s + 8);
      gboolean ok;

      if (offset > size || len > size - offset)
        return invalid (error, "section %u out of bounds", i);
      switch (type)
        {
        case SECTION_GEOMETRY:
          ok = parse_geometry (self, data + offset, len, i, error);
          break;
        case SECTION_LABELS:
          ok = parse_labels (self, data + offset, len, i, error);
          break;
        case SECTION_ATTRIBUTION:
          g_clear_pointer (&self->attribution, g_free);
          self->attribution = g_strndup ((const char *) data + offset, len);
          ok = g_utf8_validate (self->attribution, -1, NULL) ||
               invalid (error, "section %u: attribution is not UTF-8", i);
          break;
        default:
          ok = invalid (error, "section %u has unknown type %u", i, type);
        }
      if (!ok)
        return FALSE;
    }

  if (self->n_lods[LAYER_LAND] == 0 || self->labels == NULL || self->attribution == NULL)
    return invalid (error, "land, labels or attribution missing");
  for (guint layer = 0; layer < N_LAYERS; layer++)
    for (guint lod = 1; lod < self->n_lods[layer]; lod++)
      if (self->blocks[layer][lod].n_cells == 0 ||
          self->blocks[layer][lod].min_zoom != self->blocks[layer][lod - 1].max_zoom + 1)
        return invalid (error, "layer %u: levels of detail leave a gap", layer);
  return TRUE;
}

/**
 * ovf_basemap_new_from_bytes:
 * @bytes: the contents of a .ovfmap file
 *
 * Returns: (transfer full): the basemap, or %NULL with @error set if the
 *   data is not a valid basemap.
 */
OvfBasemap *
ovf_basemap_new_from_bytes (GBytes  *bytes,
                            GError **error)
{
  g_autoptr(OvfBasemap) self = g_object_new (OVF_TYPE_BASEMAP, NULL);
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  self->bytes = g_bytes_ref (bytes);
  data = g_bytes_get_data (bytes, &size);
  if (data == NULL)
    data = (const guint8 *) "";
  if (!parse (self, data, size, error))
    return NULL;
  return g_steal_pointer (&self);
}

static gboolean
check_cell (const Block  *block,
            guint         cell,
            gboolean      quiet,
            GError      **error)
{
  gint state = g_atomic_int_get (&block->cell_state[cell]);

  if (state == CELL_UNCHECKED)
    {
      const guint8 *start = block->body + read_u32 (block->offsets + 4 * cell);
      const guint8 *stop = block->body + read_u32 (block->offsets + 4 * (cell + 1));
      g_autoptr(GError) local_error = NULL;

      state = validate_cell (start, stop, block->is_polygon, block->section, cell, &local_error)
              ? CELL_VALID : CELL_INVALID;
      /* Racing threads reach the same verdict; only one reports it. */
      if (g_atomic_int_compare_and_exchange (&block->cell_state[cell], CELL_UNCHECKED, state) &&
          state == CELL_INVALID && !quiet)
        g_warning ("%s", local_error->message);
      if (local_error != NULL && error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
    }
  else if (state == CELL_INVALID && error != NULL)
    {
      g_set_error (error, OVF_BASEMAP_ERROR, OVF_BASEMAP_ERROR_INVALID,
                   "Invalid basemap: section %u, cell %u is damaged", block->section, cell);
    }
  return state == CELL_VALID;
}

/**
 * ovf_basemap_check:
 *
 * Checks all geometry now instead of cell by cell as it is drawn.
 *
 * Returns: %TRUE if every cell is valid.
 */
gboolean
ovf_basemap_check (OvfBasemap  *self,
                   GError     **error)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (OVF_IS_BASEMAP (self), FALSE);

  /* Every cell is visited, so none is left to warn about when drawn. */
  for (guint layer = 0; layer < N_LAYERS; layer++)
    for (guint lod = 0; lod < self->n_lods[layer]; lod++)
      for (guint c = 0; c < self->blocks[layer][lod].n_cells; c++)
        ok &= check_cell (&self->blocks[layer][lod], c, TRUE, ok ? error : NULL);
  return ok;
}

/**
 * ovf_basemap_dup_bundled_bytes:
 *
 * The built-in basemap's file, from the map layer's own GResource, which is
 * registered here, by the only code that reads it: a static library links
 * no constructor that nothing references.
 *
 * Returns: (transfer full): the bytes, or %NULL with @error set.
 */
GBytes *
ovf_basemap_dup_bundled_bytes (GError **error)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      ovf_map_register_resource ();
      g_once_init_leave (&registered, 1);
    }
  return g_resources_lookup_data (OVF_BASEMAP_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
}

/**
 * ovf_basemap_get_default:
 *
 * Loads the bundled basemap once per process.
 *
 * Returns: (transfer full): the bundled basemap, or %NULL with @error set.
 */
OvfBasemap *
ovf_basemap_get_default (GError **error)
{
  static GMutex lock;
  static OvfBasemap *basemap;
  OvfBasemap *ret = NULL;

  g_mutex_lock (&lock);
  if (basemap == NULL)
    {
      g_autoptr(GBytes) bytes = ovf_basemap_dup_bundled_bytes (error);
      if (bytes != NULL)
        basemap = ovf_basemap_new_from_bytes (bytes, error);
    }
  if (basemap != NULL)
    ret = g_object_ref (basemap);
  g_mutex_unlock (&lock);
  return ret;
}

const char *
ovf_basemap_get_attribution (OvfBasemap *self)
{
  g_return_val_if_fail (OVF_IS_BASEMAP (self), NULL);
  return self->attribution;
}

guint
ovf_basemap_get_n_labels (OvfBasemap *self)
{
  g_return_val_if_fail (OVF_IS_BASEMAP (self), 0);
  return self->n_labels;
}

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

static void
set_color (cairo_t        *cr,
           OvfBasemapColor color,
           gboolean        dark,
           double          alpha)
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

static const Block *
block_for_zoom (OvfBasemap *self,
                guint       layer,
                int         zoom)
{
  for (guint lod = 0; lod < self->n_lods[layer]; lod++)
    {
      const Block *b = &self->blocks[layer][lod];

      if ((guint) zoom >= b->min_zoom && ((guint) zoom <= b->max_zoom || lod + 1 == self->n_lods[layer]))
        return b;
    }
  return NULL;
}

/* Cell rectangle as written by the converter: the grid square plus a
 * margin, clamped to the world. */
static void
cell_view_init (CellView    *view,
                const Block *block,
                int          zoom,
                int          x,
                int          y,
                double       tile_size,
                guint       *out_cell)
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
  const Block *block = block_for_zoom (self, layer, zoom);
  CellView view;
  guint cell;
  const guint8 *p, *end;
  double min_size;

  if (block == NULL)
    return;
  cell_view_init (&view, block, zoom, x, y, tile_size, &cell);
  if (!check_cell (block, cell, FALSE, NULL))
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
  set_color (cr, OVF_BASEMAP_COLOR_WATER, dark, 1.0);
  cairo_paint (cr);

  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  path_layer (self, cr, LAYER_LAND, zoom, x, y, tile_size, DRAW_FILL);
  set_color (cr, OVF_BASEMAP_COLOR_LAND, dark, 1.0);
  cairo_fill (cr);

  path_layer (self, cr, LAYER_LAKE, zoom, x, y, tile_size, DRAW_FILL);
  set_color (cr, OVF_BASEMAP_COLOR_WATER, dark, 1.0);
  cairo_fill (cr);

  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* States and provinces only once they are more than a few pixels wide. */
  if (zoom >= 3)
    {
      path_layer (self, cr, LAYER_REGION_BORDER, zoom, x, y, tile_size, DRAW_LINES);
      set_color (cr, OVF_BASEMAP_COLOR_REGION_BORDER, dark, 1.0);
      cairo_set_line_width (cr, stroke_width (zoom, 0.7, tile_size));
      cairo_stroke (cr);
    }

  /* On the whole world at once the shore line would only blur the coast. */
  if (zoom >= 2)
    {
      path_layer (self, cr, LAYER_LAND, zoom, x, y, tile_size, DRAW_OUTLINE);
      path_layer (self, cr, LAYER_LAKE, zoom, x, y, tile_size, DRAW_OUTLINE);
      set_color (cr, OVF_BASEMAP_COLOR_SHORE, dark, 1.0);
      cairo_set_line_width (cr, stroke_width (zoom, 0.8, tile_size));
      /* Coasts at small scales are thousands of tiny segments; cairo's
       * faster rasteriser halves their cost and looks the same there. */
      if (zoom < 6)
        cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);
      cairo_stroke (cr);
      cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
    }

  path_layer (self, cr, LAYER_COUNTRY_BORDER, zoom, x, y, tile_size, DRAW_LINES);
  set_color (cr, OVF_BASEMAP_COLOR_COUNTRY_BORDER, dark, 1.0);
  cairo_set_line_width (cr, stroke_width (zoom, 1.1, tile_size));
  cairo_stroke (cr);
}

/* ---------- labels ---------- */

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
label_font (const Label *l)
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
  const Label *l;

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
  const Label *l;
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
  const Label *l;
  PangoLayout *layout;

  g_return_if_fail (OVF_IS_BASEMAP (self));
  g_return_if_fail (index < self->n_labels);

  l = &self->labels[index];
  layout = label_layout (self, index);
  cairo_save (cr);
  /* The halo is the text drawn around itself: glyphs come from cairo's
   * cache, which is far cheaper than stroking their outlines. */
  set_color (cr, OVF_BASEMAP_COLOR_HALO, dark, 0.55);
  for (guint i = 0; i < G_N_ELEMENTS (halo_offsets); i++)
    {
      cairo_move_to (cr, x + halo_offsets[i][0], y + halo_offsets[i][1]);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_move_to (cr, x, y);
  set_color (cr, OVF_BASEMAP_COLOR_TEXT, dark, l->kind == OVF_BASEMAP_LABEL_CITY ? 1.0 : 0.72);
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
  const Label *l;
  double r;

  g_return_if_fail (OVF_IS_BASEMAP (self));
  g_return_if_fail (index < self->n_labels);

  l = &self->labels[index];
  if (l->kind != OVF_BASEMAP_LABEL_CITY)
    return;
  r = (l->flags & LABEL_FLAG_CAPITAL) ? 2.8 : 2.2;
  cairo_new_path (cr);
  cairo_arc (cr, x, y, r + 1.0, 0, 2 * G_PI);
  set_color (cr, OVF_BASEMAP_COLOR_HALO, dark, 0.9);
  cairo_fill (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  set_color (cr, OVF_BASEMAP_COLOR_TEXT, dark, 0.85);
  cairo_fill (cr);
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
      set_color (cr, OVF_BASEMAP_COLOR_WATER, dark, 1.0);
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
