/* ovf-basemap.c: the built-in offline map: reads the .ovfmap file in place and checks it, cell by cell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ovf-basemap-private.h"
#include "ovf-map-resources.h"

/* The file format is documented in data/basemap/README.md. Loading checks
 * the structure; the geometry of a cell is checked the first time any
 * thread draws it (or all at once by ovf_basemap_check()), so start-up
 * stays fast and drawing never reads unchecked bytes. */

#define HEADER_SIZE    32
#define SECTION_SIZE   12
#define FORMAT_VERSION 1
#define LABEL_RECORD   24
#define MAX_GRID_ZOOM  10

enum { SECTION_GEOMETRY = 1, SECTION_LABELS = 2, SECTION_ATTRIBUTION = 3 };

enum { CELL_UNCHECKED, CELL_VALID, CELL_INVALID };

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
  OvfBasemapBlock block = { 0 };
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

  self->labels = g_new0 (OvfBasemapRecord, n);
  self->names = g_malloc ((gsize) strings_size + n);
  self->label_sizes = g_new0 (gint, n);
  self->n_labels = n;

  for (guint i = 0; i < n; i++)
    {
      const guint8 *r = records + (gsize) i * LABEL_RECORD;
      OvfBasemapRecord *l = &self->labels[i];
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

gboolean
ovf_basemap_check_cell (const OvfBasemapBlock  *block,
                        guint                   cell,
                        gboolean                quiet,
                        GError                **error)
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
        ok &= ovf_basemap_check_cell (&self->blocks[layer][lod], c, TRUE, ok ? error : NULL);
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
