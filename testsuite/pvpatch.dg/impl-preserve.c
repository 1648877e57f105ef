/* paravirt_impl("callee_save") compiles the function to preserve every
   register it uses besides the return register. */
/* { dg-do compile } */
/* { dg-options "-O2" } */
__attribute__((paravirt_impl("callee_save"))) long f(long x)
{
	long y;
	__asm__("mov %1, %%rcx; lea 1(%%rcx), %0" : "=a"(y) : "r"(x) : "rcx");
	return y;
}
/* { dg-final { scan-assembler "pushq\\s+%rcx" } } */
/* { dg-final { scan-assembler "popq\\s+%rcx" } } */
