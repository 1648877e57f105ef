/* Bytes the decoder does not know, before the site. */
#include "fixture.h"

	pvpatch_op op
	.text
	.globl f
f:	.byte 0x0f, 0x04
	push AX
	call op
	pop AX
	ret
