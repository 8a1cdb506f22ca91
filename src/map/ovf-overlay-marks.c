/* ovf-overlay-marks.c: the overlay's markers (events, places, balloons), how each is drawn, and the sprites that stamp them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include "ovf-geo.h"
#include "ovf-overlay-private.h"

static inline void
add_mark (GArray     *marks,
          guint       mark,
          double      x,
          double      y,
          const char *name)
{
  OvfMarkAt m = { mark, x, y, name };

  g_array_append_val (marks, m);
}

static void
collect_balloon (const OvfFrame      *frame,
                 const OvfTrackSplit *split,
                 guint                variant,
                 const char          *name,
                 GArray              *marks)
{
  int k0, k1;

  if (!split->valid || !ovf_frame_world_range (frame, split->x, split->x, &k0, &k1))
    return;
  if (split->y < frame->y0 || split->y > frame->y1)
    return;

  for (int k = k0; k <= k1; k++)
    add_mark (marks, OVF_MARK (OVF_MARK_BALLOON, variant), ovf_frame_px (frame, split->x + k), ovf_frame_py (frame, split->y),
              name);
}

static void
paint_balloon (OvfOverlay       *self,
               cairo_t          *cr,
               const OvfPalette *palette,
               double            x,
               double            y,
               guint             variant)
{
  double radius = (variant & OVF_MARK_BALLOON_FOLLOWED) ? OVF_BALLOON_RADIUS : 5.0;
  OvfRgba color = ovf_overlay_track_rgba (variant >> 1, self->dark);

  cairo_new_path (cr);
  cairo_arc (cr, x, y, radius * 2.2, 0, 2 * G_PI);
  ovf_set_source (cr, &color, 0.22);
  cairo_fill (cr);

  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  ovf_set_source (cr, &color, 1.0);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 2.5);
  ovf_set_source (cr, &palette->casing, 1.0 / palette->casing.a);
  cairo_stroke (cr);
}

void
ovf_draw_event_dot (cairo_t          *cr,
                    const OvfPalette *palette,
                    double            x,
                    double            y,
                    const double      color[4],
                    gboolean          selected,
                    double            alpha)
{
  double radius = selected ? 7.5 : 5.0;

  cairo_new_path (cr);
  if (selected)
    {
      cairo_arc (cr, x, y, radius + 5.0, 0, 2 * G_PI);
      cairo_set_source_rgba (cr, color[0], color[1], color[2], 0.25);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 2.0);
      cairo_set_source_rgba (cr, color[0], color[1], color[2], 0.9);
      cairo_stroke (cr);
    }
  cairo_arc (cr, x, y, radius, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, color[0], color[1], color[2], alpha);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.5);
  ovf_set_source (cr, &palette->casing, alpha / palette->casing.a);
  cairo_stroke (cr);
}

static void
collect_events (OvfOverlay     *self,
                const OvfFrame *frame,
                GArray         *marks)
{
  GListModel *events = ovf_dataset_get_events (self->dataset);
  guint n = g_list_model_get_n_items (events);

  /* The selected event goes last, on top of the others. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(OvfEvent) event = g_list_model_get_item (events, i);
        gboolean selected = event == self->selected_event;
        double mx, my;
        guint mark;
        int k0, k1;

        if (selected != (pass == 1) || !ovf_event_has_location (event))
          continue;

        ovf_geo_to_mercator (ovf_event_get_latitude (event), ovf_event_get_longitude (event), &mx, &my);
        if (my < frame->y0 || my > frame->y1 || !ovf_frame_world_range (frame, mx, mx, &k0, &k1))
          continue;

        mark = OVF_MARK (OVF_MARK_EVENT, MIN ((guint) ovf_event_get_category (event), OVF_N_CATEGORIES - 1) |
                     (selected ? OVF_MARK_EVENT_SELECTED : 0) |
                     (ovf_event_get_time (event) > self->time ? OVF_MARK_EVENT_FUTURE : 0));
        for (int k = k0; k <= k1; k++)
          add_mark (marks, mark, ovf_frame_px (frame, mx + k), ovf_frame_py (frame, my), NULL);
      }
}

/* Places */

