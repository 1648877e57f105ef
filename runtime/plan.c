/* SPDX-License-Identifier: MIT */
/*
 * The planning stage: what each site holds after an operation.  Per op,
 * once: its binding, whether calling that keeps the op's clobber contract,
 * and the replacement code that does, declared (PVPATCH_INLINE) or read
 * from a tiny compiled body.  Per site: that code, NOPs, a direct call or
 * the original call, in the form the mode allows.  Freestanding;
 * docs/runtime.md explains the forms.
 */
#include "analyze.h"
#include "plan.h"

enum kind { KIND_INLINED, KIND_DIRECTED, KIND_NOPPED, KIND_LEFT };

/* ---- The walk ---- */

void pvpatch_walk_start(struct walk *w, struct pvpatch_patcher *p)
{
	*w = (struct walk){ .p = p };
}

int pvpatch_walk_object(struct walk *w)
{
	while (w->index == w->count) {
		struct pvpatch_object *o;

		if (w->object == w->p->nobjects)
			return 0;
		o = w->p->objects[w->object++];
		w->index = 0;
		w->count = pvpatch_work(o) ? pvpatch_site_count(o) : 0;
		w->sites = o->sites;
		w->work = pvpatch_work(o);
		if (w->work) {
			w->saved = w->work->saved;
			w->planned = w->work->planned;
		}
	}
	return 1;
}

/* ---- Site forms ---- */

#define CS_PREFIX 0x2e	/* pads a call: GCC's -mindirect-branch-cs-prefix form */

/* The site's original bytes into to; f: its op's own form, if known. */
static void put_original(const struct site *s, const struct own_form *f,
			 unsigned char *to)
{
	if (f && (*s->state & STATE_OWN_CALL) && s->size == OWN_FORM_SIZE) {
		uint64_t bytes = pvpatch_own_form_at(f, s->text);

		__builtin_memcpy(to, &bytes, OWN_FORM_SIZE);
		return;
	}
	if (!(*s->state & STATE_ASSEMBLED)) {
		pvpatch_copy(to, s->saved, s->size);
		return;
	}
	pvpatch_fill_tail_nops(to, s->size, s->head);
	if (*s->state & STATE_OWN_CALL)
		pvpatch_own_call(s->op, s->text, s->head, to);
	else
		pvpatch_copy(to, s->saved, s->head);
}

/* Whether the site's first bytes are its original call. */
static int original_head(const struct site *s)
{
	if (*s->state & STATE_OWN_CALL)
		return pvpatch_own_call(s->op, s->text, s->head, 0);
	return pvpatch_same(s->text, s->saved, s->head);
}

/* Whether the site's bytes after its head are the original NOPs. */
static int original_tail(const struct site *s)
{
	if (*s->state & STATE_ASSEMBLED)
		return pvpatch_tail_nops(s->text, s->size, s->head);
	return pvpatch_same(s->text + s->head, s->saved + s->head,
			    s->size - s->head);
}

static void fill_prefixes(unsigned char *to, unsigned n, unsigned char prefix)
{
	while (n--)
		*to++ = prefix;
}

/* A call rel32 ending at end reaches target (always, in 32-bit space). */
static int rel32_reaches(uintptr_t end, const void *target)
{
	intptr_t rel = (intptr_t)((uintptr_t)target - end);

	return (intptr_t)(int32_t)rel == rel;
}

static void put_call(unsigned char *at, uintptr_t end, const void *target)
{
	uint32_t rel = (uint32_t)((uintptr_t)target - end);

	at[0] = PVPATCH_CALL_REL32;
	for (int i = 0; i < 4; i++)
		at[1 + i] = (unsigned char)(rel >> (8 * i));
}

/* Every form below starts from the original bytes, which plan_site()
   has put in planned: leaving them is KIND_LEFT. */

/*
 * Head forms replace only the original call (one instruction, s->head
 * bytes) by one instruction of the same length, padded with prefixes;
 * the NOPs after it stay.  Every thread is then before the site, or after
 * the head whatever it executed (a call returns there): safe at any time,
 * the only forms live mode writes.  Wide forms, the code followed by the
 * longest NOPs, use the whole site without a redundant prefix: what
 * quiescent mode writes.
 */
static void head_nop(struct site *s)
{
	pvpatch_fill_nops(s->planned, s->head);
}

static void head_code(struct site *s, const unsigned char *code, unsigned len,
		      unsigned char pad)
{
	fill_prefixes(s->planned, s->head - len, pad);
	pvpatch_copy(s->planned + s->head - len, code, len);
}

static void head_call(struct site *s, const void *target)
{
	uintptr_t end = (uintptr_t)s->text + s->head;

	fill_prefixes(s->planned, s->head - PVPATCH_CALL_REL32_SIZE, CS_PREFIX);
	put_call(s->planned + s->head - PVPATCH_CALL_REL32_SIZE, end, target);
}

