/* A table with an op descriptor with a nonzero reserved byte is rejected
   whole: apply fails with PVPATCH_ERR_BAD_OP before writing anything, so
   the valid site in the same table is not patched either. */
/* { dg-options "-O2" } */
#include "fixture.h"

__attribute__((noinline)) unsigned long forty_two(void) { return 42; }
FIXTURE_OP(op_good, forty_two, "REG_ABI", 8, 0);
FIXTURE_SITE_FN(good_site, op_good, 8, "", "call forty_two");
FIXTURE_OP_FIELDS(op_bad, forty_two, "REG_ABI", 1, 8, 0, 1);
FIXTURE_SITE_FN(bad_site, op_bad, 8, "", "call forty_two");
extern const char op_bad[];
extern unsigned char good_site_site[];
unsigned long good_site(void);

int main(void)
{
	return fixture_expect_rejected(PVPATCH_ERR_BAD_OP, op_bad,
				       "the descriptor", good_site);
}
/* { dg-output "apply: rejected\n" } */
/* { dg-output "fault: the descriptor\n" } */
/* { dg-output "text unchanged, call 42" } */
