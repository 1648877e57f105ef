/* A thread-local variable's offset, a relocation scan has no use for. */
#include "fixture.h"

	pvpatch_op op
	.text
	.globl f
f:
#if defined(__x86_64__)
	movl %fs:counter@tpoff, %eax
#else
	movl %gs:counter@ntpoff, %eax
#endif
	call op
	ret
