/* ovf-timeline-drawing.c: how the timeline's scrubber looks
 *
 * The altitude profile (cached per width and view), the day and hour
 * marks, the event ticks in the map's category colours and the playhead,
 * drawn for OvfScrubber through its draw function.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ovf-compat.h"
#include "ovf-draw.h"
#include "ovf-overlay.h"
#include "ovf-time-format.h"
#include "ovf-timeline-private.h"

#define KNOB_RADIUS 6.0


/* Fills the profile: per pixel column, the highest altitude recorded in it
 * or, where points are sparser than pixels, the altitude interpolated at
 * the column's middle. Segments with an unknown end stay NAN, so gaps in
 * the data show as gaps. O(points + columns). */
static void
compute_profile (OvfTimeline *self,
                 int          width)
{
  const OvfTrackPoint *points;
  guint n_points = 0;
  guint j = 0;

  g_clear_pointer (&self->profile, g_free);
  self->profile_width = width;
  self->profile_view_start = self->view_start;
  self->profile_view_end = self->view_end;
  if (self->track == NULL || !ovf_track_has_times (self->track) || width <= 0)
    return;

  points = ovf_track_get_points (self->track, &n_points);
  self->profile = g_new (float, width);
  j = ovf_track_find_point (self->track, self->view_start);

  for (int column = 0; column < width; column++)
    {
      OvfTime column_end = ovf_timeline_x_to_time (self->view_start, self->view_end, width, column + 1);
      OvfTime middle = ovf_timeline_x_to_time (self->view_start, self->view_end, width, column + 0.5);
      double value = NAN;

      while (j < n_points && points[j].time < column_end)
        {
          if (!isnan (points[j].alt_m) && !(points[j].alt_m <= value))
            value = points[j].alt_m;
          j++;
        }

      /* j is now the first point after the column; interpolate across it. */
      if (isnan (value) && j > 0 && j < n_points && points[j - 1].time <= middle)
        {
          const OvfTrackPoint *a = &points[j - 1];
          const OvfTrackPoint *b = &points[j];
          double f = (double) (middle - a->time) / (double) MAX (1, b->time - a->time);

          value = a->alt_m + (b->alt_m - a->alt_m) * f;
        }

      self->profile[column] = value;
    }
}

/* Returns whether the style is dark: light text means a dark background. */
static gboolean
get_colors (OvfTimeline *self,
            GdkRGBA     *fg,
            GdkRGBA     *accent,
            GdkRGBA     *bg)
{
  GtkWidget *widget = GTK_WIDGET (self->scrubber);
  gboolean dark;

  ovf_compat_widget_get_color (widget, fg);
  dark = (fg->red + fg->green + fg->blue) > 1.5;

  if (!ovf_compat_widget_lookup_color (widget, "accent_color", accent))
    gdk_rgba_parse (accent, dark ? "#78aeed" : "#1c71d8");
  if (!ovf_compat_widget_lookup_color (widget, "window_bg_color", bg))
    gdk_rgba_parse (bg, dark ? "#242424" : "#fafafa");

  return dark;
}

/* The map's colour for the category, so ticks match the markers. */
static void
set_category_source (cairo_t    *cr,
                     OvfEvent   *event,
                     gboolean    dark)
{
  double rgba[4];

  ovf_overlay_get_category_color (ovf_event_get_category (event), dark, rgba);
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3]);
}

