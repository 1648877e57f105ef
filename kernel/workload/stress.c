/* SPDX-License-Identifier: MIT */
/*
 * /stress ROLE SECONDS IN-FD OUT-FD: one of the two stress programs
 * make check-linux's /init runs, pinned one to each CPU.  Every round maps
 * 256 KiB, faults it in, makes it read-only, checks it, unmaps it, forks
 * a child every 16th round, and passes a token to the other CPU's program
 * through a pipe; the leader ends after SECONDS by closing its end, the
 * follower when it reads that.  Exits 0 only if every round stayed on the
 * CPU it was pinned to, every check held and at least one round ran.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define LEN (256 << 10)

static int fail(const char *role, const char *what, long round)
{
	printf("    stress %s: %s in round %ld\n", role, what, round);
	return 1;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* The memory work of one round; 0 if it all checked out. */
static int churn(long round)
{
	unsigned char *p = mmap(NULL, LEN, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	int bad = 0;

	if (p == MAP_FAILED)
		return 1;
	for (long i = 0; i < LEN; i += 512)
		p[i] = (unsigned char)(round + i);
	bad |= mprotect(p, LEN, PROT_READ);
	for (long i = 0; i < LEN; i += 512)
		bad |= p[i] != (unsigned char)(round + i);
	if (round % 16 == 0) {
		pid_t pid = fork();
		int ws;

		if (pid == 0)
			_exit(p[LEN - 512] != (unsigned char)(round + LEN - 512));
		bad |= pid < 0 || waitpid(pid, &ws, 0) != pid || ws != 0;
	}
	bad |= munmap(p, LEN);
	return bad;
}

int main(int argc, char **argv)
{
	const char *role;
	int leader, cpu, in, out;
	double end;
	long round;
	char token = 't';

	if (argc != 5)
		return 2;
	role = argv[1];
	leader = strcmp(role, "leader") == 0;
	end = now() + atof(argv[2]);
	in = atoi(argv[3]);
	out = atoi(argv[4]);
	cpu = sched_getcpu();
	for (round = 0;; round++) {
		if (leader && now() >= end)
			break;
		if (!leader) {
			ssize_t n = read(in, &token, 1);

			if (n == 0)
				break;
			if (n != 1)
				return fail(role, "no token", round);
		}
		if (sched_getcpu() != cpu)
			return fail(role, "moved to another CPU", round);
		if (churn(round))
			return fail(role, "memory check failed", round);
		if (write(out, &token, 1) != 1)
			return fail(role, "token not passed on", round);
		if (leader && read(in, &token, 1) != 1)
			return fail(role, "no token back", round);
	}
	printf("    stress %s: %ld rounds on CPU %d\n", role, round, cpu);
	return round > 0 ? 0 : fail(role, "no round", round);
}
