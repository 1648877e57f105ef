/* An implementation that cannot be inlined (it reads a global, a
   PC-relative operand on x86-64) gets a direct call: e8 rel32 where the
   original call is 5 bytes, CS-prefixed to 6 where it was a 6-byte
   indirect call, so the return address stays where it was. */
/* { dg-options "-O2" } */
#include <stdint.h>
#include "fixture.h"

static volatile unsigned long value = 7;
__attribute__((noinline)) unsigned long read_value(void) { return value; }
unsigned long (*value_slot)(void) = read_value;

FIXTURE_OP(op_direct, read_value, "REG_ABI", 8, 0);
FIXTURE_SITE_FN(direct_site, op_direct, 8, "", "call read_value");
FIXTURE_OP(op_slot, value_slot, "REG_ABI", 8, 1);
FIXTURE_SLOT_SITE_FN(slot_site, op_slot, 8, value_slot);
extern unsigned char direct_site_site[], slot_site_site[];
unsigned long direct_site(void), slot_site(void);

/* Where the e8 at offset `at` of a site, ending at `end`, goes. */
static const void *call_target(const unsigned char *site, unsigned at, unsigned end)
{
	int32_t rel;

	memcpy(&rel, site + at + 1, 4);
	return site + end + rel;
}

int main(void)
{
	FIXTURE_CHECK(pvpatch_apply());
	fixture_print_stats("apply");
	printf("e8 site: %02x %s\n", direct_site_site[0],
	       call_target(direct_site_site, 0, 5) == (void *)read_value ? "to impl" : "elsewhere");
	printf("slot site: %02x %02x %s\n", slot_site_site[0], slot_site_site[1],
	       call_target(slot_site_site, 1, 6) == (void *)read_value ? "to impl" : "elsewhere");
	value = 9;
	printf("calls %lu %lu\n", direct_site(), slot_site());
	return 0;
}
/* { dg-output "apply: inlined 0 directed 2 nopped 0 left 0\n" } */
/* { dg-output "e8 site: e8 to impl\n" } */
/* { dg-output "slot site: 2e e8 to impl\n" } */
/* { dg-output "calls 9 9" } */
