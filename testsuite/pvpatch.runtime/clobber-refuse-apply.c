/* pvpatch_apply checks what slots hold, however they got it: a slot
   assigned a too-wide implementation by plain C makes apply fail before
   any site (of any op) is written. */
/* { dg-options "-O2" } */
#include "fixture.h"

static volatile unsigned long value = 11;
__attribute__((noinline)) unsigned long wide(void) { return value; }
__attribute__((noinline)) unsigned long start(void) { return 1; }

unsigned long (*good_slot)(void) = start;
unsigned long (*narrow_slot)(void) = start;
FIXTURE_OP(op_good, good_slot, "REG_ABI", 8, 1);
FIXTURE_SLOT_SITE_FN(good_site, op_good, 8, good_slot);
FIXTURE_OP(op_narrow, narrow_slot, "REG_AX", 8, 1);
FIXTURE_SLOT_SITE_FN(narrow_site, op_narrow, 8, narrow_slot);
extern unsigned char good_site_site[], narrow_site_site[];

int main(void)
{
	unsigned char good[8], narrow[8];
	int err;

	memcpy(good, good_site_site, 8);
	memcpy(narrow, narrow_site_site, 8);
	narrow_slot = wide;
	err = pvpatch_apply();
	printf("apply: %s\n", pvpatch_strerror(err));
	printf("sites %s\n", memcmp(good, good_site_site, 8) || memcmp(narrow, narrow_site_site, 8)
	       ? "changed" : "unchanged");
	return err == PVPATCH_ERR_CLOBBERS ? 0 : 1;
}
/* { dg-output "apply: the implementation clobbers registers the op must preserve\n" } */
/* { dg-output "sites unchanged" } */
