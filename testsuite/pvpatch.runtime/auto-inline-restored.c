/* A body that saves a register, uses it and restores it (the way the
   plugin compiles implementations to preserve registers) clobbers only
   what it does not restore: here the return register, so it is inlined
   (in quiescent mode: it is several instructions) for an op that may
   clobber nothing else, without any record. */
/* { dg-options "-O2" } */
#include "fixture.h"

#ifdef __x86_64__
__asm__(".text\n.globl five\nfive:\n\tpush %rcx\n\tmov $5, %ecx\n\tmov %ecx, %eax\n"
	"\tpop %rcx\n\tret\n");
#else
__asm__(".text\n.globl five\nfive:\n\tpush %ecx\n\tmov $5, %ecx\n\tmov %ecx, %eax\n"
	"\tpop %ecx\n\tret\n");
#endif
unsigned long five(void);
unsigned long (*five_slot)(void) = five;

FIXTURE_OP(op_five, five_slot, "REG_AX", 16, 1);
FIXTURE_SLOT_SITE_FN(five_site, op_five, 16, five_slot);
unsigned long five_site(void);

int main(void)
{
	FIXTURE_CHECK(pvpatch_set_mode(PVPATCH_MODE_QUIESCENT));
	FIXTURE_CHECK(pvpatch_apply());
	fixture_print_stats("apply");
	printf("call %lu\n", five_site());
	return 0;
}
/* { dg-output "apply: inlined 1 directed 0 nopped 0 left 0\n" } */
/* { dg-output "call 5" } */
