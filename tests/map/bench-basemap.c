/* bench-basemap.c: how fast the built-in basemap loads and draws.
 *
 * Prints the load time, resident memory, time per tile (median and p99)
 * at zooms 0, 3, 6, 9 and 12 over the balloon's route, tiles per second
 * with two threads, and, as a yardstick, the cost of decoding a cached
 * 256 px PNG tile, which is what an online map pays per tile.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <gtk/gtk.h>

#include "bench-util.h"
#include "ovf-basemap.h"

typedef struct {
  int zoom, x, y;
} Tile;

/* The route: Hainan, the North Pacific, the Aleutians, Canada, Idaho,
 * Montana, Kansas and Missouri, and the Carolina coast. */
static const double route[][2] = {
  { 19.0, 110.0 }, { 35.0, 150.0 }, { 50.0, 175.0 }, { 52.0, -175.0 }, { 55.0, -160.0 },
  { 60.0, -140.0 }, { 58.0, -125.0 }, { 48.0, -116.0 }, { 47.5, -111.0 }, { 45.8, -108.5 },
  { 39.0, -95.0 }, { 36.0, -85.0 }, { 33.6, -78.8 },
};

static GArray *
route_tiles (int zoom)
{
  GArray *tiles = g_array_new (FALSE, FALSE, sizeof (Tile));
  GHashTable *seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  int n = 1 << zoom;

  for (guint i = 0; i < G_N_ELEMENTS (route); i++)
    {
      double s = sin (route[i][0] * G_PI / 180);
      int cx = (int) floor ((route[i][1] + 180) / 360 * n);
      int cy = (int) floor ((0.5 - log ((1 + s) / (1 - s)) / (4 * G_PI)) * n);

      for (int dy = -1; dy <= 1; dy++)
        for (int dx = -1; dx <= 1; dx++)
          {
            Tile t = { zoom, ((cx + dx) % n + n) % n, cy + dy };
            gint64 *key = g_new (gint64, 1);

            *key = (gint64) t.x << 32 | (guint) t.y;
            if (t.y < 0 || t.y >= n || g_hash_table_contains (seen, key))
              {
                g_free (key);
                continue;
              }
            g_hash_table_add (seen, key);
            g_array_append_val (tiles, t);
          }
    }
  g_hash_table_destroy (seen);
  return tiles;
}

static double
thread_cpu_ms (void)
{
  return ovf_bench_cpu_ns (CLOCK_THREAD_CPUTIME_ID) / 1e6;
}

/* Returns wall-clock milliseconds; adds this thread's CPU time to *cpu_ms,
 * which stays meaningful when other work shares the machine. */
static double
render_ms (OvfBasemap      *basemap,
           cairo_surface_t *surface,
           const Tile      *t,
           double          *cpu_ms)
{
  cairo_t *cr = cairo_create (surface);
  gint64 start = g_get_monotonic_time ();
  double cpu_start = thread_cpu_ms ();

  ovf_basemap_render_tile (basemap, cr, t->zoom, t->x, t->y, 256, FALSE);
  cairo_surface_flush (surface);
  cairo_destroy (cr);
  if (cpu_ms != NULL)
    *cpu_ms = thread_cpu_ms () - cpu_start;
  return ovf_bench_ms_since (start);
}

