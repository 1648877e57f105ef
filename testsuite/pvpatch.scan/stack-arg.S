/* A push that is the op's stack argument, not a save. */
#include "fixture.h"

	pvpatch_op takes_arg, stack_args=WORD
	.text
	.globl f
f:	push AX
	call takes_arg
	pop AX
	ret
