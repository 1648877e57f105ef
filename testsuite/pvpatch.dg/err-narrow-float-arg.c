/* A preserving function that passes a floating-point argument, even a
   constant and with the result unused, computes with floating point. */
/* { dg-do compile } */
/* { dg-options "-O2 -m64" } */
void set_rate(double);
int op(int) __attribute__((paravirt_impl("callee_save")));
int op(int x)
{
	set_rate(2); /* { dg-error "'op' computes with floating-point values" } */
	return x;
}
