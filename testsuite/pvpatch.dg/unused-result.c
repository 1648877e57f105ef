/* A call whose result is unused remains a site, even when the op is
   defined in the same file with a body GCC could prove const. */
/* { dg-do compile } */
/* { dg-options "-O3" } */
#include <pvpatch.h>
long op(long) __paravirt;
long op(long x) { return x + 1; }
void drop(long x) { op(x); (void)op(x + 1); }
/* { dg-final { scan-assembler-times "call\\s+op" 2 } } */
