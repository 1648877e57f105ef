/* SPDX-License-Identifier: MIT */
/*
 * RTL pass "pvpatch", just before branch shortening, when no later pass
 * can move, copy or delete code any more.  Around every site's call
 * instruction it emits, as ASM_INPUT insns (the label as an extended asm
 * where linux.cc must see it in final_postscan_insn):
 *   before:  the site label;
 *   after:   a check that the call fits, NOPs up to the site size, and
 *            the site's 8-byte entry in the pvpatch_sites section (or
 *            the kernel's entries, linux.cc's, with native code after
 *            the padding);
 * plus, once per translation unit, each op's descriptor and the note
 * that lets a runtime find the table (docs/site-table.md).
 *
 * Each emitted copy of a call (inlining, loop unrolling, block
 * duplication) is seen here separately and becomes its own site.
 */
#include "pvpatch-plugin.h"

/* What the call at a site calls, as the table names it. */
struct site_target {
	tree decl;		/* the op function, or the slot's variable */
	HOST_WIDE_INT offset;	/* byte offset into the slot's variable */
	unsigned flags;		/* enum pvpatch_op_flag */
};

static unsigned site_count;	/* numbers the site labels of this unit */
static unsigned local_op_count;	/* numbers descriptors of local targets */
static bool note_emitted;

/* Descriptor symbol of each (target, class) emitted in this unit, keyed
   by the descriptor's global name. */
static hash_map<nofree_string_hash, const char *> *op_symbols;

/* Pass one argument of TYPE; whether it travels on the stack. */
static bool arg_on_stack(cumulative_args_t handle, tree type)
{
	function_arg_info arg(type, true);
	bool on_stack = !targetm.calls.function_arg(handle, arg);

	targetm.calls.function_arg_advance(handle, arg);
	return on_stack;
}

/* Whether some argument of FNTYPE travels on the stack, where an inline
   replacement finds it at 0(%esp) rather than in a register.  A value
   returned in memory adds a hidden leading pointer argument, as calls.cc
   passes it when the target has no register for it. */
static bool passes_args_on_stack(tree fntype, tree fndecl)
{
	CUMULATIVE_ARGS cum;
	cumulative_args_t handle = pack_cumulative_args(&cum);
	tree ret = TREE_TYPE(fntype);
	bool on_stack = false;

	INIT_CUMULATIVE_ARGS(cum, fntype, NULL_RTX, fndecl, -1);
	if (aggregate_value_p(ret, fntype) &&
	    !targetm.calls.struct_value_rtx(fntype, 0))
		on_stack |= arg_on_stack(handle, build_pointer_type(ret));
	for (tree a = TYPE_ARG_TYPES(fntype); a && a != void_list_node;
	     a = TREE_CHAIN(a))
		on_stack |= arg_on_stack(handle, TREE_VALUE(a));
	return on_stack;
}

static struct site_target target_of(tree callee, tree fntype,
				    const struct pvpatch_op_class *cls)
{
	struct site_target t;

	t.decl = callee ? callee : cls->slot;
	t.offset = callee ? 0 : cls->slot_offset;
	t.flags = 0;
	if (!callee)
		t.flags |= PVPATCH_OP_INDIRECT;
	if (flag_pic && !targetm.binds_local_p(t.decl))
		t.flags |= PVPATCH_OP_REF;
	if (passes_args_on_stack(fntype, callee))
		t.flags |= PVPATCH_OP_STACK_ARGS;
	if (!TARGET_64BIT)
		t.flags |= PVPATCH_OP_I386;
	return t;
}

static char *descriptor_key(const struct site_target *t,
			    const struct pvpatch_op_class *cls)
{
	return xasprintf("__pvpatch_op.%s." HOST_WIDE_INT_PRINT_DEC
			 ".%x.%u.%x", pvpatch_symbol_name(t->decl), t->offset,
			 cls->clobbers, cls->size, t->flags);
}

