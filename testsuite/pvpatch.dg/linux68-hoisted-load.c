/* Linux 6.8+ format: when GCC hoists the load of a slot into a block
   that dominates two sites of the op (code hoisting), each site is still
   the call *pv_ops+N(%rip) alt_replace_call() accepts, reading the slot
   when it runs, with its own alt_instr entry; not an error. */
/* { dg-do assemble } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -mindirect-branch=thunk-extern -mindirect-branch-register -mfunction-return=thunk-extern -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#include "linux68.h"
static inline unsigned long save_fl_of(unsigned long v)
{
	return ((unsigned long (*)(unsigned long))pv_ops.irq.save_fl.func)(v);
}
unsigned long pick(int c, unsigned long a, unsigned long b)
{
	if (c)
		return save_fl_of(a) + 1;
	return save_fl_of(b) * 3;
}
/* { dg-final { scan-objdump-times "ff 15 00 00 00 00 \\s+call\\s+\\*0x0\\(%rip\\)\[^\\n\]*\\n\\s+\[0-9a-f\]+: R_X86_64_PC32\\s+pv_ops\\+0x4\\n" 2 } } */
/* { dg-final { scan-objdump-not "call\\s+\\*%" } } */
/* { dg-final { scan-readelf "-SW" "\\.altinstructions +PROGBITS +0+ +\[0-9a-f\]+ 00001c 00 +A " } } */
