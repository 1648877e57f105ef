/* SPDX-License-Identifier: MIT */
/*
 * Ops of hand-written assembly, for `pvpatch-sites scan` (the assembler's
 * counterpart of the paravirt attributes).  In a .S file:
 *
 *   #include <pvpatch_asm.h>
 *   pvpatch_op native_irq_disable                 the C ABI's clobbers
 *   pvpatch_op read_flags, clobbers="eax"         what its call clobbers
 *   pvpatch_op write_port, stack_args=8           reads 8 bytes of arguments
 *                                                 from the stack (i386)
 *
 * Each direct call of a declared op (call OP) is a site once the object
 * is scanned; clobbers are the registers the op's call may change, its
 * return register included, as pvpatch_reg_name() spells them ("none" for
 * none, "abi" for the C ABI's set).  The declarations go to a section
 * links exclude, so they cost the program nothing.
 */
#ifndef PVPATCH_ASM_H
#define PVPATCH_ASM_H

#include "pvpatch_site.h"

.macro pvpatch_op name:req, clobbers=abi, stack_args=0
	.pushsection PVPATCH_ASM_OPS_SECTION, "e", @progbits
	.asciz "\name"
	.asciz "\clobbers"
	.asciz "\stack_args"
	.popsection
.endm

#endif /* PVPATCH_ASM_H */
