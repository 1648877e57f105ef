/* A call of an op returning in AX the stack pointer's low four bits at
   its call, wrapped in 16 bytes of pushes: two on x86-64, four on
   i386. */
#include "fixture.h"

	pvpatch_op stack_bits, clobbers=NAME_AX

	run_begin even_run
	.globl even_site
even_site:
#if defined(__x86_64__)
	push %rcx; push %r8
	call stack_bits
	pop %r8; pop %rcx
#else
	push %ecx; push %edx; push %ebx; push %esi
	call stack_bits
	pop %esi; pop %ebx; pop %edx; pop %ecx
#endif
	run_end REG_AX
