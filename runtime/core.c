/* SPDX-License-Identifier: MIT */
/*
 * The freestanding core: validates an object's tables before anything is
 * written, decides what each site holds, and writes the changes in three
 * int3-first rounds.  No libc; i386 and x86-64.  docs/runtime.md explains
 * the decisions and the protocol.
 */
#include "core.h"

#define INT3 0xcc
#define CS_PREFIX 0x2e	/* pads a call: GCC's -mindirect-branch-cs-prefix form */
#define CALL_REL32 0xe8
#define LONGEST_NOP 11

enum kind { KIND_INLINED, KIND_DIRECTED, KIND_NOPPED, KIND_LEFT };

/* struct pvpatch_object.state: the head length, and a flag set while an
   operation is changing the site. */
#define STATE_HEAD 0x7f
#define STATE_CHANGING 0x80

const struct pvpatch_range *pvpatch_range_of(const struct pvpatch_object *obj,
					     uintptr_t addr, unsigned prot)
{
	for (unsigned i = 0; i < obj->nranges; i++) {
		const struct pvpatch_range *r = &obj->ranges[i];

		if ((r->prot & prot) == prot && addr >= r->begin && addr < r->end)
			return r;
	}
	return 0;
}

int pvpatch_object_holds(const struct pvpatch_object *obj, uintptr_t addr,
			 size_t len, unsigned prot)
{
	const struct pvpatch_range *r = pvpatch_range_of(obj, addr, prot);

	return r && len <= r->end - addr;
}

uintptr_t pvpatch_segment_end(const struct pvpatch_patcher *p, uintptr_t addr,
			      unsigned prot)
{
	for (unsigned i = 0; i < p->nobjects; i++) {
		const struct pvpatch_range *r =
			pvpatch_range_of(p->objects[i], addr, prot);

		if (r)
			return r->end;
	}
	return 0;
}

/* ---- NOPs ---- */

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

static void fill_nops(unsigned char *to, unsigned n)
{
	while (n) {
		unsigned len = n < LONGEST_NOP ? n : LONGEST_NOP;

		pvpatch_copy(to, nops[len], len);
		to += len;
		n -= len;
	}
}

/* Whether n bytes are the NOPs fill_nops() (and GAS's .nops) would put
   there: the common case, checked without decoding. */
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

/* ---- Object validation ---- */

static size_t site_count(const struct pvpatch_object *obj)
{
	return (size_t)(obj->sites_end - obj->sites);
}

/* A note's bounds: ordered, aligned, whole records, in a readable segment. */
static int table_ok(const struct pvpatch_object *obj, const void *begin,
		    const void *end, size_t record)
{
	uintptr_t b = (uintptr_t)begin, e = (uintptr_t)end;

	if (b == e)
		return 1;
	return b < e && b % 4 == 0 && (e - b) % record == 0 &&
	       pvpatch_object_holds(obj, b, e - b, PVPATCH_PROT_READ);
}

static int check_op(const struct pvpatch_object *obj,
		    const struct pvpatch_op *op)
{
	uintptr_t ref;

	if ((uintptr_t)op % 4 ||
	    !pvpatch_object_holds(obj, (uintptr_t)op, sizeof(*op), PVPATCH_PROT_READ))
		return PVPATCH_ERR_BAD_OP;
	if (op->version != PVPATCH_ABI_VERSION || op->reserved ||
	    (op->flags & ~PVPATCH_OP_KNOWN_FLAGS) ||
	    (op->flags & PVPATCH_OP_I386) != CORE_OP_WIDTH_FLAG ||
	    op->size < PVPATCH_CALL_REL32_SIZE ||
	    (op->clobbers & ~CORE_CLOBBER_MASK))
		return PVPATCH_ERR_BAD_OP;
	if (!(op->flags & PVPATCH_OP_REF))
		return PVPATCH_OK;
	/* A REF word is read now; a slot only when it is read or written. */
	ref = (uintptr_t)pvpatch_rel(&op->target);
	if (!pvpatch_word_aligned(ref) ||
	    !pvpatch_object_holds(obj, ref, sizeof(void *), PVPATCH_PROT_READ))
		return PVPATCH_ERR_BAD_OP;
	return PVPATCH_OK;
}

