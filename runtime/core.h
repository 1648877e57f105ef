/* SPDX-License-Identifier: MIT */
/*
 * What every stage of the freestanding core shares: the width, the
 * encodings it writes, and the byte helpers that stand in for libc.  The
 * stages, each using only those before it:
 *
 *   insn.c     decode     instruction lengths and effects
 *   analyze.c  analyse    clobber lists, replacement code, NOP and site forms
 *   object.c   validate   an object's tables, once; its work area
 *   plan.c     plan       what each site gets, per op worked out once
 *   write.c    write      the int3 rounds; the operations
 *
 * docs/design.md draws the map.
 */
#ifndef PVPATCH_CORE_PRIVATE_H
#define PVPATCH_CORE_PRIVATE_H

#include "pvpatch_core.h"

/* Internal to the runtime: not exported from a shared object. */
#pragma GCC visibility push(hidden)

#define PVPATCH_INT3 0xcc	/* what changing sites start with meanwhile */
#define PVPATCH_CALL_REL32 0xe8

#if defined(__x86_64__)
#define CORE_OP_WIDTH_FLAG 0
#define CORE_ABI_CLOBBERS PVPATCH_ABI_CLOBBERS_X86_64
#define CORE_GPR_MASK UINT32_C(0xffff)
#else
#define CORE_OP_WIDTH_FLAG PVPATCH_OP_I386
#define CORE_ABI_CLOBBERS PVPATCH_ABI_CLOBBERS_I386
#define CORE_GPR_MASK UINT32_C(0xff)
#endif

/* Registers a clobber set may name: the general registers of this width
   except the stack pointer, vector and x87 state. */
#define CORE_CLOBBER_MASK                                                   \
	((CORE_GPR_MASK & ~PVPATCH_REG_BIT(PVPATCH_REG_SP)) |                \
	 PVPATCH_REG_BIT(PVPATCH_REG_VEC) | PVPATCH_REG_BIT(PVPATCH_REG_X87))

/* The core never calls libc; these stand in for memcpy/memcmp on the few
   bytes of a site.  Most sites are 5 to 16 bytes: two overlapping words
   cover them.  A constant-size __builtin_memcpy is a plain load or store,
   never a call. */
static inline uint64_t pvpatch_load8(const unsigned char *p)
{
	uint64_t v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static inline uint32_t pvpatch_load4(const unsigned char *p)
{
	uint32_t v;

	__builtin_memcpy(&v, p, sizeof(v));
	return v;
}

static inline void pvpatch_copy(void *dst, const void *src, size_t n)
{
	unsigned char *d = (unsigned char *)dst;
	const unsigned char *s = (const unsigned char *)src;

	if (n >= 8 && n <= 16) {
		uint64_t head = pvpatch_load8(s), tail = pvpatch_load8(s + n - 8);

		__builtin_memcpy(d, &head, 8);
		__builtin_memcpy(d + n - 8, &tail, 8);
		return;
	}
	if (n >= 4 && n < 8) {
		uint32_t head = pvpatch_load4(s), tail = pvpatch_load4(s + n - 4);

		__builtin_memcpy(d, &head, 4);
		__builtin_memcpy(d + n - 4, &tail, 4);
		return;
	}
	if (n > 16) {
		/* Words, the last one overlapping: never past s + n. */
		uint64_t last = pvpatch_load8(s + n - 8);

		for (size_t i = 0; i < n - 8; i += 8) {
			uint64_t word = pvpatch_load8(s + i);

			__builtin_memcpy(d + i, &word, 8);
		}
		__builtin_memcpy(d + n - 8, &last, 8);
		return;
	}
	while (n--)
		*d++ = *s++;
}

static inline int pvpatch_same(const void *a, const void *b, size_t n)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;

	if (n >= 8 && n <= 16)
		return pvpatch_load8(x) == pvpatch_load8(y) &&
		       pvpatch_load8(x + n - 8) == pvpatch_load8(y + n - 8);
	if (n >= 4 && n < 8)
		return pvpatch_load4(x) == pvpatch_load4(y) &&
		       pvpatch_load4(x + n - 4) == pvpatch_load4(y + n - 4);
	while (n--)
		if (*x++ != *y++)
			return 0;
	return 1;
}

/* Whether a pointer-sized word (a REF word, a slot) may be read at addr:
   the plugin aligns them, so a misaligned one is a corrupted table. */
static inline int pvpatch_word_aligned(uintptr_t addr)
{
	return addr % sizeof(void *) == 0;
}

/* What an 8-byte site of an op holds as the plugin emits it, its op's
   own call followed by the assembled NOPs, as one word less the call's
   displacement, which depends on the site's address (object.h): worked
   out once per op, so that most sites are read and rebuilt as a word. */
#define OWN_FORM_SIZE 8
struct own_form {
	const struct pvpatch_op *op;	/* NULL: not worked out */
	uint64_t fixed;
	uintptr_t target;
	unsigned char head;
	unsigned char relative;	/* the displacement is from the call's end */
};

/* What sites of one op can hold when bound to impl, worked out once per
   operation (plan.c), kept in its object's work area. */
#define MEMO_SLOTS 8
struct memo {
	const struct pvpatch_op *op;	/* NULL: slot unused */
	void *impl;			/* the binding its sites get */
	unsigned char call_allowed;	/* calling impl keeps the contract */
	unsigned char own;		/* impl is what the sites call already */
	uint32_t as_called;		/* what a call of impl clobbers */
	unsigned char left_calls_impl;	/* so does the original call */
	unsigned char inline_len;
	unsigned char inline_first;	/* length of its first instruction */
	unsigned char inline_pad;	/* a prefix that pads it, or 0 */
	const unsigned char *inline_code;	/* NULL: no usable replacement */
	struct own_form own_form;
};

#pragma GCC visibility pop

#endif /* PVPATCH_CORE_PRIVATE_H */
