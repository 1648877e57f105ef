/* SPDX-License-Identifier: MIT */
/*
 * x86 instruction decoder (see insn.h).  Lengths come from per-map
 * attribute tables laid out like the opcode maps of the Intel SDM,
 * volume 2, appendix A; register effects from a whitelist.
 */
#include "insn.h"

#include "pvpatch_site.h"

enum {
	A_MODRM = 1 << 0,
	A_IMM_SHIFT = 1,
	A_IMM_MASK = 7 << A_IMM_SHIFT,
	A_PREFIX = 1 << 4,
	A_BAD = 1 << 5,		/* undefined, or an escape decoded elsewhere */
	A_NO64 = 1 << 6,	/* undefined in 64-bit mode */
};

/* Immediate kinds, stored in A_IMM_MASK. */
enum { IMM_NONE, IMM_B, IMM_W, IMM_Z, IMM_V, IMM_FAR, IMM_MOFFS, IMM_ENTER };

#define _ 0
#define M A_MODRM
#define B (IMM_B << A_IMM_SHIFT)
#define W (IMM_W << A_IMM_SHIFT)
#define Z (IMM_Z << A_IMM_SHIFT)
#define V (IMM_V << A_IMM_SHIFT)
#define F (IMM_FAR << A_IMM_SHIFT)
#define O (IMM_MOFFS << A_IMM_SHIFT)
#define E (IMM_ENTER << A_IMM_SHIFT)
#define MB (M | B)
#define MZ (M | Z)
#define P A_PREFIX
#define X A_BAD
#define N A_NO64

/* One-byte map.  40-4f are REX in 64-bit mode (decoded as prefixes);
   62, c4 and c5 start EVEX/VEX where the mode and next byte say so. */
static const uint8_t map_one[256] = {
/*        0     1     2     3     4     5     6     7     8     9     a     b     c     d     e     f */
/* 0 */   M,    M,    M,    M,    B,    Z,    N,    N,    M,    M,    M,    M,    B,    Z,    N,    X,
/* 1 */   M,    M,    M,    M,    B,    Z,    N,    N,    M,    M,    M,    M,    B,    Z,    N,    N,
/* 2 */   M,    M,    M,    M,    B,    Z,    P,    N,    M,    M,    M,    M,    B,    Z,    P,    N,
/* 3 */   M,    M,    M,    M,    B,    Z,    P,    N,    M,    M,    M,    M,    B,    Z,    P,    N,
/* 4 */   _,    _,    _,    _,    _,    _,    _,    _,    _,    _,    _,    _,    _,    _,    _,    _,
/* 5 */   _,    _,    _,    _,    _,    _,    _,    _,    _,    _,    _,    _,    _,    _,    _,    _,
/* 6 */   N,    N,    M,    M,    P,    P,    P,    P,    Z,    MZ,   B,    MB,   _,    _,    _,    _,
/* 7 */   B,    B,    B,    B,    B,    B,    B,    B,    B,    B,    B,    B,    B,    B,    B,    B,
/* 8 */   MB,   MZ, MB|N,   MB,   M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,
/* 9 */   _,    _,    _,    _,    _,    _,    _,    _,    _,    _,  F|N,    _,    _,    _,    _,    _,
/* a */   O,    O,    O,    O,    _,    _,    _,    _,    B,    Z,    _,    _,    _,    _,    _,    _,
/* b */   B,    B,    B,    B,    B,    B,    B,    B,    V,    V,    V,    V,    V,    V,    V,    V,
/* c */   MB,   MB,   W,    _,    M,    M,    MB,   MZ,   E,    _,    W,    _,    _,    B,    N,    _,
/* d */   M,    M,    M,    M,  B|N,  B|N,    N,    _,    M,    M,    M,    M,    M,    M,    M,    M,
/* e */   B,    B,    B,    B,    B,    B,    B,    B,    Z,    Z,  F|N,    B,    _,    _,    _,    _,
/* f */   P,    _,    P,    P,    _,    _,    M,    M,    _,    _,    _,    _,    _,    _,    M,    M,
};