int pvpatch_object_measure(const struct pvpatch_object *obj, size_t *work_size,
			   const void **fault)
{
	size_t bytes = 0;
	int err;

	*fault = obj->sites;
	if (!table_ok(obj, obj->sites, obj->sites_end, sizeof(*obj->sites)) ||
	    !table_ok(obj, obj->impls, obj->impls_end, sizeof(*obj->impls)) ||
	    !table_ok(obj, obj->inlines, obj->inlines_end, sizeof(*obj->inlines)))
		return PVPATCH_ERR_BAD_NOTE;
	for (const struct pvpatch_site *s = obj->sites; s < obj->sites_end; s++) {
		const struct pvpatch_op *op = pvpatch_site_op(s);

		/* Sites of one op tend to be neighbours: check it once. */
		if (s == obj->sites || op != pvpatch_site_op(s - 1)) {
			*fault = op;
			err = check_op(obj, op);
			if (err)
				return err;
		}
		bytes += op->size;
	}
	*fault = 0;
	/* The index, a state byte and a parked first byte per site, then
	   the saved and the planned bytes of every site. */
	*work_size = site_count(obj) * (sizeof(uint32_t) + 2) + 2 * bytes;
	*work_size = (*work_size + 3) & ~(size_t)3;
	return PVPATCH_OK;
}

static uintptr_t addr_of(const struct pvpatch_object *obj, uint32_t index)
{
	return (uintptr_t)pvpatch_site_addr(&obj->sites[index]);
}

static void sift_down(const struct pvpatch_object *obj, uint32_t *a,
		      size_t root, size_t n)
{
	for (size_t child; (child = 2 * root + 1) < n; root = child) {
		if (child + 1 < n && addr_of(obj, a[child]) < addr_of(obj, a[child + 1]))
			child++;
		if (addr_of(obj, a[root]) >= addr_of(obj, a[child]))
			return;
		uint32_t t = a[root];
		a[root] = a[child];
		a[child] = t;
	}
}

/* The table's index of the i-th site in address order. */
static inline uint32_t nth_site(const struct pvpatch_object *obj, size_t i)
{
	return obj->by_addr ? obj->by_addr[i] : (uint32_t)i;
}

/* Tables usually come in address order and need no index (by_addr stays
   NULL); others get one, heap-sorted in place in the space reserved. */
static void sort_by_addr(struct pvpatch_object *obj, uint32_t *a)
{
	size_t n = site_count(obj);

	obj->by_addr = 0;
	for (size_t i = 1; i < n; i++)
		if (addr_of(obj, (uint32_t)i - 1) > addr_of(obj, (uint32_t)i))
			obj->by_addr = a;
	if (!obj->by_addr)
		return;
	for (size_t i = 0; i < n; i++)
		a[i] = (uint32_t)i;
	for (size_t i = n / 2; i-- > 0;)
		sift_down(obj, a, i, n);
	for (size_t end = n; end-- > 1;) {
		uint32_t t = a[0];
		a[0] = a[end];
		a[end] = t;
		sift_down(obj, a, 0, end);
	}
}

/* The length of the call a site starts with, or 0. */
static unsigned call_length(const unsigned char *b, unsigned size)
{
	struct insn in;

	/* The forms nearly every site has, without decoding. */
	if (b[0] == CALL_REL32)
		return PVPATCH_CALL_REL32_SIZE;
	if (b[0] == 0xff && b[1] == 0x15)	/* call *disp32(%rip) or *abs32 */
		return 6;
	if (pvpatch_insn_decode(&in, b, size) || !pvpatch_insn_is_call(&in))
		return 0;
	return in.len;
}

/* Exactly one call followed by NOPs that end at the site's end: the
   length of the call, or 0. */
