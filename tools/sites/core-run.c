/* SPDX-License-Identifier: MIT */
/*
 * The runtime's core on a copy of a file's image (core-run.h): linked with
 * the core's own objects, built from runtime/Makefile's one source list
 * with its flags.  Only the core's public interface is used.
 */
#define _DEFAULT_SOURCE	/* MAP_ANONYMOUS, MAP_NORESERVE */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "pvpatch_core.h"
#include "core-run.h"

/* All of len bytes through fd, one way or the other. */
static int transfer(int fd, unsigned char *p, uint64_t len, int out)
{
	while (len) {
		size_t chunk = len < (1u << 20) ? (size_t)len : (1u << 20);
		ssize_t n = out ? write(fd, p, chunk) : read(fd, p, chunk);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (uint64_t)n;
	}
	return 0;
}

int core_write_all(int fd, const void *buf, uint64_t len)
{
	return transfer(fd, (unsigned char *)buf, len, 1);
}

int core_read_all(int fd, void *buf, uint64_t len)
{
	return transfer(fd, buf, len, 0);
}

/* The image at base, its address words rebased from link addresses. */
static void rebase_words(unsigned char *base, const struct core_job *job,
			 const uint64_t *words)
{
	for (uint64_t i = 0; i < job->nwords; i++) {
		uintptr_t v;

		if (words[i] > job->size || job->size - words[i] < sizeof(v))
			continue;
		memcpy(&v, base + words[i], sizeof(v));
		if ((uint64_t)v >= job->link_base && (uint64_t)v - job->link_base < job->size)
			v = (uintptr_t)base + (uintptr_t)((uint64_t)v - job->link_base);
		memcpy(base + words[i], &v, sizeof(v));
	}
}

/* One table during the rounds: its entries (compacted as entries are
   blamed) and each one's index in the file's table. */
struct table {
	unsigned char *begin;
	size_t count, record;
	unsigned relative;	/* leading PC-relative int32 fields */
	uint64_t *index;
};

static void table_start(struct table *t, unsigned char *base, struct core_span s,
			size_t record, unsigned relative)
{
	*t = (struct table){ base + s.begin, (size_t)(s.end - s.begin) / record,
			     record, relative, NULL };
	t->index = calloc(t->count ? t->count : 1, sizeof(*t->index));
	for (size_t i = 0; t->index && i < t->count; i++)
		t->index[i] = i;
}

static const void *table_end(const struct table *t)
{
	return t->begin + t->count * t->record;
}

/* Keep the entries keep() accepts; a moved entry's PC-relative fields
   are adjusted so that they still reach what they reached.  Returns how
   many were dropped; *first the file index of the first of them. */
static size_t table_drop(struct table *t, int (*blamed)(const void *entry, const void *fault,
							 const void *ctx),
			 const void *fault, const void *ctx, uint64_t *first)
{
	size_t kept = 0, dropped = 0;

	for (size_t i = 0; i < t->count; i++) {
		unsigned char *from = t->begin + i * t->record;
		unsigned char *to = t->begin + kept * t->record;

		if (blamed(from, fault, ctx)) {
			if (!dropped++)
				*first = t->index[i];
			continue;
		}
		if (to != from) {
			memmove(to, from, t->record);
			for (unsigned k = 0; k < t->relative; k++) {
				uint32_t field;

				memcpy(&field, to + 4 * k, 4);
				field += (uint32_t)((i - kept) * t->record);
				memcpy(to + 4 * k, &field, 4);
			}
		}
		t->index[kept++] = t->index[i];
	}
	t->count = kept;
	return dropped;
}

static int site_has_op(const void *entry, const void *fault, const void *ctx)
{
	(void)ctx;
	return (const void *)pvpatch_site_op(entry) == fault;
}

static int site_at(const void *entry, const void *fault, const void *ctx)
{
	(void)ctx;
	return pvpatch_site_addr(entry) == fault;
}

static int is_record(const void *entry, const void *fault, const void *ctx)
{
	(void)ctx;
	return entry == fault;
}

/* A PVPATCH_INLINE record, or an instruction of its code. */
static int inline_holds(const void *entry, const void *fault, const void *ctx)
{
	const struct pvpatch_inline *r = entry;
	const unsigned char *code = pvpatch_rel(&r->code);

	(void)ctx;
	return entry == fault ||
	       ((const unsigned char *)fault >= code &&
		(const unsigned char *)fault < code + r->len);
}

/* Blame the entries behind err; 0 if none can be. */
static size_t blame(int err, const void *fault, struct table *sites,
		    struct table *impls, struct table *inlines,
		    struct core_problem *pr)
{
	switch (err) {
	case PVPATCH_ERR_BAD_OP:
		pr->table = CORE_TABLE_SITES;
		return table_drop(sites, site_has_op, fault, NULL, &pr->index);
	case PVPATCH_ERR_SITE_RANGE:
	case PVPATCH_ERR_SITE_BYTES:
	case PVPATCH_ERR_OVERLAP:
		pr->table = CORE_TABLE_SITES;
		return table_drop(sites, site_at, fault, NULL, &pr->index);
	case PVPATCH_ERR_BAD_IMPL:
		pr->table = CORE_TABLE_IMPLS;
		return table_drop(impls, is_record, fault, NULL, &pr->index);
	case PVPATCH_ERR_BAD_INLINE:
		pr->table = CORE_TABLE_INLINES;
		return table_drop(inlines, inline_holds, fault, NULL, &pr->index);
	default:
		pr->table = CORE_TABLE_NONE;
		return 0;
	}
}