static void wide_code(struct site *s, const unsigned char *code, unsigned len)
{
	pvpatch_copy(s->planned, code, len);
	pvpatch_fill_nops(s->planned + len, s->size - len);
}

static void wide_call(struct site *s, const void *target)
{
	put_call(s->planned, (uintptr_t)s->text + PVPATCH_CALL_REL32_SIZE, target);
	pvpatch_fill_nops(s->planned + PVPATCH_CALL_REL32_SIZE,
			  s->size - PVPATCH_CALL_REL32_SIZE);
}

static int quiescent(const struct pvpatch_patcher *p)
{
	return p->mode == PVPATCH_MODE_QUIESCENT;
}

/* The memo's replacement, if it fits this site; -1 if not. */
static int plan_inline(const struct pvpatch_patcher *p,
		       const struct memo *m, struct site *s)
{
	unsigned len = m->inline_len;

	if (quiescent(p) && len <= s->size) {
		wide_code(s, m->inline_code, len);
		return len ? KIND_INLINED : KIND_NOPPED;
	}
	if (len == 0 && s->head <= LONGEST_NOP) {
		head_nop(s);
		return KIND_NOPPED;
	}
	if (len && m->inline_first == len && len <= s->head &&
	    (len == s->head || m->inline_pad)) {
		head_code(s, m->inline_code, len, m->inline_pad);
		return KIND_INLINED;
	}
	return -1;
}

static int plan_call(const struct pvpatch_patcher *p, const void *impl,
		     struct site *s)
{
	uintptr_t text = (uintptr_t)s->text;

	if (quiescent(p) && rel32_reaches(text + PVPATCH_CALL_REL32_SIZE, impl)) {
		wide_call(s, impl);
		return KIND_DIRECTED;
	}
	if (s->head >= PVPATCH_CALL_REL32_SIZE &&
	    rel32_reaches(text + s->head, impl)) {
		head_call(s, impl);
		return KIND_DIRECTED;
	}
	return -1;
}

static int wrapped(const struct site *s)
{
	return *s->state & STATE_WRAPPED;
}

/* The bytes a wrapped site's pushes put on the stack: a word for each
   saved register, which is pushed once (the bytes of the push
   instructions are another count: push %r8 takes two). */
static unsigned pushed_bytes(uint32_t saved)
{
	unsigned words = 0;

	for (; saved; saved &= saved - 1)
		words++;
	return words * (unsigned)sizeof(void *);
}

/* A call of impl at a site wrapped in push/pop pairs: in place of the
   whole site where impl keeps the site's contract and the stack is as
   aligned at the site's start as at its call, else in place of the call
   alone, the pushes and pops kept, where impl keeps the contract of the
   call (the site's clobbers and the registers saved around it).  Only
   when quiescent: live, its call is all that stays. */
static int plan_wrapped_call(struct pvpatch_patcher *p, const struct memo *m,
			     struct site *s)
{
	uintptr_t text = (uintptr_t)s->text;
	unsigned lead;
	uint32_t saved;

	if (!quiescent(p)) {
		if (m->left_calls_impl)
			return KIND_LEFT;
		p->fault = s->text;
		return PVPATCH_ERR_NOT_LIVE;
	}
	pvpatch_wrapped_form(s->saved, s->size, &lead, &saved);
	if (pushed_bytes(saved) % 16 == 0 && !(m->as_called & ~s->op->clobbers) &&
	    rel32_reaches(text + PVPATCH_CALL_REL32_SIZE, m->impl)) {
		wide_call(s, m->impl);
		return KIND_DIRECTED;
	}
	if (!m->own && (m->as_called & ~(s->op->clobbers | saved))) {
		p->fault = m->impl;
		return PVPATCH_ERR_CLOBBERS;
	}
	if (s->head < PVPATCH_CALL_REL32_SIZE ||
	    !rel32_reaches(text + lead + s->head, m->impl)) {
		p->fault = s->text;
		return PVPATCH_ERR_RANGE;
	}
	fill_prefixes(s->planned + lead, s->head - PVPATCH_CALL_REL32_SIZE, CS_PREFIX);
	put_call(s->planned + lead + s->head - PVPATCH_CALL_REL32_SIZE,
		 text + lead + s->head, m->impl);
	return KIND_DIRECTED;
}

/* Inline, NOPs, a direct call, or the original call, in that order. */
static int plan_binding(struct pvpatch_patcher *p, const struct memo *m,
			struct site *s)
{
	int kind = -1;