/* Section directive for a descriptor (or its REF word) named KEY:
   COMDAT by KEY when the target is global, so units share it. */
static char *descriptor_section(const char *base, const char *flags,
				tree decl, const char *key)
{
	if (TREE_PUBLIC(decl))
		return xasprintf("\t.pushsection %s,\"%sG\",@progbits,%s,comdat\n",
				 base, flags, key);
	return xasprintf("\t.pushsection %s,\"%s\",@progbits\n", base, flags);
}

/* The assembler expression the descriptor's target field points at:
   the target itself, or a RELRO word holding its address (REF). */
static char *emit_target_ref(const struct site_target *t, const char *key,
			     unsigned id)
{
	char *section, *text;

	if (!(t->flags & PVPATCH_OP_REF))
		return xasprintf("%s+" HOST_WIDE_INT_PRINT_DEC,
				 pvpatch_symbol_name(t->decl), t->offset);
	section = descriptor_section(".data.rel.ro.pvpatch_op", "aw", t->decl,
				     key);
	text = xasprintf("%s\t.balign %d\n.Lpvpatch_ref_%u:\n\t%s %s+"
			 HOST_WIDE_INT_PRINT_DEC "\n\t.popsection\n",
			 section, TARGET_64BIT ? 8 : 4, id,
			 TARGET_64BIT ? ".quad" : ".long",
			 pvpatch_symbol_name(t->decl), t->offset);
	fputs(text, asm_out_file);
	free(section);
	free(text);
	return xasprintf(".Lpvpatch_ref_%u", id);
}

static void emit_noendbr(const char *address)
{
	char *text = pvpatch_kernel_noendbr(address);

	fprintf(asm_out_file, "%s\n", text);
	free(text);
}

/* Emit the descriptor for sites of T with class CLS unless this unit
   already has; return its symbol. */
static const char *op_descriptor(const struct site_target *t,
				 const struct pvpatch_op_class *cls)
{
	char *key = descriptor_key(t, cls);
	const char **known = op_symbols->get(key);
	unsigned id = local_op_count++;
	char *section, *target;
	const char *sym;

	if (known) {
		free(key);
		return *known;
	}
	sym = TREE_PUBLIC(t->decl) ? key : xasprintf(".Lpvpatch_op_%u", id);
	section = descriptor_section(PVPATCH_OPS_SECTION, "a", t->decl, key);
	target = emit_target_ref(t, key, id);
	if (TREE_CODE(t->decl) == FUNCTION_DECL && !(t->flags & PVPATCH_OP_REF))
		emit_noendbr(target);
	fputs(section, asm_out_file);
	if (TREE_PUBLIC(t->decl))
		fprintf(asm_out_file, "\t.globl %s\n\t.hidden %s\n", sym, sym);
	fprintf(asm_out_file,
		PVPATCH_ASM_OP("%s:\n", "%s - .", "%#x", "%d", "%u", "%u")
		"\t.popsection\n", sym, target, cls->clobbers,
		PVPATCH_ABI_VERSION, cls->size, t->flags);
	free(section);
	free(target);
	op_symbols->put(key, sym);
	return sym;
}

static void emit_note_once(void)
{
	if (note_emitted)
		return;
	note_emitted = true;
	pvpatch_emit_note("__pvpatch_note", PVPATCH_NOTE_TYPE,
			  PVPATCH_SITES_SECTION);
}

static location_t site_location(const rtx_insn *call)
{
	location_t loc = INSN_LOCATION(call);

	return loc != UNKNOWN_LOCATION ? loc
				       : DECL_SOURCE_LOCATION(current_function_decl);
}

/* The first site of the function part being emitted: entries link to
   its label, so that the assembler makes one link-order section per
   function part rather than one per site (which grows assembly time with
   the square of a unit's sites).  A hot/cold split starts a new part. */
static int part_link_site = -1;

