/* bench-window.c: start-up, memory and scrubbing of the main window, each
 * next to a bare GTK 4 window measured in turn in the same run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Without arguments it runs ROUNDS rounds, each starting this program
 * with --bare (a bare GTK window), --adw (a libadwaita window with only a
 * header bar), --window (Overflight) and --bare-as-overflight (the bare
 * window with GTK set up as Overflight sets it up where OpenGL could only
 * run on the CPU, see ovf-compat.c), and prints medians and ratios; then
 * it times scrubbing in a window of its own, with the bundled dataset and
 * a million-point track. OVF_BENCH_SCRUB_ONLY=1 skips the start-up.
 */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <shumate/shumate.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "bench-util.h"
#include "ovf-application.h"
#include "ovf-compat.h"
#include "ovf-path-layer.h"
/* The million-point track is built in memory. */
#include "ovf-test-dataset.h"
#include "ovf-tile-layer.h"
#include "ovf-window.h"
#include "ui-test-util.h"

#define ROUNDS 15
#define N_FIGURES 5
/* The map has settled when no frame was painted for this long. */
#define QUIET_USEC (700 * 1000)
#define SETTLE_TIMEOUT_USEC (10 * G_USEC_PER_SEC)
#define SCRUB_STEPS 400
/* Painting the whole window is slow on a software renderer: only every
 * few steps wait for it. */
#define FRAME_EVERY 4
#define MILLION 1000000

static gint64 started;

typedef struct
{
  GtkApplication *app;
  GtkWidget      *window;
  gint64          visible;
  gint64          first_frame;
  gint64          every_tile;
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
  g_print ("%.3f %.3f %.3f %.3f %ld\n", ms (s->visible - started), ms (s->first_frame - started),
           ms (s->every_tile - started), ms (s->last_frame - started), resident_kb ());
  g_application_quit (G_APPLICATION (s->app));
  return G_SOURCE_REMOVE;
}

/* Whether the frame just painted has every visible tile of the built-in
 * map; the bare window has none to wait for. */
static gboolean
map_complete (GtkWidget *window)
{
  GtkWidget *layer = ui_test_find_widget (window, OVF_TYPE_TILE_LAYER);

  return layer == NULL || (ovf_tile_layer_get_drawn (OVF_TILE_LAYER (layer)) > 0 &&
                           ovf_tile_layer_get_missing (OVF_TILE_LAYER (layer)) == 0);
}

static void
startup_after_paint (GdkFrameClock *clock,
                     Startup       *s)
{
  s->last_frame = g_get_monotonic_time ();
  if (s->first_frame == 0)
    s->first_frame = s->last_frame;
  if (s->every_tile == 0 && map_complete (s->window))
    s->every_tile = s->last_frame;

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
  s->window = window;
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

static void
bare_as_overflight_startup (GApplication *app)
{
  ovf_compat_choose_renderer (gdk_display_get_default ());
}

/* libadwaita's share: its application and window, a header bar with a
 * title and a button, and nothing else. */
static void
adw_activate (GtkApplication *app)
{
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new ("Overflight", "Subtitle"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), gtk_button_new_from_icon_name ("document-open-symbolic"));
  gtk_box_append (GTK_BOX (box), header);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_startup (const char *mode)
{
  char *argv[] = { "overflight", NULL };
  Startup s = { 0 };
  int status;

  if (g_str_equal (mode, "--bare-as-overflight"))
    {
      ovf_compat_skip_software_gl ();
      s.app = gtk_application_new ("io.github.overflight.BareBenchmark", G_APPLICATION_NON_UNIQUE);
      g_signal_connect (s.app, "startup", G_CALLBACK (bare_as_overflight_startup), NULL);
      g_signal_connect (s.app, "activate", G_CALLBACK (bare_activate), NULL);
    }
  else if (g_str_equal (mode, "--bare"))
    {
      s.app = gtk_application_new ("io.github.overflight.BareBenchmark", G_APPLICATION_NON_UNIQUE);
      g_signal_connect (s.app, "activate", G_CALLBACK (bare_activate), NULL);
    }
  else if (g_str_equal (mode, "--adw"))
    {
      s.app = GTK_APPLICATION (adw_application_new ("io.github.overflight.AdwBenchmark", G_APPLICATION_NON_UNIQUE));
      g_signal_connect (s.app, "activate", G_CALLBACK (adw_activate), NULL);
    }
  else
    {
      /* As the program's main() does. */
      ovf_compat_skip_software_gl ();
      s.app = GTK_APPLICATION (ovf_application_new ());
      g_application_set_flags (G_APPLICATION (s.app),
                               g_application_get_flags (G_APPLICATION (s.app)) | G_APPLICATION_NON_UNIQUE);
    }
  g_signal_connect (s.app, "window-added", G_CALLBACK (startup_window_added), &s);

  status = g_application_run (G_APPLICATION (s.app), 1, argv);
  g_object_unref (s.app);
  return status;
}

/* Returns the child's N_FIGURES: visible, first frame, every tile drawn,
 * last frame before painting stopped (ms from main) and resident memory
 * (kB). */
static void
spawn_startup (const char *self_path,
               const char *mode,
               double      out[N_FIGURES])
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
  g_assert_cmpint (sscanf (output, "%lf %lf %lf %lf %lf", &out[0], &out[1], &out[2], &out[3], &out[4]), ==,
                   N_FIGURES);
}

