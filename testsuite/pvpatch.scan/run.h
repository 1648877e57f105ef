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

/* The whole story of a site patched by pvpatch_apply(): run, patch
   (quiescent, so that the site may change as a whole), print the counts
   and the site's size bytes, run, revert, compare with the original bytes
   and run again. */
static inline int run_apply_revert(const unsigned char *site, unsigned size,
				   run_fn *run)
{
	unsigned char before[256];

	memcpy(before, site, size);
	run_print("original", run);
	FIXTURE_CHECK(pvpatch_set_mode(PVPATCH_MODE_QUIESCENT));
	FIXTURE_CHECK(pvpatch_apply());
	fixture_print_stats("apply");
	fixture_print_bytes("site", site, size);
	run_print("patched", run);
	FIXTURE_CHECK(pvpatch_revert());
	printf("revert: %s\n", fixture_same(site, before, size));
	run_print("reverted", run);
	return 0;
}
