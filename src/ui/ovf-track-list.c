/* ovf-track-list.c: the tracks of a session, each to show or hide, one to follow
 *
 * One row per track: its colour on the map, a check button that shows or
 * hides it, and a radio button that makes it the followed track, whose
 * altitude and speed the timeline gives. The session holds both choices;
 * this list only mirrors and changes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "ovf-overlay.h"
#include "ovf-track-list.h"

struct _OvfTrackList
{
  GtkWidget   parent_instance;

  GtkListBox *list;
  OvfSession *session;
  /* Per track, in dataset order: its row's two buttons. */
  GPtrArray  *shown_buttons;
  GPtrArray  *follow_buttons;
  GPtrArray  *tracks;
};

G_DEFINE_FINAL_TYPE (OvfTrackList, ovf_track_list, GTK_TYPE_WIDGET)

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  guint slot = GPOINTER_TO_UINT (user_data);
  double rgba[4];

  ovf_overlay_get_track_color (slot, adw_style_manager_get_dark (adw_style_manager_get_default ()), rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, rgba[0], rgba[1], rgba[2], rgba[3]);
  cairo_fill (cr);
}

static void
on_shown_toggled (GtkCheckButton *button,
                  OvfTrackList   *self)
{
  guint i;

  if (self->session != NULL && g_ptr_array_find (self->shown_buttons, button, &i))
    ovf_session_set_track_visible (self->session, g_ptr_array_index (self->tracks, i),
                                   gtk_check_button_get_active (button));
}

static void
on_follow_toggled (GtkCheckButton *button,
                   OvfTrackList   *self)
{
  guint i;

  if (self->session != NULL && gtk_check_button_get_active (button) &&
      g_ptr_array_find (self->follow_buttons, button, &i))
    ovf_session_set_followed_track (self->session, g_ptr_array_index (self->tracks, i));
}

static GtkWidget *
track_row (OvfTrackList *self,
           OvfTrack     *track,
           guint         slot,
           GtkWidget    *group)
{
  const char *name = ovf_track_get_name (track);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  /* The colour only repeats what the map shows: nothing to announce. */
  GtkWidget *swatch = g_object_new (GTK_TYPE_DRAWING_AREA, "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION, NULL);
  GtkWidget *shown = gtk_check_button_new_with_label (name);
  GtkWidget *follow = gtk_check_button_new_with_label (_("Follow"));
  g_autofree char *shown_name = NULL;
  g_autofree char *follow_name = NULL;

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 14);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch, GUINT_TO_POINTER (slot), NULL);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 10);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);

  gtk_widget_set_hexpand (shown, TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (shown), ovf_session_get_track_visible (self->session, track));
  /* TRANSLATORS: accessible name of the check button that shows a track on the map; %s is its name */
  shown_name = g_strdup_printf (_("Show %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (shown), GTK_ACCESSIBLE_PROPERTY_LABEL, shown_name, -1);

  if (group != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (follow), GTK_CHECK_BUTTON (group));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (follow), ovf_session_get_followed_track (self->session) == track);
  /* TRANSLATORS: accessible name of the radio button that follows a track; %s is its name */
  follow_name = g_strdup_printf (_("Follow %s"), name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (follow), GTK_ACCESSIBLE_PROPERTY_LABEL, follow_name, -1);
  gtk_widget_set_tooltip_text (follow, _("Show this track’s altitude and speed"));

  g_signal_connect (shown, "toggled", G_CALLBACK (on_shown_toggled), self);
  g_signal_connect (follow, "toggled", G_CALLBACK (on_follow_toggled), self);
  g_ptr_array_add (self->shown_buttons, shown);
  g_ptr_array_add (self->follow_buttons, follow);
  g_ptr_array_add (self->tracks, g_object_ref (track));

  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), shown);
  gtk_box_append (GTK_BOX (box), follow);
  return box;
}

static void
rebuild (OvfTrackList *self)
{
  OvfDataset *dataset = self->session != NULL ? ovf_session_get_dataset (self->session) : NULL;
  GtkWidget *child;
  GListModel *tracks;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_ptr_array_set_size (self->shown_buttons, 0);
  g_ptr_array_set_size (self->follow_buttons, 0);
  g_ptr_array_set_size (self->tracks, 0);
  if (dataset == NULL)
    return;

  tracks = ovf_dataset_get_tracks (dataset);
  for (guint i = 0; i < g_list_model_get_n_items (tracks); i++)
    {
      g_autoptr(OvfTrack) track = g_list_model_get_item (tracks, i);
      GtkWidget *group = i > 0 ? g_ptr_array_index (self->follow_buttons, 0) : NULL;
      GtkWidget *row = track_row (self, track, ovf_overlay_get_track_slot (dataset, i), group);

      gtk_list_box_append (self->list, row);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (row)), FALSE);
    }
}

static void
on_visibility_changed (OvfTrackList *self,
                       OvfTrack     *track)
{
  guint i;

  if (g_ptr_array_find (self->tracks, track, &i))
    gtk_check_button_set_active (g_ptr_array_index (self->shown_buttons, i),
                                 ovf_session_get_track_visible (self->session, track));
}

static void
on_followed_changed (OvfTrackList *self)
{
  guint i;

  if (g_ptr_array_find (self->tracks, ovf_session_get_followed_track (self->session), &i))
    gtk_check_button_set_active (g_ptr_array_index (self->follow_buttons, i), TRUE);
}

void
ovf_track_list_set_session (OvfTrackList *self,
                            OvfSession   *session)
{
  g_return_if_fail (OVF_IS_TRACK_LIST (self));
  g_return_if_fail (session == NULL || OVF_IS_SESSION (session));

  if (self->session == session)
    return;
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::dataset", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::followed-track", G_CALLBACK (on_followed_changed), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "track-visibility-changed", G_CALLBACK (on_visibility_changed), self,
                               G_CONNECT_SWAPPED);
    }
  rebuild (self);
}

static void
ovf_track_list_dispose (GObject *object)
{
  OvfTrackList *self = OVF_TRACK_LIST (object);
  GtkWidget *child;

  ovf_track_list_set_session (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), OVF_TYPE_TRACK_LIST);
  /* The box around the list, which the template does not name. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (ovf_track_list_parent_class)->dispose (object);
}

static void
ovf_track_list_finalize (GObject *object)
{
  OvfTrackList *self = OVF_TRACK_LIST (object);

  g_ptr_array_unref (self->shown_buttons);
  g_ptr_array_unref (self->follow_buttons);
  g_ptr_array_unref (self->tracks);

  G_OBJECT_CLASS (ovf_track_list_parent_class)->finalize (object);
}

static void
ovf_track_list_class_init (OvfTrackListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ovf_track_list_dispose;
  object_class->finalize = ovf_track_list_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/overflight/Overflight/ui/ovf-track-list.ui");
  gtk_widget_class_bind_template_child (widget_class, OvfTrackList, list);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ovf_track_list_init (OvfTrackList *self)
{
  self->shown_buttons = g_ptr_array_new ();
  self->follow_buttons = g_ptr_array_new ();
  self->tracks = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ovf_track_list_new (void)
{
  return g_object_new (OVF_TYPE_TRACK_LIST, NULL);
}
