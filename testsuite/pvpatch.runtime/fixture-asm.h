/* SPDX-License-Identifier: MIT */
/*
 * Hand-made site tables for runtime tests (no libc needed, so freestanding
 * tests can use it too), exactly as
 * include/pvpatch_site.h specifies them, so that the runtime is tested
 * without the plugin.  All at file scope:
 *
 *   FIXTURE_OP(op_x, target, clobbers, size, flags);   descriptor op_x
 *   FIXTURE_OP_REF(op_x, target, clobbers, size, flags);  via a REF word
 *   FIXTURE_SITE_FN(fn, op_x, size, "setup", "call insn");
 *       unsigned long fn(...): runs setup, then one site of op_x whose
 *       call instruction is the given one, NOP-padded to size bytes; the
 *       site starts at the hidden symbol fn_site
 *   FIXTURE_SLOT_SITE_FN(fn, op_x, size, slot);  call *slot, PIE-safe:
 *       ff 15 rip-relative on x86-64, ff 91 disp32 off a PC base on i386
 *       (FIXTURE_SLOT_SETUP and FIXTURE_SLOT_CALL(slot) are its parts)
 *   FIXTURE_REG_SITE_FN(fn, op_x, size, slot);   slot loaded, call *%eax/rax
 *   FIXTURE_IMPL(fn, clobbers);   a pvpatch_impl record for fn
 *
 * and, to corrupt tables:
 *   FIXTURE_OP_FIELDS(op_x, target, clobbers, version, size, flags, reserved);
 *   FIXTURE_ENTRY("address expression", op_x);   a bare table entry
 *
 * clobbers is an assembler expression such as "REG_AX" or "0"; flags the
 * PVPATCH_OP_* bits as a number, the i386 bit is added here.
 */
#ifndef FIXTURE_ASM_H
#define FIXTURE_ASM_H

#define FIXTURE_STR_(x) #x
#define FIXTURE_STR(x) FIXTURE_STR_(x)

#if defined(__x86_64__)
#define FIXTURE_ABI 0x30fc7
#define FIXTURE_WIDTH "0"
#define FIXTURE_PTR ".quad"
#define FIXTURE_FRAME "8"
#define FIXTURE_SP "%rsp"
#define FIXTURE_NOPS ""
#else
#define FIXTURE_ABI 0x30007
#define FIXTURE_WIDTH "8"
#define FIXTURE_PTR ".long"
#define FIXTURE_FRAME "12"
#define FIXTURE_SP "%esp"
#define FIXTURE_NOPS ".arch .nop\n"
#endif

/* Register bits as assembler symbols, for clobber expressions. */
__asm__(".set REG_AX, 1 << 0\n.set REG_CX, 1 << 1\n.set REG_DX, 1 << 2\n"
	".set REG_BX, 1 << 3\n.set REG_SI, 1 << 6\n.set REG_DI, 1 << 7\n"
	".set REG_R8, 1 << 8\n.set REG_R11, 1 << 11\n"
	".set REG_ABI, " FIXTURE_STR(FIXTURE_ABI) "\n");

/* The note through which the runtime finds a section, once per unit. */
#define FIXTURE_NOTE_(guard, group, type, section)                           \
	".ifndef " guard "\n.set " guard ", 1\n"                             \
	".pushsection .note.pvpatch,\"aGR\",@note," group ",comdat\n"        \
	".balign 4\n.long 8, 8, " type "\n.asciz \"pvpatch\"\n"              \
	".hidden __start_" section "\n.hidden __stop_" section "\n"          \
	".long __start_" section " - .\n.long __stop_" section " - .\n"      \
	".popsection\n.endif\n"

#define FIXTURE_SITES_NOTE                                                   \
	FIXTURE_NOTE_(".Lfixture_sites_note", "__pvpatch_note", "0x70760001", \
		      "pvpatch_sites")
#define FIXTURE_IMPLS_NOTE                                                   \
	FIXTURE_NOTE_(".Lfixture_impls_note", "__pvpatch_impls_note",         \
		      "0x70760002", "pvpatch_impls")

