/* SPDX-License-Identifier: MIT */
/*
 * Indirect sites in kernel code: as small as Linux's own.
 *
 * Under -mindirect-branch-register GCC loads a call's target into a
 * register first, so an indirect site would be "mov slot(%rip), %rax"
 * (7 bytes, dead once the site is patched) and "call *%rax".  Linux's
 * own sites are "call *pv_ops+N(%rip)", annotated retpoline-safe: they
 * are patched before anything untrusted runs.  Pass "pvpatch_fold", after
 * the last pass that may re-recognise a call and while the CFG is still
 * there, makes the call read the slot itself and deletes the load when
 * nothing else reads the register.  This applies to the sites of
 * kernel code (-mcmodel=kernel) and to every Linux-native site (Linux
 * 6.8's must be that 6-byte call); user-space code is left alone.
 *
 * Such a call, and any Linux-native site under retpolines, must be
 * printed as a plain indirect call: GCC's thunk call would be recorded by
 * objtool for apply_retpolines, and the memory operand only passes
 * GCC's constraints without -mindirect-branch-register.  Both are
 * per-function settings, so they are switched for exactly that call:
 * from the final_postscan_insn of the site's label, an extended asm, to
 * that of the call itself.
 */
#include "pvpatch-plugin.h"

/* Whether the indirect site of class CLS is one of kernel code. */
static bool kernel_site(const struct pvpatch_op_class *cls)
{
	return cls->slot && (cls->table == PVPATCH_TABLE_LINUX ||
			     pvpatch_kernel_code());
}

/* The MEM a call insn calls through. */
static rtx called_mem(const rtx_insn *insn)
{
	return XEXP(get_call_rtx_from(insn), 0);
}

/* Whether MEM reads the slot of CLS directly: (mem (symbol + offset)). */
static bool reads_slot(const_rtx mem, const struct pvpatch_op_class *cls)
{
	rtx addr = XEXP(mem, 0);
	HOST_WIDE_INT offset = 0;

	if (GET_CODE(addr) == CONST && GET_CODE(XEXP(addr, 0)) == PLUS &&
	    CONST_INT_P(XEXP(XEXP(addr, 0), 1))) {
		offset = INTVAL(XEXP(XEXP(addr, 0), 1));
		addr = XEXP(XEXP(addr, 0), 0);
	}
	return GET_CODE(addr) == SYMBOL_REF &&
	       SYMBOL_REF_DECL(addr) == cls->slot &&
	       offset == cls->slot_offset && !MEM_VOLATILE_P(mem);
}

/* The insn of CALL's block that last set REG before CALL, if it is a
   load of the slot of CLS whose memory nothing changes before CALL. */
static rtx_insn *slot_load_of(rtx_insn *call, rtx reg,
			      const struct pvpatch_op_class *cls)
{
	for (rtx_insn *prev = PREV_INSN(call);
	     prev && BLOCK_FOR_INSN(prev) == BLOCK_FOR_INSN(call);
	     prev = PREV_INSN(prev)) {
		rtx set;

		if (!NONDEBUG_INSN_P(prev) || !reg_set_p(reg, prev))
			continue;
		set = single_set(prev);
		if (!set || !rtx_equal_p(SET_DEST(set), reg) ||
		    !MEM_P(SET_SRC(set)) || !reads_slot(SET_SRC(set), cls) ||
		    modified_between_p(SET_SRC(set), prev, call))
			return NULL;
		return prev;
	}
	return NULL;
}

/* Whether the register REG holds nothing anyone reads once CALL has used
   it: LIVE is what is live after CALL. */
static bool dead_after(rtx_insn *call, rtx reg, regset live)
{
	unsigned regno = REGNO(reg);

	return !REGNO_REG_SET_P(live, regno) || reg_set_p(reg, call) ||
	       insn_callee_abi(call).clobbers_full_reg_p(regno);
}

/* GCC's settings that make indirect branches go through a register
   (TARGET_INDIRECT_BRANCH_REGISTER): -mindirect-branch-register, and
   retpolines in the function. */
struct branch_settings {
	int reg;
	enum indirect_branch type;
};

static struct branch_settings plain_branches(void)
{
	struct branch_settings saved = {
		ix86_indirect_branch_register,
		cfun->machine->indirect_branch_type
	};

	ix86_indirect_branch_register = 0;
	cfun->machine->indirect_branch_type = indirect_branch_keep;
	return saved;
}

