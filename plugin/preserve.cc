/* SPDX-License-Identifier: MIT */
/*
 * Preservation: compiling a function to keep every register its clobber
 * set excludes, and to save no register the set includes, for
 * implementations (attribs.cc's paravirt_impl) and for direct ops
 * defined in this unit (attribs.cc's paravirt).  Whether the compiled
 * body then keeps its set is the contract check's (contract.cc).
 */
#include "pvpatch-plugin.h"

static bool general_regs_suffice(uint32_t mask)
{
	return !(mask & (PVPATCH_REG_BIT(PVPATCH_REG_VEC) |
			 PVPATCH_REG_BIT(PVPATCH_REG_X87)));
}

/* Marks the functions pvpatch_preserve_outside compiled to preserve; its
   value is a list of their clobber set (purpose) and their target
   options from before (value). */
#define PRESERVE_ATTR "pvpatch preserve"

/* Whether TYPE holds floating-point values, or (VECTORS) any vector:
   the values an ABI passes in vector or x87 registers.  General-regs-
   only code computes integer vectors in general registers. */
static bool type_has_float(tree type, bool vectors)
{
	if (FLOAT_TYPE_P(type) || (vectors && VECTOR_TYPE_P(type)))
		return true;
	if (TREE_CODE(type) == ARRAY_TYPE)
		return type_has_float(TREE_TYPE(type), vectors);
	if (!RECORD_OR_UNION_TYPE_P(type))
		return false;
	for (tree f = TYPE_FIELDS(type); f; f = DECL_CHAIN(f))
		if (TREE_CODE(f) == FIELD_DECL &&
		    type_has_float(TREE_TYPE(f), vectors))
			return true;
	return false;
}

static bool signature_has_float(tree fntype)
{
	if (type_has_float(TREE_TYPE(fntype), true))
		return true;
	for (tree a = TYPE_ARG_TYPES(fntype); a && a != void_list_node;
	     a = TREE_CHAIN(a))
		if (type_has_float(TREE_VALUE(a), true))
			return true;
	return false;
}

/* Compile FNDECL to preserve every register outside MASK.  GCC can do so
   for the general registers (no_caller_saved_registers), and only in code
   restricted to them, so a MASK that lets vector or x87 state be
   clobbered, or a signature that passes such values (general-regs-only
   code would look for them elsewhere), gets nothing here; the check
   after register allocation still catches a body that clobbers too
   much. */
void pvpatch_preserve_outside(tree fndecl, uint32_t mask)
{
	uint32_t abi_gprs = pvpatch_abi_clobbers() & PVPATCH_GPR_MASK;
	tree target = DECL_FUNCTION_SPECIFIC_TARGET(fndecl), attrs;

	if (!general_regs_suffice(mask) || !(abi_gprs & ~mask) ||
	    signature_has_float(TREE_TYPE(fndecl)))
		return;
	attrs = tree_cons(get_identifier("no_caller_saved_registers"),
			  NULL_TREE, NULL_TREE);
	attrs = tree_cons(get_identifier("target"),
			  build_tree_list(NULL_TREE,
					  build_string(18, "general-regs-only")),
			  attrs);
	decl_attributes(&fndecl, attrs, 0);
	DECL_ATTRIBUTES(fndecl) = tree_cons(
		get_identifier(PRESERVE_ATTR),
		tree_cons(build_int_cst(unsigned_type_node, mask), target,
			  NULL_TREE),
		DECL_ATTRIBUTES(fndecl));
}

/* The function type a GENERIC call calls through. */
static tree call_fntype(tree call)
{
	tree fn_ptr_type = TREE_TYPE(CALL_EXPR_FN(call));

	return POINTER_TYPE_P(fn_ptr_type) ? TREE_TYPE(fn_ptr_type) : NULL_TREE;
}

static bool holds_float(tree t)
{
	return t && !TYPE_P(t) && TREE_TYPE(t) &&
	       type_has_float(TREE_TYPE(t), false);
}

/* walk_tree callback: an expression that computes with floating-point
   values, or a call with or for values the ABI passes in vector or x87
   registers.  A declaration alone is no computation. */
static tree find_float(tree *tp, int *walk_subtrees, void *)
{
	tree t = *tp, fntype;

	if (TYPE_P(t) || !EXPR_P(t) || TREE_CODE(t) == DECL_EXPR) {
		*walk_subtrees = !TYPE_P(t);
		return NULL_TREE;
	}
	if (TREE_CODE(t) == CALL_EXPR && (fntype = call_fntype(t)) &&
	    signature_has_float(fntype))
		return t;
	if (holds_float(t))
		return t;
	for (int i = 0; i < TREE_OPERAND_LENGTH(t); i++)
		if (holds_float(TREE_OPERAND(t, i)))
			return t;
	return NULL_TREE;
}

