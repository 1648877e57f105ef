/* paravirt_impl functions get records with the registers their compiled
   bodies really clobber, found through their own note. */
/* { dg-do run } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
#include "note-tables.h"
#include <stdlib.h>
extern long ext(long);
__attribute__((paravirt_impl("callee_save"))) void quiet(void) { __asm__ volatile("" ::: "memory"); }
__attribute__((paravirt_impl)) long uses_rdx(long x) { long y; __asm__ volatile("mov %1, %%rdx; lea 3(%%rdx), %0" : "=a"(y) : "r"(x) : "rdx"); return y; }
__attribute__((paravirt_impl)) long calls_out(long x) { return ext(x) + 1; }
__attribute__((noipa)) long ext(long x) { return x * 2; }

static void check_records(const struct pvpatch_note *desc, void *data)
{
	unsigned *checked = data;
	const struct pvpatch_impl *r = pvpatch_rel(&desc->begin);

	for (; (const void *)r < pvpatch_rel(&desc->end); r++) {
		const void *fn = pvpatch_rel(&r->fn);
		uint32_t want = fn == (void *)quiet ? 0
			: fn == (void *)uses_rdx ? PVPATCH_REG_BIT(PVPATCH_REG_AX) | PVPATCH_REG_BIT(PVPATCH_REG_DX)
			: PVPATCH_ABI_CLOBBERS_X86_64;
		if (r->clobbers != want)
			abort();
		(*checked)++;
	}
}

int main(void)
{
	unsigned checked = 0;
	quiet();
	walk_notes(PVPATCH_NOTE_TYPE_IMPLS, check_records, &checked);
	return checked != 3 || uses_rdx(1) != 4 || calls_out(2) != 5;
}
