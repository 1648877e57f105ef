/* A pop after the call with no push before it. */
#include "fixture.h"

	pvpatch_op op
	.text
	.globl f
f:	sub $WORD, SP
	call op
	pop AX
	ret
