/* Kernel code model (no red zone, mcmodel=kernel): an indirect site is the
   7-byte absolute or 6-byte rip-relative call plus NOPs. */
/* { dg-do assemble } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only" } */
#include <pvpatch.h>
struct ops { unsigned long (*save_fl)(void) __paravirt_callee_save; };
extern struct ops pv_ops;
unsigned long g(void) { return pv_ops.save_fl() | 1; }
/* { dg-final { scan-objdump "ff (15|14 25) 00 00 00 00 \[ \\t\]*call" } } */
