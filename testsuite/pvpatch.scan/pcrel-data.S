/* A PC-relative word of data, as exception tables and alternatives
   write them, holding the place of the pop after the call. */
#include "fixture.h"

	pvpatch_op op
	.text
	.globl f
f:	push AX
	call op
.Lpop:	pop AX
	ret

	.section .rodata
	.long .Lpop - .
