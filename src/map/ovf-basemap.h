/* ovf-basemap.h: the built-in offline map: read in place, drawn as tiles, its labels measured and drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define OVF_BASEMAP_RESOURCE "/io/github/overflight/Overflight/basemap/world.ovfmap"

#define OVF_BASEMAP_ERROR (ovf_basemap_error_quark ())

typedef enum {
  OVF_BASEMAP_ERROR_INVALID,
} OvfBasemapError;

typedef enum {
  OVF_BASEMAP_LABEL_COUNTRY,
  OVF_BASEMAP_LABEL_REGION,
  OVF_BASEMAP_LABEL_CITY,
} OvfBasemapLabelKind;

typedef enum {
  OVF_BASEMAP_COLOR_WATER,
  OVF_BASEMAP_COLOR_LAND,
  OVF_BASEMAP_COLOR_SHORE,
  OVF_BASEMAP_COLOR_COUNTRY_BORDER,
  OVF_BASEMAP_COLOR_REGION_BORDER,
  OVF_BASEMAP_COLOR_TEXT,
  OVF_BASEMAP_COLOR_HALO,
} OvfBasemapColor;

/* A label as stored in the map. */
typedef struct {
  const char          *name;
  OvfBasemapLabelKind  kind;
  guint                population;
  gboolean             capital;
  double               x, y;           /* its point, Web Mercator in the unit square */
  int                  min_zoom;       /* the zooms at which it may show */
  int                  max_zoom;
} OvfBasemapLabel;

/* A place a label may take around its point, in pixels from it: the box
 * holding the text, its halo and a city's dot, and the text's own box. */
typedef struct {
  double x, y, width, height;
  double text_x, text_y, text_width, text_height;
} OvfBasemapLabelSpot;

#define OVF_BASEMAP_MAX_SPOTS 5
/* How far a label's halo reaches beyond its text, in pixels. */
#define OVF_BASEMAP_LABEL_HALO 1.5

#define OVF_TYPE_BASEMAP (ovf_basemap_get_type ())
G_DECLARE_FINAL_TYPE (OvfBasemap, ovf_basemap, OVF, BASEMAP, GObject)

GQuark      ovf_basemap_error_quark     (void);

OvfBasemap *ovf_basemap_new_from_bytes  (GBytes      *bytes,
                                         GError     **error);
GBytes     *ovf_basemap_dup_bundled_bytes (GError   **error);
OvfBasemap *ovf_basemap_get_default     (GError     **error);
gboolean    ovf_basemap_check           (OvfBasemap  *self,
                                         GError     **error);

const char *ovf_basemap_get_attribution (OvfBasemap  *self);
guint       ovf_basemap_get_n_labels    (OvfBasemap  *self);

void        ovf_basemap_render_tile     (OvfBasemap  *self,
                                         cairo_t     *cr,
                                         int          zoom,
                                         int          x,
                                         int          y,
                                         double       tile_size,
                                         gboolean     dark);

void        ovf_basemap_get_label       (OvfBasemap          *self,
                                         guint                index,
                                         OvfBasemapLabel     *out_label);
gboolean    ovf_basemap_is_label_measured (OvfBasemap        *self,
                                           guint              index);
guint       ovf_basemap_get_label_spots (OvfBasemap          *self,
                                         guint                index,
                                         OvfBasemapLabelSpot  spots[OVF_BASEMAP_MAX_SPOTS]);
void        ovf_basemap_draw_label_text (OvfBasemap          *self,
                                         cairo_t             *cr,
                                         guint                index,
                                         double               x,
                                         double               y,
                                         gboolean             dark);
void        ovf_basemap_draw_label_dot  (OvfBasemap          *self,
                                         cairo_t             *cr,
                                         guint                index,
                                         double               x,
                                         double               y,
                                         gboolean             dark);

void        ovf_basemap_get_color       (OvfBasemapColor color,
                                         gboolean        dark,
                                         double          rgb[3]);

G_END_DECLS
