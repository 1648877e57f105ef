/* SPDX-License-Identifier: MIT */
/*
 * The analysis stage: what bytes are, over the decoder.  Clobber lists
 * ("rax,rdx"), whether replacement code can run in place of a call and
 * what it writes, a tiny compiled body, the NOP forms and a site's form
 * (one call followed by NOPs, or one call wrapped in push/pop pairs).  Knows nothing of objects or tables.
 * Freestanding.
 */
#include "analyze.h"

#define REG(r) PVPATCH_REG_BIT(PVPATCH_REG_##r)

/* A tiny body has at most this many instructions before its ret. */
#define TINY_BODY_INSNS 6

/* ---- Clobber lists ("rax,rdx") ---- */

static int token_is(const char *t, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n && name[i]; i++)
		if (t[i] != name[i])
			return 0;
	return i == n && !name[i];
}

/* A decimal number making up all of t[0, n). */
static int number_is(const char *t, size_t n, unsigned *value)
{
	*value = 0;
	if (n == 0 || n > 2)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (t[i] < '0' || t[i] > '9')
			return 0;
		*value = *value * 10 + (unsigned)(t[i] - '0');
	}
	return 1;
}

/* ax..di in their 16-, 32- and (64-bit) 64-bit and byte spellings. */
static int legacy_gpr(const char *t, size_t n, uint32_t *bits)
{
	static const char low[8][4] = { "al", "cl", "dl", "bl",
					"spl", "bpl", "sil", "dil" };
	static const char high[4][3] = { "ah", "ch", "dh", "bh" };

	for (unsigned r = 0; r < PVPATCH_REG_R8; r++) {
		/* "rax" less its width prefix */
		const char *word = pvpatch_reg_name(r, 0) + 1;
		int wide = n == 3 && (t[0] == 'e' || (INSN_64 && t[0] == 'r')) &&
			   token_is(t + 1, 2, word);

		if (wide || token_is(t, n, word) ||
		    ((r < 4 || INSN_64) && token_is(t, n, low[r])) ||
		    (r < 4 && token_is(t, n, high[r]))) {
			*bits = PVPATCH_REG_BIT(r);
			return 1;
		}
	}
	return 0;
}

/* r8..r15 with an optional d/w/b suffix. */
static int numbered_gpr(const char *t, size_t n, uint32_t *bits)
{
	unsigned r;

	if (!INSN_64 || n < 2 || t[0] != 'r')
		return 0;
	if (t[n - 1] == 'd' || t[n - 1] == 'w' || t[n - 1] == 'b')
		n--;
	if (!number_is(t + 1, n - 1, &r) || r < 8 || r > 15)
		return 0;
	*bits = PVPATCH_REG_BIT(r);
	return 1;
}

static int vector_or_x87(const char *t, size_t n, uint32_t *bits)
{
	unsigned r;

	if (n > 3 && (t[0] == 'x' || t[0] == 'y' || t[0] == 'z') &&
	    t[1] == 'm' && t[2] == 'm' && number_is(t + 3, n - 3, &r)) {
		*bits = REG(VEC);
		return 1;
	}
	if (n == 2 && t[0] == 'k' && number_is(t + 1, 1, &r) && r < 8) {
		*bits = REG(VEC);
		return 1;
	}
	if (token_is(t, n, "st") ||
	    (n == 5 && token_is(t, 3, "st(") && t[4] == ')') ||
	    (n == 3 && t[0] == 'm' && t[1] == 'm' && number_is(t + 2, 1, &r))) {
		*bits = REG(X87);
		return 1;
	}
	return 0;
}

static int register_bits(const char *t, size_t n, uint32_t *bits)
{
	if (n && t[0] == '%') {
		t++;
		n--;
	}
	*bits = 0;
	if (token_is(t, n, "cc") || token_is(t, n, "flags") ||
	    token_is(t, n, "memory"))
		return 1;
	return legacy_gpr(t, n, bits) || numbered_gpr(t, n, bits) ||
	       vector_or_x87(t, n, bits);
}

/* Parse a NUL-terminated list within [s, limit); -1 on an unknown name,
   the stack pointer, or no terminator before limit. */
int pvpatch_parse_clobbers(const char *s, const char *limit, uint32_t *mask)
{
	*mask = 0;
	while (s < limit && *s) {
		const char *t = s;
		uint32_t bits;

		while (s < limit && *s && *s != ',' && *s != ' ')
			s++;
		if (s == limit)
			return -1;
		if (s > t && !register_bits(t, (size_t)(s - t), &bits))
			return -1;
		if (s > t)
			*mask |= bits;
		if (*s)
			s++;
	}
	if (s == limit || (*mask & ~CORE_CLOBBER_MASK))
		return -1;
	return 0;
}

/* ---- Replacement code ---- */

/* Pushes not yet popped, for telling a saved register that is popped
   back (as bodies compiled to preserve registers do) from a clobber. */
#define STACK_SLOTS 8
struct stack {
	unsigned depth;
	struct {
		int reg;		/* what push saved, or -1 */
		uint32_t writes;	/* the clobbers when it did */
		unsigned char at;	/* the push's offset */
	} slot[STACK_SLOTS];
};

