/* SPDX-License-Identifier: MIT */
/*
 * pvpatch: a GCC plugin that turns calls of paravirt ops into padded,
 * patchable sites with exact clobbers, recorded in a site table.
 * docs/design.md explains how the stages below fit together.
 */
#include "pvpatch-plugin.h"
#include "plugin-version.h"

int plugin_is_GPL_compatible;

static struct plugin_info pvpatch_info = {
	"1.0",
	"pvpatch: patchable paravirt call sites.  Arguments:\n"
	"  -fplugin-arg-pvpatch-size=N   default site size in bytes (5..255)\n"
	"  -fplugin-arg-pvpatch-disable  accept annotations, emit plain calls\n"
	"  -fplugin-arg-pvpatch-linux-ops=NAME  calls through the kernel's ops\n"
	"                                table NAME become the kernel's own sites\n"
	"  -fplugin-arg-pvpatch-linux-abi=6.1|6.8  ... in the format of Linux 6.1\n"
	"                                (.parainstructions) or 6.8+ (alternatives)\n"
	"  -fplugin-arg-pvpatch-dump     dump sites (as -fdump-tree-pvpatch_calls\n"
	"                                and -fdump-rtl-pvpatch would)\n"
};

static void define_version_macro(void *gcc_data, void *user_data)
{
	if (parse_in)
		cpp_define_formatted(parse_in, "__PVPATCH__=%d",
				     PVPATCH_PLUGIN_VERSION);
}

static void check_target(void *gcc_data, void *user_data)
{
	if (TARGET_X32)
		error("pvpatch does not support the x32 ABI (%<-mx32%>)");
}

/* LTO: with slim objects the passes run only in lto1, so a link without
   the plugin would silently produce no sites.  Units that use the
   attribute therefore reference a symbol that only pvpatch's own code
   generation defines, and such a link fails naming what is missing. */
#define LTO_GUARD "__pvpatch_lto_link_needs_fplugin_pvpatch"

static void reference_lto_guard(void *gcc_data, void *user_data)
{
	static const char text[] =
		"\t.pushsection .pvpatch.lto,\"\",@progbits\n"
		"\t.long " LTO_GUARD "\n"
		"\t.popsection";

	if (flag_generate_lto && pvpatch_seen_attribute && !in_lto_p)
		symtab->finalize_toplevel_asm(build_string(sizeof(text) - 1,
							   text));
}

static void emit_lto_guard_definition(void)
{
	bool fat_unit = flag_generate_lto && flag_fat_lto_objects &&
			pvpatch_seen_attribute;
	bool lto_codegen = in_lto_p && !flag_wpa;

	if (fat_unit || lto_codegen)
		fprintf(asm_out_file, "\t.weak %s\n\t.hidden %s\n\t.set %s, 0\n",
			LTO_GUARD, LTO_GUARD, LTO_GUARD);
}

static void finish_unit(void *gcc_data, void *user_data)
{
	pvpatch_check_bindings();
	pvpatch_check_native_code();
	emit_lto_guard_definition();
}

static void add_pass(const char *plugin, opt_pass *pass, const char *ref,
		     enum pass_positioning_ops pos)
{
	struct register_pass_info info;

	info.pass = pass;
	info.reference_pass_name = ref;
	info.ref_pass_instance_number = 1;
	info.pos_op = pos;
	register_callback(plugin, PLUGIN_PASS_MANAGER_SETUP, NULL, &info);
}

int plugin_init(struct plugin_name_args *info, struct plugin_gcc_version *version)
{
	const char *name = info->base_name;

	if (!plugin_default_version_check(version, &gcc_version)) {
		error("pvpatch: plugin built for GCC %s (%s), but this is GCC "
		      "%s (%s); rebuild it with this compiler",
		      gcc_version.basever, gcc_version.datestamp,
		      version->basever, version->datestamp);
		return 1;
	}
	if (!pvpatch_parse_options(info))
		return 1;
	register_callback(name, PLUGIN_INFO, NULL, &pvpatch_info);
	register_callback(name, PLUGIN_ATTRIBUTES, pvpatch_register_attributes,
			  NULL);
	register_callback(name, PLUGIN_ATTRIBUTES,
			  pvpatch_register_native_attribute, NULL);
	register_callback(name, PLUGIN_FINISH_DECL, pvpatch_finish_decl, NULL);
	register_callback(name, PLUGIN_FINISH_TYPE, pvpatch_finish_type, NULL);
	register_callback(name, PLUGIN_FINISH_TYPE, pvpatch_linux_finish_type,
			  NULL);
	register_callback(name, PLUGIN_FINISH_TYPE, pvpatch_native_finish_type,
			  NULL);
	register_callback(name, PLUGIN_PRE_GENERICIZE,
			  pvpatch_finish_definition, NULL);
	register_callback(name, PLUGIN_PRAGMAS, define_version_macro, NULL);
	register_callback(name, PLUGIN_START_UNIT, check_target, NULL);
	register_callback(name, PLUGIN_ALL_IPA_PASSES_START,
			  reference_lto_guard, NULL);
	register_callback(name, PLUGIN_FINISH_UNIT, finish_unit, NULL);
	add_pass(name, pvpatch_make_calls_pass(g), "optimized",
		 PASS_POS_INSERT_AFTER);
	add_pass(name, pvpatch_make_clobbers_pass(g), "expand",
		 PASS_POS_INSERT_AFTER);
	add_pass(name, pvpatch_make_switch_pass(g), "expand",
		 PASS_POS_INSERT_AFTER);
	add_pass(name, pvpatch_make_restore_pass(g), "final",
		 PASS_POS_INSERT_AFTER);
	add_pass(name, pvpatch_make_fold_pass(g), "vartrack",
		 PASS_POS_INSERT_BEFORE);
	add_pass(name, pvpatch_make_contract_pass(g), "shorten",
		 PASS_POS_INSERT_BEFORE);
	add_pass(name, pvpatch_make_emit_pass(g), "shorten",
		 PASS_POS_INSERT_BEFORE);
	add_pass(name, pvpatch_make_shortened_pass(g), "shorten",
		 PASS_POS_INSERT_AFTER);
	pvpatch_install_abi_hooks();
	pvpatch_install_preserve_hooks();
	pvpatch_kernel_install_hooks();
	/* GCC 12 parses -fdump-* before plugins register their passes, so
	   -fdump-rtl-pvpatch is rejected there; this is its stand-in. */
	if (pvpatch_opts.dump) {
		g->get_dumps()->dump_switch_p("tree-pvpatch_calls");
		g->get_dumps()->dump_switch_p("rtl-pvpatch");
	}
	return 0;
}
