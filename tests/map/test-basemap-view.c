/* test-basemap-view.c: the built-in source inside libshumate's map widget,
 * through libshumate's map layer and through OvfTileLayer. A window shows
 * three views (the world, North America, Montana at zoom 8); each is drawn
 * once, the tile tracker is waited on, and the rendered widget's pixels
 * are checked. Set OVF_SCREENSHOT_DIR to keep the images.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "ovf-basemap-source.h"
#include "ovf-tile-layer.h"

#define WIDTH  800
#define HEIGHT 560

typedef struct {
  const char *name;
  double      lat, lon, zoom;
  double      land_lat, land_lon;     /* a place that must be land */
  double      sea_lat, sea_lon;       /* and one that must be sea */
} View;

static const View views[] = {
  { "world", 30.0, -100.0, 2.0, 40.0, -100.0, 30.0, -40.0 },
  { "north-america", 48.0, -105.0, 4.0, 38.0, -99.5, 45.0, -135.0 },
  { "montana", 47.0, -109.5, 8.0, 47.2, -109.0, 0, 0 },
};

static gboolean
on_timeout (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the map lay out and draw, which is when it asks for tiles. */
static void
let_it_draw (GtkWidget *widget)
{
  gboolean done = FALSE;

  gtk_widget_queue_draw (widget);
  g_timeout_add (300, on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static GdkTexture *
render_widget (GtkWidget *widget)
{
  GdkPaintable *paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GdkTexture *texture;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gsk_render_node_unref (node);
  g_object_unref (paintable);
  return texture;
}

/* The layer's picture of the viewport as it is now, without waiting for
 * the frame clock's layout. */
static GdkTexture *
render_layer_now (GtkWidget *layer)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  GdkTexture *texture;

  GTK_WIDGET_GET_CLASS (layer)->snapshot (layer, snapshot);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (layer)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (layer),
                                                              gtk_widget_get_height (layer)));
  gsk_render_node_unref (node);
  return texture;
}

/* Channels within 2 levels: cairo and GDK round colours differently. */
static gboolean
close_to (guint32 a,
          guint32 b)
{
  for (int shift = 0; shift < 24; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > 2)
      return FALSE;
  return TRUE;
}

/* Share of the 7×7 pixels around a place that have the colour:
 * a border or a label may cross a few of them. */
static double
share_at (GdkTexture *texture,
          ShumateMap *map,
          double      lat,
          double      lon,
          guint32     want)
{
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  g_autofree guint8 *data = g_malloc ((gsize) w * h * 4);
  double x, y;
  int hits = 0;

  shumate_viewport_location_to_widget_coords (viewport, GTK_WIDGET (map), lat, lon, &x, &y);
  g_assert_cmpfloat (x, >=, 3);
  g_assert_cmpfloat (x, <, w - 3);
  g_assert_cmpfloat (y, >=, 3);
  g_assert_cmpfloat (y, <, h - 3);
  gdk_texture_download (texture, data, (gsize) w * 4);
  for (int dy = -3; dy <= 3; dy++)
    for (int dx = -3; dx <= 3; dx++)
      {
        guint32 p;

        memcpy (&p, data + (gsize) (((int) y + dy) * w + (int) x + dx) * 4, 4);
        hits += close_to (p, want);
      }
  return hits / 49.0;
}

static guint32
color (OvfBasemapColor which)
{
  double rgb[3];

  ovf_basemap_get_color (which, FALSE, rgb);
  return (guint32) (rgb[0] * 255 + 0.5) << 16 | (guint32) (rgb[1] * 255 + 0.5) << 8 | (guint32) (rgb[2] * 255 + 0.5);
}

static void
check_view (GdkTexture *texture,
            ShumateMap *map,
            const View *v)
{
  g_assert_cmpfloat (share_at (texture, map, v->land_lat, v->land_lon, color (OVF_BASEMAP_COLOR_LAND)), >=, 0.7);
  if (v->sea_lat != 0)
    g_assert_cmpfloat (share_at (texture, map, v->sea_lat, v->sea_lon, color (OVF_BASEMAP_COLOR_WATER)), >=, 0.7);
}

typedef struct {
  GtkWidget        *window;
  ShumateMap       *map;
  OvfBasemapSource *source;
  OvfTileTracker   *tracker;
  ShumateLayer     *layer;
} MapWindow;

/* A map on the built-in source, shown at @v, through libshumate's map
 * layer or, with @tile_layer, through OvfTileLayer. */