static void note_writes(struct shape *sh, uint32_t writes, unsigned at)
{
	uint32_t fresh = writes & ~sh->writes;

	for (unsigned r = 0; fresh; r++, fresh >>= 1)
		if (fresh & 1)
			sh->written_at[r] = (unsigned char)at;
	sh->writes |= writes;
}

/* Count what the instruction at offset at writes.  Its effect must be
   known: an instruction the decoder cannot account for makes the code
   unusable, whatever a record declares.  Push and pop must balance and
   never reach above the stack pointer the code started with: at a site
   that is the caller's data, not a return address. */
static int track_effect(const struct insn *in, unsigned at, struct stack *st,
			struct shape *sh)
{
	struct insn_effect e;

	if (pvpatch_insn_effect(in, &e) != INSN_EFFECT_KNOWN ||
	    (e.writes & REG(SP)))
		return -1;
	if (e.stack > 0) {
		if (st->depth == STACK_SLOTS)
			return -1;
		st->slot[st->depth].reg = e.pushes;
		st->slot[st->depth].at = (unsigned char)at;
		st->slot[st->depth++].writes = sh->writes;
	} else if (e.stack < 0) {
		if (!st->depth)
			return -1;
		st->depth--;
		if (st->slot[st->depth].reg >= 0 &&
		    e.writes == PVPATCH_REG_BIT(st->slot[st->depth].reg)) {
			/* Restored: clobbered only if it was before the push. */
			sh->writes = (sh->writes & ~e.writes) |
				     (st->slot[st->depth].writes & e.writes);
			return 0;
		}
	}
	note_writes(sh, e.writes, at);
	return 0;
}

static int uses_frame_memory(const struct insn *in)
{
	return in->mem && (in->base == PVPATCH_REG_SP || in->base == PVPATCH_REG_BP);
}

/* Check that code can run at any address in place of a call: decodable,
   every register write known, straight-line, no PC-relative operand,
   stack balanced; else sh->bad_at is the offending instruction (for a
   push never popped, the first such push).  A compiled body (frame_ok 0)
   may not address its frame either: at a site there is no return
   address, so its offsets would be off by one word. */
int pvpatch_scan_code(const unsigned char *code, unsigned len, int frame_ok,
		      struct shape *sh)
{
	struct insn in;
	struct stack st = { 0 };
	unsigned pos;

	*sh = (struct shape){ 0 };
	for (pos = 0; pos < len; pos += in.len) {
		sh->bad_at = (unsigned char)pos;
		if (pvpatch_insn_decode(&in, code + pos, len - pos) ||
		    pvpatch_insn_transfers_control(&in) || in.rip_relative ||
		    (!frame_ok && uses_frame_memory(&in)) ||
		    track_effect(&in, pos, &st, sh))
			return -1;
		if (pos == 0) {
			sh->first_len = in.len;
			sh->pad = pvpatch_insn_neutral_prefix(&in);
		}
	}
	if (st.depth) {
		sh->bad_at = st.slot[0].at;
		return -1;
	}
	return 0;
}

/* The first instruction writing a register of regs (some of sh->writes). */
unsigned pvpatch_first_write(const struct shape *sh, uint32_t regs)
{
	unsigned at = ~0u;

	for (unsigned r = 0; r < PVPATCH_REG_COUNT; r++)
		if ((regs & PVPATCH_REG_BIT(r)) && sh->written_at[r] < at)
			at = sh->written_at[r];
	return at;
}

static int is_endbr(const struct insn *in, const unsigned char *code)
{
	return in->len == 4 && code[0] == 0xf3 && code[1] == 0x0f &&
	       code[2] == 0x1e && (code[3] == 0xfa || code[3] == 0xfb);
}

static int is_plain_ret(const struct insn *in)
{
	return in->map == MAP_ONE && in->opcode == 0xc3 && !in->vex &&
	       in->prefixes == (in->rep == 0xf3) && !in->rex;
}

/* The instructions of fn before its ret, if fn is that short. */
int pvpatch_tiny_body(const unsigned char *fn, size_t avail,
		     const unsigned char **body, unsigned *len)
{
	struct insn in;
	size_t start = 0, pos;

	if (!pvpatch_insn_decode(&in, fn, avail) && is_endbr(&in, fn))
		start = in.len;
	pos = start;
	for (int n = 0; n <= TINY_BODY_INSNS; n++, pos += in.len) {
		if (pvpatch_insn_decode(&in, fn + pos, avail - pos))
			return -1;
		if (is_plain_ret(&in)) {
			*body = fn + start;
			*len = (unsigned)(pos - start);
			return 0;
		}
	}
	return -1;
}

/* ---- NOPs and sites ---- */

