/* ovf-basemap-private.h: what the built-in map's parts (reading, tiles, labels) share: the file read in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ovf-basemap.h"

G_BEGIN_DECLS

#define N_LAYERS       4
#define MAX_LODS       8

enum { LAYER_LAND, LAYER_LAKE, LAYER_COUNTRY_BORDER, LAYER_REGION_BORDER };
enum { LABEL_FLAG_CAPITAL = 1 };

/* One layer's geometry at one level of detail: a grid of cells. */
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
} OvfBasemapBlock;

/* A label's record, as read from the file. */
typedef struct {
  double  x, y;              /* Web Mercator, unit square */
  char   *name;              /* into names; upper-cased for countries */
  guint   population;
  guint8  kind;
  guint8  flags;
  guint8  min_zoom;
  guint8  max_zoom;
} OvfBasemapRecord;

struct _OvfBasemap
{
  GObject           parent_instance;

  GBytes           *bytes;
  OvfBasemapBlock   blocks[N_LAYERS][MAX_LODS];
  guint             n_lods[N_LAYERS];
  OvfBasemapRecord *labels;
  guint             n_labels;
  char             *names;
  char             *attribution;

  /* Measured text size per label, packed as (w*16) << 16 | (h*16), filled
   * lazily by whichever rendering thread first needs it. */
  gint             *label_sizes;
};

/* Little-endian readers of the file's bytes. */

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

/* Whether the cell's geometry is valid, checked the first time it is
 * asked for, by any thread; warns of a damaged cell once unless @quiet. */
gboolean ovf_basemap_check_cell (const OvfBasemapBlock *block,
                                 guint                  cell,
                                 gboolean               quiet,
                                 GError               **error);
void     ovf_basemap_set_color  (cairo_t               *cr,
                                 OvfBasemapColor        color,
                                 gboolean               dark,
                                 double                 alpha);

G_END_DECLS
