/* test-util.h: what tests of every layer share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Deletes @dir and everything in it: a test's temporary folder. */
void test_remove_tree (const char *dir);

G_END_DECLS
