/* SPDX-License-Identifier: MIT */
/*
 * The runtime's verdict on an image (sites.h): the job for core-run.c,
 * run in this process for tables of this process's width, else by the
 * other width's pvpatch-sites-core32.
 */
#define _DEFAULT_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sites.h"

#ifndef SITES_CORE32
#define SITES_CORE32 "/usr/local/lib/pvpatch/pvpatch-sites-core32"
#endif
#define CORE32_NAME "pvpatch-sites-core32"

struct words {
	uint64_t *at;
	size_t count, room;
};

/* Note the address word at image offset off, if it lies inside. */
static void add_word(const struct image *img, struct words *w, uint64_t off)
{
	if (!image_holds(img, off, elf_word_size(img->elf)))
		return;
	if (w->count == w->room) {
		w->room = w->room ? 2 * w->room : 64;
		w->at = realloc(w->at, w->room * sizeof(*w->at));
		if (!w->at)
			must_calloc(SIZE_MAX, SIZE_MAX);	/* reports, exits */
	}
	w->at[w->count++] = off;
}

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* The words the core reads addresses from: REF words, slots, and the
   REF words of PVPATCH_INLINE records.  Whatever a corrupted table
   points at is skipped here: judging it is the core's. */
static void find_words(const struct image *img, struct words *w)
{
	size_t kept = 0;

	for (uint64_t e = img->sites.begin; e + 8 <= img->sites.end; e += 8) {
		uint64_t op = image_rel(img, e + 4), target, slot;
		struct pvpatch_op d;

		if (!image_holds(img, op, sizeof(d)))
			continue;
		memcpy(&d, img->bytes + op, sizeof(d));
		target = image_rel(img, op);
		if (d.flags & PVPATCH_OP_REF) {
			add_word(img, w, target);
			if (!(d.flags & PVPATCH_OP_INDIRECT) ||
			    !image_holds(img, target, elf_word_size(img->elf)) ||
			    !image_offset_of(img, image_word(img, target), &slot))
				continue;
			add_word(img, w, slot);
		} else if (d.flags & PVPATCH_OP_INDIRECT) {
			add_word(img, w, target);
		}
	}
	for (uint64_t r = img->inlines.begin; r + 16 <= img->inlines.end; r += 16)
		if (img->bytes[r + 15] & PVPATCH_INLINE_REF)
			add_word(img, w, image_rel(img, r));
	if (!w->count)
		return;
	qsort(w->at, w->count, sizeof(*w->at), compare_u64);
	for (size_t i = 0; i < w->count; i++)
		if (!i || w->at[i] != w->at[i - 1])
			w->at[kept++] = w->at[i];
	w->count = kept;
}

/* The helper for the other width: beside this program (a build tree),
   else where it is installed. */
static const char *core32_path(char *buf, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", buf, size - sizeof(CORE32_NAME) - 1);
	char *slash;

	if (n > 0) {
		buf[n] = 0;
		slash = strrchr(buf, '/');
		if (slash) {
			strcpy(slash + 1, CORE32_NAME);
			if (!access(buf, X_OK))
				return buf;
		}
	}
	return SITES_CORE32;
}

/* Write a file whole, or elf_bad(). */
static void write_file(const struct image *img, int fd, const char *path,
		       const void *a, uint64_t alen, const void *b, uint64_t blen,
		       const void *c, uint64_t clen, const void *d, uint64_t dlen)
{
	if (core_write_all(fd, a, alen) || core_write_all(fd, b, blen) ||
	    core_write_all(fd, c, clen) || core_write_all(fd, d, dlen) || close(fd))
		elf_bad(img->elf, "cannot write %s: %s", path, strerror(errno));
}

/* Run the job in pvpatch-sites-core32, through files: the job in one,
   the result in another.  A host that cannot run i386 programs may name
   a command that runs them elsewhere in PVPATCH_SITES_RUN_I386. */
static void run_elsewhere(const struct image *img, const struct core_job *job,
			  const struct core_range *ranges, const uint64_t *words,
			  struct core_result *res, struct core_problem *problems)
{
	char buf[PATH_MAX], job_path[PATH_MAX], result_path[PATH_MAX + 8];
	const char *helper = core32_path(buf, sizeof(buf));
	const char *runner = getenv("PVPATCH_SITES_RUN_I386");
	const char *tmp = getenv("TMPDIR");
	int fd, status, failed;
	pid_t pid;

