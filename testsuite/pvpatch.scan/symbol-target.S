/* A global symbol between the two pushes. */
#include "fixture.h"

	pvpatch_op op
	.text
	.globl f, inner
f:	push AX
inner:	push CX
	call op
	pop CX
	pop AX
	ret
