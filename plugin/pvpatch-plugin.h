/* SPDX-License-Identifier: MIT */
/*
 * Interfaces between the stages of the pvpatch plugin, each under the file
 * that defines it, in the order of docs/design.md's stage table.  A file
 * calls only files listed before it (plugin.cc, last, wires them up):
 *   options.cc   plugin arguments
 *   regs.cc      register names, clobber masks, return registers
 *   opclass.cc   the op class on types and call insns; shared asm names
 *   preserve.cc  compiling functions to keep what their set excludes
 *   attribs.cc   the paravirt and paravirt_impl attributes
 *   abi.cc       narrow call ABIs for the register allocator
 *   native.cc    native inline code of Linux-native ops, checked
 *   linux.cc     Linux-native mode: pv_ops calls as the kernel's own sites
 *   sites.cc     GIMPLE pass: which calls are sites, through which slot
 *   contract.cc  RTL pass: real clobbers, impl records, contract checks
 *   kernel.cc    RTL pass: kernel sites' slot loads folded into the call
 *   emit.cc      RTL pass: padding, site table and op descriptors
 *   plugin.cc    plugin_init: version check and registration
 */
#ifndef PVPATCH_PLUGIN_H
#define PVPATCH_PLUGIN_H

#include "gcc-common.h"
#include "pvpatch_site.h"

/* Value of __PVPATCH__: major * 100 + minor. */
#define PVPATCH_PLUGIN_VERSION 100

/* Site size when neither the attribute nor -fplugin-arg-pvpatch-size
   gives one.  See docs/attributes.md for why 8. */
#define PVPATCH_DEFAULT_SITE_SIZE 8

/* The C front end's preprocessor; lto1 has none, hence weak. */
extern cpp_reader *parse_in __attribute__((weak));

/* options.cc */
enum pvpatch_linux_abi {
	PVPATCH_LINUX_ABI_NONE,
	PVPATCH_LINUX_ABI_6_1,	/* .parainstructions, apply_paravirt */
	PVPATCH_LINUX_ABI_6_8	/* .altinstructions direct calls */
};

struct pvpatch_options {
	unsigned site_size;	/* default site size */
	bool site_size_given;	/* ... given by -fplugin-arg-pvpatch-size */
	bool disable;		/* accept the attribute, rewrite nothing */
	bool dump;		/* write both passes' dump files */
	const char *linux_ops;	/* Linux-native mode: the pv_ops variable */
	enum pvpatch_linux_abi linux_abi; /* ... and its site format */
};
extern struct pvpatch_options pvpatch_opts;
bool pvpatch_parse_options(const struct plugin_name_args *info);

/* regs.cc */
bool pvpatch_parse_reg_list(const char *list, uint32_t *mask,
			    const char **bad, size_t *bad_len);
uint32_t pvpatch_abi_clobbers(void);
uint32_t pvpatch_plt_scratch(void);
uint32_t pvpatch_return_regs(const_tree fntype);
uint32_t pvpatch_reg_bit_of_hard_reg(unsigned regno);
void pvpatch_format_mask(uint32_t mask, char *buf, size_t len);
HARD_REG_SET pvpatch_hard_regs_of_mask(uint32_t mask);
uint32_t pvpatch_mask_of_hard_regs(HARD_REG_SET regs);

/* opclass.cc: what a paravirt op is, as the compiler carries it on the
   op's function type (attribute PVPATCH_OP_ATTR, which users cannot
   spell because of the space). */
#define PVPATCH_OP_ATTR "pvpatch op"

/* The table a site is recorded in. */
enum pvpatch_table {
	PVPATCH_TABLE_OWN,	/* pvpatch_sites (docs/site-table.md) */
	PVPATCH_TABLE_LINUX	/* the kernel's .parainstructions */
};

struct pvpatch_op_class {
	uint32_t clobbers;	/* the contract: PVPATCH_REG_BIT set */
	uint32_t assumed;	/* what callers assume clobbered (contract
				   plus PLT scratch registers) */
	unsigned size;		/* site size in bytes */
	enum pvpatch_table table;
	tree slot;		/* indirect call: the slot's VAR_DECL ... */
	HOST_WIDE_INT slot_offset; /* ... and byte offset; else NULL_TREE */
};
bool pvpatch_op_class_of(const_tree fntype, struct pvpatch_op_class *cls);
tree pvpatch_type_with_class(tree fntype, const struct pvpatch_op_class *cls);
tree pvpatch_type_without_class(tree fntype);
bool pvpatch_type_holds_slot(tree type);
bool pvpatch_site_of_call(const rtx_insn *insn, struct pvpatch_op_class *cls,
			  tree *callee);