	snprintf(job_path, sizeof(job_path), "%s/pvpatch-sites.XXXXXX",
		 tmp && *tmp ? tmp : "/tmp");
	fd = mkstemp(job_path);
	if (fd < 0)
		elf_bad(img->elf, "cannot make a temporary file: %s", strerror(errno));
	write_file(img, fd, job_path, job, sizeof(*job), ranges,
		   job->nranges * sizeof(*ranges), words, job->nwords * sizeof(*words),
		   img->bytes, job->size);
	snprintf(result_path, sizeof(result_path), "%s.result", job_path);
	pid = fork();
	if (pid < 0)
		elf_bad(img->elf, "cannot fork: %s", strerror(errno));
	if (pid == 0) {
		if (runner && *runner)
			execlp(runner, runner, helper, job_path, result_path, (char *)NULL);
		else
			execl(helper, helper, job_path, result_path, (char *)NULL);
		_exit(127);
	}
	failed = waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		 WEXITSTATUS(status) != 0;
	unlink(job_path);
	fd = failed ? -1 : open(result_path, O_RDONLY);
	failed = fd < 0 || core_read_all(fd, res, sizeof(*res)) ||
		 res->magic != CORE_JOB_MAGIC || res->nproblems > CORE_MAX_PROBLEMS ||
		 core_read_all(fd, problems, res->nproblems * sizeof(*problems));
	if (fd >= 0)
		close(fd);
	unlink(result_path);
	if (failed)
		elf_bad(img->elf, "the i386 core %s%s%s did not run (a host that runs "
			"no i386 programs needs PVPATCH_SITES_RUN_I386)", helper,
			runner && *runner ? " under " : "", runner && *runner ? runner : "");
}

struct core_problem *runtime_verdict(const struct image *img, bool plan,
				     struct core_result *res)
{
	struct core_job job = {
		.magic = CORE_JOB_MAGIC, .is64 = img->elf->is64,
		.size = img->size, .link_base = img->link_base,
		.nranges = img->nranges,
		.sites = { img->sites.begin, img->sites.end },
		.impls = { img->impls.begin, img->impls.end },
		.inlines = { img->inlines.begin, img->inlines.end },
		.plan = plan,
	};
	struct core_range *ranges = must_calloc(img->nranges, sizeof(*ranges));
	struct core_problem *problems = must_calloc(CORE_MAX_PROBLEMS, sizeof(*problems));
	struct words w = { 0 };

	for (unsigned i = 0; i < img->nranges; i++)
		ranges[i] = (struct core_range){ img->ranges[i].begin, img->ranges[i].end,
						 img->ranges[i].prot };
	find_words(img, &w);
	job.nwords = w.count;
	if (img->elf->is64 == (sizeof(void *) == 8))
		core_run(&job, ranges, w.at, img->bytes, res, problems);
	else
		run_elsewhere(img, &job, ranges, w.at, res, problems);
	free(w.at);
	free(ranges);
	if (res->fatal)
		elf_bad(img->elf, "the core could not run: %s", pvpatch_strerror((int)res->fatal));
	return problems;
}

const char *status_name(int err)
{
	static const char *const names[] = {
		"PVPATCH_OK", "PVPATCH_ERR_BAD_NOTE", "PVPATCH_ERR_BAD_OP",
		"PVPATCH_ERR_SITE_RANGE", "PVPATCH_ERR_SITE_BYTES",
		"PVPATCH_ERR_OVERLAP", "PVPATCH_ERR_BAD_IMPL",
		"PVPATCH_ERR_BAD_INLINE", "PVPATCH_ERR_INVAL",
		"PVPATCH_ERR_UNKNOWN_OP", "PVPATCH_ERR_CLOBBERS",
		"PVPATCH_ERR_RANGE", "PVPATCH_ERR_NOT_LIVE", "PVPATCH_ERR_NOMEM",
		"PVPATCH_ERR_WRITE", "PVPATCH_ERR_SYNC",
	};

	return err <= 0 && -err < (int)(sizeof(names) / sizeof(names[0])) ? names[-err]
									 : "PVPATCH_ERR_?";
}
