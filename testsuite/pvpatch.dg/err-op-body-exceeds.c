/* A direct op whose own body clobbers more than its class allows is an
   error at its definition. */
/* { dg-do compile } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
double half(double) __paravirt_callee_save;
double half(double x) /* { dg-error "'half' clobbers 'r8', outside the clobber set of its paravirt op \\('vec'\\)" } */
{
	__asm__ volatile("xor %%r8d, %%r8d" ::: "r8");
	return x / 2;
}