/* Assemblers' longest NOP forms, index = length (as GAS .nops emits). */
static const unsigned char nops[LONGEST_NOP + 1][LONGEST_NOP] = {
	{ 0 },
	{ 0x90 },
	{ 0x66, 0x90 },
	{ 0x0f, 0x1f, 0x00 },
	{ 0x0f, 0x1f, 0x40, 0x00 },
	{ 0x0f, 0x1f, 0x44, 0x00, 0x00 },
	{ 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00 },
	{ 0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00 },
	{ 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
	{ 0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
	{ 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
	{ 0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00 },
};

void pvpatch_fill_nops(unsigned char *to, unsigned n)
{
	while (n) {
		unsigned len = n < LONGEST_NOP ? n : LONGEST_NOP;

		pvpatch_copy(to, nops[len], len);
		to += len;
		n -= len;
	}
}

void pvpatch_fill_tail_nops(unsigned char *site, unsigned size, unsigned head)
{
	unsigned n = size - head;

	if (n == 0)
		return;
	if (size >= 8 && n <= 8) {
		uint64_t tail = pvpatch_load8(nops[n]) << (64 - 8 * n);

		__builtin_memcpy(site + size - 8, &tail, 8);
		return;
	}
	pvpatch_fill_nops(site + head, n);
}

/* Whether n bytes are the NOPs fill_nops() (and GAS's .nops) would put
   there. */
static int nops_as_assembled(const unsigned char *b, unsigned n)
{
	while (n) {
		unsigned len = n < LONGEST_NOP ? n : LONGEST_NOP;

		if (!pvpatch_same(b, nops[len], len))
			return 0;
		b += len;
		n -= len;
	}
	return 1;
}

/* The common case, checked without decoding: at most 8 bytes of NOPs
   ending a site of 8 bytes or more are compared as one word, the site's
   last, shifted down to them (a row of nops[] is zero past its length
   and at least 8 bytes long). */
int pvpatch_tail_nops(const unsigned char *site, unsigned size, unsigned head)
{
	unsigned n = size - head;

	if (n == 0)
		return 1;
	if (size >= 8 && n <= 8) {
		uint64_t tail = pvpatch_load8(site + size - 8) >> (64 - 8 * n);
		uint64_t want = pvpatch_load8(nops[n]);

		if (n < 8)
			want &= ((uint64_t)1 << (8 * n)) - 1;
		return tail == want;
	}
	return nops_as_assembled(site + head, n);
}

/* The length of the call a site starts with, or 0. */
static unsigned head_call_length(const unsigned char *b, unsigned size)
{
	struct insn in;

	/* The forms nearly every site has, without decoding. */
	if (b[0] == PVPATCH_CALL_REL32)
		return PVPATCH_CALL_REL32_SIZE;
	if (b[0] == 0xff && b[1] == 0x15)	/* call *disp32(%rip) or *abs32 */
		return 6;
	if (pvpatch_insn_decode(&in, b, size) || !pvpatch_insn_is_call(&in))
		return 0;
	return in.len;
}

/* Exactly one call followed by NOPs that end at the site's end: the
   length of the call, or 0.  *assembled: the NOPs are the ones
   pvpatch_fill_nops() writes, so need not be kept to be restored. */
unsigned pvpatch_site_form(const unsigned char *b, unsigned size,
			   int *assembled)
{
	struct insn in;
	unsigned pos, head = head_call_length(b, size);

	*assembled = head && pvpatch_tail_nops(b, size, head);
	if (!head || *assembled)
		return head;
	for (pos = head; pos < size; pos += in.len)
		if (pvpatch_insn_decode(&in, b + pos, size - pos) ||
		    !pvpatch_insn_is_nop(&in))
			return 0;
	return head;
}

/* push %reg or pop %reg in its one-byte form (50+r, 58+r, REX.B for
   r8-r15): the register, or -1. */
static int plain_push_pop(const struct insn *in, int pop)
{
	unsigned base = pop ? 0x58 : 0x50;

	if (in->map != MAP_ONE || in->vex || in->prefixes || (in->rex & 0x06) ||
	    in->opcode < base || in->opcode > base + 7)
		return -1;
	return (int)((in->opcode & 7u) | ((in->rex & 1u) << 3));
}

/* The pushes, the call, then one pop per push, innermost first. */
unsigned pvpatch_wrapped_form(const unsigned char *b, unsigned size,
			      unsigned *lead, uint32_t *saved)
{
	unsigned char pushed[PVPATCH_MAX_SITE_SIZE];
	unsigned n = 0, pos = 0, head;
	struct insn in;

	*saved = 0;
	for (;;) {
		int reg;

		if (pvpatch_insn_decode(&in, b + pos, size - pos))
			return 0;
		reg = plain_push_pop(&in, 0);
		if (reg < 0)
			break;
		if (reg == PVPATCH_REG_SP || (*saved & PVPATCH_REG_BIT(reg)))
			return 0;
		*saved |= PVPATCH_REG_BIT(reg);
		pushed[n++] = (unsigned char)reg;
		pos += in.len;
	}
	if (!n || !pvpatch_insn_is_call(&in))
		return 0;
	*lead = pos;
	head = in.len;
	for (pos += in.len; n && pos < size; pos += in.len)
		if (pvpatch_insn_decode(&in, b + pos, size - pos) ||
		    plain_push_pop(&in, 1) != pushed[--n])
			return 0;
	return !n && pos == size ? head : 0;
}