static unsigned call_then_nops(const unsigned char *b, unsigned size)
{
	struct insn in;
	unsigned pos, head = call_length(b, size);

	if (!head)
		return 0;
	if (nops_as_assembled(b + head, size - head))
		return head;
	for (pos = head; pos < size; pos += in.len)
		if (pvpatch_insn_decode(&in, b + pos, size - pos) ||
		    !pvpatch_insn_is_nop(&in))
			return 0;
	return head;
}

/* Also records each site's head (the length of its call) and keeps its
   original bytes, while they are in the cache. */
static int check_sites(struct pvpatch_object *obj, const void **fault)
{
	uintptr_t prev_end = 0;
	unsigned char *saved = obj->saved;

	for (size_t i = 0; i < site_count(obj); i++) {
		const struct pvpatch_site *s = &obj->sites[nth_site(obj, i)];
		uintptr_t addr = (uintptr_t)pvpatch_site_addr(s);
		unsigned size = pvpatch_site_op(s)->size;

		*fault = (const void *)addr;
		if (!pvpatch_object_holds(obj, addr, size, PVPATCH_PROT_EXEC))
			return PVPATCH_ERR_SITE_RANGE;
		if (i && addr < prev_end)
			return PVPATCH_ERR_OVERLAP;
		obj->state[i] = (unsigned char)call_then_nops((const void *)addr, size);
		if (!obj->state[i])
			return PVPATCH_ERR_SITE_BYTES;
		pvpatch_copy(saved, (const void *)addr, size);
		saved += size;
		prev_end = addr + size;
	}
	return PVPATCH_OK;
}

static int check_records(const struct pvpatch_object *obj, const void **fault)
{
	for (const struct pvpatch_impl *r = obj->impls; r < obj->impls_end; r++) {
		*fault = r;
		if (pvpatch_check_impl(obj, r))
			return PVPATCH_ERR_BAD_IMPL;
	}
	for (const struct pvpatch_inline *r = obj->inlines; r < obj->inlines_end;
	     r++) {
		if (pvpatch_check_inline(obj, r, fault))
			return PVPATCH_ERR_BAD_INLINE;
	}
	return PVPATCH_OK;
}

int pvpatch_object_init(struct pvpatch_object *obj, void *work,
			size_t work_size, const void **fault)
{
	size_t needed, n = site_count(obj), bytes;
	int err = pvpatch_object_measure(obj, &needed, fault);

	if (err)
		return err;
	if (work_size < needed || (uintptr_t)work % 4) {
		*fault = work;
		return PVPATCH_ERR_INVAL;
	}
	bytes = (needed - n * (sizeof(uint32_t) + 2)) / 2;
	obj->state = (unsigned char *)((uint32_t *)work + n);
	obj->first = obj->state + n;
	obj->saved = obj->first + n;
	obj->planned = obj->saved + bytes;
	sort_by_addr(obj, work);
	err = check_sites(obj, fault);
	if (!err)
		err = check_records(obj, fault);
	if (err)
		return err;
	*fault = 0;
	return PVPATCH_OK;
}

