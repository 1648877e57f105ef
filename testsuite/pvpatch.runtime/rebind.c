/* pvpatch_bind re-patches an op's sites at once, each time it is called,
   and leaves other ops' sites alone. */
/* { dg-options "-O2" } */
#include "fixture.h"

static volatile unsigned long value = 10;
__attribute__((noinline)) unsigned long one(void) { return 1; }
__attribute__((noinline)) unsigned long read_value(void) { return value; }
__attribute__((noinline)) unsigned long two(void) { return 2; }
unsigned long (*value_slot)(void) = one;
unsigned long (*other_slot)(void) = one;

FIXTURE_OP(op_value, value_slot, "REG_ABI", 8, 1);
FIXTURE_SLOT_SITE_FN(value_site, op_value, 8, value_slot);
FIXTURE_OP(op_direct, one, "REG_ABI", 8, 0);
FIXTURE_SITE_FN(direct_site, op_direct, 8, "", "call one");
FIXTURE_OP(op_other, other_slot, "REG_ABI", 8, 1);
FIXTURE_SLOT_SITE_FN(other_site, op_other, 8, other_slot);
extern unsigned char other_site_site[];
unsigned long value_site(void), direct_site(void), other_site(void);

int main(void)
{
	unsigned char other[8];

	FIXTURE_CHECK(pvpatch_apply());
	memcpy(other, other_site_site, 8);
	FIXTURE_CHECK(pvpatch_bind(&value_slot, read_value));
	FIXTURE_CHECK(pvpatch_bind(one, two));
	fixture_print_stats("bind");
	printf("calls %lu %lu\n", value_site(), direct_site());
	FIXTURE_CHECK(pvpatch_bind(&value_slot, two));
	FIXTURE_CHECK(pvpatch_bind(one, read_value));
	printf("calls %lu %lu\n", value_site(), direct_site());
	FIXTURE_CHECK(pvpatch_bind(&value_slot, one));
	FIXTURE_CHECK(pvpatch_bind(one, one));
	printf("calls %lu %lu\n", value_site(), direct_site());
	FIXTURE_CHECK(pvpatch_apply());
	printf("other site %s, other call %lu\n",
	       memcmp(other, other_site_site, 8) ? "changed" : "untouched", other_site());
	return 0;
}
/* { dg-output "bind: inlined 1 directed 0 nopped 0 left 0\n" } */
/* { dg-output "calls 10 2\n" } */
/* { dg-output "calls 2 10\n" } */
/* { dg-output "calls 1 1\n" } */
/* { dg-output "other site untouched, other call 1" } */
