/* An op defined in the caller's file is neither inlined, cloned by IPA-CP
   nor specialised: every call stays a site calling the op itself. */
/* { dg-do run } */
/* { dg-options "-O3" } */
#include <pvpatch.h>
long op(long, long) __paravirt;
long op(long x, long k) { return x * k; }
__attribute__((noinline)) long a(long x) { return op(x, 3); }
__attribute__((noinline)) long b(long x) { return op(x, 3) + op(7, 3); }
int main(void) { return a(2) + b(1) != 6 + 3 + 21; }
/* { dg-final { scan-objdump-times "call\\s+\[0-9a-f\]+ <op>" 3 } } */
/* { dg-final { scan-objdump-not "<op\\.(constprop|isra|part)" } } */
