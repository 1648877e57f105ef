/* SPDX-License-Identifier: MIT */
/*
 * P3's baseline: a site as Linux writes one by hand (PVOP_CALLEE0), an
 * indirect call through the ops table in asm, whose outputs and clobbers
 * say what a callee-save op clobbers: the result register and the flags.
 * The site's address and length go to a table, as .parainstructions
 * records them.  Built with -mno-red-zone like the kernel: the call
 * pushes its return address where a red zone would be.
 */
#include "call.h"

#define CALL_LOOPS call_loops_linux

static inline unsigned long save_fl(void)
{
	/* Makes the compiler set up the frame before the call. */
	register unsigned long stack_pointer asm("rsp");
	unsigned long fl;

	asm volatile("771:\n\tcall *%[op]\n772:\n"
		     ".pushsection .bench_parainstructions, \"a\"\n"
		     "\t.long 771b - .\n\t.byte 772b - 771b\n"
		     ".popsection"
		     : "=a"(fl), "+r"(stack_pointer)
		     : [op] "m"(linux_irq_ops.save_fl)
		     : "memory", "cc");
	return fl;
}

#include "call_loop.h"
