/* bench-util.h: timing and memory figures shared by the benchmarks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <time.h>
#include <glib.h>

G_BEGIN_DECLS

/* CPU time of @clock (CLOCK_PROCESS_CPUTIME_ID or CLOCK_THREAD_CPUTIME_ID)
 * in nanoseconds; unlike wall-clock time it stays meaningful when other
 * work shares the machine. */
gint64 ovf_bench_cpu_ns      (clockid_t   clock);

/* Wall-clock milliseconds since @start, a g_get_monotonic_time () value. */
double ovf_bench_ms_since    (gint64      start);

/* A field of /proc/self/status such as "VmRSS:" or "VmHWM:", in KiB;
 * -1 where there is none. */
gint64 ovf_bench_rss_kib     (const char *field);

/* The nearest-rank @p quantile (0 to 1) of @samples, doubles that it sorts. */
double ovf_bench_percentile  (GArray     *samples,
                              double      p);

G_END_DECLS
