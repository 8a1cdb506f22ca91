/* ovf-event-list.c: the sidebar's list of events, grouped by day, which
 * follows a session's dataset, clock and selection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "ovf-event-list.h"
#include "ovf-event-row.h"
#include "ovf-time-format.h"

struct _OvfEventList
{
  GtkWidget           parent_instance;

  GtkListView        *list_view;
  GtkSingleSelection *selection;

  OvfSession         *session;
  OvfEvent           *current_event;
  /* The rows on screen: GtkListView recycles them, so the "current" mark
   * is pushed to these rather than stored per item. */
  GHashTable         *bound_rows;
  guint               scroll_tick;   /* waiting for the first layout */
};

G_DEFINE_FINAL_TYPE (OvfEventList, ovf_event_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SELECTED_EVENT,
  PROP_CURRENT_EVENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
ovf_event_list_find (OvfEventList *self,
                     OvfEvent     *event,
                     guint        *out_position)
{
  GListModel *model = G_LIST_MODEL (self->selection);
  guint n = g_list_model_get_n_items (model);

  if (event == NULL)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(OvfEvent) item = g_list_model_get_item (model, i);

      if (item == event)
        {
          *out_position = i;
          return TRUE;
        }
    }

  return FALSE;
}

static void
ovf_event_list_scroll_to (OvfEventList *self,
                          OvfEvent     *event)
{
  guint position;

  /* GTK 4.8 has no gtk_list_view_scroll_to(); the list's own action does it. */
  if (ovf_event_list_find (self, event, &position))
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
ovf_event_list_setup_row (GtkSignalListItemFactory *factory,
                          GtkListItem              *item,
                          OvfEventList             *self)
{
  gtk_list_item_set_child (item, ovf_event_row_new ());
}

static void
ovf_event_list_bind_row (GtkSignalListItemFactory *factory,
                         GtkListItem              *item,
                         OvfEventList             *self)
{
  OvfEventRow *row = OVF_EVENT_ROW (gtk_list_item_get_child (item));
  OvfEvent *event = gtk_list_item_get_item (item);
  guint position = gtk_list_item_get_position (item);
  gboolean show_day = TRUE;

  if (position > 0)
    {
      g_autoptr(OvfEvent) previous = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                            position - 1);

      show_day = !ovf_time_same_day_utc (ovf_event_get_time (previous), ovf_event_get_time (event));
    }

  ovf_event_row_set_event (row, event, show_day);
  ovf_event_row_set_current (row, event == self->current_event);
  g_hash_table_add (self->bound_rows, row);
}

static void
ovf_event_list_unbind_row (GtkSignalListItemFactory *factory,
                           GtkListItem              *item,
                           OvfEventList             *self)
{
  OvfEventRow *row = OVF_EVENT_ROW (gtk_list_item_get_child (item));

  g_hash_table_remove (self->bound_rows, row);
  ovf_event_row_set_event (row, NULL, FALSE);
  ovf_event_row_set_current (row, FALSE);
}

static void
ovf_event_list_selection_changed (OvfEventList *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_EVENT]);
}

/* The user's choice of row goes to the session. */
static void
ovf_event_list_selection_to_session (OvfEventList *self)
{
  ovf_session_select_event (self->session, ovf_event_list_get_selected_event (self));
}

/* The list shows what the session holds; its own changes on the way (a
 * new model drops the selection) are not reported back. */
static void
ovf_event_list_session_selection_changed (OvfEventList *self)
{
  g_signal_handlers_block_by_func (self, ovf_event_list_selection_to_session, NULL);
  ovf_event_list_set_selected_event (self, ovf_session_get_selected_event (self->session));
  g_signal_handlers_unblock_by_func (self, ovf_event_list_selection_to_session, NULL);
}

static void
ovf_event_list_session_current_changed (OvfEventList *self)
{
  ovf_event_list_set_current_event (self, ovf_session_get_current_event (self->session));
}

