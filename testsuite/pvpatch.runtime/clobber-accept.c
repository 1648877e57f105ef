/* An implementation whose record shows it clobbers no more than the op
   allows is bound and called directly. */
/* { dg-options "-O2" } */
#include "fixture.h"

static volatile unsigned long value = 11;
__attribute__((noinline)) unsigned long narrow(void) { return value; }
FIXTURE_IMPL(narrow, "REG_AX");
__attribute__((noinline)) unsigned long start(void) { return 1; }

unsigned long (*narrow_slot)(void) = start;
FIXTURE_OP(op_narrow, narrow_slot, "REG_AX", 8, 1);
FIXTURE_SLOT_SITE_FN(narrow_site, op_narrow, 8, narrow_slot);
unsigned long narrow_site(void);

int main(void)
{
	FIXTURE_CHECK(pvpatch_bind(&narrow_slot, narrow));
	fixture_print_stats("bind");
	printf("call %lu\n", narrow_site());
	return 0;
}
/* { dg-output "bind: inlined 0 directed 1 nopped 0 left 0\n" } */
/* { dg-output "call 11" } */
