/* SPDX-License-Identifier: MIT */
/*
 * stats: the sites per op, per clobber set and per size; the bytes the
 * tables take; and what the sites would become with the implementations
 * the file holds, as the runtime's own planning decides (apply with
 * every op at its current binding, live and quiescent).
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sites.h"

static const struct option_spec stats_options[] = {
	{ "--json", NULL, "one JSON object instead of lines" },
	{ NULL, NULL, NULL },
};

const struct command_spec stats_command = {
	"stats", "[--json] FILE",
	"Count sites per op, clobber set and size, and what they can become.",
	stats_options,
};

static int compare_ops(const void *a, const void *b)
{
	const struct site_view *x = a, *y = b;

	return x->op < y->op ? -1 : x->op > y->op;
}

static int compare_clobbers(const void *a, const void *b)
{
	const struct site_view *x = a, *y = b;

	return x->desc.clobbers < y->desc.clobbers ? -1 : x->desc.clobbers > y->desc.clobbers;
}

struct stats_out {
	bool json;
	const struct image *img;
	bool started;	/* a JSON array has an element */
};

static void begin_list(struct stats_out *o, const char *name)
{
	if (o->json)
		printf(", \"%s\": [", name);
	o->started = false;
}

static void end_list(struct stats_out *o)
{
	if (o->json)
		printf("\n  ]");
}

static void element(struct stats_out *o)
{
	if (o->json)
		printf("%s\n    {", o->started ? "," : "");
	o->started = true;
}

/* Sites per op: v sorted by op. */
static void per_op(struct stats_out *o, const struct site_view *v, uint64_t n)
{
	char name[512];

	begin_list(o, "ops");
	for (uint64_t i = 0, j; i < n; i = j) {
		bool is_i386 = v[i].desc.flags & PVPATCH_OP_I386;

		for (j = i; j < n && v[j].op == v[i].op; j++)
			;
		op_target_name(o->img, &v[i], name, sizeof(name));
		element(o);
		if (o->json) {
			printf("\"op\": ");
			print_json_string(stdout, name);
			printf(", \"sites\": %" PRIu64 ", \"size\": %u, \"flags\": ",
			       j - i, v[i].desc.size);
			print_json_flags(stdout, v[i].desc.flags);
			printf(", \"clobbers\": ");
			print_json_clobbers(stdout, v[i].desc.clobbers, is_i386);
			printf("}");
			continue;
		}
		printf("op %s: %" PRIu64 " sites, size %u, flags ", name, j - i,
		       v[i].desc.size);
		print_flags(stdout, v[i].desc.flags, ",");
		printf(", clobbers ");
		print_clobbers(stdout, v[i].desc.clobbers, is_i386, ",");
		printf("\n");
	}
	end_list(o);
}

/* Sites per clobber set: v sorted by clobbers. */
static void per_clobbers(struct stats_out *o, const struct site_view *v, uint64_t n)
{
	begin_list(o, "clobber_sets");
	for (uint64_t i = 0, j; i < n; i = j) {
		bool is_i386 = v[i].desc.flags & PVPATCH_OP_I386;

		for (j = i; j < n && v[j].desc.clobbers == v[i].desc.clobbers; j++)
			;
		element(o);
		if (o->json) {
			printf("\"clobbers\": ");
			print_json_clobbers(stdout, v[i].desc.clobbers, is_i386);
			printf(", \"sites\": %" PRIu64 "}", j - i);
			continue;
		}
		printf("clobbers ");
		print_clobbers(stdout, v[i].desc.clobbers, is_i386, ",");
		printf(": %" PRIu64 " sites\n", j - i);
	}
	end_list(o);
}

static void per_size(struct stats_out *o, const struct site_view *v, uint64_t n)
{
	uint64_t count[256] = { 0 };

	for (uint64_t i = 0; i < n; i++)
		count[v[i].desc.size]++;
	begin_list(o, "sizes");
	for (unsigned size = 0; size < 256; size++) {
		if (!count[size])
			continue;
		element(o);
		if (o->json)
			printf("\"size\": %u, \"sites\": %" PRIu64 "}", size, count[size]);
		else
			printf("size %u: %" PRIu64 " sites\n", size, count[size]);
	}
	end_list(o);
}

