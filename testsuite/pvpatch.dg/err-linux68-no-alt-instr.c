/* 6.8 sites need the kernel's struct alt_instr in the unit, to check
   the layout of their entries against it. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX68_NO_ALT_INSTR
#include "linux68.h"
void f(void)
{
	pv_ops.cpu.io_delay(); /* { dg-error "'-fplugin-arg-pvpatch-linux-abi=6.8' needs 'struct alt_instr' of the kernel headers declared in the unit" } */
}
