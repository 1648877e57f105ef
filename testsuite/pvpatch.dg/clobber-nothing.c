/* An op that clobbers nothing (a void callee-save op) keeps every
   register live across its site: no callee-saved register, no spill.
   Regression: it once fell back to the C-ABI set. */
/* { dg-do compile } */
/* { dg-options "-O2 -fno-pic" } */
#include <pvpatch.h>
struct ops { unsigned long (*s)(void) __paravirt_callee_save; void (*d)(void) __paravirt_callee_save; };
extern struct ops o; extern unsigned long x;
void f(void) { unsigned long fl = o.s(); o.d(); o.d(); x = fl; }
/* { dg-final { scan-assembler-not "\\tpush" } } */
/* { dg-final { scan-assembler-not "%rbx|%rbp|%r1\[2-5\]" } } */
