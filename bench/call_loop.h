/* SPDX-License-Identifier: MIT */
/*
 * P2 and P3's callers, as a template: call_plain.c, call_site.c and
 * call_linux.c each define save_fl() and CALL_LOOPS (the name of their
 * table of callers), then include this.
 *
 * The caller of shape LIVE keeps LIVE accumulators, the counter and the
 * bound live across every call.  A call with the C ABI's clobbers leaves
 * six registers for them and the rest goes to memory; a callee-save
 * site lets all stay in registers.
 */
#include "call.h"

#define CALLER_NAME(live) caller_##live

#define CALLER(live)                                                         \
	static long CALLER_NAME(live)(long n)                                \
	{                                                                    \
		unsigned long acc[live] = { 0 }, result = 0;                 \
                                                                             \
		for (long i = 0; i < n; i++) {                               \
			unsigned long fl = save_fl();                        \
                                                                             \
			_Pragma("GCC unroll 16")                             \
			for (int k = 0; k < live; k++)                       \
				acc[k] += fl >> k;                           \
		}                                                            \
		_Pragma("GCC unroll 16")                                     \
		for (int k = 0; k < live; k++)                               \
			result ^= acc[k] + (unsigned long)k;                 \
		return (long)result;                                         \
	}

#define CALLER_ENTRY(live) CALLER_NAME(live),

CALL_SHAPES(CALLER)

const bench_loop CALL_LOOPS[CALL_NSHAPES] = { CALL_SHAPES(CALLER_ENTRY) };
