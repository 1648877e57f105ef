/* A call of an op returning in AX the stack pointer's low four bits at
   its call, wrapped in pushes of every other register the run checks.
   On x86-64 eleven pushes in sixteen bytes of code (six one-byte, five
   two-byte): 88 bytes of stack, which a call over the whole site would
   leave out, misaligning it by 8; on i386 three pushes, 12 bytes. */
#include "fixture.h"

	pvpatch_op stack_bits, clobbers=NAME_AX

	run_begin odd_run
	.globl odd_site
odd_site:
#if defined(__x86_64__)
	push %rcx; push %rdx; push %rbx; push %rbp; push %rsi; push %rdi
	push %r8; push %r9; push %r10; push %r11; push %r12
	call stack_bits
	pop %r12; pop %r11; pop %r10; pop %r9; pop %r8
	pop %rdi; pop %rsi; pop %rbp; pop %rbx; pop %rdx; pop %rcx
#else
	push %ecx; push %edx; push %ebx
	call stack_bits
	pop %ebx; pop %edx; pop %ecx
#endif
	run_end REG_AX
