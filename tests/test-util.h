/* test-util.h: what tests of every layer share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Deletes @dir and everything in it: a test's temporary folder. */
void test_remove_tree  (const char         *dir);
/* Runs @program with @args (NULL-terminated) and neither display variable
 * set, as a command without a display would run; returns its exit status
 * and, with @out_stderr, what it printed there. */
int  test_run_headless (const char         *program,
                        const char * const *args,
                        char              **out_stderr);

G_END_DECLS
