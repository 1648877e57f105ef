/* SPDX-License-Identifier: MIT */
/*
 * Running the runtime's own core on a file's tables (core-run.c): its
 * validation (pvpatch_object_measure, pvpatch_object_init) and its
 * planning (pvpatch_core_apply into a copy of the image).
 *
 * The core is built for one width, and reads tables in place through
 * pointers of that width.  x86-64 files are run in this process; i386
 * files by pvpatch-sites-core32, the same code built with -m32, to which
 * the job goes through a pipe in the form below (only 64-bit fields, so
 * both widths lay it out alike).
 */
#ifndef SITES_CORE_RUN_H
#define SITES_CORE_RUN_H

#include <stdint.h>

#define CORE_JOB_MAGIC UINT64_C(0x70767369746573a1)	/* "pvsites" */
#define CORE_MAX_PROBLEMS 1000

struct core_span {
	uint64_t begin, end;	/* image offsets */
};

struct core_range {
	uint64_t begin, end, prot;
};

/* The job, followed on the pipe by ranges[nranges], words[nwords] and the
   image's size bytes. */
struct core_job {
	uint64_t magic;
	uint64_t is64;		/* the width the tables are for */
	uint64_t size, link_base;
	uint64_t nranges;
	uint64_t nwords;	/* image offsets of words holding link addresses */
	struct core_span sites, impls, inlines;
	uint64_t plan;		/* plan too, if the tables are valid */
};

enum core_table { CORE_TABLE_NONE, CORE_TABLE_SITES, CORE_TABLE_IMPLS,
		  CORE_TABLE_INLINES };

/* One problem the core found.  Each is found with the entries it blames
   left out of the next round, so that every problem is reported. */
struct core_problem {
	int64_t err;		/* enum pvpatch_status */
	int64_t fault;		/* the core's fault, as an image offset */
	uint64_t table;		/* enum core_table of the blamed entries */
	uint64_t index;		/* the first blamed entry's index in it */
	uint64_t entries;	/* how many entries were blamed */
};

/* An operation's outcome: apply in live mode, then in quiescent mode. */
struct core_plan {
	int64_t err;
	int64_t fault;
	uint64_t inlined, directed, nopped, left;
};

/* The result, followed on the pipe by problems[nproblems]. */
struct core_result {
	uint64_t magic;
	uint64_t nproblems;
	uint64_t more;		/* CORE_MAX_PROBLEMS were reported, and more remain */
	uint64_t planned;
	struct core_plan plan[2];
	int64_t fatal;		/* nonzero: the run failed (no memory) */
};

/* Run job on the image in this process (its width must be the job's);
   problems has room for CORE_MAX_PROBLEMS. */
void core_run(const struct core_job *job, const struct core_range *ranges,
	      const uint64_t *words, const unsigned char *image,
	      struct core_result *res, struct core_problem *problems);

/* The job in the form the pipe carries, and back: read and write all of
   a descriptor or fail (-1). */
int core_write_all(int fd, const void *buf, uint64_t len);
int core_read_all(int fd, void *buf, uint64_t len);

#endif /* SITES_CORE_RUN_H */