#define FIXTURE_OP_(name, target_expr, clobbers, version, size, flags, rsv) \
	".pushsection .rodata.pvpatch_op,\"a\"\n.balign 4\n"                 \
	".globl " #name "\n.hidden " #name "\n" #name ":\n\t.long " target_expr " - .\n\t.long " clobbers "\n"       \
	"\t.byte " #version ", " #size ", (" #flags ") | " FIXTURE_WIDTH      \
	", " #rsv "\n.popsection\n"

#define FIXTURE_OP(name, target, clobbers, size, flags)                      \
	__asm__(FIXTURE_OP_(name, #target, clobbers, 1, size, flags, 0))

#define FIXTURE_OP_FIELDS(name, target, clobbers, version, size, flags, rsv)  \
	__asm__(FIXTURE_OP_(name, #target, clobbers, version, size, flags, rsv))

#define FIXTURE_OP_REF(name, target, clobbers, size, flags)                  \
	__asm__(".pushsection .data.rel.ro.fixture,\"aw\"\n.balign 8\n"      \
		#name "_ref:\n\t" FIXTURE_PTR " " #target "\n.popsection\n"   \
		FIXTURE_OP_(name, #name "_ref", clobbers, 1, size,           \
			    (flags) | 2, 0))

#define FIXTURE_SITE_FN(fn, op, size, setup, call)                           \
	FIXTURE_SITE_FN_IN(".text", fn, op, size, setup, call)

/* The same in another text section. */
#define FIXTURE_SITE_FN_IN(section, fn, op, size, setup, call)               \
	__asm__(".pushsection " section ",\"ax\",@progbits\n"                \
		".globl " #fn "\n.type " #fn ", @function\n"               \
		".globl " #fn "_site\n.hidden " #fn "_site\n"                \
		#fn ":\n\tsub $" FIXTURE_FRAME ", " FIXTURE_SP "\n\t"        \
		setup "\n"                                                   \
		#fn "_site:\t" call "\n" FIXTURE_NOPS                       \
		"\t.if . - " #fn "_site < " #size "\n"                       \
		"\t.nops " #size " - (. - " #fn "_site)\n"                   \
		"\t.endif\n"                                                 \
		"\tadd $" FIXTURE_FRAME ", " FIXTURE_SP "\n\tret\n"          \
		".size " #fn ", . - " #fn "\n"                               \
		".pushsection pvpatch_sites,\"a\"\n.balign 4\n"              \
		".long " #fn "_site - .\n.long " #op " - .\n.popsection\n"  \
		".popsection\n" FIXTURE_SITES_NOTE)

/* The parts of a call through a slot, for FIXTURE_SITE_FN. */
#if defined(__x86_64__)
#define FIXTURE_SLOT_SETUP ""
#define FIXTURE_SLOT_CALL(slot) "call *" #slot "(%rip)"
#define FIXTURE_REG_SETUP(slot) "mov " #slot "(%rip), %rax\n"
#define FIXTURE_REG_CALL "call *%rax"
#else
#define FIXTURE_SLOT_SETUP "call 9f\n9:\tpop %ecx\n"
#define FIXTURE_SLOT_CALL(slot) "call *(" #slot " - 9b)(%ecx)"
#define FIXTURE_REG_SETUP(slot) FIXTURE_SLOT_SETUP "mov (" #slot " - 9b)(%ecx), %eax\n"
#define FIXTURE_REG_CALL "call *%eax"
#endif

#define FIXTURE_SLOT_SITE_FN(fn, op, size, slot)                             \
	FIXTURE_SITE_FN(fn, op, size, FIXTURE_SLOT_SETUP, FIXTURE_SLOT_CALL(slot))
#define FIXTURE_REG_SITE_FN(fn, op, size, slot)                              \
	FIXTURE_SITE_FN(fn, op, size, FIXTURE_REG_SETUP(slot), FIXTURE_REG_CALL)

#define FIXTURE_ENTRY(addr, op)                                              \
	__asm__(".pushsection pvpatch_sites,\"a\"\n.balign 4\n"              \
		".long " addr " - .\n.long " #op " - .\n.popsection\n"       \
		FIXTURE_SITES_NOTE)

#define FIXTURE_IMPL(fn, clobbers)                                           \
	__asm__(".pushsection pvpatch_impls,\"a\"\n.balign 4\n"             \
		".long " #fn " - .\n.long " clobbers "\n.popsection\n"       \
		FIXTURE_IMPLS_NOTE)

#endif /* FIXTURE_ASM_H */
