/* ovf-bundled.c: the bundled dataset, from the model's GResource.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ovf-bundled.h"
#include "ovf-model-resources.h"

/* Code in a static library is linked only when referenced, so the resource
 * is registered here, by the only code that reads it, not by a
 * constructor. */
static void
ensure_registered (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      ovf_model_register_resource ();
      g_once_init_leave (&registered, 1);
    }
}

GFile *
ovf_bundled_dataset_file (void)
{
  ensure_registered ();
  return g_file_new_for_uri (OVF_BUNDLED_DATASET_URI);
}

GBytes *
ovf_bundled_dataset_bytes (void)
{
  ensure_registered ();
  /* Compiled into the program: a failure here is a broken build. */
  return g_resources_lookup_data (OVF_BUNDLED_DATASET_PATH, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
}
