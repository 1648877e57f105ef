/* A register-list op clobbers exactly its list: values stay in the
   caller-saved registers the list leaves out (here everything but rax
   and rdx). */
/* { dg-do compile } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
long hv(long) __paravirt_clobbers("rax,rdx");
long g(long a, long b, long c, long d) { return hv(a) + a * b + c * d; }
/* { dg-final { scan-assembler-not "\\tpush" } } */
/* { dg-final { scan-assembler-not "%rbx|%rbp|%r12|%r13|%r14|%r15" } } */
