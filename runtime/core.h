/* SPDX-License-Identifier: MIT */
/* Internal interfaces of the freestanding core (core.c, analyze.c). */
#ifndef PVPATCH_CORE_H
#define PVPATCH_CORE_H

#include "insn.h"
#include "pvpatch_runtime.h"

/* Internal to the runtime: not exported from a shared object. */
#pragma GCC visibility push(hidden)

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
	unsigned char *d = dst;
	const unsigned char *s = src;

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
	while (n--)
		*d++ = *s++;
}

static inline int pvpatch_same(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

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

/* The segment of obj with all of prot that holds addr, or NULL. */
const struct pvpatch_range *pvpatch_range_of(const struct pvpatch_object *obj,
					     uintptr_t addr, unsigned prot);

/* Whether [addr, addr+len) lies in one segment of obj with all of prot. */
int pvpatch_object_holds(const struct pvpatch_object *obj, uintptr_t addr,
			 size_t len, unsigned prot);

/* The end of the segment with all of prot holding addr, in any of the
   patcher's objects; 0 if none does. */
uintptr_t pvpatch_segment_end(const struct pvpatch_patcher *p, uintptr_t addr,
			      unsigned prot);

/* Validate one record of obj (at init).  On PVPATCH_ERR_BAD_INLINE
   *fault is the record, or the instruction of its code that is wrong. */
int pvpatch_check_impl(const struct pvpatch_object *obj,
		    const struct pvpatch_impl *rec);
int pvpatch_check_inline(const struct pvpatch_object *obj,
			 const struct pvpatch_inline *rec, const void **fault);

/* Fill m with what sites of op can hold when bound to impl: whether a
   call of impl keeps op's clobber contract, and the inline replacement
   (declared or found by reading impl) that keeps it, if any.  own: impl
   is the direct op's own function, which its sites already call. */
void pvpatch_analyze(const struct pvpatch_patcher *p,
		     const struct pvpatch_op *op, void *impl, int own,
		     struct pvpatch_memo *m);

#pragma GCC visibility pop

#endif /* PVPATCH_CORE_H */
