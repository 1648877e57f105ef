/* SPDX-License-Identifier: MIT */
/*
 * pvpatch-sites: the one command-line tool for pvpatch's sites
 * (man/pvpatch-sites.1).  This file: the subcommands and the tool's
 * --help; options.c parses their command lines, view.c prints sites.
 */
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
