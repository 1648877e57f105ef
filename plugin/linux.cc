/* SPDX-License-Identifier: MIT */
/*
 * Linux-native mode (-fplugin-arg-pvpatch-linux-ops=pv_ops with
 * -fplugin-arg-pvpatch-linux-abi=6.1 or =6.8): plain C calls through the
 * kernel's own ops table become sites that the kernel's own patcher
 * consumes, with no annotation and no edit to kernel headers.
 *
 * The clobber set follows from the member: the func of a struct
 * paravirt_callee_save is callee-save (only the return register, as
 * Linux's PVOP_CALLEE), any other member clobbers the C-ABI set.  Each site
 * gets, by the format:
 *  - 6.1: a .parainstructions entry in the layout of Linux 6.1's
 *    struct paravirt_patch_site for apply_paravirt: a pointer to the
 *    site, u8 type (the member's index in pointers), u8 len, padded to
 *    pointer alignment;
 *  - 6.8: the struct alt_instr of ALTERNATIVE(PARAVIRT_CALL,
 *    ALT_CALL_INSTR, ALT_CALL_ALWAYS), which apply_alternatives turns
 *    into a direct call of the slot's function (alt_replace_call).
 * The layouts are checked against the kernel headers the unit includes.
 *
 * The site itself is Linux's PARAVIRT_CALL, call *pv_ops+N(%rip), and
 * never a retpoline thunk call (kernel.cc).
 */
#include "pvpatch-plugin.h"

/* The innermost record of TYPE that holds the pointer at byte OFFSET. */
static tree record_holding(tree type, HOST_WIDE_INT offset)
{
	while (RECORD_OR_UNION_TYPE_P(type)) {
		tree inner = pvpatch_field_at(type, &offset);

		if (!inner || !RECORD_OR_UNION_TYPE_P(TREE_TYPE(inner)))
			return type;
		type = TREE_TYPE(inner);
	}
	return NULL_TREE;
}

/* Linux's own site, PARAVIRT_CALL: call *pv_ops+N(%rip), ff 15 disp32. */
#define LINUX_CALL_SIZE 6

/* The kernel's own description of its tables, as the unit's headers give
   it: recorded while the unit is parsed, checked at its first site. */
struct kernel_field {
	const char *name;
	HOST_WIDE_INT offset, size;	/* expected */
};

struct kernel_record {
	const char *tag;
	HOST_WIDE_INT size;		/* expected */
	const struct kernel_field *fields;
	unsigned nfields;
	bool seen;			/* complete in this unit */
	char mismatch[160];		/* the first difference, if any */
};

/* Linux 6.1's struct paravirt_patch_site (.parainstructions). */
static const struct kernel_field patch_site_fields[] = {
	{ "instr", 0, 8 }, { "type", 8, 1 }, { "len", 9, 1 },
};
/* Linux 6.8+'s packed struct alt_instr, 14 bytes; 6.1's, 12 bytes. */
static const struct kernel_field alt_instr_68_fields[] = {
	{ "instr_offset", 0, 4 }, { "repl_offset", 4, 4 },
	{ "ft_flags", 8, 4 }, { "instrlen", 12, 1 }, { "replacementlen", 13, 1 },
};
static const struct kernel_field alt_instr_61_fields[] = {
	{ "instr_offset", 0, 4 }, { "repl_offset", 4, 4 },
	{ "cpuid", 8, 2 }, { "instrlen", 10, 1 }, { "replacementlen", 11, 1 },
};

static struct kernel_record patch_site = {
	"paravirt_patch_site", 16, patch_site_fields,
	ARRAY_SIZE(patch_site_fields), false, ""
};
static struct kernel_record alt_instr_68 = {
	"alt_instr", 14, alt_instr_68_fields, ARRAY_SIZE(alt_instr_68_fields),
	false, ""
};
static struct kernel_record alt_instr_61 = {
	"alt_instr", 12, alt_instr_61_fields, ARRAY_SIZE(alt_instr_61_fields),
	false, ""
};

/* The struct alt_instr the format of -fplugin-arg-pvpatch-linux-abi
   writes. */
static struct kernel_record *alt_instr(void)
{
	return pvpatch_opts.linux_abi == PVPATCH_LINUX_ABI_6_8 ? &alt_instr_68
							      : &alt_instr_61;
}

