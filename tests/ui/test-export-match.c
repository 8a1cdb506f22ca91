/* test-export-match.c: the export is the picture the window shows, and
 * the window's export is the command line's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include <math.h>
#include <shumate/shumate.h>
#include <sys/wait.h>

#include "test-util.h"
#include "ui-test-util.h"
#include "ovf-application.h"
#include "ovf-export-dialog.h"
#include "ovf-exporter.h"
#include "ovf-geo.h"
#include "ovf-path-layer.h"
#include "ovf-ui.h"
#include "ovf-tile-tracker.h"
#include "ovf-timeline.h"
#include "ovf-window.h"

/* A pixel the overlay covers differs this much from the bare basemap. */
#define OVERLAY_THRESHOLD 64
/* Window and export agree on an overlay pixel within this, per channel:
 * what shows through the faint parts may differ a little. */
#define MATCH_TOLERANCE 40

static OvfApplication *app;
static const char *overflight_path;

typedef struct
{
  OvfWindow  *window;
  ShumateMap *map;
  GtkWidget  *path_layer;
  GSettings  *settings;
  char       *tmpdir;
} Fixture;

/* Lets the map lay out, ask for its tiles and draw them. */
static void
settle (Fixture *f)
{
  ui_test_spin_for (200 * 1000);
  g_assert_true (ovf_tile_tracker_wait_idle (ovf_tile_tracker_get_default (), 20000));
  ui_test_spin_for (200 * 1000);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 deadline;

  if (app == NULL)
    {
      app = ovf_application_new ();
      g_application_set_flags (G_APPLICATION (app),
                               g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
    }

  /* A still map on the built-in basemap, exported at the window's size. */
  f->settings = g_settings_new (APP_ID);
  g_settings_set_boolean (f->settings, "follow", FALSE);
  g_settings_set_string (f->settings, "basemap", "builtin");
  g_settings_set_string (f->settings, "export-preset", "view");
  g_settings_set_int (f->settings, "export-scale", 1);
  g_settings_set_boolean (f->settings, "export-caption", TRUE);
  g_settings_set_boolean (f->settings, "export-legend", TRUE);
  g_settings_set_boolean (f->settings, "export-scale-bar", TRUE);

  f->tmpdir = g_dir_make_tmp ("overflight-match-XXXXXX", &error);
  g_assert_no_error (error);

  f->window = g_object_ref (ovf_window_new (GTK_APPLICATION (app)));
  ovf_window_load_bundled (f->window);
  g_assert_nonnull (ovf_window_get_dataset (f->window));
  f->map = SHUMATE_MAP (ui_test_find_widget (GTK_WIDGET (f->window), SHUMATE_TYPE_MAP));
  f->path_layer = ui_test_find_widget (GTK_WIDGET (f->window), OVF_TYPE_PATH_LAYER);
  g_assert_nonnull (f->map);
  g_assert_nonnull (f->path_layer);

  gtk_window_present (GTK_WINDOW (f->window));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!gtk_widget_get_mapped (GTK_WIDGET (f->map)) || gtk_widget_get_width (GTK_WIDGET (f->map)) < 100)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  settle (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  ui_test_spin_for (50 * 1000);

  test_remove_tree (f->tmpdir);
  g_free (f->tmpdir);
  g_settings_reset (f->settings, "follow");
  g_clear_object (&f->settings);
}

/* Puts the balloon of @iso_time in the middle of the map at @zoom. */
static void
show_moment (Fixture    *f,
             const char *iso_time,
             double      zoom)
{
  OvfTrack *track = ovf_dataset_get_main_track (ovf_window_get_dataset (f->window));
  ShumateViewport *viewport = shumate_map_get_viewport (f->map);
  OvfTrackFix fix;
  OvfTime time;

  g_assert_true (ovf_time_parse_iso8601 (iso_time, &time));
  ovf_window_select_event (f->window, NULL);
  ovf_window_set_time (f->window, time);
  ovf_track_locate (track, time, &fix);
  ovf_window_set_zoom (f->window, zoom);
  ovf_window_set_center (f->window, fix.lat, fix.lon);
  settle (f);

  g_assert_cmpfloat_with_epsilon (shumate_viewport_get_zoom_level (viewport), zoom, 1e-9);
  g_assert_cmpint (ovf_window_get_time (f->window), ==, time);
}

static GskRenderNode *
snapshot_node (GdkPaintable *paintable,
               int           width,
               int           height)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  return gtk_snapshot_free_to_node (snapshot);
}

