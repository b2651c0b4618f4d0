/* bench-common.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bench-common.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* @samples: (element-type double): sorted in place */
void
bench_times_from (BenchTimes *times,
                  GArray     *samples)
{
  guint n = samples->len;

  g_array_sort (samples, compare_doubles);
  times->runs = n;
  times->min = n ? g_array_index (samples, double, 0) : 0;
  times->max = n ? g_array_index (samples, double, n - 1) : 0;
  if (n == 0)
    times->median = 0;
  else if (n % 2)
    times->median = g_array_index (samples, double, n / 2);
  else
    times->median = (g_array_index (samples, double, n / 2 - 1) + g_array_index (samples, double, n / 2)) / 2;
}
