/* map-test-util.c: datasets and pixel probes shared by the map and export tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "map-test-util.h"

#define START "2023-02-01T00:00:00Z"
#define END "2023-02-02T00:00:00Z"

OvfTime
map_test_start (void)
{
  OvfTime t = 0;

  g_assert_true (ovf_time_parse_iso8601 (START, &t));
  return t;
}

OvfTime
map_test_end (void)
{
  OvfTime t = 0;

  g_assert_true (ovf_time_parse_iso8601 (END, &t));
  return t;
}

OvfDataset *
map_test_dataset (double      lat1,
                  double      lon1,
                  double      lat2,
                  double      lon2,
                  const char *kind,
                  double      event_lat,
                  double      event_lon)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];
  char d[G_ASCII_DTOSTR_BUF_SIZE], e[G_ASCII_DTOSTR_BUF_SIZE], f[G_ASCII_DTOSTR_BUF_SIZE];
  OvfDataset *dataset;
  char *json;

  json = g_strdup_printf (
    "{\"format\": \"overflight-dataset\", \"version\": 1,"
    " \"title\": \"Test flight\", \"description\": \"A flight for the export tests.\","
    " \"license\": \"CC0-1.0\", \"updated\": \"2023-02-20\","
    " \"credits\": [\"Written for the export tests.\"],"
    " \"tracks\": [{\"id\": \"balloon\", \"name\": \"Balloon\", \"points\": ["
    "  {\"time\": \"" START "\", \"lat\": %s, \"lon\": %s, \"alt_m\": 18000, \"kind\": \"%s\","
    "   \"source\": \"https://example.org/a\"},"
    "  {\"time\": \"" END "\", \"lat\": %s, \"lon\": %s, \"alt_m\": 19000, \"kind\": \"%s\","
    "   \"source\": \"https://example.org/b\"}]}],"
    " \"events\": [{\"id\": \"ev\", \"time\": \"2023-02-01T12:00:00Z\", \"title\": \"Test event\","
    "  \"description\": \"Something happened.\", \"category\": \"sighting\", \"confidence\": \"confirmed\","
    "  \"location\": {\"lat\": %s, \"lon\": %s}, \"timezone\": \"America/Denver\","
    "  \"sources\": [{\"publisher\": \"Example\", \"title\": \"Report\", \"url\": \"https://example.org/r\"}]}],"
    " \"places\": [], \"areas\": []}",
    g_ascii_dtostr (a, sizeof a, lat1), g_ascii_dtostr (b, sizeof b, lon1), kind,
    g_ascii_dtostr (c, sizeof c, lat2), g_ascii_dtostr (d, sizeof d, lon2), kind,
    g_ascii_dtostr (e, sizeof e, event_lat), g_ascii_dtostr (f, sizeof f, event_lon));

  bytes = g_bytes_new_take (json, strlen (json));
  dataset = ovf_dataset_load_from_bytes (bytes, NULL, &diagnostics, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

OvfDataset *
map_test_dataset_with_places (guint n_places)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  OvfDataset *dataset;

  g_string_append (json,
    "{\"format\": \"overflight-dataset\", \"version\": 1,"
    " \"title\": \"Places\", \"description\": \"Places for the label tests.\","
    " \"license\": \"CC0-1.0\", \"updated\": \"2023-02-20\", \"credits\": [\"The export tests.\"],"
    " \"tracks\": [], \"events\": [], \"areas\": [], \"places\": [");
  for (guint i = 0; i < n_places; i++)
    g_string_append_printf (json,
      "%s{\"id\": \"p%u\", \"name\": \"Place number %u\", \"lat\": 40, \"lon\": -100,"
      " \"category\": \"city\", \"description\": \"A place.\"}", i > 0 ? ", " : "", i, i);
  g_string_append (json, "]}");

  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  dataset = ovf_dataset_load_from_bytes (bytes, NULL, &diagnostics, &error);
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    g_test_message ("%s", ((OvfDiagnostic *) g_ptr_array_index (diagnostics, i))->message);
  g_assert_no_error (error);
  g_assert_nonnull (dataset);
  return dataset;
}

void
map_test_slerp (double  lat1,
                double  lon1,
                double  lat2,
                double  lon2,
                double  f,
                double *out_lat,
                double *out_lon)
{
  double r = G_PI / 180.0;
  double a[3] = { cos (lat1 * r) * cos (lon1 * r), cos (lat1 * r) * sin (lon1 * r), sin (lat1 * r) };
  double b[3] = { cos (lat2 * r) * cos (lon2 * r), cos (lat2 * r) * sin (lon2 * r), sin (lat2 * r) };
  double omega = acos (CLAMP (a[0] * b[0] + a[1] * b[1] + a[2] * b[2], -1.0, 1.0));
  double p[3];

  for (int i = 0; i < 3; i++)
    p[i] = omega < 1e-12 ? a[i] : (sin ((1 - f) * omega) * a[i] + sin (f * omega) * b[i]) / sin (omega);

  *out_lat = atan2 (p[2], hypot (p[0], p[1])) / r;
  *out_lon = atan2 (p[1], p[0]) / r;
}

OvfMapView
map_test_view_at (double lat,
                  double lon,
                  double zoom,
                  double width,
                  double height)
{
  OvfMapView view = { .zoom = zoom, .width = width, .height = height, .tile_size = 256 };
  double s = sin (lat * G_PI / 180.0);

  view.center_x = (lon + 180.0) / 360.0;
  view.center_y = 0.5 - log ((1 + s) / (1 - s)) / (4 * G_PI);
  return view;
}

void
map_test_project (const OvfMapView *view,
                  double            lat,
                  double            lon,
                  double           *out_x,
                  double           *out_y)
{
  double world = view->tile_size * pow (2.0, view->zoom);
  double s = sin (lat * G_PI / 180.0);
  double mx = (lon + 180.0) / 360.0;
  double my = 0.5 - log ((1 + s) / (1 - s)) / (4 * G_PI);

  /* The copy of the point nearest the centre. */
  mx -= round (mx - view->center_x);
  *out_x = (mx - view->center_x) * world + view->width / 2;
  *out_y = (my - view->center_y) * world + view->height / 2;
}

