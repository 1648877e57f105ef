/* 16-bit pushes and pops (a 66 prefix). */
#include "fixture.h"

	pvpatch_op op
	.text
	.globl f
f:	pushw %ax
	call op
	popw %ax
	ret
