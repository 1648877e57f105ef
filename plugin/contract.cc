/* SPDX-License-Identifier: MIT */
/*
 * RTL pass "*pvpatch_contract", after register allocation and before the
 * emission pass: the clobber contract.
 *
 * A site may only reach code that clobbers no more than its op allows.
 * The plugin knows what a function it compiles really clobbers once
 * registers are allocated, so it
 *  - records it for functions marked __attribute__((paravirt_impl)) in
 *    struct pvpatch_impl records the runtime checks bindings against;
 *  - rejects at compile time what it can see: an implementation, or a
 *    direct op's own body, that clobbers more than declared, and (at the
 *    end of the unit) a static initializer that binds a slot to a
 *    function compiled here that clobbers more than the slot allows.
 * Compiling such functions to keep their set is preserve.cc's.
 */
#include "pvpatch-plugin.h"

/* What each function compiled in this unit really clobbers, by DECL_UID. */
static hash_map<int_hash<int, -1, -2>, uint32_t> *clobbers_by_uid;

static unsigned impl_count;	/* numbers the record labels of this unit */
static bool impls_note_emitted;

static void note_written(rtx dest, const_rtx, void *data)
{
	uint32_t *mask = (uint32_t *)data;

	if (REG_P(dest) && HARD_REGISTER_P(dest))
		for (unsigned r = REGNO(dest); r < END_REGNO(dest); r++)
			*mask |= pvpatch_reg_bit_of_hard_reg(r);
}

/* Registers a frame-related insn saves to memory (prologue saves, which
   GCC always restores before returning). */
static uint32_t saved_by(const rtx_insn *insn)
{
	rtx pat = PATTERN(insn);
	uint32_t mask = 0;
	int n = GET_CODE(pat) == PARALLEL ? XVECLEN(pat, 0) : 1;

	for (int i = 0; i < n; i++) {
		rtx set = GET_CODE(pat) == PARALLEL ? XVECEXP(pat, 0, i) : pat;

		if (GET_CODE(set) == SET && MEM_P(SET_DEST(set)) &&
		    REG_P(SET_SRC(set)) && HARD_REGISTER_P(SET_SRC(set)))
			note_written(SET_SRC(set), NULL_RTX, &mask);
	}
	return mask;
}

/* What a call may clobber.  An op honours its class (that is checked
   where it is defined and bound), so its call clobbers the class and
   the PLT scratch, not the wider ABI its callers may have been given
   when GCC ran out of ABI ids. */
static uint32_t call_clobbers(const rtx_insn *call)
{
	struct pvpatch_op_class cls;
	tree callee;

	if (pvpatch_site_of_call(call, &cls, &callee))
		return cls.assumed;
	return pvpatch_mask_of_hard_regs(
		insn_callee_abi(call).full_and_partial_reg_clobbers());
}

/* What the current function, as allocated, may leave changed for its
   caller: every register it or its callees write, less what its prologue
   saves, less the stack pointer. */
static uint32_t current_function_clobbers(void)
{
	uint32_t written = 0, saved = 0;

	for (rtx_insn *insn = get_insns(); insn; insn = NEXT_INSN(insn)) {
		if (!INSN_P(insn))
			continue;
		if (CALL_P(insn))
			written |= call_clobbers(insn);
		note_stores(insn, note_written, &written);
		if (RTX_FRAME_RELATED_P(insn))
			saved |= saved_by(insn);
	}
	return written & ~saved & ~PVPATCH_REG_BIT(PVPATCH_REG_SP);
}

static void report_excess(location_t loc, tree fn, uint32_t has,
			  uint32_t allowed, const char *what)
{
	char excess[160], limit[160];

	pvpatch_format_mask(has & ~allowed, excess, sizeof(excess));
	pvpatch_format_mask(allowed, limit, sizeof(limit));
	error_at(loc, "%qD clobbers %qs, outside the %s (%qs)", fn, excess,
		 what, limit);
}

/* The record through which the runtime learns FN's clobbers.  A local
   alias makes the reference resolve at assembly time, so that a global
   function in a shared object needs no relocation. */
static void emit_impl_record(tree fn, uint32_t mask)
{
	const char *sym = pvpatch_symbol_name(fn);
	unsigned n = impl_count++;
	char *noendbr = pvpatch_kernel_noendbr(sym);

	if (!impls_note_emitted) {
		pvpatch_emit_note("__pvpatch_impls_note", PVPATCH_NOTE_TYPE_IMPLS,
				  PVPATCH_IMPLS_SECTION);
		impls_note_emitted = true;
	}
	fprintf(asm_out_file,
		"\t.set .Lpvpatch_impl_%u, %s\n"
		"\t.pushsection %s,\"ao\",@progbits,%s\n"
		PVPATCH_ASM_IMPL("", ".Lpvpatch_impl_%u - .", "%#x")
		"\t.popsection%s\n",
		n, sym, PVPATCH_IMPLS_SECTION, sym, n, mask, noendbr);
	free(noendbr);
}

