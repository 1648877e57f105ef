/* Live, a site wrapped in push/pop pairs keeps its original call: only a
   quiescent patcher may rewrite the pushes and pops that other threads
   could be between. */
/* { dg-do run } */
/* { dg-options "-O2" } */
/* { dg-pvpatch-scan "seed.S" "" } */
#include "run.h"

void nothing(void) {}
PVPATCH_INLINE(nothing, "", "");

extern unsigned char seed_site[];
run_fn seed_run;

int main(void)
{
	unsigned char before[11];

	memcpy(before, seed_site, sizeof(before));
	FIXTURE_CHECK(pvpatch_apply());
	fixture_print_stats("apply");
	printf("site: %s\n", fixture_same(seed_site, before, sizeof(before)));
	run_print("run", seed_run);
	return 0;
}
/* { dg-output "apply: inlined 0 directed 0 nopped 0 left 1\n" } */
/* { dg-output "site: unchanged\n" } */
/* { dg-output "run: changed 0 ax 0x5a5a0000\n" } */
