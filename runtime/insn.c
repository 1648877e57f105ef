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
	if (in->is64 && (b & 0xf0) == 0x40) {
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
static int starts_vex(const struct insn *in, const struct cursor *c)
{
	unsigned char next;

	if (in->is64)
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
	if (in->is64 && (b & 0xf0) == 0x40)
		return -1;	/* a second REX */
	if ((b == 0x62 || b == 0xc4 || b == 0xc5) && starts_vex(in, c)) {
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
	if ((*attr & A_BAD) || (in->is64 && (*attr & A_NO64)))
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
		in->rip_relative = in->is64;
		return skip_bytes(c, 4);
	}
	return skip_bytes(c, mod == 1 ? 1 : mod == 2 ? 4 : 0);
}

/* mov to and from control and debug registers: the CPU ignores mod and
   reads the ModRM byte as naming a register whatever it says. */
static int register_only_modrm(const struct insn *in)
{
	return !in->vex && in->map == MAP_0F && in->opcode >= 0x20 && in->opcode <= 0x23;
}

static int decode_modrm(struct insn *in, struct cursor *c)
{
	in->has_modrm = 1;
	if (next_byte(c, &in->modrm))
		return -1;
	if ((in->modrm >> 6) == 3 || register_only_modrm(in))
		return 0;
	in->mem = 1;
	if (!in->is64 && in->addrsize)
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
		return in->is64 && is_near_branch_rel(in) ? 4 : z;
	case IMM_V:
		return (in->rex & 8) ? 8 : z;
	case IMM_FAR:
		return z + 2;
	case IMM_MOFFS:
		return in->is64 ? (in->addrsize ? 4 : 8) : (in->addrsize ? 2 : 4);
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

int pvpatch_insn_decode_width(struct insn *in, const unsigned char *code,
			      size_t avail, int is64)
{
	struct cursor c = { code, avail, 0 };
	unsigned attr, imm;

	*in = (struct insn){ .base = INSN_NO_REG, .is64 = (uint8_t)!!is64 };
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

int pvpatch_insn_decode(struct insn *in, const unsigned char *code,
			size_t avail)
{
	return pvpatch_insn_decode_width(in, code, avail, INSN_64);
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
	if (in->is64 || (!in->mem && !has_implicit_memory(in)))
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

#define AX bit(PVPATCH_REG_AX)
#define CX bit(PVPATCH_REG_CX)
#define DX bit(PVPATCH_REG_DX)
#define BX bit(PVPATCH_REG_BX)
#define SI bit(PVPATCH_REG_SI)
#define DI bit(PVPATCH_REG_DI)

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

/* Each *_effect function below fills in e and returns 0, or returns -1
   for an instruction whose effect it does not know. */

static int writes(struct insn_effect *e, uint32_t regs)
{
	e->writes = regs;
	return 0;
}

/* A push of a word: the register it saves (or -1), for telling a
   register popped back from a clobber.  66 (a 2-byte push) is unknown. */
static int word_size(const struct insn *in)
{
	return in->is64 ? 8 : 4;
}

static int push_effect(const struct insn *in, struct insn_effect *e, int reg)
{
	e->stack = word_size(in);
	e->pushes = reg;
	return in->opsize ? -1 : 0;
}

static int pop_effect(const struct insn *in, struct insn_effect *e,
		      uint32_t regs)
{
	e->stack = -word_size(in);
	e->writes = regs;
	return in->opsize ? -1 : 0;
}

/* add/or/adc/sbb/and/sub/xor/cmp in their six classic forms, and push
   and pop of es, cs, ss and ds (i386 only: undecodable in 64-bit mode). */
static int low_row_effect(const struct insn *in, struct insn_effect *e)
{
	unsigned op = in->opcode, form = op & 7;
	int byte_op = !(op & 1);

	if (form == 6)
		return op < 0x20 ? push_effect(in, e, -1) : -1;
	if (form == 7)
		return op < 0x20 ? pop_effect(in, e, 0) : -1;
	if ((op >> 3) == 7)	/* cmp */
		return writes(e, 0);
	if (form < 2)
		return writes(e, rm_dest(in, byte_op));
	if (form < 4)
		return writes(e, reg_dest(in, byte_op));
	return writes(e, AX);
}

/* Groups 1 (80-83), 2 (shifts), 3 (f6/f7), 4/5 (fe/ff), 1a (8f) and 11
   (c6/c7). */
static int group_effect(const struct insn *in, struct insn_effect *e)
{
	unsigned op = in->opcode, reg = insn_reg_field(in);
	int byte_op = !(op & 1);

	switch (op) {
	case 0x80: case 0x81: case 0x82: case 0x83:
		return writes(e, reg == 7 ? 0 : rm_dest(in, op == 0x80 || op == 0x82));
	case 0xc0: case 0xc1: case 0xd0: case 0xd1: case 0xd2: case 0xd3:
		return writes(e, rm_dest(in, byte_op));
	case 0xf6: case 0xf7:
		if (reg < 2)
			return writes(e, 0);			/* test */
		if (reg < 4)
			return writes(e, rm_dest(in, byte_op));	/* not, neg */
		return writes(e, AX | (byte_op ? 0 : DX));	/* mul... idiv */
	case 0xfe: case 0xff:
		if (reg < 2)
			return writes(e, rm_dest(in, byte_op));	/* inc, dec */
		if (op == 0xff && reg == 6)
			return push_effect(in, e, in->mem ? -1 : (int)rm_operand(in));
		return -1;
	case 0x8f:
		return reg == 0 ? pop_effect(in, e, rm_dest(in, 0)) : -1;
	case 0xc6: case 0xc7:
		return reg == 0 ? writes(e, rm_dest(in, byte_op)) : -1;
	default:
		return -1;
	}
}

static int is_string_op(unsigned op)
{
	return (op >= 0x6c && op <= 0x6f) || (op >= 0xa4 && op <= 0xa7) ||
	       (op >= 0xaa && op <= 0xaf);
}

/* String instructions step rsi and/or rdi (ins, outs and stos never
   write their memory operand's register; lods also loads rax); a rep
   prefix also counts rcx down. */
static int string_effect(const struct insn *in, struct insn_effect *e)
{
	uint32_t regs;

	switch (in->opcode & ~1u) {
	case 0x6c: case 0xaa: case 0xae:
		regs = DI;		/* ins, stos, scas */
		break;
	case 0x6e:
		regs = SI;		/* outs */
		break;
	case 0xac:
		regs = AX | SI;		/* lods */
		break;
	default:
		regs = SI | DI;		/* movs, cmps */
		break;
	}
	return writes(e, regs | (in->rep ? CX : 0));
}

/* Moves of segment registers and loads of far pointers (les, lds: i386
   only, in 64-bit mode c4/c5 are VEX). */
static int segment_effect(const struct insn *in, struct insn_effect *e)
{
	unsigned reg = insn_reg_field(in);

	switch (in->opcode) {
	case 0x8c:		/* mov from sreg; none above gs */
		return reg > 5 ? -1 : writes(e, rm_dest(in, 0));
	case 0x8e:		/* mov to sreg: not to cs */
		return reg == 1 || reg > 5 ? -1 : writes(e, 0);
	default:		/* c4 les, c5 lds */
		return in->mem ? writes(e, reg_dest(in, 0)) : -1;
	}
}

/* Opcodes 84-ff of the one-byte map that are not in a group. */
static int high_one_byte_effect(const struct insn *in, struct insn_effect *e)
{
	unsigned op = in->opcode;
	int byte_op = !(op & 1);

	if (op >= 0xb0 && op <= 0xb7)
		return writes(e, byte_reg_bit(in, opcode_operand(in)));
	if (op >= 0xb8 && op <= 0xbf)
		return writes(e, bit(opcode_operand(in)));
	if (op == 0x90 && !(in->rex & 1))
		return writes(e, 0);	/* nop, or pause with f3 */
	if (op >= 0x90 && op <= 0x97)
		return writes(e, AX | bit(opcode_operand(in)));	/* xchg */
	switch (op) {
	case 0x84: case 0x85: case 0xa8: case 0xa9:
		return writes(e, 0);		/* test */
	case 0x86: case 0x87:
		return writes(e, reg_dest(in, byte_op) | rm_dest(in, byte_op));
	case 0x88: case 0x89:
		return writes(e, rm_dest(in, byte_op));
	case 0x8a: case 0x8b: case 0x8d:
		return writes(e, reg_dest(in, op == 0x8a));	/* mov, lea */
	case 0x8c: case 0x8e: case 0xc4: case 0xc5:
		return segment_effect(in, e);
	case 0x98: case 0x9f: case 0xa0: case 0xa1: case 0xd7:
	case 0xe4: case 0xe5: case 0xec: case 0xed:
		return writes(e, AX);	/* cbw, lahf, mov moffs, xlat, in */
	case 0x99:
		return writes(e, DX);	/* cwd */
	case 0x9c:
		return push_effect(in, e, -1);	/* pushf */
	case 0x9d:
		return pop_effect(in, e, 0);	/* popf */
	case 0x9e: case 0xa2: case 0xa3: case 0xe6: case 0xe7: case 0xee:
	case 0xef: case 0xf4: case 0xf5: case 0xf8: case 0xf9: case 0xfa:
	case 0xfb: case 0xfc: case 0xfd:
		/* sahf, mov to moffs, out, hlt, cmc, clc, stc, cli, sti, cld, std */
		return writes(e, 0);
	default:
		return is_string_op(op) ? string_effect(in, e) : group_effect(in, e);
	}
}

static int one_byte_effect(const struct insn *in, struct insn_effect *e)
{
	unsigned op = in->opcode;

	if (op < 0x40)
		return low_row_effect(in, e);
	if (op < 0x50)		/* i386 inc, dec: in 64-bit mode REX */
		return writes(e, bit(op & 7));
	if (op >= 0x50 && op <= 0x57)
		return push_effect(in, e, (int)opcode_operand(in));
	if (op >= 0x58 && op <= 0x5f)
		return pop_effect(in, e, bit(opcode_operand(in)));
	switch (op) {
	case 0x63:
		return in->is64 ? writes(e, reg_dest(in, 0)) : -1;	/* not arpl */
	case 0x68: case 0x6a:
		return push_effect(in, e, -1);
	case 0x69: case 0x6b:
		return writes(e, reg_dest(in, 0));	/* imul */
	case 0x6c: case 0x6d: case 0x6e: case 0x6f:
		return string_effect(in, e);		/* ins, outs */
	default:
		return op >= 0x80 ? high_one_byte_effect(in, e) : -1;
	}
}

/* 0f 00: sldt, str, lldt, ltr, verr, verw. */
static int group6_effect(const struct insn *in, struct insn_effect *e)
{
	unsigned reg = insn_reg_field(in);

	if (reg < 2)
		return writes(e, rm_dest(in, 0));
	return reg < 6 ? writes(e, 0) : -1;
}

/* 0f 01: with memory sgdt, sidt, lgdt, lidt, smsw, lmsw, invlpg; the
   register forms are whole instructions named by the ModRM byte. */
static int group7_effect(const struct insn *in, struct insn_effect *e)
{
	unsigned reg = insn_reg_field(in);

	if (in->mem)
		return reg == 5 ? -1 : writes(e, 0);
	if (reg == 4)
		return writes(e, rm_dest(in, 0));	/* smsw */
	if (reg == 6)
		return writes(e, 0);			/* lmsw */
	switch (in->modrm) {
	case 0xc8: case 0xc9: case 0xca: case 0xcb: case 0xd1:
		return writes(e, 0);	/* monitor, mwait, clac, stac, xsetbv */
	case 0xd0:
		return writes(e, AX | DX);		/* xgetbv */
	case 0xf8:
		return in->is64 ? writes(e, 0) : -1;	/* swapgs */
	case 0xf9:
		return writes(e, AX | CX | DX);		/* rdtscp */
	default:
		return -1;
	}
}

/* 0f a0-af and 0f b0-bf except bt r/m, imm (group 8). */
static int bit_and_segment_effect(const struct insn *in, struct insn_effect *e)
{
	unsigned op = in->opcode;

	switch (op) {
	case 0xa0: case 0xa8:
		return push_effect(in, e, -1);		/* push fs, gs */
	case 0xa1: case 0xa9:
		return pop_effect(in, e, 0);		/* pop fs, gs */
	case 0xa2:
		return writes(e, AX | BX | CX | DX);	/* cpuid */
	case 0xa3:
		return writes(e, 0);			/* bt */
	case 0xa4: case 0xa5: case 0xab: case 0xac: case 0xad: case 0xb3:
	case 0xbb:
		return writes(e, rm_dest(in, 0));	/* shld, shrd, bts... */
	case 0xb0: case 0xb1:
		return writes(e, AX | rm_dest(in, op == 0xb0));	/* cmpxchg */
	case 0xb2: case 0xb4: case 0xb5:		/* lss, lfs, lgs */
		return in->mem ? writes(e, reg_dest(in, 0)) : -1;
	case 0xaf: case 0xb6: case 0xb7: case 0xbc: case 0xbd: case 0xbe:
	case 0xbf:
		return writes(e, reg_dest(in, 0));	/* imul, movzx, bsf... */
	case 0xae:		/* lfence, mfence, sfence */
		return !in->mem && insn_reg_field(in) >= 5 ? writes(e, 0) : -1;
	case 0xba: {					/* group 8 */
		unsigned reg = insn_reg_field(in);

		if (reg < 4)
			return -1;
		return writes(e, reg == 4 ? 0 : rm_dest(in, 0));
	}
	default:
		return -1;
	}
}

static int two_byte_effect(const struct insn *in, struct insn_effect *e)
{
	unsigned op = in->opcode;

	if ((op & 0xf0) == 0x40)
		return writes(e, reg_dest(in, 0));	/* cmov */
	if ((op & 0xf0) == 0x90)
		return writes(e, rm_dest(in, 1));	/* setcc */
	if (op >= 0xc8 && op <= 0xcf)
		return writes(e, bit(opcode_operand(in)));	/* bswap */
	if (op >= 0xa0 && op <= 0xbf)
		return bit_and_segment_effect(in, e);
	switch (op) {
	case 0x00:
		return group6_effect(in, e);
	case 0x01:
		return group7_effect(in, e);
	case 0x05:		/* syscall: rcx, r11, and the kernel's result */
		return in->is64 ? writes(e, AX | CX | bit(PVPATCH_REG_R11)) : -1;
	case 0x06: case 0x08: case 0x09: case 0x22: case 0x23: case 0x30:
		return writes(e, 0);	/* clts, invd, wbinvd, mov to cr/dr, wrmsr */
	case 0x1f:
		return insn_reg_field(in) == 0 ? writes(e, 0) : -1;	/* nop */
	case 0x20: case 0x21:
		return writes(e, rm_dest(in, 0));	/* mov from cr, dr */
	case 0x31: case 0x32: case 0x33:
		return writes(e, AX | DX);	/* rdtsc, rdmsr, rdpmc */
	case 0xc0: case 0xc1:
		return writes(e, reg_dest(in, op == 0xc0) | rm_dest(in, op == 0xc0));
	default:
		return -1;
	}
}

/* rep is part of string instructions and of pause (f3 90); in front of
   anything else it may make another instruction (f3 0f b8 popcnt). */
static int rep_known(const struct insn *in)
{
	return !in->rep || (in->map == MAP_ONE &&
			    (in->opcode == 0x90 || is_string_op(in->opcode)));
}

enum insn_effect_status pvpatch_insn_effect(const struct insn *in,
					    struct insn_effect *effect)
{
	int err = -1;

	*effect = (struct insn_effect){ 0, 0, -1 };
	if (!in->vex && rep_known(in)) {
		if (in->map == MAP_ONE)
			err = one_byte_effect(in, effect);
		else if (in->map == MAP_0F)
			err = two_byte_effect(in, effect);
	}
	if (err) {
		*effect = (struct insn_effect){ INSN_WRITES_ALL, 0, -1 };
		return INSN_EFFECT_UNKNOWN;
	}
	return INSN_EFFECT_KNOWN;
}
