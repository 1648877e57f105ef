/* SPDX-License-Identifier: MIT */
/*
 * pvpatch site-table ABI, version 1.
 *
 * This header is the single definition of the table that the pvpatch GCC
 * plugin emits and that the runtime and tools read.  It is plain C11 and
 * freestanding (only <stddef.h> and <stdint.h>, or their <linux/...>
 * counterparts in a kernel), and is also included by the plugin so that
 * the bit numbers, section names and the records' assembler text below
 * exist exactly once.
 * docs/site-table.md specifies the format in prose.
 *
 * A *site* is a call instruction followed by NOPs up to the op's site size.
 * Every site has one 8-byte struct pvpatch_site in the section
 * PVPATCH_SITES_SECTION.  Everything sites of one op share (what it calls,
 * its clobber set, its site size) lives once in a struct pvpatch_op.
 * All references are 32-bit and PC-relative, so the tables need no dynamic
 * relocations in PIE and shared objects.
 */
#ifndef PVPATCH_SITE_H
#define PVPATCH_SITE_H

/* Section of the declarations of ops in hand-written assembly
   (include/pvpatch_asm.h), which `pvpatch-sites scan` reads: per op three
   NUL-terminated strings, its name, its clobbers ("abi", "none" or
   register names as pvpatch_reg_name() spells them, comma-separated) and
   the bytes of arguments its call reads from the stack, in decimal.
   Excluded from links (SHF_EXCLUDE).  Only this much of the header is
   for the assembler too. */
#define PVPATCH_ASM_OPS_SECTION ".pvpatch_asm_ops"

#ifndef __ASSEMBLER__

#if defined(__KERNEL__)
#include <linux/stddef.h>
#include <linux/types.h>
#else
#include <stddef.h>
#include <stdint.h>
#endif

#ifdef __cplusplus
#define PVPATCH_STATIC_ASSERT static_assert
#define PVPATCH_ALIGNOF alignof
#else
#define PVPATCH_STATIC_ASSERT _Static_assert
#define PVPATCH_ALIGNOF _Alignof
#endif

#define PVPATCH_ABI_VERSION 1

/* Section holding the struct pvpatch_site array.  A C identifier, so the
   linker provides __start_pvpatch_sites and __stop_pvpatch_sites. */
#define PVPATCH_SITES_SECTION "pvpatch_sites"

/* Every linked object (executable, shared object, kernel module) that
   holds sites also holds one ELF note, in section PVPATCH_NOTE_SECTION
   (merged by COMDAT so there is one per object), whose descriptor is
   struct pvpatch_note.  Notes are loaded and listed in PT_NOTE, so a
   runtime finds every object's table through its program headers
   (dl_iterate_phdr) without needing symbols. */
#define PVPATCH_NOTE_SECTION ".note.pvpatch"
#define PVPATCH_NOTE_NAME "pvpatch"	/* n_name, NUL included: 8 bytes */
#define PVPATCH_NOTE_TYPE 0x70760001u	/* n_type */

struct pvpatch_note {
	int32_t begin;		/* __start_pvpatch_sites minus &begin */
	int32_t end;		/* __stop_pvpatch_sites minus &end */
};

/* Section of struct pvpatch_impl records: one per function marked
   __attribute__((paravirt_impl)), giving the registers its compiled body
   really clobbers (after register allocation). */
#define PVPATCH_IMPLS_SECTION "pvpatch_impls"

struct pvpatch_impl {
	int32_t fn;		/* the function minus &fn */
	uint32_t clobbers;	/* PVPATCH_REG_BIT() set it really clobbers */
};

/* Prefix of the sections holding struct pvpatch_op descriptors. */
#define PVPATCH_OPS_SECTION ".rodata.pvpatch_op"

/* Smallest legal site: a direct `call rel32`, which every site must be able
   to hold so that the runtime can always redirect it. */
#define PVPATCH_CALL_REL32_SIZE 5
/* Largest site the table can describe (struct pvpatch_op.size is a byte). */
#define PVPATCH_MAX_SITE_SIZE 255

