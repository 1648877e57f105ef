/* In live mode a replacement of several instructions is not used: a
   thread preempted between them could not resume after a later change.
   The site gets a direct call instead. */
/* { dg-options "-O2" } */
#include "fixture.h"

__attribute__((noinline)) unsigned long native_save_fl(void)
{
	unsigned long flags;

	__asm__ volatile("pushf; pop %0" : "=r"(flags));
	return flags;
}
FIXTURE_IMPL(native_save_fl, "REG_AX");
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
	FIXTURE_CHECK(pvpatch_apply());
	fixture_print_stats("apply");
	printf("site: %02x %02x\n", save_fl_site_site[0], save_fl_site_site[1]);
	printf("flags bit 1: %lu\n", (save_fl_site() >> 1) & 1);
	return 0;
}
/* { dg-output "apply: inlined 0 directed 1 nopped 0 left 0\n" } */
/* { dg-output "site: 2e e8\n" } */
/* { dg-output "flags bit 1: 1" } */
