/* ovf-overlay-labels.c: the overlay's labels: haloed place names drawn once and cached, and the balloon's time and altitude
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ovf-draw.h"
#include "ovf-overlay-private.h"
#include "ovf-time-format.h"

/* Shaping and stroking a haloed label costs far more than the rest of a
 * frame, so each is drawn once: into a small image at the target's
 * resolution for raster targets, or kept as a layout for vector ones. */
struct _OvfLabel
{
  cairo_surface_t *surface;
  PangoLayout     *layout;
  double           width;
  double           height;
};

#define LABEL_PAD 3.0
#define MAX_CACHED_LABELS 1024

static void
label_free (gpointer data)
{
  OvfLabel *label = data;

  g_clear_pointer (&label->surface, cairo_surface_destroy);
  g_clear_object (&label->layout);
  g_free (label);
}

GHashTable *
ovf_overlay_label_cache_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, label_free);
}

/* Trimmed between frames only: a frame keeps its labels until drawn. */
void
ovf_overlay_trim_label_cache (OvfOverlay *self)
{
  if (g_hash_table_size (self->labels) >= MAX_CACHED_LABELS)
    g_hash_table_remove_all (self->labels);
}

static void
draw_halo_text (cairo_t          *cr,
                const OvfLabel   *label,
                double            x,
                double            y,
                const OvfPalette *palette)
{
  PangoLayout *layout = label->layout;

  /* A soft plate under the halo: where the story's labels meet the
   * basemap's own, the basemap's text fades behind instead of tangling. */
  cairo_save (cr);
  ovf_draw_rounded_rectangle (cr, x - LABEL_PAD, y - LABEL_PAD / 2, label->width + 2 * LABEL_PAD,
                              label->height + LABEL_PAD, LABEL_PAD);
  ovf_set_source (cr, &palette->halo, 0.7);
  cairo_fill (cr);
  cairo_move_to (cr, x, y);
  pango_cairo_layout_path (cr, layout);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, 3.0);
  ovf_set_source (cr, &palette->halo, 1.0);
  cairo_stroke (cr);
  cairo_move_to (cr, x, y);
  ovf_set_source (cr, &palette->text, 1.0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static const OvfLabel *
label_lookup (OvfOverlay       *self,
              cairo_t          *cr,
              const char       *text,
              double            size_px,
              const OvfPalette *palette)
{
  gboolean raster = cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE;
  double dx = 1.0, dy = 0.0, sx = 1.0, sy = 1.0, scale;
  g_autofree char *key = NULL;
  OvfLabel *label;
  int w, h;

  /* In the target's own pixels, which are finer than the device space
   * on a high-density screen. */
  cairo_user_to_device_distance (cr, &dx, &dy);
  cairo_surface_get_device_scale (cairo_get_target (cr), &sx, &sy);
  scale = MAX (hypot (dx, dy) * sx, 0.01);
  key = g_strdup_printf ("%c%c%.3f|%.1f|%s", raster ? 'r' : 'v', self->dark ? 'd' : 'l', scale, size_px, text);
  label = g_hash_table_lookup (self->labels, key);
  if (label != NULL)
    return label;

  label = g_new0 (OvfLabel, 1);
  label->layout = ovf_draw_create_layout (cr, size_px, PANGO_WEIGHT_BOLD);
  pango_layout_set_text (label->layout, text, -1);
  pango_layout_get_pixel_size (label->layout, &w, &h);
  label->width = w;
  label->height = h;

  if (raster)
    {
      cairo_t *label_cr;

      label->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                   (int) ceil ((w + 2 * LABEL_PAD) * scale),
                                                   (int) ceil ((h + 2 * LABEL_PAD) * scale));
      cairo_surface_set_device_scale (label->surface, scale, scale);
      label_cr = cairo_create (label->surface);
      pango_cairo_update_layout (label_cr, label->layout);
      draw_halo_text (label_cr, label, LABEL_PAD, LABEL_PAD, palette);
      cairo_destroy (label_cr);
      g_clear_object (&label->layout);
    }

  g_hash_table_insert (self->labels, g_steal_pointer (&key), label);
  return label;
}

