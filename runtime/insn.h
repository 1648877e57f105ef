/* SPDX-License-Identifier: MIT */
/*
 * A small x86 instruction decoder for the runtime (freestanding): lengths
 * of all general-purpose, x87, SSE, VEX and EVEX encodings; and, for a
 * list of instruction families, which registers an instruction writes.  It decodes for the
 * width the runtime is built for (x86-64 or i386), or for the width a
 * caller names (pvpatch_insn_decode_width).
 */
#ifndef PVPATCH_INSN_H
#define PVPATCH_INSN_H

#include <stddef.h>
#include <stdint.h>

#include "pvpatch_site.h"

/* Internal to the runtime: not exported from a shared object. */
#pragma GCC visibility push(hidden)

#if defined(__x86_64__)
#define INSN_64 1
#else
#define INSN_64 0
#endif

#define INSN_MAX_LEN 15
#define INSN_NO_REG 0xff

enum insn_map { MAP_ONE, MAP_0F, MAP_0F38, MAP_0F3A };

struct insn {
	uint8_t len;
	uint8_t map;		/* enum insn_map */
	uint8_t opcode;
	uint8_t has_modrm;
	uint8_t modrm;
	uint8_t mem;		/* ModRM names memory */
	uint8_t rip_relative;
	uint8_t base;		/* base register of the memory operand, or INSN_NO_REG */
	uint8_t rex;		/* the REX byte, 0 if none */
	uint8_t vex;		/* VEX or EVEX encoded */
	uint8_t opsize;		/* 66 prefix */
	uint8_t addrsize;	/* 67 prefix */
	uint8_t segment;	/* segment-override prefix byte, 0 if none */
	uint8_t rep;		/* f2 or f3 prefix byte, 0 if none */
	uint8_t lock;
	uint8_t prefixes;	/* number of legacy prefix bytes */
	uint8_t is64;		/* decoded as x86-64 (else i386) */
};

static inline unsigned insn_reg_field(const struct insn *in)
{
	return (in->modrm >> 3) & 7;
}

/* Decode one instruction from at most avail bytes, for the width the
   runtime is built for; 0 on success, -1 if the bytes are not one the
   decoder knows. */
int pvpatch_insn_decode(struct insn *in, const unsigned char *code,
			size_t avail);

/* The same for x86-64 code (is64) or i386 code, whatever the runtime is
   built for: what a tool reading objects of either width needs.  Every
   other function here answers for the width the instruction was decoded
   for. */
int pvpatch_insn_decode_width(struct insn *in, const unsigned char *code,
			      size_t avail, int is64);

/* Any near call: e8 rel32 (optionally prefixed) or ff /2 in any form. */
int pvpatch_insn_is_call(const struct insn *in);

/* One of the NOP forms assemblers pad with: 90, 66 90, and 0f 1f /0 with
   only 66 and 2e prefixes. */
int pvpatch_insn_is_nop(const struct insn *in);

/* Transfers control (branch, call, return, interrupt, system call
   return...), so cannot run anywhere but where it was assembled. */
int pvpatch_insn_transfers_control(const struct insn *in);

/* A prefix byte that changes nothing in front of this instruction, so
   that it can be padded to a given length; 0 if there is none.  It is an
   override naming the segment the instruction uses anyway: CS (ignored)
   without a memory operand or in 64-bit mode, else SS for a stack-based
   operand and DS for any other. */
unsigned char pvpatch_insn_neutral_prefix(const struct insn *in);

/* What an instruction does to registers. */
struct insn_effect {
	uint32_t writes;	/* PVPATCH_REG_BIT() set, flags excluded */
	int stack;		/* bytes pushed (> 0) or popped (< 0) */
	int pushes;		/* the register a push saves, or -1 */
};

/* Every register, the stack pointer included. */
#define INSN_WRITES_ALL (PVPATCH_REG_BIT(PVPATCH_REG_COUNT) - 1)

enum insn_effect_status {
	INSN_EFFECT_KNOWN = 0,
	INSN_EFFECT_UNKNOWN = -1,
};

/* The effect of an instruction the decoder knows every register write of
   (the families docs/runtime.md lists): INSN_EFFECT_KNOWN.  For any
   other instruction INSN_EFFECT_UNKNOWN, and the effect is the worst
   case, INSN_WRITES_ALL, so that even a caller that looked only at the
   effect would count it as clobbering everything, stack pointer included. */
__attribute__((__warn_unused_result__)) enum insn_effect_status
pvpatch_insn_effect(const struct insn *in, struct insn_effect *effect);

#pragma GCC visibility pop

#endif /* PVPATCH_INSN_H */