int pvpatch_object_site_at(const struct pvpatch_object *obj, uintptr_t addr)
{
	size_t lo = 0, hi = site_count(obj);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uintptr_t a = addr_of(obj, nth_site(obj, mid));

		if (a == addr)
			return 1;
		if (a < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* ---- Site contents ---- */

/* One site during an operation. */
struct site {
	const struct pvpatch_op *op;
	unsigned char *text;
	unsigned size;
	unsigned head;			/* length of the original call */
	unsigned char *state;		/* in the object's state array */
	unsigned char *first;		/* where its first byte is parked */
	const unsigned char *saved;	/* original bytes */
	unsigned char *planned;		/* what the operation will write */
};

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

	at[0] = CALL_REL32;
	for (int i = 0; i < 4; i++)
		at[1 + i] = (unsigned char)(rel >> (8 * i));
}

static int plan_original(struct site *s)
{
	pvpatch_copy(s->planned, s->saved, s->size);
	return KIND_LEFT;
}

/*
 * Head forms replace only the original call (one instruction, s->head
 * bytes) by one instruction of the same length; the NOPs after it stay.
 * Every thread is then before the site, or after the head whatever it
 * executed (a call returns there): safe at any time.  Wide forms use the
 * whole site and are for quiescent mode only.
 */
static void head_nop(struct site *s)
{
	pvpatch_copy(s->planned, s->saved, s->size);
	fill_nops(s->planned, s->head);
}

static void head_code(struct site *s, const unsigned char *code, unsigned len,
		      unsigned char pad)
{
	pvpatch_copy(s->planned, s->saved, s->size);
	fill_prefixes(s->planned, s->head - len, pad);
	pvpatch_copy(s->planned + s->head - len, code, len);
}

static void head_call(struct site *s, const void *target)
{
	uintptr_t end = (uintptr_t)s->text + s->head;

	pvpatch_copy(s->planned, s->saved, s->size);
	fill_prefixes(s->planned, s->head - PVPATCH_CALL_REL32_SIZE, CS_PREFIX);
	put_call(s->planned + s->head - PVPATCH_CALL_REL32_SIZE, end, target);
}

static void wide_code(struct site *s, const unsigned char *code, unsigned len)
{
	pvpatch_copy(s->planned, code, len);
	fill_nops(s->planned + len, s->size - len);
}

static void wide_call(struct site *s, const void *target)
{
	put_call(s->planned, (uintptr_t)s->text + PVPATCH_CALL_REL32_SIZE, target);
	fill_nops(s->planned + PVPATCH_CALL_REL32_SIZE,
		  s->size - PVPATCH_CALL_REL32_SIZE);
}

static int quiescent(const struct pvpatch_patcher *p)
{
	return p->mode == PVPATCH_MODE_QUIESCENT;
}

/* The memo's replacement, if it fits this site; -1 if not. */
static int plan_inline(const struct pvpatch_patcher *p,
		       const struct pvpatch_memo *m, struct site *s)
{
	unsigned len = m->inline_len;
	int one_insn = m->inline_first == len;

	if (len == 0 && s->head <= LONGEST_NOP) {
		head_nop(s);
		return KIND_NOPPED;
	}
	if (len && one_insn && len <= s->head &&
	    (len == s->head || m->inline_pad)) {
		head_code(s, m->inline_code, len, m->inline_pad);
		return KIND_INLINED;
	}
	if (!quiescent(p) || len > s->size)
		return -1;
	wide_code(s, m->inline_code, len);
	return len ? KIND_INLINED : KIND_NOPPED;
}

static int plan_call(const struct pvpatch_patcher *p, const void *impl,
		     struct site *s)
{
	uintptr_t text = (uintptr_t)s->text;

	if (s->head >= PVPATCH_CALL_REL32_SIZE &&
	    rel32_reaches(text + s->head, impl)) {
		head_call(s, impl);
		return KIND_DIRECTED;
	}
	if (quiescent(p) && rel32_reaches(text + PVPATCH_CALL_REL32_SIZE, impl)) {
		wide_call(s, impl);
		return KIND_DIRECTED;
	}
	return -1;
}

/* Inline, NOPs, a direct call, or the original call, in that order. */
static int plan_binding(struct pvpatch_patcher *p, const struct pvpatch_memo *m,
			struct site *s)
{
	int kind = -1;

	if (!m->impl)
		return plan_original(s);	/* empty slot */
	if (m->inline_code)
		kind = plan_inline(p, m, s);
	if (kind >= 0)
		return kind;
	if (!m->call_allowed) {
		p->fault = m->impl;
		return PVPATCH_ERR_CLOBBERS;
	}
	kind = plan_call(p, m->impl, s);
	if (kind >= 0)
		return kind;
	if (m->left_calls_impl)
		return plan_original(s);
	p->fault = s->text;
	return PVPATCH_ERR_RANGE;
}

/* A site whose first byte is an int3 was left so by an operation whose
   writer failed: no planned content begins with one.  Every operation
   considers it, and finishes it like any changing site, which it already
   is: the int3 keeps every CPU out. */
static int left_trapped(const struct site *s)
{
	return s->text[0] == INT3;
}

/* Whether the site holds one instruction of the original call's length
   followed by the original NOPs, the only contents live mode replaces, or
   is left trapped. */
static int holds_head_form(const struct site *s)
{
	struct insn in;

	if (pvpatch_same(s->text, s->saved, s->size) || left_trapped(s))
		return 1;
	return !pvpatch_insn_decode(&in, s->text, s->size) && in.len == s->head &&
	       pvpatch_same(s->text + s->head, s->saved + s->head,
			    s->size - s->head);
}

/* ---- Operations ---- */

enum goal { GOAL_BIND, GOAL_REVERT };

struct operation {
	enum goal goal;
	const void *only;	/* only sites of the op with this target */
	void *impl;		/* with only: the binding they get */
	const struct pvpatch_op *found;	/* set by find_op() */
	size_t changing;	/* sites the plan changes */
};

/* Whether the operation is about desc's sites. */
static int targets(const struct operation *op, const struct pvpatch_op *desc)
{
	return !op->only || pvpatch_op_target(desc) == op->only;
}

static int considered(const struct operation *op, const struct site *s)
{
	return targets(op, s->op) || left_trapped(s);
}

/* Every site of every object, in address order within each object.  The
   current object's arrays are copied in so they can live in registers. */
struct walk {
	struct pvpatch_patcher *p;
	unsigned object;		/* the next one */
	size_t index, count;
	const struct pvpatch_site *sites;
	const uint32_t *by_addr;
	unsigned char *state, *first, *saved, *planned;
};

static void walk_start(struct walk *w, struct pvpatch_patcher *p)
{
	*w = (struct walk){ .p = p };
}

static inline int walk_next(struct walk *w, struct site *s)
{
	const struct pvpatch_site *e;
	size_t j;

	while (w->index == w->count) {
		struct pvpatch_object *o;

		if (w->object == w->p->nobjects)
			return 0;
		o = w->p->objects[w->object++];
		w->index = 0;
		w->count = site_count(o);
		w->sites = o->sites;
		w->by_addr = o->by_addr;
		w->state = o->state;
		w->first = o->first;
		w->saved = o->saved;
		w->planned = o->planned;
	}
	j = w->index++;
	e = &w->sites[w->by_addr ? w->by_addr[j] : j];
	s->op = pvpatch_site_op(e);
	s->text = pvpatch_site_addr(e);
	s->size = s->op->size;
	s->head = w->state[j] & STATE_HEAD;
	s->state = &w->state[j];
	s->first = &w->first[j];
	s->saved = w->saved;
	s->planned = w->planned;
	w->saved += s->size;
	w->planned += s->size;
	return 1;
}

/* A visitor returns 0 to go on, anything else to stop the walk with it. */
typedef int (*site_fn)(struct pvpatch_patcher *p, struct operation *op,
		       struct site *s);

/* Visit every considered site. */
static int for_each_site(struct pvpatch_patcher *p, struct operation *op,
			 site_fn fn)
{
	struct walk w;
	struct site s;
	int stop;

	walk_start(&w, p);
	while (walk_next(&w, &s)) {
		if (!considered(op, &s))
			continue;
		stop = fn(p, op, &s);
		if (stop)
			return stop;
	}
	return 0;
}

/* Whether desc's slot is an aligned word wholly inside one segment, with
   all of prot, of some object (maybe not the descriptor's). */
static int slot_ok(struct pvpatch_patcher *p, const struct pvpatch_op *desc,
		   unsigned prot)
{
	uintptr_t slot = (uintptr_t)pvpatch_op_target(desc);
	uintptr_t end = pvpatch_segment_end(p, slot, prot);

	if (end && end - slot >= sizeof(void *) && pvpatch_word_aligned(slot))
		return 1;
	p->fault = desc;
	return 0;
}

static int read_slot(struct pvpatch_patcher *p, const struct pvpatch_op *desc,
		     void **value)
{
	if (!slot_ok(p, desc, PVPATCH_PROT_READ))
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

/* The per-op part of a decision, computed once per operation. */
static int memo_for(struct pvpatch_patcher *p, const struct operation *op,
		    const struct pvpatch_op *desc, const struct pvpatch_memo **out)
{
	struct pvpatch_memo *m =
		&p->memo[((uintptr_t)desc / 4) % PVPATCH_MEMO_SLOTS];
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
		if (m->impl)
			pvpatch_analyze(p, desc, m->impl, own, m);
		m->op = desc;
	}
	*out = m;
	return PVPATCH_OK;
}

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
	const struct pvpatch_memo *m;
	int kind, err;

	if (op->goal == GOAL_REVERT) {
		kind = plan_original(s);
	} else {
		err = memo_for(p, op, s->op, &m);
		if (err)
			return err;
		kind = plan_binding(p, m, s);
		if (kind < 0)
			return kind;
	}
	count(&p->stats, kind);
	if (pvpatch_same(s->planned, s->text, s->size))
		return PVPATCH_OK;
	if (!quiescent(p) && !holds_head_form(s)) {
		p->fault = s->text;
		return PVPATCH_ERR_NOT_LIVE;
	}
	*s->state |= STATE_CHANGING;
	*s->first = s->planned[0];
	s->planned[0] = INT3;
	op->changing++;
	return PVPATCH_OK;
}

