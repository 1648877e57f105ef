/* SPDX-License-Identifier: MIT */
/*
 * pvpatch-sites: the subcommands' command lines, strict as the tool's
 * users expect: each option known, each value present, and the help text
 * made from the same table.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sites.h"

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