static void restore_branches(const struct branch_settings *saved)
{
	ix86_indirect_branch_register = saved->reg;
	cfun->machine->indirect_branch_type = saved->type;
}

/* Recognise CALL again, now with a memory operand, as GCC would without
   -mindirect-branch-register. */
static bool recognise_memory_call(rtx_insn *call)
{
	struct branch_settings saved = plain_branches();
	int code;

	INSN_CODE(call) = -1;
	code = recog_memoized(call);
	restore_branches(&saved);
	return code >= 0;
}

/* The function has folded calls: it keeps plain branches until its
   insn lengths are known, since shorten_branches checks every insn's
   constraints (final switches per site). */
static bool folded_in_function;
static struct branch_settings settings_before_shorten;

/* Make CALL, which calls through a register, call through SLOT, a MEM
   of its slot, instead.  False, and CALL unchanged, if the target
   cannot take that operand. */
static bool call_through_slot(rtx_insn *call, rtx slot)
{
	rtx mem = called_mem(call);
	rtx reg = XEXP(mem, 0);

	XEXP(mem, 0) = slot;
	if (!recognise_memory_call(call)) {
		XEXP(mem, 0) = reg;
		INSN_CODE(call) = -1;
		recog_memoized(call);
		return false;
	}
	df_insn_rescan(call);
	folded_in_function = true;
	return true;
}

/* Make CALL, a site of CLS through the register its block loaded from
   the slot, call through the slot itself; LIVE is what is live after
   CALL.  The load, if nothing else reads it, is pushed on DEAD. */
static void fold_slot_load(rtx_insn *call, const struct pvpatch_op_class *cls,
			   regset live, vec<rtx_insn *> *dead)
{
	rtx reg = XEXP(called_mem(call), 0);
	rtx_insn *load;

	if (!REG_P(reg) || !(load = slot_load_of(call, reg, cls)) ||
	    !call_through_slot(call, copy_rtx(SET_SRC(single_set(load)))))
		return;
	if (dead_after(call, reg, live) && !reg_used_between_p(reg, load, call) &&
	    !find_reg_fusage(call, USE, reg))
		dead->safe_push(load);
}

/* A Linux 6.8 site that still calls through a register after folding:
   GCC loaded the slot where no fold finds it, e.g. hoisted one load
   into a block that dominates several sites of the op.  The site must
   be call *pv_ops+N(%rip) all the same, so the call reads the slot
   itself when it runs, as Linux's PVOP macros' calls do; the load stays,
   since other code may read its register. */
static void read_linux_slot_in_place(rtx_insn *call,
				     const struct pvpatch_op_class *cls)
{
	rtx slot;

	if (cls->table != PVPATCH_TABLE_LINUX ||
	    pvpatch_opts.linux_abi != PVPATCH_LINUX_ABI_6_8 ||
	    !REG_P(XEXP(called_mem(call), 0)))
		return;
	slot = gen_rtx_MEM(Pmode, plus_constant(Pmode, XEXP(DECL_RTL(cls->slot), 0),
						cls->slot_offset));
	call_through_slot(call, slot);
}

/* A Linux 6.8 site must be call *pv_ops+N(%rip) however it was
   compiled. */
static void check_linux_site(rtx_insn *call, const struct pvpatch_op_class *cls)
{
	location_t loc = INSN_LOCATION(call);

	if (cls->table != PVPATCH_TABLE_LINUX ||
	    pvpatch_opts.linux_abi != PVPATCH_LINUX_ABI_6_8 ||
	    (MEM_P(XEXP(called_mem(call), 0)) &&
	     reads_slot(XEXP(called_mem(call), 0), cls)))
		return;
	if (loc == UNKNOWN_LOCATION)
		loc = DECL_SOURCE_LOCATION(current_function_decl);
	error_at(loc, "pvpatch: this call through %qD cannot be the "
		 "%<call *%s+" HOST_WIDE_INT_PRINT_DEC "(%%rip)%> a Linux 6.8 "
		 "site must be (a kernel build addresses %qD directly: "
		 "%<-mcmodel=kernel%>, no %<-fpic%>)", cls->slot,
		 pvpatch_symbol_name(cls->slot), cls->slot_offset, cls->slot);
}