const char *pvpatch_symbol_name(tree decl);
struct pvpatch_label {
	char name[32];
};
struct pvpatch_label pvpatch_site_label(unsigned n);
void pvpatch_emit_note(const char *group, unsigned type, const char *section);
bool pvpatch_kernel_code(void);
char *pvpatch_objtool_annotation(const char *name, const char *label);
char *pvpatch_kernel_noendbr(const char *address);
tree pvpatch_field_at(tree type, HOST_WIDE_INT *offset);

/* preserve.cc */
void pvpatch_preserve_outside(tree fndecl, uint32_t mask);
void pvpatch_check_preserving_body(tree fndecl);
void pvpatch_install_preserve_hooks(void);
opt_pass *pvpatch_make_switch_pass(gcc::context *ctxt);
opt_pass *pvpatch_make_restore_pass(gcc::context *ctxt);

/* attribs.cc */
#define PVPATCH_IMPL_ATTR "paravirt_impl"
void pvpatch_register_attributes(void *gcc_data, void *user_data);
void pvpatch_finish_decl(void *gcc_data, void *user_data);
void pvpatch_finish_definition(void *gcc_data, void *user_data);
void pvpatch_finish_type(void *gcc_data, void *user_data);
extern bool pvpatch_seen_attribute;
bool pvpatch_parse_clobber_spec(location_t loc, tree name, tree decl,
				tree fntype, const char *spec, uint32_t *mask);
void pvpatch_keep_intact(tree fndecl);

/* abi.cc */
void pvpatch_install_abi_hooks(void);
opt_pass *pvpatch_make_clobbers_pass(gcc::context *ctxt);

/* native.cc */
bool pvpatch_record_named(const_tree type, const char *name);
/* The clobber set of a Linux-native site whose slot is held by the
   record HOLDER (innermost): rax for a struct paravirt_callee_save, like
   PVOP_CALLEE*, else the C-ABI set. */
uint32_t pvpatch_linux_holder_clobbers(const_tree holder);
void pvpatch_register_native_attribute(void *gcc_data, void *user_data);
void pvpatch_native_finish_type(void *gcc_data, void *user_data);
void pvpatch_check_native_code(void);
/* A member's native code and the alt_instr feature word it is taken on. */
struct pvpatch_native {
	const char *code;
	unsigned HOST_WIDE_INT condition;
};
/* The native code of the slot at byte OFFSET of an object of TYPE, from
   the innermost member on the way to it that has some. */
bool pvpatch_native_at(tree type, HOST_WIDE_INT offset,
		       struct pvpatch_native *native);

/* linux.cc */
bool pvpatch_linux_class(gcall *call, tree slot, HOST_WIDE_INT offset,
			 struct pvpatch_op_class *cls);
char *pvpatch_linux_entry(unsigned site, const struct pvpatch_op_class *cls,
			  location_t loc);
char *pvpatch_linux_native_entry(unsigned site,
				 const struct pvpatch_op_class *cls,
				 location_t loc);
void pvpatch_linux_finish_type(void *gcc_data, void *user_data);


/* sites.cc */
opt_pass *pvpatch_make_calls_pass(gcc::context *ctxt);

/* contract.cc */
opt_pass *pvpatch_make_contract_pass(gcc::context *ctxt);
void pvpatch_check_bindings(void);

/* kernel.cc */
opt_pass *pvpatch_make_fold_pass(gcc::context *ctxt);
opt_pass *pvpatch_make_shortened_pass(gcc::context *ctxt);
bool pvpatch_plain_call_needed(const rtx_insn *call,
			       const struct pvpatch_op_class *cls);
char *pvpatch_plain_call_label(unsigned site);
void pvpatch_track_plain_call(rtx_insn *label, rtx_insn *call);
void pvpatch_plain_calls_start_function(void);
void pvpatch_kernel_install_hooks(void);

/* emit.cc */
opt_pass *pvpatch_make_emit_pass(gcc::context *ctxt);

#endif /* PVPATCH_PLUGIN_H */
