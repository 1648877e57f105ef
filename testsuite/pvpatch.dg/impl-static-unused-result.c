/* A static paravirt_impl (without a clobber set) whose callers ignore its
   result must be left alone by IPA, as the docs promise (noipa).  IPA-SRA
   made impl.isra without a return value and then dropped that clone, but
   kept the call in impl's own body to pass.isra, whose return value it
   had removed too: impl read its result through an uninitialized pointer
   and crashed.  Found by testsuite/fuzz/difffuzz.py; see docs/reliability.md. */
/* { dg-do run } */
/* { dg-options "-O2" } */
static int g = 7;
__attribute__((noinline)) static int *pass(int *p, int k)
{
	g += k;
	return p;
}
__attribute__((paravirt_impl)) static int impl(int unused)
{
	int *l = &g;

	l = pass(l, 1);
	return *l;
}
int main(void)
{
	impl(0);
	return g != 8;
}
