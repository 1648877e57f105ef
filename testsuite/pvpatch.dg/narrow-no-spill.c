/* At -O2 values stay in caller-saved registers across a callee-save site:
   no callee-saved register is used and nothing is spilled. */
/* { dg-do compile } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
unsigned long save_fl(void) __paravirt_callee_save;
long g(long a, long b, long c, long d) { return (a * b) + (c * d) + (long)save_fl(); }
/* { dg-final { scan-assembler-not "\\tpush" } } */
/* { dg-final { scan-assembler-not "%rbx|%rbp|%r12|%r13|%r14|%r15" } } */
/* { dg-final { scan-assembler "imulq\\s+%rsi, %rdi" } } */
