/* Native code on Linux 6.8+ sites: each site of a member with
   paravirt_native gets what ALTERNATIVE_2(PARAVIRT_CALL, ALT_CALL_INSTR,
   ALT_CALL_ALWAYS, native, cond) records: the direct-call entry, then a
   second 14-byte entry for the same 6-byte call with the condition
   (ALT_NOT(X86_FEATURE_XENPV) = 0x10110) and the native bytes after
   call BUG_func in .altinstr_replacement; no padding (all are at most 6
   bytes).  The halt member has no native code: one entry (7 in all). */
/* { dg-do assemble } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -mindirect-branch=thunk-extern -mindirect-branch-register -mfunction-return=thunk-extern -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
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
/* { dg-final { scan-readelf "-SW" "\\.altinstructions +PROGBITS +0+ +\[0-9a-f\]+ 000062 00 +A " } } */
/* { dg-final { scan-readelf "-x .altinstructions" "0x00000000 00000000 00000000 75000200 06050000\\s+\\S+\\s+0x00000010 00000000 00001001 01000602" } } */
/* { dg-final { scan-readelf "-r" "\\n0+0 +\[0-9a-f\]+ R_X86_64_PC32 +0+ \\.text \\+ 1\\n0+4 +\[0-9a-f\]+ R_X86_64_PC32 +0+ \\.altinstr_replacement \\+ 0\\n0+e +\[0-9a-f\]+ R_X86_64_PC32 +0+ \\.text \\+ 1\\n0+12 +\[0-9a-f\]+ R_X86_64_PC32 +0+ \\.altinstr_replacement \\+ 5\\n" } } */
/* { dg-final { scan-readelf "-x .altinstr_replacement" "e8000000 009c58e8 00000000 fae80000\\s+\\S+\\s+0x00000010 0000fbe8 00000000 " } } */
/* { dg-final { scan-objdump-times "ff 15 00 00 00 00 \\s+call\\s+\\*0x0\\(%rip\\)" 4 } } */
/* { dg-final { scan-objdump-not "\\s90\\s+nop" } } */
