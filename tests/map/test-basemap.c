/* test-basemap.c: the built-in basemap renders known places correctly.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ovf-basemap.h"

#define TILE 256

static OvfBasemap *basemap;

typedef struct {
  int zoom, x, y;
  double px, py;             /* the place inside its tile */
} TilePoint;

static TilePoint
locate (double lat,
        double lon,
        int    zoom)
{
  double n = ldexp (1.0, zoom);
  double s = sin (lat * G_PI / 180.0);
  double wx = (lon + 180.0) / 360.0 * n;
  double wy = (0.5 - log ((1 + s) / (1 - s)) / (4 * G_PI)) * n;
  TilePoint t = { zoom, (int) floor (wx), (int) floor (wy), 0, 0 };

  t.px = (wx - t.x) * TILE;
  t.py = (wy - t.y) * TILE;
  return t;
}

static cairo_surface_t *
render (const TilePoint *t,
        gboolean         dark)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, TILE, TILE);
  cairo_t *cr = cairo_create (surface);

  ovf_basemap_render_tile (basemap, cr, t->zoom, t->x, t->y, TILE, dark);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static void
pixel (cairo_surface_t *surface,
       int              x,
       int              y,
       double           rgb[3])
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint32 p;

  x = CLAMP (x, 0, TILE - 1);
  y = CLAMP (y, 0, TILE - 1);
  memcpy (&p, data + y * cairo_image_surface_get_stride (surface) + x * 4, 4);
  rgb[0] = ((p >> 16) & 0xff) / 255.0;
  rgb[1] = ((p >> 8) & 0xff) / 255.0;
  rgb[2] = (p & 0xff) / 255.0;
}

static gboolean
same_color (const double a[3],
            const double b[3])
{
  return fabs (a[0] - b[0]) < 0.02 && fabs (a[1] - b[1]) < 0.02 && fabs (a[2] - b[2]) < 0.02;
}

/* Share of the 9×9 pixels around the place that have the colour; a label
 * may cover a few of them. */
static double
share_of_color (cairo_surface_t *surface,
                const TilePoint *t,
                OvfBasemapColor  color,
                gboolean         dark)
{
  double want[3], got[3];
  int hits = 0;

  ovf_basemap_get_color (color, dark, want);
  for (int dy = -4; dy <= 4; dy++)
    for (int dx = -4; dx <= 4; dx++)
      {
        pixel (surface, (int) t->px + dx, (int) t->py + dy, got);
        hits += same_color (want, got);
      }
  return hits / 81.0;
}

static void
assert_color_at (double          lat,
                 double          lon,
                 int             zoom,
                 OvfBasemapColor color,
                 gboolean        dark)
{
  TilePoint t = locate (lat, lon, zoom);
  cairo_surface_t *surface = render (&t, dark);
  double share = share_of_color (surface, &t, color, dark);

  if (share < 0.8)
    g_error ("%.2f,%.2f at zoom %d: only %.0f%% of pixels have colour %d",
             lat, lon, zoom, share * 100, color);
  cairo_surface_destroy (surface);
}

static void
test_load (void)
{
  g_autoptr(GError) error = NULL;
  const char *attribution = ovf_basemap_get_attribution (basemap);

  g_assert_true (ovf_basemap_check (basemap, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ovf_basemap_get_n_labels (basemap), >, 5000);
  g_assert_nonnull (strstr (attribution, "Natural Earth"));
  g_assert_nonnull (strstr (attribution, "GeoNames"));
  g_assert_nonnull (strstr (attribution, "OpenStreetMap"));
}

static void
test_ocean_mid_atlantic (void)
{
  for (int zoom = 2; zoom <= 8; zoom += 3)
    assert_color_at (30.0, -40.0, zoom, OVF_BASEMAP_COLOR_WATER, FALSE);
}

static void
test_land_kansas (void)
{
  for (int zoom = 3; zoom <= 12; zoom += 3)
    assert_color_at (38.0, -99.5, zoom, OVF_BASEMAP_COLOR_LAND, FALSE);
}

static void
test_lake_michigan (void)
{
  for (int zoom = 5; zoom <= 11; zoom += 2)
    assert_color_at (43.8, -87.0, zoom, OVF_BASEMAP_COLOR_WATER, FALSE);
}

static void
test_pacific_near_dateline (void)
{
  /* The ocean either side of the antimeridian, where land rings are cut. */
  assert_color_at (40.0, 179.5, 5, OVF_BASEMAP_COLOR_WATER, FALSE);
  assert_color_at (40.0, -179.5, 5, OVF_BASEMAP_COLOR_WATER, FALSE);
  assert_color_at (66.5, 179.0, 5, OVF_BASEMAP_COLOR_LAND, FALSE);
}

static double
luminance (const double rgb[3])
{
  return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2];
}

/* The U.S.–Canada border follows the 49th parallel west of the Lake of the
 * Woods: within 2 px of it, each column must have a pixel at least halfway
 * from the land's colour to the border's. (Not "the darkest pixel near
 * it": with another typeface a city's name may cross the column.) The tile
 * and the one below it are drawn, as the line may sit on their edge. */
