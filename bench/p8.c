/* SPDX-License-Identifier: MIT */
/*
 * P8: re-binding one op, live, as fast as possible while two threads call
 * its sites.  The op alternates between an implementation the runtime
 * inlines (one instruction, so a live patch may write it over the call)
 * and one it calls, so every re-bind rewrites every site between the two
 * forms.  Each implementation returns its own token; a call that returns
 * anything else reached neither and is counted as stray.
 *
 * The callers run on CPUs 0 and 1; the re-binding main thread is not
 * pinned and shares them, as on a 2-CPU machine it must.  A repetition
 * lasts DURATION seconds; its samples are re-binds per second and the
 * stray calls.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <pvpatch.h>

#include "harness.h"
#include "pvpatch_runtime.h"

#define REPS 5
#define DURATION 1.0
#define CALLERS 2

#define TOKEN_INLINED 0x1111
#define TOKEN_CALLED 0x2222

struct pv_rebind_ops {
	long (*op)(void) __paravirt_callee_save;
};

/* Tiny: the runtime copies its mov into the sites. */
__attribute__((paravirt_impl("callee_save"))) static long inlined(void)
{
	return TOKEN_INLINED;
}

static atomic_ulong called_count;

/* Addresses memory PC-relative, which no site can hold: a call. */
__attribute__((paravirt_impl("callee_save"))) static long called(void)
{
	atomic_fetch_add_explicit(&called_count, 1, memory_order_relaxed);
	return TOKEN_CALLED;
}

struct pv_rebind_ops pv_rebind_ops = { .op = inlined };

static atomic_bool stop;

struct caller {
	pthread_t thread;
	int cpu;
	unsigned long calls, stray;
};

static inline bool is_token(long value)
{
	return value == TOKEN_INLINED || value == TOKEN_CALLED;
}

static void *call_sites(void *arg)
{
	struct caller *c = arg;

	bench_pin(c->cpu);
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		/* Unrolled: eight sites, so that re-binds find threads at
		   sites, between them and inside the called one. */
#pragma GCC unroll 8
		for (int i = 0; i < 8; i++)
			c->stray += !is_token(pv_rebind_ops.op());
		c->calls += 8;
	}
	return NULL;
}

static void repetition(void)
{
	struct caller callers[CALLERS] = { { .cpu = 0 }, { .cpu = 1 } };
	unsigned long binds = 0, calls = 0, stray = 0;
	double t0, elapsed;

	atomic_store(&stop, false);
	for (int i = 0; i < CALLERS; i++)
		pthread_create(&callers[i].thread, NULL, call_sites, &callers[i]);
	t0 = bench_seconds();
	do {
		bench_check(pvpatch_bind(&pv_rebind_ops.op,
					 binds % 2 ? (void *)inlined : (void *)called),
			    "pvpatch_bind");
		binds++;
	} while ((elapsed = bench_seconds() - t0) < DURATION);
	atomic_store(&stop, true);
	for (int i = 0; i < CALLERS; i++) {
		pthread_join(callers[i].thread, NULL);
		calls += callers[i].calls;
		stray += callers[i].stray;
	}
	bench_sample("P8", "rebinds.per.s", (double)binds / elapsed);
	bench_sample("P8", "stray", (double)stray);
	printf("# P8: %lu re-binds in %.3f s, %lu calls (%lu reached the "
	       "called implementation), %lu stray\n", binds, elapsed, calls,
	       atomic_exchange(&called_count, 0), stray);
}

int main(void)
{
	int reps = bench_reps(REPS);

	bench_check(pvpatch_apply(), "pvpatch_apply");
	bench_expect_all(BENCH_INLINED, "pvpatch_apply");
	for (int r = 0; r < reps; r++)
		repetition();
	return 0;
}
