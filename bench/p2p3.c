/* SPDX-License-Identifier: MIT */
/*
 * P2 and P3, over every caller shape of call_loop.h:
 *
 *   p2p3 patched     P2: the site patched to a direct call against a
 *                    plain C call of the same function; and P2's save
 *                    row: a patched site of a void op whose
 *                    implementation saves its scratch register %rax for
 *                    nothing, against one that does not
 *   p2p3 compiled    P3: the site unpatched against a hand-written
 *                    Linux-style site
 *
 * As in p1.c, a process patches at most once, before any site runs.
 * Each pair is measured taking turns (bench_ticks_per_iter); a
 * repetition's ratio is the geometric mean over the shapes, so that each
 * shape counts alike.
 */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "call.h"
#include "harness.h"
#include "pvpatch_runtime.h"

#define ITERATIONS 200000
#define REPS 7

#define LIVE_ENTRY(live) live,
static const int live[CALL_NSHAPES] = { CALL_SHAPES(LIVE_ENTRY) };

/*
 * For each caller shape, the variant's caller against the baseline's,
 * taking turns: samples VARIANT.liveN.ticks and BASELINE.liveN.ticks,
 * liveN.ratio, and the geometric mean of the ratios as "ratio", each key
 * after PREFIX.
 */
static void compare(const char *id, const char *prefix, const char *variant,
		    const bench_loop *loops, const char *baseline,
		    const bench_loop *baseline_loops)
{
	double log_sum = 0;
	char key[64];

	for (int s = 0; s < CALL_NSHAPES; s++) {
		const bench_loop pair[2] = { loops[s], baseline_loops[s] };
		double ticks[2];

		bench_ticks_per_iter(pair, 2, ITERATIONS, ticks);
		snprintf(key, sizeof(key), "%s%s.live%d.ticks", prefix, variant,
			 live[s]);
		bench_sample(id, key, ticks[0]);
		snprintf(key, sizeof(key), "%s%s.live%d.ticks", prefix, baseline,
			 live[s]);
		bench_sample(id, key, ticks[1]);
		snprintf(key, sizeof(key), "%slive%d.ratio", prefix, live[s]);
		bench_sample(id, key, ticks[0] / ticks[1]);
		log_sum += log(ticks[0] / ticks[1]);
	}
	snprintf(key, sizeof(key), "%sratio", prefix);
	bench_sample(id, key, exp(log_sum / CALL_NSHAPES));
}

int main(int argc, char **argv)
{
	int reps = bench_reps(REPS);
	bool patched;

	if (argc != 2 || (strcmp(argv[1], "patched") && strcmp(argv[1], "compiled"))) {
		fprintf(stderr, "usage: p2p3 patched|compiled\n");
		return 2;
	}
	patched = !strcmp(argv[1], "patched");
	if (patched) {
		/* Single-threaded start-up, as in p1.c. */
		bench_check(pvpatch_set_mode(PVPATCH_MODE_QUIESCENT), "pvpatch_set_mode");
		bench_check(pvpatch_apply(), "pvpatch_apply");
		bench_expect_all(BENCH_DIRECTED, "pvpatch_apply");
	}
	bench_show_sites(argv[1]);
	for (int r = 0; r < reps; r++) {
		if (patched) {
			compare("P2", "", "patched", call_loops_site, "plain",
				call_loops_plain);
			compare("P2", "save.", "saved", call_loops_disable_saving,
				"unsaved", call_loops_disable);
		} else {
			compare("P3", "", "unpatched", call_loops_site, "linux",
				call_loops_linux);
		}
	}
	return 0;
}