static void
map_window_open (MapWindow  *w,
                 gboolean    tile_layer,
                 const View *v)
{
  g_autoptr(OvfBasemap) basemap = ovf_basemap_get_default (NULL);
  ShumateViewport *viewport;

  w->tracker = ovf_tile_tracker_new ();
  w->source = ovf_basemap_source_new_full (basemap, FALSE, w->tracker);
  w->window = gtk_window_new ();
  w->map = shumate_map_new ();
  viewport = shumate_map_get_viewport (w->map);
  if (tile_layer)
    w->layer = SHUMATE_LAYER (ovf_tile_layer_new (viewport, w->source));
  else
    w->layer = SHUMATE_LAYER (shumate_map_layer_new (SHUMATE_MAP_SOURCE (w->source), viewport));

  shumate_map_set_map_source (w->map, SHUMATE_MAP_SOURCE (w->source));
  shumate_map_add_layer (w->map, w->layer);
  shumate_map_set_animate_zoom (w->map, FALSE);
  shumate_viewport_set_zoom_level (viewport, v->zoom);
  shumate_map_center_on (w->map, v->lat, v->lon);
  gtk_window_set_default_size (GTK_WINDOW (w->window), WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (w->window), GTK_WIDGET (w->map));
}

/* Shows the window and lets it draw until its frame has every tile. */
static void
map_window_show_drawn (MapWindow *w)
{
  gtk_window_present (GTK_WINDOW (w->window));
  let_it_draw (GTK_WIDGET (w->map));
  g_assert_true (ovf_tile_tracker_wait_idle (w->tracker, 30000));
  let_it_draw (GTK_WIDGET (w->map));
}

static void
map_window_close (MapWindow *w)
{
  gtk_window_destroy (GTK_WINDOW (w->window));
  g_clear_object (&w->source);
  g_clear_object (&w->tracker);
}

enum {
  TILE_LAYER = 1 << 0,
  ROTATED    = 1 << 1,
};

static void
test_views (gconstpointer data)
{
  gboolean tile_layer = (GPOINTER_TO_INT (data) & TILE_LAYER) != 0;
  gboolean rotated = (GPOINTER_TO_INT (data) & ROTATED) != 0;
  MapWindow w;
  ShumateMap *map;
  ShumateViewport *viewport;
  OvfTileTracker *tracker;
  const char *dir = g_getenv ("OVF_SCREENSHOT_DIR");

  map_window_open (&w, tile_layer, &views[0]);
  map = w.map;
  viewport = shumate_map_get_viewport (map);
  tracker = w.tracker;
  /* A two-finger turn on a touchpad rotates the map. */
  if (rotated)
    shumate_viewport_set_rotation (viewport, 0.5);
  gtk_window_present (GTK_WINDOW (w.window));
  while (gtk_widget_get_width (GTK_WIDGET (map)) < WIDTH / 2)
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      const View *v = &views[i];
      g_autoptr(GdkTexture) texture = NULL;

      shumate_viewport_set_zoom_level (viewport, v->zoom);
      shumate_map_center_on (map, v->lat, v->lon);
      let_it_draw (GTK_WIDGET (map));
      g_assert_cmpuint (ovf_tile_tracker_get_requested (tracker), >, 0);
      g_assert_true (ovf_tile_tracker_wait_idle (tracker, 30000));
      let_it_draw (GTK_WIDGET (map));

      texture = render_widget (GTK_WIDGET (map));
      if (dir != NULL)
        {
          g_autofree char *name = g_strdup_printf ("basemap-%s%s%s.png", v->name, tile_layer ? "-tile-layer" : "",
                                                   rotated ? "-rotated" : "");
          g_autofree char *path = g_build_filename (dir, name, NULL);

          gdk_texture_save_to_png (texture, path);
        }
      check_view (texture, map, v);
      if (tile_layer)
        g_assert_cmpuint (ovf_tile_layer_get_missing (OVF_TILE_LAYER (w.layer)), ==, 0);
    }
  g_assert_cmpuint (ovf_tile_tracker_get_failed (tracker), ==, 0);

  map_window_close (&w);
}

static void
on_after_paint (GdkFrameClock *clock,
                MapWindow     *w)
{
  GdkTexture **first_frame = g_object_get_data (G_OBJECT (w->window), "first-frame");

  if (*first_frame != NULL || !gtk_widget_get_mapped (GTK_WIDGET (w->map)))
    return;
  g_object_set_data (G_OBJECT (w->window), "missing",
                     GUINT_TO_POINTER (ovf_tile_layer_get_missing (OVF_TILE_LAYER (w->layer)) + 1));
  *first_frame = render_widget (GTK_WIDGET (w->map));
}

static void
on_realize (GtkWidget *window,
            MapWindow *w)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint), w);
}

/* The first frame of a new view already shows its map: the tile layer
 * waits for the few tiles being drawn instead of painting an empty one.
 * The wait is made long enough for the slowest build (sanitizers, a busy
 * machine): what is tested is that the frame waits, not how fast tiles are. */
