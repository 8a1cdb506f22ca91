/* ovf-timeline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ovf-compat.h"
#include "ovf-draw.h"
#include "ovf-lazy-menu.h"
#include "ovf-overlay.h"
#include "ovf-scrubber.h"
#include "ovf-time-format.h"
#include "ovf-timeline.h"

/* Scrubber geometry, in logical pixels. The horizontal padding keeps the
 * playhead's knob whole at both ends. */
#define PAD_X          OVF_TIMELINE_SCRUBBER_INSET
#define LABEL_HEIGHT   14.0
#define EVENT_LANE     14.0
#define BASELINE_GAP    6.0
#define KNOB_RADIUS     6.0
#define PICK_DISTANCE   5.0
#define DRAG_THRESHOLD  3.0
/* A stalled frame clock (a suspended laptop, a debugger) must not make
 * playback leap. */
#define MAX_FRAME_STEP (G_USEC_PER_SEC / 4)
/* Zooming stops at this much time across the scrubber. */
#define MIN_VIEW       (2 * OVF_TIME_HOUR)
#define ZOOM_STEP      1.25

struct _OvfTimeline
{
  GtkWidget       parent_instance;

  GtkButton      *play_button;
  GtkMenuButton  *speed_button;
  GtkMenuButton  *time_button;
  GtkLabel       *time_label;
  GtkLabel       *flight_label;
  GtkPopover     *time_popover;
  GtkEntry       *time_entry;
  GtkLabel       *time_error_label;
  OvfScrubber    *scrubber;

  OvfDataset     *dataset;
  OvfTrack       *track;          /* the dataset's main track, borrowed */
  OvfTime         start;
  OvfTime         end;
  /* The part of the span the scrubber shows; all of it unless zoomed. */
  OvfTime         view_start;
  OvfTime         view_end;
  OvfTime         time;
  gboolean        playing;
  double          speed;
  OvfEvent       *selected_event;
  char           *timezone;
  GTimeZone      *zone;           /* NULL: UTC only */

  guint           tick_id;
  gint64          last_frame_time;

  /* The altitude profile, one value per pixel column; NAN where unknown.
   * Its scale is the whole track's highest altitude, so zooming and
   * paging keep the heights comparable. */
  float          *profile;
  int             profile_width;
  OvfTime         profile_view_start;
  OvfTime         profile_view_end;
  double          max_altitude;

  double          drawn_playhead_x;
  OvfEvent       *hover_event;    /* borrowed from the dataset */
  OvfEvent       *press_event;
  double          press_x;
  double          pointer_x;
  gboolean        scrubbing;
  char           *value_text;     /* the last accessible value text */
  gboolean        syncing_value;  /* setting the scrubber's value from the time */
};

G_DEFINE_FINAL_TYPE (OvfTimeline, ovf_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DATASET,
  PROP_TIME,
  PROP_PLAYING,
  PROP_SPEED,
  PROP_SELECTED_EVENT,
  PROP_TIMEZONE,
  N_PROPS
};

