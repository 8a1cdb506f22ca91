/* ovf-scrubber.c: the timeline's scrubber, a range that draws itself
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ovf-scrubber.h"

/* GTK 4.8 gives the AT-SPI Value interface (current, minimum and maximum,
 * settable) only to its own value widgets, GtkRange among them; a widget
 * of our own can offer one only from GTK 4.10 (GtkAccessibleRange). So the
 * scrubber is a GtkRange for its value alone: it draws itself like a
 * GtkDrawingArea and leaves every pointer and key to its owner, which
 * keeps the range's value in step with the time and follows the value
 * when a screen reader sets it. */

struct _OvfScrubber
{
  GtkRange            parent_instance;

  OvfScrubberDrawFunc draw_func;
  gpointer            draw_data;
  GDestroyNotify      draw_destroy;
};

G_DEFINE_FINAL_TYPE (OvfScrubber, ovf_scrubber, GTK_TYPE_RANGE)

/* The size comes from the widget's size request alone. */
static void
ovf_scrubber_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  *minimum = *natural = 0;
}

/* The range's trough and slider are hidden, so there is nothing to place. */
static void
ovf_scrubber_size_allocate (GtkWidget *widget,
                            int        width,
                            int        height,
                            int        baseline)
{
}

static void
ovf_scrubber_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  OvfScrubber *self = OVF_SCRUBBER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->draw_func == NULL || width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->draw_func (self, cr, width, height, self->draw_data);
  cairo_destroy (cr);
}

/* GtkRange's own gestures, scrolling and key bindings would move the value
 * by its rules (page steps, warping to the pointer); the owner's
 * controllers do what the scrubber does instead. */
static void
remove_range_controllers (OvfScrubber *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GListModel) observed = gtk_widget_observe_controllers (widget);
  g_autoptr(GPtrArray) controllers = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (observed); i++)
    g_ptr_array_add (controllers, g_list_model_get_item (observed, i));
  g_clear_object (&observed);

  for (guint i = 0; i < controllers->len; i++)
    gtk_widget_remove_controller (widget, g_ptr_array_index (controllers, i));
}

static void
ovf_scrubber_finalize (GObject *object)
{
  OvfScrubber *self = OVF_SCRUBBER (object);

  if (self->draw_destroy != NULL)
    self->draw_destroy (self->draw_data);

  G_OBJECT_CLASS (ovf_scrubber_parent_class)->finalize (object);
}

static void
ovf_scrubber_class_init (OvfScrubberClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ovf_scrubber_finalize;
  widget_class->measure = ovf_scrubber_measure;
  widget_class->size_allocate = ovf_scrubber_size_allocate;
  widget_class->snapshot = ovf_scrubber_snapshot;

  gtk_widget_class_set_css_name (widget_class, "scrubber");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_SLIDER);
}

static void
ovf_scrubber_init (OvfScrubber *self)
{
  /* The trough (with the slider inside it) is GtkRange's only child. */
  gtk_widget_set_visible (gtk_widget_get_first_child (GTK_WIDGET (self)), FALSE);
  remove_range_controllers (self);
}

void
ovf_scrubber_set_draw_func (OvfScrubber         *self,
                            OvfScrubberDrawFunc  draw_func,
                            gpointer             user_data,
                            GDestroyNotify       destroy)
{
  g_return_if_fail (OVF_IS_SCRUBBER (self));

  if (self->draw_destroy != NULL)
    self->draw_destroy (self->draw_data);

  self->draw_func = draw_func;
  self->draw_data = user_data;
  self->draw_destroy = destroy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
