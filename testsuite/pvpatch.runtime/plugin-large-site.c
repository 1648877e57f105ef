/* With the plugin: sites of 93 bytes or more must still be one call
   followed by NOPs.  GAS pads a long ".nops N" with a jmp over the NOPs
   (from 88 bytes of padding on), which the runtime rightly refuses as a
   site, so pvpatch_apply failed for every program holding such a site.
   Found by testsuite/fuzz/difffuzz.py; see docs/reliability.md. */
/* { dg-options "-O2" } */
#include "fixture.h"

long op(long) __attribute__((paravirt("abi", 255)));
long op(long x) { return x + 1; }
static volatile long bias = 2;
__attribute__((paravirt_impl)) long add_bias(long x) { return x + bias; }
static long (*slot)(long) __attribute__((paravirt("abi", 93))) = add_bias;

__attribute__((noinline)) long use(long x) { return op(x) + slot(x); }

int main(void)
{
	printf("apply: %s\n", pvpatch_strerror(pvpatch_apply()));
	printf("call %ld\n", use(1));
	printf("revert: %s\n", pvpatch_strerror(pvpatch_revert()));
	printf("call %ld\n", use(1));
	return 0;
}
/* { dg-output "apply: success\n" } */
/* { dg-output "call 5\n" } */
/* { dg-output "revert: success\n" } */
/* { dg-output "call 5" } */
