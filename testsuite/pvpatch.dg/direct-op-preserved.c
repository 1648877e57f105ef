/* A narrow direct op defined in the caller's file is compiled to keep its
   own contract: values the caller keeps in rcx survive the site. */
/* { dg-do run } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
long op(long) __paravirt_callee_save;
long op(long x) { long y; __asm__ volatile("mov %1, %%rcx; mov $-1, %%rdx; lea 1(%%rcx), %0" : "=a"(y) : "r"(x) : "rcx", "rdx"); return y; }
__attribute__((noinline)) long use(long a, long b, long c, long d) { return op(a) + a * b + c * d; }
int main(void) { return use(1, 2, 3, 4) != 2 + 2 + 12; }