void
ovf_trace_place_symbol (cairo_t          *cr,
                        OvfPlaceCategory  category,
                        double            x,
                        double            y)
{
  const double r = 4.5;

  cairo_new_path (cr);
  switch (category)
    {
    case OVF_PLACE_MILITARY:
      /* A diamond, like a map's military symbol. */
      cairo_move_to (cr, x, y - r - 1);
      cairo_line_to (cr, x + r + 1, y);
      cairo_line_to (cr, x, y + r + 1);
      cairo_line_to (cr, x - r - 1, y);
      cairo_close_path (cr);
      break;
    case OVF_PLACE_AIRPORT:
      cairo_move_to (cr, x, y - r - 1);
      cairo_line_to (cr, x + r + 0.5, y + r);
      cairo_line_to (cr, x - r - 0.5, y + r);
      cairo_close_path (cr);
      break;
    case OVF_PLACE_REGION:
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case OVF_PLACE_CITY:
    case OVF_PLACE_OTHER:
    default:
      cairo_arc (cr, x, y, r - 0.5, 0, 2 * G_PI);
      break;
    }
}

/* Sprites */

/* A quarter of a pixel: markers are stamped at most an eighth of a pixel
 * from where they would be drawn. */
#define SPRITE_PHASES 4
/* Half the side of a sprite, in logical pixels: room for the largest mark,
 * the balloon's glow. */
#define SPRITE_EXTENT 18.0
#define MAX_CACHED_SPRITES 4096

static void
paint_mark (OvfOverlay       *self,
            cairo_t          *cr,
            const OvfPalette *palette,
            guint             mark,
            double            x,
            double            y)
{
  guint variant = mark >> 2;
  double color[4];

  switch (OVF_MARK_KIND (mark))
    {
    case OVF_MARK_EVENT:
      ovf_overlay_get_category_color (variant & 0x7, self->dark, color);
      ovf_draw_event_dot (cr, palette, x, y, color, (variant & OVF_MARK_EVENT_SELECTED) != 0,
                      /* Events still to come are shown, but quieter. */
                      (variant & OVF_MARK_EVENT_FUTURE) != 0 ? 0.45 : 1.0);
      break;
    case OVF_MARK_PLACE:
      ovf_trace_place_symbol (cr, variant, x, y);
      ovf_set_source (cr, &palette->place, 1.0);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.5);
      ovf_set_source (cr, &palette->halo, 1.0);
      cairo_stroke (cr);
      break;
    case OVF_MARK_BALLOON:
    default:
      paint_balloon (self, cr, palette, x, y, variant);
      break;
    }
}

/* Target pixels per user unit when user space is an unrotated, unskewed
 * scale of an image target's pixels; 0 when marks must be drawn as paths. */
static double
raster_scale (cairo_t *cr)
{
  cairo_surface_t *target = cairo_get_target (cr);
  cairo_matrix_t m;
  double sx, sy;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return 0;
  cairo_get_matrix (cr, &m);
  cairo_surface_get_device_scale (target, &sx, &sy);
  if (m.xy != 0 || m.yx != 0 || m.xx <= 0 || m.xx * sx != m.yy * sy)
    return 0;
  return m.xx * sx;
}

static cairo_surface_t *
sprite_new (OvfOverlay       *self,
            const OvfPalette *palette,
            guint             mark,
            double            scale,
            double            phase_x,
            double            phase_y)
{
  int extent = (int) ceil (SPRITE_EXTENT * scale);
  cairo_surface_t *sprite = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 2 * extent + 1, 2 * extent + 1);
  cairo_t *cr;

  cairo_surface_set_device_scale (sprite, scale, scale);
  cr = cairo_create (sprite);
  cairo_set_tolerance (cr, 0.25);
  paint_mark (self, cr, palette, mark, (extent + phase_x) / scale, (extent + phase_y) / scale);
  cairo_destroy (cr);
  return sprite;
}

/* Draws @mark centred on (x, y). On raster targets it is stamped from a
 * small image drawn once per sub-pixel phase, which costs a fraction of
 * filling and stroking its curves again. */