enum {
  EVENT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* The speed menu's choices, in simulated seconds per second. */
static const double speed_presets[] = { 60, 600, 3600, 6 * 3600, 24 * 3600 };

G_DEFINE_QUARK (ovf-timeline-error-quark, ovf_timeline_error)

double
ovf_timeline_time_to_x (OvfTime start,
                        OvfTime end,
                        double  width,
                        OvfTime time)
{
  if (end <= start)
    return 0;

  return width * ((double) (time - start) / (double) (end - start));
}

OvfTime
ovf_timeline_x_to_time (OvfTime start,
                        OvfTime end,
                        double  width,
                        double  x)
{
  if (end <= start || width <= 0)
    return start;

  x = CLAMP (x, 0, width);
  return start + (OvfTime) llround ((x / width) * (double) (end - start));
}

char *
ovf_timeline_format_speed (double speed)
{
  guint n;

  if (speed >= 86400 && fmod (speed, 86400) == 0)
    {
      n = (guint) (speed / 86400);
      /* Translators: playback speed, simulated days per real second */
      return g_strdup_printf (ngettext ("%u day/s", "%u days/s", n), n);
    }
  if (speed >= 3600 && fmod (speed, 3600) == 0)
    {
      /* Translators: playback speed, simulated hours per real second */
      return g_strdup_printf (_("%u h/s"), (guint) (speed / 3600));
    }
  if (speed >= 60 && fmod (speed, 60) == 0)
    {
      /* Translators: playback speed, simulated minutes per real second */
      return g_strdup_printf (_("%u min/s"), (guint) (speed / 60));
    }

  /* Translators: playback speed, simulated seconds per real second */
  return g_strdup_printf (_("%.0f s/s"), speed);
}

/* "4 Feb 2023 19:39 UTC · 14:39 EST", or with the local date too when it
 * differs from the UTC one. */
static char *
format_clock (OvfTimeline *self)
{
  g_autoptr(GDateTime) utc = ovf_time_to_date_time (self->time, NULL);
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *utc_text = NULL;
  g_autofree char *local_text = NULL;

  utc_text = ovf_time_format_short_utc (self->time);
  if (self->zone == NULL)
    return g_steal_pointer (&utc_text);

  local = g_date_time_to_timezone (utc, self->zone);
  if (g_date_time_get_day_of_month (local) == g_date_time_get_day_of_month (utc))
    local_text = ovf_time_format_clock_in_zone (self->time, self->zone);
  else
    /* Translators: local time on another day than the UTC one */
    local_text = g_date_time_format (local, _("%-d %b %H:%M %Z"));

  /* Translators: UTC time · local time */
  return g_strdup_printf (_("%s · %s"), utc_text, local_text);
}

/* What a screen reader says: "4 February 2023, 19:39 UTC (14:39 EST)". */
static char *
format_value_text (OvfTimeline *self)
{
  g_autofree char *utc_text = NULL;
  g_autofree char *local_text = NULL;

  utc_text = ovf_time_format_utc (self->time);
  if (self->zone == NULL)
    return g_steal_pointer (&utc_text);

  /* Translators: the local time for screen readers, after the UTC one */
  local_text = ovf_time_format (self->time, self->zone, _("%-d %B, %H:%M %Z"));
  /* Translators: UTC time (local time), read by screen readers */
  return g_strdup_printf (_("%s (%s)"), utc_text, local_text);
}

static char *
format_flight (OvfTimeline *self)
{
  g_autofree char *speed_text = NULL;
  g_autofree char *alt_text = NULL;
  OvfTrackFix fix;
  double kmh;

  if (self->track == NULL || ovf_track_get_n_points (self->track) == 0)
    return g_strdup ("");

  switch (ovf_track_locate (self->track, self->time, &fix))
    {
    case OVF_FLIGHT_BEFORE:
      return g_strdup (_("Before the first position"));
    case OVF_FLIGHT_AFTER:
      return g_strdup (_("After the last position"));
    case OVF_FLIGHT_WITHIN:
    default:
      break;
    }

  kmh = ovf_track_get_speed_kmh (self->track, self->time);
  if (isnan (kmh))
    speed_text = g_strdup (_("speed unknown"));
  else
    /* Translators: the balloon's ground speed */
    speed_text = g_strdup_printf (_("%.0f km/h"), kmh);

  if (isnan (fix.alt_m))
    alt_text = g_strdup (_("altitude unknown"));
  else
    /* Translators: altitude in kilometres, then in feet (as US reports give it) */
    alt_text = g_strdup_printf (_("%.1f km (%'.0f ft)"), fix.alt_m / 1000.0,
                                round (fix.alt_m / 0.3048 / 100) * 100);

  /* Translators: ground speed · altitude */
  return g_strdup_printf (_("%s · %s"), speed_text, alt_text);
}

static double
scrubber_track_width (OvfTimeline *self)
{
  return MAX (1.0, gtk_widget_get_width (GTK_WIDGET (self->scrubber)) - 2 * PAD_X);
}

static double
scrubber_time_to_x (OvfTimeline *self,
                    OvfTime      time)
{
  return PAD_X + ovf_timeline_time_to_x (self->view_start, self->view_end,
                                         scrubber_track_width (self), time);
}

static OvfTime
scrubber_x_to_time (OvfTimeline *self,
                    double       x)
{
  return ovf_timeline_x_to_time (self->view_start, self->view_end,
                                 scrubber_track_width (self), x - PAD_X);
}

static gboolean
in_view (OvfTimeline *self,
         OvfTime      time)
{
  return time >= self->view_start && time <= self->view_end;
}

static void
update_accessible_value (OvfTimeline *self)
{
  g_autofree char *text = format_value_text (self);
  g_autofree char *name = NULL;

  /* Screen readers hear each change, so only a new minute is one. */
  if (g_strcmp0 (text, self->value_text) == 0)
    return;

  g_free (self->value_text);
  self->value_text = g_steal_pointer (&text);
  /* The range's value, in seconds, is what AT-SPI reads as the slider's
   * current, minimum and maximum value. */
  self->syncing_value = TRUE;
  gtk_range_set_range (GTK_RANGE (self->scrubber),
                       (double) self->start / G_USEC_PER_SEC, (double) self->end / G_USEC_PER_SEC);
  gtk_range_set_value (GTK_RANGE (self->scrubber), (double) self->time / G_USEC_PER_SEC);
  self->syncing_value = FALSE;
  /* GTK 4.8 keeps the value text off the bus (AT-SPI's Value.Text came
   * later), so the name carries the time too: a screen reader reads it on
   * focus and again as it changes. */
  /* Translators: the timeline scrubber's name for screen readers; %s is the time */
  name = g_strdup_printf (_("Time, %s"), self->value_text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->scrubber),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, self->value_text,
                                  -1);
}

/* Only a screen reader sets the scrubber's value: it takes no input of
 * GtkRange's own. */
static void
scrubber_value_changed (OvfTimeline *self)
{
  if (self->syncing_value)
    return;

  ovf_timeline_set_time (self, (OvfTime) llround (gtk_range_get_value (GTK_RANGE (self->scrubber))
                                                  * G_USEC_PER_SEC));
}

static void
update_actions (OvfTimeline *self)
{
  gboolean loaded = self->dataset != NULL && self->end > self->start;
  gboolean has_previous = loaded && ovf_dataset_find_previous_event (self->dataset, self->time) >= 0;
  gboolean has_next = loaded && ovf_dataset_find_next_event (self->dataset, self->time) >= 0;
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "timeline.play", loaded);
  gtk_widget_action_set_enabled (widget, "timeline.step", loaded);
  gtk_widget_action_set_enabled (widget, "timeline.go-to-start", loaded);
  gtk_widget_action_set_enabled (widget, "timeline.go-to-end", loaded);
  gtk_widget_action_set_enabled (widget, "timeline.zoom-in",
                                 loaded && self->view_end - self->view_start > MIN_VIEW);
  gtk_widget_action_set_enabled (widget, "timeline.zoom-out",
                                 loaded && (self->view_start > self->start || self->view_end < self->end));
  gtk_widget_action_set_enabled (widget, "timeline.zoom-reset",
                                 loaded && (self->view_start > self->start || self->view_end < self->end));
  gtk_widget_action_set_enabled (widget, "timeline.go-to-time", loaded);
  gtk_widget_action_set_enabled (widget, "timeline.previous-event", has_previous);
  gtk_widget_action_set_enabled (widget, "timeline.next-event", has_next);
  gtk_widget_action_set_enabled (widget, "timeline.faster",
                                 self->speed < speed_presets[G_N_ELEMENTS (speed_presets) - 1]);
  gtk_widget_action_set_enabled (widget, "timeline.slower", self->speed > speed_presets[0]);
}