static void
set_source_rgba (cairo_t       *cr,
                 const GdkRGBA *color,
                 double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* Adds one closed area per run of known altitudes. */
static void
profile_path (OvfTimeline *self,
              cairo_t     *cr,
              double       top,
              double       baseline)
{
  double scale = (baseline - top) / (self->max_altitude * 1.1);
  int column = 0;

  while (column < self->profile_width)
    {
      int first;

      while (column < self->profile_width && isnan (self->profile[column]))
        column++;
      if (column == self->profile_width)
        break;

      first = column;
      while (column < self->profile_width && !isnan (self->profile[column]))
        column++;

      /* A lone known altitude would be a hairline: give it a bar. */
      if (column - first == 1)
        {
          double height = self->profile[first] * scale;

          cairo_rectangle (cr, PAD_X + first - 0.5, baseline - height, 2, height);
          continue;
        }

      cairo_move_to (cr, PAD_X + first, baseline);
      for (int i = first; i < column; i++)
        cairo_line_to (cr, PAD_X + i + 0.5, baseline - self->profile[i] * scale);
      cairo_line_to (cr, PAD_X + column, baseline);
      cairo_close_path (cr);
    }
}

static void
draw_profile (OvfTimeline   *self,
              cairo_t       *cr,
              double         top,
              double         baseline,
              double         playhead_x,
              const GdkRGBA *fg,
              const GdkRGBA *accent)
{
  int width = (int) ovf_timeline_track_width (self);

  if (width != self->profile_width || self->view_start != self->profile_view_start
      || self->view_end != self->profile_view_end)
    compute_profile (self, width);
  if (self->profile == NULL || self->max_altitude <= 0)
    return;

  /* The flown part in the accent colour, the rest faint. */
  cairo_save (cr);
  cairo_rectangle (cr, playhead_x, 0, gtk_widget_get_width (GTK_WIDGET (self->scrubber)), baseline);
  cairo_clip (cr);
  profile_path (self, cr, top, baseline);
  set_source_rgba (cr, fg, 0.12);
  cairo_fill (cr);
  cairo_restore (cr);

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, playhead_x, baseline);
  cairo_clip (cr);
  profile_path (self, cr, top, baseline);
  set_source_rgba (cr, accent, 0.30);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
set_day_label (PangoLayout *layout,
               OvfTime      day)
{
  /* Translators: a day mark on the timeline; see g_date_time_format() */
  g_autofree char *text = ovf_time_format (day, NULL, _("%-d %b"));

  pango_layout_set_text (layout, text, -1);
}

static double
day_label_width (PangoLayout *layout,
                 OvfTime      day)
{
  PangoRectangle extent;

  set_day_label (layout, day);
  pango_layout_get_pixel_extents (layout, NULL, &extent);
  return extent.width;
}

/* Returns where the next label may start. */
static double
draw_day_label (cairo_t       *cr,
                PangoLayout   *layout,
                OvfTime        day,
                double         x,
                const GdkRGBA *fg)
{
  PangoRectangle extent;

  set_day_label (layout, day);
  pango_layout_get_pixel_extents (layout, NULL, &extent);
  set_source_rgba (cr, fg, 0.6);
  cairo_move_to (cr, x, 0);
  pango_cairo_show_layout (cr, layout);

  return x + extent.width + 8;
}

/* Ticks every @step hours within @day, and labels every @label_step
 * hours (0: none); returns where the next label may start. */
static double
draw_hours (OvfTimeline   *self,
            cairo_t       *cr,
            PangoLayout   *layout,
            OvfTime        day,
            int            step,
            int            label_step,
            double         baseline,
            double         label_end,
            const GdkRGBA *fg)
{
  double right_edge = ovf_timeline_track_width (self) + PAD_X;

  for (int hour = step; hour < 24; hour += step)
    {
      OvfTime t = day + hour * OVF_TIME_HOUR;
      double x;

      if (t < self->view_start || t > self->view_end)
        continue;

      x = round (ovf_timeline_scrubber_time_to_x (self, t)) + 0.5;
      set_source_rgba (cr, fg, 0.25);
      cairo_move_to (cr, x, baseline - (hour % 6 == 0 ? 5 : 3));
      cairo_line_to (cr, x, baseline);
      cairo_set_line_width (cr, 1);
      cairo_stroke (cr);

      if (label_step > 0 && hour % label_step == 0 && x + 3 > label_end)
        {
          g_autofree char *text = ovf_time_format_clock_utc (t);
          PangoRectangle extent;

          pango_layout_set_text (layout, text, -1);
          pango_layout_get_pixel_extents (layout, NULL, &extent);
          if (x + 3 + extent.width > right_edge)
            continue;
          set_source_rgba (cr, fg, 0.4);
          cairo_move_to (cr, x + 3, 0);
          pango_cairo_show_layout (cr, layout);
          label_end = x + 3 + extent.width + 8;
        }
    }

  return label_end;
}

/* Midnight UTC of every day, a line and (when there is room) a label
 * each; hour ticks when the hours are wide enough to tell apart. */
static void
draw_days (OvfTimeline   *self,
           cairo_t       *cr,
           double         baseline,
           const GdkRGBA *fg)
{
  static const int hour_steps[] = { 1, 3, 6, 12 };
  double day_width = ovf_timeline_track_width (self) * OVF_TIME_DAY
                     / (double) (self->view_end - self->view_start);
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->scrubber), NULL);
  PangoAttrList *attrs = pango_attr_list_new ();
  OvfTime first_day = self->view_start - (self->view_start % OVF_TIME_DAY + OVF_TIME_DAY) % OVF_TIME_DAY;
  double right_edge = ovf_timeline_track_width (self) + 2 * PAD_X;
  double label_end = -G_MAXDOUBLE;
  int hour_step = 0;
  int label_step = 0;

  /* The finest steps that leave ticks 8 px and labels 48 px apart. */
  for (guint i = G_N_ELEMENTS (hour_steps); i > 0; i--)
    {
      double width = day_width * hour_steps[i - 1] / 24.0;

      if (width >= 8)
        hour_step = hour_steps[i - 1];
      if (width >= 48)
        label_step = hour_steps[i - 1];
    }

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  for (OvfTime day = first_day; day <= self->view_end; day += OVF_TIME_DAY)
    {
      double x = round (ovf_timeline_scrubber_time_to_x (self, day)) + 0.5;

      if (day >= self->view_start)
        {
          set_source_rgba (cr, fg, 0.15);
          cairo_move_to (cr, x, LABEL_HEIGHT - 2);
          cairo_line_to (cr, x, baseline);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);

          /* Labels go right of their line, skipping days that would collide. */
          if (x + 3 > label_end && x + 3 + day_label_width (layout, day) <= right_edge)
            label_end = draw_day_label (cr, layout, day, x + 3, fg);
        }
      else if (ovf_timeline_scrubber_time_to_x (self, day + OVF_TIME_DAY) - PAD_X
               >= day_label_width (layout, day) + 8)
        {
          /* The day the view starts in is labelled at the left edge when
           * its part is wide enough to hold one. */
          label_end = draw_day_label (cr, layout, day, PAD_X, fg);
        }

      if (hour_step > 0)
        label_end = draw_hours (self, cr, layout, day, hour_step, label_step, baseline, label_end, fg);
    }

  g_object_unref (layout);
}

