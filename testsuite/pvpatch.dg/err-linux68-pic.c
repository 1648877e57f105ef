/* A 6.8 site must be call *pv_ops+N(%rip): code that reaches pv_ops
   through the GOT cannot hold one. */
/* { dg-do compile } */
/* { dg-options "-O2 -fpic -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#include "linux68.h"
void f(void)
{
	pv_ops.cpu.io_delay(); /* { dg-error "this call through 'pv_ops' cannot be the 'call \\*pv_ops\\+0\\(%rip\\)' a Linux 6.8 site must be" } */
}