/* Shows start..end, kept within the span and no narrower than MIN_VIEW
 * (or the whole span when that is shorter). */
static void
set_view (OvfTimeline *self,
          OvfTime      start,
          OvfTime      end)
{
  OvfTime span = self->end - self->start;
  OvfTime width = CLAMP (end - start, MIN (MIN_VIEW, span), span);

  start = CLAMP (start, self->start, self->end - width);
  if (start == self->view_start && start + width == self->view_end)
    return;

  self->view_start = start;
  self->view_end = start + width;
  update_actions (self);
  gtk_widget_queue_draw (GTK_WIDGET (self->scrubber));
}

/* Zooms by @factor (> 1: out) keeping @anchor where it is on screen.
 * The arithmetic stays in doubles clamped to the span, so no factor a
 * scroll device sends can overflow the conversion back. */
static void
zoom_view (OvfTimeline *self,
           double       factor,
           OvfTime      anchor)
{
  double width = (double) (self->view_end - self->view_start);
  double span = (double) (self->end - self->start);
  double new_width = CLAMP (width * factor, 0, span);
  double start = anchor - (double) (anchor - self->view_start) * (new_width / MAX (width, 1));

  start = CLAMP (start, (double) self->start, (double) self->end - new_width);
  set_view (self, (OvfTime) start, (OvfTime) (start + new_width));
}

/* Everything that shows the time, after it changed. */
static void
update_time_display (OvfTimeline *self)
{
  g_autofree char *clock = NULL;
  g_autofree char *flight = NULL;

  if (self->dataset == NULL)
    {
      gtk_label_set_label (self->time_label, _("No dataset"));
      gtk_label_set_label (self->flight_label, "");
    }
  else
    {
      clock = format_clock (self);
      flight = format_flight (self);
      gtk_label_set_label (self->time_label, clock);
      gtk_label_set_label (self->flight_label, flight);
      update_accessible_value (self);
    }

  update_actions (self);

  /* Playback moves the playhead by a fraction of a pixel per frame at
   * most speeds; redraw only when that would show. */
  if (fabs (scrubber_time_to_x (self, self->time) - self->drawn_playhead_x) >= 0.25)
    gtk_widget_queue_draw (GTK_WIDGET (self->scrubber));
}

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
  if (self->track == NULL || width <= 0)
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
  int width = (int) scrubber_track_width (self);

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
  double right_edge = scrubber_track_width (self) + PAD_X;

  for (int hour = step; hour < 24; hour += step)
    {
      OvfTime t = day + hour * OVF_TIME_HOUR;
      double x;

      if (t < self->view_start || t > self->view_end)
        continue;

      x = round (scrubber_time_to_x (self, t)) + 0.5;
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
  double day_width = scrubber_track_width (self) * OVF_TIME_DAY / (double) (self->view_end - self->view_start);
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->scrubber), NULL);
  PangoAttrList *attrs = pango_attr_list_new ();
  OvfTime first_day = self->view_start - (self->view_start % OVF_TIME_DAY + OVF_TIME_DAY) % OVF_TIME_DAY;
  double right_edge = scrubber_track_width (self) + 2 * PAD_X;
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
      double x = round (scrubber_time_to_x (self, day)) + 0.5;

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
      else if (scrubber_time_to_x (self, day + OVF_TIME_DAY) - PAD_X >= day_label_width (layout, day) + 8)
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
      double x = scrubber_time_to_x (self, ovf_event_get_time (event));
      gboolean emphasized = event == self->hover_event || event == self->selected_event;
      double w = emphasized ? 6 : 4;

      if (!in_view (self, ovf_event_get_time (event)))
        continue;

      set_category_source (cr, event, dark);
      ovf_draw_rounded_rectangle (cr, x - w / 2, top, w, height, w / 2);
      cairo_fill (cr);
    }

  /* The selection gets a ring, drawn last so no neighbour covers it. */
  if (self->selected_event != NULL && in_view (self, ovf_event_get_time (self->selected_event)))
    {
      double x = scrubber_time_to_x (self, ovf_event_get_time (self->selected_event));

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

static void
scrubber_draw (OvfScrubber *scrubber,
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

  playhead_x = scrubber_time_to_x (self, self->time);
  self->drawn_playhead_x = playhead_x;

  draw_days (self, cr, baseline, &fg);
  draw_profile (self, cr, LABEL_HEIGHT + 2, baseline, playhead_x, &fg, &accent);

  playhead_x = CLAMP (playhead_x, PAD_X, width - PAD_X);
  gdk_cairo_set_source_rgba (cr, &accent);
  ovf_draw_rounded_rectangle (cr, PAD_X, baseline - 2, playhead_x - PAD_X, 4, 2);
  cairo_fill (cr);

  draw_events (self, cr, height - EVENT_LANE + 2, EVENT_LANE - 4, dark);
  if (in_view (self, self->time))
    draw_playhead (self, cr, playhead_x, baseline, height, &accent, &bg);
}

/* The event whose tick is nearest to x, within PICK_DISTANCE; NULL if
 * none. */
static OvfEvent *
pick_event (OvfTimeline *self,
            double       x)
{
  GListModel *events;
  OvfEvent *best = NULL;
  double best_distance = PICK_DISTANCE;
  guint n;

  if (self->dataset == NULL || self->end <= self->start)
    return NULL;

  events = ovf_dataset_get_events (self->dataset);
  n = g_list_model_get_n_items (events);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OvfEvent) event = g_list_model_get_item (events, i);
      double distance = fabs (scrubber_time_to_x (self, ovf_event_get_time (event)) - x);

      if (distance <= best_distance && in_view (self, ovf_event_get_time (event)))
        {
          best = event;
          best_distance = distance;
        }
    }

  return best;
}