static void
test_border_49th_parallel (void)
{
  static const double lons[] = { -118.0, -110.0, -104.5, -97.5 };
  double land[3], border[3], threshold;

  ovf_basemap_get_color (OVF_BASEMAP_COLOR_LAND, FALSE, land);
  ovf_basemap_get_color (OVF_BASEMAP_COLOR_COUNTRY_BORDER, FALSE, border);
  threshold = (luminance (land) + luminance (border)) / 2;

  /* Up to zoom 8, where Natural Earth's 1:10m lines are still exact to a
   * pixel (one is 400 m there). */
  for (int zoom = 4; zoom <= 8; zoom++)
    for (guint i = 0; i < G_N_ELEMENTS (lons); i++)
      {
        TilePoint t = locate (49.0, lons[i], zoom);
        gboolean found = FALSE;
        cairo_surface_t *surfaces[2];

        for (int k = 0; k < 2; k++)
          {
            TilePoint below = t;

            below.y += k;
            surfaces[k] = render (&below, FALSE);
          }
        for (int row = (int) floor (t.py - 2); row <= (int) ceil (t.py + 2) && !found; row++)
          {
            double rgb[3];

            if (row < 0)
              continue;
            pixel (surfaces[row / TILE], (int) t.px, row % TILE, rgb);
            found = luminance (rgb) <= threshold;
          }
        cairo_surface_destroy (surfaces[0]);
        cairo_surface_destroy (surfaces[1]);
        if (!found)
          g_error ("no border at lon %.1f zoom %d within 2 px of row %.1f", lons[i], zoom, t.py);
      }
}

static void
test_dark_palette (void)
{
  double light[3], dark[3];

  ovf_basemap_get_color (OVF_BASEMAP_COLOR_WATER, FALSE, light);
  ovf_basemap_get_color (OVF_BASEMAP_COLOR_WATER, TRUE, dark);
  g_assert_false (same_color (light, dark));
  g_assert_cmpfloat (luminance (dark), <, luminance (light));
  assert_color_at (30.0, -40.0, 4, OVF_BASEMAP_COLOR_WATER, TRUE);
  assert_color_at (38.0, -99.5, 6, OVF_BASEMAP_COLOR_LAND, TRUE);
}

static gboolean
has_label (GArray     *labels,
           const char *name)
{
  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (g_array_index (labels, OvfBasemapLabelBox, i).name, name) == 0)
      return TRUE;
  return FALSE;
}

static void
test_city_labels (void)
{
  TilePoint billings = locate (45.78, -108.5, 8);
  TilePoint chicago = locate (41.88, -87.63, 5);
  g_autoptr(GArray) a = ovf_basemap_place_labels (basemap, billings.zoom, billings.x, billings.y, TILE);
  g_autoptr(GArray) b = ovf_basemap_place_labels (basemap, chicago.zoom, chicago.x, chicago.y, TILE);

  g_assert_true (has_label (a, "Billings"));
  g_assert_true (has_label (b, "Chicago"));
}

