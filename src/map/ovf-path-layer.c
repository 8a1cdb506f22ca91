/* ovf-path-layer.c: the overlay drawn as a libshumate layer over the map,
 * with clickable event markers, following a session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "ovf-geo.h"
#include "ovf-path-layer.h"

struct _OvfPathLayer
{
  ShumateLayer  parent_instance;

  OvfOverlay   *overlay;
  GPtrArray    *reserved;    /* GtkWidget, weak: panels over the map */
  OvfSession   *session;
  int           allocated_width;
  int           allocated_height;
};

G_DEFINE_FINAL_TYPE (OvfPathLayer, ovf_path_layer, SHUMATE_TYPE_LAYER)

enum {
  PROP_0,
  PROP_OVERLAY,
  N_PROPS
};

enum {
  EVENT_ACTIVATED,
  RESIZED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
ovf_path_layer_get_map_view (OvfPathLayer *self,
                             OvfMapView   *out_view)
{
  ShumateViewport *viewport;
  ShumateMapSource *source;

  g_return_if_fail (OVF_IS_PATH_LAYER (self));
  g_return_if_fail (out_view != NULL);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  source = shumate_viewport_get_reference_map_source (viewport);
  ovf_geo_to_mercator (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                       shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                       &out_view->center_x, &out_view->center_y);
  out_view->zoom = shumate_viewport_get_zoom_level (viewport);
  out_view->width = gtk_widget_get_width (GTK_WIDGET (self));
  out_view->height = gtk_widget_get_height (GTK_WIDGET (self));
  out_view->tile_size = source != NULL ? shumate_map_source_get_tile_size (source) : 256;
}

/* The map may be rotated: the overlay draws an unrotated view large
 * enough to cover the widget, turned about the widget's centre. */
static void
get_rotated_view (OvfPathLayer *self,
                  OvfMapView   *view,
                  double       *out_rotation)
{
  ShumateViewport *viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  double rotation = shumate_viewport_get_rotation (viewport);
  double w, h;

  ovf_path_layer_get_map_view (self, view);
  w = view->width;
  h = view->height;
  view->width = fabs (w * cos (rotation)) + fabs (h * sin (rotation));
  view->height = fabs (w * sin (rotation)) + fabs (h * cos (rotation));
  *out_rotation = rotation;
}

static OvfEvent *
pick_event (OvfPathLayer *self,
            double        x,
            double        y)
{
  OvfMapView view;
  double rotation, dx, dy;

  get_rotated_view (self, &view, &rotation);
  dx = x - gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  dy = y - gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  return ovf_overlay_pick_event (self->overlay, &view,
                                 dx * cos (-rotation) - dy * sin (-rotation) + view.width / 2.0,
                                 dx * sin (-rotation) + dy * cos (-rotation) + view.height / 2.0);
}

static void
reserved_widget_gone (gpointer  data,
                      GObject  *where_the_object_was)
{
  g_ptr_array_remove (data, where_the_object_was);
}

/* The panels over the map, as boxes in the overlay's view: labels keep
 * clear of them. */
static void
update_reserved (OvfPathLayer     *self,
                 const OvfMapView *view,
                 double            rotation)
{
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (cairo_rectangle_t));
  double cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double cy = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  for (guint i = 0; i < self->reserved->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (self->reserved, i);
      graphene_rect_t bounds;
      double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
      cairo_rectangle_t box;

      if (!gtk_widget_get_mapped (widget) || !gtk_widget_compute_bounds (widget, GTK_WIDGET (self), &bounds))
        continue;
      /* Its corners turned into the unrotated view, and the box around them. */
      for (guint c = 0; c < 4; c++)
        {
          double dx = bounds.origin.x + (c & 1 ? bounds.size.width : 0) - cx;
          double dy = bounds.origin.y + (c & 2 ? bounds.size.height : 0) - cy;
          double x = dx * cos (-rotation) - dy * sin (-rotation) + view->width / 2.0;
          double y = dx * sin (-rotation) + dy * cos (-rotation) + view->height / 2.0;

          x0 = MIN (x0, x);
          y0 = MIN (y0, y);
          x1 = MAX (x1, x);
          y1 = MAX (y1, y);
        }
      box = (cairo_rectangle_t) { x0, y0, x1 - x0, y1 - y0 };
      g_array_append_val (boxes, box);
    }
  ovf_overlay_set_reserved (self->overlay, (const cairo_rectangle_t *) boxes->data, boxes->len);
}

