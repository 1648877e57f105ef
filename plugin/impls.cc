/* SPDX-License-Identifier: MIT */
/*
 * Implementations and the clobber contract.
 *
 * A site may only reach code that clobbers no more than its op allows.
 * The plugin knows what a function it compiles really clobbers once
 * registers are allocated, so it
 *  - records it for functions marked __attribute__((paravirt_impl)) in
 *    struct pvpatch_impl records the runtime checks bindings against;
 *  - compiles implementations (and direct ops defined here) to preserve
 *    what their clobber set excludes, when GCC can (general registers);
 *  - rejects at compile time what it can see: an implementation, or a
 *    direct op's own body, that clobbers more than declared, and a static
 *    initializer that binds a slot to a function compiled here that
 *    clobbers more than the slot allows.
 */
#include "pvpatch-plugin.h"

#define IMPL_ATTR "paravirt_impl"

/* What each function compiled in this unit really clobbers, by DECL_UID. */
static hash_map<int_hash<int, -1, -2>, uint32_t> *clobbers_by_uid;

static unsigned impl_count;	/* numbers the record labels of this unit */
static bool impls_note_emitted;

static bool general_regs_suffice(uint32_t mask)
{
	return !(mask & (PVPATCH_REG_BIT(PVPATCH_REG_VEC) |
			 PVPATCH_REG_BIT(PVPATCH_REG_X87)));
}

/* Marks the functions pvpatch_preserve_outside compiled to preserve; its
   value is their target options from before. */
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
	DECL_ATTRIBUTES(fndecl) = tree_cons(get_identifier(PRESERVE_ATTR),
					    target, DECL_ATTRIBUTES(fndecl));
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
	give_back_vector_registers(fndecl, TREE_VALUE(preserve));
}

static tree handle_paravirt_impl(tree *node, tree name, tree args, int flags,
				 bool *no_add_attrs)
{
	tree decl = *node;
	location_t loc = DECL_P(decl) ? DECL_SOURCE_LOCATION(decl)
				      : input_location;
	uint32_t mask;

	if (TREE_CODE(decl) != FUNCTION_DECL) {
		error_at(loc, "%qE attribute applies only to functions", name);
		*no_add_attrs = true;
		return NULL_TREE;
	}
	if (args && TREE_CODE(TREE_VALUE(args)) != STRING_CST) {
		error_at(loc, "argument of %qE must be a string: %<abi%>, "
			 "%<callee_save%> or a register list", name);
		*no_add_attrs = true;
		return NULL_TREE;
	}
	if (args && !pvpatch_parse_clobber_spec(loc, name, decl,
						TREE_TYPE(decl),
						TREE_STRING_POINTER(TREE_VALUE(args)),
						&mask)) {
		*no_add_attrs = true;
		return NULL_TREE;
	}
	pvpatch_keep_intact(decl);
	if (args && !pvpatch_opts.disable)
		pvpatch_preserve_outside(decl, mask);
	return NULL_TREE;
}

static const struct attribute_spec impl_attribute = {
	IMPL_ATTR, 0, 1, false, false, false, false, handle_paravirt_impl, NULL
};

void pvpatch_register_impl_attribute(void)
{
	register_attribute(&impl_attribute);
}

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

	if (!impls_note_emitted) {
		pvpatch_emit_note("__pvpatch_impls_note", PVPATCH_NOTE_TYPE_IMPLS,
				  PVPATCH_IMPLS_SECTION);
		impls_note_emitted = true;
	}
	fprintf(asm_out_file,
		"\t.set .Lpvpatch_impl_%u, %s\n"
		"\t.pushsection %s,\"ao\",@progbits,%s\n"
		"\t.balign 4\n"
		"\t.long .Lpvpatch_impl_%u - .\n"
		"\t.long %#x\n"
		"\t.popsection\n",
		n, sym, PVPATCH_IMPLS_SECTION, sym, n, mask);
}

/* The clobber set an implementation was declared to keep, if any. */
static bool declared_impl_mask(tree fn, uint32_t *mask)
{
	tree attr = lookup_attribute(IMPL_ATTR, DECL_ATTRIBUTES(fn));
	const char *spec;

	if (!attr || !TREE_VALUE(attr))
		return false;
	spec = TREE_STRING_POINTER(TREE_VALUE(TREE_VALUE(attr)));
	return pvpatch_parse_clobber_spec(DECL_SOURCE_LOCATION(fn),
					  get_identifier(IMPL_ATTR), fn,
					  TREE_TYPE(fn), spec, mask);
}

void pvpatch_check_function(void)
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
	if (!lookup_attribute(IMPL_ATTR, DECL_ATTRIBUTES(fn)))
		return;
	if (declared_impl_mask(fn, &declared) && (has & ~declared))
		report_excess(DECL_SOURCE_LOCATION(fn), fn, has, declared,
			      "clobber set it was declared with");
	emit_impl_record(fn, has);
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
