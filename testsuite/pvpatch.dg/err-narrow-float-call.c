/* A preserving function that calls for a floating-point value gets the
   plugin's error at the call, before GCC's own "SSE register return with
   SSE disabled" (its gimplifier's, which does not say why), and not that
   one too.  Found by difffuzz on csmith --float programs (seed 503). */
/* { dg-do compile } */
/* { dg-options "-O2 -m64" } */
float half(float);
int op(int) __attribute__((paravirt("callee_save")));
int op(int x)
{
	return half(x) > 1; /* { dg-error "'op' computes with floating-point values" } */
}
/* { dg-bogus "SSE" "" { target *-*-* } 0 } */
