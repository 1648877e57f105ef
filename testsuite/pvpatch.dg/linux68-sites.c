/* Linux 6.8+ format under Linux's kernel flags and retpolines: each
   pv_ops call is the 6-byte call *pv_ops+N(%rip) that alt_replace_call()
   accepts, with no load of the slot before it, annotated retpoline-safe
   with a 32-bit word as 6.12's ANNOTATE_RETPOLINE_SAFE; its 14-byte
   struct alt_instr has the direct-call flag and X86_FEATURE_ALWAYS
   (0x20075), instrlen 6, and the 5-byte call BUG_func replacement. */
/* { dg-do assemble } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -mindirect-branch=thunk-extern -mindirect-branch-register -mfunction-return=thunk-extern -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#include "linux68.h"
extern void record(unsigned long);
void seq(void)
{
	unsigned long flags = pv_save_fl();
	pv_irq_disable();
	record(flags);
	if (flags & 0x200)
		pv_irq_enable();
}
/* { dg-final { scan-objdump-times "ff 15 00 00 00 00 \\s+call\\s+\\*0x0\\(%rip\\)\[^\\n\]*\\n\\s+\[0-9a-f\]+: R_X86_64_PC32\\s+pv_ops\\+0x(4|c|14)\\n" 3 } } */
/* { dg-final { scan-objdump-times "R_X86_64_PC32\\s+pv_ops" 3 } } */
/* { dg-final { scan-objdump-times "e8 00 00 00 00 \\s+call\[^\\n\]*\\n\\s+\[0-9a-f\]+: R_X86_64_PLT32\\s+BUG_func-0x4" 3 } } */
/* { dg-final { scan-readelf "-SW" "\\.altinstructions +PROGBITS +0+ +\[0-9a-f\]+ 00002a 00 +A " } } */
/* { dg-final { scan-readelf "-x .altinstructions" "0x00000000 00000000 00000000 75000200 06050000" } } */
/* { dg-final { scan-readelf "-r" "'\\.rela\\.discard\\.retpoline_safe' at offset 0x\[0-9a-f\]+ contains 3 entries" } } */
/* { dg-final { scan-readelf "-r" "R_X86_64_32 +0+ \\.text \\+ 1\\n" } } */
/* { dg-final { scan-readelf-not "-S" "parainstructions" } } */