/* Two-byte map (0f xx); 0f 38 and 0f 3a escape to the three-byte maps. */
static const uint8_t map_0f[256] = {
/*        0     1     2     3     4     5     6     7     8     9     a     b     c     d     e     f */
/* 0 */   M,    M,    M,    M,    X,    _,    _,    _,    _,    _,    X,    _,    X,    M,    _,    MB,
/* 1 */   M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,
/* 2 */   M,    M,    M,    M,    X,    X,    X,    X,    M,    M,    M,    M,    M,    M,    M,    M,
/* 3 */   _,    _,    _,    _,    _,    _,    X,    _,    X,    X,    X,    X,    X,    X,    X,    X,
/* 4 */   M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,
/* 5 */   M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,
/* 6 */   M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,
/* 7 */   MB,   MB,   MB,   MB,   M,    M,    M,    _,    M,    M,    X,    X,    M,    M,    M,    M,
/* 8 */   Z,    Z,    Z,    Z,    Z,    Z,    Z,    Z,    Z,    Z,    Z,    Z,    Z,    Z,    Z,    Z,
/* 9 */   M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,
/* a */   _,    _,    _,    M,    MB,   M,    X,    X,    _,    _,    _,    M,    MB,   M,    M,    M,
/* b */   M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    MB,   M,    M,    M,    M,    M,
/* c */   M,    M,    MB,   M,    MB,   MB,   MB,   M,    _,    _,    _,    _,    _,    _,    _,    _,
/* d */   M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,
/* e */   M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,
/* f */   M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,    M,
};

#undef _
#undef M
#undef B
#undef W
#undef Z
#undef V
#undef F
#undef O
#undef E
#undef MB
#undef MZ
#undef P
#undef X
#undef N

/* Reads bytes without running past the caller's buffer. */
struct cursor {
	const unsigned char *code;
	size_t avail, pos;
};

static int next_byte(struct cursor *c, unsigned char *b)
{
	if (c->pos >= c->avail || c->pos >= INSN_MAX_LEN)
		return -1;
	*b = c->code[c->pos++];
	return 0;
}

static int skip_bytes(struct cursor *c, size_t n)
{
	if (n > c->avail - c->pos || c->pos + n > INSN_MAX_LEN)
		return -1;
	c->pos += n;
	return 0;
}

static int peek_byte(const struct cursor *c, unsigned char *b)
{
	if (c->pos >= c->avail)
		return -1;
	*b = c->code[c->pos];
	return 0;
}

static int is_legacy_prefix(unsigned char b)
{
	return map_one[b] & A_PREFIX;
}

static void note_prefix(struct insn *in, unsigned char b)
{
	in->prefixes++;
	if (b == 0x66)
		in->opsize = 1;
	else if (b == 0x67)
		in->addrsize = 1;
	else if (b == 0xf0)
		in->lock = 1;
	else if (b == 0xf2 || b == 0xf3)
		in->rep = b;
	else
		in->segment = b;
}

/* Legacy prefixes, then (64-bit) at most one REX right before the
   opcode; leaves the cursor on the first opcode byte. */
static int decode_prefixes(struct insn *in, struct cursor *c)
{
	unsigned char b;

	for (;;) {
		if (peek_byte(c, &b))
			return -1;
		if (!is_legacy_prefix(b))
			break;
		note_prefix(in, b);
		c->pos++;
	}
	if (INSN_64 && (b & 0xf0) == 0x40) {
		in->rex = b;
		c->pos++;
		if (peek_byte(c, &b) || is_legacy_prefix(b))
			return -1;	/* a REX the CPU would ignore */
	}
	return 0;
}

/* Whether the 62/c4/c5 just read starts EVEX/VEX rather than being
   BOUND/LES/LDS: always in 64-bit mode, else only if the next byte would
   be a register-form ModRM (which those three do not take). */
static int starts_vex(const struct cursor *c)
{
	unsigned char next;

	if (INSN_64)
		return 1;
	return !peek_byte(c, &next) && (next & 0xc0) == 0xc0;
}

/* VEX (c4, c5) or EVEX (62) prefix: sets the map and leaves the cursor on
   the opcode. */
static int decode_vex(struct insn *in, struct cursor *c, unsigned char escape)
{
	unsigned char p0;

	if (in->rex || in->opsize || in->rep || in->lock)
		return -1;	/* #UD before VEX */
	in->vex = 1;
	if (next_byte(c, &p0))
		return -1;
	if (escape == 0xc5) {
		in->map = MAP_0F;
		return 0;
	}
	in->map = p0 & (escape == 0x62 ? 0x07 : 0x1f);
	if (in->map < MAP_0F || in->map > MAP_0F3A)
		return -1;
	return skip_bytes(c, escape == 0x62 ? 2 : 1);
}

