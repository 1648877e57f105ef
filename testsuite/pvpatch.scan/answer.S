/* An op that clobbers only its return register, called with cx and dx
   saved: the site frees ax alone. */
#include "fixture.h"

	pvpatch_op answer, clobbers=NAME_AX

	run_begin answer_run
	.globl answer_site
answer_site:
	push CX
	push DX
	call answer
	pop DX
	pop CX
	run_end REG_AX
