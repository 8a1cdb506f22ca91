/* test-basemap-view.c: the built-in source inside libshumate's map widget.
 * A window shows three views (the world, North America, Montana at zoom 8);
 * each is drawn once, the tile tracker is waited on, and the rendered
 * widget's pixels are checked. Set OVF_SCREENSHOT_DIR to keep the images.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <gtk/gtk.h>

#include "ovf-basemap-source.h"

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
test_views (void)
{
  g_autoptr(OvfTileTracker) tracker = ovf_tile_tracker_new ();
  g_autoptr(OvfBasemap) basemap = ovf_basemap_get_default (NULL);
  OvfBasemapSource *source = ovf_basemap_source_new_full (basemap, FALSE, tracker);
  GtkWidget *window = gtk_window_new ();
  ShumateMap *map = shumate_map_new ();
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  const char *dir = g_getenv ("OVF_SCREENSHOT_DIR");

  shumate_map_set_map_source (map, SHUMATE_MAP_SOURCE (source));
  shumate_map_add_layer (map, SHUMATE_LAYER (shumate_map_layer_new (SHUMATE_MAP_SOURCE (source), viewport)));
  shumate_map_set_animate_zoom (map, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (map));
  gtk_window_present (GTK_WINDOW (window));
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
          g_autofree char *name = g_strdup_printf ("basemap-%s.png", v->name);
          g_autofree char *path = g_build_filename (dir, name, NULL);

          gdk_texture_save_to_png (texture, path);
        }
      g_assert_cmpfloat (share_at (texture, map, v->land_lat, v->land_lon, color (OVF_BASEMAP_COLOR_LAND)), >=, 0.7);
      if (v->sea_lat != 0)
        g_assert_cmpfloat (share_at (texture, map, v->sea_lat, v->sea_lon, color (OVF_BASEMAP_COLOR_WATER)), >=, 0.7);
    }
  g_assert_cmpuint (ovf_tile_tracker_get_failed (tracker), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (source);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/basemap-view/views", test_views);
  return g_test_run ();
}
