/* SPDX-License-Identifier: MIT */
/*
 * pvpatch-sites: a file's sites as the subcommands show them: each
 * site's record, the names of what it points at, and the clobber and
 * flag spellings of the text and JSON outputs.
 */
#include <inttypes.h>
#include <string.h>

#include "sites.h"

uint64_t site_count(const struct image *img)
{
	return (img->sites.end - img->sites.begin) / sizeof(struct pvpatch_site);
}

void site_view(const struct image *img, uint64_t i, struct site_view *v)
{
	v->entry = img->sites.begin + i * sizeof(struct pvpatch_site);
	v->addr = image_rel(img, v->entry);
	v->op = image_rel(img, v->entry + 4);
	if (!image_holds(img, v->op, sizeof(v->desc)))
		elf_bad(img->elf, "op descriptor of site %" PRIu64 " outside the "
			"file's sections", i);
	memcpy(&v->desc, img->bytes + v->op, sizeof(v->desc));
	if (v->desc.version != PVPATCH_ABI_VERSION)
		elf_bad(img->elf, "op descriptor of site %" PRIu64 " has unknown "
			"ABI version %u", i, v->desc.version);
}

/* An image offset by symbol: "name", "name+N" or its address. */
static const char *name_offset(const struct image *img, uint64_t off,
			       char *buf, size_t size)
{
	uint64_t distance = 0;
	const char *name = image_symbol_at(img, off, &distance);

	if (!name)
		return image_where(img, off, buf, size);
	if (distance)
		snprintf(buf, size, "%s+%" PRIu64, name, distance);
	else
		snprintf(buf, size, "%s", name);
	return buf;
}

/* A link address by symbol, or as a number if outside the image. */
static const char *name_address(const struct image *img, uint64_t addr,
				char *buf, size_t size)
{
	uint64_t off;

	if (image_offset_of(img, addr, &off))
		return name_offset(img, off, buf, size);
	snprintf(buf, size, "%#" PRIx64, addr);
	return buf;
}

const char *describe_offset(const struct image *img, uint64_t off, char *buf,
			    size_t size)
{
	char where[128], name[400];
	uint64_t distance = 0;

	image_where(img, off, where, sizeof(where));
	if (!image_symbol_at(img, off, &distance))
		snprintf(buf, size, "%s", where);
	else
		snprintf(buf, size, "%s (%s)", where, name_offset(img, off, name, sizeof(name)));
	return buf;
}

const char *describe_fault(const struct image *img, int64_t fault, char *buf,
			   size_t size)
{
	if (fault < 0 || !image_holds(img, (uint64_t)fault, 1))
		snprintf(buf, size, "a place outside the file");
	else
		describe_offset(img, (uint64_t)fault, buf, size);
	return buf;
}

const char *op_target_name(const struct image *img, const struct site_view *v,
			   char *buf, size_t size)
{
	uint64_t target = image_rel(img, v->op);
	const struct image_word *w;

	if (!(v->desc.flags & PVPATCH_OP_REF))
		return name_offset(img, target, buf, size);
	w = image_word_at(img, target);
	if (w && !w->symbol)
		return name_address(img, (uint64_t)w->addend, buf, size);
	if (w) {
		if (w->addend)
			snprintf(buf, size, "%s+%" PRId64, w->symbol, w->addend);
		else
			snprintf(buf, size, "%s", w->symbol);
		return buf;
	}
	if (!image_holds(img, target, elf_word_size(img->elf)))
		elf_bad(img->elf, "REF word outside the file's sections");
	return name_address(img, image_word(img, target), buf, size);
}

void print_clobbers(FILE *out, uint32_t mask, bool is_i386, const char *sep)
{
	bool any = false;

	for (unsigned bit = 0; bit < PVPATCH_REG_COUNT; bit++)
		if (mask & PVPATCH_REG_BIT(bit)) {
			fprintf(out, "%s%s", any ? sep : "", pvpatch_reg_name(bit, is_i386));
			any = true;
		}
	if (!any && !strcmp(sep, ","))
		fprintf(out, "none");
}

void print_flags(FILE *out, unsigned flags, const char *sep)
{
	fprintf(out, "%s", flags & PVPATCH_OP_INDIRECT ? "indirect" : "direct");
	if (flags & PVPATCH_OP_REF)
		fprintf(out, "%sref", sep);
	if (flags & PVPATCH_OP_STACK_ARGS)
		fprintf(out, "%sstack-args", sep);
	if (flags & PVPATCH_OP_I386)
		fprintf(out, "%si386", sep);
}

void print_json_string(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
	}
	fputc('"', out);
}

void print_json_flags(FILE *out, unsigned flags)
{
	fprintf(out, "[\"");
	print_flags(out, flags, "\", \"");
	fprintf(out, "\"]");
}

void print_json_clobbers(FILE *out, uint32_t mask, bool is_i386)
{
	fprintf(out, "[");
	if (mask) {
		fprintf(out, "\"");
		print_clobbers(out, mask, is_i386, "\", \"");
		fprintf(out, "\"");
	}
	fprintf(out, "]");
}
