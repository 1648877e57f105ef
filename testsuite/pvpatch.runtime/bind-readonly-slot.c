/* pvpatch_bind stores into the slot, so the slot must be in a writable
   segment: binding an op whose slot is read-only data is refused with
   PVPATCH_ERR_BAD_OP, before anything is written.  (pvpatch_apply, which
   only reads slots, patches its sites.)  Found by the table fuzzer. */
/* { dg-options "-O2" } */
#include "fixture.h"

__attribute__((noinline)) unsigned long one(void) { return 1; }
__attribute__((noinline)) unsigned long two(void) { return 2; }
unsigned long (*const readonly_slot)(void) = one;

FIXTURE_OP(op_readonly, readonly_slot, "REG_ABI", 8, 1);
FIXTURE_SLOT_SITE_FN(readonly_site, op_readonly, 8, readonly_slot);
extern unsigned char readonly_site_site[];
unsigned long readonly_site(void);

int main(void)
{
	unsigned char before[8];

	FIXTURE_CHECK(pvpatch_apply());
	fixture_print_stats("apply");
	memcpy(before, readonly_site_site, 8);
	printf("bind: %s\n", pvpatch_strerror(pvpatch_bind((void *)&readonly_slot, two)));
	printf("site %s, call %lu\n", fixture_same(readonly_site_site, before, 8),
	       readonly_site());
	return 0;
}
/* { dg-output "apply: inlined 1 directed 0 nopped 0 left 0\n" } */
/* { dg-output "bind: an op descriptor has .*\n" } */
/* { dg-output "site unchanged, call 1" } */