void
ovf_overlay_draw_mark (OvfOverlay       *self,
                       cairo_t          *cr,
                       const OvfPalette *palette,
                       guint             mark,
                       double            x,
                       double            y)
{
  double scale = raster_scale (cr);
  double ox, oy, sx, sy, px, py;
  cairo_surface_t *sprite;
  gint64 qx, qy;
  guint key;
  int extent;

  if (scale == 0)
    {
      paint_mark (self, cr, palette, mark, x, y);
      return;
    }

  if (scale != self->sprite_scale || g_hash_table_size (self->sprites) >= MAX_CACHED_SPRITES)
    {
      g_hash_table_remove_all (self->sprites);
      self->sprite_scale = scale;
    }

  /* Where the centre falls in the target's pixels. */
  cairo_surface_get_device_offset (cairo_get_target (cr), &ox, &oy);
  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  px = x;
  py = y;
  cairo_user_to_device (cr, &px, &py);
  qx = (gint64) round ((px * sx + ox) * SPRITE_PHASES);
  qy = (gint64) round ((py * sy + oy) * SPRITE_PHASES);
  /* The whole pixel is the floor of the quantised position, the phase
   * its remainder, 0 to SPRITE_PHASES - 1. */
  px = floor ((double) qx / SPRITE_PHASES);
  py = floor ((double) qy / SPRITE_PHASES);
  qx -= (gint64) px * SPRITE_PHASES;
  qy -= (gint64) py * SPRITE_PHASES;

  key = mark << 5 | (guint) qx << 3 | (guint) qy << 1 | self->dark;
  sprite = g_hash_table_lookup (self->sprites, GUINT_TO_POINTER (key));
  if (sprite == NULL)
    {
      sprite = sprite_new (self, palette, mark, scale, (double) qx / SPRITE_PHASES,
                           (double) qy / SPRITE_PHASES);
      g_hash_table_insert (self->sprites, GUINT_TO_POINTER (key), sprite);
    }

  /* The sprite's top left, on a whole target pixel, back in user space. */
  extent = (int) ceil (SPRITE_EXTENT * scale);
  px = (px - extent - ox) / sx;
  py = (py - extent - oy) / sy;
  cairo_device_to_user (cr, &px, &py);
  cairo_set_source_surface (cr, sprite, px, py);
  cairo_paint (cr);
}

double
ovf_mark_radius (guint mark)
{
  switch (OVF_MARK_KIND (mark))
    {
    case OVF_MARK_EVENT:
      return (mark >> 2) & OVF_MARK_EVENT_SELECTED ? 13.5 : 6.0;
    case OVF_MARK_PLACE:
      return 6.5;
    case OVF_MARK_BALLOON:
    default:
      return (((mark >> 2) & OVF_MARK_BALLOON_FOLLOWED) ? OVF_BALLOON_RADIUS : 5.0) * 2.2;
    }
}

static void
collect_places (OvfOverlay     *self,
                const OvfFrame *frame,
                GArray         *marks)
{
  GListModel *places = ovf_dataset_get_places (self->dataset);
  guint n = g_list_model_get_n_items (places);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OvfPlace) place = g_list_model_get_item (places, i);
      double mx, my;
      int k0, k1;

      ovf_geo_to_mercator (ovf_place_get_latitude (place), ovf_place_get_longitude (place), &mx, &my);
      if (my < frame->y0 || my > frame->y1 || !ovf_frame_world_range (frame, mx, mx, &k0, &k1))
        continue;
      for (int k = k0; k <= k1; k++)
        add_mark (marks, OVF_MARK (OVF_MARK_PLACE, ovf_place_get_category (place) & 0x7), ovf_frame_px (frame, mx + k),
                  ovf_frame_py (frame, my), ovf_place_get_name (place));
    }
}

void
ovf_overlay_collect_marks (OvfOverlay          *self,
                           const OvfFrame      *frame,
                           const OvfTrackSplit *splits,
                           GArray              *marks)
{
  OvfTrack *followed = ovf_overlay_get_followed (self);

  if (self->show_places)
    collect_places (self, frame, marks);
  collect_events (self, frame, marks);
  for (guint i = 0; i < self->tracks->len; i++)
    {
      OvfPreparedTrack *pt = g_ptr_array_index (self->tracks, i);
      guint slot = g_array_index (self->slots, guint8, i);

      gboolean followed_track = pt->track == followed;

      /* Another track's marker shows only while it flies: before its first
       * point or after its last it would claim a place it was not seen at.
       * The followed one stays, its label saying the track starts or ends. */
      if (!followed_track && splits[i].valid && splits[i].fix.phase != OVF_FLIGHT_WITHIN)
        continue;
      if (ovf_overlay_get_track_visible (self, pt->track))
        collect_balloon (frame, &splits[i], (followed_track ? OVF_MARK_BALLOON_FOLLOWED : 0) | slot << 1,
                         ovf_track_get_name (pt->track), marks);
    }
}
