/* SPDX-License-Identifier: MIT */
/*
 * The attributes.  paravirt validates its arguments, turns them into an
 * op class (clobber mask and site size) and records the class as the
 * internal PVPATCH_OP_ATTR attribute on the op's function type, where the
 * call ABI hooks and the passes find it: on the function's own type for a
 * direct op, on the pointed-to type of the slot for an indirect one.
 * paravirt_impl marks a function the runtime may bind to slots.
 */
#include "pvpatch-plugin.h"

bool pvpatch_seen_attribute;

/* The function type behind DECL if DECL can be a paravirt op: a function,
   or a variable or member of pointer-to-function type. */
static tree op_function_type(tree decl)
{
	tree type = TREE_TYPE(decl);

	switch (TREE_CODE(decl)) {
	case FUNCTION_DECL:
		return type;
	case VAR_DECL:
	case FIELD_DECL:
		if (POINTER_TYPE_P(type) &&
		    TREE_CODE(TREE_TYPE(type)) == FUNCTION_TYPE)
			return TREE_TYPE(type);
		return NULL_TREE;
	default:
		return NULL_TREE;
	}
}

static bool parse_site_size(location_t loc, tree name, tree arg,
			    unsigned *size)
{
	arg = fold(arg);
	STRIP_NOPS(arg);
	if (TREE_CODE(arg) != INTEGER_CST || !tree_fits_uhwi_p(arg)) {
		error_at(loc, "second argument of %qE must be an integer "
			 "constant (the site size in bytes)", name);
		return false;
	}
	unsigned HOST_WIDE_INT n = tree_to_uhwi(arg);
	if (n < PVPATCH_CALL_REL32_SIZE) {
		error_at(loc, "site size %wu of %qE is smaller than a call "
			 "(%d bytes)", n, name, PVPATCH_CALL_REL32_SIZE);
		return false;
	}
	if (n > PVPATCH_MAX_SITE_SIZE) {
		error_at(loc, "site size %wu of %qE is larger than %d bytes",
			 n, name, PVPATCH_MAX_SITE_SIZE);
		return false;
	}
	*size = n;
	return true;
}

static bool parse_clobbers(location_t loc, tree name, const char *spec,
			   uint32_t *mask)
{
	const char *bad;
	size_t bad_len;

	if (!strcmp(spec, "abi")) {
		*mask = pvpatch_abi_clobbers();
		return true;
	}
	if (!strcmp(spec, "callee_save")) {
		*mask = 0;
		return true;
	}
	if (pvpatch_parse_reg_list(spec, mask, &bad, &bad_len))
		return true;
	if (*mask)
		error_at(loc, "%qE: register %<%.*s%> cannot be clobbered by "
			 "a call", name, (int)bad_len, bad);
	else
		error_at(loc, "%qE: unknown register %<%.*s%> (expected "
			 "%<abi%>, %<callee_save%> or a comma-separated list "
			 "of %s register names)", name, (int)bad_len, bad,
			 TARGET_64BIT ? "x86-64" : "i386");
	return false;
}

/* Direct calls to a public function may pass through a lazy-binding PLT
   resolver, which clobbers scratch registers the op itself keeps. */
static bool may_bind_through_plt(tree decl)
{
	return TREE_CODE(decl) == FUNCTION_DECL && TREE_PUBLIC(decl) &&
	       flag_plt && ix86_cmodel != CM_KERNEL &&
	       default_visibility == VISIBILITY_DEFAULT &&
	       (!DECL_VISIBILITY_SPECIFIED(decl) ||
		DECL_VISIBILITY(decl) == VISIBILITY_DEFAULT);
}

/* Parse SPEC ("abi", "callee_save" or a register list) for a function of
   type FNTYPE named by DECL into *MASK, which always holds the return
   registers.  False after an error at LOC. */
bool pvpatch_parse_clobber_spec(location_t loc, tree name, tree decl,
				tree fntype, const char *spec, uint32_t *mask)
{
	uint32_t ret = pvpatch_return_regs(fntype);
	uint32_t missing;

	if (!parse_clobbers(loc, name, spec, mask))
		return false;
	/* The presets name no return register; they always include it. */
	if (!strcmp(spec, "abi") || !strcmp(spec, "callee_save"))
		*mask |= ret;
	missing = ret & ~*mask;
	if (missing) {
		char regs[128];
		pvpatch_format_mask(missing, regs, sizeof(regs));
		error_at(loc, "%qE: the return register %qs of %qD is missing "
			 "from its clobber set %qs", name, regs, decl, spec);
		return false;
	}
	return true;
}

