/* SPDX-License-Identifier: MIT */
/*
 * Linked into every program the differential fuzzer builds with the
 * plugin.  Before main() runs, it patches the program's sites as
 * PVFUZZ_PHASE asks, so one binary is checked unpatched, patched,
 * reverted, and patched while it runs:
 *
 *   (unset)     leave the sites as the compiler emitted them
 *   apply       pvpatch_apply(): every site to its op's binding
 *   revert      pvpatch_apply(), then pvpatch_revert()
 *   concurrent  pvpatch_apply(), then a thread alternates pvpatch_revert()
 *               and pvpatch_apply() in live mode for as long as main() runs
 *
 * PVFUZZ_MODE=quiescent lets apply and revert use whole sites (no other
 * thread runs yet).  The counts go to stderr for the fuzzer's statistics;
 * a refused operation exits with status PVFUZZ_EXIT_RUNTIME, which the
 * fuzzer reports as a failure of its own kind.
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pvpatch_runtime.h"

#define PVFUZZ_EXIT_RUNTIME 97

static void check(const char *what, int err)
{
	if (err == PVPATCH_OK)
		return;
	fprintf(stderr, "pvfuzz: %s: %s (fault %p)\n", what,
		pvpatch_strerror(err), pvpatch_last_fault());
	_exit(PVFUZZ_EXIT_RUNTIME);	/* also from the patching thread */
}

static void report(const char *what)
{
	struct pvpatch_stats st;

	pvpatch_get_stats(&st);
	fprintf(stderr, "pvfuzz: %s: inlined %lu directed %lu nopped %lu left %lu\n",
		what, st.inlined, st.directed, st.nopped, st.left);
}

static atomic_int patching;

/* Until the process exits, which ends this thread wherever it is. */
static void *patch_forever(void *unused)
{
	(void)unused;
	atomic_store(&patching, 1);
	for (;;) {
		check("revert", pvpatch_revert());
		check("apply", pvpatch_apply());
	}
	return NULL;
}

static void start_patching_thread(void)
{
	pthread_t thread;

	if (pthread_create(&thread, NULL, patch_forever, NULL)) {
		fprintf(stderr, "pvfuzz: cannot start the patching thread\n");
		_exit(PVFUZZ_EXIT_RUNTIME);
	}
	/* csmith programs run for milliseconds: let main() start while the
	   thread is already at work. */
	while (!atomic_load(&patching))
		sched_yield();
}

__attribute__((constructor)) static void pvfuzz_phase(void)
{
	const char *phase = getenv("PVFUZZ_PHASE");
	const char *mode = getenv("PVFUZZ_MODE");

	if (!phase)
		return;
	if (!strcmp(phase, "concurrent")) {
		/* main() starts on patched sites, whatever the thread's pace. */
		check("apply", pvpatch_apply());
		start_patching_thread();
		return;
	}
	if (strcmp(phase, "apply") && strcmp(phase, "revert")) {
		fprintf(stderr, "pvfuzz: unknown PVFUZZ_PHASE '%s'\n", phase);
		exit(PVFUZZ_EXIT_RUNTIME);
	}
	if (mode && !strcmp(mode, "quiescent"))
		check("set_mode", pvpatch_set_mode(PVPATCH_MODE_QUIESCENT));
	check("apply", pvpatch_apply());
	report("apply");
	if (!strcmp(phase, "revert")) {
		check("revert", pvpatch_revert());
		report("revert");
	}
}