static void
label_draw (cairo_t          *cr,
            const OvfLabel   *label,
            double            x,
            double            y,
            const OvfPalette *palette)
{
  if (label->surface == NULL)
    {
      draw_halo_text (cr, label, x, y, palette);
      return;
    }

  /* On whole device pixels, so the text stays sharp. */
  x -= LABEL_PAD;
  y -= LABEL_PAD;
  cairo_user_to_device (cr, &x, &y);
  x = round (x);
  y = round (y);
  cairo_device_to_user (cr, &x, &y);
  cairo_set_source_surface (cr, label->surface, x, y);
  cairo_paint (cr);
}

/* The balloon's label */

/* Outside its track the marker stands where the track starts or ends: the
 * label says so, rather than lend the clock time an altitude the balloon
 * did not have then. */
static char *
format_marker_text (OvfTrack          *track,
                    OvfTime            time,
                    const OvfTrackFix *fix)
{
  g_autofree char *when = NULL;

  switch (fix->phase)
    {
    case OVF_FLIGHT_BEFORE:
      when = ovf_time_format_brief_utc (ovf_track_get_start_time (track));
      /* TRANSLATORS: the balloon marker's label before its track begins; %s is a time */
      return when != NULL ? g_strdup_printf (_("Track starts\n%s"), when) : NULL;
    case OVF_FLIGHT_AFTER:
      when = ovf_time_format_brief_utc (ovf_track_get_end_time (track));
      /* TRANSLATORS: the balloon marker's label after its track ends; %s is a time */
      return when != NULL ? g_strdup_printf (_("Track ends\n%s"), when) : NULL;
    case OVF_FLIGHT_WITHIN:
    default:
      break;
    }

  when = ovf_time_format_brief_utc (time);
  if (when == NULL || isnan (fix->alt_m))
    return g_steal_pointer (&when);
  /* TRANSLATORS: time, then altitude in kilometres and in feet (rounded to hundreds) */
  return g_strdup_printf (_("%s\n%.1f km · %'.0f ft"), when, fix->alt_m / 1000.0,
                          round (fix->alt_m / 0.3048 / 100) * 100);
}

/**
 * ovf_overlay_dup_marker_text:
 *
 * Returns: (nullable) (transfer full): what the label beside the balloon
 *   says at the overlay's time: the time and altitude in flight, or where
 *   the track starts or ends outside it; %NULL without a track.
 */
char *
ovf_overlay_dup_marker_text (OvfOverlay *self)
{
  OvfTrack *track;
  OvfTrackFix fix;

  g_return_val_if_fail (OVF_IS_OVERLAY (self), NULL);

  track = self->dataset != NULL ? ovf_dataset_get_main_track (self->dataset) : NULL;
  if (track == NULL || ovf_track_get_n_points (track) == 0 || !ovf_track_has_times (track))
    return NULL;
  ovf_track_locate (track, self->time, &fix);
  return format_marker_text (track, self->time, &fix);
}

#define MARKER_LABEL_PAD 4.0

/* Whether @box meets one of the reserved boxes. */
static gboolean
meets_reserved (OvfOverlay              *self,
                const cairo_rectangle_t *box)
{
  for (guint i = 0; i < self->reserved->len; i++)
    {
      const cairo_rectangle_t *o = &g_array_index (self->reserved, cairo_rectangle_t, i);

      if (box->x < o->x + o->width && o->x < box->x + box->width &&
          box->y < o->y + o->height && o->y < box->y + box->height)
        return TRUE;
    }
  return FALSE;
}

/* The label beside the main balloon's marker, placed before the other
 * labels so that they keep clear of it; NULL when off view or without
 * room. Its text changes with every frame of playback, so it sits on a
 * small panel rather than behind a stroked halo, which would cost more
 * than the rest of the frame. */
