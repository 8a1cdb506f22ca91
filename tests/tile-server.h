/* tile-server.h: a one-colour tile server on 127.0.0.1 for the tests of the
 * OpenStreetMap option, so no test ever reaches the real OpenStreetMap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  SoupServer *server;
  char       *url_template;  /* {z}/{x}/{y} form, for OVERFLIGHT_OSM_TILE_URL */
  guint       status;        /* what requests get; SOUP_STATUS_OK serves the tile */
  guint       hits;
  char       *user_agent;    /* of the last request */
  char       *last_path;
  GBytes     *png;
} TestTileServer;

void test_tile_server_start (TestTileServer *ts,
                             guint32         rgb);
void test_tile_server_stop  (TestTileServer *ts);

G_END_DECLS
