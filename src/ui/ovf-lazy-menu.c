/* ovf-lazy-menu.c: menus built when first opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ovf-lazy-menu.h"

/* GTK 4.8 builds a menu button's whole popover, a widget per item, as soon
 * as it is given a menu model: for the window's menus that was a tenth of
 * building the window, for menus most starts never open. These build it
 * the first time the menu opens, by click, keyboard or F10 alike. */

#define LAZY_MENU_KEY "ovf-lazy-menu"

/* GTK 4.8 calls this on every opening, not only the first. */
static void
create_popup (GtkMenuButton *button,
              gpointer       user_data)
{
  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_menu_model (button, ovf_menu_button_get_lazy_menu (button));
}

/**
 * ovf_menu_button_set_lazy_menu:
 * @model: the menu, built into a popover when it first opens
 */
void
ovf_menu_button_set_lazy_menu (GtkMenuButton *button,
                               GMenuModel    *model)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (model));

  g_object_set_data_full (G_OBJECT (button), LAZY_MENU_KEY, g_object_ref (model), g_object_unref);
  gtk_menu_button_set_create_popup_func (button, create_popup, NULL, NULL);
}

/**
 * ovf_menu_button_get_lazy_menu:
 *
 * Returns: (transfer none) (nullable): the menu given to
 *   ovf_menu_button_set_lazy_menu(), whether it was opened yet or not
 */
GMenuModel *
ovf_menu_button_get_lazy_menu (GtkMenuButton *button)
{
  g_return_val_if_fail (GTK_IS_MENU_BUTTON (button), NULL);
  return g_object_get_data (G_OBJECT (button), LAZY_MENU_KEY);
}
