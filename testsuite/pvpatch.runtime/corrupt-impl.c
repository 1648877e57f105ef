/* A table with an implementation record claiming to clobber the stack
   pointer is rejected whole: apply fails with PVPATCH_ERR_BAD_IMPL before
   writing anything, so the valid site in the same table is not patched
   either. */
/* { dg-options "-O2" } */
#include "fixture.h"

__attribute__((noinline)) unsigned long forty_two(void) { return 42; }
FIXTURE_OP(op_good, forty_two, "REG_ABI", 8, 0);
FIXTURE_SITE_FN(good_site, op_good, 8, "", "call forty_two");
FIXTURE_IMPL(forty_two, "1 << 4");
extern unsigned char good_site_site[];
extern const char __start_pvpatch_impls[];
unsigned long good_site(void);

int main(void)
{
	return fixture_expect_rejected(PVPATCH_ERR_BAD_IMPL, __start_pvpatch_impls,
				       "the record", good_site);
}
/* { dg-output "apply: rejected\n" } */
/* { dg-output "fault: the record\n" } */
/* { dg-output "text unchanged, call 42" } */