static gboolean
in_event_lane (OvfTimeline *self,
               double       y)
{
  int height = gtk_widget_get_height (GTK_WIDGET (self->scrubber));

  return y >= height - EVENT_LANE - BASELINE_GAP / 2;
}

static void
activate_event (OvfTimeline *self,
                OvfEvent    *event)
{
  g_object_ref (event);
  ovf_timeline_set_selected_event (self, event);
  ovf_timeline_set_time (self, ovf_event_get_time (event));
  g_signal_emit (self, signals[EVENT_ACTIVATED], 0, event);
  g_object_unref (event);
}

static void
scrubber_drag_begin (GtkGestureDrag *gesture,
                     double          x,
                     double          y,
                     OvfTimeline    *self)
{
  if (self->dataset == NULL)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_grab_focus (GTK_WIDGET (self->scrubber));
  self->press_x = x;
  self->press_event = in_event_lane (self, y) ? pick_event (self, x) : NULL;

  /* A press on a tick waits to see whether it is a click or a drag. */
  if (self->press_event == NULL)
    {
      self->scrubbing = TRUE;
      ovf_timeline_set_time (self, scrubber_x_to_time (self, x));
    }
}

static void
scrubber_drag_update (GtkGestureDrag *gesture,
                      double          dx,
                      double          dy,
                      OvfTimeline    *self)
{
  if (self->press_event != NULL && fabs (dx) >= DRAG_THRESHOLD)
    {
      self->press_event = NULL;
      self->scrubbing = TRUE;
    }

  if (self->scrubbing)
    ovf_timeline_set_time (self, scrubber_x_to_time (self, self->press_x + dx));
}

static void
scrubber_drag_end (GtkGestureDrag *gesture,
                   double          dx,
                   double          dy,
                   OvfTimeline    *self)
{
  OvfEvent *event = g_steal_pointer (&self->press_event);

  self->scrubbing = FALSE;
  if (event != NULL)
    activate_event (self, event);
}

/* A broken grab must not leave playback held still. */
static void
scrubber_drag_cancel (GtkGesture       *gesture,
                      GdkEventSequence *sequence,
                      OvfTimeline      *self)
{
  self->press_event = NULL;
  self->scrubbing = FALSE;
}

static void
set_hover_event (OvfTimeline *self,
                 OvfEvent    *event)
{
  if (self->hover_event == event)
    return;

  self->hover_event = event;
  gtk_widget_queue_draw (GTK_WIDGET (self->scrubber));
}

static void
scrubber_motion (GtkEventControllerMotion *controller,
                 double                    x,
                 double                    y,
                 OvfTimeline              *self)
{
  self->pointer_x = x;
  set_hover_event (self, in_event_lane (self, y) ? pick_event (self, x) : NULL);
}

/* Vertical scrolling zooms around the pointer; horizontal scrolling (or
 * Shift with a wheel) pans. */
static gboolean
scrubber_scroll (GtkEventControllerScroll *controller,
                 double                    dx,
                 double                    dy,
                 OvfTimeline              *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double width = (double) (self->view_end - self->view_start);

  if (self->dataset == NULL || self->end <= self->start)
    return FALSE;

  if (state & GDK_SHIFT_MASK)
    {
      dx += dy;
      dy = 0;
    }

  /* A tenth of the view per step; a flung touchpad gives many at once. */
  dx = CLAMP (dx, -10, 10);
  dy = CLAMP (dy, -10, 10);
  if (dx != 0)
    set_view (self, self->view_start + (OvfTime) (dx * width / 10),
              self->view_end + (OvfTime) (dx * width / 10));
  if (dy != 0)
    zoom_view (self, pow (ZOOM_STEP, dy), scrubber_x_to_time (self, self->pointer_x));

  return TRUE;
}

static void
scrubber_leave (GtkEventControllerMotion *controller,
                OvfTimeline              *self)
{
  set_hover_event (self, NULL);
}

static gboolean
scrubber_query_tooltip (GtkWidget   *widget,
                        int          x,
                        int          y,
                        gboolean     keyboard_mode,
                        GtkTooltip  *tooltip,
                        OvfTimeline *self)
{
  g_autofree char *when = NULL;
  OvfEvent *event;

  if (self->dataset == NULL || self->end <= self->start)
    return FALSE;

  event = keyboard_mode ? NULL : (in_event_lane (self, y) ? pick_event (self, x) : NULL);
  when = ovf_time_format_short_utc (event != NULL ? ovf_event_get_time (event)
                                   : keyboard_mode ? self->time
                                                   : scrubber_x_to_time (self, x));

  if (event != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%s\n%s", ovf_event_get_title (event), when);

      /* Titles are plain text from the dataset, never markup. */
      gtk_tooltip_set_text (tooltip, text);
    }
  else
    {
      gtk_tooltip_set_text (tooltip, when);
    }

  return TRUE;
}

static void
stop_ticking (OvfTimeline *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
}

static gboolean
playback_tick (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  OvfTimeline *self = OVF_TIMELINE (widget);
  gint64 now = gdk_frame_clock_get_frame_time (frame_clock);
  gint64 elapsed = self->last_frame_time == 0 ? 0 : MIN (now - self->last_frame_time, MAX_FRAME_STEP);
  OvfTime next;

  self->last_frame_time = now;

  /* While the user drags the playhead, playback holds still. */
  if (self->scrubbing || elapsed <= 0)
    return G_SOURCE_CONTINUE;

  next = self->time + (OvfTime) llround (elapsed * self->speed);
  if (next < self->end)
    {
      ovf_timeline_set_time (self, next);
      return G_SOURCE_CONTINUE;
    }

  self->tick_id = 0;
  ovf_timeline_set_time (self, self->end);
  ovf_timeline_set_playing (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
update_play_button (OvfTimeline *self)
{
  GtkWidget *button = GTK_WIDGET (self->play_button);

  if (self->playing)
    {
      gtk_button_set_icon_name (self->play_button, "media-playback-pause-symbolic");
      gtk_widget_set_tooltip_text (button, _("Pause"));
    }
  else
    {
      gtk_button_set_icon_name (self->play_button, "media-playback-start-symbolic");
      gtk_widget_set_tooltip_text (button, _("Play"));
    }
}

static void
go_to_event (OvfTimeline *self,
             int          index)
{
  g_autoptr(OvfEvent) event = NULL;

  if (index < 0)
    return;

  event = g_list_model_get_item (ovf_dataset_get_events (self->dataset), index);
  ovf_timeline_set_selected_event (self, event);
  ovf_timeline_set_time (self, ovf_event_get_time (event));
}

static void
previous_event_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  go_to_event (self, ovf_dataset_find_previous_event (self->dataset, self->time));
}

static void
next_event_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  go_to_event (self, ovf_dataset_find_next_event (self->dataset, self->time));
}

