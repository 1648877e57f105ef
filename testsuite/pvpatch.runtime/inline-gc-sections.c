/* PVPATCH_INLINE links with the garbage collection docs/user-guide.md
   recommends (-ffunction-sections --gc-sections -z start-stop-gc) even
   when nothing else uses the implementation: its record is retained, so
   the note's __start_/__stop_pvpatch_inlines exist.  The runtime then
   finds the record valid. */
/* { dg-options "-O2 -ffunction-sections -Wl,--gc-sections,-z,start-stop-gc" } */
#include "fixture.h"

unsigned long unused_impl(void) { return 3; }
PVPATCH_INLINE(unused_impl, "mov $3, %eax", "eax");

int main(void)
{
	printf("apply: %s\n", pvpatch_strerror(pvpatch_apply()));
	return 0;
}
/* { dg-output "apply: success" } */
