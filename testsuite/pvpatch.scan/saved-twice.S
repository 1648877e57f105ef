/* One register pushed twice around the call. */
#include "fixture.h"

	pvpatch_op op
	.text
	.globl f
f:	push AX
	push AX
	call op
	pop AX
	pop AX
	ret