/* The opcode byte(s); returns the attributes of the opcode. */
static int decode_opcode(struct insn *in, struct cursor *c, unsigned *attr)
{
	unsigned char b;

	if (next_byte(c, &b))
		return -1;
	if (INSN_64 && (b & 0xf0) == 0x40)
		return -1;	/* a second REX */
	if ((b == 0x62 || b == 0xc4 || b == 0xc5) && starts_vex(c)) {
		if (decode_vex(in, c, b) || next_byte(c, &b))
			return -1;
	} else if (b == 0x0f) {
		in->map = MAP_0F;
		if (next_byte(c, &b))
			return -1;
		if (b == 0x38 || b == 0x3a) {
			in->map = b == 0x38 ? MAP_0F38 : MAP_0F3A;
			if (next_byte(c, &b))
				return -1;
		}
	}
	in->opcode = b;
	switch (in->map) {
	case MAP_ONE:
		*attr = map_one[b];
		break;
	case MAP_0F:
		*attr = map_0f[b];
		break;
	case MAP_0F38:
		*attr = A_MODRM;
		break;
	default:
		*attr = A_MODRM | (IMM_B << A_IMM_SHIFT);
		break;
	}
	if ((*attr & A_BAD) || (INSN_64 && (*attr & A_NO64)))
		return -1;
	return 0;
}

/* ModRM with 16-bit addressing (i386 with a 67 prefix). */
static int decode_modrm16(struct insn *in, struct cursor *c)
{
	unsigned mod = in->modrm >> 6, rm = in->modrm & 7;

	if (mod == 0 && rm == 6)
		return skip_bytes(c, 2);
	return skip_bytes(c, mod == 1 ? 1 : mod == 2 ? 2 : 0);
}

/* ModRM, SIB and displacement with 32/64-bit addressing. */
static int decode_modrm32(struct insn *in, struct cursor *c)
{
	unsigned mod = in->modrm >> 6, rm = in->modrm & 7;
	unsigned rex_b = (in->rex & 1) << 3;
	unsigned char sib;

	in->base = rm | rex_b;
	if (rm == 4) {
		if (next_byte(c, &sib))
			return -1;
		in->base = (sib & 7) | rex_b;
		if (mod == 0 && (sib & 7) == 5) {
			in->base = INSN_NO_REG;
			return skip_bytes(c, 4);
		}
	} else if (mod == 0 && rm == 5) {
		in->base = INSN_NO_REG;
		in->rip_relative = INSN_64;
		return skip_bytes(c, 4);
	}
	return skip_bytes(c, mod == 1 ? 1 : mod == 2 ? 4 : 0);
}

static int decode_modrm(struct insn *in, struct cursor *c)
{
	in->has_modrm = 1;
	if (next_byte(c, &in->modrm))
		return -1;
	if ((in->modrm >> 6) == 3)
		return 0;
	in->mem = 1;
	if (!INSN_64 && in->addrsize)
		return decode_modrm16(in, c);
	return decode_modrm32(in, c);
}

static int is_near_branch_rel(const struct insn *in)
{
	return (in->map == MAP_ONE && (in->opcode == 0xe8 || in->opcode == 0xe9)) ||
	       (in->map == MAP_0F && (in->opcode & 0xf0) == 0x80);
}

static size_t immediate_size(const struct insn *in, unsigned kind)
{
	size_t z = in->opsize ? 2 : 4;

	switch (kind) {
	case IMM_B:
		return 1;
	case IMM_W:
		return 2;
	case IMM_Z:
		/* 64-bit mode near branches take rel32 whatever 66 says. */
		return INSN_64 && is_near_branch_rel(in) ? 4 : z;
	case IMM_V:
		return (in->rex & 8) ? 8 : z;
	case IMM_FAR:
		return z + 2;
	case IMM_MOFFS:
		return INSN_64 ? (in->addrsize ? 4 : 8) : (in->addrsize ? 2 : 4);
	case IMM_ENTER:
		return 3;
	default:
		return 0;
	}
}

