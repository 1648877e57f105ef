/* Two branches ending in calls of two different pv_ops members, then a
   common tail: cross-jumping merged the two calls into one and dropped
   the memory attribute that names the slot, so neither stayed a site (a
   retpoline thunk call after a load of the slot, no alternative).  Each
   site's call now uses its slot, which keeps them apart: five sites. */
/* { dg-do assemble } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -mindirect-branch=thunk-extern -mindirect-branch-register -mfunction-return=thunk-extern -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#include "linux68.h"
void flush_all(_Bool global)
{
	unsigned long flags = pv_save_fl();
	pv_irq_disable();
	if (global)
		pv_ops.mmu.read_cr2();
	else
		pv_ops.mmu.read_cr3();
	if (flags & 0x200)
		pv_irq_enable();
}
/* { dg-final { scan-objdump-times "ff 15 00 00 00 00 \\s+call\\s+\\*0x0\\(%rip\\)" 5 } } */
/* { dg-final { scan-objdump-not "__x86_indirect_thunk" } } */
/* { dg-final { scan-readelf "-SW" "\\.altinstructions +PROGBITS +0+ +\[0-9a-f\]+ 000046 00 +A " } } */
