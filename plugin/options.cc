/* SPDX-License-Identifier: MIT */
/* Plugin arguments: -fplugin-arg-pvpatch-KEY[=VALUE].  Parsed strictly: an
   unknown key, a missing or stray value, or a bad number is an error. */
#include "pvpatch-plugin.h"

struct pvpatch_options pvpatch_opts = { PVPATCH_DEFAULT_SITE_SIZE, false,
					  false, NULL };

static bool parse_site_size(const char *key, const char *value)
{
	char *end;
	unsigned long n;

	if (!value || !*value) {
		error("option %<-fplugin-arg-pvpatch-%s%> needs a value", key);
		return false;
	}
	n = strtoul(value, &end, 10);
	if (*end || n < PVPATCH_CALL_REL32_SIZE || n > PVPATCH_MAX_SITE_SIZE) {
		error("option %<-fplugin-arg-pvpatch-%s=%s%>: site size must "
		      "be a number of bytes from %d to %d", key, value,
		      PVPATCH_CALL_REL32_SIZE, PVPATCH_MAX_SITE_SIZE);
		return false;
	}
	pvpatch_opts.site_size = n;
	return true;
}

static bool parse_flag(const char *key, const char *value, bool *flag)
{
	if (value) {
		error("option %<-fplugin-arg-pvpatch-%s%> takes no value", key);
		return false;
	}
	*flag = true;
	return true;
}

static bool parse_identifier(const char *key, const char *value,
			     const char **name)
{
	bool ok = value && (ISALPHA(*value) || *value == '_');

	for (const char *p = value; ok && *p; p++)
		ok = ISALNUM(*p) || *p == '_';
	if (!ok) {
		error("option %<-fplugin-arg-pvpatch-%s%> needs a C identifier",
		      key);
		return false;
	}
	*name = value;
	return true;
}

static bool parse_one(const struct plugin_argument *arg)
{
	if (!strcmp(arg->key, "size"))
		return parse_site_size(arg->key, arg->value);
	if (!strcmp(arg->key, "disable"))
		return parse_flag(arg->key, arg->value, &pvpatch_opts.disable);
	if (!strcmp(arg->key, "dump"))
		return parse_flag(arg->key, arg->value, &pvpatch_opts.dump);
	if (!strcmp(arg->key, "linux-ops"))
		return parse_identifier(arg->key, arg->value,
					&pvpatch_opts.linux_ops);
	error("unknown option %<-fplugin-arg-pvpatch-%s%>", arg->key);
	return false;
}

bool pvpatch_parse_options(const struct plugin_name_args *info)
{
	bool ok = true;

	for (int i = 0; i < info->argc; i++)
		ok &= parse_one(&info->argv[i]);
	return ok;
}