static void outcome(struct stats_out *o, const char *mode, const struct core_plan *p)
{
	char at[600];

	if (o->json) {
		printf(", \"%s\": {", mode);
		if (p->err) {
			printf("\"refused\": \"%s\", \"at\": ", status_name((int)p->err));
			print_json_string(stdout, describe_fault(o->img, p->fault, at, sizeof(at)));
			printf("}");
			return;
		}
		printf("\"inlined\": %" PRIu64 ", \"directed\": %" PRIu64 ", \"nopped\": %"
		       PRIu64 ", \"left\": %" PRIu64 "}", p->inlined, p->directed, p->nopped,
		       p->left);
		return;
	}
	if (p->err) {
		printf("%s: refused at %s: %s (%s)\n", mode,
		       describe_fault(o->img, p->fault, at, sizeof(at)),
		       status_name((int)p->err), pvpatch_strerror((int)p->err));
		return;
	}
	printf("%s: inlined %" PRIu64 " directed %" PRIu64 " nopped %" PRIu64
	       " left %" PRIu64 "\n", mode, p->inlined, p->directed, p->nopped, p->left);
}

int stats_main(int argc, char **argv)
{
	const char *values[1];
	int first;
	struct elf_file f;
	struct image img;
	struct core_result res;
	struct core_problem *problems;
	struct site_view *v;
	uint64_t n, ops = 0, impls, inlines;
	struct stats_out o = { 0 };

	if (parse_command(&stats_command, argc, argv, values, &first))
		return EXIT_USAGE;
	if (argc - first != 1)
		return usage_error("stats", "needs one FILE");
	o.json = values[0];
	elf_open(&f, argv[first]);
	image_load(&img, &f);
	o.img = &img;
	if (!elf_section_named(&f, PVPATCH_SITES_SECTION))
		elf_bad(&f, "no pvpatch site table (no section %s)", PVPATCH_SITES_SECTION);
	problems = runtime_verdict(&img, true, &res);
	free(problems);
	if (res.nproblems) {
		fprintf(stderr, "pvpatch-sites: %s: the runtime rejects its tables "
			"(pvpatch-sites check %s)\n", f.path, f.path);
		return 1;
	}
	n = site_count(&img);
	v = must_calloc(n, sizeof(*v));
	for (uint64_t i = 0; i < n; i++)
		site_view(&img, i, &v[i]);
	qsort(v, n, sizeof(*v), compare_ops);
	for (uint64_t i = 0; i < n; i++)
		ops += !i || v[i].op != v[i - 1].op;
	impls = (img.impls.end - img.impls.begin) / sizeof(struct pvpatch_impl);
	inlines = (img.inlines.end - img.inlines.begin) / sizeof(struct pvpatch_inline);
	if (o.json) {
		printf("{\"file\": ");
		print_json_string(stdout, f.path);
		printf(", \"sites\": %" PRIu64 ", \"op_count\": %" PRIu64
		       ", \"table_bytes\": %" PRIu64 ", \"descriptor_bytes\": %" PRIu64
		       ", \"impl_records\": %" PRIu64 ", \"inline_records\": %" PRIu64,
		       n, ops, img.sites.end - img.sites.begin,
		       ops * (uint64_t)sizeof(struct pvpatch_op), impls, inlines);
	} else {
		printf("%" PRIu64 " sites, %" PRIu64 " ops, %" PRIu64 " table bytes, %"
		       PRIu64 " descriptor bytes, %" PRIu64 " implementation records, %"
		       PRIu64 " PVPATCH_INLINE records\n",
		       n, ops, img.sites.end - img.sites.begin,
		       ops * (uint64_t)sizeof(struct pvpatch_op), impls, inlines);
	}
	per_op(&o, v, n);
	qsort(v, n, sizeof(*v), compare_clobbers);
	per_clobbers(&o, v, n);
	per_size(&o, v, n);
	outcome(&o, "live", &res.plan[0]);
	outcome(&o, "quiescent", &res.plan[1]);
	if (o.json)
		printf("}\n");
	free(v);
	image_free(&img);
	elf_close(&f);
	return 0;
}
