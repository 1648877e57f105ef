/* Two pushes popped into each other's registers. */
#include "fixture.h"

	pvpatch_op op
	.text
	.globl f
f:	push AX
	push CX
	call op
	pop AX
	pop CX
	ret