/* The map widget as the screen shows it, without the controls over it. */
static cairo_surface_t *
snapshot_map (Fixture *f)
{
  GtkWidget *widget = GTK_WIDGET (f->map);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  cairo_surface_t *surface;

  /* A widget waiting for its next allocation (a panel over the map came
   * or went) draws nothing until that frame has run. */
  UI_TEST_SPIN_UNTIL ((node = snapshot_node (paintable, width, height)) != NULL);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, height);

  /* GDK's default memory format is cairo's ARGB32. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_surface_flush (surface);
  gdk_texture_download (texture, cairo_image_surface_get_data (surface),
                        cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* The largest channel difference between @a at x, y and @b at bx, by. */
static int
pixel_difference_at (cairo_surface_t *a,
                     int              x,
                     int              y,
                     cairo_surface_t *b,
                     int              bx,
                     int              by)
{
  const guint8 *pa = cairo_image_surface_get_data (a) + y * cairo_image_surface_get_stride (a) + 4 * x;
  const guint8 *pb = cairo_image_surface_get_data (b) + by * cairo_image_surface_get_stride (b) + 4 * bx;
  int most = 0;

  for (int c = 0; c < 4; c++)
    most = MAX (most, ABS ((int) pa[c] - (int) pb[c]));
  return most;
}

static int
pixel_difference (cairo_surface_t *a,
                  cairo_surface_t *b,
                  int              x,
                  int              y)
{
  return pixel_difference_at (a, x, y, b, x, y);
}

static guint
count_different (cairo_surface_t *a,
                 cairo_surface_t *b)
{
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (a); y++)
    for (int x = 0; x < cairo_image_surface_get_width (a); x++)
      if (pixel_difference (a, b, x, y) > 2)
        n++;
  return n;
}

/* The share of the overlay's pixels in the window (where @with differs
 * from @without) that the export @image shows alike. */
static double
overlay_match (cairo_surface_t *with,
               cairo_surface_t *without,
               cairo_surface_t *image,
               int              dx,
               int              dy,
               guint           *out_n_overlay)
{
  int width = cairo_image_surface_get_width (with);
  int height = cairo_image_surface_get_height (with);
  guint n_overlay = 0, n_alike = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        int ex = x + dx, ey = y + dy;

        if (pixel_difference (with, without, x, y) < OVERLAY_THRESHOLD)
          continue;
        n_overlay++;
        if (ex >= 0 && ey >= 0 && ex < width && ey < height &&
            pixel_difference_at (with, x, y, image, ex, ey) <= MATCH_TOLERANCE)
          n_alike++;
      }

  *out_n_overlay = n_overlay;
  return n_overlay > 0 ? (double) n_alike / n_overlay : 0.0;
}

