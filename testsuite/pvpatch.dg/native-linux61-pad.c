/* Linux 6.1 takes native code longer than its site: as its ALTERNATIVE
   macro, the site (call, then NOPs to the 8-byte site size) is padded
   with 0x90 bytes to the native code's 10 bytes, and the entry covers
   all 10. */
/* { dg-do assemble } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.1 -fplugin-arg-pvpatch-size=8" } */
#define LINUX_61
#define LINUX_NATIVE_OWN_OPS
#include "linux-native.h"
struct pv_cpu_ops {
	unsigned long (*two)(void)
		__native("mov $1, %eax; mov $2, %edx", X86_FEATURE_XENPV);
};
extern struct pv_cpu_ops pv_ops;
unsigned long f(void)
{
	return pv_ops.two();
}
/* { dg-final { scan-objdump "ff 15 00 00 00 00 \\s+call\\s+\\*0x0\\(%rip\\)\[^\\n\]*\\n\[^\\n\]*R_X86_64_PC32\\s+pv_ops-0x4\\n\\s+\[0-9a-f\]+:\\s+66 90 \\s+xchg\\s+%ax,%ax\\n\\s+\[0-9a-f\]+:\\s+90\\s+nop\\n\\s+\[0-9a-f\]+:\\s+90\\s+nop\\n" } } */
/* { dg-final { scan-readelf "-x .altinstructions" "0x00000000 00000000 00000000 10010a0a " } } */
/* { dg-final { scan-readelf "-x .parainstructions" "0x00000000 00000000 00000000 0008" } } */