/* The clobber set an implementation was declared to keep, if any. */
static bool declared_impl_mask(tree fn, uint32_t *mask)
{
	tree attr = lookup_attribute(PVPATCH_IMPL_ATTR, DECL_ATTRIBUTES(fn));
	const char *spec;

	if (!attr || !TREE_VALUE(attr))
		return false;
	spec = TREE_STRING_POINTER(TREE_VALUE(TREE_VALUE(attr)));
	return pvpatch_parse_clobber_spec(DECL_SOURCE_LOCATION(fn),
					  get_identifier(PVPATCH_IMPL_ATTR), fn,
					  TREE_TYPE(fn), spec, mask);
}

static void check_function(void)
{
	tree fn = current_function_decl;
	uint32_t has = current_function_clobbers();
	uint32_t declared;
	struct pvpatch_op_class cls;

	if (!clobbers_by_uid)
		clobbers_by_uid = new hash_map<int_hash<int, -1, -2>, uint32_t>;
	clobbers_by_uid->put(DECL_UID(fn), has);
	if (pvpatch_op_class_of(TREE_TYPE(fn), &cls) &&
	    cls.table == PVPATCH_TABLE_OWN && (has & ~cls.clobbers))
		report_excess(DECL_SOURCE_LOCATION(fn), fn, has, cls.clobbers,
			      "clobber set of its paravirt op");
	if (!lookup_attribute(PVPATCH_IMPL_ATTR, DECL_ATTRIBUTES(fn)))
		return;
	if (declared_impl_mask(fn, &declared) && (has & ~declared))
		report_excess(DECL_SOURCE_LOCATION(fn), fn, has, declared,
			      "clobber set it was declared with");
	emit_impl_record(fn, has);
}

namespace {

const pass_data contract_pass_data = {
	RTL_PASS, "*pvpatch_contract", OPTGROUP_NONE, TV_NONE, 0, 0, 0, 0, 0
};

class contract_pass : public rtl_opt_pass {
public:
	contract_pass(gcc::context *ctxt)
		: rtl_opt_pass(contract_pass_data, ctxt) {}

	bool gate(function *) final override
	{
		return !pvpatch_opts.disable;
	}

	unsigned execute(function *) final override
	{
		check_function();
		return 0;
	}
};

} /* namespace */

opt_pass *pvpatch_make_contract_pass(gcc::context *ctxt)
{
	return new contract_pass(ctxt);
}

/* Check the function VALUE binds to a slot of type SLOT_TYPE in VAR's
   initializer, if it was compiled here. */
static void check_binding(tree var, tree value, tree slot_type)
{
	struct pvpatch_op_class cls;
	uint32_t *has;
	tree fn;

	STRIP_NOPS(value);
	if (TREE_CODE(value) != ADDR_EXPR ||
	    TREE_CODE(TREE_OPERAND(value, 0)) != FUNCTION_DECL ||
	    !POINTER_TYPE_P(slot_type) ||
	    !pvpatch_op_class_of(TREE_TYPE(slot_type), &cls))
		return;
	fn = TREE_OPERAND(value, 0);
	has = clobbers_by_uid->get(DECL_UID(fn));
	if (has && (*has & ~cls.clobbers))
		report_excess(DECL_SOURCE_LOCATION(var), fn, *has, cls.clobbers,
			      "clobber set of the paravirt slot it is bound to");
}

static void check_initializer(tree var, tree init, tree type)
{
	unsigned i;
	tree index, value;

	if (!init || init == error_mark_node)
		return;
	if (TREE_CODE(init) != CONSTRUCTOR) {
		check_binding(var, init, type);
		return;
	}
	FOR_EACH_CONSTRUCTOR_ELT(CONSTRUCTOR_ELTS(init), i, index, value) {
		tree elt_type = index && TREE_CODE(index) == FIELD_DECL
					? TREE_TYPE(index)
					: TREE_TYPE(type);
		check_initializer(var, value, elt_type);
	}
}

/* Static initializers that bind slots to functions compiled in this unit
   (or, with LTO, this partition), once all of them are compiled. */
void pvpatch_check_bindings(void)
{
	varpool_node *vnode;

	if (!clobbers_by_uid)
		return;
	FOR_EACH_DEFINED_VARIABLE(vnode)
		if (pvpatch_type_holds_slot(TREE_TYPE(vnode->decl)))
			check_initializer(vnode->decl, vnode->get_constructor(),
					  TREE_TYPE(vnode->decl));
}
