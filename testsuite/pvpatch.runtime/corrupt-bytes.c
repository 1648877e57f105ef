/* A table with a site whose bytes are not one call followed by NOPs (an
   int3 after the call) is rejected whole: apply fails with
   PVPATCH_ERR_SITE_BYTES before writing anything, so the valid site in the
   same table is not patched either. */
/* { dg-options "-O2" } */
#include "fixture.h"

__attribute__((noinline)) unsigned long forty_two(void) { return 42; }
FIXTURE_OP(op_good, forty_two, "REG_ABI", 8, 0);
FIXTURE_SITE_FN(good_site, op_good, 8, "", "call forty_two");
FIXTURE_SITE_FN(bad_site, op_good, 8, "", "call forty_two\n\t.byte 0xcc");
extern unsigned char bad_site_site[];
extern unsigned char good_site_site[];
unsigned long good_site(void);

int main(void)
{
	return fixture_expect_rejected(PVPATCH_ERR_SITE_BYTES, bad_site_site,
				       "the bad site", good_site);
}
/* { dg-output "apply: rejected\n" } */
/* { dg-output "fault: the bad site\n" } */
/* { dg-output "text unchanged, call 42" } */
