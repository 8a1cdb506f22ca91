/* ovf-osm-source.h: OpenStreetMap tiles as a libshumate map source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "ovf-basemap.h"
#include "ovf-tile-tracker.h"

G_BEGIN_DECLS

#define OVF_OSM_SOURCE_ID       "overflight-osm"
#define OVF_OSM_URL_TEMPLATE    "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
#define OVF_OSM_MAX_CONNECTIONS 2
/* Overrides the tile address, e.g. for a mirror or a test server. */
#define OVF_OSM_URL_ENV         "OVERFLIGHT_OSM_TILE_URL"
/* How long a headless fetch waits on the server for one tile. */
#define OVF_OSM_FETCH_TIMEOUT_SECONDS 20

#define OVF_TYPE_OSM_SOURCE (ovf_osm_source_get_type ())
G_DECLARE_FINAL_TYPE (OvfOsmSource, ovf_osm_source, OVF, OSM_SOURCE, ShumateMapSource)

ShumateMapSource *ovf_osm_source_new            (void);
OvfOsmSource     *ovf_osm_source_new_full       (const char     *url_template,
                                                 const char     *cache_dir,
                                                 OvfBasemap     *fallback,
                                                 gboolean        dark,
                                                 OvfTileTracker *tracker);

const char       *ovf_osm_source_get_user_agent   (void);
const char       *ovf_osm_source_get_cache_dir    (OvfOsmSource   *self);
gboolean          ovf_osm_source_get_offline      (OvfOsmSource   *self);
guint             ovf_osm_source_get_downloads    (OvfOsmSource   *self);
const char       *ovf_osm_source_get_url_template (OvfOsmSource   *self);

GBytes           *ovf_osm_source_fetch_tile_sync  (OvfOsmSource   *self,
                                                   int             zoom,
                                                   int             x,
                                                   int             y,
                                                   GCancellable   *cancellable,
                                                   GError        **error);

G_END_DECLS
