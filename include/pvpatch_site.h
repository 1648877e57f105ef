/* SPDX-License-Identifier: MIT */
/*
 * pvpatch site-table ABI, version 1.
 *
 * This header is the single definition of the table that the pvpatch GCC
 * plugin emits and that the runtime and tools read.  It is plain C11 and
 * freestanding (only <stdint.h>, or <linux/types.h> in a kernel), and is also included by the plugin so
 * that the bit numbers and section names below exist exactly once.
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

#if defined(__KERNEL__)
#include <linux/types.h>
#else
#include <stdint.h>
#endif

#ifdef __cplusplus
#define PVPATCH_STATIC_ASSERT static_assert
#else
#define PVPATCH_STATIC_ASSERT _Static_assert
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
	PVPATCH_REG_R8 = 8,	/* r8..r15 are bits 8..15 (x86-64 only) */
	PVPATCH_REG_R15 = 15,
	PVPATCH_REG_VEC = 16,	/* all SSE/AVX/AVX-512 vector and mask registers */
	PVPATCH_REG_X87 = 17,	/* the x87 register stack and MMX registers */
	PVPATCH_REG_COUNT = 18
};

#define PVPATCH_REG_BIT(r) (UINT32_C(1) << (r))
#define PVPATCH_GPR_MASK UINT32_C(0xffff)

/* What the C ABI lets any call clobber (the "abi" preset). */
#define PVPATCH_ABI_CLOBBERS_X86_64                                         \
	(PVPATCH_REG_BIT(PVPATCH_REG_AX) | PVPATCH_REG_BIT(PVPATCH_REG_CX) |  \
	 PVPATCH_REG_BIT(PVPATCH_REG_DX) | PVPATCH_REG_BIT(PVPATCH_REG_SI) |  \
	 PVPATCH_REG_BIT(PVPATCH_REG_DI) | (UINT32_C(0xf) << PVPATCH_REG_R8) | \
	 PVPATCH_REG_BIT(PVPATCH_REG_VEC) | PVPATCH_REG_BIT(PVPATCH_REG_X87))
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
   (include/pvpatch_runtime.h). */
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

#endif /* PVPATCH_SITE_H */
