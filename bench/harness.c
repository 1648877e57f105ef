/* SPDX-License-Identifier: MIT */
/* Shared helpers of the benchmark programs; see harness.h. */
#define _GNU_SOURCE
#include <math.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <x86intrin.h>

#include "harness.h"
#include "pvpatch_runtime.h"

/* Timed runs of each loop per measurement; the fastest counts. */
#define ROUNDS 5

void bench_pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		perror("sched_setaffinity");
		exit(1);
	}
}

uint64_t bench_ticks(void)
{
	unsigned aux;

	/* rdtscp waits for the instructions before it to complete. */
	return __rdtscp(&aux);
}

double bench_seconds(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Keeps a loop's result alive without a store the loop would see. */
static volatile long sink;

static uint64_t timed_run(bench_loop loop, long n)
{
	uint64_t t0 = bench_ticks();

	sink = loop(n);
	return bench_ticks() - t0;
}

void bench_ticks_per_iter(const bench_loop *loops, int k, long n, double *ticks)
{
	for (int i = 0; i < k; i++) {
		sink = loops[i](n / 4 + 1);	/* caches, predictors, TLB */
		ticks[i] = INFINITY;
	}
	for (int r = 0; r < ROUNDS; r++) {
		for (int i = 0; i < k; i++) {
			double t = (double)timed_run(loops[i], n) / (double)n;

			if (t < ticks[i])
				ticks[i] = t;
		}
	}
}

void bench_sample(const char *id, const char *key, double value)
{
	printf("%s %s %.6g\n", id, key, value);
}

void bench_check(int err, const char *what)
{
	if (err == PVPATCH_OK)
		return;
	fprintf(stderr, "%s: %s\n", what, pvpatch_strerror(err));
	exit(1);
}

int bench_reps(int fallback)
{
	const char *s = getenv("BENCH_REPS");
	int n = s ? atoi(s) : 0;

	return n > 0 ? n : fallback;
}

void bench_expect_all(enum bench_form form, const char *what)
{
	static const char *const names[] = { "inlined", "direct calls", "left",
					     "patched" };
	struct pvpatch_stats st;
	unsigned long total, in_form;

	pvpatch_get_stats(&st);
	total = st.inlined + st.directed + st.nopped + st.left;
	in_form = form == BENCH_INLINED ? st.inlined :
		  form == BENCH_DIRECTED ? st.directed :
		  form == BENCH_LEFT ? st.left : total - st.left;
	if (total && in_form == total)
		return;
	fprintf(stderr, "%s: %lu of %lu sites %s (%lu inlined, %lu direct, "
		"%lu NOPs, %lu left)\n", what, in_form, total, names[form],
		st.inlined, st.directed, st.nopped, st.left);
	exit(1);
}

extern const struct pvpatch_site __start_pvpatch_sites[]
	__attribute__((visibility("hidden")));
extern const struct pvpatch_site __stop_pvpatch_sites[]
	__attribute__((visibility("hidden")));

void bench_show_sites(const char *title)
{
	printf("# %s\n", title);
	for (const struct pvpatch_site *s = __start_pvpatch_sites;
	     s < __stop_pvpatch_sites; s++) {
		const unsigned char *p = pvpatch_site_addr(s);

		printf("#   %p:", (const void *)p);
		for (unsigned i = 0; i < pvpatch_site_op(s)->size; i++)
			printf(" %02x", p[i]);
		printf("\n");
	}
}

/* A mapping line of smaps: "start-end perms offset dev inode [path]". */
static int counts_as_anonymous(const char *line)
{
	char path[256] = "";

	if (sscanf(line, "%*s %*s %*s %*s %*s %255s", path) < 1)
		return 1;
	return !strcmp(path, "[heap]");
}

double bench_anonymous_bytes(void)
{
	FILE *f = fopen("/proc/self/smaps", "r");
	char line[512];
	double bytes = 0;
	int counting = 0;
	unsigned long kb;

	if (!f) {
		perror("/proc/self/smaps");
		exit(1);
	}
	while (fgets(line, sizeof(line), f)) {
		size_t hex = strspn(line, "0123456789abcdef");

		if (hex && line[hex] == '-')
			counting = counts_as_anonymous(line);
		else if (counting && sscanf(line, "Rss: %lu kB", &kb) == 1)
			bytes += (double)kb * 1024;
	}
	fclose(f);
	return bytes;
}