/* The field NAME of TYPE, looking into anonymous members; its byte
   offset in *OFFSET. */
static tree field_named(tree type, const char *name, HOST_WIDE_INT *offset)
{
	for (tree f = TYPE_FIELDS(type); f; f = DECL_CHAIN(f)) {
		HOST_WIDE_INT pos;
		tree inner;

		if (TREE_CODE(f) != FIELD_DECL ||
		    !tree_fits_shwi_p(byte_position(f)))
			continue;
		pos = tree_to_shwi(byte_position(f));
		if (DECL_NAME(f) &&
		    !strcmp(IDENTIFIER_POINTER(DECL_NAME(f)), name)) {
			*offset = pos;
			return f;
		}
		if (!DECL_NAME(f) && RECORD_OR_UNION_TYPE_P(TREE_TYPE(f)) &&
		    (inner = field_named(TREE_TYPE(f), name, offset))) {
			*offset += pos;
			return inner;
		}
	}
	return NULL_TREE;
}

/* Compare TYPE with what REC expects; keep the first difference. */
static void record_layout(struct kernel_record *rec, tree type)
{
	HOST_WIDE_INT size = int_size_in_bytes(type);

	rec->seen = true;
	rec->mismatch[0] = 0;
	if (size != rec->size) {
		snprintf(rec->mismatch, sizeof(rec->mismatch), "it is "
			 HOST_WIDE_INT_PRINT_DEC " bytes, not " HOST_WIDE_INT_PRINT_DEC,
			 size, rec->size);
		return;
	}
	for (unsigned i = 0; i < rec->nfields; i++) {
		const struct kernel_field *want = &rec->fields[i];
		HOST_WIDE_INT offset = -1, fsize = -1;
		tree f = field_named(type, want->name, &offset);

		if (f && !DECL_BIT_FIELD(f) &&
		    tree_fits_shwi_p(DECL_SIZE_UNIT(f)))
			fsize = tree_to_shwi(DECL_SIZE_UNIT(f));
		if (offset == want->offset && fsize == want->size)
			continue;
		snprintf(rec->mismatch, sizeof(rec->mismatch),
			 "it has no " HOST_WIDE_INT_PRINT_DEC "-byte member '%s' "
			 "at offset " HOST_WIDE_INT_PRINT_DEC, want->size, want->name,
			 want->offset);
		return;
	}
}

/* A struct of the unit is complete (PLUGIN_FINISH_TYPE). */
void pvpatch_linux_finish_type(void *gcc_data, void *user_data)
{
	tree type = (tree)gcc_data;

	if (!pvpatch_opts.linux_ops || !type || TREE_CODE(type) != RECORD_TYPE ||
	    !TYPE_NAME(type))
		return;
	if (pvpatch_record_named(type, patch_site.tag))
		record_layout(&patch_site, type);
	else if (pvpatch_record_named(type, alt_instr()->tag))
		record_layout(alt_instr(), type);
}

static bool kernel_macro(const char *name)
{
	return parse_in &&
	       cpp_defined(parse_in, (const unsigned char *)name, strlen(name));
}

/* Whether the kernel headers the unit was compiled against take the
   format of -fplugin-arg-pvpatch-linux-abi, as far as they show it: 6.8
   removed .parainstructions (struct paravirt_patch_site) and added
   direct-call alternatives (ALT_FLAG_DIRECT_CALL).  A unit with neither
   (no kernel headers) has only the option to go by.  False after an
   error at LOC. */
static bool headers_take_format(location_t loc)
{
	bool is_68 = pvpatch_opts.linux_abi == PVPATCH_LINUX_ABI_6_8;

	if (!is_68 && kernel_macro("ALT_FLAG_DIRECT_CALL")) {
		error_at(loc, "pvpatch: %<-fplugin-arg-pvpatch-linux-abi=6.1%> "
			 "writes %<.parainstructions%>, which the kernel whose "
			 "headers this unit includes ignores (they define "
			 "%<ALT_FLAG_DIRECT_CALL%>: Linux 6.8 or later), so its "
			 "sites would never be patched; use "
			 "%<-fplugin-arg-pvpatch-linux-abi=6.8%>");
		return false;
	}
	if (is_68 && patch_site.seen) {
		error_at(loc, "pvpatch: %<-fplugin-arg-pvpatch-linux-abi=6.8%> "
			 "writes direct-call alternatives, which the kernel whose "
			 "headers this unit includes does not know (they declare "
			 "%<struct paravirt_patch_site%>: Linux before 6.8); "
			 "use %<-fplugin-arg-pvpatch-linux-abi=6.1%>");
		return false;
	}
	return true;
}

