/* SPDX-License-Identifier: MIT */
/*
 * Linux-native mode (-fplugin-arg-pvpatch-linux-ops=pv_ops): plain C calls
 * through the kernel's own ops table become sites that the kernel's own
 * patcher (apply_paravirt) consumes, with no annotation and no edit to
 * kernel headers.
 *
 * The clobber set follows from the member: the func of a struct
 * paravirt_callee_save is callee-save (only the return register, as
 * Linux's PVOP_CALLEE), any other member clobbers the C-ABI set.  Each site
 * gets a .parainstructions entry in the layout of Linux 6.1's
 * struct paravirt_patch_site: a pointer to the site, u8 type (the
 * member's index in pointers), u8 len, u16 clobbers (unused by 6.1),
 * padded to pointer alignment.
 *
 * Under retpolines such a site must not be GCC's thunk call: objtool
 * records thunk calls for the kernel's apply_retpolines, which then finds
 * the site already rewritten by apply_paravirt and warns.  Like Linux's
 * own PARAVIRT_CALL, the site is a plain indirect call annotated
 * retpoline-safe (it never runs unpatched).  GCC chooses the thunk per
 * function, so the function is switched to plain indirect branches for
 * exactly that call: from the final_postscan_insn of the site's label,
 * an extended asm, to that of the call itself.
 */
#include "pvpatch-plugin.h"

#define CALLEE_SAVE_STRUCT "paravirt_callee_save"

static bool record_named(tree type, const char *name)
{
	tree id = TYPE_NAME(type);

	if (id && TREE_CODE(id) == TYPE_DECL)
		id = DECL_NAME(id);
	return id && !strcmp(IDENTIFIER_POINTER(id), name);
}

/* The innermost record of TYPE that holds the pointer at byte OFFSET. */
static tree record_holding(tree type, HOST_WIDE_INT offset)
{
	while (RECORD_OR_UNION_TYPE_P(type)) {
		tree inner = NULL_TREE;

		for (tree f = TYPE_FIELDS(type); f; f = DECL_CHAIN(f)) {
			HOST_WIDE_INT pos, size;

			if (TREE_CODE(f) != FIELD_DECL ||
			    !tree_fits_shwi_p(byte_position(f)) ||
			    !tree_fits_shwi_p(DECL_SIZE_UNIT(f)))
				continue;
			pos = tree_to_shwi(byte_position(f));
			size = tree_to_shwi(DECL_SIZE_UNIT(f));
			if (offset >= pos && offset < pos + size) {
				inner = f;
				offset -= pos;
				break;
			}
		}
		if (!inner || !RECORD_OR_UNION_TYPE_P(TREE_TYPE(inner)))
			return type;
		type = TREE_TYPE(inner);
	}
	return NULL_TREE;
}

bool pvpatch_linux_class(gcall *call, tree slot, HOST_WIDE_INT offset,
			 struct pvpatch_op_class *cls)
{
	tree holder;
	HOST_WIDE_INT type;

	if (!DECL_NAME(slot) ||
	    strcmp(IDENTIFIER_POINTER(DECL_NAME(slot)), pvpatch_opts.linux_ops) ||
	    offset % POINTER_SIZE_UNITS)
		return false;
	type = offset / POINTER_SIZE_UNITS;
	if (type > 255) {
		error_at(gimple_location(call), "pvpatch: %qD member at offset "
			 HOST_WIDE_INT_PRINT_DEC " is beyond the 256 types "
			 "%<.parainstructions%> can number", slot, offset);
		return false;
	}
	holder = record_holding(TREE_TYPE(slot), offset);
	cls->clobbers = pvpatch_return_regs(gimple_call_fntype(call));
	if (holder && record_named(holder, CALLEE_SAVE_STRUCT))
		cls->clobbers |= PVPATCH_REG_BIT(PVPATCH_REG_AX);
	else
		cls->clobbers |= pvpatch_abi_clobbers();
	cls->assumed = cls->clobbers;
	cls->size = pvpatch_opts.site_size;
	cls->table = PVPATCH_TABLE_LINUX;
	cls->slot = slot;
	cls->slot_offset = offset;
	return true;
}

char *pvpatch_linux_entry(unsigned site, const struct pvpatch_op_class *cls)
{
	return xasprintf("\t.pushsection .parainstructions,\"a\"\n"
			 "\t.balign %d\n"
			 "\t%s %s\n"
			 "\t.byte " HOST_WIDE_INT_PRINT_DEC ", %u\n"
			 "\t.short 0\n"
			 "\t.balign %d\n"
			 "\t.popsection",
			 POINTER_SIZE_UNITS, TARGET_64BIT ? ".quad" : ".long",
			 pvpatch_site_label(site).name,
			 cls->slot_offset / POINTER_SIZE_UNITS, cls->size,
			 POINTER_SIZE_UNITS);
}

/* Label insns and calls of this function's retpoline-safe sites. */
static hash_set<rtx_insn *> *safe_labels, *safe_calls;
static enum indirect_branch saved_branch_type;
static void (*target_postscan)(FILE *, rtx_insn *, rtx *, int);

bool pvpatch_linux_safe_call_needed(const struct pvpatch_op_class *cls)
{
	return cls->table == PVPATCH_TABLE_LINUX &&
	       cfun->machine->indirect_branch_type != indirect_branch_keep;
}

char *pvpatch_linux_safe_label(unsigned site)
{
	struct pvpatch_label label = pvpatch_site_label(site);

	return xasprintf("%s:\n"
			 "\t.pushsection .discard.retpoline_safe\n"
			 "\t%s %s\n"
			 "\t.popsection",
			 label.name, TARGET_64BIT ? ".quad" : ".long",
			 label.name);
}

void pvpatch_linux_track_safe_call(rtx_insn *label, rtx_insn *call)
{
	safe_labels->add(label);
	safe_calls->add(call);
}

void pvpatch_linux_start_function(void)
{
	if (!safe_labels) {
		safe_labels = new hash_set<rtx_insn *>;
		safe_calls = new hash_set<rtx_insn *>;
	}
	safe_labels->empty();
	safe_calls->empty();
}

static void postscan(FILE *file, rtx_insn *insn, rtx *ops, int nops)
{
	if (target_postscan)
		target_postscan(file, insn, ops, nops);
	if (!safe_labels)
		return;
	if (safe_labels->contains(insn)) {
		saved_branch_type = cfun->machine->indirect_branch_type;
		cfun->machine->indirect_branch_type = indirect_branch_keep;
	} else if (safe_calls->contains(insn)) {
		cfun->machine->indirect_branch_type = saved_branch_type;
	}
}

void pvpatch_linux_install_hooks(void)
{
	target_postscan = targetm.asm_out.final_postscan_insn;
	targetm.asm_out.final_postscan_insn = postscan;
}
