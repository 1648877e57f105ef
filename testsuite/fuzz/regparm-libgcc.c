/* SPDX-License-Identifier: MIT */
/*
 * libgcc's 64-bit division helpers for the differential fuzzer's i386
 * -mregparm=3 configurations, compiled with -mregparm=3 and linked into
 * each such program (difffuzz.py, toolchain.py).
 *
 * Under -mregparm=3 GCC passes the arguments of its library calls in
 * %eax, %edx and %ecx as well: "you must build all modules with the same
 * value, including any libraries" (GCC's manual).  The system's libgcc is
 * built for cdecl, so a csmith program calling __moddi3 at run time got a
 * garbage divisor: wrong checksums or SIGFPE, seen first as a "mismatch"
 * of seed 226 wherever the plugin's ops kept GCC from folding a division
 * that the reference build folded at compile time.  Linux, built with
 * -mregparm=3, likewise does not link the system's libgcc.
 *
 * Shifts and subtractions only: a division here would be a call of the
 * function being defined.  Hidden, so that a shared object's copy serves
 * that object only.
 */
#include <stdint.h>

#define HELPER __attribute__((visibility("hidden"), used))

static uint64_t udivmod(uint64_t n, uint64_t d, uint64_t *rem)
{
	uint64_t q = 0, r = 0;

	/* A divisor of 0 traps as the hardware division does. */
	if (d == 0) {
		volatile unsigned zero = 0;
		*rem = 1u / zero;
		return 0;
	}
	for (int bit = 63; bit >= 0; bit--) {
		r = (r << 1) | ((n >> bit) & 1);
		if (r >= d) {
			r -= d;
			q |= (uint64_t)1 << bit;
		}
	}
	*rem = r;
	return q;
}

HELPER uint64_t __udivmoddi4(uint64_t n, uint64_t d, uint64_t *rp)
{
	uint64_t r, q = udivmod(n, d, &r);

	if (rp)
		*rp = r;
	return q;
}

HELPER uint64_t __udivdi3(uint64_t n, uint64_t d)
{
	uint64_t r;

	return udivmod(n, d, &r);
}

HELPER uint64_t __umoddi3(uint64_t n, uint64_t d)
{
	uint64_t r;

	udivmod(n, d, &r);
	return r;
}

/* C's signed division: the quotient truncated toward zero, the remainder
   of the dividend's sign. */
HELPER int64_t __divmoddi4(int64_t a, int64_t b, int64_t *rp)
{
	uint64_t ua = a < 0 ? -(uint64_t)a : (uint64_t)a;
	uint64_t ub = b < 0 ? -(uint64_t)b : (uint64_t)b;
	uint64_t r, q = udivmod(ua, ub, &r);

	if (rp)
		*rp = a < 0 ? (int64_t)-r : (int64_t)r;
	return (a < 0) != (b < 0) ? (int64_t)-q : (int64_t)q;
}

HELPER int64_t __divdi3(int64_t a, int64_t b)
{
	return __divmoddi4(a, b, 0);
}

HELPER int64_t __moddi3(int64_t a, int64_t b)
{
	int64_t r;

	__divmoddi4(a, b, &r);
	return r;
}
