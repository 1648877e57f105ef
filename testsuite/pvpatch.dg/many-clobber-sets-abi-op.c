/* Seven distinct clobber sets: one more than GCC has free call ABIs, so
   the last set to be met ("abi" here) is given the smallest allocated
   superset, "eax,ecx,edx,ebx,vec,x87".  That is safe for callers, but the
   op defined here was then compiled as if it could clobber %ebx itself,
   and the contract check rejected this valid unit with "'op' clobbers
   'ebx'".  Found by testsuite/fuzz/difffuzz.py; see docs/reliability.md. */
/* { dg-do compile } */
/* { dg-options "-O2 -m32" } */
/* { dg-prune-output "more distinct clobber sets" } */
static signed char s1(signed char, unsigned) __attribute__((paravirt("eax,edx,ebx")));
static signed char s2(signed char, int) __attribute__((paravirt("eax,ecx,edx,st3")));
static short s3(short, short) __attribute__((paravirt("callee_save")));
static short s4(short, short) __attribute__((paravirt("eax,ecx,edx,ebx,xmm7,mm0")));
static short s5(short, int) __attribute__((paravirt));
static int s6(void) __attribute__((paravirt("eax,ecx,edx"), paravirt_impl("eax,ecx,edx")));
static unsigned short s7(unsigned short, int) __attribute__((paravirt("eax,edx"), paravirt_impl("eax,edx")));
static signed char s1(signed char a, unsigned b) { return a + b; }
static signed char s2(signed char a, int b) { return a - b; }
static short s3(short a, short b) { return a * b; }
static short s4(short a, short b) { return a ^ b; }
static short s5(short a, int b) { return a | b; }
int op(void) __attribute__((paravirt));
int op(void) /* { dg-bogus "clobbers" } */
{
	return s5(0, 1);
}
