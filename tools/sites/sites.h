/* SPDX-License-Identifier: MIT */
/*
 * pvpatch-sites: the subcommands and what they share (main.c).
 *
 *   main.c    subcommand dispatch, --help
 *   options.c each subcommand's options and help
 *   view.c    a site's record and names, and how they are printed
 *   elf.c     the ELF layer (elf.h)
 *   image.c   the file laid out as a loader would (image.h)
 *   list.c    list [--json]
 *   check.c   check: the runtime's validation (verdict.c, core-run.c)
 *   stats.c   stats [--json]: counts, and the runtime's planning
 *   verdict.c the runtime's core run on an image, here or in
 *             pvpatch-sites-core32 (core32.c) for i386 files
 *   scan.c    scan, over widen.c (scan.h): sites of hand-written assembly
 *
 * Each subcommand is int NAME_main(int argc, char **argv), argv[0] being
 * its name; it returns the exit status: 0, 1 for what it found wrong in
 * the tables (check), EXIT_BAD_INPUT (2) for a file it cannot read or
 * wrong usage.
 */
#ifndef SITES_SITES_H
#define SITES_SITES_H

#include <stdio.h>

#include "core-run.h"
#include "image.h"

/* Wrong usage, like a file that cannot be read, means the command could
   not do its job. */
#define EXIT_USAGE EXIT_BAD_INPUT

/* ---- Command lines ---- */

/* An option a subcommand takes: its long name, whether it takes a value,
   and its help text. */
struct option_spec {
	const char *name;	/* "--json" */
	const char *value;	/* "MODE", or NULL for a flag */
	const char *help;
};

struct command_spec {
	const char *name;
	const char *args;	/* "[OPTION]... FILE" */
	const char *summary;
	const struct option_spec *options;	/* ends with a NULL name */
};

/* Parse argv (argv[0] the subcommand) against spec: values[i] is the
   value of option i (its name for a flag), NULL if absent; the operands
   are argv[*first..argc).  Prints --help and exits 0; on wrong usage
   prints one line and returns -1. */
int parse_command(const struct command_spec *spec, int argc, char **argv,
		  const char **values, int *first);

/* Print a subcommand's --help to out. */
void command_help(const struct command_spec *spec, FILE *out);

/* Complain about usage ("pvpatch-sites CMD: ..."); returns EXIT_USAGE. */
__attribute__((format(printf, 2, 3)))
int usage_error(const char *command, const char *fmt, ...);

/* ---- Tables ---- */

/* Site i of the image's table, decoded.  elf_bad() if its entry or
   descriptor lies outside the image. */
struct site_view {
	uint64_t entry;		/* image offset of its struct pvpatch_site */
	uint64_t addr;		/* of its first byte (maybe outside) */
	uint64_t op;		/* of its struct pvpatch_op */
	struct pvpatch_op desc;
};

uint64_t site_count(const struct image *img);
void site_view(const struct image *img, uint64_t i, struct site_view *v);

/* What an op calls, as the lister names it: for a REF op the symbol its
   word is relocated against (or the address it holds), else the symbol
   at its target; into buf. */
const char *op_target_name(const struct image *img, const struct site_view *v,
			   char *buf, size_t size);

/* Image offset off as "WHERE" or "WHERE (SYMBOL+N)", into buf. */
const char *describe_offset(const struct image *img, uint64_t off, char *buf,
			    size_t size);

/* An offset the core reported, which may lie outside the image. */
const char *describe_fault(const struct image *img, int64_t fault, char *buf,
			   size_t size);

/* A clobber set and flags as the lister spells them, into out. */
void print_clobbers(FILE *out, uint32_t mask, bool is_i386, const char *sep);
void print_flags(FILE *out, unsigned flags, const char *sep);

/* A string as a JSON string literal; flags and a clobber set as JSON
   arrays of the names above. */
void print_json_string(FILE *out, const char *s);
void print_json_flags(FILE *out, unsigned flags);
void print_json_clobbers(FILE *out, uint32_t mask, bool is_i386);

/* ---- The runtime's verdict (verdict.c) ---- */

/* Validate the image's tables with the runtime's core and, if plan and
   they are valid, plan them live and quiescent; the problems found (an
   array to free()).  elf_bad() if the core cannot be run. */
struct core_problem *runtime_verdict(const struct image *img, bool plan,
				     struct core_result *res);

/* A status's enumerator name, "PVPATCH_ERR_BAD_OP". */
const char *status_name(int err);

/* ---- Subcommands ---- */

int list_main(int argc, char **argv);
int check_main(int argc, char **argv);
int stats_main(int argc, char **argv);
extern const struct command_spec list_command, check_command, stats_command;

int scan_main(int argc, char **argv);
extern const struct command_spec scan_command;

#endif /* SITES_SITES_H */
