/* ovf-resources.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ovf-resources.h"
#include "ovf-data-resources.h"
#include "ovf-ui-resources.h"

void
ovf_resources_register (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      g_resources_register (ovf_data_get_resource ());
      g_resources_register (ovf_ui_get_resource ());
      g_once_init_leave (&registered, 1);
    }
}
