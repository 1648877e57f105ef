/* Library half of shlib-sites.c (not a test by itself). */
#include <pvpatch.h>
long twice(long) __paravirt;
long twice(long x) { return 2 * x; }
struct ops { long (*add)(long, long) __paravirt_site("abi", 8); };
static long add_impl(long a, long b) { return a + b; }
struct ops lib_ops = { add_impl };
long lib_compute(long x) { return twice(x) + 1 + lib_ops.add(x * 4, 20); }
