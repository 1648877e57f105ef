/* SPDX-License-Identifier: MIT */
/*
 * GIMPLE pass "pvpatch_calls", the last before RTL expansion (it runs at
 * every optimisation level).  It decides which calls become sites:
 *  - a call of a direct op stays as it is;
 *  - a call through an annotated slot gets a call type naming the slot
 *    (the slot is known here and nowhere later), so that the RTL pass
 *    and the ABI hook can tell which op each indirect call is;
 *  - both lose the tail-call flag: a site must be a call, not a jump;
 *  - calls that cannot be sites are diagnosed.
 */
#include "pvpatch-plugin.h"

/* Split REF, a load of a function pointer, into a statically allocated
   variable and a constant byte offset. */
static bool static_slot_of_ref(tree ref, tree *var, HOST_WIDE_INT *offset)
{
	poly_int64 bitsize, bitpos;
	tree var_offset;
	machine_mode mode;
	int unsignedp, reversep, volatilep = 0;
	tree base = get_inner_reference(ref, &bitsize, &bitpos, &var_offset,
					&mode, &unsignedp, &reversep,
					&volatilep);
	HOST_WIDE_INT bits;

	if (TREE_CODE(base) == MEM_REF &&
	    TREE_CODE(TREE_OPERAND(base, 0)) == ADDR_EXPR) {
		bitpos += mem_ref_offset(base).force_shwi() * BITS_PER_UNIT;
		base = TREE_OPERAND(TREE_OPERAND(base, 0), 0);
	}
	if (var_offset || !VAR_P(base) || !is_global_var(base) ||
	    !bitpos.is_constant(&bits) || bits % BITS_PER_UNIT)
		return false;
	*var = base;
	*offset = bits / BITS_PER_UNIT;
	return true;
}

/* The slot an indirect call through FN loads its target from: follow
   copies and pointer conversions back to the load. */
static bool slot_of_callee(tree fn, tree *var, HOST_WIDE_INT *offset)
{
	while (TREE_CODE(fn) == SSA_NAME) {
		gimple *def = SSA_NAME_DEF_STMT(fn);
		tree rhs;

		if (!is_gimple_assign(def))
			return false;
		rhs = gimple_assign_rhs1(def);
		if (gimple_assign_single_p(def) && TREE_CODE(rhs) != SSA_NAME)
			return static_slot_of_ref(rhs, var, offset);
		if (!gimple_assign_single_p(def) && !gimple_assign_cast_p(def))
			return false;
		fn = rhs;
	}
	return false;
}

static void strip_class(gcall *call)
{
	gimple_call_set_fntype(call,
			       pvpatch_type_without_class(gimple_call_fntype(call)));
}

/* Reasons a call of an op cannot be a site; false after an error. */
static bool call_can_be_site(gcall *call, tree op_name)
{
	location_t loc = gimple_location(call);

	if (gimple_call_noreturn_p(call)) {
		error_at(loc, "paravirt op %qE is %<noreturn%>; a site must "
			 "return to patchable code", op_name);
		return false;
	}
	if (gimple_call_chain(call)) {
		error_at(loc, "paravirt op %qE is called with a static chain; "
			 "nested functions cannot be ops", op_name);
		return false;
	}
	if (lookup_stmt_eh_lp(call) > 0) {
		error_at(loc, "call of paravirt op %qE may throw into a "
			 "handler in this function; a site cannot have an "
			 "exception edge", op_name);
		return false;
	}
	return true;
}

static void dump_site(gcall *call, tree op, const struct pvpatch_op_class *cls)
{
	char regs[160];

	if (!dump_file)
		return;
	pvpatch_format_mask(cls->clobbers, regs, sizeof(regs));
	fprintf(dump_file, "site: op ");
	print_generic_expr(dump_file, op);
	if (cls->slot)
		fprintf(dump_file, " (slot %s+" HOST_WIDE_INT_PRINT_DEC ")",
			IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(cls->slot)),
			cls->slot_offset);
	fprintf(dump_file, " clobbers %s size %u line %d\n", regs, cls->size,
		LOCATION_LINE(gimple_location(call)));
}