static void
ovf_path_layer_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  OvfPathLayer *self = OVF_PATH_LAYER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  OvfMapView view;
  double rotation;
  cairo_t *cr;

  if (width <= 0 || height <= 0 || self->overlay == NULL)
    return;

  get_rotated_view (self, &view, &rotation);
  update_reserved (self, &view, rotation);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, width / 2.0, height / 2.0);
  cairo_rotate (cr, rotation);
  cairo_translate (cr, -view.width / 2.0, -view.height / 2.0);
  ovf_overlay_draw (self->overlay, cr, &view);
  cairo_destroy (cr);
}

/* The map's layers share its size, and the map layer asks for tiles only
 * after its allocation: a view fitted from here gets its tiles at once,
 * not one frame later at the wrong zoom. */
static void
ovf_path_layer_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  OvfPathLayer *self = OVF_PATH_LAYER (widget);

  if (width == self->allocated_width && height == self->allocated_height)
    return;
  self->allocated_width = width;
  self->allocated_height = height;
  g_signal_emit (self, signals[RESIZED], 0, width, height);
}

/* Only event markers take clicks; elsewhere they fall through to the map
 * below, so dragging and zooming keep working. */
static gboolean
ovf_path_layer_contains (GtkWidget *widget,
                         double     x,
                         double     y)
{
  OvfPathLayer *self = OVF_PATH_LAYER (widget);

  return self->overlay != NULL && pick_event (self, x, y) != NULL;
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   OvfPathLayer    *self)
{
  OvfEvent *event = pick_event (self, x, y);

  if (event == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  g_signal_emit (self, signals[EVENT_ACTIVATED], 0, event);
}

/* A click on a marker selects its event in the session; the signal lets
 * others watch the click itself. */
static void
ovf_path_layer_event_activated (OvfPathLayer *self,
                                OvfEvent     *event)
{
  if (self->session != NULL)
    ovf_session_select_event (self->session, event);
}

static void
ovf_path_layer_constructed (GObject *object)
{
  OvfPathLayer *self = OVF_PATH_LAYER (object);
  ShumateViewport *viewport;

  G_OBJECT_CLASS (ovf_path_layer_parent_class)->constructed (object);

  viewport = shumate_layer_get_viewport (SHUMATE_LAYER (self));
  g_signal_connect_object (viewport, "notify", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  if (self->overlay != NULL)
    {
      /* A frame must never wait for a long track to be prepared. */
      ovf_overlay_set_prepare_in_background (self->overlay, TRUE);
      g_signal_connect_object (self->overlay, "changed", G_CALLBACK (gtk_widget_queue_draw), self,
                               G_CONNECT_SWAPPED);
    }
}

static void
ovf_path_layer_dispose (GObject *object)
{
  OvfPathLayer *self = OVF_PATH_LAYER (object);

  ovf_path_layer_set_session (self, NULL);
  g_clear_object (&self->overlay);
  for (guint i = 0; self->reserved != NULL && i < self->reserved->len; i++)
    {
      GtkWidget *widget = g_ptr_array_index (self->reserved, i);

      g_signal_handlers_disconnect_by_data (widget, self);
      g_object_weak_unref (G_OBJECT (widget), reserved_widget_gone, self->reserved);
    }
  g_clear_pointer (&self->reserved, g_ptr_array_unref);

  G_OBJECT_CLASS (ovf_path_layer_parent_class)->dispose (object);
}

static void
ovf_path_layer_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OvfPathLayer *self = OVF_PATH_LAYER (object);

  switch (prop_id)
    {
    case PROP_OVERLAY:
      g_value_set_object (value, self->overlay);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ovf_path_layer_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  OvfPathLayer *self = OVF_PATH_LAYER (object);

  switch (prop_id)
    {
    case PROP_OVERLAY:
      self->overlay = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ovf_path_layer_class_init (OvfPathLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ovf_path_layer_constructed;
  object_class->dispose = ovf_path_layer_dispose;
  object_class->get_property = ovf_path_layer_get_property;
  object_class->set_property = ovf_path_layer_set_property;

  widget_class->snapshot = ovf_path_layer_snapshot;
  widget_class->contains = ovf_path_layer_contains;
  widget_class->size_allocate = ovf_path_layer_size_allocate;

  properties[PROP_OVERLAY] =
    g_param_spec_object ("overlay", NULL, NULL,
                         OVF_TYPE_OVERLAY,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OvfPathLayer::event-activated:
   * @event: the event whose marker was clicked
   */
  signals[EVENT_ACTIVATED] = g_signal_new_class_handler ("event-activated",
                                                         G_TYPE_FROM_CLASS (klass),
                                                         G_SIGNAL_RUN_LAST,
                                                         G_CALLBACK (ovf_path_layer_event_activated),
                                                         NULL, NULL, NULL,
                                                         G_TYPE_NONE, 1, OVF_TYPE_EVENT);

  /**
   * OvfPathLayer::resized:
   * @width: the new width
   * @height: the new height
   *
   * Emitted while the map is being allocated, before the map layer asks
   * for the tiles of its new size.
   */
  signals[RESIZED] = g_signal_new ("resized",
                                   G_TYPE_FROM_CLASS (klass),
                                   G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL,
                                   G_TYPE_NONE, 2, G_TYPE_INT, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "ovf-path-layer");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
on_enter (GtkEventControllerMotion *motion,
          double                    x,
          double                    y,
          OvfPathLayer             *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");
}

static void
on_leave (GtkEventControllerMotion *motion,
          OvfPathLayer             *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

static void
ovf_path_layer_init (OvfPathLayer *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  /* The layer only contains the markers, so entering it means hovering one. */
  g_signal_connect (motion, "enter", G_CALLBACK (on_enter), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  self->reserved = g_ptr_array_new ();

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("The balloon’s path, its position and the events on the map"),
                                  -1);
}

OvfPathLayer *
ovf_path_layer_new (ShumateViewport *viewport,
                    OvfOverlay      *overlay)
{
  g_return_val_if_fail (SHUMATE_IS_VIEWPORT (viewport), NULL);
  g_return_val_if_fail (OVF_IS_OVERLAY (overlay), NULL);

  return g_object_new (OVF_TYPE_PATH_LAYER,
                       "viewport", viewport,
                       "overlay", overlay,
                       NULL);
}

OvfOverlay *
ovf_path_layer_get_overlay (OvfPathLayer *self)
{
  g_return_val_if_fail (OVF_IS_PATH_LAYER (self), NULL);

  return self->overlay;
}

/* Keeps labels clear of @widget, a panel shown over the map, while it is
 * mapped. */
void
ovf_path_layer_add_reserved_widget (OvfPathLayer *self,
                                    GtkWidget    *widget)
{
  g_return_if_fail (OVF_IS_PATH_LAYER (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_ptr_array_add (self->reserved, widget);
  g_object_weak_ref (G_OBJECT (widget), reserved_widget_gone, self->reserved);
  g_signal_connect_object (widget, "map", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (widget, "unmap", G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
ovf_path_layer_session_followed_changed (OvfPathLayer *self)
{
  ovf_overlay_set_followed_track (self->overlay, ovf_session_get_followed_track (self->session));
}

static void
ovf_path_layer_session_visibility_changed (OvfPathLayer *self,
                                           OvfTrack     *track)
{
  ovf_overlay_set_track_visible (self->overlay, track, ovf_session_get_track_visible (self->session, track));
}

static void
ovf_path_layer_session_dataset_changed (OvfPathLayer *self)
{
  OvfDataset *dataset = ovf_session_get_dataset (self->session);

  ovf_overlay_set_dataset (self->overlay, dataset);
  ovf_overlay_set_time (self->overlay, ovf_session_get_time (self->session));
  ovf_overlay_set_selected_event (self->overlay, ovf_session_get_selected_event (self->session));
  ovf_path_layer_session_followed_changed (self);
  if (dataset != NULL)
    {
      GListModel *tracks = ovf_dataset_get_tracks (dataset);

      for (guint i = 0; i < g_list_model_get_n_items (tracks); i++)
        {
          g_autoptr(OvfTrack) track = g_list_model_get_item (tracks, i);

          ovf_path_layer_session_visibility_changed (self, track);
        }
    }
}

static void
ovf_path_layer_session_time_changed (OvfPathLayer *self)
{
  ovf_overlay_set_time (self->overlay, ovf_session_get_time (self->session));
}

static void
ovf_path_layer_session_selection_changed (OvfPathLayer *self)
{
  ovf_overlay_set_selected_event (self->overlay, ovf_session_get_selected_event (self->session));
}

void
ovf_path_layer_set_session (OvfPathLayer *self,
                            OvfSession   *session)
{
  g_return_if_fail (OVF_IS_PATH_LAYER (self));
  g_return_if_fail (session == NULL || OVF_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  if (session == NULL || self->overlay == NULL)
    return;

  g_signal_connect_object (session, "notify::dataset",
                           G_CALLBACK (ovf_path_layer_session_dataset_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::time",
                           G_CALLBACK (ovf_path_layer_session_time_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::selected-event",
                           G_CALLBACK (ovf_path_layer_session_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::followed-track",
                           G_CALLBACK (ovf_path_layer_session_followed_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "track-visibility-changed",
                           G_CALLBACK (ovf_path_layer_session_visibility_changed), self, G_CONNECT_SWAPPED);
  ovf_path_layer_session_dataset_changed (self);
}
