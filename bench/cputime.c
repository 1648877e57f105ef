/* SPDX-License-Identifier: MIT */
/*
 * cputime COMMAND [ARG...]: run COMMAND and print the CPU time (user plus
 * system, in seconds) that it and its children used.  P5 times compilers
 * with it: CPU time, unlike elapsed time, does not count the time other
 * programs on a shared machine hold the CPU.  Exits with COMMAND's status.
 */
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static double seconds(struct timeval t)
{
	return (double)t.tv_sec + (double)t.tv_usec * 1e-6;
}

int main(int argc, char **argv)
{
	struct rusage use;
	int status;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: cputime COMMAND [ARG...]\n");
		return 2;
	}
	pid = fork();
	if (pid == 0) {
		execvp(argv[1], argv + 1);
		perror(argv[1]);
		_exit(127);
	}
	/* wait4's usage covers the child and the descendants it waited for. */
	if (pid < 0 || wait4(pid, &status, 0, &use) != pid) {
		perror("cputime");
		return 1;
	}
	printf("%.6f\n", seconds(use.ru_utime) + seconds(use.ru_stime));
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
