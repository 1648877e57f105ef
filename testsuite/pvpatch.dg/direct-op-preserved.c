/* A narrow direct op defined in the caller's file is compiled to keep its
   own contract: a value the caller keeps in rdx survives the site.  The
   scan checks that GCC does keep one there (written before the site,
   read after it, untouched between), else the run would prove nothing. */
/* { dg-do run } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
long op(long) __paravirt_callee_save;
long op(long x) { long y; __asm__ volatile("mov %1, %%rcx; mov $-1, %%rdx; lea 1(%%rcx), %0" : "=a"(y) : "r"(x) : "rcx", "rdx"); return y; }
__attribute__((noinline)) long use(long a, long b, long c, long d) { return op(a) + a * b + c * d; }
int main(void) { return use(1, 2, 3, 4) != 2 + 2 + 12; }
/* { dg-final { scan-assembler "\\t\[a-z\]+\\t\[^\\n\]*, %rdx\\n(?:(?!\[^\\n\]*%rdx)\[^\\n\]*\\n)*\\tcall\\top\\n(?:(?!\[^\\n\]*%rdx)\[^\\n\]*\\n)*\\t\[a-z\]+\\t\[^\\n\]*%rdx\[^\\n\]*, %r(?!dx)" } } */