static void
bench_startup (const char *self_path)
{
  static const char *names[N_FIGURES] = { "window visible (ms)", "first frame (ms)", "every tile drawn (ms)",
                                          "painting stopped (ms)", "resident memory (kB)" };
  /* Each round starts the four in turn, so a slow moment of the machine
   * weighs on all of them alike. The last is the bare window with GTK set
   * up as Overflight sets it up: Overflight's own share of its start-up. */
  static const char *modes[] = { "--bare", "--adw", "--window", "--bare-as-overflight" };
  GArray *figures[G_N_ELEMENTS (modes)][N_FIGURES];

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    for (guint k = 0; k < N_FIGURES; k++)
      figures[m][k] = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint round = 0; round < ROUNDS; round++)
    for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
      {
        double values[N_FIGURES];

        spawn_startup (self_path, modes[m], values);
        for (guint k = 0; k < N_FIGURES; k++)
          g_array_append_val (figures[m][k], values[k]);
      }

  g_print ("# start-up, median of %d runs each: bare GTK window / bare libadwaita window (header bar only) / "
           "Overflight / bare GTK window set up as Overflight sets GTK up, and Overflight's ratios to the three\n",
           ROUNDS);
  for (guint k = 0; k < N_FIGURES; k++)
    {
      double bare = ovf_bench_percentile (figures[0][k], 0.5);
      double adw = ovf_bench_percentile (figures[1][k], 0.5);
      double ours = ovf_bench_percentile (figures[2][k], 0.5);
      double bare_as_ours = ovf_bench_percentile (figures[3][k], 0.5);

      g_print ("%-24s %9.1f %9.1f %9.1f %9.1f %6.2fx %6.2fx %6.2fx\n", names[k], bare, adw, ours, bare_as_ours,
               ours / bare, ours / adw, ours / bare_as_ours);
    }

  for (guint m = 0; m < G_N_ELEMENTS (modes); m++)
    for (guint k = 0; k < N_FIGURES; k++)
      g_array_unref (figures[m][k]);
}

/* CPU time of this thread: other processes building at the same time on
 * a small machine would otherwise swamp a frame's few milliseconds. */
static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

typedef struct
{
  gint64 paint;
  gint64 painted;
} Frame;

/* Emission hooks run before the handlers, so this is the start of the
 * paint phase, where the window snapshots and renders. */
static gboolean
frame_paint (GSignalInvocationHint *hint,
             guint                  n_values,
             const GValue          *values,
             gpointer               user_data)
{
  Frame *frame = user_data;

  frame->paint = g_get_monotonic_time ();
  return TRUE;
}

static void
frame_painted (GdkFrameClock *clock,
               Frame         *frame)
{
  frame->painted = g_get_monotonic_time ();
}

/* The paint phase of the next frame, in ms. */
static double
wait_for_frame (Frame *frame)
{
  frame->paint = frame->painted = 0;
  while (frame->painted == 0 || frame->paint == 0)
    g_main_context_iteration (NULL, TRUE);
  return ms (frame->painted - frame->paint);
}

static void
print_figure (const char *name,
              GArray     *values)
{
  g_print ("  %-34s p50 %7.3f ms  p95 %7.3f ms  max %7.3f ms\n", name, ovf_bench_percentile (values, 0.5),
           ovf_bench_percentile (values, 0.95), ovf_bench_percentile (values, 1.0));
}

/* The cost of one time change at the window's view: the window's own work
 * (list mark, local zone), the overlay's drawing into a 1280×800 image
 * (the CPU work of the map layer's cairo node), and the whole frame the
 * window then paints (snapshot, rasterising and compositing every layer). */
