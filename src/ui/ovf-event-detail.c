/* ovf-event-detail.c: the sidebar's pane for one event: its category,
 * times, place, description and sources
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ovf-compat.h"
#include "ovf-event-detail.h"
#include "ovf-event-format.h"
#include "ovf-time-format.h"

struct _OvfEventDetail
{
  GtkWidget   parent_instance;

  GtkStack   *stack;
  GtkImage   *category_icon;
  GtkLabel   *category_label;
  GtkLabel   *title_label;
  GtkLabel   *utc_label;
  GtkLabel   *local_caption;
  GtkLabel   *local_label;
  GtkLabel   *place_caption;
  GtkLabel   *place_label;
  GtkLabel   *description_label;
  GtkLabel   *position_label;
  GtkBox     *sources_box;
  GtkWidget  *show_on_map_button;

  OvfSession *session;
  OvfEvent   *event;
};

G_DEFINE_FINAL_TYPE (OvfEventDetail, ovf_event_detail, GTK_TYPE_WIDGET)

static gboolean
ovf_event_detail_activate_link (GtkLabel       *label,
                                const char     *uri,
                                OvfEventDetail *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* The loader admits only http and https; check again, as this is where
   * a URI leaves the app. */
  if (g_ascii_strncasecmp (uri, "https://", 8) == 0 || g_ascii_strncasecmp (uri, "http://", 7) == 0)
    ovf_compat_launch_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri);

  return TRUE;
}

static GtkWidget *
ovf_event_detail_source_link (OvfEventDetail  *self,
                              const OvfSource *source)
{
  g_autofree char *markup = NULL;
  GtkWidget *label;

  /* Dataset strings are plain text: escape them into the link markup. */
  if (source->date != NULL)
    markup = g_markup_printf_escaped ("<a href=\"%s\">%s</a>\n<span size=\"small\">%s · %s</span>",
                                      source->url, source->title, source->publisher, source->date);
  else
    markup = g_markup_printf_escaped ("<a href=\"%s\">%s</a>\n<span size=\"small\">%s</span>",
                                      source->url, source->title, source->publisher);

  label = gtk_label_new (NULL);
  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_tooltip_text (label, source->url);
  g_signal_connect_object (label, "activate-link",
                           G_CALLBACK (ovf_event_detail_activate_link), self, 0);

  return label;
}

static void
ovf_event_detail_show_sources (OvfEventDetail *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sources_box))) != NULL)
    gtk_box_remove (self->sources_box, child);

  for (guint i = 0; i < ovf_event_get_n_sources (self->event); i++)
    gtk_box_append (self->sources_box,
                    ovf_event_detail_source_link (self, ovf_event_get_source (self->event, i)));
}

static char *
ovf_event_detail_place_text (OvfEvent *event)
{
  const char *name = ovf_event_get_location_name (event);
  double lat = ovf_event_get_latitude (event);
  double lon = ovf_event_get_longitude (event);
  /* Translators: compass letters for latitude and longitude. */
  const char *ns = lat >= 0 ? C_("compass", "N") : C_("compass", "S");
  const char *ew = lon >= 0 ? C_("compass", "E") : C_("compass", "W");

  if (name != NULL)
    /* Translators: a place name, then its latitude and longitude. */
    return g_strdup_printf (_("%s\n%.2f° %s, %.2f° %s"), name, fabs (lat), ns, fabs (lon), ew);

  /* Translators: a latitude and a longitude. */
  return g_strdup_printf (_("%.2f° %s, %.2f° %s"), fabs (lat), ns, fabs (lon), ew);
}

/* Says whether the balloon's position at the event's time comes from a
 * report or is an estimate, which matters for anyone quoting it. */
static char *
ovf_event_detail_position_text (OvfEvent *event,
                                OvfTrack *track)
{
  OvfTrackFix fix;

  if (track == NULL || ovf_track_get_n_points (track) == 0 || !ovf_track_has_times (track))
    return NULL;

  switch (ovf_track_locate (track, ovf_event_get_time (event), &fix))
    {
    case OVF_FLIGHT_BEFORE:
      return g_strdup (_("The balloon’s track in this dataset starts after this event."));
    case OVF_FLIGHT_AFTER:
      return g_strdup (_("This event follows the end of the balloon’s track."));
    case OVF_FLIGHT_WITHIN:
    default:
      if (fix.kind == OVF_POINT_REPORTED)
        return g_strdup (_("The balloon’s position at this time is interpolated between two reported positions."));
      return g_strdup (_("The balloon’s position at this time is estimated: at least one neighbouring track point is an estimate, not a report."));
    }
}

