/* SPDX-License-Identifier: MIT */
/*
 * pvpatch-sites-core32 JOB RESULT: core-run.c built with -m32, for
 * pvpatch-sites to run the i386 core on an i386 file's tables
 * (verdict.c).  Reads the job from file JOB, writes the result to file
 * RESULT; exit status 1 if either fails.  Not meant to be run by hand.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "core-run.h"

int main(int argc, char **argv)
{
	struct core_job job;
	struct core_range *ranges;
	uint64_t *words;
	unsigned char *image;
	struct core_problem *problems;
	struct core_result res;
	int in, out;

	if (argc != 3 || (in = open(argv[1], O_RDONLY)) < 0)
		return 1;
	if (core_read_all(in, &job, sizeof(job)) || job.magic != CORE_JOB_MAGIC ||
	    job.is64 || job.size > UINT32_MAX / 2 || job.nranges > UINT32_MAX / 64 ||
	    job.nwords > UINT32_MAX / 64)
		return 1;
	ranges = calloc(job.nranges + 1, sizeof(*ranges));
	words = calloc(job.nwords + 1, sizeof(*words));
	image = malloc(job.size + 1);
	problems = calloc(CORE_MAX_PROBLEMS, sizeof(*problems));
	if (!ranges || !words || !image || !problems ||
	    core_read_all(in, ranges, job.nranges * sizeof(*ranges)) ||
	    core_read_all(in, words, job.nwords * sizeof(*words)) ||
	    core_read_all(in, image, job.size))
		return 1;
	core_run(&job, ranges, words, image, &res, problems);
	out = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0600);
	return out < 0 || core_write_all(out, &res, sizeof(res)) ||
	       core_write_all(out, problems, res.nproblems * sizeof(*problems)) ||
	       close(out);
}
