/* In quiescent mode a declared replacement of several instructions is
   copied to the start of the site and the rest filled with the longest
   NOPs. */
/* { dg-options "-O2" } */
#include "fixture.h"

__attribute__((noinline)) unsigned long native_save_fl(void)
{
	unsigned long flags;

	__asm__ volatile("pushf; pop %0" : "=r"(flags));
	return flags;
}
#ifdef __x86_64__
PVPATCH_INLINE(native_save_fl, "pushf; pop %rax", "rax");
#else
PVPATCH_INLINE(native_save_fl, "pushf; pop %eax", "eax");
#endif

unsigned long (*save_fl_slot)(void) = native_save_fl;
FIXTURE_OP(op_save_fl, save_fl_slot, "REG_AX", 8, 1);
FIXTURE_SLOT_SITE_FN(save_fl_site, op_save_fl, 8, save_fl_slot);
extern unsigned char save_fl_site_site[];
unsigned long save_fl_site(void);

int main(void)
{
	FIXTURE_CHECK(pvpatch_set_mode(PVPATCH_MODE_QUIESCENT));
	FIXTURE_CHECK(pvpatch_apply());
	fixture_print_stats("apply");
	fixture_print_bytes("site", save_fl_site_site, 8);
	/* Bit 1 of EFLAGS always reads as 1. */
	printf("flags bit 1: %lu\n", (save_fl_site() >> 1) & 1);
	return 0;
}
/* { dg-output "apply: inlined 1 directed 0 nopped 0 left 0\n" } */
/* { dg-output "site: 9c 58 66 0f 1f 44 00 00\n" } */
/* { dg-output "flags bit 1: 1" } */