PangoLayout *
ovf_overlay_layout_marker_label (OvfOverlay          *self,
                                 cairo_t             *cr,
                                 const OvfFrame      *frame,
                                 OvfTrack            *track,
                                 gboolean             with_name,
                                 const OvfTrackSplit *split,
                                 double              *out_x,
                                 double              *out_y)
{
  g_autofree char *text = NULL;
  PangoLayout *layout;
  double x, y, offset = OVF_BALLOON_RADIUS * 2.2 + 2 + MARKER_LABEL_PAD;
  double d = offset * M_SQRT1_2;
  cairo_rectangle_t spots[8];
  int w, h, spot;

  if (!split->valid || !self->show_marker_label)
    return NULL;
  /* The copy of the marker nearest the centre carries the label. */
  x = ovf_frame_px (frame, split->x + round (frame->view->center_x - split->x));
  y = ovf_frame_py (frame, split->y);
  if (x < 0 || x > frame->view->width || y < 0 || y > frame->view->height)
    return NULL;
  text = format_marker_text (track, self->time, &split->fix);
  if (text == NULL)
    return NULL;
  /* Among other tracks, the panel says whose time and altitude it is. */
  if (with_name)
    {
      g_autofree char *plain = g_steal_pointer (&text);

      text = g_strdup_printf ("%s\n%s", ovf_track_get_name (track), plain);
    }

  layout = ovf_draw_create_layout (cr, 12.0, PANGO_WEIGHT_BOLD);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);

  /* Its panel on the right, the left, above or below the marker, or in
   * a corner beside it, which is where it fits near a corner of the view. */
  spots[0] = (cairo_rectangle_t) { x + offset, y - h / 2.0, w, h };
  spots[1] = (cairo_rectangle_t) { x - offset - w, y - h / 2.0, w, h };
  spots[2] = (cairo_rectangle_t) { x - w / 2.0, y - offset - h, w, h };
  spots[3] = (cairo_rectangle_t) { x - w / 2.0, y + offset, w, h };
  spots[4] = (cairo_rectangle_t) { x + d, y - d - h, w, h };
  spots[5] = (cairo_rectangle_t) { x - d - w, y - d - h, w, h };
  spots[6] = (cairo_rectangle_t) { x + d, y + d, w, h };
  spots[7] = (cairo_rectangle_t) { x - d - w, y + d, w, h };
  for (guint i = 0; i < G_N_ELEMENTS (spots); i++)
    {
      spots[i].x -= MARKER_LABEL_PAD;
      spots[i].y -= MARKER_LABEL_PAD;
      spots[i].width += 2 * MARKER_LABEL_PAD;
      spots[i].height += 2 * MARKER_LABEL_PAD;
    }

  spot = ovf_label_placer_place (self->placer, spots, G_N_ELEMENTS (spots), OVF_LABEL_MARKER, text);
  /* Among the story's markers it may cover some, but it stays inside the
   * view and off the panels. */
  for (guint i = 0; spot < 0 && i < G_N_ELEMENTS (spots); i++)
    if (spots[i].x >= 0 && spots[i].y >= 0 && spots[i].x + spots[i].width <= frame->view->width &&
        spots[i].y + spots[i].height <= frame->view->height && !meets_reserved (self, &spots[i]))
      {
        ovf_label_placer_take (self->placer, &spots[i], OVF_LABEL_MARKER, text);
        spot = (int) i;
      }
  if (spot < 0)
    {
      g_object_unref (layout);
      return NULL;
    }

  *out_x = spots[spot].x + MARKER_LABEL_PAD;
  *out_y = spots[spot].y + MARKER_LABEL_PAD;
  return layout;
}

void
ovf_overlay_draw_marker_label (cairo_t          *cr,
                               PangoLayout      *layout,
                               double            x,
                               double            y,
                               const OvfPalette *palette)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_new_path (cr);
  ovf_draw_rounded_rectangle (cr, x - MARKER_LABEL_PAD, y - MARKER_LABEL_PAD,
                     w + 2 * MARKER_LABEL_PAD, h + 2 * MARKER_LABEL_PAD, 5.0);
  ovf_set_source (cr, &palette->panel, 1.0);
  cairo_fill (cr);
  cairo_move_to (cr, x, y);
  ovf_set_source (cr, &palette->text, 1.0);
  pango_cairo_show_layout (cr, layout);
}