static void
faster_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  for (guint i = 0; i < G_N_ELEMENTS (speed_presets); i++)
    if (speed_presets[i] > self->speed)
      {
        ovf_timeline_set_speed (self, speed_presets[i]);
        return;
      }
}

static void
slower_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  for (guint i = G_N_ELEMENTS (speed_presets); i > 0; i--)
    if (speed_presets[i - 1] < self->speed)
      {
        ovf_timeline_set_speed (self, speed_presets[i - 1]);
        return;
      }
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);
  gint64 step = g_variant_get_int64 (parameter);

  /* Saturate rather than overflow near the ends of gint64. */
  if (step > 0 && self->time > G_MAXINT64 - step)
    ovf_timeline_set_time (self, self->end);
  else if (step < 0 && self->time < G_MININT64 + 1 - step)
    ovf_timeline_set_time (self, self->start);
  else
    ovf_timeline_set_time (self, self->time + step);
}

static void
go_to_start_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  ovf_timeline_set_time (self, self->start);
}

static void
go_to_end_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  ovf_timeline_set_time (self, self->end);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  zoom_view (self, 1 / (ZOOM_STEP * ZOOM_STEP), self->time);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  zoom_view (self, ZOOM_STEP * ZOOM_STEP, self->time);
}

static void
zoom_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  set_view (self, self->start, self->end);
}

static void
go_to_time_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  OvfTimeline *self = OVF_TIMELINE (widget);

  gtk_menu_button_popup (self->time_button);
}

