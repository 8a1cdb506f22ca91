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

/* The index of the label named @name, which must exist. */
static guint
find_label (const char *name)
{
  for (guint i = 0; i < ovf_basemap_get_n_labels (basemap); i++)
    {
      OvfBasemapLabel label;

      ovf_basemap_get_label (basemap, i, &label);
      if (g_strcmp0 (label.name, name) == 0)
        return i;
    }
  g_error ("no label “%s”", name);
}

static void
test_city_labels (void)
{
  OvfBasemapLabel billings, chicago;

  ovf_basemap_get_label (basemap, find_label ("Billings"), &billings);
  ovf_basemap_get_label (basemap, find_label ("Chicago"), &chicago);
  g_assert_cmpint (billings.kind, ==, OVF_BASEMAP_LABEL_CITY);
  g_assert_cmpint (billings.min_zoom, <=, 8);
  g_assert_cmpint (chicago.min_zoom, <=, 5);
  g_assert_cmpuint (chicago.population, >, 2000000);
  g_assert_cmpfloat (fabs (chicago.x - (-87.63 + 180.0) / 360.0), <, 0.001);
}

static gboolean
box_contains (const OvfBasemapLabelSpot *spot,
              double                     x0,
              double                     y0,
              double                     x1,
              double                     y1)
{
  return spot->x <= x0 && spot->y <= y0 && spot->x + spot->width >= x1 && spot->y + spot->height >= y1;
}

/* Every spot's box holds the text with its halo, and a city's dot; the
 * first is beside the dot for a city and centred for an area. */
static void
test_label_spots (void)
{
  const char *names[] = { "Chicago", "Billings", "UNITED STATES OF AMERICA", "Kansas" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      guint index = find_label (names[i]);
      OvfBasemapLabel label;
      OvfBasemapLabelSpot spots[OVF_BASEMAP_MAX_SPOTS];
      guint n = ovf_basemap_get_label_spots (basemap, index, spots);
      gboolean city;

      ovf_basemap_get_label (basemap, index, &label);
      city = label.kind == OVF_BASEMAP_LABEL_CITY;
      g_assert_cmpuint (n, >=, 3);
      for (guint s = 0; s < n; s++)
        {
          const OvfBasemapLabelSpot *spot = &spots[s];
          double halo = OVF_BASEMAP_LABEL_HALO;

          g_assert_cmpfloat (spot->text_width, >, 10);
          g_assert_cmpfloat (spot->text_height, >, 5);
          g_assert_true (box_contains (spot, spot->text_x - halo, spot->text_y - halo,
                                       spot->text_x + spot->text_width + halo,
                                       spot->text_y + spot->text_height + halo));
          if (city)
            g_assert_true (box_contains (spot, -2, -2, 2, 2));
        }
      if (city)
        g_assert_cmpfloat (spots[0].text_x, >, 0);
      else
        g_assert_cmpfloat (fabs (spots[0].text_x + spots[0].text_width / 2), <, 0.01);
    }
}

/* Tiles hold no text: labels are placed per view, over the tiles (see
 * test-label-placer.c). Around Chicago's point at zoom 8 the tile shows
 * only land and water, where it used to show the city's dot and name. */
static void
test_tiles_without_labels (void)
{
  TilePoint t = locate (41.88, -87.63, 8);
  cairo_surface_t *surface = render (&t, FALSE);
  double land[3], water[3], text[3];
  int other = 0;

  ovf_basemap_get_color (OVF_BASEMAP_COLOR_LAND, FALSE, land);
  ovf_basemap_get_color (OVF_BASEMAP_COLOR_WATER, FALSE, water);
  ovf_basemap_get_color (OVF_BASEMAP_COLOR_TEXT, FALSE, text);
  for (int dy = -6; dy <= 6; dy++)
    for (int dx = -4; dx <= 60; dx++)
      {
        double got[3];

        pixel (surface, (int) t.px + dx, (int) t.py + dy, got);
        g_assert_false (same_color (got, text));
        other += !same_color (got, land) && !same_color (got, water);
      }
  /* The lake shore runs through the box: a few pixels of its line. */
  g_assert_cmpint (other, <, 13 * 65 / 4);
  cairo_surface_destroy (surface);
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
  g_autoptr(GBytes) good = ovf_basemap_dup_bundled_bytes (NULL);
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
  g_test_add_func ("/basemap/labels/spots", test_label_spots);
  g_test_add_func ("/basemap/labels/not-in-tiles", test_tiles_without_labels);
  g_test_add_func ("/basemap/every-zoom", test_every_zoom);
  g_test_add_func ("/basemap/out-of-range-tiles", test_out_of_range_tiles);
  g_test_add_func ("/basemap/corrupt-data", test_corrupt_data);

  ret = g_test_run ();
  g_object_unref (basemap);
  return ret;
}