static void
ovf_event_list_session_dataset_changed (OvfEventList *self)
{
  OvfDataset *dataset = ovf_session_get_dataset (self->session);

  g_signal_handlers_block_by_func (self, ovf_event_list_selection_to_session, NULL);
  ovf_event_list_set_model (self, dataset != NULL ? ovf_dataset_get_events (dataset) : NULL);
  g_signal_handlers_unblock_by_func (self, ovf_event_list_selection_to_session, NULL);
  ovf_event_list_session_current_changed (self);
  ovf_event_list_session_selection_changed (self);
}

/* GtkListView scrolls only to rows it has laid out: a selection (or, with
 * none, the current event) set while the list was hidden, as at start-up
 * with --time, is scrolled to once the list has its size. */
static gboolean
ovf_event_list_scroll_when_laid_out (GtkWidget     *widget,
                                     GdkFrameClock *clock,
                                     gpointer       user_data)
{
  OvfEventList *self = OVF_EVENT_LIST (widget);
  OvfEvent *selected = ovf_event_list_get_selected_event (self);

  if (gtk_widget_get_height (GTK_WIDGET (self->list_view)) == 0)
    return G_SOURCE_CONTINUE;

  self->scroll_tick = 0;
  ovf_event_list_scroll_to (self, selected != NULL ? selected : self->current_event);
  return G_SOURCE_REMOVE;
}

static void
ovf_event_list_map (GtkWidget *widget)
{
  OvfEventList *self = OVF_EVENT_LIST (widget);

  GTK_WIDGET_CLASS (ovf_event_list_parent_class)->map (widget);
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (widget, ovf_event_list_scroll_when_laid_out, NULL, NULL);
}

static void
ovf_event_list_unmap (GtkWidget *widget)
{
  OvfEventList *self = OVF_EVENT_LIST (widget);

  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (widget, self->scroll_tick);
  self->scroll_tick = 0;
  GTK_WIDGET_CLASS (ovf_event_list_parent_class)->unmap (widget);
}

