/* SPDX-License-Identifier: MIT */
/*
 * check: the file's tables validated by the runtime's own core, as the
 * runtime validates them before it writes a byte; every problem reported
 * with the entry it blames and the runtime's status.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sites.h"

static const struct option_spec check_options[] = {
	{ NULL, NULL, NULL },
};

const struct command_spec check_command = {
	"check", "FILE",
	"Validate the tables as the runtime does; exit status 1 on any problem.",
	check_options,
};

static void report(const struct image *img, const struct core_problem *pr)
{
	char at[600], more[64] = "";
	uint64_t entry;

	if (pr->entries > 1)
		snprintf(more, sizeof(more), " and %" PRIu64 " more", pr->entries - 1);
	printf("%s: ", img->elf->path);
	switch (pr->table) {
	case CORE_TABLE_SITES:
		entry = img->sites.begin + pr->index * sizeof(struct pvpatch_site);
		if (pr->err == PVPATCH_ERR_BAD_OP) {
			printf("op descriptor at %s of site %" PRIu64 "%s",
			       describe_fault(img, pr->fault, at, sizeof(at)), pr->index, more);
			break;
		}
		printf("site %" PRIu64 "%s at %s", pr->index, more,
		       describe_fault(img, (int64_t)image_rel(img, entry), at, sizeof(at)));
		break;
	case CORE_TABLE_IMPLS:
		printf("implementation record %" PRIu64 " at %s", pr->index,
		       describe_fault(img, (int64_t)(img->impls.begin + pr->index *
						  sizeof(struct pvpatch_impl)),
				   at, sizeof(at)));
		break;
	case CORE_TABLE_INLINES:
		entry = img->inlines.begin + pr->index * sizeof(struct pvpatch_inline);
		printf("PVPATCH_INLINE record %" PRIu64 " at %s", pr->index,
		       describe_fault(img, (int64_t)entry, at, sizeof(at)));
		if ((uint64_t)pr->fault != entry)
			printf(", its code at %s", describe_fault(img, pr->fault, at, sizeof(at)));
		break;
	default:
		printf("tables, at %s", describe_fault(img, pr->fault, at, sizeof(at)));
		break;
	}
	printf(": %s (%s)\n", status_name((int)pr->err), pvpatch_strerror((int)pr->err));
}

int check_main(int argc, char **argv)
{
	int first;
	struct elf_file f;
	struct image img;
	struct core_result res;
	struct core_problem *problems;

	if (parse_command(&check_command, argc, argv, NULL, &first))
		return EXIT_USAGE;
	if (argc - first != 1)
		return usage_error("check", "needs one FILE");
	elf_open(&f, argv[first]);
	image_load(&img, &f);
	if (!elf_section_named(&f, PVPATCH_SITES_SECTION))
		elf_bad(&f, "no pvpatch site table (no section %s)", PVPATCH_SITES_SECTION);
	problems = runtime_verdict(&img, false, &res);
	for (uint64_t i = 0; i < res.nproblems; i++)
		report(&img, &problems[i]);
	if (res.more)
		printf("%s: more problems after these %u\n", f.path, CORE_MAX_PROBLEMS);
	if (!res.nproblems)
		printf("%s: valid: %" PRIu64 " sites, %" PRIu64 " implementation records, %"
		       PRIu64 " PVPATCH_INLINE records\n", f.path, site_count(&img),
		       (img.impls.end - img.impls.begin) / sizeof(struct pvpatch_impl),
		       (img.inlines.end - img.inlines.begin) / sizeof(struct pvpatch_inline));
	free(problems);
	image_free(&img);
	elf_close(&f);
	return res.nproblems ? 1 : 0;
}