	if (!m->impl)
		return KIND_LEFT;	/* empty slot */
	if (m->inline_code && (!wrapped(s) || quiescent(p)))
		kind = plan_inline(p, m, s);
	if (kind >= 0)
		return kind;
	if (wrapped(s))
		return plan_wrapped_call(p, m, s);
	if (!m->call_allowed) {
		p->fault = m->impl;
		return PVPATCH_ERR_CLOBBERS;
	}
	kind = plan_call(p, m->impl, s);
	if (kind >= 0)
		return kind;
	if (m->left_calls_impl)
		return KIND_LEFT;
	p->fault = s->text;
	return PVPATCH_ERR_RANGE;
}

/* A site whose first byte is an int3 was left so by an operation whose
   writer failed: no planned content begins with one.  Every operation
   considers it, and finishes it like any changing site, which it already
   is: the int3 keeps every CPU out. */
static int left_trapped(const struct site *s)
{
	return s->text[0] == PVPATCH_INT3;
}

/* Whether the site holds one instruction of the original call's length
   followed by the original NOPs, the only contents live mode replaces, or
   is left trapped.  original: it holds its original bytes. */
static int holds_head_form(const struct site *s, int original)
{
	struct insn in;

	if (original)
		return 1;
	if (left_trapped(s) || !original_tail(s))
		return left_trapped(s);
	/* The original call needs no decoding: validation decoded it. */
	if (original_head(s))
		return 1;
	return !pvpatch_insn_decode(&in, s->text, s->size) && in.len == s->head;
}

/* ---- What an implementation can become ---- */

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
			if (pvpatch_inline_impl(r) == impl) {
				*holder = o;
				return r;
			}
		}
	}
	return 0;
}

static void use_replacement(struct memo *m, const unsigned char *code,
			    unsigned len, const struct shape *sh)
{
	m->inline_code = code;
	m->inline_len = (unsigned char)len;
	m->inline_first = (unsigned char)sh->first_len;
	m->inline_pad = sh->pad;
}

/* A declared replacement clobbers what it declares, which validation
   checked covers what the decoder sees it write. */
static void analyze_declared(const struct pvpatch_object *holder,
			     const struct pvpatch_inline *rec,
			     const struct pvpatch_op *op, struct memo *m)
{
	const unsigned char *code = pvpatch_rel(&rec->code);
	struct shape sh;
	uint32_t mask;

	if (pvpatch_inline_clobbers(holder, rec, &mask) ||
	    pvpatch_scan_code(code, rec->len, 1, &sh))
		return;
	if (!((mask | sh.writes) & ~op->clobbers))
		use_replacement(m, code, rec->len, &sh);
}

/* A tiny compiled body is inlined only if the decoder knows what every
   instruction of it writes; its record, if any, adds what the compiler
   says the function clobbers. */
static void analyze_body(const struct pvpatch_patcher *p, void *impl,
			 int has_record, uint32_t recorded,
			 const struct pvpatch_op *op, struct memo *m)
{
	uintptr_t end = pvpatch_segment_end(p->objects, p->nobjects,
					    (uintptr_t)impl, PVPATCH_PROT_EXEC);
	const unsigned char *body;
	unsigned len;
	struct shape sh;
	uint32_t mask;

	if (!end || pvpatch_tiny_body(impl, end - (uintptr_t)impl, &body, &len) ||
	    pvpatch_scan_code(body, len, 0, &sh))
		return;
	mask = (has_record ? recorded : 0) | sh.writes;
	if (!(mask & ~op->clobbers))
		use_replacement(m, body, len, &sh);
}

/* Whether a call of impl keeps op's clobber contract, and the inline
   replacement that keeps it, if any.  own: impl is the direct op's own
   function, which its sites already call. */
static void analyze_binding(const struct pvpatch_patcher *p,
			    const struct pvpatch_op *op, void *impl, int own,
			    struct memo *m)
{
	const struct pvpatch_object *holder;
	const struct pvpatch_inline *rec = declared_inline(p, impl, &holder);
	uint32_t recorded;
	int has_record = recorded_clobbers(p, impl, &recorded);
	uint32_t as_called = has_record ? recorded : CORE_ABI_CLOBBERS;

	m->call_allowed = own || !(as_called & ~op->clobbers);
	m->own = (unsigned char)own;
	m->as_called = as_called;
	m->inline_code = 0;
	if (rec)
		analyze_declared(holder, rec, op, m);
	else
		analyze_body(p, impl, has_record, recorded, op, m);
}

/* ---- Bindings ---- */

/* Whether the operation is about desc's sites. */
static int targets(const struct operation *op, const struct pvpatch_op *desc)
{
	return !op->only || pvpatch_op_target(desc) == op->only;
}