/* The entries written must have the layout the headers define. */
static bool layout_matches(location_t loc, const struct kernel_record *rec,
			   const char *required_by)
{
	if (rec->seen && rec->mismatch[0]) {
		error_at(loc, "pvpatch: %<struct %s%> of the kernel headers is not "
			 "the layout this site format writes: %s", rec->tag,
			 rec->mismatch);
		return false;
	}
	/* lto1 has no C declarations to look at. */
	if (!rec->seen && required_by && !in_lto_p) {
		error_at(loc, "pvpatch: %qs needs %<struct %s%> of the kernel "
			 "headers declared in the unit (%<asm/alternative.h%>), "
			 "to check the layout of the entries it writes against it",
			 required_by, rec->tag);
		return false;
	}
	return true;
}

/* Checked once per unit, at its first Linux-native site. */
static bool kernel_headers_ok(location_t loc)
{
	static int ok = -1;

	if (ok < 0) {
		bool is_68 = pvpatch_opts.linux_abi == PVPATCH_LINUX_ABI_6_8;

		ok = headers_take_format(loc) &&
		     layout_matches(loc, &patch_site, NULL) &&
		     layout_matches(loc, alt_instr(),
				    is_68 ? "-fplugin-arg-pvpatch-linux-abi=6.8"
					  : NULL);
	}
	return ok;
}

static unsigned linux_site_size(void)
{
	if (pvpatch_opts.linux_abi == PVPATCH_LINUX_ABI_6_8 ||
	    !pvpatch_opts.site_size_given)
		return LINUX_CALL_SIZE;
	return pvpatch_opts.site_size;
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
	if (!kernel_headers_ok(gimple_location(call)))
		return false;
	type = offset / POINTER_SIZE_UNITS;
	if (pvpatch_opts.linux_abi == PVPATCH_LINUX_ABI_6_1 && type > 255) {
		error_at(gimple_location(call), "pvpatch: %qD member at offset "
			 HOST_WIDE_INT_PRINT_DEC " is beyond the 256 types "
			 "%<.parainstructions%> can number", slot, offset);
		return false;
	}
	holder = record_holding(TREE_TYPE(slot), offset);
	cls->clobbers = pvpatch_return_regs(gimple_call_fntype(call)) |
			pvpatch_linux_holder_clobbers(holder);
	cls->assumed = cls->clobbers;
	cls->size = linux_site_size();
	cls->table = PVPATCH_TABLE_LINUX;
	cls->slot = slot;
	cls->slot_offset = offset;
	return true;
}

/* Linux 6.1: a struct paravirt_patch_site for apply_paravirt. */
static char *parainstructions_entry(unsigned site,
				    const struct pvpatch_op_class *cls)
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

/* ALT_CALL_ALWAYS: ALT_FLAG_DIRECT_CALL in the flags half of ft_flags,
   with the feature X86_FEATURE_ALWAYS. */
#define LINUX_ALT_FLAGS_SHIFT 16
#define LINUX_ALT_FLAG_DIRECT_CALL (1 << 1)
#define LINUX_X86_FEATURE_ALWAYS (3 * 32 + 21)
#define LINUX_ALT_CALL_ALWAYS \
	((LINUX_ALT_FLAG_DIRECT_CALL << LINUX_ALT_FLAGS_SHIFT) | \
	 LINUX_X86_FEATURE_ALWAYS)

/* Linux 6.8+: what ALTERNATIVE(PARAVIRT_CALL, ALT_CALL_INSTR,
   ALT_CALL_ALWAYS) records, a struct alt_instr whose replacement is
   call BUG_func; alt_replace_call() accepts only the 6-byte ff 15 call,
   which the assembler checks here, right after it. */
