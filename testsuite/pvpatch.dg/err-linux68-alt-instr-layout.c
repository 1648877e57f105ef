/* A struct alt_instr of another layout than the entries 6.8 writes (here
   6.1's 12-byte one with a 16-bit cpuid) fails the build. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX68_NO_ALT_INSTR
#include "linux68.h"
struct alt_instr {
	s32 instr_offset, repl_offset;
	unsigned short cpuid;
	u8 instrlen, replacementlen;
} __attribute__((packed));
void f(void)
{
	pv_ops.cpu.io_delay(); /* { dg-error "'struct alt_instr' of the kernel headers is not the layout this site format writes: it is 12 bytes, not 14" } */
}