/* Register bits of struct pvpatch_op.clobbers: general registers by their
   hardware encoding, so that bit N is the register the CPU calls N. */
enum pvpatch_reg {
	PVPATCH_REG_AX = 0,
	PVPATCH_REG_CX = 1,
	PVPATCH_REG_DX = 2,
	PVPATCH_REG_BX = 3,
	PVPATCH_REG_SP = 4,
	PVPATCH_REG_BP = 5,
	PVPATCH_REG_SI = 6,
	PVPATCH_REG_DI = 7,
	PVPATCH_REG_R8 = 8,	/* r8..r15: x86-64 only */
	PVPATCH_REG_R9 = 9,
	PVPATCH_REG_R10 = 10,
	PVPATCH_REG_R11 = 11,
	PVPATCH_REG_R12 = 12,
	PVPATCH_REG_R13 = 13,
	PVPATCH_REG_R14 = 14,
	PVPATCH_REG_R15 = 15,
	PVPATCH_REG_VEC = 16,	/* all SSE/AVX/AVX-512 vector and mask registers */
	PVPATCH_REG_X87 = 17,	/* the x87 register stack and MMX registers */
	PVPATCH_REG_COUNT = 18
};

#define PVPATCH_REG_BIT(r) (UINT32_C(1) << (r))
#define PVPATCH_GPR_MASK UINT32_C(0xffff)

/* The name of register bit R as pvpatch spells it everywhere (the
   plugin's messages and dumps, the runtime's clobber lists, the lister):
   the 64-bit register's name, or the 32-bit one's where IS_I386 (which has
   no r8..r15); "vec" and "x87" for the register groups. */
static inline const char *pvpatch_reg_name(unsigned r, int is_i386)
{
	static const char names[PVPATCH_REG_COUNT][4] = {
		"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
		"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
		"vec", "x87",
	};
	static const char names32[PVPATCH_REG_R8][4] = {
		"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
	};

	return is_i386 && r < PVPATCH_REG_R8 ? names32[r] : names[r];
}

/* What the C ABI lets any call clobber (the "abi" preset). */
#define PVPATCH_ABI_CLOBBERS_X86_64                                         \
	(PVPATCH_REG_BIT(PVPATCH_REG_AX) | PVPATCH_REG_BIT(PVPATCH_REG_CX) |  \
	 PVPATCH_REG_BIT(PVPATCH_REG_DX) | PVPATCH_REG_BIT(PVPATCH_REG_SI) |  \
	 PVPATCH_REG_BIT(PVPATCH_REG_DI) | PVPATCH_REG_BIT(PVPATCH_REG_R8) |   \
	 PVPATCH_REG_BIT(PVPATCH_REG_R9) | PVPATCH_REG_BIT(PVPATCH_REG_R10) |  \
	 PVPATCH_REG_BIT(PVPATCH_REG_R11) | PVPATCH_REG_BIT(PVPATCH_REG_VEC) | \
	 PVPATCH_REG_BIT(PVPATCH_REG_X87))
#define PVPATCH_ABI_CLOBBERS_I386                                           \
	(PVPATCH_REG_BIT(PVPATCH_REG_AX) | PVPATCH_REG_BIT(PVPATCH_REG_CX) |  \
	 PVPATCH_REG_BIT(PVPATCH_REG_DX) | PVPATCH_REG_BIT(PVPATCH_REG_VEC) | \
	 PVPATCH_REG_BIT(PVPATCH_REG_X87))

