/* paravirt_impl("eax"): a register outside the set that the body
   writes (%ecx, the shift count) is still saved and restored. */
/* { dg-do compile } */
/* { dg-options "-m32 -O2" } */
__attribute__((paravirt_impl("eax"))) void f(unsigned *p, unsigned a,
					     unsigned b)
{
	*p = a >> b;
}
/* { dg-final { scan-assembler "shrl\\s+%cl" } } */
/* { dg-final { scan-assembler "pushl\\s+%ecx" } } */
/* { dg-final { scan-assembler "popl\\s+%ecx" } } */
/* { dg-final { scan-assembler-not "pushl\\s+%eax" } } */
