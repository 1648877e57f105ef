/* SPDX-License-Identifier: MIT */
/* Plugin arguments: -fplugin-arg-pvpatch-KEY[=VALUE].  Parsed strictly: an
   unknown key, a missing or stray value, or a bad number is an error. */
#include "pvpatch-plugin.h"

struct pvpatch_options pvpatch_opts = { PVPATCH_DEFAULT_SITE_SIZE, false,
					  false, false, NULL,
					  PVPATCH_LINUX_ABI_NONE };

/* The Linux site formats, as -fplugin-arg-pvpatch-linux-abi spells them. */
static const struct {
	const char *name;
	enum pvpatch_linux_abi abi;
} linux_abis[] = {
	{ "6.1", PVPATCH_LINUX_ABI_6_1 },
	{ "6.8", PVPATCH_LINUX_ABI_6_8 },
};

#define LINUX_ABI_CHOICES "%<6.1%> (%<.parainstructions%>, Linux 6.1 to " \
			  "6.7) or %<6.8%> (alternative calls, Linux 6.8 and " \
			  "later)"

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
	pvpatch_opts.site_size_given = true;
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

static bool parse_linux_abi(const char *key, const char *value)
{
	for (unsigned i = 0; value && i < ARRAY_SIZE(linux_abis); i++)
		if (!strcmp(value, linux_abis[i].name)) {
			pvpatch_opts.linux_abi = linux_abis[i].abi;
			return true;
		}
	if (!value || !*value)
		error("option %<-fplugin-arg-pvpatch-%s%> needs a value: "
		      LINUX_ABI_CHOICES, key);
	else
		error("option %<-fplugin-arg-pvpatch-%s=%s%>: unknown Linux site "
		      "format; accepted: " LINUX_ABI_CHOICES, key, value);
	return false;
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
	if (!strcmp(arg->key, "linux-abi"))
		return parse_linux_abi(arg->key, arg->value);
	error("unknown option %<-fplugin-arg-pvpatch-%s%>", arg->key);
	return false;
}

/* Linux-native mode needs both the table and the kernel's site format:
   the format decides whether the kernel patches the sites at all. */
static bool check_linux_pair(void)
{
	bool has_abi = pvpatch_opts.linux_abi != PVPATCH_LINUX_ABI_NONE;

	if (pvpatch_opts.linux_ops && !has_abi) {
		error("option %<-fplugin-arg-pvpatch-linux-ops%> needs "
		      "%<-fplugin-arg-pvpatch-linux-abi%>, the site format of "
		      "the kernel the unit is built for: " LINUX_ABI_CHOICES);
		return false;
	}
	if (has_abi && !pvpatch_opts.linux_ops) {
		error("option %<-fplugin-arg-pvpatch-linux-abi%> needs "
		      "%<-fplugin-arg-pvpatch-linux-ops%>, the ops table of "
		      "the kernel (e.g. %<pv_ops%>)");
		return false;
	}
	return true;
}

bool pvpatch_parse_options(const struct plugin_name_args *info)
{
	bool ok = true;

	for (int i = 0; i < info->argc; i++)
		ok &= parse_one(&info->argv[i]);
	return ok && check_linux_pair();
}