/* Places' labels */

/* Between a place's symbol and its label's plate. */
#define PLACE_LABEL_GAP 7.0

/* Each place's label goes right of its symbol if free, else left;
 * otherwise it is left out. */
void
ovf_overlay_place_place_labels (OvfOverlay       *self,
                                cairo_t          *cr,
                                const OvfPalette *palette,
                                GArray           *marks,
                                GArray           *out_labels)
{
  for (guint i = 0; i < marks->len; i++)
    {
      const OvfMarkAt *m = &g_array_index (marks, OvfMarkAt, i);
      const OvfLabel *label;
      cairo_rectangle_t spots[2];
      double w, h;
      int spot;

      if (OVF_MARK_KIND (m->mark) != OVF_MARK_PLACE)
        continue;
      /* Bold, to tell them from the basemap's own labels. */
      label = label_lookup (self, cr, m->name, 11.5, palette);
      w = label->width + 2 * LABEL_PAD;
      h = label->height + LABEL_PAD;
      spots[0] = (cairo_rectangle_t) { m->x + PLACE_LABEL_GAP, m->y - h / 2.0, w, h };
      spots[1] = (cairo_rectangle_t) { m->x - PLACE_LABEL_GAP - w, m->y - h / 2.0, w, h };
      spot = ovf_label_placer_place (self->placer, spots, G_N_ELEMENTS (spots), OVF_LABEL_PLACE, m->name);
      if (spot >= 0)
        {
          OvfPlaceLabel placed = { label, spots[spot].x + LABEL_PAD, spots[spot].y + LABEL_PAD / 2 };

          g_array_append_val (out_labels, placed);
        }
    }
}

/* Between a balloon's marker and its name's plate. */
#define TRACK_LABEL_GAP 3.0

/* Each balloon's name goes right of its marker if free, else left,
 * above or below; otherwise it is left out. The followed balloon's panel
 * already names it. */
void
ovf_overlay_place_track_labels (OvfOverlay       *self,
                                cairo_t          *cr,
                                const OvfFrame   *frame,
                                const OvfPalette *palette,
                                GArray           *marks,
                                GArray           *out_labels)
{
  for (guint i = 0; i < marks->len; i++)
    {
      const OvfMarkAt *m = &g_array_index (marks, OvfMarkAt, i);
      const OvfLabel *label;
      cairo_rectangle_t spots[4];
      double w, h, r;
      int spot;

      if (OVF_MARK_KIND (m->mark) != OVF_MARK_BALLOON || m->name == NULL ||
          (m->mark >> 2) & OVF_MARK_BALLOON_FOLLOWED)
        continue;
      /* Only the copies of the marker on view are named. */
      if (m->x < 0 || m->x > frame->view->width || m->y < 0 || m->y > frame->view->height)
        continue;
      label = label_lookup (self, cr, m->name, 11.5, palette);
      w = label->width + 2 * LABEL_PAD;
      h = label->height + LABEL_PAD;
      r = ovf_mark_radius (m->mark) + TRACK_LABEL_GAP;
      spots[0] = (cairo_rectangle_t) { m->x + r, m->y - h / 2.0, w, h };
      spots[1] = (cairo_rectangle_t) { m->x - r - w, m->y - h / 2.0, w, h };
      spots[2] = (cairo_rectangle_t) { m->x - w / 2.0, m->y - r - h, w, h };
      spots[3] = (cairo_rectangle_t) { m->x - w / 2.0, m->y + r, w, h };
      spot = ovf_label_placer_place (self->placer, spots, G_N_ELEMENTS (spots), OVF_LABEL_TRACK, m->name);
      if (spot >= 0)
        {
          OvfPlaceLabel placed = { label, spots[spot].x + LABEL_PAD, spots[spot].y + LABEL_PAD / 2 };

          g_array_append_val (out_labels, placed);
        }
    }
}

void
ovf_overlay_draw_place_label (cairo_t             *cr,
                              const OvfPlaceLabel *placed,
                              const OvfPalette    *palette)
{
  label_draw (cr, placed->label, placed->x, placed->y, palette);
}