/* test r/m, imm is the only form of group 3 with an immediate. */
static unsigned group3_immediate(const struct insn *in)
{
	if (in->map != MAP_ONE || (in->opcode != 0xf6 && in->opcode != 0xf7))
		return IMM_NONE;
	if (insn_reg_field(in) > 1)
		return IMM_NONE;
	return in->opcode == 0xf6 ? IMM_B : IMM_Z;
}

int pvpatch_insn_decode(struct insn *in, const unsigned char *code,
			size_t avail)
{
	struct cursor c = { code, avail, 0 };
	unsigned attr, imm;

	*in = (struct insn){ .base = INSN_NO_REG };
	if (decode_prefixes(in, &c) || decode_opcode(in, &c, &attr))
		return -1;
	if ((attr & A_MODRM) && decode_modrm(in, &c))
		return -1;
	imm = (attr & A_IMM_MASK) >> A_IMM_SHIFT;
	if (imm == IMM_NONE)
		imm = group3_immediate(in);
	if (skip_bytes(&c, immediate_size(in, imm)))
		return -1;
	in->len = (uint8_t)c.pos;
	return 0;
}

int pvpatch_insn_is_call(const struct insn *in)
{
	if (in->map != MAP_ONE || in->vex || in->opsize || in->rep || in->lock)
		return 0;
	return in->opcode == 0xe8 ||
	       (in->opcode == 0xff && insn_reg_field(in) == 2);
}

int pvpatch_insn_is_nop(const struct insn *in)
{
	if (in->vex || in->rex || in->lock || in->rep || in->addrsize)
		return 0;
	if (in->segment && in->segment != 0x2e)
		return 0;
	if (in->map == MAP_ONE)
		return in->opcode == 0x90 && !in->segment;
	return in->map == MAP_0F && in->opcode == 0x1f && insn_reg_field(in) == 0;
}

int pvpatch_insn_transfers_control(const struct insn *in)
{
	unsigned char op = in->opcode;

	if (in->vex)
		return 0;
	if (in->map == MAP_0F)
		return (op & 0xf0) == 0x80 || op == 0x07 || op == 0x0b ||
		       op == 0x34 || op == 0x35 || op == 0xaa;
	if (in->map != MAP_ONE)
		return 0;
	if ((op & 0xf0) == 0x70 || (op >= 0xe0 && op <= 0xe3) ||
	    (op >= 0xe8 && op <= 0xeb) || (op >= 0xc2 && op <= 0xc3) ||
	    (op >= 0xca && op <= 0xcf) || op == 0x9a || op == 0xf1)
		return 1;
	if (op == 0xc7 && in->modrm == 0xf8)
		return 1;	/* xbegin: jumps to its fallback on abort */
	return op == 0xff && insn_reg_field(in) >= 2 && insn_reg_field(in) <= 5;
}

int pvpatch_insn_uses_stack(const struct insn *in)
{
	unsigned char op = in->opcode;

	if (in->vex)
		return 0;
	if (in->map == MAP_0F)
		return op == 0xa0 || op == 0xa1 || op == 0xa8 || op == 0xa9;
	if (in->map != MAP_ONE)
		return 0;
	if ((op & 0xf0) == 0x50)
		return 1;
	switch (op) {
	case 0x06: case 0x07: case 0x0e: case 0x16: case 0x17: case 0x1e:
	case 0x1f: case 0x60: case 0x61: case 0x68: case 0x6a: case 0x8f:
	case 0x9c: case 0x9d: case 0xc8: case 0xc9:
		return 1;
	default:
		return op == 0xff && insn_reg_field(in) == 6;
	}
}

/* String and moffs forms address memory through DS without a ModRM. */
static int has_implicit_memory(const struct insn *in)
{
	unsigned char op = in->opcode;

	return in->map == MAP_ONE &&
	       ((op >= 0xa0 && op <= 0xaf) || (op >= 0x6c && op <= 0x6f) ||
		op == 0xd7);
}

unsigned char pvpatch_insn_neutral_prefix(const struct insn *in)
{
	if (in->segment)
		return 0;
	if (INSN_64 || (!in->mem && !has_implicit_memory(in)))
		return 0x2e;	/* CS */
	if (in->addrsize)
		return 0;	/* 16-bit addressing: not worth telling apart */
	if (in->base == PVPATCH_REG_SP || in->base == PVPATCH_REG_BP)
		return 0x36;	/* SS */
	return 0x3e;		/* DS */
}