static char *direct_call_entry(unsigned site, location_t loc)
{
	expanded_location where = expand_location(loc);
	struct pvpatch_label label = pvpatch_site_label(site);

	return xasprintf("\t.if . - %s <> %d ; .error \"%s:%d: "
			 "pvpatch: a Linux 6.8 site must be the %d-byte "
			 "call *pv_ops+N(%%rip)\" ; .endif\n"
			 "\t.pushsection .altinstructions,\"a\"\n"
			 "\t.long %s - .\n"
			 "\t.long .Lpvpatch_repl_%u - .\n"
			 "\t.4byte %#x\n"
			 "\t.byte %d\n"
			 "\t.byte .Lpvpatch_repl_end_%u - .Lpvpatch_repl_%u\n"
			 "\t.popsection\n"
			 "\t.pushsection .altinstr_replacement,\"ax\"\n"
			 ".Lpvpatch_repl_%u:\n"
			 "\tcall BUG_func\n"
			 ".Lpvpatch_repl_end_%u:\n"
			 "\t.popsection",
			 label.name, LINUX_CALL_SIZE, where.file, where.line,
			 LINUX_CALL_SIZE, label.name, site, LINUX_ALT_CALL_ALWAYS,
			 LINUX_CALL_SIZE, site, site, site, site);
}

char *pvpatch_linux_entry(unsigned site, const struct pvpatch_op_class *cls,
			  location_t loc)
{
	if (pvpatch_opts.linux_abi == PVPATCH_LINUX_ABI_6_8)
		return direct_call_entry(site, loc);
	return parainstructions_entry(site, cls);
}

/* Linux 6.1 has no direct-call alternative, and the native code is
   taken where the unit's struct alt_instr says. */
static bool native_entries_ok(location_t loc)
{
	static int ok = -1;

	if (ok < 0)
		ok = layout_matches(loc, alt_instr(), "paravirt_native");
	return ok;
}

/* The second alternative of Linux's PVOP_ALT_* macros, after the site and
   its padding, where the site's member has native code: in 6.8+
   ALTERNATIVE_2(PARAVIRT_CALL, ALT_CALL_INSTR, ALT_CALL_ALWAYS, native,
   cond), in 6.1 ALTERNATIVE(paravirt_alt(PARAVIRT_CALL), native, cond).
   As theirs, the original is padded with 0x90 to the native code's length
   (never in 6.8, where the check refuses longer code), and the entry
   follows the site's own. */
char *pvpatch_linux_native_entry(unsigned site,
				 const struct pvpatch_op_class *cls,
				 location_t loc)
{
	struct pvpatch_native native;
	struct pvpatch_label label = pvpatch_site_label(site);
	const char *name = label.name;

	if (!pvpatch_native_at(TREE_TYPE(cls->slot), cls->slot_offset, &native))
		return xstrdup("");
	if (!native_entries_ok(loc))
		return xstrdup("");
	return xasprintf(
		".Lpvpatch_orig_end_%u:\n"
		"\t.skip -(((.Lpvpatch_native_end_%u - .Lpvpatch_native_%u) - "
		"(.Lpvpatch_orig_end_%u - %s)) > 0) * "
		"((.Lpvpatch_native_end_%u - .Lpvpatch_native_%u) - "
		"(.Lpvpatch_orig_end_%u - %s)), 0x90\n"
		".Lpvpatch_native_pad_end_%u:\n"
		"\t.pushsection .altinstructions,\"a\"\n"
		"\t.long %s - .\n"
		"\t.long .Lpvpatch_native_%u - .\n"
		"\t%s " HOST_WIDE_INT_PRINT_HEX "\n"
		"\t.byte .Lpvpatch_native_pad_end_%u - %s\n"
		"\t.byte .Lpvpatch_native_end_%u - .Lpvpatch_native_%u\n"
		"\t.popsection\n"
		"\t.pushsection .altinstr_replacement,\"ax\"\n"
		".Lpvpatch_native_%u:\n"
		"\t%s\n"
		".Lpvpatch_native_end_%u:\n"
		"\t.popsection",
		site, site, site, site, name, site, site, site, name,
		site, name, site,
		pvpatch_opts.linux_abi == PVPATCH_LINUX_ABI_6_8 ? ".4byte" : ".word",
		native.condition, site, name, site, site, site, native.code, site);
}
