/* Sites in a shared object are found through its note and patched like
   the program's: to a direct call, and after pvpatch_bind to inline code
   of an implementation in the program. */
/* { dg-options "-O2" } */
/* { dg-pvpatch-shlib "libsites.c" "-O2" } */
#include "fixture.h"

unsigned long lib_direct_site(void), lib_slot_site(void);
void *lib_read_address(void), *lib_slot_address(void);
const unsigned char *lib_site_bytes(int which);

__attribute__((noinline)) unsigned long nine(void) { return 9; }

int main(void)
{
	unsigned char direct[8], slot[8];

	memcpy(direct, lib_site_bytes(0), 8);
	memcpy(slot, lib_site_bytes(1), 8);
	FIXTURE_CHECK(pvpatch_apply());
	fixture_print_stats("apply");
	printf("calls %lu %lu\n", lib_direct_site(), lib_slot_site());
	FIXTURE_CHECK(pvpatch_bind(lib_slot_address(), nine));
	FIXTURE_CHECK(pvpatch_bind(lib_read_address(), nine));
	printf("library sites: %s %s\n", fixture_same(lib_site_bytes(0), direct, 8),
	       fixture_same(lib_site_bytes(1), slot, 8));
	printf("first bytes: %02x %02x\n", lib_site_bytes(0)[0], lib_site_bytes(1)[1]);
	printf("calls %lu %lu\n", lib_direct_site(), lib_slot_site());
	return 0;
}
/* { dg-output "apply: inlined 0 directed 2 nopped 0 left 0\n" } */
/* { dg-output "calls 7 7\n" } */
/* { dg-output "library sites: changed changed\n" } */
/* { dg-output "first bytes: b8 b8\n" } */
/* { dg-output "calls 9 9" } */
