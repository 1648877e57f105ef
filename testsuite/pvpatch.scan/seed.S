/* The seed's example: a call of an op with the C ABI's clobbers, the
   registers it may clobber that the code needs saved around it. */
#include "fixture.h"

	pvpatch_op nothing

	run_begin seed_run
	.globl seed_site
seed_site:
	push AX
	push CX
	push DX
	call nothing
	pop DX
	pop CX
	pop AX
	run_end (ABI_GPRS & ~(REG_AX | REG_CX | REG_DX))