/* The site's entry in pvpatch's own table, placed right after the call.

   ld --gc-sections keeps a link-order section whose text it kept, but it
   decides that in one pass after marking everything else: an entry whose
   text was reached only through another entry (a function kept by a slot
   initializer that an op descriptor refers to) was dropped.  So the first
   site of a part also keeps the part's entries itself, with a no-op
   relocation from the call's last byte.  Not in kernel code: objtool
   takes a relocation inside a call as its target, which is wrong for a
   call gas resolved itself (to a local function of the same section),
   and x86 kernels never link with --gc-sections (arch/x86 has no
   HAVE_LD_DEAD_CODE_DATA_ELIMINATION). */
static char *own_table_entry(unsigned n, const char *op_sym)
{
	struct pvpatch_label label = pvpatch_site_label(n);
	char *keep, *noendbr, *entry;

	if (part_link_site < 0)
		part_link_site = n;
	keep = n == (unsigned)part_link_site && !pvpatch_kernel_code()
		       ? xasprintf("\n\t.reloc . - 1, BFD_RELOC_NONE, "
				   ".Lpvpatch_entry_%u", n)
		       : xstrdup("");
	noendbr = pvpatch_kernel_noendbr(label.name);
	entry = xasprintf("\t.pushsection %s,\"ao\",@progbits,%s\n"
			  PVPATCH_ASM_SITE(".Lpvpatch_entry_%u:\n", "%s - .",
					   "%s - .")
			  "\t.popsection%s%s",
			  PVPATCH_SITES_SECTION,
			  pvpatch_site_label(part_link_site).name, n,
			  label.name, op_sym, noendbr, keep);
	free(keep);
	free(noendbr);
	return entry;
}

/* Text after the call: the size check, ENTRY, NOP padding and AFTER
   (what refers to the whole site). */
static char *site_tail(unsigned n, const struct pvpatch_op_class *cls,
		       const char *entry, const char *after, location_t loc)
{
	expanded_location where = expand_location(loc);
	struct pvpatch_label label = pvpatch_site_label(n);

	/* The check stays on the first line, which the assembler reports
	   as the call's source line.  ENTRY comes before the padding: its
	   relocation must point into the call, and gas accepts none into
	   bytes after a .nops.  The padding is counted once, before
	   any NOP makes ". - label" variable, and laid in NOPs of at most 11
	   bytes: a longer .nops would jump over its padding. */
	return xasprintf(
		"\t.if . - %s > %u ; .error \"%s:%d: pvpatch: "
		"call does not fit its %u-byte paravirt site\" ; .endif\n"
		"%s\n"
		"%s"
		"\t.set .Lpvpatch_pad_%u, %u - (. - %s)\n"
		"\t.if .Lpvpatch_pad_%u > 0 ; .rept .Lpvpatch_pad_%u / 11 ; "
		".nops 11 ; .endr ; .endif\n"
		"\t.if .Lpvpatch_pad_%u %% 11 > 0 ; .nops .Lpvpatch_pad_%u %% 11 ; "
		".endif%s%s",
		label.name, cls->size, where.file, where.line, cls->size, entry,
		TARGET_64BIT ? "" : "\t.arch .nop\n",
		n, cls->size, label.name, n, n, n, n, *after ? "\n" : "", after);
}

/* The table entry for site N, emitting what it refers to first. */
static char *table_entry(unsigned n, const struct site_target *t,
			 const struct pvpatch_op_class *cls, location_t loc)
{
	if (cls->table == PVPATCH_TABLE_LINUX)
		return pvpatch_linux_entry(n, cls, loc);
	emit_note_once();
	return own_table_entry(n, op_descriptor(t, cls));
}

