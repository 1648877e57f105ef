/* SPDX-License-Identifier: MIT */
/*
 * PVPATCH_INLINE(impl, "instructions", "clobbers"): for the units that
 * define implementations.  Writes a struct pvpatch_inline record
 * (include/pvpatch_site.h) in assembler; needs neither runtime layer.
 */
#ifndef PVPATCH_INLINE_H
#define PVPATCH_INLINE_H

#include "pvpatch_site.h"

/*
 * Declares that a site whose op is bound to impl may hold these
 * instructions instead of a call.  Use it at file scope in the unit that
 * defines impl, e.g.
 *
 *   PVPATCH_INLINE(native_irq_disable, "cli", "");
 *   PVPATCH_INLINE(native_save_fl, "pushf; pop %rax", "rax");
 *
 * The instructions follow the call's register convention and must be
 * position-independent straight-line code (no branches, calls or
 * PC-relative operands).  The clobber list names what they write besides
 * the flags ("rax,rdx", "eax", "xmm0"...).  Empty instructions declare
 * impl a no-op.
 *
 * The record is retained (SHF_GNU_RETAIN) and so keeps impl through
 * --gc-sections: the object's note refers to the records' section, whose
 * bounds must exist even if nothing else in the object uses impl.
 */
#if defined(__x86_64__)
#define PVPATCH_ASM_PTR_ ".quad"
#define PVPATCH_ASM_PTR_ALIGN_ "8"
#else
#define PVPATCH_ASM_PTR_ ".long"
#define PVPATCH_ASM_PTR_ALIGN_ "4"
#endif

/* The record's impl field: in PIC code a RELRO word (label 770) holding
   the address, since a PC-relative reference cannot reach a preemptible
   symbol. */
#if defined(__PIC__)
#define PVPATCH_INLINE_REF_WORD_(impl)                                       \
	".pushsection .data.rel.ro.pvpatch_inline,\"aw\"\n"                  \
	".balign " PVPATCH_ASM_PTR_ALIGN_ "\n"                               \
	"770:\n\t" PVPATCH_ASM_PTR_ " " #impl "\n"                           \
	".popsection\n"
#define PVPATCH_INLINE_IMPL_(impl) "770b - ."
#define PVPATCH_INLINE_FLAGS_ "1" /* PVPATCH_INLINE_REF */
#else
#define PVPATCH_INLINE_REF_WORD_(impl) ""
#define PVPATCH_INLINE_IMPL_(impl) #impl " - ."
#define PVPATCH_INLINE_FLAGS_ "0"
#endif

/* The note locating this object's pvpatch_inlines section, once per unit
   (the assembler symbol) and once per object (the COMDAT group). */
#define PVPATCH_INLINES_NOTE_                                                \
	".ifndef .Lpvpatch_inlines_note\n"                                   \
	".set .Lpvpatch_inlines_note, 1\n"                                   \
	".pushsection " PVPATCH_NOTE_SECTION                                 \
	",\"aGR\",@note,__pvpatch_inlines_note,comdat\n"                     \
	".hidden __start_" PVPATCH_INLINES_SECTION "\n"                      \
	".hidden __stop_" PVPATCH_INLINES_SECTION "\n"                       \
	PVPATCH_ASM_NOTE("", PVPATCH_STR(PVPATCH_NOTE_TYPE_INLINES),         \
			 "__start_" PVPATCH_INLINES_SECTION " - .",          \
			 "__stop_" PVPATCH_INLINES_SECTION " - .")           \
	".popsection\n"                                                      \
	".endif\n"

#define PVPATCH_INLINE(impl, insns, clobbers)                                \
	__asm__(".pushsection " PVPATCH_INLINE_CODE_SECTION ",\"a\"\n"       \
		"771:\n\t" insns "\n"                                        \
		"772:\n"                                                     \
		"773:\t.asciz \"" clobbers "\"\n"                            \
		".popsection\n"                                              \
		PVPATCH_INLINE_REF_WORD_(impl)                               \
		".pushsection " PVPATCH_INLINES_SECTION ",\"aR\"\n"          \
		PVPATCH_ASM_INLINE("", PVPATCH_INLINE_IMPL_(impl), "771b - .", \
				   "773b - .", "772b - 771b",               \
				   PVPATCH_STR(PVPATCH_ABI_VERSION),        \
				   PVPATCH_INLINE_FLAGS_)                   \
		".popsection\n"                                              \
		PVPATCH_INLINES_NOTE_)

#endif /* PVPATCH_INLINE_H */
