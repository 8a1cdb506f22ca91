/* bench-window.c: start-up, memory and scrubbing of the main window, each
 * next to a bare GTK 4 window measured in turn in the same run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Without arguments it runs ROUNDS rounds, each starting this program
 * once with --bare and once with --window, and prints medians and ratios;
 * then it times scrubbing in a window of its own.
 */
#include "config.h"

#include <shumate/shumate.h>
#include <stdio.h>
#include <unistd.h>

#include "ovf-application.h"
#include "ovf-window.h"

#define ROUNDS 5
/* The map has settled when no frame was painted for this long. */
#define QUIET_USEC (700 * 1000)
#define SETTLE_TIMEOUT_USEC (10 * G_USEC_PER_SEC)
#define SCRUB_STEPS 400

static gint64 started;

typedef struct
{
  GtkApplication *app;
  gint64          visible;
  gint64          first_frame;
  gint64          last_frame;
  guint           quiet_id;
} Startup;

static double
ms (gint64 usec)
{
  return usec / 1000.0;
}

static long
resident_kb (void)
{
  long pages = 0, resident = 0;
  FILE *statm = fopen ("/proc/self/statm", "r");

  if (statm == NULL)
    return -1;
  if (fscanf (statm, "%ld %ld", &pages, &resident) != 2)
    resident = -1;
  fclose (statm);
  return resident < 0 ? -1 : resident * (sysconf (_SC_PAGESIZE) / 1024);
}

static gboolean
startup_report (gpointer user_data)
{
  Startup *s = user_data;

  s->quiet_id = 0;
  g_print ("%.3f %.3f %.3f %ld\n", ms (s->visible - started), ms (s->first_frame - started),
           ms (s->last_frame - started), resident_kb ());
  g_application_quit (G_APPLICATION (s->app));
  return G_SOURCE_REMOVE;
}

static void
startup_after_paint (GdkFrameClock *clock,
                     Startup       *s)
{
  s->last_frame = g_get_monotonic_time ();
  if (s->first_frame == 0)
    s->first_frame = s->last_frame;

  /* Tiles arrive in later frames; wait until painting stops. */
  g_clear_handle_id (&s->quiet_id, g_source_remove);
  if (s->last_frame - started < SETTLE_TIMEOUT_USEC)
    s->quiet_id = g_timeout_add (QUIET_USEC / 1000, startup_report, s);
}

static void
startup_mapped (GtkWidget *window,
                Startup   *s)
{
  s->visible = g_get_monotonic_time ();
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (startup_after_paint), s);
}

static void
startup_window_added (GtkApplication *app,
                      GtkWindow      *window,
                      Startup        *s)
{
  g_signal_connect (window, "map", G_CALLBACK (startup_mapped), s);
}

static void
bare_activate (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_startup (gboolean bare)
{
  char *argv[] = { "overflight", NULL };
  Startup s = { 0 };
  int status;

  if (bare)
    {
      s.app = gtk_application_new ("io.github.overflight.BareBenchmark", G_APPLICATION_NON_UNIQUE);
      g_signal_connect (s.app, "activate", G_CALLBACK (bare_activate), NULL);
    }
  else
    {
      s.app = GTK_APPLICATION (ovf_application_new ());
      g_application_set_flags (G_APPLICATION (s.app),
                               g_application_get_flags (G_APPLICATION (s.app)) | G_APPLICATION_NON_UNIQUE);
    }
  g_signal_connect (s.app, "window-added", G_CALLBACK (startup_window_added), &s);

  status = g_application_run (G_APPLICATION (s.app), 1, argv);
  g_object_unref (s.app);
  return status;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *values,
            double  fraction)
{
  g_array_sort (values, compare_double);
  return g_array_index (values, double, (guint) MIN (values->len - 1, fraction * values->len));
}

/* Returns the child's four figures: visible, first frame, settled (ms
 * from main) and resident memory (kB). */
static void
spawn_startup (const char *self_path,
               const char *mode,
               double      out[4])
{
  const char *argv[] = { self_path, mode, NULL };
  g_autofree char *output = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL,
                &wait_status, &error);
  g_assert_no_error (error);
  g_spawn_check_wait_status (wait_status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sscanf (output, "%lf %lf %lf %lf", &out[0], &out[1], &out[2], &out[3]), ==, 4);
}

