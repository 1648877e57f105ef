/* A function compiled to preserve a narrow set (a direct op with a class
   that excludes the vector state, here "callee_save", or a paravirt_impl
   of such a set) is compiled in general-registers-only code.  One that
   takes or computes floating-point values cannot be: GCC then read the
   float argument from the stack instead of %xmm0 (silently wrong) and
   turned float arithmetic into libgcc soft-float calls that do not exist
   on x86 (a link error).  The plugin must say so at the definition.
   Found by tools/fuzz/difffuzz.py; see docs/reliability.md. */
/* { dg-do compile } */
/* { dg-options "-O2 -m64" } */
float g;
void store(float) __attribute__((paravirt("callee_save")));
void store(float x) /* { dg-error "'store'" } */
{
	g = x;
}
__attribute__((paravirt_impl("rax"))) int to_int(float x) /* { dg-error "'to_int'" } */
{
	return (int)x;
}