static gboolean
overlap (const OvfBasemapLabelBox *a,
         const OvfBasemapLabelBox *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Over the flight's region: no two labels of a tile overlap, and a label
 * crossing into the next tile is drawn there at the same place. */
static void
test_label_collisions (void)
{
  guint checked = 0;

  for (int zoom = 2; zoom <= 10; zoom++)
    {
      TilePoint a = locate (70.0, -170.0, zoom), b = locate (25.0, -60.0, zoom);
      int step = MAX (1, (b.x - a.x) / 6);

      for (int y = a.y; y <= b.y; y += step)
        for (int x = a.x; x <= b.x; x += step)
          {
            g_autoptr(GArray) here = ovf_basemap_place_labels (basemap, zoom, x, y, TILE);
            g_autoptr(GArray) right = ovf_basemap_place_labels (basemap, zoom, x + 1, y, TILE);

            for (guint i = 0; i < here->len; i++)
              {
                const OvfBasemapLabelBox *l = &g_array_index (here, OvfBasemapLabelBox, i);
                gboolean found = l->x + l->width <= TILE;

                for (guint j = i + 1; j < here->len; j++)
                  if (overlap (l, &g_array_index (here, OvfBasemapLabelBox, j)))
                    g_error ("zoom %d tile %d,%d: “%s” overlaps “%s”", zoom, x, y, l->name,
                             g_array_index (here, OvfBasemapLabelBox, j).name);
                for (guint j = 0; j < right->len && !found; j++)
                  {
                    const OvfBasemapLabelBox *r = &g_array_index (right, OvfBasemapLabelBox, j);

                    found = g_strcmp0 (r->name, l->name) == 0 && fabs (r->x + TILE - l->x) < 0.01 &&
                            fabs (r->y - l->y) < 0.01;
                  }
                if (!found)
                  g_error ("zoom %d tile %d,%d: “%s” is cut at the right edge", zoom, x, y, l->name);
                checked++;
              }
          }
    }
  g_assert_cmpuint (checked, >, 100);
}

static void
test_every_zoom (void)
{
  /* Billings, Montana, and the shoot-down off Myrtle Beach, at every zoom
   * the map offers; warnings are fatal in this program. */
  for (int zoom = 0; zoom <= 14; zoom++)
    {
      TilePoint points[] = { locate (45.78, -108.5, zoom), locate (33.55, -78.8, zoom) };

      for (guint i = 0; i < G_N_ELEMENTS (points); i++)
        cairo_surface_destroy (render (&points[i], zoom % 2));
    }
}

static void
test_out_of_range_tiles (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, TILE, TILE);
  cairo_t *cr = cairo_create (surface);
  double got[3], want[3];

  /* Rows outside the world are sea; columns wrap around the world. */
  ovf_basemap_render_tile (basemap, cr, 3, 0, 9, TILE, FALSE);
  cairo_surface_flush (surface);
  pixel (surface, 128, 128, got);
  ovf_basemap_get_color (OVF_BASEMAP_COLOR_WATER, FALSE, want);
  g_assert_true (same_color (got, want));
  ovf_basemap_render_tile (basemap, cr, 3, -7, 3, TILE, FALSE);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_corrupt_data (void)
{
  g_autoptr(GBytes) good = g_resources_lookup_data (OVF_BASEMAP_RESOURCE, 0, NULL);
  gsize size;
  const guint8 *data = g_bytes_get_data (good, &size);
  static const gsize truncations[] = { 0, 7, 31, 100, 4096 };
  GRand *rand = g_rand_new_with_seed (20230204);

  for (guint i = 0; i < G_N_ELEMENTS (truncations); i++)
    {
      g_autoptr(GBytes) cut = g_bytes_new (data, truncations[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(OvfBasemap) map = ovf_basemap_new_from_bytes (cut, &error);

      g_assert_null (map);
      g_assert_error (error, OVF_BASEMAP_ERROR, OVF_BASEMAP_ERROR_INVALID);
    }

  {
    g_autofree guint8 *copy = g_memdup2 (data, size);
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(OvfBasemap) map = NULL;

    copy[0] = 'X';
    bytes = g_bytes_new_take (g_steal_pointer (&copy), size);
    map = ovf_basemap_new_from_bytes (bytes, &error);
    g_assert_null (map);
    g_assert_nonnull (strstr (error->message, "magic"));
  }

  /* Random damage anywhere: either refused at load, found by the check,
   * or harmless; never a crash (AddressSanitizer watches the reads). */
  for (guint round = 0; round < 60; round++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(OvfBasemap) map = NULL;

      for (guint k = 0; k < 8; k++)
        {
          /* Half the hits land in the small structural part of the file. */
          gsize at = k % 2 ? g_rand_int_range (rand, 0, 4096) : g_rand_int_range (rand, 0, (gint32) size);

          copy[at] ^= 1 << g_rand_int_range (rand, 0, 8);
        }
      bytes = g_bytes_new_take (g_steal_pointer (&copy), size);
      map = ovf_basemap_new_from_bytes (bytes, &error);
      if (map == NULL)
        {
          g_assert_error (error, OVF_BASEMAP_ERROR, OVF_BASEMAP_ERROR_INVALID);
          continue;
        }
      if (!ovf_basemap_check (map, &error))
        g_assert_error (error, OVF_BASEMAP_ERROR, OVF_BASEMAP_ERROR_INVALID);
      g_clear_error (&error);
      for (int zoom = 0; zoom <= 9; zoom += 3)
        {
          TilePoint t = locate (45.0, -100.0, zoom);
          cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, TILE, TILE);
          cairo_t *cr = cairo_create (surface);

          ovf_basemap_render_tile (map, cr, t.zoom, t.x, t.y, TILE, FALSE);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
    }
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL);

  basemap = ovf_basemap_get_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/basemap/load", test_load);
  g_test_add_func ("/basemap/pixels/ocean-mid-atlantic", test_ocean_mid_atlantic);
  g_test_add_func ("/basemap/pixels/land-kansas", test_land_kansas);
  g_test_add_func ("/basemap/pixels/lake-michigan", test_lake_michigan);
  g_test_add_func ("/basemap/pixels/pacific-dateline", test_pacific_near_dateline);
  g_test_add_func ("/basemap/pixels/border-49th-parallel", test_border_49th_parallel);
  g_test_add_func ("/basemap/pixels/dark-palette", test_dark_palette);
  g_test_add_func ("/basemap/labels/cities", test_city_labels);
  g_test_add_func ("/basemap/labels/no-collisions", test_label_collisions);
  g_test_add_func ("/basemap/every-zoom", test_every_zoom);
  g_test_add_func ("/basemap/out-of-range-tiles", test_out_of_range_tiles);
  g_test_add_func ("/basemap/corrupt-data", test_corrupt_data);

  ret = g_test_run ();
  g_object_unref (basemap);
  return ret;
}
