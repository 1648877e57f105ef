/* SPDX-License-Identifier: MIT */
/*
 * Body of the pvpatch.effects tests.  A test declares PVPATCH_INLINE
 * records of the implementation effect_impl with EFFECT_RECORD, and this
 * body validates each record alone, as a table of its own, through the
 * freestanding core, printing one line per record in source order:
 *
 *   record N: accepted
 *   record N: refused at +OFFSET
 *
 * where OFFSET is the instruction of the record's code the fault names
 * (PVPATCH_ERR_BAD_INLINE).  Anything else is printed as it is.  Tests
 * write the same lines in dg-output, so a test passes only if each record
 * gets exactly the expected verdict.
 */
#include <stdio.h>

#include "pvpatch_runtime.h"
#include "pvpatch_core.h"

/* EFFECT_WIDTH("x86-64 code", "i386 code"): the code for this width. */
#if defined(__x86_64__)
#define EFFECT_WIDTH(x86_64, i386) x86_64
#else
#define EFFECT_WIDTH(x86_64, i386) i386
#endif

void effect_impl(void);
__asm__(".text\n.globl effect_impl\n.type effect_impl, @function\n"
	"effect_impl:\n\tret\n.size effect_impl, . - effect_impl\n");

#define EFFECT_RECORD(code, clobbers) PVPATCH_INLINE(effect_impl, code, clobbers)

extern const struct pvpatch_inline __start_pvpatch_inlines[],
	__stop_pvpatch_inlines[];
extern const char __executable_start[], _end[];

/* Validate rec as the only record of an object spanning the program. */
static void check_record(unsigned n, const struct pvpatch_inline *rec)
{
	const struct pvpatch_range image = {
		(uintptr_t)__executable_start, (uintptr_t)_end,
		PVPATCH_PROT_READ | PVPATCH_PROT_EXEC | PVPATCH_PROT_WRITE
	};
	struct pvpatch_object obj = {
		.inlines = rec, .inlines_end = rec + 1,
		.ranges = &image, .nranges = 1,
	};
	const unsigned char *code = pvpatch_rel(&rec->code);
	uint32_t work[1];
	const void *fault;
	size_t size;
	int err = pvpatch_object_measure(&obj, &size, &fault);

	if (!err)
		err = pvpatch_object_init(&obj, work, sizeof(work), &fault);
	if (!err)
		printf("record %u: accepted\n", n);
	else if (err == PVPATCH_ERR_BAD_INLINE &&
		 (const unsigned char *)fault >= code &&
		 (const unsigned char *)fault < code + rec->len)
		printf("record %u: refused at +%d\n", n,
		       (int)((const unsigned char *)fault - code));
	else
		printf("record %u: %s, fault %p (code %p)\n", n,
		       pvpatch_strerror(err), fault, (const void *)code);
}

int main(void)
{
	for (const struct pvpatch_inline *r = __start_pvpatch_inlines;
	     r < __stop_pvpatch_inlines; r++)
		check_record((unsigned)(r - __start_pvpatch_inlines), r);
	return 0;
}