int pvpatch_slot_ok(struct pvpatch_patcher *p, const struct pvpatch_op *desc,
		    unsigned prot)
{
	uintptr_t slot = (uintptr_t)pvpatch_op_target(desc);
	uintptr_t end = pvpatch_segment_end(p->objects, p->nobjects, slot, prot);

	if (end && end - slot >= sizeof(void *) && pvpatch_word_aligned(slot))
		return 1;
	p->fault = desc;
	return 0;
}

static int read_slot(struct pvpatch_patcher *p, const struct pvpatch_op *desc,
		     void **value)
{
	if (!pvpatch_slot_ok(p, desc, PVPATCH_PROT_READ))
		return PVPATCH_ERR_BAD_OP;
	*value = __atomic_load_n((void *const *)pvpatch_op_target(desc),
				 __ATOMIC_ACQUIRE);
	return PVPATCH_OK;
}

static int binding_of(struct pvpatch_patcher *p, const struct operation *op,
		      const struct pvpatch_op *desc, void **impl)
{
	void *target = pvpatch_op_target(desc);

	if (op->only && target == op->only) {
		*impl = op->impl;
		return PVPATCH_OK;
	}
	if (desc->flags & PVPATCH_OP_INDIRECT)
		return read_slot(p, desc, impl);
	*impl = p->direct_binding ? p->direct_binding(p->binding_ctx, target) : 0;
	if (!*impl)
		*impl = target;
	return PVPATCH_OK;
}

/* The per-op part of a decision, worked out once per operation: the memo
   lives in the op's object, which holds its descriptor. */
static int memo_for(struct pvpatch_patcher *p, const struct operation *op,
		    const struct site *s, const struct memo **out)
{
	const struct pvpatch_op *desc = s->op;
	struct memo *m = &s->work->memo[((uintptr_t)desc / 4) % MEMO_SLOTS];
	int indirect = desc->flags & PVPATCH_OP_INDIRECT, own, err;

	if (m->op != desc) {
		m->op = 0;
		err = binding_of(p, op, desc, &m->impl);
		if (err)
			return err;
		own = !indirect && m->impl == pvpatch_op_target(desc);
		/* Its original call reaches impl: through the slot, which
		   holds impl once the operation is done, or as the op itself. */
		m->left_calls_impl = own || indirect;
		pvpatch_work_out_own_form(desc, &m->own_form);
		if (m->impl)
			analyze_binding(p, desc, m->impl, own, m);
		m->op = desc;
	}
	*out = m;
	return PVPATCH_OK;
}

/* ---- Planning ---- */

static void count(struct pvpatch_stats *st, int kind)
{
	if (kind == KIND_INLINED)
		st->inlined++;
	else if (kind == KIND_DIRECTED)
		st->directed++;
	else if (kind == KIND_NOPPED)
		st->nopped++;
	else
		st->left++;
}

static int plan_site(struct pvpatch_patcher *p, struct operation *op,
		     struct site *s)
{
	const struct memo *m = 0;
	int kind, err, original;

	if (op->goal != GOAL_REVERT) {
		err = memo_for(p, op, s, &m);
		if (err)
			return err;
	}
	put_original(s, m ? &m->own_form : 0, s->planned);
	original = pvpatch_same(s->planned, s->text, s->size);
	kind = op->goal == GOAL_REVERT ? KIND_LEFT : plan_binding(p, m, s);
	if (kind < 0)
		return kind;
	count(&p->stats, kind);
	if (pvpatch_same(s->planned, s->text, s->size))
		return PVPATCH_OK;
	if (!quiescent(p) && !holds_head_form(s, original)) {
		p->fault = s->text;
		return PVPATCH_ERR_NOT_LIVE;
	}
	*s->state |= STATE_CHANGING;
	op->changing++;
	return PVPATCH_OK;
}

static void forget_memos(struct pvpatch_patcher *p)
{
	for (unsigned i = 0; i < p->nobjects; i++) {
		struct object_work *w = pvpatch_work(p->objects[i]);

		for (unsigned j = 0; w && j < MEMO_SLOTS; j++)
			w->memo[j].op = 0;
	}
}

int pvpatch_plan(struct pvpatch_patcher *p, struct operation *op)
{
	struct walk w;
	struct site s;
	int err;

	forget_memos(p);
	pvpatch_walk_start(&w, p);
	while (pvpatch_walk_next(&w, &s)) {
		if (!targets(op, s.op) && !left_trapped(&s))
			continue;
		err = plan_site(p, op, &s);
		if (err)
			return err;
	}
	return PVPATCH_OK;
}

int pvpatch_find_op(struct pvpatch_patcher *p, struct operation *op)
{
	struct walk w;
	struct site s;

	pvpatch_walk_start(&w, p);
	while (pvpatch_walk_next(&w, &s)) {
		if (targets(op, s.op)) {
			op->found = s.op;
			return 1;
		}
	}
	return 0;
}
