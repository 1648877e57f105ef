/* i386, cdecl: at a PVPATCH_OP_STACK_ARGS site the arguments are at
   0(%esp), 4(%esp)... (no return address yet).  A replacement written for
   that layout is inlined live, padded with an SS prefix (neutral on a
   stack operand).  The compiled body, which finds them one word further,
   is not auto-inlined. */
/* { dg-options "-m32 -O2" } */
#include "fixture.h"

__attribute__((noinline)) int second(int a, int b) { (void)a; return b; }
PVPATCH_INLINE(second, "mov 4(%esp), %eax", "eax");
__attribute__((noinline)) int first(int a, int b) { (void)b; return a; }

FIXTURE_OP(op_second, second, "REG_ABI", 8, 4);
FIXTURE_SITE_FN(second_site, op_second, 8, "movl $5, 0(%esp)\n\tmovl $9, 4(%esp)",
		"call second");
FIXTURE_OP(op_first, first, "REG_ABI", 8, 4);
FIXTURE_SITE_FN(first_site, op_first, 8, "movl $5, 0(%esp)\n\tmovl $9, 4(%esp)",
		"call first");
extern unsigned char second_site_site[];
int second_site(void), first_site(void);

int main(void)
{
	FIXTURE_CHECK(pvpatch_apply());
	fixture_print_stats("apply");
	fixture_print_bytes("site", second_site_site, 5);
	printf("calls %d %d\n", second_site(), first_site());
	return 0;
}
/* { dg-output "apply: inlined 1 directed 1 nopped 0 left 0\n" } */
/* { dg-output "site: 36 8b 44 24 04\n" } */
/* { dg-output "calls 9 5" } */
