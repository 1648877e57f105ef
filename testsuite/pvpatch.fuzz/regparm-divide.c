/* The fuzzer's -mregparm=3 configurations must give their programs
   64-bit division helpers of that calling convention.  Under
   -mregparm=3 GCC passes the arguments of its library calls (__moddi3,
   __udivdi3, ...) in registers too, and the system's libgcc, built for
   cdecl, read a garbage divisor from the stack: wrong checksums where an
   op kept GCC from folding a division the reference build folded (difffuzz
   seed 226, reported as a pvpatch mismatch).  Reduced from that seed: the
   op is not inlined, so its divisions run.  */
/* { dg-fuzz-config "-m32 -O3 -mregparm=3" } */

#include <stdint.h>
#include <stdio.h>

static uint64_t seed = 0x8F3A1C2B5D7E9F01ull;

static int64_t divide(int64_t a, int64_t b) __attribute__((paravirt("abi")));

static int64_t divide(int64_t a, int64_t b)
{
	return b == 0 ? a : a / b + a % b;
}

static uint64_t udivide(uint64_t a, uint64_t b) __attribute__((paravirt("abi")));

static uint64_t udivide(uint64_t a, uint64_t b)
{
	return b == 0 ? a : a / b + a % b;
}

int main(void)
{
	uint64_t checksum = 0;

	for (int i = 0; i < 64; i++) {
		seed = seed * 6364136223846793005ull + 1442695040888963407ull;
		checksum = checksum * 31 + (uint64_t)divide((int64_t)seed, (int64_t)(seed >> (i % 61)) - 7);
		checksum = checksum * 31 + udivide(seed, seed >> (i % 64));
	}
	printf("checksum = %llX\n", (unsigned long long)checksum);
	return 0;
}