static void
test_tile_layer_first_frame (void)
{
  g_autoptr(GdkTexture) first_frame = NULL;
  MapWindow w;

  map_window_open (&w, TRUE, &views[1]);
  ovf_tile_layer_set_first_frame_wait (OVF_TILE_LAYER (w.layer), 30 * G_USEC_PER_SEC);
  g_object_set_data (G_OBJECT (w.window), "first-frame", &first_frame);
  g_signal_connect (w.window, "realize", G_CALLBACK (on_realize), &w);
  gtk_window_present (GTK_WINDOW (w.window));
  while (first_frame == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (w.window), "missing")), ==, 1);
  check_view (first_frame, w.map, &views[1]);
  g_assert_cmpuint (ovf_basemap_source_get_tiles_drawn (w.source), >, 0);
  map_window_close (&w);
}

/* Zoomed in, a tile not drawn yet shows its parent meanwhile, never a
 * hole, and the frame does not wait for it. */
static void
test_tile_layer_stand_in (void)
{
  ShumateViewport *viewport;
  OvfTileLayer *layer;
  guint64 drawn;
  MapWindow w;

  map_window_open (&w, TRUE, &views[1]);
  viewport = shumate_map_get_viewport (w.map);
  layer = OVF_TILE_LAYER (w.layer);
  map_window_show_drawn (&w);
  g_assert_cmpuint (ovf_tile_layer_get_missing (layer), ==, 0);
  drawn = ovf_basemap_source_get_tiles_drawn (w.source);

  /* Drawn at once, before any tile of the new zoom level can be done. */
  shumate_viewport_set_zoom_level (viewport, views[1].zoom + 2);
  {
    g_autoptr(GdkTexture) texture = render_layer_now (GTK_WIDGET (layer));

    g_assert_cmpuint (ovf_tile_layer_get_missing (layer), >, 0);
    g_assert_cmpuint (ovf_basemap_source_get_tiles_drawn (w.source), >, drawn);
    /* Its centre, in Montana, is land in the parent tile too. */
    g_assert_cmpfloat (share_at (texture, w.map, views[1].lat, views[1].lon, color (OVF_BASEMAP_COLOR_LAND)), >=,
                       0.7);
  }

  g_assert_true (ovf_tile_tracker_wait_idle (w.tracker, 30000));
  let_it_draw (GTK_WIDGET (w.map));
  g_assert_cmpuint (ovf_tile_layer_get_missing (layer), ==, 0);
  map_window_close (&w);
}

/* Tiles asked for ahead of a frame, at the layer's size, are those the
 * frame shows: it needs to start none of its own. */
static void
test_tile_layer_prefetch (void)
{
  ShumateViewport *viewport;
  OvfTileLayer *layer;
  guint64 before, prefetched;
  MapWindow w;

  map_window_open (&w, TRUE, &views[0]);
  viewport = shumate_map_get_viewport (w.map);
  layer = OVF_TILE_LAYER (w.layer);
  map_window_show_drawn (&w);

  shumate_viewport_set_zoom_level (viewport, views[1].zoom);
  shumate_map_center_on (w.map, views[1].lat, views[1].lon);
  before = ovf_basemap_source_get_tiles_drawn (w.source);
  ovf_tile_layer_prefetch (layer, gtk_widget_get_width (GTK_WIDGET (layer)),
                           gtk_widget_get_height (GTK_WIDGET (layer)));
  prefetched = ovf_basemap_source_get_tiles_drawn (w.source);
  g_assert_cmpuint (prefetched, >, before);

  g_assert_true (ovf_tile_tracker_wait_idle (w.tracker, 30000));
  let_it_draw (GTK_WIDGET (w.map));
  g_assert_cmpuint (ovf_basemap_source_get_tiles_drawn (w.source), ==, prefetched);
  g_assert_cmpuint (ovf_tile_layer_get_drawn (layer), >, 0);
  g_assert_cmpuint (ovf_tile_layer_get_missing (layer), ==, 0);
  map_window_close (&w);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/basemap-view/map-layer/views", GINT_TO_POINTER (0), test_views);
  g_test_add_data_func ("/basemap-view/map-layer/views-rotated", GINT_TO_POINTER (ROTATED), test_views);
  g_test_add_data_func ("/basemap-view/tile-layer/views", GINT_TO_POINTER (TILE_LAYER), test_views);
  g_test_add_data_func ("/basemap-view/tile-layer/views-rotated", GINT_TO_POINTER (TILE_LAYER | ROTATED),
                        test_views);
  g_test_add_func ("/basemap-view/tile-layer/first-frame", test_tile_layer_first_frame);
  g_test_add_func ("/basemap-view/tile-layer/stand-in", test_tile_layer_stand_in);
  g_test_add_func ("/basemap-view/tile-layer/prefetch", test_tile_layer_prefetch);
  return g_test_run ();
}