/* The dialog's options for the current view, as it would export them. */
static void
dialog_options (Fixture          *f,
                OvfExportOptions *options)
{
  OvfExportDialog *dialog = ovf_window_new_export_dialog (f->window);

  g_assert_nonnull (dialog);
  ovf_export_dialog_get_options (dialog, options);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The share of pixels, above the attribution line, where @a and @b
 * differ by more than MATCH_TOLERANCE. */
static double
share_unlike (cairo_surface_t *a,
              cairo_surface_t *b)
{
  int width = cairo_image_surface_get_width (a);
  int height = cairo_image_surface_get_height (a) - 24;
  guint n = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (pixel_difference (a, b, x, y) > MATCH_TOLERANCE)
        n++;
  return (double) n / (width * height);
}

/* Following the balloon while playing, the basemap moves with the path:
 * a frame taken while playing is the export of that view and time. */
static void
test_follow_while_playing (Fixture       *f,
                           gconstpointer  data)
{
  OvfTimeline *timeline = OVF_TIMELINE (ui_test_find_widget (GTK_WIDGET (f->window), OVF_TYPE_TIMELINE));
  OvfExportOptions options;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *frame, *image;
  OvfTime start;
  gint64 deadline;
  double share;

  show_moment (f, "2023-01-31T12:00:00Z", 5.0);
  start = ovf_window_get_time (f->window);
  g_object_set (f->window, "follow", TRUE, NULL);
  ovf_timeline_set_speed (timeline, 3600.0);
  ovf_timeline_set_playing (timeline, TRUE);
  /* Frames are few when the machine is busy, so this waits for the
   * balloon to move an hour on rather than for a fixed time. */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (ovf_window_get_time (f->window) <= start + OVF_TIME_HOUR)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_true (ovf_timeline_get_playing (timeline));

  /* Between frames: what the last one laid out and drew, and the view
   * and time it was drawn for. */
  frame = snapshot_map (f);
  dialog_options (f, &options);
  ovf_timeline_set_playing (timeline, FALSE);
  g_assert_cmpint (options.time, >, start + OVF_TIME_HOUR);

  options.caption = FALSE;
  options.legend = FALSE;
  options.scale_bar = FALSE;
  image = ovf_exporter_render_image (ovf_window_get_dataset (f->window), &options, &error);
  g_assert_no_error (error);

  share = share_unlike (frame, image);
  g_test_message ("playing: %.1f%% of the pixels unlike the export", 100 * share);
  g_assert_cmpfloat (share, <, 0.05);

  cairo_surface_destroy (frame);
  cairo_surface_destroy (image);
}

static void
check_export_matches_window (Fixture *f,
                             double   zoom)
{
  OvfDataset *dataset = ovf_window_get_dataset (f->window);
  OvfExportOptions options;
  OvfMapView view;
  g_autoptr(GError) error = NULL;
  cairo_surface_t *with, *without, *image;
  guint n_overlay, n_shifted;
  double match, shifted;

  show_moment (f, "2023-02-01T18:00:00Z", zoom);
  ovf_window_get_map_view (f->window, &view);

  /* The overlay alone, as the difference the path layer makes; taken
   * again until the basemap stayed the same throughout (tiles fade in). */
  for (guint attempt = 0; ; attempt++)
    {
      cairo_surface_t *again;
      gboolean steady;

      g_assert_cmpuint (attempt, <, 20);
      with = snapshot_map (f);
      gtk_widget_set_visible (f->path_layer, FALSE);
      ui_test_spin_for (100 * 1000);
      without = snapshot_map (f);
      gtk_widget_set_visible (f->path_layer, TRUE);
      ui_test_spin_for (100 * 1000);
      again = snapshot_map (f);
      steady = count_different (with, again) == 0;
      cairo_surface_destroy (again);
      if (steady)
        break;
      cairo_surface_destroy (with);
      cairo_surface_destroy (without);
      ui_test_spin_for (200 * 1000);
    }

  dialog_options (f, &options);
  g_assert_cmpint (options.width, ==, (int) view.width);
  g_assert_cmpint (options.height, ==, (int) view.height);
  g_assert_cmpfloat_with_epsilon (options.view.zoom, view.zoom, 1e-9);
  options.caption = FALSE;
  options.legend = FALSE;
  options.scale_bar = FALSE;
  image = ovf_exporter_render_image (dataset, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, cairo_image_surface_get_width (with));
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, cairo_image_surface_get_height (with));

  match = overlay_match (with, without, image, 0, 0, &n_overlay);
  /* The same comparison against an export three pixels off, which must
   * fail it: the check tells a misplaced overlay from a matching one. */
  shifted = overlay_match (with, without, image, 3, 2, &n_shifted);
  g_test_message ("zoom %g: %u overlay pixels, %.1f%% alike, %.1f%% when shifted",
                  zoom, n_overlay, 100 * match, 100 * shifted);

  g_assert_cmpuint (n_overlay, >, 2000);
  g_assert_cmpfloat (match, >=, 0.9);
  g_assert_cmpfloat (shifted, <, 0.75);

  cairo_surface_destroy (with);
  cairo_surface_destroy (without);
  cairo_surface_destroy (image);
}

