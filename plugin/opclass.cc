/* SPDX-License-Identifier: MIT */
/*
 * What every later stage asks about an op, and the names they share:
 *  - the op class, carried on a function type as the internal
 *    PVPATCH_OP_ATTR attribute (attribs.cc gives it, sites.cc moves it
 *    onto a call's type), and which op a call insn calls, which the ABI
 *    hook asks during register allocation and the emission and contract
 *    passes ask after it;
 *  - the assembler names the emitted text shares: a declaration's symbol,
 *    a site's label (emit.cc's entries and linux.cc's refer to it) and
 *    the note through which a runtime finds a table.
 */
#include "pvpatch-plugin.h"

/* Attribute argument list for CLS:
   (clobbers assumed size table [slot offset]). */
static tree class_args(const struct pvpatch_op_class *cls)
{
	tree args = NULL_TREE;

	if (cls->slot)
		args = tree_cons(NULL_TREE, cls->slot,
				 tree_cons(NULL_TREE,
					   build_int_cst(sizetype,
							 cls->slot_offset),
					   NULL_TREE));
	args = tree_cons(NULL_TREE, build_int_cstu(unsigned_type_node,
						   cls->table), args);
	args = tree_cons(NULL_TREE, build_int_cstu(unsigned_type_node,
						   cls->size), args);
	args = tree_cons(NULL_TREE, build_int_cstu(unsigned_type_node,
						   cls->assumed), args);
	return tree_cons(NULL_TREE, build_int_cstu(unsigned_type_node,
						   cls->clobbers), args);
}

bool pvpatch_op_class_of(const_tree fntype, struct pvpatch_op_class *cls)
{
	tree attr, args;

	if (!fntype || !FUNC_OR_METHOD_TYPE_P(fntype))
		return false;
	attr = lookup_attribute(PVPATCH_OP_ATTR, TYPE_ATTRIBUTES(fntype));
	if (!attr)
		return false;
	args = TREE_VALUE(attr);
	cls->clobbers = tree_to_uhwi(TREE_VALUE(args));
	args = TREE_CHAIN(args);
	cls->assumed = tree_to_uhwi(TREE_VALUE(args));
	args = TREE_CHAIN(args);
	cls->size = tree_to_uhwi(TREE_VALUE(args));
	args = TREE_CHAIN(args);
	cls->table = (enum pvpatch_table)tree_to_uhwi(TREE_VALUE(args));
	args = TREE_CHAIN(args);
	cls->slot = args ? TREE_VALUE(args) : NULL_TREE;
	cls->slot_offset = args ? tree_to_shwi(TREE_VALUE(TREE_CHAIN(args)))
				: 0;
	return true;
}

static tree attributes_without_class(tree fntype)
{
	return remove_attribute(PVPATCH_OP_ATTR,
				copy_list(TYPE_ATTRIBUTES(fntype)));
}

tree pvpatch_type_with_class(tree fntype, const struct pvpatch_op_class *cls)
{
	tree attrs = tree_cons(get_identifier(PVPATCH_OP_ATTR),
			       class_args(cls), attributes_without_class(fntype));

	return build_type_attribute_variant(fntype, attrs);
}

tree pvpatch_type_without_class(tree fntype)
{
	return build_type_attribute_variant(fntype,
					    attributes_without_class(fntype));
}

/* Whether objects of TYPE hold a paravirt slot. */
bool pvpatch_type_holds_slot(tree type)
{
	struct pvpatch_op_class cls;

	while (TREE_CODE(type) == ARRAY_TYPE)
		type = TREE_TYPE(type);
	if (POINTER_TYPE_P(type))
		return pvpatch_op_class_of(TREE_TYPE(type), &cls);
	if (!RECORD_OR_UNION_TYPE_P(type))
		return false;
	for (tree field = TYPE_FIELDS(type); field; field = DECL_CHAIN(field))
		if (TREE_CODE(field) == FIELD_DECL &&
		    pvpatch_type_holds_slot(TREE_TYPE(field)))
			return true;
	return false;
}

