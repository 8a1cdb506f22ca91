/* ovf-application.h: the application: command line, startup and windows
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define OVF_TYPE_APPLICATION (ovf_application_get_type ())
G_DECLARE_FINAL_TYPE (OvfApplication, ovf_application, OVF, APPLICATION, AdwApplication)

OvfApplication *ovf_application_new (void);

G_END_DECLS
