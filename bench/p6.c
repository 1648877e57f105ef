/* SPDX-License-Identifier: MIT */
/*
 * P6: the time pvpatch_apply() takes in a program of a million sites
 * (p6-gen.awk), in the default (live) mode.  The first call is what a
 * program pays at start-up: it finds and validates the tables and saves
 * every site before patching, so each run of this program measures it
 * once; bench/run.sh runs it repeatedly.  A revert and a second apply
 * follow, for comparison.  Each operation's elapsed time is the
 * measurement; its CPU time, which excludes the time other programs held
 * the CPU, is logged beside it.
 *
 * P11: the memory the runtime keeps for the sites, the growth of the
 * process's anonymous memory over the first apply (work areas, its
 * bookkeeping, the text writer's buffer) per site.  The runtime frees
 * nothing it allocated there but a list of the loaded objects (a pointer
 * each), so this is also its memory during the apply.
 */
#include <stdio.h>
#include <time.h>

#include "harness.h"
#include "pvpatch_runtime.h"

typedef int (*operation)(void);

static double cpu_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Samples NAME.ms and NAME.cpu.ms. */
static void timed(const char *name, operation op, enum bench_form form)
{
	double t0 = bench_seconds(), c0 = cpu_seconds();
	int err = op();
	double ms = (bench_seconds() - t0) * 1e3;
	double cpu_ms = (cpu_seconds() - c0) * 1e3;
	char key[64];

	bench_check(err, name);
	bench_expect_all(form, name);
	snprintf(key, sizeof(key), "%s.ms", name);
	bench_sample("P6", key, ms);
	snprintf(key, sizeof(key), "%s.cpu.ms", name);
	bench_sample("P6", key, cpu_ms);
}

int main(void)
{
	struct pvpatch_stats st;
	double before = bench_anonymous_bytes(), sites;

	timed("apply", pvpatch_apply, BENCH_PATCHED);
	pvpatch_get_stats(&st);
	sites = (double)(st.inlined + st.directed + st.nopped + st.left);
	bench_sample("P11", "bytes.per.site",
		     (bench_anonymous_bytes() - before) / sites);
	printf("# P6: %lu sites: %lu inlined, %lu direct calls, %lu NOPs, %lu left\n",
	       st.inlined + st.directed + st.nopped + st.left, st.inlined,
	       st.directed, st.nopped, st.left);
	timed("revert", pvpatch_revert, BENCH_LEFT);
	timed("reapply", pvpatch_apply, BENCH_PATCHED);
	return 0;
}