static void
render_job (gpointer data,
            gpointer user_data)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);

  render_ms (user_data, surface, data, NULL);
  cairo_surface_destroy (surface);
}

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  static const int zooms[] = { 0, 3, 6, 9, 12 };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(OvfBasemap) basemap = NULL;
  g_autoptr(GArray) load_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  gint64 rss_before, start;
  double total_ms;

  bytes = ovf_basemap_dup_bundled_bytes (&error);
  g_assert_no_error (error);

  rss_before = ovf_bench_rss_kib ("VmRSS:");
  for (int i = 0; i < 21; i++)
    {
      OvfBasemap *m;

      start = g_get_monotonic_time ();
      m = ovf_basemap_new_from_bytes (bytes, &error);
      g_assert_no_error (error);
      if (i > 0)
        {
          double ms = ovf_bench_ms_since (start);

          g_array_append_val (load_ms, ms);
        }
      if (basemap == NULL)
        basemap = m;
      else
        g_object_unref (m);
    }
  printf ("basemap: %zu bytes, %u labels\n", g_bytes_get_size (bytes), ovf_basemap_get_n_labels (basemap));
  printf ("load: median %.2f ms, max %.2f ms\n",
          ovf_bench_percentile (load_ms, 0.5), ovf_bench_percentile (load_ms, 1.0));

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      GArray *tiles = route_tiles (zooms[z]);
      g_autoptr(GArray) cold = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) warm = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));

      /* The first pass also measures each label's text once. */
      for (guint pass = 0; pass < 3; pass++)
        for (guint i = 0; i < tiles->len; i++)
          {
            double cpu_ms;
            double ms = render_ms (basemap, surface, &g_array_index (tiles, Tile, i), &cpu_ms);

            g_array_append_val (pass == 0 ? cold : warm, ms);
            if (pass > 0)
              g_array_append_val (cpu, cpu_ms);
          }
      printf ("zoom %2d: %3u tiles, median %.2f ms, p99 %.2f ms; CPU time median %.2f ms, p99 %.2f ms "
              "(first draw: median %.2f ms, p99 %.2f ms)\n",
              zooms[z], tiles->len, ovf_bench_percentile (warm, 0.5), ovf_bench_percentile (warm, 0.99),
              ovf_bench_percentile (cpu, 0.5), ovf_bench_percentile (cpu, 0.99),
              ovf_bench_percentile (cold, 0.5), ovf_bench_percentile (cold, 0.99));
      for (guint i = 0; i < tiles->len; i++)
        g_ptr_array_add (all, &g_array_index (tiles, Tile, i));
      /* Kept until the end: `all` points into it. */
      g_object_set_data_full (G_OBJECT (basemap), g_strdup_printf ("bench-%u", z), tiles,
                              (GDestroyNotify) g_array_unref);
    }

  {
    GThreadPool *pool = g_thread_pool_new (render_job, basemap, 2, TRUE, NULL);
    guint rounds = 4;

    start = g_get_monotonic_time ();
    for (guint r = 0; r < rounds; r++)
      for (guint i = 0; i < all->len; i++)
        g_thread_pool_push (pool, all->pdata[i], NULL);
    g_thread_pool_free (pool, FALSE, TRUE);
    total_ms = ovf_bench_ms_since (start);
    printf ("2 threads: %.0f tiles/s (%u tiles in %.0f ms)\n",
            rounds * all->len / (total_ms / 1000.0), rounds * all->len, total_ms);
  }

  printf ("resident: %.1f MiB now, %.1f MiB peak, %.1f MiB more than before loading\n",
          ovf_bench_rss_kib ("VmRSS:") / 1024.0, ovf_bench_rss_kib ("VmHWM:") / 1024.0,
          (ovf_bench_rss_kib ("VmRSS:") - rss_before) / 1024.0);

  {
    g_autoptr(GByteArray) png = g_byte_array_new ();
    g_autoptr(GBytes) png_bytes = NULL;
    g_autoptr(GArray) decode = g_array_new (FALSE, FALSE, sizeof (double));
    Tile t = { 6, 10, 22 };

    render_ms (basemap, surface, &t, NULL);
    cairo_surface_write_to_png_stream (surface, append_png, png);
    png_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&png));
    for (int i = 0; i < 50; i++)
      {
        GdkTexture *texture;
        double ms;

        start = g_get_monotonic_time ();
        texture = gdk_texture_new_from_bytes (png_bytes, &error);
        g_assert_no_error (error);
        ms = ovf_bench_ms_since (start);
        g_array_append_val (decode, ms);
        g_object_unref (texture);
      }
    printf ("yardstick, decoding a cached %zu-byte 256 px PNG tile: median %.2f ms, p99 %.2f ms\n",
            g_bytes_get_size (png_bytes),
            ovf_bench_percentile (decode, 0.5), ovf_bench_percentile (decode, 0.99));
  }

  cairo_surface_destroy (surface);
  return 0;
}
