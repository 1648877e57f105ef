/* In quiescent mode a register-indirect site (ff d0) may become a direct
   call after all: e8 rel32 plus NOPs over the whole site. */
/* { dg-options "-O2" } */
#include <stdint.h>
#include "fixture.h"

static volatile unsigned long value = 5;
__attribute__((noinline)) unsigned long read_value(void) { return value; }
unsigned long (*value_slot)(void) = read_value;

FIXTURE_OP(op_slot, value_slot, "REG_ABI", 8, 1);
FIXTURE_REG_SITE_FN(reg_site, op_slot, 8, value_slot);
extern unsigned char reg_site_site[];
unsigned long reg_site(void);

int main(void)
{
	int32_t rel;

	FIXTURE_CHECK(pvpatch_set_mode(PVPATCH_MODE_QUIESCENT));
	FIXTURE_CHECK(pvpatch_apply());
	fixture_print_stats("apply");
	memcpy(&rel, reg_site_site + 1, 4);
	printf("site %02x %s, then %02x %02x %02x\n", reg_site_site[0],
	       reg_site_site + 5 + rel == (void *)read_value ? "to impl" : "elsewhere",
	       reg_site_site[5], reg_site_site[6], reg_site_site[7]);
	printf("call %lu\n", reg_site());
	return 0;
}
/* { dg-output "apply: inlined 0 directed 1 nopped 0 left 0\n" } */
/* { dg-output "site e8 to impl, then 0f 1f 00\n" } */
/* { dg-output "call 5" } */
