/* A tiny body with an instruction whose register effect the decoder does
   not know (popcnt) is never inlined, even when a pvpatch_impl record
   says what the function clobbers: both sites get a direct call (the
   record is trusted for calling the function, as for any other). */
/* { dg-options "-O2" } */
#include "fixture.h"

__asm__(".text\n"
	".globl popcount_plain\npopcount_plain:\n\tpopcnt %ecx, %eax\n\tret\n"
	".globl popcount_recorded\npopcount_recorded:\n\tpopcnt %ecx, %eax\n\tret\n");
unsigned long popcount_plain(void), popcount_recorded(void);
FIXTURE_IMPL(popcount_recorded, "REG_AX");

unsigned long (*plain_slot)(void) = popcount_plain;
unsigned long (*recorded_slot)(void) = popcount_recorded;
FIXTURE_OP(op_plain, plain_slot, "REG_ABI", 8, 1);
FIXTURE_SITE_FN(plain_site, op_plain, 8, "mov $0xff, %ecx", "call popcount_plain");
FIXTURE_OP(op_recorded, recorded_slot, "REG_ABI", 8, 1);
FIXTURE_SITE_FN(recorded_site, op_recorded, 8, "mov $0xff, %ecx", "call popcount_recorded");
extern unsigned char plain_site_site[], recorded_site_site[];
unsigned long plain_site(void), recorded_site(void);

int main(void)
{
	FIXTURE_CHECK(pvpatch_apply());
	fixture_print_stats("apply");
	printf("plain: %02x, recorded: %02x\n", plain_site_site[0], recorded_site_site[0]);
	printf("calls %lu %lu\n", plain_site(), recorded_site());
	return 0;
}
/* { dg-output "apply: inlined 0 directed 2 nopped 0 left 0\n" } */
/* { dg-output "plain: e8, recorded: e8\n" } */
/* { dg-output "calls 8 8" } */
