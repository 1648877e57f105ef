/* A jump to the second byte of the pop after the call: on x86-64 that
   pop is 41 58 (pop %r8), and its second byte alone is pop %rax.  On
   i386, whose pops are one byte, the same jump lands after the pop. */
#include "fixture.h"

	pvpatch_op op
	.text
	.globl f
#if defined(__x86_64__)
f:	push %r8
	call op
.Lpop:	pop %r8
#else
f:	push %eax
	call op
.Lpop:	pop %eax
#endif
	ret
g:	jmp .Lpop + 1
