/* One pvpatch_apply validates and patches 1,000,000 sites, and every one
   of them ends up with the same inline bytes.  How fast it does so is
   measured by `make bench` (row P6), not here: a timed check would fail
   on a busy machine. */
/* { dg-options "-O2" } */
#include "fixture.h"

#define SITES 1000000
#define SITE_SIZE 8

__attribute__((noinline)) unsigned long forty_two(void) { return 42; }
FIXTURE_OP(op_many, forty_two, "REG_ABI", 8, 0);
__asm__(".text\n" FIXTURE_NOPS ".globl many_sites\n.type many_sites, @function\nmany_sites:\n"
	".rept " FIXTURE_STR(SITES) "\n"
	"1:\tcall forty_two\n\t.nops 3\n"
	"\t.pushsection pvpatch_sites,\"a\"\n\t.balign 4\n"
	"\t.long 1b - .\n\t.long op_many - .\n\t.popsection\n"
	".endr\n\tret\n" FIXTURE_SITES_NOTE);
extern unsigned char many_sites[];

int main(void)
{
	const unsigned char *last = many_sites + SITE_SIZE * (SITES - 1);
	unsigned long unlike_last = 0;

	FIXTURE_CHECK(pvpatch_apply());
	fixture_print_stats("apply");
	fixture_print_bytes("last site", last, SITE_SIZE);
	for (unsigned long i = 0; i < SITES - 1; i++)
		unlike_last += memcmp(many_sites + SITE_SIZE * i, last, SITE_SIZE) != 0;
	printf("sites unlike the last: %lu\n", unlike_last);
	printf("patched code returns %lu\n", ((unsigned long (*)(void))many_sites)());
	return 0;
}
/* { dg-output "apply: inlined 1000000 directed 0 nopped 0 left 0\n" } */
/* { dg-output "last site: b8 2a 00 00 00 0f 1f 00\n" } */
/* { dg-output "sites unlike the last: 0\n" } */
/* { dg-output "patched code returns 42" } */
