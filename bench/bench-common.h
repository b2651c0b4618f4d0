/* bench-common.h: timing and reporting shared by the benchmark programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Each figure is taken this many times at least, and for this long at
 * least, then reported as median, min and max. */
#define BENCH_MIN_RUNS 3
#define BENCH_MAX_RUNS 25
#define BENCH_MIN_SECONDS 1.5

typedef struct
{
  double median;
  double min;
  double max;
  guint  runs;
} BenchTimes;

void bench_times_from (BenchTimes *times,
                       GArray     *samples);

G_END_DECLS