/* Undo pvpatch_preserve_outside for a body that was refused, so that GCC
   does not add errors of its own about the missing vector registers that
   do not say why they are missing.  The target caches the options of the
   function it is in, so leave the function while they change. */
static void give_back_vector_registers(tree fndecl, tree target)
{
	function *fun = DECL_STRUCT_FUNCTION(fndecl);

	set_cfun(NULL);
	DECL_FUNCTION_SPECIFIC_TARGET(fndecl) = target;
	DECL_ATTRIBUTES(fndecl) = remove_attribute("no_caller_saved_registers",
						   DECL_ATTRIBUTES(fndecl));
	fun->machine->no_caller_saved_registers = false;
	set_cfun(fun);
}

/* A function compiled to preserve the vector state cannot compute with
   floating point: GCC would call soft-float routines x86 does not have,
   or reject a call passing such values with a message about SSE being
   disabled that does not say why.  Say why, where it happens, once per
   function, before gimplification, which gives GCC's message. */
void pvpatch_check_preserving_body(tree fndecl)
{
	tree found;
	tree preserve = lookup_attribute(PRESERVE_ATTR, DECL_ATTRIBUTES(fndecl));
	location_t loc;

	if (!preserve)
		return;
	found = walk_tree_without_duplicates(&DECL_SAVED_TREE(fndecl),
					     find_float, NULL);
	if (!found)
		return;
	loc = EXPR_HAS_LOCATION(found) ? EXPR_LOCATION(found)
				       : DECL_SOURCE_LOCATION(fndecl);
	error_at(loc, "%qD computes with floating-point values, but its "
		 "clobber set keeps the vector registers; let it clobber them "
		 "or write it in assembly", fndecl);
	give_back_vector_registers(fndecl, TREE_VALUE(TREE_VALUE(preserve)));
}

/*
 * Saving only what the set excludes.  Under no_caller_saved_registers,
 * ix86_save_reg saves every register the body uses but the return
 * value's, so a register inside MASK that the body writes is pushed and
 * popped for nothing.  The attribute is needed while the function is
 * expanded: ix86_expand_call then gives its calls the C ABI's clobbers,
 * and ix86_function_ok_for_sibcall refuses tail calls, which would leave
 * with registers outside MASK changed.  Once expanded, the function drops
 * the attribute's flag and, for it alone, the registers are
 * reinitialised: the C ABI's call-used registers inside MASK stay
 * call-used, those outside it become call-saved.  Register allocation and
 * the prologue then follow GCC's ordinary rule, saving the call-saved
 * registers the body uses.  This must happen before allocation, which
 * fixes the frame and the offsets of stack operands.  After the
 * function's last pass the flag and the registers are put back, as
 * ix86_set_current_function, which reinitialises them only when the flag
 * differs from the previous function's, expects them.
 */
static tree switched_fn;		/* the function switched, if any */
static uint32_t switched_clobbers;	/* ... the call-used GPRs it keeps */
static struct target_hard_regs *switched_in; /* registers holding it */

static void (*target_conditional_register_usage)(void);
static void (*target_set_current_function)(tree);

static bool in_switched_function(void)
{
	return cfun && switched_fn && cfun->decl == switched_fn;
}

/* The target's rule; in the switched function, the rule for functions
   without caller-saved registers (so that all but the C ABI's call-used
   GPRs stay as before), then MASK's own for those GPRs. */
static void preserve_conditional_register_usage(void)
{
	uint32_t abi_gprs = pvpatch_abi_clobbers() & PVPATCH_GPR_MASK;
	bool switched = in_switched_function();

	if (switched)
		cfun->machine->no_caller_saved_registers = true;
	target_conditional_register_usage();
	if (!switched) {
		if (switched_in == this_target_hard_regs)
			switched_in = NULL;
		return;
	}
	cfun->machine->no_caller_saved_registers = false;
	for (unsigned regno = 0; regno < FIRST_PSEUDO_REGISTER; regno++) {
		uint32_t bit = pvpatch_reg_bit_of_hard_reg(regno);

		if (!fixed_regs[regno] && (bit & abi_gprs))
			this_target_hard_regs->x_call_used_regs[regno] =
				!!(bit & switched_clobbers);
	}
	switched_in = this_target_hard_regs;
}

/* Entering or leaving the switched function between its passes: GCC
   must see the flag as it set it, or it would not reinitialise the
   registers for the next function that has it; then the registers must
   be the switched function's exactly when it is current.  (Each target
   configuration has registers of its own, hence this_target_hard_regs.) */
