/* A site that quiescent mode filled with a replacement of several
   instructions can be changed only in quiescent mode again: a thread
   could be stopped between those instructions.  Live mode refuses with
   PVPATCH_ERR_NOT_LIVE and writes nothing. */
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
__attribute__((noinline)) unsigned long two(void) { return 2; }

unsigned long (*flags_slot)(void) = native_save_fl;
FIXTURE_OP(op_flags, flags_slot, "REG_AX", 8, 1);
FIXTURE_SLOT_SITE_FN(flags_site, op_flags, 8, flags_slot);
extern unsigned char flags_site_site[];
unsigned long flags_site(void);

int main(void)
{
	unsigned char inlined[8];
	int err;

	FIXTURE_CHECK(pvpatch_set_mode(PVPATCH_MODE_QUIESCENT));
	FIXTURE_CHECK(pvpatch_apply());
	memcpy(inlined, flags_site_site, 8);
	FIXTURE_CHECK(pvpatch_set_mode(PVPATCH_MODE_LIVE));
	err = pvpatch_bind(&flags_slot, two);
	printf("live bind: %s\n", pvpatch_strerror(err));
	printf("fault is the site: %s\n", pvpatch_last_fault() == flags_site_site ? "yes" : "no");
	printf("site %s, revert: %s\n", fixture_same(flags_site_site, inlined, 8),
	       pvpatch_strerror(pvpatch_revert()));
	FIXTURE_CHECK(pvpatch_set_mode(PVPATCH_MODE_QUIESCENT));
	FIXTURE_CHECK(pvpatch_bind(&flags_slot, two));
	printf("quiescent bind: call %lu\n", flags_site());
	return 0;
}
/* { dg-output "live bind: a site holds code only a quiescent patch may replace\n" } */
/* { dg-output "fault is the site: yes\n" } */
/* { dg-output "site unchanged, revert: a site holds code only a quiescent patch may replace\n" } */
/* { dg-output "quiescent bind: call 2" } */