bool pvpatch_site_of_call(const rtx_insn *insn, struct pvpatch_op_class *cls,
			  tree *callee)
{
	rtx call = get_call_rtx_from(insn);
	rtx mem;
	tree expr;

	if (!call || !MEM_P(XEXP(call, 0)))
		return false;
	mem = XEXP(call, 0);
	expr = MEM_EXPR(mem);
	if (!expr && GET_CODE(XEXP(mem, 0)) == SYMBOL_REF)
		expr = SYMBOL_REF_DECL(XEXP(mem, 0));
	if (!expr)
		return false;
	*callee = TREE_CODE(expr) == FUNCTION_DECL ? expr : NULL_TREE;
	if (!pvpatch_op_class_of(TREE_TYPE(expr), cls))
		return false;
	/* An indirect call is a site only once sites.cc found its slot. */
	return *callee || cls->slot;
}

const char *pvpatch_symbol_name(tree decl)
{
	return targetm.strip_name_encoding(
		IDENTIFIER_POINTER(DECL_ASSEMBLER_NAME(decl)));
}

/* The label at the first byte of this unit's site N. */
struct pvpatch_label pvpatch_site_label(unsigned n)
{
	struct pvpatch_label label;

	snprintf(label.name, sizeof(label.name), ".Lpvpatch_site_%u", n);
	return label;
}

/* A note through which runtimes find this object's SECTION (docs/
   site-table.md); GROUP makes it one per linked object.  An empty piece
   of SECTION in the same group, ordered after the always-retained note,
   keeps __start_/__stop_ defined when --gc-sections collects every entry
   (the table is then empty rather than the link failing), and keeps all
   of SECTION link-ordered, which ld -r requires. */
void pvpatch_emit_note(const char *group, unsigned type, const char *section)
{
	fprintf(asm_out_file,
		"\t.pushsection %s,\"aGR\",@note,%s,comdat\n"
		"\t.hidden __start_%s\n\t.hidden __stop_%s\n"
		PVPATCH_ASM_NOTE(".L%s:\n", "%#x", "__start_%s - .",
				 "__stop_%s - .")
		"\t.popsection\n"
		"\t.pushsection %s,\"aoG\",@progbits,.L%s,%s,comdat\n"
		"\t.popsection\n",
		PVPATCH_NOTE_SECTION, group, section, section, group, type,
		section, section, section, group, group);
}

/* Code for a kernel (x86-64's kernel code model). */
bool pvpatch_kernel_code(void)
{
	return ix86_cmodel == CM_KERNEL;
}

/* An objtool annotation of the instruction at LABEL: an entry of
   .discard.NAME (discarded by the kernel's link), as Linux's own
   annotation macros write them: with a pointer in 6.1, a 32-bit word
   since.  Lines to follow others. */
char *pvpatch_objtool_annotation(const char *name, const char *label)
{
	return xasprintf("\n\t.pushsection .discard.%s\n"
			 "\t%s %s\n"
			 "\t.popsection",
			 name,
			 TARGET_64BIT && pvpatch_opts.linux_abi !=
						 PVPATCH_LINUX_ABI_6_8
				 ? ".quad" : ".long",
			 label);
}

/* Under IBT objtool wants each address of kernel text that data holds to
   be an ENDBR or annotated as needing none ("data relocation to
   !ENDBR").  What pvpatch's records hold the address of - a site (its
   table entry), an op function (its descriptor), an implementation (its
   impl record) - is only ever reached by calls the patcher writes or
   copied inline, never by an indirect branch: annotate it as Linux's
   ANNOTATE_NOENDBR does.  Outside kernel code, nothing. */
char *pvpatch_kernel_noendbr(const char *address)
{
	if (!pvpatch_kernel_code())
		return xstrdup("");
	return pvpatch_objtool_annotation("noendbr", address);
}

/* The field of record TYPE that holds byte *OFFSET, which becomes the
   offset within that field; NULL_TREE if none does. */
tree pvpatch_field_at(tree type, HOST_WIDE_INT *offset)
{
	for (tree f = TYPE_FIELDS(type); f; f = DECL_CHAIN(f)) {
		HOST_WIDE_INT pos, size;

		if (TREE_CODE(f) != FIELD_DECL ||
		    !tree_fits_shwi_p(byte_position(f)) ||
		    !tree_fits_shwi_p(DECL_SIZE_UNIT(f)))
			continue;
		pos = tree_to_shwi(byte_position(f));
		size = tree_to_shwi(DECL_SIZE_UNIT(f));
		if (*offset >= pos && *offset < pos + size) {
			*offset -= pos;
			return f;
		}
	}
	return NULL_TREE;
}
