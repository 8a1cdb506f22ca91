/* ovf-tile-layer.c: the built-in map's tiles, drawn in the frame that shows them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ovf-tile-layer.h"

/* The built-in map's tiles on the map widget.
 *
 * libshumate's ShumateMapLayer (1.0 to 1.7) asks for tiles only from an
 * idle after its allocation, so a new view's first frame is always
 * painted without a map, and on a software renderer the second frame
 * costs as much as the first. The built-in map draws a tile in a few
 * milliseconds, so this layer asks for the view's tiles in the frame
 * that shows it and, on its first frame only, waits for those still being
 * drawn. Later frames never wait: a tile not drawn yet shows its drawn
 * parent or children meanwhile. */

/* How long a first frame may wait for its tiles by default, in µs. */
#define FIRST_FRAME_WAIT_USEC (150 * 1000)
/* How many zoom levels up a missing tile looks for a stand-in. */
#define MAX_ANCESTOR_LEVELS 4

struct _OvfTileLayer
{
  ShumateLayer      parent_instance;

  OvfBasemapSource *source;
  GHashTable       *shown;        /* tile key → GdkTexture drawn in the last frame */
  GTimeSpan         first_frame_wait;
  gboolean          drawn_once;
  int               drawn_zoom;   /* the zoom level of the last frame's tiles */
  guint             drawn;        /* tiles the last frame drew at its zoom level */
  guint             missing;      /* and those it drew from a stand-in or not at all */
  gboolean          snapshotting;
};

