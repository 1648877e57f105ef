/* An implementation declared a no-op (PVPATCH_INLINE with no instructions)
   turns the whole site into NOPs: the call disappears. */
/* { dg-options "-O2" } */
#include "fixture.h"

static volatile int calls;
__attribute__((noinline)) void counted_nothing(void) { calls++; }
PVPATCH_INLINE(counted_nothing, "", "");

FIXTURE_OP(op_nothing, counted_nothing, "0", 8, 0);
FIXTURE_SITE_FN(nothing_site, op_nothing, 8, "", "call counted_nothing");
extern unsigned char nothing_site_site[];
void nothing_site(void);

int main(void)
{
	nothing_site();
	FIXTURE_CHECK(pvpatch_apply());
	fixture_print_stats("apply");
	fixture_print_bytes("site", nothing_site_site, 8);
	nothing_site();
	printf("calls %d\n", calls);
	return 0;
}
/* { dg-output "apply: inlined 0 directed 0 nopped 1 left 0\n" } */
/* { dg-output "site: 0f 1f 44 00 00 0f 1f 00\n" } */
/* { dg-output "calls 1" } */