static void preserve_set_current_function(tree fndecl)
{
	function *fun = fndecl && fndecl == switched_fn
				? DECL_STRUCT_FUNCTION(fndecl) : NULL;

	if (fun)
		fun->machine->no_caller_saved_registers = true;
	target_set_current_function(fndecl);
	if (fun)
		fun->machine->no_caller_saved_registers = false;
	if (fndecl && (fun ? switched_in != this_target_hard_regs
			   : switched_in == this_target_hard_regs))
		reinit_regs();
}

/* Calls of functions compiled without caller-saved registers got no
   clobbers from ix86_expand_call.  Those functions now clobber their
   own MASK, so give such calls (sites excepted: they have their op's
   ABI) the C ABI's clobbers, which they honour in any case. */
static void clobber_abi_across_calls(void)
{
	uint32_t abi_gprs = pvpatch_abi_clobbers() & PVPATCH_GPR_MASK;
	struct pvpatch_op_class cls;
	tree callee;

	for (rtx_insn *insn = get_insns(); insn; insn = NEXT_INSN(insn)) {
		if (!CALL_P(insn) || find_reg_note(insn, REG_NORETURN, NULL) ||
		    pvpatch_site_of_call(insn, &cls, &callee))
			continue;
		for (unsigned regno = 0; regno < FIRST_PSEUDO_REGISTER; regno++) {
			rtx reg;

			if (fixed_regs[regno] ||
			    !(pvpatch_reg_bit_of_hard_reg(regno) & abi_gprs) ||
			    find_regno_fusage(insn, CLOBBER, regno))
				continue;
			reg = gen_rtx_REG(word_mode, regno);
			CALL_INSN_FUNCTION_USAGE(insn) = gen_rtx_EXPR_LIST(
				VOIDmode, gen_rtx_CLOBBER(VOIDmode, reg),
				CALL_INSN_FUNCTION_USAGE(insn));
		}
	}
}

static void switch_registers(function *fun, uint32_t mask)
{
	uint32_t abi_gprs = pvpatch_abi_clobbers() & PVPATCH_GPR_MASK;

	clobber_abi_across_calls();
	/* MASK holds the return value's registers (parse_clobber_spec), so
	   they stay call-used, as aggregate_value_p expects of them. */
	switched_clobbers = mask & abi_gprs;
	switched_fn = fun->decl;
	fun->machine->no_caller_saved_registers = false;
	reinit_regs();
}

static void restore_registers(function *fun)
{
	fun->machine->no_caller_saved_registers = true;
	switched_fn = NULL_TREE;
	reinit_regs();
}

void pvpatch_install_preserve_hooks(void)
{
	target_conditional_register_usage = targetm.conditional_register_usage;
	target_set_current_function = targetm.set_current_function;
	targetm.conditional_register_usage =
		preserve_conditional_register_usage;
	targetm.set_current_function = preserve_set_current_function;
}

namespace {

const pass_data switch_pass_data = {
	RTL_PASS, "*pvpatch_switch_regs", OPTGROUP_NONE, TV_NONE, 0, 0, 0, 0, 0
};

/* After expansion: a function compiled to preserve (and not given back)
   switches to its MASK.  An ms_abi function keeps the attribute's saves:
   its C ABI is not the one pvpatch_abi_clobbers describes. */
class switch_pass : public rtl_opt_pass {
public:
	switch_pass(gcc::context *ctxt)
		: rtl_opt_pass(switch_pass_data, ctxt) {}

	bool gate(function *fun) final override
	{
		return !seen_error() && fun->machine->no_caller_saved_registers &&
		       fun->machine->call_abi != MS_ABI &&
		       lookup_attribute(PRESERVE_ATTR,
					DECL_ATTRIBUTES(fun->decl));
	}

	unsigned execute(function *fun) final override
	{
		tree preserve = lookup_attribute(PRESERVE_ATTR,
						 DECL_ATTRIBUTES(fun->decl));

		switch_registers(fun,
				 TREE_INT_CST_LOW(TREE_PURPOSE(TREE_VALUE(preserve))));
		return 0;
	}
};

const pass_data restore_pass_data = {
	RTL_PASS, "*pvpatch_restore_regs", OPTGROUP_NONE, TV_NONE, 0, 0, 0, 0, 0
};

/* After final: the switched function puts back the flag and registers. */
class restore_pass : public rtl_opt_pass {
public:
	restore_pass(gcc::context *ctxt)
		: rtl_opt_pass(restore_pass_data, ctxt) {}

	bool gate(function *) final override
	{
		return in_switched_function();
	}

	unsigned execute(function *fun) final override
	{
		restore_registers(fun);
		return 0;
	}
};

} /* namespace */

opt_pass *pvpatch_make_switch_pass(gcc::context *ctxt)
{
	return new switch_pass(ctxt);
}

opt_pass *pvpatch_make_restore_pass(gcc::context *ctxt)
{
	return new restore_pass(ctxt);
}
