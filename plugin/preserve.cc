/* SPDX-License-Identifier: MIT */
/*
 * Preservation: compiling a function to keep every register its clobber
 * set excludes, for implementations (attribs.cc's paravirt_impl) and for
 * direct ops defined in this unit (attribs.cc's paravirt).  Whether the
 * compiled body then keeps its set is the contract check's (contract.cc).
 */
#include "pvpatch-plugin.h"

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
