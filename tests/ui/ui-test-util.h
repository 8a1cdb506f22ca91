/* ui-test-util.h: what the UI tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Runs the main loop until @condition holds, failing after thirty seconds:
 * generous, because the sanitizer build on a loaded machine is slow. */
#define UI_TEST_SPIN_UNTIL(condition) \
  G_STMT_START { \
    gint64 deadline_ = g_get_monotonic_time () + 30 * G_USEC_PER_SEC; \
    while (!(condition)) \
      { \
        g_assert_cmpint (g_get_monotonic_time (), <, deadline_); \
        g_main_context_iteration (NULL, FALSE); \
        g_usleep (1000); \
      } \
  } G_STMT_END

typedef gboolean (*UiTestMatch) (GtkWidget     *widget,
                                 gconstpointer  data);

/* Runs the main loop for @usec microseconds of wall time. */
void       ui_test_spin_for    (gint64     usec);
/* The first of @widget and its descendants, depth first, that @match
 * accepts; NULL if none. */
GtkWidget *ui_test_find              (GtkWidget     *widget,
                                      UiTestMatch    match,
                                      gconstpointer  data);
/* The first widget of @type at or below @widget, depth first. */
GtkWidget *ui_test_find_widget       (GtkWidget     *widget,
                                      GType          type);
/* A label the user can see (it and its ancestors visible) showing @text. */
GtkLabel  *ui_test_find_label        (GtkWidget     *widget,
                                      const char    *text);
GtkWidget *ui_test_find_by_css_class (GtkWidget     *widget,
                                      const char    *css_class);

/* Fails unless the items shown together in @menu (its sections, and each
 * submenu apart) have different mnemonics. */
void       ui_test_assert_unique_mnemonics (GMenuModel *menu);

G_END_DECLS