static void
bench_startup (const char *self_path)
{
  static const char *names[] = { "window visible (ms)", "first frame (ms)",
                                 "every tile drawn (ms)", "resident memory (kB)" };
  GArray *bare[4];
  GArray *ours[4];

  for (guint k = 0; k < 4; k++)
    {
      bare[k] = g_array_new (FALSE, FALSE, sizeof (double));
      ours[k] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  for (guint round = 0; round < ROUNDS; round++)
    {
      double figures[4];

      spawn_startup (self_path, "--bare", figures);
      for (guint k = 0; k < 4; k++)
        g_array_append_val (bare[k], figures[k]);
      spawn_startup (self_path, "--window", figures);
      for (guint k = 0; k < 4; k++)
        g_array_append_val (ours[k], figures[k]);
    }

  g_print ("# start-up, median of %d runs each: bare GTK window / Overflight / ratio\n", ROUNDS);
  for (guint k = 0; k < 4; k++)
    {
      double b = percentile (bare[k], 0.5), o = percentile (ours[k], 0.5);

      g_print ("%-24s %10.1f %10.1f %6.2fx\n", names[k], b, o, o / b);
      g_array_unref (bare[k]);
      g_array_unref (ours[k]);
    }
}

/* The cost of one time change: the window's own work (list mark, local
 * zone, follow) plus drawing the overlay for a 1280×800 map. */
static void
bench_scrub (void)
{
  g_autoptr(OvfApplication) app = ovf_application_new ();
  g_autoptr(GArray) set_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) draw_times = g_array_new (FALSE, FALSE, sizeof (double));
  cairo_surface_t *surface;
  OvfWindow *window;
  OvfMapView view;
  OvfTime start, end;

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = ovf_window_new (app);
  ovf_window_load_bundled (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);

  ovf_window_get_map_view (window, &view);
  view.width = 1280;
  view.height = 800;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
  ovf_dataset_get_time_span (ovf_window_get_dataset (window), &start, &end);

  for (guint i = 0; i < SCRUB_STEPS; i++)
    {
      OvfTime time = start + (end - start) / SCRUB_STEPS * i;
      cairo_t *cr = cairo_create (surface);
      gint64 t0, t1, t2;
      double set_ms, draw_ms;

      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);

      t0 = g_get_monotonic_time ();
      ovf_window_set_time (window, time);
      t1 = g_get_monotonic_time ();
      ovf_overlay_draw (ovf_window_get_overlay (window), cr, &view);
      cairo_surface_flush (surface);
      t2 = g_get_monotonic_time ();
      cairo_destroy (cr);

      set_ms = ms (t1 - t0);
      draw_ms = ms (t2 - t1);
      g_array_append_val (set_times, set_ms);
      g_array_append_val (draw_times, draw_ms);
    }

  g_print ("# scrubbing the bundled dataset, %d time changes at 1280x800, zoom %.2f\n", SCRUB_STEPS, view.zoom);
  g_print ("%-24s p50 %.3f ms  p95 %.3f ms\n", "window set_time", percentile (set_times, 0.5),
           percentile (set_times, 0.95));
  g_print ("%-24s p50 %.3f ms  p95 %.3f ms\n", "overlay draw", percentile (draw_times, 0.5),
           percentile (draw_times, 0.95));

  cairo_surface_destroy (surface);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  started = g_get_monotonic_time ();

  if (argc == 2 && g_str_equal (argv[1], "--bare"))
    return run_startup (TRUE);
  if (argc == 2 && g_str_equal (argv[1], "--window"))
    return run_startup (FALSE);

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* For profiling the drawing alone. */
  if (g_getenv ("OVF_BENCH_SCRUB_ONLY") == NULL)
    bench_startup (argv[0]);
  bench_scrub ();
  return 0;
}