static void
set_time_error (OvfTimeline *self,
                const char  *message)
{
  GtkWidget *entry = GTK_WIDGET (self->time_entry);

  gtk_label_set_label (self->time_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->time_error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (entry, "error");
  else
    gtk_widget_remove_css_class (entry, "error");
  gtk_accessible_update_state (GTK_ACCESSIBLE (entry),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               message != NULL ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static void
time_popover_show (OvfTimeline *self)
{
  g_autofree char *text = ovf_time_format (self->time, NULL, "%Y-%m-%d %H:%M");

  /* Start from the current time, ready to be typed over. */
  gtk_editable_set_text (GTK_EDITABLE (self->time_entry), text);
  set_time_error (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->time_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->time_entry), 0, -1);
}

static void
time_entry_changed (OvfTimeline *self)
{
  set_time_error (self, NULL);
}

static void
time_entry_activate (OvfTimeline *self)
{
  g_autoptr(GError) error = NULL;

  if (!ovf_timeline_go_to_text (self, gtk_editable_get_text (GTK_EDITABLE (self->time_entry)), &error))
    {
      set_time_error (self, error->message);
      return;
    }

  gtk_popover_popdown (self->time_popover);
}

gboolean
ovf_timeline_go_to_text (OvfTimeline  *self,
                         const char   *text,
                         GError      **error)
{
  g_autofree char *first_text = NULL;
  g_autofree char *last_text = NULL;
  OvfTime time;

  g_return_val_if_fail (OVF_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!ovf_time_parse_typed (text, &time, error))
    return FALSE;

  if (self->dataset == NULL)
    {
      g_set_error_literal (error, OVF_TIMELINE_ERROR, OVF_TIMELINE_ERROR_OUT_OF_RANGE,
                           _("No dataset is open"));
      return FALSE;
    }

  if (time < self->start || time > self->end)
    {
      /* Translators: the dataset's first and last times; see g_date_time_format() */
      first_text = ovf_time_format (self->start, NULL, _("%-d %b %Y %H:%M"));
      last_text = ovf_time_format (self->end, NULL, _("%-d %b %Y %H:%M"));
      g_set_error (error, OVF_TIMELINE_ERROR, OVF_TIMELINE_ERROR_OUT_OF_RANGE,
                   _("That is outside this dataset, which runs from %s to %s UTC."),
                   first_text, last_text);
      return FALSE;
    }

  ovf_timeline_set_time (self, time);
  return TRUE;
}

static void
add_scrubber_shortcut (GtkShortcutController *controller,
                       guint                  keyval,
                       GdkModifierType        modifiers,
                       const char            *action,
                       GVariant              *arguments)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_named_action_new (action));

  if (arguments != NULL)
    gtk_shortcut_set_arguments (shortcut, arguments);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

/* Keys that work while the scrubber has the focus; Page Up/Down step
 * through events as the window's keys and presentation clickers do. */
static void
setup_scrubber (OvfTimeline *self)
{
  GtkWidget *scrubber = GTK_WIDGET (self->scrubber);
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkShortcutController *sc = GTK_SHORTCUT_CONTROLLER (shortcuts);
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  const struct {
    guint keyval;
    GdkModifierType modifiers;
    gint64 step;
  } steps[] = {
    { GDK_KEY_Left, 0, -OVF_TIMELINE_STEP_SMALL },
    { GDK_KEY_Right, 0, OVF_TIMELINE_STEP_SMALL },
    { GDK_KEY_Left, GDK_SHIFT_MASK, -OVF_TIMELINE_STEP_LARGE },
    { GDK_KEY_Right, GDK_SHIFT_MASK, OVF_TIMELINE_STEP_LARGE },
    { GDK_KEY_Left, GDK_CONTROL_MASK, -OVF_TIMELINE_STEP_DAY },
    { GDK_KEY_Right, GDK_CONTROL_MASK, OVF_TIMELINE_STEP_DAY },
    { GDK_KEY_Down, 0, -OVF_TIMELINE_STEP_SMALL },
    { GDK_KEY_Up, 0, OVF_TIMELINE_STEP_SMALL },
  };

  ovf_scrubber_set_draw_func (self->scrubber, scrubber_draw, self, NULL);
  g_signal_connect_swapped (scrubber, "value-changed", G_CALLBACK (scrubber_value_changed), self);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    add_scrubber_shortcut (sc, steps[i].keyval, steps[i].modifiers, "timeline.step",
                           g_variant_new_int64 (steps[i].step));
  add_scrubber_shortcut (sc, GDK_KEY_Home, 0, "timeline.go-to-start", NULL);
  add_scrubber_shortcut (sc, GDK_KEY_End, 0, "timeline.go-to-end", NULL);
  add_scrubber_shortcut (sc, GDK_KEY_Page_Up, 0, "timeline.previous-event", NULL);
  add_scrubber_shortcut (sc, GDK_KEY_Page_Down, 0, "timeline.next-event", NULL);
  add_scrubber_shortcut (sc, GDK_KEY_space, 0, "timeline.play", NULL);
  gtk_widget_add_controller (scrubber, shortcuts);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (scrubber_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (scrubber_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (scrubber_drag_end), self);
  g_signal_connect (drag, "cancel", G_CALLBACK (scrubber_drag_cancel), self);
  gtk_widget_add_controller (scrubber, GTK_EVENT_CONTROLLER (drag));

  g_signal_connect (motion, "motion", G_CALLBACK (scrubber_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (scrubber_leave), self);
  gtk_widget_add_controller (scrubber, motion);

  g_signal_connect (scroll, "scroll", G_CALLBACK (scrubber_scroll), self);
  gtk_widget_add_controller (scrubber, scroll);

  g_signal_connect (scrubber, "query-tooltip", G_CALLBACK (scrubber_query_tooltip), self);
  g_signal_connect_swapped (scrubber, "notify::has-focus", G_CALLBACK (gtk_widget_queue_draw), scrubber);
}

static GMenuModel *
create_speed_menu (void)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < G_N_ELEMENTS (speed_presets); i++)
    {
      g_autofree char *label = ovf_timeline_format_speed (speed_presets[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (item, "timeline.speed",
                                               g_variant_new_double (speed_presets[i]));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

static void
ovf_timeline_dispose (GObject *object)
{
  OvfTimeline *self = OVF_TIMELINE (object);

  GtkWidget *child;

  stop_ticking (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), OVF_TYPE_TIMELINE);
  /* Template children without an id are ours to unparent too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->hover_event = NULL;
  self->press_event = NULL;
  self->track = NULL;
  g_clear_object (&self->selected_event);
  g_clear_object (&self->dataset);

  G_OBJECT_CLASS (ovf_timeline_parent_class)->dispose (object);
}

static void
ovf_timeline_finalize (GObject *object)
{
  OvfTimeline *self = OVF_TIMELINE (object);

  g_clear_pointer (&self->zone, g_time_zone_unref);
  g_free (self->timezone);
  g_free (self->profile);
  g_free (self->value_text);

  G_OBJECT_CLASS (ovf_timeline_parent_class)->finalize (object);
}

static void
ovf_timeline_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  OvfTimeline *self = OVF_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_TIME:
      g_value_set_int64 (value, self->time);
      break;
    case PROP_PLAYING:
      g_value_set_boolean (value, self->playing);
      break;
    case PROP_SPEED:
      g_value_set_double (value, self->speed);
      break;
    case PROP_SELECTED_EVENT:
      g_value_set_object (value, self->selected_event);
      break;
    case PROP_TIMEZONE:
      g_value_set_string (value, self->timezone);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ovf_timeline_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  OvfTimeline *self = OVF_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_DATASET:
      ovf_timeline_set_dataset (self, g_value_get_object (value));
      break;
    case PROP_TIME:
      ovf_timeline_set_time (self, g_value_get_int64 (value));
      break;
    case PROP_PLAYING:
      ovf_timeline_set_playing (self, g_value_get_boolean (value));
      break;
    case PROP_SPEED:
      ovf_timeline_set_speed (self, g_value_get_double (value));
      break;
    case PROP_SELECTED_EVENT:
      ovf_timeline_set_selected_event (self, g_value_get_object (value));
      break;
    case PROP_TIMEZONE:
      ovf_timeline_set_timezone (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ovf_timeline_class_init (OvfTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ovf_timeline_dispose;
  object_class->finalize = ovf_timeline_finalize;
  object_class->get_property = ovf_timeline_get_property;
  object_class->set_property = ovf_timeline_set_property;

  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, OVF_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIME] =
    g_param_spec_int64 ("time", NULL, NULL, G_MININT64 + 1, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PLAYING] =
    g_param_spec_boolean ("playing", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SPEED] =
    g_param_spec_double ("speed", NULL, NULL, 1, 7 * 86400, OVF_TIMELINE_DEFAULT_SPEED,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_EVENT] =
    g_param_spec_object ("selected-event", NULL, NULL, OVF_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TIMEZONE] =
    g_param_spec_string ("timezone", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted when the user clicks an event's tick; the timeline has already
   * selected the event and moved to its time. */
  signals[EVENT_ACTIVATED] =
    g_signal_new ("event-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, OVF_TYPE_EVENT);

  gtk_widget_class_install_property_action (widget_class, "timeline.play", "playing");
  gtk_widget_class_install_property_action (widget_class, "timeline.speed", "speed");
  gtk_widget_class_install_action (widget_class, "timeline.previous-event", NULL, previous_event_action);
  gtk_widget_class_install_action (widget_class, "timeline.next-event", NULL, next_event_action);
  gtk_widget_class_install_action (widget_class, "timeline.faster", NULL, faster_action);
  gtk_widget_class_install_action (widget_class, "timeline.slower", NULL, slower_action);
  gtk_widget_class_install_action (widget_class, "timeline.go-to-time", NULL, go_to_time_action);
  gtk_widget_class_install_action (widget_class, "timeline.step", "x", step_action);
  gtk_widget_class_install_action (widget_class, "timeline.go-to-start", NULL, go_to_start_action);
  gtk_widget_class_install_action (widget_class, "timeline.go-to-end", NULL, go_to_end_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "timeline.zoom-reset", NULL, zoom_reset_action);

  g_type_ensure (OVF_TYPE_SCRUBBER);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ovf-timeline.ui");
  gtk_widget_class_bind_template_child (widget_class, OvfTimeline, play_button);
  gtk_widget_class_bind_template_child (widget_class, OvfTimeline, speed_button);
  gtk_widget_class_bind_template_child (widget_class, OvfTimeline, time_button);
  gtk_widget_class_bind_template_child (widget_class, OvfTimeline, time_label);
  gtk_widget_class_bind_template_child (widget_class, OvfTimeline, flight_label);
  gtk_widget_class_bind_template_child (widget_class, OvfTimeline, time_popover);
  gtk_widget_class_bind_template_child (widget_class, OvfTimeline, time_entry);
  gtk_widget_class_bind_template_child (widget_class, OvfTimeline, time_error_label);
  gtk_widget_class_bind_template_child (widget_class, OvfTimeline, scrubber);
  gtk_widget_class_bind_template_callback (widget_class, time_popover_show);
  gtk_widget_class_bind_template_callback (widget_class, time_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, time_entry_activate);

  gtk_widget_class_set_css_name (widget_class, "timeline");
}

static void
ovf_timeline_init (OvfTimeline *self)
{
  g_autoptr(GMenuModel) speed_menu = create_speed_menu ();
  g_autofree char *speed_label = NULL;

  self->speed = OVF_TIMELINE_DEFAULT_SPEED;

  gtk_widget_init_template (GTK_WIDGET (self));

  ovf_menu_button_set_lazy_menu (self->speed_button, speed_menu);
  speed_label = ovf_timeline_format_speed (self->speed);
  gtk_menu_button_set_label (self->speed_button, speed_label);

  setup_scrubber (self);
  update_play_button (self);
  update_time_display (self);
}

GtkWidget *
ovf_timeline_new (void)
{
  return g_object_new (OVF_TYPE_TIMELINE, NULL);
}

OvfDataset *
ovf_timeline_get_dataset (OvfTimeline *self)
{
  g_return_val_if_fail (OVF_IS_TIMELINE (self), NULL);

  return self->dataset;
}

void
ovf_timeline_set_dataset (OvfTimeline *self,
                          OvfDataset  *dataset)
{
  gboolean had_dataset;

  g_return_if_fail (OVF_IS_TIMELINE (self));
  g_return_if_fail (dataset == NULL || OVF_IS_DATASET (dataset));

  if (self->dataset == dataset)
    return;

  had_dataset = self->dataset != NULL;
  g_set_object (&self->dataset, dataset);
  self->track = dataset != NULL ? ovf_dataset_get_main_track (dataset) : NULL;
  self->max_altitude = self->track != NULL ? ovf_track_get_max_altitude (self->track) : 0;
  self->hover_event = NULL;
  self->press_event = NULL;
  g_clear_pointer (&self->profile, g_free);
  self->profile_width = 0;
  g_clear_pointer (&self->value_text, g_free);
  gtk_widget_queue_draw (GTK_WIDGET (self->scrubber));

  if (dataset != NULL)
    ovf_dataset_get_time_span (dataset, &self->start, &self->end);
  else
    self->start = self->end = 0;
  set_view (self, self->start, self->end);

  /* Events of another dataset are other objects, even after a reload. */
  ovf_timeline_set_selected_event (self, NULL);
  if (dataset == NULL)
    ovf_timeline_set_playing (self, FALSE);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATASET]);

  /* A reload keeps the moment; a first dataset starts at its beginning. */
  if (had_dataset)
    ovf_timeline_set_time (self, self->time);
  else
    ovf_timeline_set_time (self, self->start);
  update_time_display (self);
}

OvfTime
ovf_timeline_get_time (OvfTimeline *self)
{
  g_return_val_if_fail (OVF_IS_TIMELINE (self), 0);

  return self->time;
}

void
ovf_timeline_set_time (OvfTimeline *self,
                       OvfTime      time)
{
  g_return_if_fail (OVF_IS_TIMELINE (self));

  if (self->dataset != NULL)
    time = CLAMP (time, self->start, self->end);

  if (self->time == time)
    return;

  self->time = time;
  /* A time outside a zoomed-in view pages the view to it, as playback
   * runs off its right edge; dragging stays within the view anyway. */
  if (!in_view (self, time))
    {
      OvfTime width = self->view_end - self->view_start;
      OvfTime lead = time > self->view_end ? width / 10 : width * 9 / 10;

      set_view (self, time - lead, time - lead + width);
    }
  update_time_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}

gboolean
ovf_timeline_get_playing (OvfTimeline *self)
{
  g_return_val_if_fail (OVF_IS_TIMELINE (self), FALSE);

  return self->playing;
}

void
ovf_timeline_set_playing (OvfTimeline *self,
                          gboolean     playing)
{
  g_return_if_fail (OVF_IS_TIMELINE (self));

  playing = !!playing && self->dataset != NULL && self->end > self->start;
  if (self->playing == playing)
    return;

  self->playing = playing;
  if (playing)
    {
      /* Playing from the end replays the story. */
      if (self->time >= self->end)
        ovf_timeline_set_time (self, self->start);
      self->last_frame_time = 0;
      self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), playback_tick, NULL, NULL);
    }
  else
    {
      stop_ticking (self);
    }

  update_play_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PLAYING]);
}

