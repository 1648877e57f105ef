/* Native code on Linux 6.1 sites: as 6.1's PVOP_ALT_* macros,
   ALTERNATIVE(paravirt_alt(PARAVIRT_CALL), native, cond), each site of a
   member with paravirt_native keeps its .parainstructions entry and gets
   a 12-byte .altinstructions entry for the same site with the 16-bit
   condition (ALT_NOT(X86_FEATURE_XENPV) = 0x8110), instrlen 6 and the
   native bytes in .altinstr_replacement; the halt member has none. */
/* { dg-do assemble } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -mindirect-branch=thunk-extern -mindirect-branch-register -mfunction-return=thunk-extern -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.1" } */
#define LINUX_61
#include "linux-native.h"
extern void record(unsigned long);
void seq(void)
{
	unsigned long flags = pv_save_fl();
	pv_irq_disable();
	record(flags);
	if (flags & 0x200)
		pv_irq_enable();
}
void halt(void)
{
	pv_ops.irq.halt();
}
/* { dg-final { scan-readelf "-SW" "\\.parainstructions +PROGBITS +0+ +\[0-9a-f\]+ 000040 00 +A " } } */
/* { dg-final { scan-readelf "-SW" "\\.altinstructions +PROGBITS +0+ +\[0-9a-f\]+ 000024 00 +A " } } */
/* { dg-final { scan-readelf "-x .altinstructions" "0x00000000 00000000 00000000 10810602 00000000\\s+\\S+\\s+0x00000010 00000000 10810601 00000000 00000000\\s+\\S+\\s+0x00000020 10810601 " } } */
/* { dg-final { scan-readelf "-r" "\\n0+0 +\[0-9a-f\]+ R_X86_64_PC32 +0+ \\.text \\+ 1\\n0+4 +\[0-9a-f\]+ R_X86_64_PC32 +0+ \\.altinstr_replacement \\+ 0\\n" } } */
/* { dg-final { scan-readelf "-x .altinstr_replacement" "0x00000000 9c58fafb " } } */
/* { dg-final { scan-objdump-not "\\s90\\s+nop" } } */