/* ---- Register effects ---- */

static uint32_t bit(unsigned reg)
{
	return PVPATCH_REG_BIT(reg);
}

static unsigned reg_operand(const struct insn *in)
{
	return insn_reg_field(in) | ((in->rex & 4u) << 1);
}

static unsigned rm_operand(const struct insn *in)
{
	return (in->modrm & 7u) | ((in->rex & 1u) << 3);
}

static unsigned opcode_operand(const struct insn *in)
{
	return (in->opcode & 7u) | ((in->rex & 1u) << 3);
}

/* A register written with a byte operand: without REX, numbers 4-7 are
   ah, ch, dh and bh, the high bytes of registers 0-3. */
static uint32_t byte_reg_bit(const struct insn *in, unsigned reg)
{
	if (!in->rex && reg >= 4 && reg < 8)
		reg -= 4;
	return bit(reg);
}

static uint32_t reg_dest(const struct insn *in, int byte_op)
{
	return byte_op ? byte_reg_bit(in, reg_operand(in)) : bit(reg_operand(in));
}

/* The r/m operand as a destination: a register, or memory (no register). */
static uint32_t rm_dest(const struct insn *in, int byte_op)
{
	if (in->mem)
		return 0;
	return byte_op ? byte_reg_bit(in, rm_operand(in)) : bit(rm_operand(in));
}

/* add/or/adc/sbb/and/sub/xor/cmp in their six classic forms (00-3d). */
static int alu_effect(const struct insn *in, uint32_t *writes)
{
	unsigned op = in->opcode, form = op & 7;
	int byte_op = !(op & 1);

	if (op >= 0x40 || form > 5)
		return -1;
	if ((op >> 3) == 7)	/* cmp */
		*writes = 0;
	else if (form < 2)
		*writes = rm_dest(in, byte_op);
	else if (form < 4)
		*writes = reg_dest(in, byte_op);
	else
		*writes = bit(PVPATCH_REG_AX);
	return 0;
}

/* Groups 1 (80-83), 2 (shifts), 3 (f6/f7), 4/5 (fe/ff inc/dec), 11 (c6/c7). */
static int group_effect(const struct insn *in, uint32_t *writes)
{
	unsigned op = in->opcode, reg = insn_reg_field(in);
	int byte_op = !(op & 1);

	switch (op) {
	case 0x80: case 0x81: case 0x82: case 0x83:
		*writes = reg == 7 ? 0 : rm_dest(in, op == 0x80 || op == 0x82);
		return 0;
	case 0xc0: case 0xc1: case 0xd0: case 0xd1: case 0xd2: case 0xd3:
		*writes = rm_dest(in, byte_op);
		return 0;
	case 0xf6: case 0xf7:
		if (reg < 2)
			*writes = 0;
		else if (reg < 4)
			*writes = rm_dest(in, byte_op);
		else
			*writes = bit(PVPATCH_REG_AX) |
				  (byte_op ? 0 : bit(PVPATCH_REG_DX));
		return 0;
	case 0xfe: case 0xff:
		if (reg > 1)
			return -1;
		*writes = rm_dest(in, byte_op);
		return 0;
	case 0xc6: case 0xc7:
		if (reg != 0)
			return -1;
		*writes = rm_dest(in, byte_op);
		return 0;
	default:
		return -1;
	}
}

