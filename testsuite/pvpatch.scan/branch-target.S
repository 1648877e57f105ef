/* A jump to the pop after the call. */
#include "fixture.h"

	pvpatch_op op
	.text
	.globl f
f:	push AX
	call op
.Lpop:	pop AX
	ret
g:	jmp .Lpop
