/* The seed's example, with nothing declared. */
#include "fixture.h"

	.text
	.globl f
f:	push AX
	push CX
	push DX
	call paravirt_cli
	pop DX
	pop CX
	pop AX
	ret
