/* SPDX-License-Identifier: MIT */
/* For the tests of direct calls at wrapped sites: stack_bits, the op, and
   stack_bits_elsewhere, an implementation bound in its place, both
   returning in AX the stack pointer's low four bits where they were
   called.  The implementation is called, never inlined (its branch keeps
   the runtime from reading it as a replacement, which would run without
   a return address pushed), and clobbers only AX, as its record says. */
#include "run.h"

#if defined(__x86_64__)
#define STACK_BITS_BODY "mov %rsp, %rax\n\tand $15, %eax\n\tret\n"
#else
#define STACK_BITS_BODY "mov %esp, %eax\n\tand $15, %eax\n\tret\n"
#endif

__asm__(".text\n\t.globl stack_bits\n\t.type stack_bits, @function\n"
	"stack_bits:\n\t" STACK_BITS_BODY
	"\t.globl stack_bits_elsewhere\n\t.type stack_bits_elsewhere, @function\n"
	"stack_bits_elsewhere:\n\tjmp 1f\n1:\t" STACK_BITS_BODY);
FIXTURE_IMPL(stack_bits_elsewhere, "REG_AX");

void stack_bits(void);
void stack_bits_elsewhere(void);

/* Run, bind stack_bits to stack_bits_elsewhere (quiescent), say where the
   call went and whether the stack was aligned at it as at the original
   call, and revert. */
static inline int stack_bits_story(const unsigned char *site, run_fn *run)
{
	unsigned long original = 0, bound = 0;

	printf("original: changed %#lx\n", run(&original));
	FIXTURE_CHECK(pvpatch_set_mode(PVPATCH_MODE_QUIESCENT));
	FIXTURE_CHECK(pvpatch_bind((void *)stack_bits, (void *)stack_bits_elsewhere));
	fixture_print_stats("bind");
	printf("call %s\n", site[0] == 0xe8 ? "over the whole site" : "inside the pushes and pops");
	printf("bound: changed %#lx\n", run(&bound));
	printf("stack at the call: %s\n", bound == original ? "as at the original" : "moved");
	FIXTURE_CHECK(pvpatch_revert());
	return 0;
}