G_DEFINE_FINAL_TYPE (OvfTileLayer, ovf_tile_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_SOURCE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The tiles covering the widget, with the view's centre in tile pixels at
 * their zoom level. Columns are not wrapped: a view wider than the world
 * repeats it. */
typedef struct
{
  int    zoom;
  int    tile_size;
  int    side;            /* tiles per row and column at zoom */
  double scale;           /* widget pixels per tile pixel */
  double center_x, center_y;
  int    first_column, last_column;
  int    first_row, last_row;
  double rotation;
} TileGrid;

static int
positive_mod (int value,
              int divisor)
{
  return ((value % divisor) + divisor) % divisor;
}

static gboolean
compute_grid (OvfTileLayer *self,
              int           width,
              int           height,
              TileGrid     *grid)
{
  ShumateMapSource *source = SHUMATE_MAP_SOURCE (self->source);
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double zoom_level = shumate_viewport_get_zoom_level (viewport);
  double half_x, half_y;

  if (width <= 0 || height <= 0)
    return FALSE;

  grid->zoom = CLAMP ((int) floor (zoom_level), (int) shumate_map_source_get_min_zoom_level (source),
                      (int) shumate_map_source_get_max_zoom_level (source));
  grid->tile_size = shumate_map_source_get_tile_size (source);
  grid->side = 1 << grid->zoom;
  grid->scale = exp2 (zoom_level - grid->zoom);
  grid->center_x = shumate_map_source_get_x (source, grid->zoom,
                                             shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  grid->center_y = shumate_map_source_get_y (source, grid->zoom,
                                             shumate_location_get_latitude (SHUMATE_LOCATION (viewport)));
  grid->rotation = shumate_viewport_get_rotation (viewport);

  /* Half the rotated widget's bounding box, in tile pixels. */
  half_x = (fabs (cos (grid->rotation)) * width + fabs (sin (grid->rotation)) * height) / 2 / grid->scale;
  half_y = (fabs (sin (grid->rotation)) * width + fabs (cos (grid->rotation)) * height) / 2 / grid->scale;
  grid->first_column = (int) floor ((grid->center_x - half_x) / grid->tile_size);
  grid->last_column = (int) floor ((grid->center_x + half_x) / grid->tile_size);
  grid->first_row = MAX (0, (int) floor ((grid->center_y - half_y) / grid->tile_size));
  grid->last_row = MIN (grid->side - 1, (int) floor ((grid->center_y + half_y) / grid->tile_size));
  return TRUE;
}

/* Starts drawing every missing tile of the frame at once, so the workers
 * draw them side by side while the frame uses those already drawn. */
static void
request_tiles (OvfTileLayer   *self,
               const TileGrid *grid)
{
  for (int row = grid->first_row; row <= grid->last_row; row++)
    for (int column = grid->first_column; column <= grid->last_column; column++)
      ovf_basemap_source_get_tile (self->source, grid->zoom, positive_mod (column, grid->side), row);
}

/* A drawn tile: in the source's recent tiles, or one the last frame drew. */
static GdkTexture *
find_drawn (OvfTileLayer *self,
            int           zoom,
            int           x,
            int           y)
{
  GdkTexture *texture = ovf_basemap_source_peek_tile (self->source, zoom, x, y);

  if (texture == NULL)
    texture = g_hash_table_lookup (self->shown, GUINT_TO_POINTER (ovf_basemap_source_tile_key (zoom, x, y)));
  return texture;
}

/* The widget rectangle of tile pixels [x0, x1) × [y0, y1) at the grid's
 * zoom, on whole pixels so neighbouring tiles meet without a seam. */
static graphene_rect_t
widget_rect (const TileGrid *grid,
             int             width,
             int             height,
             double          x0,
             double          y0,
             double          x1,
             double          y1)
{
  double left = round (width / 2.0 + (x0 - grid->center_x) * grid->scale);
  double top = round (height / 2.0 + (y0 - grid->center_y) * grid->scale);
  double right = round (width / 2.0 + (x1 - grid->center_x) * grid->scale);
  double bottom = round (height / 2.0 + (y1 - grid->center_y) * grid->scale);

  return GRAPHENE_RECT_INIT (left, top, right - left, bottom - top);
}

static void
keep_shown (GHashTable *shown,
            int         zoom,
            int         x,
            int         y,
            GdkTexture *texture)
{
  g_hash_table_insert (shown, GUINT_TO_POINTER (ovf_basemap_source_tile_key (zoom, x, y)), g_object_ref (texture));
}

/* Fills a missing tile's place from a drawn ancestor, scaled up and
 * clipped, or else from its drawn children. */
static void
draw_stand_in (OvfTileLayer    *self,
               GtkSnapshot     *snapshot,
               const TileGrid  *grid,
               int              column,
               int              row,
               graphene_rect_t *place,
               GHashTable      *shown)
{
  int x = positive_mod (column, grid->side);
  int ts = grid->tile_size;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  for (int up = 1; up <= MIN (MAX_ANCESTOR_LEVELS, grid->zoom); up++)
    {
      int span = 1 << up;
      GdkTexture *texture = find_drawn (self, grid->zoom - up, x >> up, row >> up);
      int first_column = column - (x & (span - 1));
      int first_row = row & ~(span - 1);
      graphene_rect_t rect;

      if (texture == NULL)
        continue;
      rect = widget_rect (grid, width, height, (double) first_column * ts, (double) first_row * ts,
                          (double) (first_column + span) * ts, (double) (first_row + span) * ts);
      gtk_snapshot_push_clip (snapshot, place);
      gtk_snapshot_append_texture (snapshot, texture, &rect);
      gtk_snapshot_pop (snapshot);
      keep_shown (shown, grid->zoom - up, x >> up, row >> up, texture);
      return;
    }

  if (grid->zoom >= OVF_BASEMAP_MAX_ZOOM)
    return;
  for (int i = 0; i < 4; i++)
    {
      int child_x = 2 * x + i % 2, child_y = 2 * row + i / 2;
      GdkTexture *texture = find_drawn (self, grid->zoom + 1, child_x, child_y);
      double x0 = (column + (i % 2) / 2.0) * ts, y0 = (row + (i / 2) / 2.0) * ts;
      graphene_rect_t rect;

      if (texture == NULL)
        continue;
      rect = widget_rect (grid, width, height, x0, y0, x0 + ts / 2.0, y0 + ts / 2.0);
      gtk_snapshot_append_texture (snapshot, texture, &rect);
      keep_shown (shown, grid->zoom + 1, child_x, child_y, texture);
    }
}

static void
ovf_tile_layer_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  OvfTileLayer *self = OVF_TILE_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GHashTable *shown;
  gint64 deadline;
  TileGrid grid;

  if (!compute_grid (self, width, height, &grid))
    return;

  request_tiles (self, &grid);

  /* Only a first frame waits, and only for tiles already being drawn. */
  deadline = self->drawn_once ? 0 : g_get_monotonic_time () + self->first_frame_wait;
  shown = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->snapshotting = TRUE;
  self->drawn = 0;
  self->missing = 0;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (width / 2.0, height / 2.0));
  gtk_snapshot_rotate (snapshot, grid.rotation * 180 / G_PI);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-width / 2.0, -height / 2.0));

  for (int row = grid.first_row; row <= grid.last_row; row++)
    for (int column = grid.first_column; column <= grid.last_column; column++)
      {
        int x = positive_mod (column, grid.side);
        GdkTexture *texture = ovf_basemap_source_peek_tile (self->source, grid.zoom, x, row);
        graphene_rect_t place = widget_rect (&grid, width, height, (double) column * grid.tile_size,
                                             (double) row * grid.tile_size, (double) (column + 1) * grid.tile_size,
                                             (double) (row + 1) * grid.tile_size);

        if (texture == NULL && deadline > 0)
          texture = ovf_basemap_source_wait_tile (self->source, grid.zoom, x, row, deadline);
        if (texture != NULL)
          {
            gtk_snapshot_append_texture (snapshot, texture, &place);
            keep_shown (shown, grid.zoom, x, row, texture);
            self->drawn++;
          }
        else
          {
            self->missing++;
            draw_stand_in (self, snapshot, &grid, column, row, &place, shown);
          }
      }

  gtk_snapshot_restore (snapshot);
  self->snapshotting = FALSE;
  self->drawn_once = TRUE;
  self->drawn_zoom = grid.zoom;
  g_hash_table_unref (self->shown);
  self->shown = shown;
}

