/* A table whose REF word is misaligned is rejected whole (the plugin
   aligns them; reading one would be undefined): apply fails with
   PVPATCH_ERR_BAD_OP before writing anything.  Found by the table fuzzer. */
/* { dg-options "-O2" } */
#include "fixture.h"

__attribute__((noinline)) unsigned long forty_two(void) { return 42; }
FIXTURE_OP(op_good, forty_two, "REG_ABI", 8, 0);
FIXTURE_SITE_FN(good_site, op_good, 8, "", "call forty_two");
__asm__(".pushsection .data.rel.ro.fixture,\"aw\"\n.balign 8\n.byte 0\n"
	"misaligned_ref:\n\t" FIXTURE_PTR " forty_two\n.popsection");
FIXTURE_OP_FIELDS(op_bad, misaligned_ref, "REG_ABI", 1, 8, 2, 0);
FIXTURE_SITE_FN(bad_site, op_bad, 8, "", "call forty_two");
extern const char op_bad[];
unsigned long good_site(void);

int main(void)
{
	return fixture_expect_rejected(PVPATCH_ERR_BAD_OP, op_bad,
				       "the descriptor", good_site);
}
/* { dg-output "apply: rejected\n" } */
/* { dg-output "fault: the descriptor\n" } */
/* { dg-output "text unchanged, call 42" } */
