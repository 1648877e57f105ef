/* Helper of shlib.c: a shared object with its own site table, one direct
   op whose descriptor goes through a REF word (as the plugin emits for
   PIC code) and one indirect op. */
#include "fixture.h"

static volatile unsigned long lib_value = 7;
__attribute__((visibility("hidden"), noinline)) unsigned long lib_read(void)
{
	return lib_value;
}
__attribute__((visibility("hidden"))) unsigned long (*lib_slot)(void) = lib_read;

FIXTURE_OP_REF(op_lib_direct, lib_read, "REG_ABI", 8, 0);
FIXTURE_SITE_FN(lib_direct_site, op_lib_direct, 8, "", "call lib_read");
FIXTURE_OP(op_lib_slot, lib_slot, "REG_ABI", 8, 1);
FIXTURE_SLOT_SITE_FN(lib_slot_site, op_lib_slot, 8, lib_slot);

void *lib_read_address(void) { return (void *)lib_read; }
void *lib_slot_address(void) { return (void *)&lib_slot; }
const unsigned char *lib_site_bytes(int which)
{
	extern unsigned char lib_direct_site_site[], lib_slot_site_site[];

	return which ? lib_slot_site_site : lib_direct_site_site;
}