static void
ovf_event_list_dispose (GObject *object)
{
  OvfEventList *self = OVF_EVENT_LIST (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), OVF_TYPE_EVENT_LIST);
  /* The template's root is not a bound child, so it is not unparented for us. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  ovf_event_list_set_session (self, NULL);
  g_clear_object (&self->current_event);
  g_clear_pointer (&self->bound_rows, g_hash_table_unref);

  G_OBJECT_CLASS (ovf_event_list_parent_class)->dispose (object);
}

static void
ovf_event_list_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  OvfEventList *self = OVF_EVENT_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, ovf_event_list_get_model (self));
      break;
    case PROP_SELECTED_EVENT:
      g_value_set_object (value, ovf_event_list_get_selected_event (self));
      break;
    case PROP_CURRENT_EVENT:
      g_value_set_object (value, self->current_event);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ovf_event_list_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  OvfEventList *self = OVF_EVENT_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      ovf_event_list_set_model (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_EVENT:
      ovf_event_list_set_selected_event (self, g_value_get_object (value));
      break;
    case PROP_CURRENT_EVENT:
      ovf_event_list_set_current_event (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ovf_event_list_class_init (OvfEventListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ovf_event_list_dispose;
  object_class->get_property = ovf_event_list_get_property;
  object_class->set_property = ovf_event_list_set_property;
  widget_class->map = ovf_event_list_map;
  widget_class->unmap = ovf_event_list_unmap;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_EVENT] =
    g_param_spec_object ("selected-event", NULL, NULL, OVF_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_EVENT] =
    g_param_spec_object ("current-event", NULL, NULL, OVF_TYPE_EVENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/ovf-event-list.ui");
  gtk_widget_class_bind_template_child (widget_class, OvfEventList, list_view);
  gtk_widget_class_bind_template_child (widget_class, OvfEventList, selection);
  gtk_widget_class_bind_template_callback (widget_class, ovf_event_list_setup_row);
  gtk_widget_class_bind_template_callback (widget_class, ovf_event_list_bind_row);
  gtk_widget_class_bind_template_callback (widget_class, ovf_event_list_unbind_row);
  gtk_widget_class_bind_template_callback (widget_class, ovf_event_list_selection_changed);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "ovf-event-list");
}

static void
ovf_event_list_init (OvfEventList *self)
{
  self->bound_rows = g_hash_table_new (NULL, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ovf_event_list_new (void)
{
  return g_object_new (OVF_TYPE_EVENT_LIST, NULL);
}

GListModel *
ovf_event_list_get_model (OvfEventList *self)
{
  g_return_val_if_fail (OVF_IS_EVENT_LIST (self), NULL);

  return gtk_single_selection_get_model (self->selection);
}

void
ovf_event_list_set_model (OvfEventList *self,
                          GListModel   *model)
{
  g_return_if_fail (OVF_IS_EVENT_LIST (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  if (model == ovf_event_list_get_model (self))
    return;

  g_clear_object (&self->current_event);
  gtk_single_selection_set_model (self->selection, model);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_EVENT]);
}

OvfEvent *
ovf_event_list_get_selected_event (OvfEventList *self)
{
  g_return_val_if_fail (OVF_IS_EVENT_LIST (self), NULL);

  return gtk_single_selection_get_selected_item (self->selection);
}

void
ovf_event_list_set_selected_event (OvfEventList *self,
                                   OvfEvent     *event)
{
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (OVF_IS_EVENT_LIST (self));
  g_return_if_fail (event == NULL || OVF_IS_EVENT (event));

  if (event == ovf_event_list_get_selected_event (self))
    return;

  /* The selection's notify emits our own notify::selected-event. */
  if (ovf_event_list_find (self, event, &position))
    {
      gtk_single_selection_set_selected (self->selection, position);
      ovf_event_list_scroll_to (self, event);
    }
  else
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
    }
}

OvfEvent *
ovf_event_list_get_current_event (OvfEventList *self)
{
  g_return_val_if_fail (OVF_IS_EVENT_LIST (self), NULL);

  return self->current_event;
}

void
ovf_event_list_set_current_event (OvfEventList *self,
                                  OvfEvent     *event)
{
  GHashTableIter iter;
  gpointer row;

  g_return_if_fail (OVF_IS_EVENT_LIST (self));
  g_return_if_fail (event == NULL || OVF_IS_EVENT (event));

  if (!g_set_object (&self->current_event, event))
    return;

  g_hash_table_iter_init (&iter, self->bound_rows);
  while (g_hash_table_iter_next (&iter, &row, NULL))
    ovf_event_row_set_current (row, ovf_event_row_get_event (row) == event);

  /* The list follows the story as it plays, unless the user has chosen
   * an event to read. */
  if (ovf_event_list_get_selected_event (self) == NULL)
    ovf_event_list_scroll_to (self, event);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_EVENT]);
}

void
ovf_event_list_set_session (OvfEventList *self,
                            OvfSession   *session)
{
  g_return_if_fail (OVF_IS_EVENT_LIST (self));
  g_return_if_fail (session == NULL || OVF_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_signal_handlers_disconnect_by_func (self, ovf_event_list_selection_to_session, NULL);
    }
  g_set_object (&self->session, session);
  if (session == NULL)
    return;

  g_signal_connect_object (session, "notify::dataset",
                           G_CALLBACK (ovf_event_list_session_dataset_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::current-event",
                           G_CALLBACK (ovf_event_list_session_current_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "notify::selected-event",
                           G_CALLBACK (ovf_event_list_session_selection_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::selected-event", G_CALLBACK (ovf_event_list_selection_to_session), NULL);
  ovf_event_list_session_dataset_changed (self);
}
