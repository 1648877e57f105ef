/* "return op(x)" stays a call followed by NOPs, never a sibling jump. */
/* { dg-do compile } */
/* { dg-options "-O2 -fno-pic" } */
#include <pvpatch.h>
long op(long) __paravirt;
struct ops { long (*f)(long) __paravirt; };
extern struct ops ops;
long direct(long x) { return op(x); }
long indirect(long x) { return ops.f(x); }
/* { dg-final { scan-assembler-times "call\\s+op" 1 } } */
/* { dg-final { scan-assembler-times "call\\s+\\*ops\\(%rip\\)" 1 } } */
/* { dg-final { scan-assembler-not "jmp\\s+(op|\\*ops)" } } */
