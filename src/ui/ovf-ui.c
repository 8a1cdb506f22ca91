/* ovf-ui.c: what the UI layer needs before its first widget.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ovf-ui.h"
#include "ovf-ui-resources.h"

/**
 * ovf_ui_register_resources:
 *
 * Registers the templates, the help overlay and style.css once. Code in a
 * static library is linked only when referenced, so the application (and
 * a test that builds widgets) calls this instead of relying on a
 * constructor.
 */
void
ovf_ui_register_resources (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      ovf_ui_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}
