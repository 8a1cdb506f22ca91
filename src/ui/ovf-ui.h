/* ovf-ui.h: what the UI layer needs before its first widget
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void ovf_ui_register_resources (void);

G_END_DECLS
