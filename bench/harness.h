/* SPDX-License-Identifier: MIT */
/*
 * What every pvpatch benchmark program shares: pinning, the time-stamp
 * counter, timing a loop, and the sample lines bench/run.sh collects.
 *
 * A program prints one line per repetition and metric,
 *
 *     ID KEY VALUE          e.g.  P1 plain.inline.ratio 1.013
 *
 * and lines starting with '#' for the log.  bench/stats.awk turns the
 * samples into medians and quartiles; nothing here computes statistics.
 */
#ifndef BENCH_HARNESS_H
#define BENCH_HARNESS_H

#include <stdint.h>

/* A timed workload: n iterations of the loop under test. */
typedef long (*bench_loop)(long n);

/* Pin the calling thread to cpu, or exit. */
void bench_pin(int cpu);

/* The time-stamp counter, ordered after everything before it. */
uint64_t bench_ticks(void);

/* Monotonic wall time in seconds. */
double bench_seconds(void);

/*
 * TSC ticks per iteration of each of the k loops, into ticks[]: a warm-up
 * run of each, then rounds in which each loop runs n iterations in turn.
 * A loop's fastest run counts: a run that was interrupted, or shared its
 * core, is slower, never faster.  Taking turns exposes the loops alike
 * to whatever else the machine runs meanwhile.
 */
void bench_ticks_per_iter(const bench_loop *loops, int k, long n, double *ticks);

/* Print one sample line. */
void bench_sample(const char *id, const char *key, double value);

/* Exit with a message unless err is PVPATCH_OK. */
void bench_check(int err, const char *what);

/* What a site holds: inline code, a direct call, its original call, or
   anything but the original call. */
enum bench_form { BENCH_INLINED, BENCH_DIRECTED, BENCH_LEFT, BENCH_PATCHED };

/* Exit unless the last apply, bind or revert left every site it
   considered in that form: the numbers would measure something else. */
void bench_expect_all(enum bench_form form, const char *what);

/* Log every site of the program with its current bytes ('#' lines). */
void bench_show_sites(const char *title);

/* The repetitions to run: $BENCH_REPS if set, else fallback. */
int bench_reps(int fallback);

/* Resident bytes of the process's memory that is not a file's: the heap,
   anonymous mappings and the part of .bss past the file (summed from
   /proc/self/smaps).  Text that patching copied on write is not counted:
   it shows under its file's mapping. */
double bench_anonymous_bytes(void);

#endif /* BENCH_HARNESS_H */