/*
 * Writing: round 1 puts an int3 on the first byte of each changing site;
 * round 2 writes the other bytes, which no CPU can now reach; round 3 the
 * first byte.  Each round ends with sync(), so every CPU has dropped the
 * old bytes before the next round.
 *
 * Each round writes runs of adjacent changing sites, rewriting the bytes
 * it does not change with their current value.  Round 1 copies the text
 * with int3s in place into p->chunk, a writer call per chunk; rounds 2
 * and 3 write the planned bytes in place, one call per run: planning
 * parked each first byte and put an int3 instead, which round 2 rewrites
 * as it is and round 3 replaces by the parked byte.
 */
enum round { ROUND_TRAP, ROUND_TAIL, ROUND_HEAD };

static int write_text(struct pvpatch_patcher *p, void *dst, const void *src,
		      size_t len)
{
	if (!p->writer.write(p->writer.ctx, dst, src, len))
		return PVPATCH_OK;
	p->fault = dst;
	return PVPATCH_ERR_WRITE;
}

static int sync_text(struct pvpatch_patcher *p)
{
	if (!p->writer.sync(p->writer.ctx))
		return PVPATCH_OK;
	p->fault = 0;
	return PVPATCH_ERR_SYNC;
}

static int changing(const struct site *s)
{
	return *s->state & STATE_CHANGING;
}

