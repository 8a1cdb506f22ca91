/* ovf-view-options.h: the --time, --center, --zoom and --fit options, as the window and export read them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ovf-time.h"

G_BEGIN_DECLS

/* The zoom levels a view may be asked for; a map source may narrow them. */
#define OVF_VIEW_MIN_ZOOM 0.0
#define OVF_VIEW_MAX_ZOOM 20.0

typedef enum
{
  OVF_FIT_TRACK,   /* the main track */
  OVF_FIT_ALL,     /* every track, event and place */
  OVF_FIT_SPAN,    /* the main track between start and end */
} OvfFitKind;

/* What a view is fitted to. */
typedef struct
{
  OvfFitKind kind;
  OvfTime    start;
  OvfTime    end;
} OvfFit;

typedef struct
{
  gboolean has_time;
  OvfTime  time;
  gboolean has_center;
  double   latitude;
  double   longitude;
  gboolean has_zoom;
  double   zoom;
  gboolean has_fit;
  OvfFit   fit;
} OvfViewOptions;

/* Reads the options from a command line's dictionary; on a bad value,
 * fails with a G_OPTION_ERROR_BAD_VALUE message naming the option. */
gboolean ovf_view_options_parse   (GVariantDict    *options,
                                   OvfViewOptions  *out,
                                   GError         **error);
/* "LAT,LON" in degrees, such as "33.62,-78.8"; spaces around either
 * number are allowed. */
gboolean ovf_view_parse_center    (const char      *text,
                                   double          *out_lat,
                                   double          *out_lon,
                                   GError         **error);
/* "track", "all" or "START/END" in ISO 8601. */
gboolean ovf_view_parse_fit       (const char      *text,
                                   OvfFit          *out,
                                   GError         **error);

G_END_DECLS
