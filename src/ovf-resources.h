/* ovf-resources.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The app's GResource paths, under RESOURCE_BASE. */
#define OVF_RESOURCE_DATASET "/io/github/overflight/Overflight/datasets/balloon-2023.json"
#define OVF_RESOURCE_DATASET_URI "resource://" OVF_RESOURCE_DATASET

/* Registers the bundled data and UI resources once. Code in a static
 * library is only linked when referenced, so everything that reads a
 * resource calls this instead of relying on constructors. */
void ovf_resources_register (void);

G_END_DECLS