static void clear_changing(struct pvpatch_patcher *p)
{
	struct walk w;
	struct site s;

	walk_start(&w, p);
	while (walk_next(&w, &s))
		*s.state &= STATE_HEAD;
}

/* Whether site s can join a run of len bytes at text. */
static int extends_run(const struct pvpatch_patcher *p, enum round r,
		       const unsigned char *text, size_t len, const struct site *s)
{
	return text + len == s->text &&
	       (r != ROUND_TRAP || len + s->size <= sizeof(p->chunk));
}

static int write_round(struct pvpatch_patcher *p, enum round r)
{
	struct walk w;
	struct site s;
	unsigned char *text = 0, *from = 0;
	size_t len = 0;
	int err = PVPATCH_OK;

	walk_start(&w, p);
	while (!err && walk_next(&w, &s)) {
		if (!changing(&s))
			continue;
		if (len && !extends_run(p, r, text, len, &s)) {
			err = write_text(p, text, from, len);
			len = 0;
		}
		if (!len) {
			text = s.text;
			from = r == ROUND_TRAP ? p->chunk : s.planned;
		}
		if (r == ROUND_TRAP) {
			pvpatch_copy(p->chunk + len, s.text, s.size);
			p->chunk[len] = INT3;
		} else if (r == ROUND_HEAD) {
			s.planned[0] = *s.first;
			*s.state &= STATE_HEAD;	/* the last look at it */
		}
		len += s.size;
	}
	if (!err && len)
		err = write_text(p, text, from, len);
	return err ? err : sync_text(p);
}

