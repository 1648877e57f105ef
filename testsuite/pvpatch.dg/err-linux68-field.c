/* A 14-byte struct alt_instr whose members sit elsewhere fails too. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX68_NO_ALT_INSTR
#include "linux68.h"
struct alt_instr {
	s32 instr_offset, repl_offset;
	u8 instrlen, replacementlen;
	u32 ft_flags;
} __attribute__((packed));
void f(void)
{
	pv_ops.cpu.io_delay(); /* { dg-error "it has no 4-byte member 'ft_flags' at offset 8" } */
}
