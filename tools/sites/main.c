/* SPDX-License-Identifier: MIT */
/*
 * pvpatch-sites: the one command-line tool for pvpatch's sites
 * (man/pvpatch-sites.1).  This file: the subcommands, their options and
 * help, and what several of them print.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sites.h"

struct command {
	const struct command_spec *spec;
	int (*main)(int argc, char **argv);
};

static const struct command commands[] = {
	{ &list_command, list_main },
	{ &check_command, check_main },
	{ &stats_command, stats_main },
	{ &scan_command, scan_main },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

/* ---- Command lines ---- */

int usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pvpatch-sites%s%s: ", command ? " " : "", command ? command : "");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (pvpatch-sites%s%s --help)\n", command ? " " : "",
		command ? command : "");
	return EXIT_USAGE;
}

void command_help(const struct command_spec *spec, FILE *out)
{
	fprintf(out, "Usage: pvpatch-sites %s %s\n%s\n", spec->name, spec->args,
		spec->summary);
	if (spec->options[0].name)
		fprintf(out, "\nOptions:\n");
	for (const struct option_spec *o = spec->options; o->name; o++) {
		int width = (int)strlen(o->name) + (o->value ? 1 + (int)strlen(o->value) : 0);

		fprintf(out, "  %s%s%s%*s%s\n", o->name, o->value ? " " : "",
			o->value ? o->value : "", width < 20 ? 20 - width : 1, "",
			o->help);
	}
	fprintf(out, "  --help              this help\n");
}

int parse_command(const struct command_spec *spec, int argc, char **argv,
		  const char **values, int *first)
{
	int i;

	for (unsigned k = 0; spec->options[k].name; k++)
		values[k] = NULL;
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];
		const struct option_spec *o;
		size_t len;

		if (!strcmp(arg, "--")) {
			i++;
			break;
		}
		if (arg[0] != '-' || !arg[1])
			break;
		if (!strcmp(arg, "--help")) {
			command_help(spec, stdout);
			exit(0);
		}
		for (o = spec->options; o->name; o++) {
			len = strlen(o->name);
			if (!strncmp(arg, o->name, len) &&
			    (!arg[len] || (arg[len] == '=' && o->value)))
				break;
		}
		if (!o->name) {
			usage_error(spec->name, "unknown option '%s'", arg);
			return -1;
		}
		if (values[o - spec->options]) {
			usage_error(spec->name, "%s given twice", o->name);
			return -1;
		}
		if (!o->value) {
			values[o - spec->options] = o->name;
		} else if (arg[len] == '=') {
			values[o - spec->options] = arg + len + 1;
		} else if (i + 1 < argc) {
			values[o - spec->options] = argv[++i];
		} else {
			usage_error(spec->name, "%s needs a value (%s)", o->name, o->value);
			return -1;
		}
	}
	*first = i;
	return 0;
}

/* ---- Tables ---- */

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

/* ---- The tool ---- */

static void help(FILE *out)
{
	fprintf(out, "Usage: pvpatch-sites COMMAND [OPTION]... FILE\n"
		"The paravirt call sites of an x86-64 or i386 ELF file (object, kernel\n"
		"module, executable, shared object, vmlinux), from the tables of the\n"
		"pvpatch GCC plugin.\n\nCommands:\n");
	for (unsigned i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-10s%s\n", commands[i].spec->name, commands[i].spec->summary);
	fprintf(out, "\n'pvpatch-sites FILE' is 'pvpatch-sites list FILE'.\n"
		"'pvpatch-sites COMMAND --help' describes a command; man pvpatch-sites\n"
		"the output and exit statuses.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error(NULL, "no command");
	if (!strcmp(argv[1], "--help")) {
		help(stdout);
		return 0;
	}
	for (unsigned i = 0; i < NCOMMANDS; i++)
		if (!strcmp(argv[1], commands[i].spec->name))
			return commands[i].main(argc - 1, argv + 1);
	if (argv[1][0] == '-')
		return usage_error(NULL, "unknown option '%s'", argv[1]);
	/* The lister's original form: a file and nothing else. */
	if (argc == 2) {
		char *list_argv[] = { "list", argv[1], NULL };

		return list_main(2, list_argv);
	}
	return usage_error(NULL, "unknown command '%s'", argv[1]);
}
