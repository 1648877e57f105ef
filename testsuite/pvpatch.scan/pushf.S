/* The flags pushed and popped around the call. */
#include "fixture.h"

	pvpatch_op op
	.text
	.globl f
f:	pushf
	call op
	popf
	ret