double
ovf_timeline_get_speed (OvfTimeline *self)
{
  g_return_val_if_fail (OVF_IS_TIMELINE (self), 0);

  return self->speed;
}

void
ovf_timeline_set_speed (OvfTimeline *self,
                        double       speed)
{
  g_autofree char *label = NULL;

  g_return_if_fail (OVF_IS_TIMELINE (self));
  g_return_if_fail (speed > 0);

  speed = CLAMP (speed, G_PARAM_SPEC_DOUBLE (properties[PROP_SPEED])->minimum,
                 G_PARAM_SPEC_DOUBLE (properties[PROP_SPEED])->maximum);
  if (self->speed == speed)
    return;

  self->speed = speed;
  label = ovf_timeline_format_speed (speed);
  gtk_menu_button_set_label (self->speed_button, label);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPEED]);
}

OvfEvent *
ovf_timeline_get_selected_event (OvfTimeline *self)
{
  g_return_val_if_fail (OVF_IS_TIMELINE (self), NULL);

  return self->selected_event;
}

void
ovf_timeline_set_selected_event (OvfTimeline *self,
                                 OvfEvent    *event)
{
  g_return_if_fail (OVF_IS_TIMELINE (self));
  g_return_if_fail (event == NULL || OVF_IS_EVENT (event));

  if (g_set_object (&self->selected_event, event))
    {
      gtk_widget_queue_draw (GTK_WIDGET (self->scrubber));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
    }
}

