/* A table with a PVPATCH_INLINE whose code branches (it cannot move into a
   site) is rejected whole: apply fails with PVPATCH_ERR_BAD_INLINE before
   writing anything, naming the jmp as the fault, so the valid site in the
   same table is not patched either. */
/* { dg-options "-O2" } */
#include "fixture.h"

__attribute__((noinline)) unsigned long forty_two(void) { return 42; }
FIXTURE_OP(op_good, forty_two, "REG_ABI", 8, 0);
FIXTURE_SITE_FN(good_site, op_good, 8, "", "call forty_two");
PVPATCH_INLINE(forty_two, "jmp 1f; 1: mov $42, %eax", "eax");
extern unsigned char good_site_site[];
extern const char __start_pvpatch_inlines[];
unsigned long good_site(void);

int main(void)
{
	const struct pvpatch_inline *rec = (const void *)__start_pvpatch_inlines;

	return fixture_expect_rejected(PVPATCH_ERR_BAD_INLINE, pvpatch_rel(&rec->code),
				       "the jmp", good_site);
}
/* { dg-output "apply: rejected\n" } */
/* { dg-output "fault: the jmp\n" } */
/* { dg-output "text unchanged, call 42" } */