static bool parse_class(location_t loc, tree name, tree decl, tree fntype,
			tree args, struct pvpatch_op_class *cls)
{
	const char *spec = "abi";

	cls->size = pvpatch_opts.site_size;
	cls->table = PVPATCH_TABLE_OWN;
	cls->slot = NULL_TREE;
	cls->slot_offset = 0;
	if (args) {
		tree first = TREE_VALUE(args);
		if (TREE_CODE(first) != STRING_CST) {
			error_at(loc, "first argument of %qE must be a string: "
				 "%<abi%>, %<callee_save%> or a register list",
				 name);
			return false;
		}
		spec = TREE_STRING_POINTER(first);
		if (TREE_CHAIN(args) &&
		    !parse_site_size(loc, name, TREE_VALUE(TREE_CHAIN(args)),
				     &cls->size))
			return false;
	}
	if (!pvpatch_parse_clobber_spec(loc, name, decl, fntype, spec,
					&cls->clobbers))
		return false;
	cls->assumed = cls->clobbers;
	if (may_bind_through_plt(decl))
		cls->assumed |= pvpatch_plt_scratch();
	return true;
}

static bool check_declaration(location_t loc, tree name, tree decl,
			      tree fntype)
{
	if (!fntype) {
		error_at(loc, "%qE attribute applies only to functions, "
			 "function-pointer variables and function-pointer "
			 "struct or union members", name);
		return false;
	}
	if (stdarg_p(fntype)) {
		error_at(loc, "%qE attribute on variadic %qD: variadic ops "
			 "cannot be patched", name, decl);
		return false;
	}
	if (lookup_attribute("ms_abi", TYPE_ATTRIBUTES(fntype))) {
		error_at(loc, "%qE attribute on %qD: %<ms_abi%> ops are not "
			 "supported", name, decl);
		return false;
	}
	if (VAR_P(decl) && !TREE_STATIC(decl) && !DECL_EXTERNAL(decl)) {
		error_at(loc, "%qE attribute on %qD: a paravirt slot needs "
			 "static storage duration", name, decl);
		return false;
	}
	return true;
}

/* Keep IPA from cloning, inlining, specialising or narrowing FNDECL: a
   direct op's calls must stay calls of the op itself, with the clobbers
   its class allows rather than those its current body happens to have,
   and an implementation's record must describe the body that runs.
   This is noipa as decl_attributes expands it when a user writes it
   (noipa alone does not stop IPA-SRA from cloning). */
void pvpatch_keep_intact(tree fndecl)
{
	static const char *const attrs[] = {
		"noipa", "noinline", "noclone", "no_icf"
	};

	DECL_UNINLINABLE(fndecl) = 1;
	for (unsigned i = 0; i < ARRAY_SIZE(attrs); i++)
		if (!lookup_attribute(attrs[i], DECL_ATTRIBUTES(fndecl)))
			DECL_ATTRIBUTES(fndecl) =
				tree_cons(get_identifier(attrs[i]), NULL_TREE,
					  DECL_ATTRIBUTES(fndecl));
}

/* A redeclaration may repeat the class, not change it: callers compiled
   against either would disagree about the clobbers.  The class may sit
   on this declaration already or on the previous one, LAST. */
static bool class_conflicts(location_t loc, tree name, tree decl, tree last,
			    tree fntype, const struct pvpatch_op_class *cls)
{
	struct pvpatch_op_class old;
	tree last_fntype = last && DECL_P(last) && TREE_CODE(last) ==
				   TREE_CODE(decl) ? op_function_type(last)
						   : NULL_TREE;

	if (!pvpatch_op_class_of(fntype, &old) &&
	    !pvpatch_op_class_of(last_fntype, &old))
		return false;
	if (old.clobbers == cls->clobbers && old.size == cls->size)
		return false;
	error_at(loc, "conflicting %qE attributes on %qD", name, decl);
	return true;
}

