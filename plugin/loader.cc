/* SPDX-License-Identifier: MIT */
/*
 * The installed pvpatch.so, which -fplugin=pvpatch finds: a loader for the
 * plugin proper, installed beside it as PVPATCH_PLUGIN_FILE.
 *
 * The plugin proper needs symbols of the very GCC it was built for, and
 * GCC opens plugins with RTLD_NOW: loaded into a GCC of another major
 * version it fails inside dlopen ("undefined symbol: ..."), before its
 * own version check could say why.  This loader refers to no symbol of
 * GCC (the build checks that), so it loads into any GCC, compares the
 * version GCC passes to plugin_init (a plain struct) with the one it was
 * built for, and refuses in one line naming both; else it opens the
 * plugin proper and hands plugin_init on.  The plugin proper then checks
 * the whole build (date, configuration) as it does when loaded directly,
 * as the build tree's build/plugin/pvpatch.so is.
 */
#include "gcc-plugin.h"
#include "plugin-version.h"
#include <dlfcn.h>
#include <limits.h>

int plugin_is_GPL_compatible;

int plugin_init(struct plugin_name_args *info, struct plugin_gcc_version *version)
{
	const char *slash = strrchr(info->full_name, '/');
	int dir_len = slash ? (int)(slash - info->full_name) : 1;
	char path[PATH_MAX];
	void *plugin;
	plugin_init_func init;

	if (strcmp(version->basever, gcc_version.basever)) {
		fprintf(stderr, "pvpatch: plugin built for GCC %s, but this is "
			"GCC %s; install pvpatch built for this compiler\n",
			gcc_version.basever, version->basever);
		return 1;
	}
	if (snprintf(path, sizeof path, "%.*s/%s", dir_len,
		     slash ? info->full_name : ".",
		     PVPATCH_PLUGIN_FILE) >= (int)sizeof path) {
		fprintf(stderr, "pvpatch: %s: path too long\n", info->full_name);
		return 1;
	}
	/* As GCC opens plugins: the plugin proper binds to GCC's symbols. */
	plugin = dlopen(path, RTLD_NOW | RTLD_GLOBAL);
	init = plugin ? (plugin_init_func)dlsym(plugin, "plugin_init") : NULL;
	if (!init) {
		fprintf(stderr, "pvpatch: cannot load the plugin proper: %s\n",
			dlerror());
		return 1;
	}
	return init(info, version);
}
