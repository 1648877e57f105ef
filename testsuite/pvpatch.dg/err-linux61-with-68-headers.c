/* 6.1's .parainstructions against the headers of a kernel that ignores
   it (they define ALT_FLAG_DIRECT_CALL: 6.8 or later) is an error at the
   first site, not sites that are never patched. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.1" } */
#include "linux68.h"
void f(void)
{
	pv_ops.cpu.io_delay(); /* { dg-error "'-fplugin-arg-pvpatch-linux-abi=6.1' writes '.parainstructions', which the kernel whose headers this unit includes ignores \\(they define 'ALT_FLAG_DIRECT_CALL': Linux 6.8 or later\\)" } */
}
