/* A table with two entries for overlapping sites is rejected whole: apply
   fails with PVPATCH_ERR_OVERLAP before writing anything, so the valid
   site in the same table is not patched either. */
/* { dg-options "-O2" } */
#include "fixture.h"

__attribute__((noinline)) unsigned long forty_two(void) { return 42; }
FIXTURE_OP(op_good, forty_two, "REG_ABI", 8, 0);
FIXTURE_SITE_FN(good_site, op_good, 8, "", "call forty_two");
FIXTURE_ENTRY("good_site_site + 2", op_good);
extern unsigned char good_site_site[];
unsigned long good_site(void);

int main(void)
{
	return fixture_expect_rejected(PVPATCH_ERR_OVERLAP, good_site_site + 2,
				       "the second site", good_site);
}
/* { dg-output "apply: rejected\n" } */
/* { dg-output "fault: the second site\n" } */
/* { dg-output "text unchanged, call 42" } */