/* struct pvpatch_op.flags */
enum pvpatch_op_flag {
	/* target is the op's slot (a function pointer); the site calls
	   whatever the slot holds.  Otherwise target is the op function. */
	PVPATCH_OP_INDIRECT = 1 << 0,
	/* target points to a pointer-sized word (in RELRO data) that holds
	   the target's address.  Used for symbols that may be preempted in
	   PIC code, which a PC-relative field cannot reach. */
	PVPATCH_OP_REF = 1 << 1,
	/* Some argument is passed on the stack (i386 cdecl, or more
	   arguments than registers).  At the site no return address has been
	   pushed, so the first one is at 0(%esp) / 0(%rsp); inline
	   replacements must use that layout. */
	PVPATCH_OP_STACK_ARGS = 1 << 2,
	/* The table was built for i386 (else x86-64). */
	PVPATCH_OP_I386 = 1 << 3,
	PVPATCH_OP_KNOWN_FLAGS = (1 << 4) - 1
};

/* One per op (per translation unit; deduplicated across units by COMDAT
   when the target is a global symbol).  12 bytes, 4-byte aligned. */
struct pvpatch_op {
	int32_t target;		/* target (or its REF word) minus &target */
	uint32_t clobbers;	/* PVPATCH_REG_BIT() set the op may clobber */
	uint8_t version;	/* PVPATCH_ABI_VERSION */
	uint8_t size;		/* bytes in each site of this op */
	uint8_t flags;		/* enum pvpatch_op_flag */
	uint8_t reserved;	/* 0 */
};

/* One per site.  8 bytes, 4-byte aligned. */
struct pvpatch_site {
	int32_t addr;		/* first byte of the site minus &addr */
	int32_t op;		/* its struct pvpatch_op minus &op */
};

PVPATCH_STATIC_ASSERT(sizeof(struct pvpatch_site) == 8, "site entry is 8 bytes");
PVPATCH_STATIC_ASSERT(sizeof(struct pvpatch_op) == 12, "op descriptor is 12 bytes");
PVPATCH_STATIC_ASSERT(sizeof(struct pvpatch_note) == 8, "note descriptor is 8 bytes");
PVPATCH_STATIC_ASSERT(sizeof(struct pvpatch_impl) == 8, "impl record is 8 bytes");

/* Resolve a PC-relative field. */
static inline const void *pvpatch_rel(const int32_t *field)
{
	return (const char *)field + *field;
}

static inline const struct pvpatch_op *
pvpatch_site_op(const struct pvpatch_site *s)
{
	return (const struct pvpatch_op *)pvpatch_rel(&s->op);
}

static inline void *pvpatch_site_addr(const struct pvpatch_site *s)
{
	return (void *)pvpatch_rel(&s->addr);
}

/* The address of the op's function (direct op) or of its slot. */
static inline void *pvpatch_op_target(const struct pvpatch_op *op)
{
	const void *t = pvpatch_rel(&op->target);
	return (op->flags & PVPATCH_OP_REF) ? *(void *const *)t : (void *)t;
}

/*
 * Records the runtime consumes besides the site table (runtime ABI,
 * version 1).  Nothing above depends on them.
 *
 * Implementation records and inline replacements are looked up across all
 * loaded objects, including objects that hold no sites, so each section
 * has its own note, with the same name and descriptor layout as the site
 * note, in a COMDAT group of its own so that an object holds at most one:
 *
 *   section  PVPATCH_NOTE_SECTION, group __pvpatch_impls_note ("aGR", @note)
 *   n_type   PVPATCH_NOTE_TYPE_IMPLS,    descriptor bounds pvpatch_impls
 *   section  PVPATCH_NOTE_SECTION, group __pvpatch_inlines_note
 *   n_type   PVPATCH_NOTE_TYPE_INLINES,  descriptor bounds pvpatch_inlines
 */
#define PVPATCH_NOTE_TYPE_IMPLS 0x70760002u
#define PVPATCH_NOTE_TYPE_INLINES 0x70760003u

/* Section of struct pvpatch_inline records, emitted by PVPATCH_INLINE()
   (include/pvpatch_inline.h). */
#define PVPATCH_INLINES_SECTION "pvpatch_inlines"
/* Where PVPATCH_INLINE() puts the replacement bytes and the clobber list.
   The bytes are copied into sites, never executed in place. */
#define PVPATCH_INLINE_CODE_SECTION ".rodata.pvpatch_inline"

