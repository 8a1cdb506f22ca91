/* ovf-bundled.h: the dataset bundled with Overflight
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The dataset that ships with Overflight, served from the model's own
 * GResource, which these register on first use. */
#define OVF_BUNDLED_DATASET_PATH "/io/github/overflight/Overflight/datasets/balloon-2023.json"
#define OVF_BUNDLED_DATASET_URI "resource://" OVF_BUNDLED_DATASET_PATH

GFile  *ovf_bundled_dataset_file  (void);
GBytes *ovf_bundled_dataset_bytes (void);

G_END_DECLS