static void
ovf_event_detail_update (OvfEventDetail *self,
                         OvfTrack       *track)
{
  g_autofree char *utc = NULL;
  g_autofree char *local = NULL;
  g_autofree char *category = NULL;
  g_autofree char *position = NULL;
  OvfCategory cat;

  gtk_stack_set_visible_child_name (self->stack, self->event != NULL ? "event" : "empty");
  if (self->event == NULL)
    return;

  cat = ovf_event_get_category (self->event);
  gtk_image_set_from_icon_name (self->category_icon, ovf_category_get_icon_name (cat));
  /* Translators: an event's category and confidence, e.g. "Military · Confirmed". */
  category = g_strdup_printf (_("%s · %s"), ovf_category_get_label (cat),
                              ovf_confidence_get_label (ovf_event_get_confidence (self->event)));
  gtk_label_set_text (self->category_label, category);
  gtk_label_set_text (self->title_label, ovf_event_get_title (self->event));

  utc = ovf_time_format_utc (ovf_event_get_time (self->event));
  if (ovf_event_get_end_time (self->event) != OVF_TIME_NONE)
    {
      g_autofree char *end = ovf_time_format_utc (ovf_event_get_end_time (self->event));
      char *span = g_strdup_printf (_("%s to\n%s"), utc, end);

      g_free (utc);
      utc = span;
    }
  gtk_label_set_text (self->utc_label, utc);

  local = ovf_time_format_in_zone (ovf_event_get_time (self->event),
                                   ovf_event_get_timezone (self->event));
  gtk_label_set_text (self->local_label, local != NULL ? local : "");
  gtk_widget_set_visible (GTK_WIDGET (self->local_caption), local != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->local_label), local != NULL);

  if (ovf_event_has_location (self->event))
    {
      g_autofree char *place = ovf_event_detail_place_text (self->event);

      gtk_label_set_text (self->place_label, place);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->place_caption), ovf_event_has_location (self->event));
  gtk_widget_set_visible (GTK_WIDGET (self->place_label), ovf_event_has_location (self->event));
  gtk_widget_set_sensitive (self->show_on_map_button, ovf_event_has_location (self->event));

  gtk_label_set_text (self->description_label, ovf_event_get_description (self->event));

  position = ovf_event_detail_position_text (self->event, track);
  gtk_label_set_text (self->position_label, position != NULL ? position : "");
  gtk_widget_set_visible (GTK_WIDGET (self->position_label), position != NULL);

  ovf_event_detail_show_sources (self);
}

static void
ovf_event_detail_dispose (GObject *object)
{
  OvfEventDetail *self = OVF_EVENT_DETAIL (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), OVF_TYPE_EVENT_DETAIL);
  /* The template's root is not a bound child, so it is not unparented for us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  ovf_event_detail_set_session (self, NULL);
  g_clear_object (&self->event);

  G_OBJECT_CLASS (ovf_event_detail_parent_class)->dispose (object);
}

static void
ovf_event_detail_class_init (OvfEventDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ovf_event_detail_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ovf-event-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, OvfEventDetail, stack);
  gtk_widget_class_bind_template_child (widget_class, OvfEventDetail, category_icon);
  gtk_widget_class_bind_template_child (widget_class, OvfEventDetail, category_label);
  gtk_widget_class_bind_template_child (widget_class, OvfEventDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, OvfEventDetail, utc_label);
  gtk_widget_class_bind_template_child (widget_class, OvfEventDetail, local_caption);
  gtk_widget_class_bind_template_child (widget_class, OvfEventDetail, local_label);
  gtk_widget_class_bind_template_child (widget_class, OvfEventDetail, place_caption);
  gtk_widget_class_bind_template_child (widget_class, OvfEventDetail, place_label);
  gtk_widget_class_bind_template_child (widget_class, OvfEventDetail, description_label);
  gtk_widget_class_bind_template_child (widget_class, OvfEventDetail, position_label);
  gtk_widget_class_bind_template_child (widget_class, OvfEventDetail, sources_box);
  gtk_widget_class_bind_template_child (widget_class, OvfEventDetail, show_on_map_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ovf-event-detail");
}

static void
ovf_event_detail_init (OvfEventDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ovf_event_detail_new (void)
{
  return g_object_new (OVF_TYPE_EVENT_DETAIL, NULL);
}

OvfEvent *
ovf_event_detail_get_event (OvfEventDetail *self)
{
  g_return_val_if_fail (OVF_IS_EVENT_DETAIL (self), NULL);

  return self->event;
}

void
ovf_event_detail_set_event (OvfEventDetail *self,
                            OvfEvent       *event,
                            OvfTrack       *track)
{
  g_return_if_fail (OVF_IS_EVENT_DETAIL (self));
  g_return_if_fail (event == NULL || OVF_IS_EVENT (event));
  g_return_if_fail (track == NULL || OVF_IS_TRACK (track));

  g_set_object (&self->event, event);
  ovf_event_detail_update (self, track);
}

static void
ovf_event_detail_follow_session (OvfEventDetail *self)
{
  ovf_event_detail_set_event (self, ovf_session_get_selected_event (self->session),
                              ovf_session_get_followed_track (self->session));
}

void
ovf_event_detail_set_session (OvfEventDetail *self,
                              OvfSession     *session)
{
  g_return_if_fail (OVF_IS_EVENT_DETAIL (self));
  g_return_if_fail (session == NULL || OVF_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session == NULL)
    return;

  g_signal_connect_object (session, "notify::selected-event",
                           G_CALLBACK (ovf_event_detail_follow_session), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::followed-track",
                           G_CALLBACK (ovf_event_detail_follow_session), self, G_CONNECT_SWAPPED);
  ovf_event_detail_follow_session (self);
}