static void
test_integer_zoom (Fixture       *f,
                   gconstpointer  data)
{
  check_export_matches_window (f, 5.0);
}

static void
test_fractional_zoom (Fixture       *f,
                      gconstpointer  data)
{
  check_export_matches_window (f, 4.6);
}

/* A visible label showing @text. */
static gboolean
shows_label (GtkWidget  *widget,
             const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && shows_label (child, text))
      return TRUE;

  return FALSE;
}

/* The dialog exports the layers the window shows, and says when its map
 * is not the window's. */
static void
test_dialog_follows_window (Fixture       *f,
                            gconstpointer  data)
{
  const char *note = "The preview shows the built-in map; the snapshot is drawn with "
                     "OpenStreetMap tiles, downloaded unless they are cached.";
  OvfExportOptions options;
  OvfExportDialog *dialog;

  dialog_options (f, &options);
  g_assert_true (options.places);
  g_assert_true (options.scale_bar);
  g_settings_set_boolean (f->settings, "export-scale-bar", FALSE);
  dialog_options (f, &options);
  g_assert_false (options.scale_bar);
  g_settings_reset (f->settings, "export-scale-bar");
  g_object_set (f->window, "show-places", FALSE, NULL);
  dialog_options (f, &options);
  g_assert_false (options.places);

  dialog = ovf_window_new_export_dialog (f->window);
  g_assert_false (shows_label (GTK_WIDGET (dialog), note));
  ovf_export_dialog_get_options (dialog, &options);
  g_assert_null (options.osm);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The window's OpenStreetMap is the snapshot's map too. */
  g_object_set (f->window, "basemap", "osm", NULL);
  dialog = ovf_window_new_export_dialog (f->window);
  g_assert_true (shows_label (GTK_WIDGET (dialog), note));
  ovf_export_dialog_get_options (dialog, &options);
  g_assert_true (OVF_IS_OSM_SOURCE (options.osm));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_object_set (f->window, "show-places", TRUE, "basemap", "builtin", NULL);
}

/* Export… as the file chooser's answer drives it: the image and its
 * provenance are written, and the window's toast names the file as it is. */
static void
test_dialog_export (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *chosen = g_build_filename (f->tmpdir, "Tom & Jerry <3>", NULL);
  g_autofree char *image_path = g_strconcat (chosen, ".png", NULL);
  g_autofree char *sidecar_path = g_strconcat (image_path, ".json", NULL);
  g_autofree char *folder = g_path_get_basename (f->tmpdir);
  g_autofree char *message = g_strdup_printf ("Exported “Tom & Jerry <3>.png” to %s", folder);
  g_autoptr(GFile) file = g_file_new_for_path (chosen);
  g_autoptr(GDir) dir = NULL;
  OvfExportDialog *dialog;
  OvfMapView view;
  cairo_surface_t *image;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  guint n_files = 0;

  g_settings_set_boolean (f->settings, "export-sidecar", TRUE);
  ovf_window_get_map_view (f->window, &view);
  dialog = ovf_window_new_export_dialog (f->window);
  ovf_export_dialog_export_to (dialog, file);

  while (!shows_label (GTK_WIDGET (f->window), message))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_settings_reset (f->settings, "export-sidecar");

  image = cairo_image_surface_create_from_png (image_path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, (int) view.width);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, (int) view.height);
  cairo_surface_destroy (image);
  g_assert_true (g_file_test (sidecar_path, G_FILE_TEST_IS_REGULAR));

  /* Nothing else: no temporary file is left behind. */
  dir = g_dir_open (f->tmpdir, 0, NULL);
  while (g_dir_read_name (dir) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 2);
}