/* An inline retpoline is a sequence of jumps and calls that no site can
   hold.  Indirect sites in such a function go through GCC's out-of-line
   thunk instead (call __x86_indirect_thunk_REG): the same mitigation,
   and a single patchable call. */
static void use_outline_retpoline(void)
{
	if (cfun->machine->indirect_branch_type == indirect_branch_thunk_inline)
		cfun->machine->indirect_branch_type = indirect_branch_thunk;
}

/* Make an indirect call through CLS's slot a site: record the slot in
   the call's type, where the RTL pass and the ABI hook find it. */
static void make_indirect_site(gcall *call, const struct pvpatch_op_class *cls)
{
	if (!call_can_be_site(call, cls->slot))
		return;
	gimple_call_set_fntype(call, pvpatch_type_with_class(
					     gimple_call_fntype(call), cls));
	gimple_call_set_tail(call, false);
	use_outline_retpoline();
	dump_site(call, cls->slot, cls);
}

/* An indirect call through an annotated slot. */
static void classify_indirect(gcall *call, struct pvpatch_op_class *cls)
{
	if (!slot_of_callee(gimple_call_fn(call), &cls->slot,
			    &cls->slot_offset)) {
		warning_at(gimple_location(call), 0,
			   "pvpatch: the slot of this paravirt call is not "
			   "statically known (a copy of a slot, or a slot at "
			   "a variable index); it is a plain call, not a site");
		strip_class(call);
		return;
	}
	make_indirect_site(call, cls);
}

/* Linux-native mode: an unannotated call through the kernel's ops table. */
static void classify_linux(gcall *call)
{
	struct pvpatch_op_class cls;
	tree slot;
	HOST_WIDE_INT offset;

	if (slot_of_callee(gimple_call_fn(call), &slot, &offset) &&
	    pvpatch_linux_class(call, slot, offset, &cls))
		make_indirect_site(call, &cls);
}

static void classify_call(gcall *call)
{
	struct pvpatch_op_class cls;
	tree fndecl = gimple_call_fndecl(call);

	/* Internal functions (e.g. .DEFERRED_INIT) call nothing. */
	if (gimple_call_internal_p(call))
		return;
	/* A direct op stays one however the call spells its type. */
	if (fndecl && pvpatch_op_class_of(TREE_TYPE(fndecl), &cls)) {
		if (!call_can_be_site(call, fndecl))
			return;
		gimple_call_set_tail(call, false);
		dump_site(call, fndecl, &cls);
		return;
	}
	if (!pvpatch_op_class_of(gimple_call_fntype(call), &cls)) {
		if (pvpatch_opts.linux_ops && !fndecl)
			classify_linux(call);
		return;
	}
	if (!fndecl) {
		classify_indirect(call, &cls);
		return;
	}
	/* The compiler proved which function the slot holds. */
	warning_at(gimple_location(call), 0,
		   "pvpatch: paravirt slot is known to hold %qD here; "
		   "the call is not a site", fndecl);
	strip_class(call);
}

namespace {

const pass_data calls_pass_data = {
	GIMPLE_PASS, "pvpatch_calls", OPTGROUP_NONE, TV_NONE,
	PROP_gimple_any | PROP_cfg, 0, 0, 0, 0
};

class calls_pass : public gimple_opt_pass {
public:
	calls_pass(gcc::context *ctxt) : gimple_opt_pass(calls_pass_data, ctxt) {}

	bool gate(function *) final override
	{
		return !pvpatch_opts.disable;
	}

	unsigned execute(function *fun) final override
	{
		basic_block bb;

		FOR_EACH_BB_FN(bb, fun)
			for (gimple_stmt_iterator gsi = gsi_start_bb(bb);
			     !gsi_end_p(gsi); gsi_next(&gsi))
				if (gcall *call = dyn_cast<gcall *>(gsi_stmt(gsi)))
					classify_call(call);
		return 0;
	}
};

} /* namespace */

opt_pass *pvpatch_make_calls_pass(gcc::context *ctxt)
{
	return new calls_pass(ctxt);
}
