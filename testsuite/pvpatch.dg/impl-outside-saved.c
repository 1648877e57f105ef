/* paravirt_impl("rax"): registers outside the set that the body writes
   (%rcx, the shift count, and every C-ABI call-used register a call
   may clobber) are still saved and restored. */
/* { dg-do compile } */
/* { dg-options "-O2" } */
void g(unsigned);
__attribute__((paravirt_impl("rax"))) void f(unsigned *p, unsigned a,
					     unsigned b)
{
	*p = a >> b;
	g(*p);
}
/* { dg-final { scan-assembler "shrl\\s+%cl" } } */
/* { dg-final { scan-assembler "pushq\\s+%rcx" } } */
/* { dg-final { scan-assembler "popq\\s+%rcx" } } */
/* { dg-final { scan-assembler "pushq\\s+%r11" } } */
/* { dg-final { scan-assembler "popq\\s+%r11" } } */
/* { dg-final { scan-assembler-not "pushq\\s+%rax" } } */
