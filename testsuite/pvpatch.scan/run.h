/* SPDX-License-Identifier: MIT */
/* The C side of the run tests: a fixture's run function (fixture.h) called
   and what it found printed. */
#include "../pvpatch.runtime/fixture.h"

typedef unsigned long run_fn(unsigned long *value);

/* Registers changed that the site may not change, and what AX held. */
static inline void run_print(const char *what, run_fn *run)
{
	unsigned long value = 0, bad = run(&value);

	printf("%s: changed %#lx ax %#lx\n", what, bad, value);
}