/* struct pvpatch_inline.flags */
enum pvpatch_inline_flag {
	/* impl points to a pointer-sized word holding the implementation's
	   address (PIC code, where the function may be preempted). */
	PVPATCH_INLINE_REF = 1 << 0,
	PVPATCH_INLINE_KNOWN_FLAGS = (1 << 1) - 1
};

/* "At a site of an op that calls impl, these bytes may replace the call":
   the code follows the call's register convention (arguments in the
   argument registers, or at 0(%esp)... for PVPATCH_OP_STACK_ARGS, result
   in the return register) and clobbers no more than the listed registers
   plus the flags.  16 bytes, 4-byte aligned. */
struct pvpatch_inline {
	int32_t impl;		/* the implementation (or its REF word) minus &impl */
	int32_t code;		/* first byte of the replacement minus &code */
	int32_t clobbers;	/* NUL-terminated register list minus &clobbers,
				   e.g. "rax,rdx"; "" for none */
	uint16_t len;		/* bytes of code; 0 declares a no-op.  16 bits so
				   that an over-long replacement is rejected by
				   the runtime rather than truncated */
	uint8_t version;	/* PVPATCH_ABI_VERSION */
	uint8_t flags;		/* enum pvpatch_inline_flag */
};

PVPATCH_STATIC_ASSERT(sizeof(struct pvpatch_inline) == 16, "inline record is 16 bytes");

/*
 * The records as assembler text, for the plugin's emitted text and for
 * PVPATCH_INLINE(): each macro aligns the location counter as its struct
 * is aligned, then puts LABELS (assembler text such as "sym:\n", or ""),
 * then lays out the record's fields, in order, from assembler expressions
 * given as strings (a PC-relative field as "symbol - .").  The asserts
 * below each tie the text to its struct, alignment included, so that a
 * struct changed without its macro fails to compile.
 */
#define PVPATCH_STR_(x) #x
#define PVPATCH_STR(x) PVPATCH_STR_(x)

/* The alignment of every record, and its first line; labels follow it, so
   that they name the record and not the padding before it. */
#define PVPATCH_ASM_RECORD_ALIGN 4
#define PVPATCH_ASM_ALIGN_(labels)                                           \
	"\t.balign " PVPATCH_STR(PVPATCH_ASM_RECORD_ALIGN) "\n" labels