static void
draw_events (OvfTimeline *self,
             cairo_t     *cr,
             double       top,
             double       height,
             gboolean     dark)
{
  GListModel *events = ovf_dataset_get_events (self->dataset);
  guint n = g_list_model_get_n_items (events);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OvfEvent) event = g_list_model_get_item (events, i);
      double x = ovf_timeline_scrubber_time_to_x (self, ovf_event_get_time (event));
      gboolean emphasized = event == self->hover_event || event == self->selected_event;
      double w = emphasized ? 6 : 4;

      if (!ovf_timeline_in_view (self, ovf_event_get_time (event)))
        continue;

      set_category_source (cr, event, dark);
      ovf_draw_rounded_rectangle (cr, x - w / 2, top, w, height, w / 2);
      cairo_fill (cr);
    }

  /* The selection gets a ring, drawn last so no neighbour covers it. */
  if (self->selected_event != NULL && ovf_timeline_in_view (self, ovf_event_get_time (self->selected_event)))
    {
      double x = ovf_timeline_scrubber_time_to_x (self, ovf_event_get_time (self->selected_event));

      set_category_source (cr, self->selected_event, dark);
      ovf_draw_rounded_rectangle (cr, x - 6, top - 3, 12, height + 6, 4);
      cairo_set_line_width (cr, 1.5);
      cairo_stroke (cr);
    }
}

static void
draw_playhead (OvfTimeline   *self,
               cairo_t       *cr,
               double         x,
               double         baseline,
               double         height,
               const GdkRGBA *accent,
               const GdkRGBA *bg)
{
  gdk_cairo_set_source_rgba (cr, accent);
  cairo_rectangle (cr, x - 1, LABEL_HEIGHT, 2, height - LABEL_HEIGHT);
  cairo_fill (cr);

  if (gtk_widget_has_visible_focus (GTK_WIDGET (self->scrubber)))
    {
      set_source_rgba (cr, accent, 0.35);
      cairo_arc (cr, x, baseline, KNOB_RADIUS + 3, 0, 2 * G_PI);
      cairo_fill (cr);
    }

  gdk_cairo_set_source_rgba (cr, bg);
  cairo_arc (cr, x, baseline, KNOB_RADIUS, 0, 2 * G_PI);
  cairo_fill (cr);
  gdk_cairo_set_source_rgba (cr, accent);
  cairo_arc (cr, x, baseline, KNOB_RADIUS - 2, 0, 2 * G_PI);
  cairo_fill (cr);
}

void
ovf_timeline_draw_scrubber (OvfScrubber *scrubber,
                            cairo_t     *cr,
                            int          width,
                            int          height,
                            gpointer     user_data)
{
  OvfTimeline *self = user_data;
  double baseline = height - EVENT_LANE - BASELINE_GAP;
  double playhead_x;
  GdkRGBA fg, accent, bg;
  gboolean dark = get_colors (self, &fg, &accent, &bg);

  /* The whole span as a rail, so an empty timeline still reads as one. */
  set_source_rgba (cr, &fg, 0.15);
  ovf_draw_rounded_rectangle (cr, PAD_X, baseline - 2, width - 2 * PAD_X, 4, 2);
  cairo_fill (cr);

  if (self->dataset == NULL || self->end <= self->start)
    return;

  playhead_x = ovf_timeline_scrubber_time_to_x (self, self->time);
  self->drawn_playhead_x = playhead_x;

  draw_days (self, cr, baseline, &fg);
  draw_profile (self, cr, LABEL_HEIGHT + 2, baseline, playhead_x, &fg, &accent);

  playhead_x = CLAMP (playhead_x, PAD_X, width - PAD_X);
  gdk_cairo_set_source_rgba (cr, &accent);
  ovf_draw_rounded_rectangle (cr, PAD_X, baseline - 2, playhead_x - PAD_X, 4, 2);
  cairo_fill (cr);

  draw_events (self, cr, height - EVENT_LANE + 2, EVENT_LANE - 4, dark);
  if (ovf_timeline_in_view (self, self->time))
    draw_playhead (self, cr, playhead_x, baseline, height, &accent, &bg);
}
