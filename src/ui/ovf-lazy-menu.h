/* ovf-lazy-menu.h: menus built when first opened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void        ovf_menu_button_set_lazy_menu (GtkMenuButton *button,
                                           GMenuModel    *model);
GMenuModel *ovf_menu_button_get_lazy_menu (GtkMenuButton *button);

G_END_DECLS
