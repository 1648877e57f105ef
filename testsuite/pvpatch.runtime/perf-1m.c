/* 1,000,000 sites are validated and patched by one pvpatch_apply in at
   most 50 ms of CPU time (user and kernel, all threads) on x86-64, the
   target; i386 code is slower and is held to 60 ms to catch regressions.
   CPU time rather than wall time, and the best of three runs, each in a
   fresh child process: the testsuite shares its machine with other jobs. */
/* { dg-options "-O2" } */
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "fixture.h"

#define SITES 1000000
#ifdef __x86_64__
#define BUDGET_MS 50
#else
#define BUDGET_MS 60
#endif

__attribute__((noinline)) unsigned long forty_two(void) { return 42; }
FIXTURE_OP(op_many, forty_two, "REG_ABI", 8, 0);
__asm__(".text\n" FIXTURE_NOPS ".globl many_sites\n.type many_sites, @function\nmany_sites:\n"
	".rept " FIXTURE_STR(SITES) "\n"
	"1:\tcall forty_two\n\t.nops 3\n"
	"\t.pushsection pvpatch_sites,\"a\"\n\t.balign 4\n"
	"\t.long 1b - .\n\t.long op_many - .\n\t.popsection\n"
	".endr\n\tret\n" FIXTURE_SITES_NOTE);
extern unsigned char many_sites[];

static double now_ms(clockid_t clock)
{
	struct timespec t;

	clock_gettime(clock, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

/* The CPU time of a first pvpatch_apply in a child, which has not seen
   the tables yet; negative if it failed. */
static double measure_in_child(void)
{
	int fds[2];
	double ms = -1;
	pid_t pid;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid == 0) {
		double cpu = now_ms(CLOCK_PROCESS_CPUTIME_ID);

		if (!pvpatch_apply())
			cpu = now_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu;
		else
			cpu = -1;
		_exit(write(fds[1], &cpu, sizeof(cpu)) != sizeof(cpu));
	}
	if (pid < 0 || read(fds[0], &ms, sizeof(ms)) != sizeof(ms))
		ms = -1;
	waitpid(pid, NULL, 0);
	close(fds[0]);
	close(fds[1]);
	return ms;
}

int main(void)
{
	double best = -1;

	for (int i = 0; i < 3; i++) {
		double ms = measure_in_child();

		fprintf(stderr, "perf-1m: apply took %.1f ms CPU\n", ms);
		if (ms >= 0 && (best < 0 || ms < best))
			best = ms;
	}
	FIXTURE_CHECK(pvpatch_apply());
	fixture_print_stats("apply");
	fixture_print_bytes("last site", many_sites + 8 * (SITES - 1), 8);
	printf("within budget: %s\n", best >= 0 && best <= BUDGET_MS ? "yes" : "no");
	return 0;
}
/* { dg-output "apply: inlined 1000000 directed 0 nopped 0 left 0\n" } */
/* { dg-output "last site: b8 2a 00 00 00 0f 1f 00\n" } */
/* { dg-output "within budget: yes" } */
