/* SPDX-License-Identifier: MIT */
/*
 * P1: the spinlock loop of lock_loop.h through sites patched to the
 * native instructions, against the same loop with those instructions
 * written inline by hand; also the unpatched sites (calls through the ops
 * table) and sites holding direct calls.
 *
 *   p1 BUILD patched     native and inline, after a quiescent pvpatch_apply()
 *   p1 BUILD live        native and live, after a live pvpatch_apply()
 *   p1 BUILD compiled    native, unpatched and direct, never patched
 *
 * The two patched states hold the same instructions in the two modes'
 * forms (docs/runtime.md): quiescent mode's code followed by NOPs, live
 * mode's one instruction padded with prefixes to the call's length.
 *
 * BUILD names the compiler flags in the sample keys.  A process patches
 * at most once, before any site runs, as a kernel does at boot: a site
 * that ran as one call and was then re-patched to another sometimes ran
 * several times slower afterwards (docs/performance.md).  Each
 * repetition measures the process's states against the native loop,
 * taking turns (bench_ticks_per_iter).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "lock.h"
#include "pvpatch_runtime.h"

#define ITERATIONS 200000
#define REPS 7

/* The states a process measures, the native loop first: the ratios
   divide by it. */
struct states {
	int count;
	const char *name[3];
	bench_loop loop[3];
};

static const struct states patched = {
	2, { "native", "inline" }, { lock_loop_native, lock_loop_pv },
};
static const struct states live = {
	2, { "native", "live" }, { lock_loop_native, lock_loop_pv },
};
static const struct states compiled = {
	3, { "native", "unpatched", "direct" },
	{ lock_loop_native, lock_loop_pv, lock_loop_direct },
};

/* Samples BUILD.STATE.ticks for each state and BUILD.STATE.ratio for
   each but the native loop. */
static void measure(const char *build, const struct states *s)
{
	double ticks[3];
	char key[64];

	bench_ticks_per_iter(s->loop, s->count, ITERATIONS, ticks);
	for (int i = 0; i < s->count; i++) {
		snprintf(key, sizeof(key), "%s.%s.ticks", build, s->name[i]);
		bench_sample("P1", key, ticks[i]);
		if (i == 0)
			continue;
		snprintf(key, sizeof(key), "%s.%s.ratio", build, s->name[i]);
		bench_sample("P1", key, ticks[i] / ticks[0]);
	}
}

int main(int argc, char **argv)
{
	const struct states *states;
	int reps = bench_reps(REPS);

	if (argc != 3) {
		fprintf(stderr, "usage: p1 BUILD patched|live|compiled\n");
		return 2;
	}
	if (!strcmp(argv[2], "patched"))
		states = &patched;
	else if (!strcmp(argv[2], "live"))
		states = &live;
	else if (!strcmp(argv[2], "compiled"))
		states = &compiled;
	else {
		fprintf(stderr, "usage: p1 BUILD patched|live|compiled\n");
		return 2;
	}
	if (states != &compiled) {
		/* Single-threaded start-up: quiescent mode may use any form;
		   live mode writes what it would write under running threads. */
		bench_check(pvpatch_set_mode(states == &patched ? PVPATCH_MODE_QUIESCENT
							 : PVPATCH_MODE_LIVE),
			    "pvpatch_set_mode");
		bench_check(pvpatch_apply(), "pvpatch_apply");
		bench_expect_all(BENCH_INLINED, "pvpatch_apply");
	}
	bench_show_sites(argv[2]);
	for (int r = 0; r < reps; r++)
		measure(argv[1], states);
	return 0;
}
