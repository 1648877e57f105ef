/* SPDX-License-Identifier: MIT */
/*
 * The decoder's side of insn-oracle.py: linked with the forms it
 * generates (forms.s, assembled by GAS) and the runtime library, it prints
 *
 *   D index length status writes stack pushes
 *       for every form: what pvpatch_insn_decode and pvpatch_insn_effect
 *       make of the form's bytes, given everything up to the last form
 *       (so a length running past the form shows);
 *   C index changed sp-delta      (with "cpu")
 *       for every form that can run in user mode: the registers the CPU
 *       changed running it from poisoned values, and how it moved the
 *       stack pointer;
 *   R index                       before running a form (a form that
 *                                 faults is the last one named)
 *   S index                       a form skipped: the CPU lacks it.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "insn.h"

/* From forms.s. */
extern const unsigned char oracle_code[];
extern const uint32_t oracle_bounds[];	/* offsets: count + 1 of them */
extern const uint32_t oracle_count;
struct oracle_run {
	uint32_t index;		/* the form */
	uint32_t needs;		/* NEEDS_* */
	uint32_t init_reg;	/* a register the form needs a value in, or 16 */
	uint32_t init_value;
	void (*run)(uintptr_t *regs);
};
extern const struct oracle_run oracle_runs[];
extern const uint32_t oracle_nruns;

enum { NEEDS_RDTSCP = 1, NEEDS_OSXSAVE = 2, NEEDS_LAHF64 = 4 };

/* Where memory operands and string instructions point. */
static unsigned char scratch[4096];

static void cpuid(uint32_t leaf, uint32_t r[4])
{
	__asm__ volatile("cpuid" : "=a"(r[0]), "=b"(r[1]), "=c"(r[2]), "=d"(r[3])
			 : "a"(leaf), "c"(0));
}

static uint32_t cpu_has(void)
{
	uint32_t r[4], has = 0;

	cpuid(1, r);
	if (r[2] & (1u << 27))
		has |= NEEDS_OSXSAVE;
	cpuid(0x80000000u, r);
	if (r[0] >= 0x80000001u) {
		cpuid(0x80000001u, r);
		if (r[3] & (1u << 27))
			has |= NEEDS_RDTSCP;
		if (r[2] & 1u)
			has |= NEEDS_LAHF64;
	}
	return has;
}

static void decode_all(void)
{
	size_t end = oracle_bounds[oracle_count];

	for (uint32_t i = 0; i < oracle_count; i++) {
		struct insn in;
		struct insn_effect e;
		size_t at = oracle_bounds[i];

		if (pvpatch_insn_decode(&in, oracle_code + at, end - at)) {
			printf("D %u -1 - 0 0 0\n", i);
			continue;
		}
		int known = pvpatch_insn_effect(&in, &e) == INSN_EFFECT_KNOWN;
		printf("D %u %u %s %#x %d %d\n", i, in.len, known ? "known" : "unknown",
		       known ? e.writes : 0, known ? e.stack : 0, known ? e.pushes : -1);
	}
}

/* Distinct values, except the count (small, for rep and shifts), rdx (1,
   so that div by a pointer cannot overflow) and the pointers. */
static void poison(uintptr_t *regs)
{
	for (unsigned r = 0; r < 16; r++)
		regs[r] = (uintptr_t)0x5a5a5a5a5a5a5a00ull ^
			  (uintptr_t)((r + 1) * 0x0101010101010101ull);
	regs[PVPATCH_REG_CX] = 3;
	regs[PVPATCH_REG_DX] = 1;
	regs[PVPATCH_REG_BX] = (uintptr_t)(scratch + 512);
	regs[PVPATCH_REG_SI] = (uintptr_t)(scratch + 1024);
	regs[PVPATCH_REG_DI] = (uintptr_t)(scratch + 2048);
	regs[PVPATCH_REG_SP] = 0;
}

/* Set by the run functions of forms.s. */
uintptr_t oracle_saved_sp;

static void run_all(void)
{
	uint32_t has = cpu_has();

	for (uint32_t k = 0; k < oracle_nruns; k++) {
		const struct oracle_run *r = &oracle_runs[k];
		uintptr_t before[16], after[16];
		uint32_t changed = 0;

		if (r->needs & ~has) {
			printf("S %u\n", r->index);
			continue;
		}
		printf("R %u\n", r->index);
		fflush(stdout);
		poison(before);
		if (r->init_reg < 16)
			before[r->init_reg] = r->init_value;
		memcpy(after, before, sizeof(after));
		r->run(after);
		for (unsigned i = 0; i < (INSN_64 ? 16u : 8u); i++)
			if (i != PVPATCH_REG_SP && after[i] != before[i])
				changed |= 1u << i;
		printf("C %u %#x %ld\n", r->index, changed,
		       (long)(after[PVPATCH_REG_SP] - oracle_saved_sp));
	}
}

int main(int argc, char **argv)
{
	decode_all();
	if (argc > 1 && !strcmp(argv[1], "cpu"))
		run_all();
	return 0;
}
