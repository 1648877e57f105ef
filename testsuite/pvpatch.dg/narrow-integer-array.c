/* A narrow op whose body only handles integers is not "computing with
   floating point" because GCC initializes or copies an array in vector
   registers: general-registers-only code does it in general registers.
   The float check rejected this valid op at -O2 and -O3.  Found by
   testsuite/fuzz/difffuzz.py; see docs/reliability.md. */
/* { dg-do run } */
/* { dg-options "-O3" } */
int g[9];
void add_pattern(void) __attribute__((paravirt("callee_save")));
void add_pattern(void)
{
	int l[9] = { 1, 0, 1, 0, 1, 0, 1, 0, 1 };

	for (int i = 0; i < 9; i++)
		g[i] += l[i];
}
int main(void)
{
	add_pattern();
	add_pattern();
	return g[0] != 2 || g[1] != 0 || g[8] != 2;
}
