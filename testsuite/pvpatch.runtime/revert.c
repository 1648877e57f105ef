/* Revert puts every site back byte for byte; apply afterwards patches
   them again exactly as the first time. */
/* { dg-options "-O2" } */
#include "fixture.h"

static volatile unsigned long value = 3;
__attribute__((noinline)) unsigned long read_value(void) { return value; }
__attribute__((noinline)) unsigned long forty_two(void) { return 42; }
unsigned long (*value_slot)(void) = read_value;

FIXTURE_OP(op_direct, forty_two, "REG_ABI", 8, 0);
FIXTURE_SITE_FN(direct_site, op_direct, 8, "", "call forty_two");
FIXTURE_OP(op_slot, value_slot, "REG_ABI", 8, 1);
FIXTURE_SLOT_SITE_FN(slot_site, op_slot, 8, value_slot);
FIXTURE_REG_SITE_FN(reg_site, op_slot, 8, value_slot);
extern unsigned char direct_site_site[], slot_site_site[], reg_site_site[];
unsigned long direct_site(void), slot_site(void), reg_site(void);

static unsigned char *const sites[] = { direct_site_site, slot_site_site, reg_site_site };

static void snapshot(unsigned char copy[3][8])
{
	for (int i = 0; i < 3; i++)
		memcpy(copy[i], sites[i], 8);
}

static const char *same(unsigned char copy[3][8])
{
	for (int i = 0; i < 3; i++)
		if (memcmp(copy[i], sites[i], 8))
			return "differ";
	return "same";
}

int main(void)
{
	unsigned char original[3][8], patched[3][8];

	snapshot(original);
	FIXTURE_CHECK(pvpatch_apply());
	snapshot(patched);
	printf("applied: %s as original\n", same(original));
	FIXTURE_CHECK(pvpatch_revert());
	fixture_print_stats("revert");
	printf("reverted: %s as original\n", same(original));
	printf("calls %lu %lu %lu\n", direct_site(), slot_site(), reg_site());
	FIXTURE_CHECK(pvpatch_apply());
	printf("re-applied: %s as first patch\n", same(patched));
	printf("calls %lu %lu %lu\n", direct_site(), slot_site(), reg_site());
	return 0;
}
/* { dg-output "applied: differ as original\n" } */
/* { dg-output "revert: inlined 0 directed 0 nopped 0 left 3\n" } */
/* { dg-output "reverted: same as original\n" } */
/* { dg-output "calls 42 3 3\n" } */
/* { dg-output "re-applied: same as first patch\n" } */
/* { dg-output "calls 42 3 3" } */
