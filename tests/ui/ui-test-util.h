/* ui-test-util.h: what the UI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Runs the main loop for @usec microseconds of wall time. */
void       ui_test_spin_for    (gint64     usec);
/* The first widget of @type at or below @widget, depth first. */
GtkWidget *ui_test_find_widget (GtkWidget *widget,
                                GType      type);

G_END_DECLS
