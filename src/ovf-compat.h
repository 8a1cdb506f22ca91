/* ovf-compat.h: the one place where API newer than the floor (GLib 2.74,
 * GTK 4.8, libadwaita 1.2, libshumate 1.0) is used, behind version checks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

G_END_DECLS
