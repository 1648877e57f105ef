/* A declared replacement of one instruction is copied into the site in
   place of the call: as is where it is exactly as long as the call (e8),
   behind CS prefixes where the call is longer (ff 15). */
/* { dg-options "-O2" } */
#include "fixture.h"

__attribute__((noinline)) unsigned long native_answer(void) { return 42; }
PVPATCH_INLINE(native_answer, "mov $42, %eax", "eax");

unsigned long (*answer_slot)(void) = native_answer;

FIXTURE_OP(op_direct, native_answer, "REG_AX", 8, 0);
FIXTURE_SITE_FN(direct_site, op_direct, 8, "", "call native_answer");
FIXTURE_OP(op_slot, answer_slot, "REG_AX", 8, 1);
FIXTURE_SLOT_SITE_FN(slot_site, op_slot, 8, answer_slot);
extern unsigned char direct_site_site[], slot_site_site[];
unsigned long direct_site(void), slot_site(void);

int main(void)
{
	FIXTURE_CHECK(pvpatch_apply());
	fixture_print_stats("apply");
	fixture_print_bytes("e8 site", direct_site_site, 8);
	fixture_print_bytes("slot site", slot_site_site, 8);
	printf("calls %lu %lu\n", direct_site(), slot_site());
	return 0;
}
/* { dg-output "apply: inlined 2 directed 0 nopped 0 left 0\n" } */
/* { dg-output "e8 site: b8 2a 00 00 00 0f 1f 00\n" } */
/* { dg-output "slot site: 2e b8 2a 00 00 00 66 90\n" } */
/* { dg-output "calls 42 42" } */
