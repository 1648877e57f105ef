/* SPDX-License-Identifier: MIT */
/*
 * What an implementation can become at a site: a call (if its clobbers,
 * from its pvpatch_impl records, fit the op), and inline code declared by
 * PVPATCH_INLINE or read from a tiny compiled body.  Freestanding.
 */
#include "core.h"

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
	static const char word[8][3] = { "ax", "cx", "dx", "bx",
					 "sp", "bp", "si", "di" };
	static const char low[8][4] = { "al", "cl", "dl", "bl",
					"spl", "bpl", "sil", "dil" };
	static const char high[4][3] = { "ah", "ch", "dh", "bh" };

	for (unsigned r = 0; r < 8; r++) {
		int wide = n == 3 && (t[0] == 'e' || (INSN_64 && t[0] == 'r')) &&
			   token_is(t + 1, 2, word[r]);

		if (wide || token_is(t, n, word[r]) ||
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
static int parse_clobbers(const char *s, const char *limit, uint32_t *mask)
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

struct shape {
	unsigned first_len;	/* bytes of its first instruction */
	unsigned char pad;	/* a neutral prefix for its first instruction */
	uint32_t writes;	/* the registers it leaves changed */
	/* For each of writes, the offset of the instruction that wrote it. */
	unsigned char written_at[PVPATCH_REG_COUNT];
	unsigned char bad_at;	/* if it cannot be used: the offending offset */
};

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
static int scan_code(const unsigned char *code, unsigned len, int frame_ok,
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
static unsigned first_write(const struct shape *sh, uint32_t regs)
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
static int tiny_body(const unsigned char *fn, size_t avail,
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

/* ---- Records ---- */

static const void *inline_impl(const struct pvpatch_inline *rec)
{
	const void *at = pvpatch_rel(&rec->impl);

	return (rec->flags & PVPATCH_INLINE_REF) ? *(void *const *)at : at;
}

static const unsigned char *inline_code(const struct pvpatch_inline *rec)
{
	return (const unsigned char *)pvpatch_rel(&rec->code);
}

static const char *inline_clobber_list(const struct pvpatch_inline *rec)
{
	return (const char *)pvpatch_rel(&rec->clobbers);
}

int pvpatch_check_impl(const struct pvpatch_object *obj,
		    const struct pvpatch_impl *rec)
{
	if (!pvpatch_object_holds(obj, (uintptr_t)pvpatch_rel(&rec->fn), 1,
			       PVPATCH_PROT_EXEC) ||
	    (rec->clobbers & ~CORE_CLOBBER_MASK))
		return PVPATCH_ERR_BAD_IMPL;
	return PVPATCH_OK;
}

/* The list may not run past the end of its segment. */
static int inline_clobbers(const struct pvpatch_object *obj,
			   const struct pvpatch_inline *rec, uint32_t *mask)
{
	const char *list = inline_clobber_list(rec);
	const struct pvpatch_range *r =
		pvpatch_range_of(obj, (uintptr_t)list, PVPATCH_PROT_READ);

	return r ? parse_clobbers(list, (const char *)r->end, mask) : -1;
}

int pvpatch_check_inline(const struct pvpatch_object *obj,
			 const struct pvpatch_inline *rec, const void **fault)
{
	struct shape sh;
	uint32_t mask;
	uintptr_t impl_field = (uintptr_t)pvpatch_rel(&rec->impl);
	int ref = rec->flags & PVPATCH_INLINE_REF;
	const unsigned char *code = inline_code(rec);

	*fault = rec;
	if (rec->version != PVPATCH_ABI_VERSION ||
	    (rec->flags & ~PVPATCH_INLINE_KNOWN_FLAGS) ||
	    rec->len > PVPATCH_MAX_SITE_SIZE ||
	    (ref && !pvpatch_word_aligned(impl_field)) ||
	    !pvpatch_object_holds(obj, impl_field, ref ? sizeof(void *) : 1,
				  PVPATCH_PROT_READ) ||
	    !pvpatch_object_holds(obj, (uintptr_t)code, rec->len,
				  PVPATCH_PROT_READ) ||
	    inline_clobbers(obj, rec, &mask))
		return PVPATCH_ERR_BAD_INLINE;
	if (scan_code(code, rec->len, 1, &sh)) {
		*fault = code + sh.bad_at;
		return PVPATCH_ERR_BAD_INLINE;
	}
	/* A record must declare what its code writes: one that does not is
	   wrong about something, so none of it is trusted. */
	if (sh.writes & ~mask) {
		*fault = code + first_write(&sh, sh.writes & ~mask);
		return PVPATCH_ERR_BAD_INLINE;
	}
	return PVPATCH_OK;
}

/* The union of impl's pvpatch_impl records; 0 if it has none. */
static int recorded_clobbers(const struct pvpatch_patcher *p, const void *impl,
			     uint32_t *mask)
{
	int found = 0;

	*mask = 0;
	for (unsigned i = 0; i < p->nobjects; i++) {
		const struct pvpatch_object *o = p->objects[i];

		for (const struct pvpatch_impl *r = o->impls; r < o->impls_end; r++) {
			if (pvpatch_rel(&r->fn) != impl)
				continue;
			*mask |= r->clobbers;
			found = 1;
		}
	}
	return found;
}

/* impl's first PVPATCH_INLINE record, and the object holding it. */
static const struct pvpatch_inline *
declared_inline(const struct pvpatch_patcher *p, const void *impl,
		const struct pvpatch_object **holder)
{
	for (unsigned i = 0; i < p->nobjects; i++) {
		const struct pvpatch_object *o = p->objects[i];

		for (const struct pvpatch_inline *r = o->inlines;
		     r < o->inlines_end; r++) {
			if (inline_impl(r) == impl) {
				*holder = o;
				return r;
			}
		}
	}
	return 0;
}

/* ---- Analysis ---- */

static void use_replacement(struct pvpatch_memo *m, const unsigned char *code,
			    unsigned len, const struct shape *sh)
{
	m->inline_code = code;
	m->inline_len = (unsigned char)len;
	m->inline_first = (unsigned char)sh->first_len;
	m->inline_pad = sh->pad;
}

/* A declared replacement clobbers what it declares, which init checked
   covers what the decoder sees it write. */
static void analyze_declared(const struct pvpatch_object *holder,
			     const struct pvpatch_inline *rec,
			     const struct pvpatch_op *op, struct pvpatch_memo *m)
{
	struct shape sh;
	uint32_t mask;

	if (inline_clobbers(holder, rec, &mask) ||
	    scan_code(inline_code(rec), rec->len, 1, &sh))
		return;		/* checked at init; cannot happen */
	if (!((mask | sh.writes) & ~op->clobbers))
		use_replacement(m, inline_code(rec), rec->len, &sh);
}

/* A tiny compiled body is inlined only if the decoder knows what every
   instruction of it writes; its record, if any, adds what the compiler
   says the function clobbers. */
static void analyze_body(const struct pvpatch_patcher *p, void *impl,
			 int has_record, uint32_t recorded,
			 const struct pvpatch_op *op, struct pvpatch_memo *m)
{
	uintptr_t end = pvpatch_segment_end(p, (uintptr_t)impl, PVPATCH_PROT_EXEC);
	const unsigned char *body;
	unsigned len;
	struct shape sh;
	uint32_t mask;

	if (!end || tiny_body(impl, end - (uintptr_t)impl, &body, &len) ||
	    scan_code(body, len, 0, &sh))
		return;
	mask = (has_record ? recorded : 0) | sh.writes;
	if (!(mask & ~op->clobbers))
		use_replacement(m, body, len, &sh);
}

void pvpatch_analyze(const struct pvpatch_patcher *p,
		     const struct pvpatch_op *op, void *impl, int own,
		     struct pvpatch_memo *m)
{
	const struct pvpatch_object *holder;
	const struct pvpatch_inline *rec = declared_inline(p, impl, &holder);
	uint32_t recorded;
	int has_record = recorded_clobbers(p, impl, &recorded);
	uint32_t as_called = has_record ? recorded : CORE_ABI_CLOBBERS;

	m->call_allowed = own || !(as_called & ~op->clobbers);
	m->inline_code = 0;
	if (rec)
		analyze_declared(holder, rec, op, m);
	else
		analyze_body(p, impl, has_record, recorded, op, m);
}