const char *
ovf_timeline_get_timezone (OvfTimeline *self)
{
  g_return_val_if_fail (OVF_IS_TIMELINE (self), NULL);

  return self->timezone;
}

void
ovf_timeline_set_timezone (OvfTimeline *self,
                           const char  *zone_name)
{
  g_return_if_fail (OVF_IS_TIMELINE (self));

  if (g_strcmp0 (self->timezone, zone_name) == 0)
    return;

  g_free (self->timezone);
  self->timezone = g_strdup (zone_name);
  g_clear_pointer (&self->zone, g_time_zone_unref);

  /* GLib maps an unknown name to UTC, which would pass for local time. */
  if (zone_name != NULL)
    {
      self->zone = g_time_zone_new_identifier (zone_name);
      if (self->zone == NULL)
        g_debug ("Unknown time zone “%s”; showing UTC only", zone_name);
    }

  g_clear_pointer (&self->value_text, g_free);
  update_time_display (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEZONE]);
}

/* Following a session ------------------------------------------------------
 *
 * Only through the timeline's public API; the session is kept as object
 * data, as nothing else in the timeline needs it. */

#define SESSION_KEY "ovf-timeline-session"

static void
time_to_session (OvfTimeline *self,
                 GParamSpec  *pspec,
                 OvfSession  *session)
{
  ovf_session_set_time (session, ovf_timeline_get_time (self));
}

static void
selection_to_session (OvfTimeline *self,
                      GParamSpec  *pspec,
                      OvfSession  *session)
{
  ovf_session_select_event (session, ovf_timeline_get_selected_event (self));
}

/* What the session says is not written back to it: the timeline's own
 * changes on the way (a new dataset clears its selection) would undo it. */
static void
block_writes (OvfTimeline *self,
              OvfSession  *session,
              gboolean     block)
{
  if (block)
    g_signal_handlers_block_matched (self, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, session);
  else
    g_signal_handlers_unblock_matched (self, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, session);
}

static void
session_time_changed (OvfTimeline *self,
                      GParamSpec  *pspec,
                      OvfSession  *session)
{
  block_writes (self, session, TRUE);
  ovf_timeline_set_time (self, ovf_session_get_time (session));
  block_writes (self, session, FALSE);
}

static void
session_selection_changed (OvfTimeline *self,
                           GParamSpec  *pspec,
                           OvfSession  *session)
{
  block_writes (self, session, TRUE);
  ovf_timeline_set_selected_event (self, ovf_session_get_selected_event (session));
  block_writes (self, session, FALSE);
}

static void
session_dataset_changed (OvfTimeline *self,
                         GParamSpec  *pspec,
                         OvfSession  *session)
{
  block_writes (self, session, TRUE);
  ovf_timeline_set_dataset (self, ovf_session_get_dataset (session));
  ovf_timeline_set_time (self, ovf_session_get_time (session));
  ovf_timeline_set_selected_event (self, ovf_session_get_selected_event (session));
  block_writes (self, session, FALSE);
}

void
ovf_timeline_set_session (OvfTimeline *self,
                          OvfSession  *session)
{
  OvfSession *old;

  g_return_if_fail (OVF_IS_TIMELINE (self));
  g_return_if_fail (session == NULL || OVF_IS_SESSION (session));

  old = g_object_get_data (G_OBJECT (self), SESSION_KEY);
  if (old == session)
    return;

  if (old != NULL)
    {
      g_signal_handlers_disconnect_by_data (old, self);
      g_signal_handlers_disconnect_by_data (self, old);
    }
  g_object_set_data_full (G_OBJECT (self), SESSION_KEY,
                          session != NULL ? g_object_ref (session) : NULL, g_object_unref);
  if (session == NULL)
    return;

  g_signal_connect_object (session, "notify::dataset", G_CALLBACK (session_dataset_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::time", G_CALLBACK (session_time_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::selected-event", G_CALLBACK (session_selection_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self, "notify::time", G_CALLBACK (time_to_session), session, 0);
  g_signal_connect_object (self, "notify::selected-event", G_CALLBACK (selection_to_session), session, 0);
  session_dataset_changed (self, NULL, session);
}
