/* A call of an op with the C ABI's clobbers, every one of them saved
   around it. */
#include "fixture.h"

	pvpatch_op count_a

	run_begin count_run
	.globl count_site
count_site:
	SAVE_CALLER
	call count_a
	RESTORE_CALLER
	run_end 0
