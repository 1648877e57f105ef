/* Control for narrow-no-spill.c: with the C-ABI clobber set the same
   caller must keep its values in callee-saved registers. */
/* { dg-do compile } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
unsigned long save_fl(void) __paravirt;
long g(long a, long b, long c, long d) { return (a * b) + (c * d) + (long)save_fl(); }
/* { dg-final { scan-assembler "\\tpush" } } */