static void fold_block(basic_block bb)
{
	auto_bitmap live(&reg_obstack);
	auto_vec<rtx_insn *> dead;
	rtx_insn *insn;

	df_simulate_initialize_backwards(bb, live);
	FOR_BB_INSNS_REVERSE(bb, insn) {
		struct pvpatch_op_class cls;
		tree callee;

		if (CALL_P(insn) && pvpatch_site_of_call(insn, &cls, &callee) &&
		    kernel_site(&cls)) {
			if (TARGET_INDIRECT_BRANCH_REGISTER)
				fold_slot_load(insn, &cls, live, &dead);
			read_linux_slot_in_place(insn, &cls);
			check_linux_site(insn, &cls);
		}
		if (INSN_P(insn))
			df_simulate_one_insn_backwards(bb, insn, live);
	}
	for (unsigned i = 0; i < dead.length(); i++)
		delete_insn(dead[i]);
}

namespace {

const pass_data fold_pass_data = {
	RTL_PASS, "pvpatch_fold", OPTGROUP_NONE, TV_NONE, 0, 0, 0, 0, 0
};

class fold_pass : public rtl_opt_pass {
public:
	fold_pass(gcc::context *ctxt) : rtl_opt_pass(fold_pass_data, ctxt) {}

	bool gate(function *) final override
	{
		return !pvpatch_opts.disable;
	}

	unsigned execute(function *fun) final override
	{
		basic_block bb;

		folded_in_function = false;
		df_analyze();
		FOR_EACH_BB_FN(bb, fun)
			fold_block(bb);
		if (folded_in_function)
			settings_before_shorten = plain_branches();
		return 0;
	}
};

const pass_data shortened_pass_data = {
	RTL_PASS, "*pvpatch_shortened", OPTGROUP_NONE, TV_NONE, 0, 0, 0, 0, 0
};

class shortened_pass : public rtl_opt_pass {
public:
	shortened_pass(gcc::context *ctxt)
		: rtl_opt_pass(shortened_pass_data, ctxt) {}

	unsigned execute(function *) final override
	{
		if (folded_in_function)
			restore_branches(&settings_before_shorten);
		folded_in_function = false;
		return 0;
	}
};

} /* namespace */

opt_pass *pvpatch_make_fold_pass(gcc::context *ctxt)
{
	return new fold_pass(ctxt);
}

opt_pass *pvpatch_make_shortened_pass(gcc::context *ctxt)
{
	return new shortened_pass(ctxt);
}

/* Label insns and calls of this function's plain-call sites. */
static hash_set<rtx_insn *> *plain_labels, *plain_calls;
static struct branch_settings saved_branches;
static void (*target_postscan)(FILE *, rtx_insn *, rtx *, int);

/* Whether the function has retpolines, however its branches are set
   until shorten_branches. */
static bool function_has_retpolines(void)
{
	enum indirect_branch type = folded_in_function
					    ? settings_before_shorten.type
					    : cfun->machine->indirect_branch_type;

	return type != indirect_branch_keep;
}

bool pvpatch_plain_call_needed(const rtx_insn *call,
			       const struct pvpatch_op_class *cls)
{
	return kernel_site(cls) && (function_has_retpolines() ||
				    MEM_P(XEXP(called_mem(call), 0)));
}

/* The site's label, annotated retpoline-safe as Linux annotates its own
   sites when the function has retpolines. */
char *pvpatch_plain_call_label(unsigned site)
{
	struct pvpatch_label label = pvpatch_site_label(site);
	char *note, *text;

	if (!function_has_retpolines())
		return xasprintf("%s:", label.name);
	note = pvpatch_objtool_annotation("retpoline_safe", label.name);
	text = xasprintf("%s:%s", label.name, note);
	free(note);
	return text;
}

void pvpatch_track_plain_call(rtx_insn *label, rtx_insn *call)
{
	plain_labels->add(label);
	plain_calls->add(call);
}

void pvpatch_plain_calls_start_function(void)
{
	if (!plain_labels) {
		plain_labels = new hash_set<rtx_insn *>;
		plain_calls = new hash_set<rtx_insn *>;
	}
	plain_labels->empty();
	plain_calls->empty();
}

static void postscan(FILE *file, rtx_insn *insn, rtx *ops, int nops)
{
	if (target_postscan)
		target_postscan(file, insn, ops, nops);
	if (!plain_labels)
		return;
	if (plain_labels->contains(insn))
		saved_branches = plain_branches();
	else if (plain_calls->contains(insn))
		restore_branches(&saved_branches);
}

void pvpatch_kernel_install_hooks(void)
{
	target_postscan = targetm.asm_out.final_postscan_insn;
	targetm.asm_out.final_postscan_insn = postscan;
}
