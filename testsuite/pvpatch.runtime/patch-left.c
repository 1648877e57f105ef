/* A register-indirect call (ff d0, 2 bytes) cannot become a 5-byte direct
   call live: a thread inside the old implementation returns 2 bytes into
   the site.  With no replacement that fits, the original call is left,
   and it reaches the new binding through the slot. */
/* { dg-options "-O2" } */
#include "fixture.h"

static volatile unsigned long value = 5;
__attribute__((noinline)) unsigned long first(void) { return value; }
__attribute__((noinline)) unsigned long second(void) { return value + 1; }
unsigned long (*value_slot)(void) = first;

FIXTURE_OP(op_slot, value_slot, "REG_ABI", 8, 1);
FIXTURE_REG_SITE_FN(reg_site, op_slot, 8, value_slot);
extern unsigned char reg_site_site[];
unsigned long reg_site(void);

int main(void)
{
	unsigned char before[8];

	memcpy(before, reg_site_site, 8);
	FIXTURE_CHECK(pvpatch_bind(&value_slot, second));
	fixture_print_stats("bind");
	printf("site %s, slot %s\n", memcmp(before, reg_site_site, 8) ? "changed" : "unchanged",
	       value_slot == second ? "rebound" : "old");
	printf("call %lu\n", reg_site());
	return 0;
}
/* { dg-output "bind: inlined 0 directed 0 nopped 0 left 1\n" } */
/* { dg-output "site unchanged, slot rebound\n" } */
/* { dg-output "call 6" } */