static int
run_overflight (const char * const *args)
{
  g_autofree char *err = NULL;
  int status = test_run_headless (overflight_path, args, &err);

  if (status != 0)
    g_test_message ("overflight: %s", err);
  return status;
}

static char *
format_double (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.12f", value));
}

/* The window's export, and the command line given its view and time,
 * write the same picture, caption and legend included. */
static void
test_window_and_command_line (Fixture       *f,
                              gconstpointer  data)
{
  OvfDataset *dataset = ovf_window_get_dataset (f->window);
  g_autofree char *from_window = g_build_filename (f->tmpdir, "window.png", NULL);
  g_autofree char *from_cli = g_build_filename (f->tmpdir, "cli.png", NULL);
  g_autofree char *size = NULL, *lat = NULL, *lon = NULL, *zoom = NULL, *center = NULL, *time = NULL;
  g_autoptr(GError) error = NULL;
  OvfExportOptions options;
  cairo_surface_t *a, *b;
  double latitude, longitude;

  show_moment (f, "2023-02-03T12:00:00Z", 5.3);
  dialog_options (f, &options);
  g_assert_true (options.caption);
  g_assert_true (options.legend);
  options.output_path = from_window;
  g_assert_true (ovf_exporter_render (dataset, &options, &error));
  g_assert_no_error (error);

  ovf_geo_from_mercator (options.view.center_x, options.view.center_y, &latitude, &longitude);
  size = g_strdup_printf ("%dx%d", options.width, options.height);
  lat = format_double (latitude);
  lon = format_double (ovf_geo_normalize_lon (longitude));
  center = g_strconcat (lat, ",", lon, NULL);
  zoom = format_double (options.view.zoom);
  time = ovf_time_format_iso8601 (options.time);
  {
    const char *args[] = {
      "--export", from_cli, "--size", size, "--center", center, "--zoom", zoom, "--time", time, NULL
    };

    g_assert_cmpint (run_overflight (args), ==, 0);
  }

  a = cairo_image_surface_create_from_png (from_window);
  b = cairo_image_surface_create_from_png (from_cli);
  g_assert_cmpint (cairo_surface_status (a), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_surface_status (b), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (a), ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (cairo_image_surface_get_height (a), ==, cairo_image_surface_get_height (b));

  /* Only the last digits of the centre differ: no pixel may move. */
  g_assert_cmpuint (count_different (a, b), ==, 0);

  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The same caption text in the window's export and the command line's. */
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init () switches to en_US where it can, whose digit grouping
   * ("60,000 ft") the command line, in C.UTF-8, would not share. */
  setlocale (LC_ALL, "C.UTF-8");

  g_assert_cmpint (argc, ==, 2);
  overflight_path = argv[1];
  ovf_ui_register_resources ();

  g_test_add ("/export-match/integer-zoom", Fixture, NULL, fixture_setup, test_integer_zoom, fixture_teardown);
  g_test_add ("/export-match/fractional-zoom", Fixture, NULL, fixture_setup, test_fractional_zoom, fixture_teardown);
  g_test_add ("/export-match/follow-while-playing", Fixture, NULL, fixture_setup, test_follow_while_playing,
              fixture_teardown);
  g_test_add ("/export-match/dialog-follows-window", Fixture, NULL, fixture_setup, test_dialog_follows_window,
              fixture_teardown);
  g_test_add ("/export-match/dialog-export", Fixture, NULL, fixture_setup, test_dialog_export, fixture_teardown);
  g_test_add ("/export-match/window-and-command-line", Fixture, NULL, fixture_setup,
              test_window_and_command_line, fixture_teardown);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}