#define PVPATCH_ASM_ALIGNED(type)                                            \
	PVPATCH_STATIC_ASSERT(PVPATCH_ALIGNOF(type) == PVPATCH_ASM_RECORD_ALIGN, \
			      #type " is not aligned as its assembler text is")

/* FIELD of TYPE is SIZE bytes at OFFSET, as TYPE's assembler text lays
   it out. */
#define PVPATCH_ASM_FIELD_AT(type, field, offset, size)                       \
	PVPATCH_STATIC_ASSERT(offsetof(type, field) == (offset) &&           \
				      sizeof(((type *)0)->field) == (size),  \
			      #type "." #field " is not where its assembler "  \
			      "text puts it")

/* An ELF note whose descriptor is struct pvpatch_note (one per table, see
   above): TYPE is its n_type, BEGIN and END its fields. */
#define PVPATCH_NOTE_NAME_SIZE 8	/* sizeof(PVPATCH_NOTE_NAME) */
#define PVPATCH_NOTE_DESC_SIZE 8	/* sizeof(struct pvpatch_note) */
#define PVPATCH_ASM_NOTE(labels, type, begin, end)                           \
	PVPATCH_ASM_ALIGN_(labels)                                            \
	"\t.long " PVPATCH_STR(PVPATCH_NOTE_NAME_SIZE) ", "                   \
	PVPATCH_STR(PVPATCH_NOTE_DESC_SIZE) ", " type "\n"                    \
	"\t.asciz \"" PVPATCH_NOTE_NAME "\"\n"                                \
	"\t.long " begin "\n"                                                 \
	"\t.long " end "\n"
PVPATCH_STATIC_ASSERT(sizeof(PVPATCH_NOTE_NAME) == PVPATCH_NOTE_NAME_SIZE &&
			      PVPATCH_NOTE_NAME_SIZE % 4 == 0,
		      "note name is as PVPATCH_ASM_NOTE writes it");
PVPATCH_STATIC_ASSERT(sizeof(struct pvpatch_note) == PVPATCH_NOTE_DESC_SIZE,
		      "note descriptor is as PVPATCH_ASM_NOTE writes it");
PVPATCH_ASM_ALIGNED(struct pvpatch_note);
PVPATCH_ASM_FIELD_AT(struct pvpatch_note, begin, 0, 4);
PVPATCH_ASM_FIELD_AT(struct pvpatch_note, end, 4, 4);

/* struct pvpatch_site */
#define PVPATCH_ASM_SITE(labels, addr, op)                                   \
	PVPATCH_ASM_ALIGN_(labels)                                            \
	"\t.long " addr "\n"                                                  \
	"\t.long " op "\n"
PVPATCH_ASM_ALIGNED(struct pvpatch_site);
PVPATCH_ASM_FIELD_AT(struct pvpatch_site, addr, 0, 4);
PVPATCH_ASM_FIELD_AT(struct pvpatch_site, op, 4, 4);

/* struct pvpatch_op */
#define PVPATCH_ASM_OP(labels, target, clobbers, version, size, flags)       \
	PVPATCH_ASM_ALIGN_(labels)                                            \
	"\t.long " target "\n"                                                \
	"\t.long " clobbers "\n"                                              \
	"\t.byte " version ", " size ", " flags ", 0\n"
PVPATCH_ASM_ALIGNED(struct pvpatch_op);
PVPATCH_ASM_FIELD_AT(struct pvpatch_op, target, 0, 4);
PVPATCH_ASM_FIELD_AT(struct pvpatch_op, clobbers, 4, 4);
PVPATCH_ASM_FIELD_AT(struct pvpatch_op, version, 8, 1);
PVPATCH_ASM_FIELD_AT(struct pvpatch_op, size, 9, 1);
PVPATCH_ASM_FIELD_AT(struct pvpatch_op, flags, 10, 1);
PVPATCH_ASM_FIELD_AT(struct pvpatch_op, reserved, 11, 1);

/* struct pvpatch_impl */
#define PVPATCH_ASM_IMPL(labels, fn, clobbers)                               \
	PVPATCH_ASM_ALIGN_(labels)                                            \
	"\t.long " fn "\n"                                                    \
	"\t.long " clobbers "\n"
PVPATCH_ASM_ALIGNED(struct pvpatch_impl);
PVPATCH_ASM_FIELD_AT(struct pvpatch_impl, fn, 0, 4);
PVPATCH_ASM_FIELD_AT(struct pvpatch_impl, clobbers, 4, 4);

/* struct pvpatch_inline */
#define PVPATCH_ASM_INLINE(labels, impl, code, clobbers, len, version, flags) \
	PVPATCH_ASM_ALIGN_(labels)                                            \
	"\t.long " impl "\n"                                                  \
	"\t.long " code "\n"                                                  \
	"\t.long " clobbers "\n"                                              \
	"\t.short " len "\n"                                                  \
	"\t.byte " version ", " flags "\n"
PVPATCH_ASM_ALIGNED(struct pvpatch_inline);
PVPATCH_ASM_FIELD_AT(struct pvpatch_inline, impl, 0, 4);
PVPATCH_ASM_FIELD_AT(struct pvpatch_inline, code, 4, 4);
PVPATCH_ASM_FIELD_AT(struct pvpatch_inline, clobbers, 8, 4);
PVPATCH_ASM_FIELD_AT(struct pvpatch_inline, len, 12, 2);
PVPATCH_ASM_FIELD_AT(struct pvpatch_inline, version, 14, 1);
PVPATCH_ASM_FIELD_AT(struct pvpatch_inline, flags, 15, 1);

#endif /* !__ASSEMBLER__ */

#endif /* PVPATCH_SITE_H */
