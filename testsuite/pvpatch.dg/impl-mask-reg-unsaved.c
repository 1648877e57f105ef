/* paravirt_impl("rax"): the body may clobber %rax, so a void function
   that computes in it is not made to save it. */
/* { dg-do compile } */
/* { dg-options "-O2" } */
__attribute__((paravirt_impl("rax"))) void f(unsigned *p, unsigned a)
{
	p[0] = a * 3;
	p[1] = a * 5;
}
/* The body does use %eax, else its absence from the saves proves nothing. */
/* { dg-final { scan-assembler "lea\[lq\]\\s+\[^\\n\]*, %eax" } } */
/* { dg-final { scan-assembler-not "pushq\\s+%rax" } } */
