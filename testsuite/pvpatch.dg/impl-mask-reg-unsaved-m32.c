/* paravirt_impl("eax"): the body may clobber %eax, so a void function
   that uses it is not made to save it (as no_caller_saved_registers
   alone would: push %eax ... pop %eax). */
/* { dg-do compile } */
/* { dg-options "-m32 -O2" } */
__attribute__((paravirt_impl("eax"))) void f(unsigned char *p)
{
	*p = 0;
}
/* The body does use %eax, else its absence from the saves proves nothing. */
/* { dg-final { scan-assembler "movb\\s+\\\$0, \\(%eax\\)" } } */
/* { dg-final { scan-assembler-not "pushl\\s+%eax" } } */