static void
on_tile_ready (OvfTileLayer *self,
               int           zoom,
               int           x,
               int           y)
{
  /* A tile the first frame waited for needs no second frame, nor does
   * one of a zoom level passed by. */
  if (!self->snapshotting && zoom == self->drawn_zoom)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ovf_tile_layer_constructed (GObject *object)
{
  OvfTileLayer *self = OVF_TILE_LAYER (object);

  G_OBJECT_CLASS (ovf_tile_layer_parent_class)->constructed (object);

  /* Tiles are asked for by the frame, not here: the viewport notifies its
   * zoom and centre one by one, and a view in between needs no tiles. */
  g_signal_connect_object (shumate_layer_get_viewport (SHUMATE_LAYER (self)), "notify",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->source, "tile-ready", G_CALLBACK (on_tile_ready), self, G_CONNECT_SWAPPED);
}

static void
ovf_tile_layer_dispose (GObject *object)
{
  OvfTileLayer *self = OVF_TILE_LAYER (object);

  g_clear_object (&self->source);
  g_clear_pointer (&self->shown, g_hash_table_unref);

  G_OBJECT_CLASS (ovf_tile_layer_parent_class)->dispose (object);
}

static void
ovf_tile_layer_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OvfTileLayer *self = OVF_TILE_LAYER (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_object (value, self->source);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ovf_tile_layer_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  OvfTileLayer *self = OVF_TILE_LAYER (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      self->source = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ovf_tile_layer_class_init (OvfTileLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ovf_tile_layer_constructed;
  object_class->dispose = ovf_tile_layer_dispose;
  object_class->get_property = ovf_tile_layer_get_property;
  object_class->set_property = ovf_tile_layer_set_property;
  widget_class->snapshot = ovf_tile_layer_snapshot;
  /* Only pictures of the map: the path layer says what it shows. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);

  properties[PROP_SOURCE] =
    g_param_spec_object ("source", NULL, NULL, OVF_TYPE_BASEMAP_SOURCE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ovf_tile_layer_init (OvfTileLayer *self)
{
  self->shown = g_hash_table_new_full (NULL, NULL, NULL, g_object_unref);
  self->first_frame_wait = FIRST_FRAME_WAIT_USEC;
}

OvfTileLayer *
ovf_tile_layer_new (ShumateViewport  *viewport,
                    OvfBasemapSource *source)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (OVF_IS_BASEMAP_SOURCE (source), NULL);

  return g_object_new (OVF_TYPE_TILE_LAYER, "viewport", viewport, "source", source, NULL);
}

/**
 * ovf_tile_layer_prefetch:
 * @width: the layer's width in its next frame
 * @height: and its height
 *
 * Starts drawing the tiles of the viewport's view at that size, ahead of
 * the frame that shows them.
 */
void
ovf_tile_layer_prefetch (OvfTileLayer *self,
                         int           width,
                         int           height)
{
  TileGrid grid;

  g_return_if_fail (OVF_IS_TILE_LAYER (self));

  if (compute_grid (self, width, height, &grid))
    request_tiles (self, &grid);
}

/**
 * ovf_tile_layer_set_first_frame_wait:
 * @wait: in µs
 *
 * Sets how long the layer's first frame may wait for tiles being drawn
 * (150 ms unless set): past it, the frame shows what is drawn by then.
 */
void
ovf_tile_layer_set_first_frame_wait (OvfTileLayer *self,
                                     GTimeSpan     wait)
{
  g_return_if_fail (OVF_IS_TILE_LAYER (self));
  g_return_if_fail (wait >= 0);
  self->first_frame_wait = wait;
}

/**
 * ovf_tile_layer_get_missing:
 *
 * Returns: how many of the last frame's tiles were not drawn yet, shown
 *   through a drawn parent or children or not at all
 */
guint
ovf_tile_layer_get_missing (OvfTileLayer *self)
{
  g_return_val_if_fail (OVF_IS_TILE_LAYER (self), 0);
  return self->missing;
}

/**
 * ovf_tile_layer_get_drawn:
 *
 * Returns: how many of the last frame's tiles were drawn at its zoom level
 */
guint
ovf_tile_layer_get_drawn (OvfTileLayer *self)
{
  g_return_val_if_fail (OVF_IS_TILE_LAYER (self), 0);
  return self->drawn;
}
