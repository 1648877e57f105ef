/* An implementation that clobbers more than it was declared to is an
   error (here GCC cannot preserve for it: vector state is allowed). */
/* { dg-do compile } */
/* { dg-options "-O2" } */
__attribute__((paravirt_impl("xmm0"))) double f(double x) /* { dg-error "'f' clobbers 'rcx', outside the clobber set it was declared with \\('vec'\\)" } */
{
	__asm__ volatile("xor %%ecx, %%ecx" ::: "rcx");
	return x * 2;
}
