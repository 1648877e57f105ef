/* A word of data holding the address of the pop after the call. */
#include "fixture.h"

	pvpatch_op op
	.text
	.globl f
f:	push AX
	call op
.Lpop:	pop AX
	ret

	.data
	.dc.a .Lpop
