/* SPDX-License-Identifier: MIT */
/*
 * The freestanding core: validates an object's tables before anything is
 * written, decides what each site holds, and writes the changes in three
 * int3-first rounds.  No libc; i386 and x86-64.  docs/runtime.md explains
 * the decisions and the protocol.
 */
#include "core.h"

#define INT3 0xcc
#define CS_PREFIX 0x2e
#define CALL_REL32 0xe8
#define LONGEST_NOP 11

enum kind { KIND_INLINED, KIND_DIRECTED, KIND_NOPPED, KIND_LEFT };

void pvpatch_copy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
}

int pvpatch_same(const void *a, const void *b, size_t n)
{
	const unsigned char *x = a, *y = b;

	while (n--)
		if (*x++ != *y++)
			return 0;
	return 1;
}

int pvpatch_object_holds(const struct pvpatch_object *obj, uintptr_t addr,
		      size_t len, unsigned prot)
{
	for (unsigned i = 0; i < obj->nranges; i++) {
		const struct pvpatch_range *r = &obj->ranges[i];

		if ((r->prot & prot) == prot && addr >= r->begin &&
		    addr < r->end && len <= r->end - addr)
			return 1;
	}
	return 0;
}

uintptr_t pvpatch_segment_end(const struct pvpatch_patcher *p, uintptr_t addr,
			   unsigned prot)
{
	for (unsigned i = 0; i < p->nobjects; i++) {
		const struct pvpatch_object *o = p->objects[i];

		for (unsigned j = 0; j < o->nranges; j++) {
			const struct pvpatch_range *r = &o->ranges[j];

			if ((r->prot & prot) == prot && addr >= r->begin &&
			    addr < r->end)
				return r->end;
		}
	}
	return 0;
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

static int check_op(const struct pvpatch_object *obj, const struct pvpatch_op *op)
{
	uintptr_t target = (uintptr_t)pvpatch_rel(&op->target);
	size_t target_size = (op->flags & PVPATCH_OP_REF) ? sizeof(void *) : 1;

	if ((uintptr_t)op % 4 ||
	    !pvpatch_object_holds(obj, (uintptr_t)op, sizeof(*op), PVPATCH_PROT_READ))
		return PVPATCH_ERR_BAD_OP;
	if (op->version != PVPATCH_ABI_VERSION || op->reserved ||
	    (op->flags & ~PVPATCH_OP_KNOWN_FLAGS) ||
	    (op->flags & PVPATCH_OP_I386) != CORE_OP_WIDTH_FLAG ||
	    op->size < PVPATCH_CALL_REL32_SIZE ||
	    (op->clobbers & ~CORE_CLOBBER_MASK))
		return PVPATCH_ERR_BAD_OP;
	/* A REF word is read now; a slot only when a site needs its value. */
	if ((op->flags & PVPATCH_OP_REF) &&
	    !pvpatch_object_holds(obj, target, target_size, PVPATCH_PROT_READ))
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
		*fault = pvpatch_site_op(s);
		err = check_op(obj, pvpatch_site_op(s));
		if (err)
			return err;
		bytes += pvpatch_site_op(s)->size;
	}
	*fault = 0;
	/* The index, then the saved and the planned bytes of every site. */
	*work_size = site_count(obj) * sizeof(uint32_t) + 2 * bytes;
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

/* Tables usually come in address order; others are heap-sorted in place. */
static void sort_by_addr(struct pvpatch_object *obj)
{
	uint32_t *a = obj->by_addr;
	size_t n = site_count(obj), sorted = 1;

	for (size_t i = 0; i < n; i++) {
		a[i] = (uint32_t)i;
		if (i && addr_of(obj, (uint32_t)i - 1) > addr_of(obj, (uint32_t)i))
			sorted = 0;
	}
	if (sorted)
		return;
	for (size_t i = n / 2; i-- > 0;)
		sift_down(obj, a, i, n);
	for (size_t end = n; end-- > 1;) {
		uint32_t t = a[0];
		a[0] = a[end];
		a[end] = t;
		sift_down(obj, a, 0, end);
	}
}

/* Exactly one call followed by NOPs that end at the site's end. */
static int site_bytes_ok(const unsigned char *b, unsigned size)
{
	struct insn in;
	unsigned pos;

	if (pvpatch_insn_decode(&in, b, size) || !pvpatch_insn_is_call(&in))
		return 0;
	for (pos = in.len; pos < size; pos += in.len)
		if (pvpatch_insn_decode(&in, b + pos, size - pos) || !pvpatch_insn_is_nop(&in))
			return 0;
	return 1;
}

static int check_sites(const struct pvpatch_object *obj, const void **fault)
{
	uintptr_t prev_end = 0;

	for (size_t i = 0; i < site_count(obj); i++) {
		const struct pvpatch_site *s = &obj->sites[obj->by_addr[i]];
		uintptr_t addr = (uintptr_t)pvpatch_site_addr(s);
		unsigned size = pvpatch_site_op(s)->size;

		*fault = (const void *)addr;
		if (!pvpatch_object_holds(obj, addr, size, PVPATCH_PROT_EXEC))
			return PVPATCH_ERR_SITE_RANGE;
		if (i && addr < prev_end)
			return PVPATCH_ERR_OVERLAP;
		if (!site_bytes_ok((const unsigned char *)addr, size))
			return PVPATCH_ERR_SITE_BYTES;
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
	for (const struct pvpatch_inline *r = obj->inlines; r < obj->inlines_end; r++) {
		*fault = r;
		if (pvpatch_check_inline(obj, r))
			return PVPATCH_ERR_BAD_INLINE;
	}
	return PVPATCH_OK;
}

static void save_sites(struct pvpatch_object *obj)
{
	unsigned char *to = obj->saved;

	for (size_t i = 0; i < site_count(obj); i++) {
		const struct pvpatch_site *s = &obj->sites[obj->by_addr[i]];
		unsigned size = pvpatch_site_op(s)->size;

		pvpatch_copy(to, pvpatch_site_addr(s), size);
		to += size;
	}
}

int pvpatch_object_init(struct pvpatch_object *obj, void *work,
			size_t work_size, const void **fault)
{
	size_t needed, index_size = site_count(obj) * sizeof(uint32_t);
	int err = pvpatch_object_measure(obj, &needed, fault);

	if (err)
		return err;
	if (work_size < needed || (uintptr_t)work % 4) {
		*fault = work;
		return PVPATCH_ERR_INVAL;
	}
	obj->by_addr = work;
	obj->saved = (unsigned char *)work + index_size;
	obj->planned = obj->saved + (needed - index_size) / 2;
	sort_by_addr(obj);
	err = check_sites(obj, fault);
	if (!err)
		err = check_records(obj, fault);
	if (err)
		return err;
	*fault = 0;
	save_sites(obj);
	return PVPATCH_OK;
}

int pvpatch_object_site_at(const struct pvpatch_object *obj, uintptr_t addr)
{
	size_t lo = 0, hi = site_count(obj);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uintptr_t a = addr_of(obj, obj->by_addr[mid]);

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
	const unsigned char *saved;	/* original bytes */
	unsigned char *planned;		/* what the operation will write */
};

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

static void fill_prefixes(unsigned char *to, unsigned n)
{
	while (n--)
		*to++ = CS_PREFIX;
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

static void head_code(struct site *s, const unsigned char *code, unsigned len)
{
	pvpatch_copy(s->planned, s->saved, s->size);
	fill_prefixes(s->planned, s->head - len);
	pvpatch_copy(s->planned + s->head - len, code, len);
}

static void head_call(struct site *s, const void *target)
{
	uintptr_t end = (uintptr_t)s->text + s->head;

	pvpatch_copy(s->planned, s->saved, s->size);
	fill_prefixes(s->planned, s->head - PVPATCH_CALL_REL32_SIZE);
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
	    (len == s->head || m->inline_paddable)) {
		head_code(s, m->inline_code, len);
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
	p->fault = m->impl;
	if (!m->call_allowed)
		return PVPATCH_ERR_CLOBBERS;
	kind = plan_call(p, m->impl, s);
	if (kind >= 0)
		return kind;
	if (m->left_calls_impl)
		return plan_original(s);
	p->fault = s->text;
	return PVPATCH_ERR_RANGE;
}

/* Whether the site holds one instruction of the original call's length
   followed by the original NOPs: the only contents live mode replaces. */
static int holds_head_form(const struct site *s)
{
	struct insn in;

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
};

static int considered(const struct operation *op, const struct pvpatch_op *desc)
{
	return !op->only || pvpatch_op_target(desc) == op->only;
}

/* A visitor returns 0 to go on, anything else to stop the walk with it. */
typedef int (*site_fn)(struct pvpatch_patcher *p, struct operation *op,
		       struct site *s);

/* Visit every considered site in address order, object by object. */
static int for_each_site(struct pvpatch_patcher *p, struct operation *op,
			 site_fn fn)
{
	for (unsigned i = 0; i < p->nobjects; i++) {
		struct pvpatch_object *o = p->objects[i];
		size_t offset = 0;

		for (size_t j = 0; j < site_count(o); j++) {
			const struct pvpatch_site *e = &o->sites[o->by_addr[j]];
			struct site s = {
				.op = pvpatch_site_op(e),
				.text = pvpatch_site_addr(e),
				.size = pvpatch_site_op(e)->size,
				.saved = o->saved + offset,
				.planned = o->planned + offset,
			};
			struct insn call;
			int stop;

			offset += s.size;
			if (!considered(op, s.op))
				continue;
			pvpatch_insn_decode(&call, s.saved, s.size);	/* checked at init */
			s.head = call.len;
			stop = fn(p, op, &s);
			if (stop)
				return stop;
		}
	}
	return 0;
}

/* The slot's value, if the slot is in some object's readable memory. */
static int read_slot(struct pvpatch_patcher *p, const struct pvpatch_op *desc,
		     void **value)
{
	void *const *slot = pvpatch_op_target(desc);

	if (!pvpatch_segment_end(p, (uintptr_t)slot, PVPATCH_PROT_READ)) {
		p->fault = desc;
		return PVPATCH_ERR_BAD_OP;
	}
	*value = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
	return PVPATCH_OK;
}

static int binding_of(struct pvpatch_patcher *p, const struct operation *op,
		      const struct pvpatch_op *desc, void **impl)
{
	void *target = pvpatch_op_target(desc);

	if (op->only) {
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
	if (!quiescent(p) && !pvpatch_same(s->planned, s->text, s->size) &&
	    !holds_head_form(s)) {
		p->fault = s->text;
		return PVPATCH_ERR_NOT_LIVE;
	}
	count(&p->stats, kind);
	return PVPATCH_OK;
}

/*
 * Writing: round 1 puts an int3 on the first byte of each changing site;
 * round 2 writes the other bytes, which no CPU can now reach; round 3 the
 * first byte.  Each round ends with sync(), so every CPU has dropped the
 * old bytes before the next round.  A site's int3 marks it as changing in
 * rounds 2 and 3: no planned content begins with int3.
 */
static int write_text(struct pvpatch_patcher *p, void *dst, const void *src,
		      size_t len)
{
	if (!p->writer.write(p->writer.ctx, dst, src, len))
		return PVPATCH_OK;
	p->fault = dst;
	return PVPATCH_ERR_WRITE;
}

static int changes(const struct site *s)
{
	return !pvpatch_same(s->planned, s->text, s->size);
}

static int trap_site(struct pvpatch_patcher *p, struct operation *op,
		     struct site *s)
{
	static const unsigned char int3 = INT3;

	(void)op;
	return changes(s) ? write_text(p, s->text, &int3, 1) : PVPATCH_OK;
}

static int write_tail(struct pvpatch_patcher *p, struct operation *op,
		      struct site *s)
{
	(void)op;
	if (s->text[0] != INT3)
		return PVPATCH_OK;
	return write_text(p, s->text + 1, s->planned + 1, s->size - 1);
}

static int write_head(struct pvpatch_patcher *p, struct operation *op,
		      struct site *s)
{
	(void)op;
	if (s->text[0] != INT3)
		return PVPATCH_OK;
	return write_text(p, s->text, s->planned, 1);
}

static int write_rounds(struct pvpatch_patcher *p, struct operation *op)
{
	static const site_fn rounds[] = { trap_site, write_tail, write_head };

	for (unsigned r = 0; r < sizeof(rounds) / sizeof(rounds[0]); r++) {
		int err = for_each_site(p, op, rounds[r]);

		if (err)
			return err;
		if (p->writer.sync(p->writer.ctx)) {
			p->fault = 0;
			return PVPATCH_ERR_SYNC;
		}
	}
	return PVPATCH_OK;
}

static int stop_if_changing(struct pvpatch_patcher *p, struct operation *op,
			    struct site *s)
{
	(void)p;
	(void)op;
	return changes(s);
}

static int run(struct pvpatch_patcher *p, struct operation *op)
{
	int err;

	p->stats = (struct pvpatch_stats){ 0, 0, 0, 0 };
	p->fault = 0;
	for (unsigned i = 0; i < PVPATCH_MEMO_SLOTS; i++)
		p->memo[i].op = 0;
	err = for_each_site(p, op, plan_site);
	if (err)
		return err;
	if (!for_each_site(p, op, stop_if_changing))
		return PVPATCH_OK;	/* no sync for nothing */
	return write_rounds(p, op);
}

int pvpatch_core_apply(struct pvpatch_patcher *p)
{
	struct operation op = { GOAL_BIND, 0, 0, 0 };

	return run(p, &op);
}

int pvpatch_core_revert(struct pvpatch_patcher *p)
{
	struct operation op = { GOAL_REVERT, 0, 0, 0 };

	return run(p, &op);
}

static int find_op(struct pvpatch_patcher *p, struct operation *op,
		   struct site *s)
{
	(void)p;
	op->found = s->op;
	return 1;
}

int pvpatch_core_bind(struct pvpatch_patcher *p, void *target, void *impl)
{
	struct operation op = { GOAL_BIND, target, impl, 0 };
	int err;

	p->fault = 0;
	if (!target || !impl)
		return PVPATCH_ERR_INVAL;
	if (!for_each_site(p, &op, find_op))
		return PVPATCH_ERR_UNKNOWN_OP;
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
