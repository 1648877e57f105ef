/* A function compiled to preserve the vector registers (its clobber set
   excludes them) cannot compute with floating point: said at the
   computation, instead of a link error for soft-float routines, and GCC
   adds no error of its own about SSE. */
/* { dg-do compile } */
/* { dg-options "-O2 -m64" } */
long f(long) __attribute__((paravirt("callee_save")));
long f(long x)
{
	return (long)(x * 1.5); /* { dg-error "'f' computes with floating-point values, but its clobber set keeps the vector registers" } */
}