static void dump_site(unsigned n, const struct site_target *t,
		      const struct pvpatch_op_class *cls)
{
	char regs[160];

	if (!dump_file)
		return;
	pvpatch_format_mask(cls->clobbers, regs, sizeof(regs));
	fprintf(dump_file, "site %u: op %s%s+" HOST_WIDE_INT_PRINT_DEC
		" clobbers %s size %u flags %#x\n", n,
		(t->flags & PVPATCH_OP_INDIRECT) ? "slot " : "",
		pvpatch_symbol_name(t->decl), t->offset, regs, cls->size, t->flags);
}

/* A volatile extended asm with no operands: unlike ASM_INPUT, final
   passes it to final_postscan_insn (see linux.cc). */
static rtx asm_statement(const char *text, location_t loc)
{
	rtx body = gen_rtx_ASM_OPERANDS(VOIDmode, ggc_strdup(text), "", 0,
					rtvec_alloc(0), rtvec_alloc(0),
					rtvec_alloc(0), loc);

	MEM_VOLATILE_P(body) = 1;
	return body;
}

/* The site's label before CALL. */
static void emit_site_label(rtx_insn *call, unsigned n,
			    const struct pvpatch_op_class *cls, location_t loc)
{
	char *text;

	if (pvpatch_plain_call_needed(call, cls)) {
		text = pvpatch_plain_call_label(n);
		pvpatch_track_plain_call(
			emit_insn_before(asm_statement(text, loc), call), call);
	} else {
		text = xasprintf("%s:", pvpatch_site_label(n).name);
		emit_insn_before(gen_rtx_ASM_INPUT_loc(VOIDmode,
						       ggc_strdup(text), loc),
				 call);
	}
	free(text);
}

static void emit_site(rtx_insn *call, tree callee,
		      const struct pvpatch_op_class *cls)
{
	tree fntype = callee ? TREE_TYPE(callee)
			     : TREE_TYPE(MEM_EXPR(XEXP(get_call_rtx_from(call), 0)));
	struct site_target t = target_of(callee, fntype, cls);
	location_t loc = site_location(call);
	unsigned n = site_count++;
	char *entry = table_entry(n, &t, cls, loc);
	char *after = cls->table == PVPATCH_TABLE_LINUX
			      ? pvpatch_linux_native_entry(n, cls, loc)
			      : xstrdup("");
	char *tail = site_tail(n, cls, entry, after, loc);

	emit_site_label(call, n, cls, loc);
	emit_insn_after(gen_rtx_ASM_INPUT_loc(VOIDmode, ggc_strdup(tail), loc),
			call);
	dump_site(n, &t, cls);
	free(entry);
	free(after);
	free(tail);
}

namespace {

const pass_data emit_pass_data = {
	RTL_PASS, "pvpatch", OPTGROUP_NONE, TV_NONE, 0, 0, 0, 0, 0
};

class emit_pass : public rtl_opt_pass {
public:
	emit_pass(gcc::context *ctxt) : rtl_opt_pass(emit_pass_data, ctxt) {}

	bool gate(function *) final override
	{
		return !pvpatch_opts.disable;
	}

	unsigned execute(function *) final override
	{
		struct pvpatch_op_class cls;
		tree callee;

		if (!op_symbols)
			op_symbols = new hash_map<nofree_string_hash,
						  const char *>;
		pvpatch_plain_calls_start_function();
		part_link_site = -1;
		for (rtx_insn *insn = get_insns(); insn; insn = NEXT_INSN(insn)) {
			if (NOTE_P(insn) &&
			    NOTE_KIND(insn) == NOTE_INSN_SWITCH_TEXT_SECTIONS)
				part_link_site = -1;
			if (CALL_P(insn) && !SIBLING_CALL_P(insn) &&
			    pvpatch_site_of_call(insn, &cls, &callee))
				emit_site(insn, callee, &cls);
		}
		return 0;
	}
};

} /* namespace */

opt_pass *pvpatch_make_emit_pass(gcc::context *ctxt)
{
	return new emit_pass(ctxt);
}
