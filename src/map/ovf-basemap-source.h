/* ovf-basemap-source.h: the built-in map as a libshumate map source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "ovf-basemap.h"
#include "ovf-tile-tracker.h"

G_BEGIN_DECLS

#define OVF_BASEMAP_SOURCE_ID      "overflight-basemap"
#define OVF_BASEMAP_SOURCE_ID_DARK "overflight-basemap-dark"
#define OVF_BASEMAP_MAX_ZOOM       14

/* One key per tile: zoom ≤ 14 leaves 14 bits each for x and y. */
static inline guint
ovf_basemap_source_tile_key (int zoom,
                             int x,
                             int y)
{
  return ((guint) zoom << 28) | ((guint) x << 14) | (guint) y;
}

#define OVF_TYPE_BASEMAP_SOURCE (ovf_basemap_source_get_type ())
G_DECLARE_FINAL_TYPE (OvfBasemapSource, ovf_basemap_source, OVF, BASEMAP_SOURCE, ShumateMapSource)

OvfBasemapSource *ovf_basemap_source_new         (gboolean          dark);
OvfBasemapSource *ovf_basemap_source_new_full    (OvfBasemap       *basemap,
                                                  gboolean          dark,
                                                  OvfTileTracker   *tracker);

OvfBasemap       *ovf_basemap_source_get_basemap (OvfBasemapSource *self);
gboolean          ovf_basemap_source_get_dark    (OvfBasemapSource *self);

guint64           ovf_basemap_source_get_tiles_drawn (OvfBasemapSource *self);
GdkTexture       *ovf_basemap_source_get_tile    (OvfBasemapSource *self,
                                                  int               zoom,
                                                  int               x,
                                                  int               y);
GdkTexture       *ovf_basemap_source_peek_tile   (OvfBasemapSource *self,
                                                  int               zoom,
                                                  int               x,
                                                  int               y);
GdkTexture       *ovf_basemap_source_wait_tile   (OvfBasemapSource *self,
                                                  int               zoom,
                                                  int               x,
                                                  int               y,
                                                  gint64            deadline);

const char       *ovf_basemap_source_license     (void);

G_END_DECLS
