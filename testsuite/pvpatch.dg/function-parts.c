/* A function split into hot and cold parts gets one entry section per
   part (the two are placed, and kept or dropped, apart), and each part's
   first site keeps its part's entries (bug 12). */
/* { dg-do assemble } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
void op(void) __paravirt_callee_save;
void report(int) __attribute__((cold));
extern int g[16];
int f(int n)
{
	int s = 0;

	for (int i = 0; i < n; i++) {
		s += g[i & 15];
		op();
		if (__builtin_expect(s < 0, 0)) {	/* the cold part */
			report(s);
			op();
			op();
			s = g[(i * 5) & 15];
		}
	}
	return s;
}
/* { dg-final { scan-objdump "<f\\.cold>:" } } */
/* { dg-final { scan-readelf "-SW" "pvpatch_sites +PROGBITS +\[0-9a-f\]+ \[0-9a-f\]+ 000008 " } } */
/* { dg-final { scan-readelf "-SW" "pvpatch_sites +PROGBITS +\[0-9a-f\]+ \[0-9a-f\]+ 000010 " } } */
/* { dg-final { scan-objdump-times "R_X86_64_NONE\\s+pvpatch_sites" 2 } } */
