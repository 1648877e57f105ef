/* A push with no pop after the call. */
#include "fixture.h"

	pvpatch_op op
	.text
	.globl f
f:	push AX
	call op
	add $WORD, SP
	ret