static int write_rounds(struct pvpatch_patcher *p)
{
	int err = PVPATCH_OK;

	for (enum round r = ROUND_TRAP; !err && r <= ROUND_HEAD; r++)
		err = write_round(p, r);
	return err;
}

static int run(struct pvpatch_patcher *p, struct operation *op)
{
	int err;

	p->stats = (struct pvpatch_stats){ 0, 0, 0, 0 };
	p->fault = 0;
	for (unsigned i = 0; i < PVPATCH_MEMO_SLOTS; i++)
		p->memo[i].op = 0;
	/* Flags are clear between operations: the last round clears them. */
	err = for_each_site(p, op, plan_site);
	if (!err && op->changing)
		err = write_rounds(p);
	if (err)
		clear_changing(p);
	return err;
}

int pvpatch_core_apply(struct pvpatch_patcher *p)
{
	struct operation op = { GOAL_BIND, 0, 0, 0, 0 };

	return run(p, &op);
}

int pvpatch_core_revert(struct pvpatch_patcher *p)
{
	struct operation op = { GOAL_REVERT, 0, 0, 0, 0 };

	return run(p, &op);
}

static int find_op(struct pvpatch_patcher *p, struct operation *op,
		   struct site *s)
{
	(void)p;
	if (!targets(op, s->op))
		return 0;	/* a left-trapped site of another op */
	op->found = s->op;
	return 1;
}

int pvpatch_core_bind(struct pvpatch_patcher *p, void *target, void *impl)
{
	struct operation op = { GOAL_BIND, target, impl, 0, 0 };
	int err;

	p->fault = 0;
	if (!target || !impl)
		return PVPATCH_ERR_INVAL;
	if (!for_each_site(p, &op, find_op))
		return PVPATCH_ERR_UNKNOWN_OP;
	if ((op.found->flags & PVPATCH_OP_INDIRECT) &&
	    !slot_ok(p, op.found, PVPATCH_PROT_READ | PVPATCH_PROT_WRITE))
		return PVPATCH_ERR_BAD_OP;
	err = run(p, &op);
	if (err || !(op.found->flags & PVPATCH_OP_INDIRECT))
		return err;
	/* After the sites: none calls through the slot to impl before its
	   own contract was checked. */
	__atomic_store_n((void **)target, impl, __ATOMIC_RELEASE);
	return PVPATCH_OK;
}

const char *pvpatch_strerror(int err)
{
	switch (err) {
	case PVPATCH_OK:
		return "success";
	case PVPATCH_ERR_BAD_NOTE:
		return "a pvpatch note does not bound a table inside its object";
	case PVPATCH_ERR_BAD_OP:
		return "an op descriptor has an unknown version, flags or clobbers, "
		       "a size below 5, or a target outside its object";
	case PVPATCH_ERR_SITE_RANGE:
		return "a site lies outside the executable segments of its object";
	case PVPATCH_ERR_SITE_BYTES:
		return "a site is not one call instruction followed by NOPs";
	case PVPATCH_ERR_OVERLAP:
		return "two sites overlap";
	case PVPATCH_ERR_BAD_IMPL:
		return "an implementation record is malformed";
	case PVPATCH_ERR_BAD_INLINE:
		return "a PVPATCH_INLINE record is malformed or its code cannot be "
		       "moved into a site";
	case PVPATCH_ERR_INVAL:
		return "invalid argument";
	case PVPATCH_ERR_UNKNOWN_OP:
		return "no site table names this op";
	case PVPATCH_ERR_CLOBBERS:
		return "the implementation clobbers registers the op must preserve";
	case PVPATCH_ERR_RANGE:
		return "a call rel32 at a site cannot reach the implementation";
	case PVPATCH_ERR_NOT_LIVE:
		return "a site holds code only a quiescent patch may replace";
	case PVPATCH_ERR_NOMEM:
		return "out of memory";
	case PVPATCH_ERR_WRITE:
		return "writing text failed";
	case PVPATCH_ERR_SYNC:
		return "serializing the other CPUs failed";
	default:
		return "unknown pvpatch status";
	}
}
