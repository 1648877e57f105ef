/* SPDX-License-Identifier: MIT */
/*
 * list: one line per site, then a summary line (the lister's format,
 * which other code reads), or the same as JSON.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "sites.h"

static const struct option_spec list_options[] = {
	{ "--json", NULL, "one JSON object instead of lines" },
	{ NULL, NULL, NULL },
};

const struct command_spec list_command = {
	"list", "[--json] FILE",
	"List every site: address, size, op, flags, clobbers and bytes.",
	list_options,
};

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static void print_site(const struct image *img, const struct site_view *v,
		       bool json)
{
	char where[128], target[512];
	const unsigned char *bytes = image_file_bytes(img, v->addr, v->desc.size);
	bool is_i386 = v->desc.flags & PVPATCH_OP_I386;

	image_where(img, v->addr, where, sizeof(where));
	op_target_name(img, v, target, sizeof(target));
	if (!json) {
		printf("site %s size %u op %s flags ", where, v->desc.size, target);
		print_flags(stdout, v->desc.flags, ",");
		printf(" clobbers ");
		print_clobbers(stdout, v->desc.clobbers, is_i386, ",");
		printf(" bytes");
		for (unsigned i = 0; bytes && i < v->desc.size; i++)
			printf(" %02x", bytes[i]);
		printf("\n");
		return;
	}
	printf("    {\"address\": ");
	print_json_string(stdout, where);
	printf(", \"size\": %u, \"op\": ", v->desc.size);
	print_json_string(stdout, target);
	printf(", \"flags\": ");
	print_json_flags(stdout, v->desc.flags);
	printf(", \"clobbers\": ");
	print_json_clobbers(stdout, v->desc.clobbers, is_i386);
	printf(", \"bytes\": ");
	if (bytes) {
		printf("\"");
		for (unsigned i = 0; i < v->desc.size; i++)
			printf("%02x", bytes[i]);
		printf("\"");
	} else {
		printf("null");
	}
	printf("}");
}

int list_main(int argc, char **argv)
{
	const char *values[1];
	int first;
	bool json;
	struct elf_file f;
	struct image img;
	uint64_t count, distinct = 0, *ops, table_bytes;

	if (parse_command(&list_command, argc, argv, values, &first))
		return EXIT_USAGE;
	if (argc - first != 1)
		return usage_error("list", "needs one FILE");
	json = values[0];
	elf_open(&f, argv[first]);
	image_load(&img, &f);
	count = site_count(&img);
	table_bytes = img.sites.end - img.sites.begin;
	if (!elf_section_named(&f, PVPATCH_SITES_SECTION))
		elf_bad(&f, "no pvpatch site table (no section %s)", PVPATCH_SITES_SECTION);
	if (table_bytes % sizeof(struct pvpatch_site))
		elf_bad(&f, "site table of %" PRIu64 " bytes is not whole entries",
			table_bytes);
	ops = must_calloc(count, sizeof(*ops));
	if (json) {
		printf("{\"file\": ");
		print_json_string(stdout, f.path);
		printf(", \"sites\": [\n");
	}
	for (uint64_t i = 0; i < count; i++) {
		struct site_view v;

		site_view(&img, i, &v);
		print_site(&img, &v, json);
		if (json)
			printf("%s\n", i + 1 < count ? "," : "");
		ops[i] = v.op;
	}
	qsort(ops, count, sizeof(*ops), compare_u64);
	for (uint64_t i = 0; i < count; i++)
		distinct += !i || ops[i] != ops[i - 1];
	if (json)
		printf("  ], \"count\": %" PRIu64 ", \"ops\": %" PRIu64
		       ", \"table_bytes\": %" PRIu64 ", \"descriptor_bytes\": %" PRIu64 "}\n",
		       count, distinct, table_bytes,
		       distinct * (uint64_t)sizeof(struct pvpatch_op));
	else
		printf("%" PRIu64 " sites, %" PRIu64 " ops, %" PRIu64
		       " table bytes (%.1f per site), %" PRIu64 " descriptor bytes\n",
		       count, distinct, table_bytes, count ? (double)table_bytes / count : 0.0,
		       distinct * (uint64_t)sizeof(struct pvpatch_op));
	free(ops);
	image_free(&img);
	elf_close(&f);
	return 0;
}