static void give_class(tree decl, tree fntype,
		       const struct pvpatch_op_class *cls)
{
	tree classed = pvpatch_type_with_class(fntype, cls);
	tree ptr;

	if (TREE_CODE(decl) == FUNCTION_DECL) {
		TREE_TYPE(decl) = classed;
		pvpatch_keep_intact(decl);
		pvpatch_preserve_outside(decl, cls->clobbers);
		return;
	}
	ptr = TREE_TYPE(decl);
	TREE_TYPE(decl) = build_qualified_type(build_pointer_type(classed),
					       TYPE_QUALS(ptr));
}

/* NODE is GCC's pair of this declaration and the previous one. */
static tree handle_paravirt(tree *node, tree name, tree args, int flags,
			    bool *no_add_attrs)
{
	tree decl = *node;
	location_t loc = DECL_P(decl) ? DECL_SOURCE_LOCATION(decl)
				      : input_location;
	tree fntype = DECL_P(decl) ? op_function_type(decl) : NULL_TREE;
	struct pvpatch_op_class cls;

	pvpatch_seen_attribute = true;
	if (!check_declaration(loc, name, decl, fntype) ||
	    !parse_class(loc, name, decl, fntype, args, &cls) ||
	    class_conflicts(loc, name, decl, node[1], fntype, &cls)) {
		*no_add_attrs = true;
		return NULL_TREE;
	}
	if (!pvpatch_opts.disable)
		give_class(decl, fntype, &cls);
	return NULL_TREE;
}

/* ms_abi may be given after paravirt, even in the same attribute list,
   so the handler cannot be the only place that rejects it.  The
   attribute, not the class, says what is an op: with the disable
   argument there is no class, and the checks are the same. */
static void reject_late_ms_abi(tree decl)
{
	tree fntype = op_function_type(decl);

	if (fntype && lookup_attribute("paravirt", DECL_ATTRIBUTES(decl)) &&
	    lookup_attribute("ms_abi", TYPE_ATTRIBUTES(fntype)))
		error_at(DECL_SOURCE_LOCATION(decl), "%<paravirt%> attribute "
			 "on %qD: %<ms_abi%> ops are not supported", decl);
}

void pvpatch_finish_type(void *gcc_data, void *user_data)
{
	tree type = (tree)gcc_data;

	if (!type || !RECORD_OR_UNION_TYPE_P(type))
		return;
	for (tree f = TYPE_FIELDS(type); f; f = DECL_CHAIN(f))
		if (TREE_CODE(f) == FIELD_DECL)
			reject_late_ms_abi(f);
}

/* A definition, once its body is parsed and before it is gimplified.
   It gets no PLUGIN_FINISH_DECL, and at PLUGIN_START_PARSE_FUNCTION its
   attributes are not applied yet: its ms_abi is checked here. */
void pvpatch_finish_definition(void *gcc_data, void *user_data)
{
	tree fndecl = (tree)gcc_data;

	reject_late_ms_abi(fndecl);
	pvpatch_check_preserving_body(fndecl);
}

/* The runtime rewrites slots behind the compiler's back (bind stores the
   new implementation through the site table).  So a variable holding
   slots must never be found read-only by IPA, which would fold its loads
   into direct calls and could even place it in read-only data: mark it
   used, which GCC treats as referenced from outside. */
void pvpatch_finish_decl(void *gcc_data, void *user_data)
{
	tree decl = (tree)gcc_data;

	if (TREE_CODE(decl) == FUNCTION_DECL || VAR_P(decl))
		reject_late_ms_abi(decl);
	if (VAR_P(decl) && is_global_var(decl) && !DECL_EXTERNAL(decl) &&
	    TREE_TYPE(decl) != error_mark_node &&
	    pvpatch_type_holds_slot(TREE_TYPE(decl)))
		DECL_PRESERVE_P(decl) = 1;
}

/* paravirt_impl: a function the runtime may bind to a slot, optionally
   with the clobber set it is compiled to keep.  What its body really
   clobbers is recorded and checked by contract.cc. */
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


static const struct attribute_spec paravirt_attribute = {
	"paravirt", 0, 2, false, false, false, false, handle_paravirt, NULL
};

static const struct attribute_spec impl_attribute = {
	PVPATCH_IMPL_ATTR, 0, 1, false, false, false, false,
	handle_paravirt_impl, NULL
};

void pvpatch_register_attributes(void *gcc_data, void *user_data)
{
	register_attribute(&paravirt_attribute);
	register_attribute(&impl_attribute);
}
