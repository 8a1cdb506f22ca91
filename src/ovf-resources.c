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
      /* With --manual-register, init both creates and registers each. */
      ovf_data_register_resource ();
      ovf_ui_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}
