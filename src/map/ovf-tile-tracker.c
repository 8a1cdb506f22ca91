/* ovf-tile-tracker.c: counts the tiles asked for and still coming
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ovf-tile-tracker.h"

/* libshumate 1.0 has no "map-loaded" signal, so the map sources report
 * every tile request here. When nothing is pending the view is complete,
 * which is what screenshots, exports and tests wait for. Used from the
 * main thread only. */

struct _OvfTileTracker
{
  GObject  parent_instance;

  guint    pending;
  guint64  requested;
  guint64  completed;
  guint64  failed;
};

G_DEFINE_FINAL_TYPE (OvfTileTracker, ovf_tile_tracker, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PENDING,
  N_PROPS
};

enum {
  IDLE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
ovf_tile_tracker_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  OvfTileTracker *self = OVF_TILE_TRACKER (object);

  switch (prop_id)
    {
    case PROP_PENDING:
      g_value_set_uint (value, self->pending);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ovf_tile_tracker_class_init (OvfTileTrackerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = ovf_tile_tracker_get_property;

  properties[PROP_PENDING] =
    g_param_spec_uint ("pending", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * OvfTileTracker::idle:
   *
   * Emitted when the last pending tile is done.
   */
  signals[IDLE] = g_signal_new ("idle", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ovf_tile_tracker_init (OvfTileTracker *self)
{
}

OvfTileTracker *
ovf_tile_tracker_new (void)
{
  return g_object_new (OVF_TYPE_TILE_TRACKER, NULL);
}

/**
 * ovf_tile_tracker_get_default:
 *
 * Returns: (transfer none): the tracker that map sources report to unless
 *   they are given another.
 */
OvfTileTracker *
ovf_tile_tracker_get_default (void)
{
  static OvfTileTracker *tracker;

  if (g_once_init_enter (&tracker))
    g_once_init_leave (&tracker, ovf_tile_tracker_new ());
  return tracker;
}

void
ovf_tile_tracker_begin (OvfTileTracker *self)
{
  g_return_if_fail (OVF_IS_TILE_TRACKER (self));

  self->pending++;
  self->requested++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

void
ovf_tile_tracker_end (OvfTileTracker *self,
                      gboolean        filled)
{
  g_return_if_fail (OVF_IS_TILE_TRACKER (self));
  g_return_if_fail (self->pending > 0);

  self->pending--;
  if (filled)
    self->completed++;
  else
    self->failed++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
  if (self->pending == 0)
    g_signal_emit (self, signals[IDLE], 0);
}

guint
ovf_tile_tracker_get_pending (OvfTileTracker *self)
{
  g_return_val_if_fail (OVF_IS_TILE_TRACKER (self), 0);
  return self->pending;
}

guint64
ovf_tile_tracker_get_requested (OvfTileTracker *self)
{
  g_return_val_if_fail (OVF_IS_TILE_TRACKER (self), 0);
  return self->requested;
}

guint64
ovf_tile_tracker_get_completed (OvfTileTracker *self)
{
  g_return_val_if_fail (OVF_IS_TILE_TRACKER (self), 0);
  return self->completed;
}

guint64
ovf_tile_tracker_get_failed (OvfTileTracker *self)
{
  g_return_val_if_fail (OVF_IS_TILE_TRACKER (self), 0);
  return self->failed;
}

static gboolean
on_timeout (gpointer data)
{
  gboolean *timed_out = data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/**
 * ovf_tile_tracker_wait_idle:
 * @timeout_ms: the longest to wait
 *
 * Runs the default main context until no tile is pending. Call it after
 * the view has been laid out and drawn once, so its tiles are requested.
 *
 * Returns: %TRUE if idle, %FALSE on timeout.
 */
gboolean
ovf_tile_tracker_wait_idle (OvfTileTracker *self,
                            guint           timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout_id;

  g_return_val_if_fail (OVF_IS_TILE_TRACKER (self), FALSE);

  timeout_id = g_timeout_add (timeout_ms, on_timeout, &timed_out);
  while (self->pending > 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);
  return self->pending == 0;
}