static int one_byte_effect(const struct insn *in, struct insn_effect *e)
{
	unsigned op = in->opcode;
	int byte_op = !(op & 1);

	if (op < 0x40)
		return alu_effect(in, &e->writes);
	if (op >= 0x50 && op <= 0x57) {
		e->stack = INSN_WORD;
		e->pushes = (int)opcode_operand(in);
		return in->opsize ? -1 : 0;
	}
	if (op >= 0x58 && op <= 0x5f) {
		e->writes = bit(opcode_operand(in));
		e->stack = -INSN_WORD;
		return in->opsize ? -1 : 0;
	}
	if (op >= 0xb0 && op <= 0xb7) {
		e->writes = byte_reg_bit(in, opcode_operand(in));
		return 0;
	}
	if (op >= 0xb8 && op <= 0xbf) {
		e->writes = bit(opcode_operand(in));
		return 0;
	}
	if (op == 0x90 && !(in->rex & 1))
		return 0;	/* nop, or pause with f3 */
	if (op >= 0x90 && op <= 0x97) {
		e->writes = bit(PVPATCH_REG_AX) | bit(opcode_operand(in));
		return 0;
	}
	switch (op) {
	case 0x63:
		if (!INSN_64)
			return -1;	/* arpl */
		e->writes = reg_dest(in, 0);
		return 0;
	case 0x69: case 0x6b: case 0x8a: case 0x8b: case 0x8d:
		e->writes = reg_dest(in, op == 0x8a);
		return 0;
	case 0x84: case 0x85:
		return 0;
	case 0x86: case 0x87:
		e->writes = reg_dest(in, byte_op) | rm_dest(in, byte_op);
		return 0;
	case 0x88: case 0x89:
		e->writes = rm_dest(in, byte_op);
		return 0;
	case 0x98:
		e->writes = bit(PVPATCH_REG_AX);
		return 0;
	case 0x99:
		e->writes = bit(PVPATCH_REG_DX);
		return 0;
	case 0x68: case 0x6a: case 0x9c:
		e->stack = INSN_WORD;
		return in->opsize ? -1 : 0;
	case 0x9d:
		e->stack = -INSN_WORD;
		return in->opsize ? -1 : 0;
	case 0xf4: case 0xf5: case 0xf8: case 0xf9: case 0xfa: case 0xfb:
	case 0xfc: case 0xfd:
		return 0;	/* hlt, cmc, clc, stc, cli, sti, cld, std */
	default:
		return group_effect(in, &e->writes);
	}
}

static int two_byte_effect(const struct insn *in, struct insn_effect *e)
{
	unsigned op = in->opcode, reg = insn_reg_field(in);
	const uint32_t ax = bit(PVPATCH_REG_AX), cx = bit(PVPATCH_REG_CX),
		       dx = bit(PVPATCH_REG_DX), bx = bit(PVPATCH_REG_BX);

	if ((op & 0xf0) == 0x40 || op == 0xaf || op == 0xb6 || op == 0xb7 ||
	    op == 0xbc || op == 0xbd || op == 0xbe || op == 0xbf) {
		e->writes = reg_dest(in, 0);	/* cmov, imul, bsf, movzx... */
		return 0;
	}
	if ((op & 0xf0) == 0x90) {
		e->writes = rm_dest(in, 1);	/* setcc */
		return 0;
	}
	if (op >= 0xc8 && op <= 0xcf) {
		e->writes = bit(opcode_operand(in));	/* bswap */
		return 0;
	}
	switch (op) {
	case 0x1f:
		return reg == 0 ? 0 : -1;	/* nop */
	case 0x05:
		if (!INSN_64)
			return -1;
		e->writes = ax | cx | bit(PVPATCH_REG_R8 + 3);	/* syscall: r11 */
		return 0;
	case 0x30: case 0xa3:
		return 0;		/* wrmsr, bt */
	case 0x31: case 0x32:
		e->writes = ax | dx;	/* rdtsc, rdmsr */
		return 0;
	case 0xa2:
		e->writes = ax | bx | cx | dx;	/* cpuid */
		return 0;
	case 0xab: case 0xb3: case 0xbb:
		e->writes = rm_dest(in, 0);	/* bts, btr, btc */
		return 0;
	case 0xba:
		if (reg < 4)
			return -1;
		e->writes = reg == 4 ? 0 : rm_dest(in, 0);
		return 0;
	case 0xae:		/* lfence, mfence, sfence */
		return !in->mem && reg >= 5 ? 0 : -1;
	case 0x01:
		if (in->modrm == 0xf9) {
			e->writes = ax | cx | dx;	/* rdtscp */
			return 0;
		}
		return in->modrm == 0xca || in->modrm == 0xcb ? 0 : -1; /* clac, stac */
	default:
		return -1;
	}
}

int pvpatch_insn_effect(const struct insn *in, struct insn_effect *effect)
{
	*effect = (struct insn_effect){ 0, 0, -1 };
	if (in->vex || (in->rep && !(in->map == MAP_ONE && in->opcode == 0x90)))
		return -1;
	if (in->map == MAP_ONE)
		return one_byte_effect(in, effect);
	if (in->map == MAP_0F)
		return two_byte_effect(in, effect);
	return -1;
}
