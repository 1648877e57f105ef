/* SPDX-License-Identifier: MIT */
/*
 * The validation stage: an object's tables are checked once, whole,
 * before anything is written (pvpatch_object_measure), and its work area
 * is laid out with every site's original bytes (pvpatch_object_init).
 * Freestanding.
 */
#include "analyze.h"
#include "object.h"

/* ---- Segments ---- */

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

uintptr_t pvpatch_segment_end(struct pvpatch_object *const *objects,
			      unsigned n, uintptr_t addr, unsigned prot)
{
	for (unsigned i = 0; i < n; i++) {
		const struct pvpatch_range *r = pvpatch_range_of(objects[i], addr, prot);

		if (r)
			return r->end;
	}
	return 0;
}

/* ---- Descriptors and records ---- */

#define CALL_SLOT_SIZE 6	/* ff 15 disp32 */

int pvpatch_own_call(const struct pvpatch_op *op, const unsigned char *text,
		     unsigned head, unsigned char *to)
{
	uintptr_t target = (uintptr_t)pvpatch_op_target(op), end = (uintptr_t)text + head;
	int indirect = op->flags & PVPATCH_OP_INDIRECT;
	unsigned opcode_len = head - 4;
	uint32_t disp = INSN_64 || !indirect ? (uint32_t)(target - end) : (uint32_t)target;

	if (head != (indirect ? CALL_SLOT_SIZE : PVPATCH_CALL_REL32_SIZE))
		return 0;
	if (to) {
		to[0] = indirect ? 0xff : PVPATCH_CALL_REL32;
		to[1] = 0x15;	/* overwritten by the displacement of e8 */
		__builtin_memcpy(to + opcode_len, &disp, 4);
	}
	return (indirect ? text[0] == 0xff && text[1] == 0x15
			 : text[0] == PVPATCH_CALL_REL32) &&
	       pvpatch_load4(text + opcode_len) == disp;
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

static int check_impl(const struct pvpatch_object *obj,
		      const struct pvpatch_impl *rec)
{
	return pvpatch_object_holds(obj, (uintptr_t)pvpatch_rel(&rec->fn), 1,
				    PVPATCH_PROT_EXEC) &&
	       !(rec->clobbers & ~CORE_CLOBBER_MASK);
}

const void *pvpatch_inline_impl(const struct pvpatch_inline *rec)
{
	const void *at = pvpatch_rel(&rec->impl);

	return (rec->flags & PVPATCH_INLINE_REF) ? *(void *const *)at : at;
}

/* The clobber list may not run past the end of its segment. */
int pvpatch_inline_clobbers(const struct pvpatch_object *obj,
			    const struct pvpatch_inline *rec, uint32_t *mask)
{
	const char *list = pvpatch_rel(&rec->clobbers);
	const struct pvpatch_range *r =
		pvpatch_range_of(obj, (uintptr_t)list, PVPATCH_PROT_READ);

	return r ? pvpatch_parse_clobbers(list, (const char *)r->end, mask) : -1;
}

/* On error *fault is the record, or the instruction of its code that is
   wrong. */
static int check_inline(const struct pvpatch_object *obj,
			const struct pvpatch_inline *rec, const void **fault)
{
	struct shape sh;
	uint32_t mask;
	uintptr_t impl_field = (uintptr_t)pvpatch_rel(&rec->impl);
	const unsigned char *code = pvpatch_rel(&rec->code);
	int ref = rec->flags & PVPATCH_INLINE_REF;

	*fault = rec;
	if (rec->version != PVPATCH_ABI_VERSION ||
	    (rec->flags & ~PVPATCH_INLINE_KNOWN_FLAGS) ||
	    rec->len > PVPATCH_MAX_SITE_SIZE ||
	    (ref && !pvpatch_word_aligned(impl_field)) ||
	    !pvpatch_object_holds(obj, impl_field, ref ? sizeof(void *) : 1,
				  PVPATCH_PROT_READ) ||
	    !pvpatch_object_holds(obj, (uintptr_t)code, rec->len,
				  PVPATCH_PROT_READ) ||
	    pvpatch_inline_clobbers(obj, rec, &mask))
		return PVPATCH_ERR_BAD_INLINE;
	if (pvpatch_scan_code(code, rec->len, 1, &sh)) {
		*fault = code + sh.bad_at;
		return PVPATCH_ERR_BAD_INLINE;
	}
	/* A record must declare what its code writes: one that does not is
	   wrong about something, so none of it is trusted. */
	if (sh.writes & ~mask) {
		*fault = code + pvpatch_first_write(&sh, sh.writes & ~mask);
		return PVPATCH_ERR_BAD_INLINE;
	}
	return PVPATCH_OK;
}

static int check_records(const struct pvpatch_object *obj, const void **fault)
{
	for (const struct pvpatch_impl *r = obj->impls; r < obj->impls_end; r++) {
		*fault = r;
		if (!check_impl(obj, r))
			return PVPATCH_ERR_BAD_IMPL;
	}
	for (const struct pvpatch_inline *r = obj->inlines; r < obj->inlines_end;
	     r++) {
		int err = check_inline(obj, r, fault);

		if (err)
			return err;
	}
	return PVPATCH_OK;
}

/* ---- Sites ---- */

/* What the work area needs, found while checking the sites. */
struct tally {
	int in_order;		/* the table is in address order */
	size_t saved;		/* bytes of original contents kept */
	size_t bytes;		/* bytes of all sites */
};

void pvpatch_work_out_own_form(const struct pvpatch_op *op, struct own_form *f)
{
	unsigned char bytes[OWN_FORM_SIZE];
	int indirect = op->flags & PVPATCH_OP_INDIRECT;

	f->op = op;
	f->head = indirect ? CALL_SLOT_SIZE : PVPATCH_CALL_REL32_SIZE;
	f->target = (uintptr_t)pvpatch_op_target(op);
	f->relative = INSN_64 || !indirect;
	pvpatch_fill_tail_nops(bytes, OWN_FORM_SIZE, f->head);
	bytes[0] = indirect ? 0xff : PVPATCH_CALL_REL32;
	bytes[1] = 0x15;
	__builtin_memset(bytes + f->head - 4, 0, 4);
	f->fixed = pvpatch_load8(bytes);
}

/* A site's state byte (object.h) as its bytes make it: one call followed
   by NOPs, or a call wrapped in push/pop pairs; 0 if neither. */
static unsigned char form_state(const struct own_form *f,
				const unsigned char *text)
{
	const struct pvpatch_op *op = f->op;
	int assembled, own;
	unsigned size = op->size;
	unsigned head, lead;
	uint32_t saved;

	if (pvpatch_holds_own_form(f, text))
		return (unsigned char)(f->head | STATE_ASSEMBLED | STATE_OWN_CALL);
	head = pvpatch_site_form(text, size, &assembled);
	if (head) {
		own = assembled && pvpatch_own_call(op, text, head, 0);
		return (unsigned char)(head | (assembled ? STATE_ASSEMBLED : 0) |
				       (own ? STATE_OWN_CALL : 0));
	}
	head = pvpatch_wrapped_form(text, size, &lead, &saved);
	return (unsigned char)(head ? head | STATE_WRAPPED : 0);
}

static struct own_form *own_form_slot(struct own_form *forms,
				      const struct pvpatch_op *op)
{
	return &forms[((uintptr_t)op / 4) % MEMO_SLOTS];
}

/* Each site in table order: its op, inside an executable segment, one
   call followed by NOPs or wrapped in push/pop pairs; overlaps here if the table is in address order,
   else once it is sorted (check_overlaps). */
static int check_site_table(const struct pvpatch_object *obj, struct tally *t,
		       const void **fault)
{
	/* Ops already checked, by address: sites of a few ops take turns. */
	struct own_form checked[MEMO_SLOTS] = { { 0 } };
	/* The segment of the last site: the next is most likely in it. */
	const struct pvpatch_range *exec = 0;
	uintptr_t prev = 0, prev_end = 0;
	int err;

	t->in_order = 1;
	for (const struct pvpatch_site *s = obj->sites; s < obj->sites_end; s++) {
		const struct pvpatch_op *op = pvpatch_site_op(s);
		uintptr_t addr = (uintptr_t)pvpatch_site_addr(s);
		struct own_form *seen = own_form_slot(checked, op);
		unsigned char state;

		if (seen->op != op) {
			*fault = op;
			err = check_op(obj, op);
			if (err)
				return err;
			pvpatch_work_out_own_form(op, seen);
		}
		*fault = (const void *)addr;
		if (!exec || addr < exec->begin || addr >= exec->end)
			exec = pvpatch_range_of(obj, addr, PVPATCH_PROT_EXEC);
		if (!exec || op->size > exec->end - addr)
			return PVPATCH_ERR_SITE_RANGE;
		if (s > obj->sites && addr < prev)
			t->in_order = 0;
		if (t->in_order && s > obj->sites && addr < prev_end)
			return PVPATCH_ERR_OVERLAP;
		state = form_state(seen, (const void *)addr);
		if (!state)
			return PVPATCH_ERR_SITE_BYTES;
		t->saved += pvpatch_kept_bytes(state, op->size);
		t->bytes += op->size;
		prev = addr;
		prev_end = addr + op->size;
	}
	return PVPATCH_OK;
}

static size_t align_up(size_t n, size_t to)
{
	return (n + to - 1) & ~(to - 1);
}

/* The work area's size, and where its arrays start (NULL work: only the
   size). */
static size_t lay_out(const struct pvpatch_object *obj, const struct tally *t,
		      struct object_work *w)
{
	size_t n = pvpatch_site_count(obj), at;
	size_t chunk = t->bytes < 4096 ? t->bytes : 4096;
	unsigned char *base = (unsigned char *)w;

	if (!n)
		return 0;
	at = align_up(sizeof(struct object_work), sizeof(uint32_t));
	if (w)
		w->by_addr = t->in_order ? 0 : (const uint32_t *)(base + at);
	at += t->in_order ? 0 : n * sizeof(uint32_t);
	if (w) {
		w->state = base + at;
		w->saved = base + at + n;
		w->planned = w->saved + t->saved;
		w->chunk = w->planned + t->bytes;
		w->chunk_size = chunk;
	}
	return at + n + t->saved + t->bytes + chunk;
}

int pvpatch_object_measure(struct pvpatch_object *obj, size_t *work_size,
			   const void **fault)
{
	struct tally t = { 1, 0, 0 };
	int err;

	obj->measured = 0;
	*fault = obj->sites;
	if (!table_ok(obj, obj->sites, obj->sites_end, sizeof(*obj->sites)) ||
	    !table_ok(obj, obj->impls, obj->impls_end, sizeof(*obj->impls)) ||
	    !table_ok(obj, obj->inlines, obj->inlines_end, sizeof(*obj->inlines)))
		return PVPATCH_ERR_BAD_NOTE;
	err = check_site_table(obj, &t, fault);
	if (!err)
		err = check_records(obj, fault);
	if (err)
		return err;
	*fault = 0;
	obj->in_order = t.in_order;
	obj->saved_bytes = t.saved;
	obj->site_bytes = t.bytes;
	obj->measured = 1;
	*work_size = lay_out(obj, &t, 0);
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

/* A table not in address order gets an index, heap-sorted in place. */
static void sort_by_addr(const struct pvpatch_object *obj, uint32_t *a)
{
	size_t n = pvpatch_site_count(obj);

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

/* The table's index of the i-th site in address order. */
static inline uint32_t nth_site(const struct object_work *w, size_t i)
{
	return w->by_addr ? w->by_addr[i] : (uint32_t)i;
}

static int check_overlaps(const struct pvpatch_object *obj, const void **fault)
{
	const struct object_work *w = pvpatch_work(obj);
	uintptr_t prev_end = 0;

	for (size_t i = 0; i < pvpatch_site_count(obj); i++) {
		const struct pvpatch_site *s = &obj->sites[nth_site(w, i)];
		uintptr_t addr = (uintptr_t)pvpatch_site_addr(s);

		if (i && addr < prev_end) {
			*fault = (const void *)addr;
			return PVPATCH_ERR_OVERLAP;
		}
		prev_end = addr + pvpatch_site_op(s)->size;
	}
	return PVPATCH_OK;
}

/* Each site's state and original bytes, in address order. */
static void keep_originals(const struct pvpatch_object *obj)
{
	const struct object_work *w = pvpatch_work(obj);
	unsigned char *saved = w->saved;
	struct own_form forms[MEMO_SLOTS] = { { 0 } };

	for (size_t i = 0; i < pvpatch_site_count(obj); i++) {
		const struct pvpatch_site *s = &obj->sites[nth_site(w, i)];
		const struct pvpatch_op *op = pvpatch_site_op(s);
		struct own_form *f = own_form_slot(forms, op);
		const unsigned char *text = pvpatch_site_addr(s);
		unsigned char state, keep;

		if (f->op != op)
			pvpatch_work_out_own_form(op, f);
		state = form_state(f, text);
		keep = (unsigned char)pvpatch_kept_bytes(state, op->size);

		w->state[i] = state;
		pvpatch_copy(saved, text, keep);
		saved += keep;
	}
}

int pvpatch_object_init(struct pvpatch_object *obj, void *area,
			size_t work_size, const void **fault)
{
	struct tally t = { obj->in_order, obj->saved_bytes, obj->site_bytes };
	struct object_work *w = area;
	int err;

	*fault = area;
	obj->work_area = 0;
	if (!obj->measured || work_size < lay_out(obj, &t, 0))
		return PVPATCH_ERR_INVAL;
	if (!pvpatch_site_count(obj)) {
		*fault = 0;
		return PVPATCH_OK;	/* nothing to keep */
	}
	if ((uintptr_t)area % _Alignof(struct object_work))
		return PVPATCH_ERR_INVAL;
	lay_out(obj, &t, w);
	for (unsigned i = 0; i < MEMO_SLOTS; i++)
		w->memo[i].op = 0;
	obj->work_area = w;
	if (w->by_addr) {
		sort_by_addr(obj, (uint32_t *)w->by_addr);
		err = check_overlaps(obj, fault);
		if (err) {
			obj->work_area = 0;
			return err;
		}
	}
	keep_originals(obj);
	*fault = 0;
	return PVPATCH_OK;
}

int pvpatch_object_site_at(const struct pvpatch_object *obj, uintptr_t addr)
{
	const struct object_work *w = pvpatch_work(obj);
	size_t lo = 0, hi = w ? pvpatch_site_count(obj) : 0;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uintptr_t a = addr_of(obj, nth_site(w, mid));

		if (a == addr)
			return 1;
		if (a < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}