static int write_copy(void *ctx, void *dst, const void *src, size_t len)
{
	(void)ctx;
	memcpy(dst, src, len);
	return PVPATCH_OK;
}

static int sync_nothing(void *ctx)
{
	(void)ctx;
	return PVPATCH_OK;
}

/* Apply every site's current binding in mode, as the runtime would. */
static void plan(struct pvpatch_object *obj, enum pvpatch_mode mode,
		 unsigned char *base, struct core_plan *out)
{
	struct pvpatch_object *objects[] = { obj };
	struct pvpatch_patcher p = {
		.objects = objects, .nobjects = 1,
		.writer = { write_copy, sync_nothing, NULL },
		.mode = mode,
	};
	int err = pvpatch_core_apply(&p);

	*out = (struct core_plan){ err, p.fault ? (int64_t)((const unsigned char *)p.fault - base) : 0,
				   p.stats.inlined, p.stats.directed, p.stats.nopped,
				   p.stats.left };
	p.mode = PVPATCH_MODE_QUIESCENT;
	pvpatch_core_revert(&p);
}

void core_run(const struct core_job *job, const struct core_range *ranges,
	      const uint64_t *words, const unsigned char *image,
	      struct core_result *res, struct core_problem *problems)
{
	size_t span = job->size ? (size_t)job->size : 1;
	unsigned char *base = mmap(NULL, span, PROT_READ | PROT_WRITE,
				   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	struct pvpatch_range *r = calloc(job->nranges ? job->nranges : 1, sizeof(*r));
	struct table sites, impls, inlines;
	struct pvpatch_object obj;
	void *work = NULL;
	int valid = 0;

	*res = (struct core_result){ .magic = CORE_JOB_MAGIC };
	if (base == MAP_FAILED || !r || (uint64_t)span != job->size + !job->size) {
		res->fatal = PVPATCH_ERR_NOMEM;
		return;
	}
	memcpy(base, image, job->size);
	rebase_words(base, job, words);
	for (uint64_t i = 0; i < job->nranges; i++)
		r[i] = (struct pvpatch_range){ (uintptr_t)(base + ranges[i].begin),
					       (uintptr_t)(base + ranges[i].end),
					       (unsigned)ranges[i].prot };
	table_start(&sites, base, job->sites, sizeof(struct pvpatch_site), 2);
	table_start(&impls, base, job->impls, sizeof(struct pvpatch_impl), 1);
	table_start(&inlines, base, job->inlines, sizeof(struct pvpatch_inline), 3);
	if (!sites.index || !impls.index || !inlines.index) {
		res->fatal = PVPATCH_ERR_NOMEM;
		return;
	}
	for (;;) {
		const void *fault;
		size_t size = 0;
		struct core_problem *pr;
		int err;

		/* The first round sees the tables as they are, a partial
		   entry at the end included. */
		int first = res->nproblems == 0;

		obj = (struct pvpatch_object){
			.sites = (const void *)sites.begin,
			.sites_end = first ? (const void *)(base + job->sites.end) : table_end(&sites),
			.impls = (const void *)impls.begin,
			.impls_end = first ? (const void *)(base + job->impls.end) : table_end(&impls),
			.inlines = (const void *)inlines.begin,
			.inlines_end = first ? (const void *)(base + job->inlines.end)
					     : table_end(&inlines),
			.ranges = r, .nranges = (unsigned)job->nranges,
		};
		err = pvpatch_object_measure(&obj, &size, &fault);
		if (!err) {
			work = malloc(size ? size : 1);
			if (!work) {
				res->fatal = PVPATCH_ERR_NOMEM;
				return;
			}
			err = pvpatch_object_init(&obj, work, size, &fault);
			if (!err) {
				valid = 1;
				break;
			}
			free(work);
			work = NULL;
		}
		if (res->nproblems == CORE_MAX_PROBLEMS) {
			res->more = 1;
			break;
		}
		pr = &problems[res->nproblems++];
		*pr = (struct core_problem){ err, (int64_t)((const unsigned char *)fault - base),
					     0, 0, 0 };
		pr->entries = blame(err, fault, &sites, &impls, &inlines, pr);
		if (!pr->entries)
			break;
	}
	if (valid && job->plan) {
		plan(&obj, PVPATCH_MODE_LIVE, base, &res->plan[0]);
		plan(&obj, PVPATCH_MODE_QUIESCENT, base, &res->plan[1]);
		res->planned = 1;
	}
	free(work);
	free(sites.index);
	free(impls.index);
	free(inlines.index);
	free(r);
	munmap(base, span);
}
