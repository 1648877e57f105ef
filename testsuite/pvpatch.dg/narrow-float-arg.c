/* A narrow op or implementation that takes floating-point arguments is
   not compiled general-registers-only (GCC would then look for the
   argument on the stack instead of in %xmm0); its body is still checked
   against its clobber set after register allocation.  Found by
   testsuite/fuzz/difffuzz.py; see docs/reliability.md. */
/* { dg-do run } */
/* { dg-options "-O2 -m64" } */
float g;
void store(float) __attribute__((paravirt("callee_save")));
void store(float x) { g = x; }
__attribute__((paravirt_impl("rax"))) int to_int(float x) { return (int)x; }
int main(void)
{
	store(1.5f);
	return g != 1.5f || to_int(2.5f) != 2;
}
