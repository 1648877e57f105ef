/* An ms_abi implementation keeps every register it uses, even one its
   set names: %rdi is callee-saved in that ABI, and the plugin's view of
   which registers a C function may clobber is the SysV one. */
/* { dg-do compile } */
/* { dg-options "-O2" } */
__attribute__((paravirt_impl("rax,rdi"), ms_abi)) void f(void)
{
	__asm__ volatile("mov $1, %%edi" ::: "rdi");
}
/* { dg-final { scan-assembler "pushq\\s+%rdi" } } */
/* { dg-final { scan-assembler "popq\\s+%rdi" } } */