void
map_test_pixel (cairo_surface_t *surface,
                int              x,
                int              y,
                double           rgba[4])
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 p;
  double a;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));

  cairo_surface_flush (surface);
  p = *(const guint32 *) (data + y * stride + 4 * x);
  a = ((p >> 24) & 0xff) / 255.0;
  rgba[3] = a;
  rgba[0] = a > 0 ? ((p >> 16) & 0xff) / 255.0 / a : 0;
  rgba[1] = a > 0 ? ((p >> 8) & 0xff) / 255.0 / a : 0;
  rgba[2] = a > 0 ? (p & 0xff) / 255.0 / a : 0;
}

static gboolean
matches (cairo_surface_t *surface,
         int              x,
         int              y,
         const double     rgb[3])
{
  double p[4];

  if (x < 0 || y < 0 || x >= cairo_image_surface_get_width (surface) ||
      y >= cairo_image_surface_get_height (surface))
    return FALSE;
  map_test_pixel (surface, x, y, p);
  return p[3] > 0.9 && fabs (p[0] - rgb[0]) < 0.12 && fabs (p[1] - rgb[1]) < 0.12 && fabs (p[2] - rgb[2]) < 0.12;
}

gboolean
map_test_find_disc (cairo_surface_t *surface,
                    double           x,
                    double           y,
                    double           radius,
                    const double     rgb[3],
                    double          *out_x,
                    double          *out_y)
{
  int x0 = (int) floor (x - radius), x1 = (int) ceil (x + radius);
  int y0 = (int) floor (y - radius), y1 = (int) ceil (y + radius);
  g_autofree int *counts = g_new0 (int, x1 - x0 + 1);
  g_autofree double *sums = g_new0 (double, x1 - x0 + 1);
  int best = 0;
  double sx = 0, sy = 0, n = 0;

  for (int cx = x0; cx <= x1; cx++)
    for (int cy = y0; cy <= y1; cy++)
      if (matches (surface, cx, cy, rgb))
        {
          counts[cx - x0]++;
          sums[cx - x0] += cy + 0.5;
        }

  for (int i = 0; i <= x1 - x0; i++)
    best = MAX (best, counts[i]);
  if (best == 0)
    return FALSE;

  /* Columns much taller than the rest belong to the disc, not the line. */
  for (int i = 0; i <= x1 - x0; i++)
    if (counts[i] >= 0.6 * best)
      {
        sx += (x0 + i + 0.5) * counts[i];
        sy += sums[i];
        n += counts[i];
      }

  *out_x = sx / n;
  *out_y = sy / n;
  return TRUE;
}