static void
bench_scrub_dataset (OvfWindow  *window,
                     OvfDataset *dataset,
                     const char *name)
{
  g_autoptr(GArray) set_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) draw_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_frame_times = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *layer = ui_test_find_widget (GTK_WIDGET (window), OVF_TYPE_PATH_LAYER);
  OvfOverlay *overlay = ovf_window_get_overlay (window);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 800);
  Frame frame = { 0 };
  gulong hook_id, paint_id;
  guint paint_signal = g_signal_lookup ("paint", GDK_TYPE_FRAME_CLOCK);
  gint64 t0;
  double blocked_ms;
  OvfMapView view;
  OvfTime start, end;

  t0 = g_get_monotonic_time ();
  if (ovf_overlay_get_dataset (overlay) != dataset)
    ovf_overlay_set_dataset (overlay, dataset);
  blocked_ms = ms (g_get_monotonic_time () - t0);
  while (ovf_overlay_is_preparing (overlay))
    g_main_context_iteration (NULL, TRUE);
  g_print ("# %s, %d time changes at 1280x800\n", name, SCRUB_STEPS);
  g_print ("  %-34s %.1f ms on the main thread, %.1f ms until drawn\n", "setting the dataset", blocked_ms,
           ms (g_get_monotonic_time () - t0));

  ovf_window_get_map_view (window, &view);
  view.width = 1280;
  view.height = 800;
  ovf_dataset_get_time_span (dataset, &start, &end);
  hook_id = g_signal_add_emission_hook (paint_signal, 0, frame_paint, &frame, NULL);
  paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (frame_painted), &frame);

  for (guint i = 0; i < SCRUB_STEPS; i++)
    {
      OvfTime time = start + (end - start) / SCRUB_STEPS * i;
      cairo_t *cr = cairo_create (surface);
      double t1, t2, t3, value;

      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);

      t1 = thread_cpu_ms ();
      if (ovf_window_get_dataset (window) == dataset)
        ovf_window_set_time (window, time);
      else
        ovf_overlay_set_time (overlay, time);
      t2 = thread_cpu_ms ();
      ovf_overlay_draw (overlay, cr, &view);
      cairo_surface_flush (surface);
      t3 = thread_cpu_ms ();
      cairo_destroy (cr);

      value = t2 - t1;
      g_array_append_val (set_times, value);
      value = t3 - t2;
      g_array_append_val (draw_times, value);

      if (i % FRAME_EVERY != 0)
        continue;
      /* The frame the change queued; then one without the overlay's
       * layer, for its share. */
      value = wait_for_frame (&frame);
      g_array_append_val (frame_times, value);
      gtk_widget_set_visible (layer, FALSE);
      value = wait_for_frame (&frame);
      g_array_append_val (bare_frame_times, value);
      gtk_widget_set_visible (layer, TRUE);
    }

  g_signal_remove_emission_hook (paint_signal, hook_id);
  g_signal_handler_disconnect (clock, paint_id);
  cairo_surface_destroy (surface);

  g_print ("  (zoom %.2f)\n", view.zoom);
  print_figure ("window set_time (CPU)", set_times);
  print_figure ("overlay draw (CPU)", draw_times);
  print_figure ("window frame, paint phase", frame_times);
  print_figure ("same without the overlay's layer", bare_frame_times);
}

static void
bench_scrub (void)
{
  g_autoptr(OvfApplication) app = ovf_application_new ();
  g_autoptr(OvfDataset) million = NULL;
  OvfWindow *window;
  gint64 deadline;
  OvfMapView view;

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  window = ovf_window_new (GTK_APPLICATION (app));
  ovf_window_load_bundled (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  /* The view a user sees: after the window fitted the path, and with
   * the map staying put. */
  deadline = g_get_monotonic_time () + SETTLE_TIMEOUT_USEC;
  do
    {
      g_main_context_iteration (NULL, TRUE);
      ovf_window_get_map_view (window, &view);
    }
  while (view.zoom == 0 && g_get_monotonic_time () < deadline);
  g_object_set (window, "follow", FALSE, NULL);

  bench_scrub_dataset (window, ovf_window_get_dataset (window), "scrubbing the bundled dataset");
  million = ovf_test_flight_dataset (MILLION);
  bench_scrub_dataset (window, million, "scrubbing a 1,000,000-point track");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  started = g_get_monotonic_time ();

  if (argc == 2 && (g_str_equal (argv[1], "--bare") || g_str_equal (argv[1], "--adw") ||
                    g_str_equal (argv[1], "--window") || g_str_equal (argv[1], "--bare-as-overflight")))
    return run_startup (argv[1]);

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* For profiling the drawing alone. */
  if (g_getenv ("OVF_BENCH_SCRUB_ONLY") == NULL)
    bench_startup (argv[0]);
  bench_scrub ();
  return 0;
}
