/* With -ffunction-sections -Wl,--gc-sections,-z,start-stop-gc, a function
   the linker keeps only through a slot's initializer (user, via
   user_slot, itself reached through an op descriptor) keeps its code and
   its site, so its table entry must be kept too; so must the record of an
   implementation kept the same way.  ld dropped both: the site was never
   patched, and a binding to the implementation was refused for want of a
   record.  Found by testsuite/fuzz/difffuzz.py; see docs/reliability.md
   (bug 12). */
/* { dg-options "-O2 -ffunction-sections -Wl,--gc-sections,-z,start-stop-gc" } */
#include "fixture.h"

static void tick(void) __attribute__((paravirt("callee_save")));
static volatile int ticks;
static void tick(void) { ticks++; }
static int impl(int) __attribute__((paravirt_impl("callee_save")));
static int (*slot)(int) __attribute__((paravirt("callee_save"))) = impl;
static int user(int);
static int (*user_slot)(int) __attribute__((paravirt)) = user;
static int impl(int x) { return x + 1; }
static int user(int x) { return slot(x) * 2; }

int main(void)
{
	struct pvpatch_stats st;

	tick();
	printf("apply: %s\n", pvpatch_strerror(pvpatch_apply()));
	pvpatch_get_stats(&st);
	printf("sites %lu\n", st.inlined + st.directed + st.nopped + st.left);
	return 0;
}
/* { dg-output "apply: success\n" } */
/* { dg-output "sites 2" } */
