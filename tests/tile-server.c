/* tile-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo.h>

#include "tile-server.h"

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
solid_png (guint32 rgb)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgb (cr, (rgb >> 16) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
  cairo_paint (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

static void
handle (SoupServer        *server,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        gpointer           user_data)
{
  TestTileServer *ts = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  ts->hits++;
  g_free (ts->user_agent);
  ts->user_agent = g_strdup (soup_message_headers_get_one (headers, "User-Agent"));
  g_free (ts->last_path);
  ts->last_path = g_strdup (path);
  soup_server_message_set_status (msg, ts->status, NULL);
  if (ts->status == SOUP_STATUS_OK)
    soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                      g_bytes_get_data (ts->png, NULL), g_bytes_get_size (ts->png));
}

/* Serves 256 × 256 PNG tiles of one colour, 0xRRGGBB, on a free port. */
void
test_tile_server_start (TestTileServer *ts,
                        guint32         rgb)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  ts->png = solid_png (rgb);
  ts->status = SOUP_STATUS_OK;
  ts->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (ts->server, NULL, handle, ts, NULL);
  soup_server_listen_local (ts->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);
  uris = soup_server_get_uris (ts->server);
  ts->url_template = g_strdup_printf ("http://127.0.0.1:%d/{z}/{x}/{y}.png", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

void
test_tile_server_stop (TestTileServer *ts)
{
  soup_server_disconnect (ts->server);
  g_clear_object (&ts->server);
  g_clear_pointer (&ts->url_template, g_free);
  g_clear_pointer (&ts->user_agent, g_free);
  g_clear_pointer (&ts->last_path, g_free);
  g_clear_pointer (&ts->png, g_bytes_unref);
}
