/* A table with an entry pointing into data instead of text is rejected
   whole: apply fails with PVPATCH_ERR_SITE_RANGE before writing anything,
   so the valid site in the same table is not patched either. */
/* { dg-options "-O2" } */
#include "fixture.h"

__attribute__((noinline)) unsigned long forty_two(void) { return 42; }
FIXTURE_OP(op_good, forty_two, "REG_ABI", 8, 0);
FIXTURE_SITE_FN(good_site, op_good, 8, "", "call forty_two");
unsigned char data_bytes[16] = { 0xe8 };
FIXTURE_ENTRY("data_bytes", op_good);
extern unsigned char good_site_site[];
unsigned long good_site(void);

int main(void)
{
	return fixture_expect_rejected(PVPATCH_ERR_SITE_RANGE, data_bytes,
				       "the data", good_site);
}
/* { dg-output "apply: rejected\n" } */
/* { dg-output "fault: the data\n" } */
/* { dg-output "text unchanged, call 42" } */
