/* Binding a narrow op to an implementation without a record (counted as
   clobbering the whole C-ABI set) is refused with an error and a
   message; no text byte is written and the slot keeps its value. */
/* { dg-options "-O2" } */
#include "fixture.h"

static volatile unsigned long value = 11;
__attribute__((noinline)) unsigned long wide(void) { return value; }
__attribute__((noinline)) unsigned long start(void) { return 1; }

unsigned long (*narrow_slot)(void) = start;
FIXTURE_OP(op_narrow, narrow_slot, "REG_AX", 8, 1);
FIXTURE_SLOT_SITE_FN(narrow_site, op_narrow, 8, narrow_slot);
extern unsigned char narrow_site_site[];
unsigned long narrow_site(void);

int main(void)
{
	unsigned char before[8];
	int err;

	memcpy(before, narrow_site_site, 8);
	err = pvpatch_bind(&narrow_slot, wide);
	printf("bind: %s (%s)\n", err == PVPATCH_ERR_CLOBBERS ? "refused" : "accepted",
	       pvpatch_strerror(err));
	printf("fault is the implementation: %s\n", pvpatch_last_fault() == (void *)wide ? "yes" : "no");
	printf("site %s, slot %s, call %lu\n",
	       memcmp(before, narrow_site_site, 8) ? "changed" : "unchanged",
	       narrow_slot == start ? "unchanged" : "changed", narrow_site());
	return 0;
}
/* { dg-output "bind: refused \\(the implementation clobbers registers the op must preserve\\)\n" } */
/* { dg-output "fault is the implementation: yes\n" } */
/* { dg-output "site unchanged, slot unchanged, call 1" } */
